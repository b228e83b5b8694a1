//! bangui's own expiry of a ban (`ban --for/--until`): parsing the bound,
//! refusing one the jail's bantime would cut short, the `ban_expiry` rows,
//! and the `expire-bans` job that unbans what has expired (history first).

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::jobs::{Job, JobContext};
use crate::net::Target;
use crate::util::{parse_duration, rfc3339};

/// `--for DURATION`: a positive duration, as an absolute end time.
pub fn parse_for(s: &str, now: i64) -> Result<i64> {
    let secs = parse_duration(s).map_err(|e| Error::bad_input(format!("--for: {e}")))?;
    if secs == 0 {
        return Err(Error::bad_input(format!(
            "--for: the duration must be longer than 0s, got {:?}",
            crate::util::sanitize(s)
        )));
    }
    i64::try_from(secs)
        .ok()
        .and_then(|d| now.checked_add(d))
        .ok_or_else(|| Error::bad_input(format!("--for: duration too long: {s:?}")))
}

/// `--until TIME`: an RFC 3339 time or a date (UTC midnight), in the future.
pub fn parse_until(s: &str, now: i64) -> Result<i64> {
    let t = s.trim();
    let at = chrono::DateTime::parse_from_rfc3339(t)
        .map(|d| d.timestamp())
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc().timestamp())
                .ok_or(())
        })
        .map_err(|_| {
            Error::bad_input(format!(
                "--until: expected an RFC 3339 time (2026-12-24T18:00:00Z) or a date, got {:?}",
                crate::util::sanitize(s)
            ))
        })?;
    if at <= now {
        return Err(Error::bad_input(format!(
            "--until: {} is not in the future (now {})",
            rfc3339(at),
            rfc3339(now)
        )));
    }
    Ok(at)
}

/// Refuse an expiry that the jail's own bantime (seconds, negative =
/// permanent) would end earlier: fail2ban would unban before bangui does.
pub fn check_bantime(jail: &str, bantime: i64, now: i64, expires_at: i64) -> Result<()> {
    if bantime < 0 || now.saturating_add(bantime) >= expires_at {
        return Ok(());
    }
    Err(Error::bad_input(format!(
        "jail {jail} unbans after its bantime of {}, before the requested end {}; nothing was banned",
        crate::util::format_duration(bantime),
        rfc3339(expires_at)
    ))
    .with_hint(
        "use a jail with a longer or permanent bantime (bantime = -1), or --force to ban anyway",
    ))
}

/// One recorded expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expiry {
    pub jail: String,
    pub target: String,
    pub expires_at: i64,
    pub set_at: i64,
    pub actor: String,
}

/// Record (or replace) the expiry of these targets in `jail`.
pub fn record(
    conn: &mut Connection,
    jail: &str,
    targets: &[Target],
    expires_at: i64,
    actor: &str,
    now: i64,
) -> Result<()> {
    let ctx = "recording ban expiries";
    let tx = conn.transaction().map_err(|e| Error::db(ctx, e))?;
    {
        let mut st = tx
            .prepare_cached(
                "INSERT INTO ban_expiry (jail, target, expires_at, set_at, actor)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (jail, target) DO UPDATE SET expires_at = excluded.expires_at,
                     set_at = excluded.set_at, actor = excluded.actor",
            )
            .map_err(|e| Error::db(ctx, e))?;
        for t in targets {
            st.execute(params![jail, t.to_string(), expires_at, now, actor])
                .map_err(|e| Error::db(ctx, e))?;
        }
    }
    tx.commit().map_err(|e| Error::db(ctx, e))
}

/// Forget the expiry of these targets in `jail` (a ban renewed without a
/// duration, or one that has been unbanned). Returns how many rows went.
pub fn clear(conn: &Connection, jail: &str, targets: &[Target]) -> Result<usize> {
    let mut st = conn
        .prepare_cached("DELETE FROM ban_expiry WHERE jail = ?1 AND target = ?2")
        .map_err(|e| Error::db("clearing ban expiries", e))?;
    let mut n = 0;
    for t in targets {
        n += st
            .execute(params![jail, t.to_string()])
            .map_err(|e| Error::db("clearing ban expiries", e))?;
    }
    Ok(n)
}

/// Every recorded expiry, keyed by (jail, target).
pub fn all(conn: &Connection) -> Result<HashMap<(String, String), Expiry>> {
    Ok(query(
        conn,
        "SELECT jail, target, expires_at, set_at, actor FROM ban_expiry",
        [],
    )?
    .into_iter()
    .map(|e| ((e.jail.clone(), e.target.clone()), e))
    .collect())
}

/// Expiries at or before `now`, oldest first.
pub fn due(conn: &Connection, now: i64) -> Result<Vec<Expiry>> {
    query(
        conn,
        "SELECT jail, target, expires_at, set_at, actor FROM ban_expiry
         WHERE expires_at <= ?1 ORDER BY expires_at, jail, target",
        [now],
    )
}

fn query<P: rusqlite::Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<Expiry>> {
    let ctx = "reading ban expiries";
    let mut st = conn.prepare(sql).map_err(|e| Error::db(ctx, e))?;
    st.query_map(p, |r| {
        Ok(Expiry {
            jail: r.get(0)?,
            target: r.get(1)?,
            expires_at: r.get(2)?,
            set_at: r.get(3)?,
            actor: r.get(4)?,
        })
    })
    .map_err(|e| Error::db(ctx, e))?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(|e| Error::db(ctx, e))
}

/// Due expiries grouped by jail, with their targets parsed (rows whose
/// target no longer parses are returned apart, to be dropped).
pub fn due_by_jail(rows: &[Expiry]) -> (BTreeMap<String, Vec<Target>>, Vec<&Expiry>) {
    let mut by_jail: BTreeMap<String, Vec<Target>> = BTreeMap::new();
    let mut bad = Vec::new();
    for e in rows {
        match Target::parse(&e.target) {
            Ok(t) => by_jail.entry(e.jail.clone()).or_default().push(t),
            Err(_) => bad.push(e),
        }
    }
    (by_jail, bad)
}

/// The `expire-bans` job: unban every ban whose bangui expiry has passed,
/// saving fail2ban's history rows of each IP first, then forget the expiry.
pub struct ExpireBans;

impl Job for ExpireBans {
    fn name(&self) -> &'static str {
        "expire-bans"
    }

    fn description(&self) -> &'static str {
        "unban what `ban --for/--until` let expire (history saved first)"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.expire_bans_interval_s.max(1))
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let now = ctx.now();
        let rows = due(ctx.conn(), now)?;
        if rows.is_empty() {
            return Ok(json!({"changed": false, "due": 0, "unbanned": 0, "items": []}));
        }
        let cfg = ctx.config().clone();
        let batch = cfg.fail2ban.ban_batch_size;
        let mut client = crate::fail2ban::Client::connect(
            crate::fail2ban::ClientOptions::from_config(&cfg.fail2ban),
        )?;
        let f2b_db = crate::fail2ban::db::locate(cfg.fail2ban.db_file.as_deref(), &mut client)
            .ok()
            .flatten();
        let (by_jail, bad) = due_by_jail(&rows);
        let mut items = Vec::new();
        let mut unbanned = 0usize;
        let set_at: HashMap<(&str, &str), i64> = rows
            .iter()
            .map(|e| ((e.jail.as_str(), e.target.as_str()), e.set_at))
            .collect();
        for (jail, all_targets) in &by_jail {
            ctx.checkpoint()?;
            let targets = &still_ours(&mut client, jail, all_targets, &set_at)?;
            let conn = ctx.conn_mut();
            let mut keep = |pairs: &[(String, String)]| {
                save_history(conn, f2b_db.as_deref(), jail, pairs, now);
                Ok(())
            };
            let out =
                match crate::bans::unban(&mut client, Some(jail), targets, batch, false, &mut keep)
                {
                    Ok(o) => o,
                    // The jail is gone, and its bans with it.
                    Err(Error::NoSuchJail { .. }) => crate::bans::UnbanOutcome {
                        jail: Some(jail.clone()),
                        dry_run: false,
                        changed: false,
                        would_change: false,
                        unbanned: 0,
                        not_banned: targets.len(),
                        items: Vec::new(),
                    },
                    Err(e) => return Err(e),
                };
            unbanned += out.unbanned;
            let j = jail.clone();
            let ts = all_targets.clone();
            ctx.unit(move |tx| clear(tx, &j, &ts))?;
            for i in out.items {
                items.push(json!({"jail": jail, "ip": i.ip, "status": i.status}));
            }
        }
        if !bad.is_empty() {
            let bad: Vec<(String, String)> = bad
                .iter()
                .map(|e| (e.jail.clone(), e.target.clone()))
                .collect();
            ctx.unit(move |tx| {
                for (j, t) in &bad {
                    tx.execute(
                        "DELETE FROM ban_expiry WHERE jail = ?1 AND target = ?2",
                        params![j, t],
                    )
                    .map_err(|e| Error::db("dropping unreadable expiries", e))?;
                }
                Ok(())
            })?;
        }
        Ok(json!({
            "changed": unbanned > 0,
            "due": rows.len(),
            "unbanned": unbanned,
            "items": items,
        }))
    }
}

/// A ban that began after its expiry was recorded is a new one (fail2ban
/// detected the IP again after an unban): it is not bangui's to end.
const RENEWED_SLACK_S: i64 = 5;

/// The targets whose current ban is the one the expiry was recorded for
/// (or that fail2ban no longer lists, which `unban` then reports).
fn still_ours(
    client: &mut crate::fail2ban::Client,
    jail: &str,
    targets: &[Target],
    set_at: &HashMap<(&str, &str), i64>,
) -> Result<Vec<Target>> {
    let starts: HashMap<String, i64> = match crate::fail2ban::api::banip_with_time(client, jail) {
        Ok(list) => list
            .into_iter()
            .filter_map(|b| Target::parse(&b.ip).ok().map(|t| (t.to_string(), b.start)))
            .collect(),
        Err(Error::NoSuchJail { .. }) => HashMap::new(),
        Err(e) => return Err(e),
    };
    Ok(targets
        .iter()
        .filter(|t| {
            let key = t.to_string();
            let recorded = set_at
                .get(&(jail, key.as_str()))
                .copied()
                .unwrap_or(i64::MAX);
            starts
                .get(&key)
                .is_none_or(|start| *start <= recorded.saturating_add(RENEWED_SLACK_S))
        })
        .copied()
        .collect())
}

/// Copy fail2ban's rows of these IPs into the history before the unban
/// (fail2ban deletes them). A failure is logged, not fatal: the expiry is
/// the operator's standing order.
fn save_history(
    conn: &mut Connection,
    f2b_db: Option<&std::path::Path>,
    jail: &str,
    pairs: &[(String, String)],
    now: i64,
) {
    let Some(path) = f2b_db else { return };
    let ips = crate::bans::hosts_of(pairs);
    if ips.is_empty() {
        return;
    }
    let opts = crate::history::SyncOptions::default();
    match crate::history::sync_ips(conn, path, Some(jail), &ips, &opts, now) {
        Ok(r) => tracing::info!(
            event = "history_saved_before_unban",
            component = "expire-bans",
            inserted = r.inserted
        ),
        Err(e) => tracing::warn!(
            event = "history_not_saved_before_unban",
            component = "expire-bans",
            error = %e
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_for("2h", 1000).unwrap(), 1000 + 7200);
        for bad in ["0s", "0", "-1h", "", "soon"] {
            assert_eq!(parse_for(bad, 1000).unwrap_err().exit_code(), 65, "{bad}");
        }
        let now = 1_700_000_000;
        let want = chrono::DateTime::parse_from_rfc3339("2027-01-15T08:00:00Z")
            .unwrap()
            .timestamp();
        assert_eq!(parse_until("2027-01-15T08:00:00Z", now).unwrap(), want);
        assert_eq!(parse_until("2027-01-15", now).unwrap(), want - 8 * 3600);
        assert_eq!(parse_until("2020-01-01", now).unwrap_err().exit_code(), 65);
        assert_eq!(parse_until("tomorrow", now).unwrap_err().exit_code(), 65);
    }

    #[test]
    fn bantime_shorter_than_the_expiry_is_refused_with_a_hint() {
        let e = check_bantime("sshd", 600, 0, 3600).unwrap_err();
        assert_eq!(e.exit_code(), 65);
        assert!(e.hint().unwrap().contains("longer or permanent bantime"));
        assert!(e.to_string().contains("10m"), "{e}");
        assert!(check_bantime("sshd", 600, 0, 600).is_ok());
        assert!(check_bantime("sshd", -1, 0, i64::MAX).is_ok());
    }

    #[test]
    fn rows_round_trip_and_fall_due() {
        let mut conn = crate::db::test_db();
        let a = Target::parse("198.51.100.7").unwrap();
        let b = Target::parse("203.0.113.0/24").unwrap();
        record(&mut conn, "sshd", &[a, b], 100, "alice", 10).unwrap();
        record(&mut conn, "sshd", &[a], 50, "bob", 20).unwrap();
        let d = due(&conn, 60).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].target, "198.51.100.7");
        assert_eq!(d[0].actor, "bob");
        assert_eq!(due(&conn, 100).unwrap().len(), 2);
        assert_eq!(clear(&conn, "sshd", &[a]).unwrap(), 1);
        let left = all(&conn).unwrap();
        assert!(left.contains_key(&("sshd".into(), "203.0.113.0/24".into())));
        assert_eq!(left.len(), 1);
    }
}
