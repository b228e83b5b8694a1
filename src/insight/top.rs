//! The numbers behind `bangui top`: per-jail failed and banned counts with
//! their change over the last minute, the newest bans with their country,
//! the jobs and the blocklist feeds. Gathering is separate from drawing so
//! it is tested without a terminal; the change is computed from samples
//! the caller keeps in a [`Trend`].

use std::collections::{BTreeMap, VecDeque};

use rusqlite::Connection;
use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::fail2ban::{Transport, api};

/// The window a change is measured over.
pub const TREND_WINDOW_S: i64 = 60;

#[derive(Debug, Clone, Serialize)]
pub struct JailLine {
    pub jail: String,
    pub failed: u64,
    pub banned: u64,
    /// Change over the last minute (since the oldest sample in it).
    pub failed_change: i64,
    pub banned_change: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewBan {
    pub jail: String,
    pub ip: String,
    pub banned_at: i64,
    pub country_code: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JobLine {
    pub name: String,
    pub last_status: Option<String>,
    pub last_run_at: Option<i64>,
    pub next_due_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedLine {
    pub name: String,
    pub jail: String,
    pub entries: u64,
    pub last_status: Option<String>,
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub at: i64,
    pub jails: Vec<JailLine>,
    pub newest: Vec<NewBan>,
    pub jobs: Vec<JobLine>,
    pub feeds: Vec<FeedLine>,
}

/// Per jail: (currently failed, currently banned).
pub type Counts = BTreeMap<String, (u64, u64)>;

/// Samples of (time, counts) over the last minute.
#[derive(Debug, Default)]
pub struct Trend {
    samples: VecDeque<(i64, Counts)>,
}

impl Trend {
    /// Record a sample taken at `now`; return each jail's change since the
    /// oldest sample within the window (0 for a jail seen for the first time).
    pub fn push(
        &mut self,
        now: i64,
        counts: BTreeMap<String, (u64, u64)>,
    ) -> BTreeMap<String, (i64, i64)> {
        // Keep one sample at or just beyond the window edge as the baseline.
        while self.samples.len() > 1 && self.samples[1].0 <= now - TREND_WINDOW_S {
            self.samples.pop_front();
        }
        let base = self.samples.front().map(|(_, m)| m);
        let change = counts
            .iter()
            .map(|(j, (f, b))| {
                let (bf, bb) = base.and_then(|m| m.get(j)).copied().unwrap_or((*f, *b));
                (j.clone(), (*f as i64 - bf as i64, *b as i64 - bb as i64))
            })
            .collect();
        self.samples.push_back((now, counts));
        change
    }
}

/// Take one snapshot. `newest` bans are capped at `max_newest`; jobs, feeds
/// and countries come from bangui's database when there is one.
pub fn snapshot(
    t: &mut dyn Transport,
    conn: Option<&Connection>,
    cfg: &Config,
    trend: &mut Trend,
    now: i64,
    max_newest: usize,
) -> Result<Snapshot> {
    let mut counts = BTreeMap::new();
    let mut newest = Vec::new();
    for jail in api::status(t)? {
        let st = api::jail_status(t, &jail)?;
        counts.insert(jail.clone(), (st.currently_failed, st.currently_banned));
        for b in api::banip_with_time(t, &jail)? {
            newest.push(NewBan {
                jail: jail.clone(),
                ip: b.ip,
                banned_at: b.start,
                country_code: None,
            });
        }
    }
    let change = trend.push(now, counts.clone());
    let jails = counts
        .into_iter()
        .map(|(jail, (failed, banned))| {
            let (fc, bc) = change.get(&jail).copied().unwrap_or((0, 0));
            JailLine {
                jail,
                failed,
                banned,
                failed_change: fc,
                banned_change: bc,
            }
        })
        .collect();
    newest.sort_by(|a, b| (b.banned_at, &a.jail, &a.ip).cmp(&(a.banned_at, &b.jail, &b.ip)));
    newest.truncate(max_newest);
    let mut jobs = Vec::new();
    let mut feeds = Vec::new();
    if let Some(conn) = conn {
        let ips: Vec<std::net::IpAddr> = newest.iter().filter_map(|b| b.ip.parse().ok()).collect();
        let geo = crate::geo::cached(conn, &ips)?;
        for b in &mut newest {
            if let Ok(ip) = b.ip.parse::<std::net::IpAddr>() {
                b.country_code = geo.get(&ip).and_then(|g| g.country_code.clone());
            }
        }
        for j in crate::jobs::runner::list(conn, cfg, now)? {
            jobs.push(JobLine {
                last_status: j.last_run.as_ref().map(|r| r.status.clone()),
                last_run_at: j.last_run.as_ref().map(|r| r.started_at),
                next_due_at: j.next_due_at,
                name: j.name,
            });
        }
        for s in crate::blocklist::import::status(conn, now)? {
            feeds.push(FeedLine {
                name: s.name,
                jail: s.jail,
                entries: s.entries,
                last_status: s.last_status,
                stale: s.stale,
            });
        }
    }
    Ok(Snapshot {
        at: now,
        jails,
        newest,
        jobs,
        feeds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: &[(&str, u64, u64)]) -> BTreeMap<String, (u64, u64)> {
        v.iter()
            .map(|(j, f, b)| (j.to_string(), (*f, *b)))
            .collect()
    }

    #[test]
    fn change_is_measured_over_the_last_minute() {
        let mut t = Trend::default();
        assert_eq!(t.push(0, m(&[("ssh", 5, 1)]))["ssh"], (0, 0));
        assert_eq!(t.push(30, m(&[("ssh", 7, 2)]))["ssh"], (2, 1));
        assert_eq!(t.push(60, m(&[("ssh", 9, 4)]))["ssh"], (4, 3));
        // The sample at 0 is dropped: the one at 30 is now the newest that
        // is at least a minute old, and becomes the baseline.
        assert_eq!(
            t.push(95, m(&[("ssh", 9, 4), ("web", 1, 0)]))["ssh"],
            (2, 2)
        );
        let c = t.push(100, m(&[("ssh", 3, 6), ("web", 2, 1)]));
        assert_eq!(c["ssh"], (-4, 4));
        assert_eq!(c["web"], (0, 0));
    }
}
