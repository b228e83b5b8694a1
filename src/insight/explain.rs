//! `explain`: everything bangui knows about one IP in one report — who bans
//! it now and until when, its ban history by origin, the blocklists that
//! list it, its country and AS, what the safety policy would say about
//! banning it, and the log lines that got it banned. Pure assembly over
//! inputs the caller gathered (socket, databases, `now`), so it is tested
//! without a server.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use crate::bans::BanEntry;
use crate::error::{Error, Result};
use crate::geo::GeoInfo;
use crate::history::origin::{Attributor, Candidate, FAIL2BAN, MANUAL_WINDOW_S};
use crate::history::source::RawBan;
use crate::insight::expiry::Expiry;
use crate::net::{Policy, Target};

/// Unix seconds as RFC 3339 in JSON (also used by the selector's items).
pub(crate) fn ts<S: serde::Serializer>(t: &i64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::util::rfc3339(*t))
}

pub(crate) fn ts_opt<S: serde::Serializer>(
    t: &Option<i64>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => ts(t, s),
        None => s.serialize_none(),
    }
}

/// Parse an IP for `explain`: a single address in its canonical spelling
/// (what fail2ban and bangui print), so that the answer is about exactly
/// the address the operator meant.
pub fn parse_ip(s: &str) -> Result<Target> {
    let shown = crate::util::sanitize(s);
    let t = Target::parse(s).map_err(|e| Error::bad_input(format!("explain: {e}")))?;
    if !t.is_host() {
        return Err(Error::bad_input(format!(
            "explain: {shown:?} is a network; give one IP address"
        )));
    }
    if !s.trim().eq_ignore_ascii_case(&t.to_string()) {
        return Err(Error::bad_input(format!(
            "explain: {shown:?} is not written canonically; did you mean {t}?"
        )));
    }
    Ok(t)
}

/// What the caller gathered once for every IP.
pub struct Inputs<'a> {
    /// Every current ban of every jail (with `ban_count` when known).
    pub bans: &'a [BanEntry],
    /// Every jail with its `ignoreip` entries.
    pub ignoreip: &'a BTreeMap<String, Vec<String>>,
    /// The safety policy without any jail's `ignoreip`.
    pub policy: &'a Policy,
    /// bangui's database, when it exists.
    pub conn: Option<&'a Connection>,
    /// bangui's expiries keyed by (jail, target).
    pub expiries: &'a HashMap<(String, String), Expiry>,
    pub now: i64,
    /// At most this many log lines.
    pub lines: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CurrentBan {
    pub jail: String,
    /// The banned entry: the IP itself, or a network that contains it.
    pub entry: String,
    pub exact: bool,
    #[serde(serialize_with = "ts_opt")]
    pub banned_at: Option<i64>,
    /// fail2ban's end; `None` for a permanent ban.
    #[serde(serialize_with = "ts_opt")]
    pub ends_at: Option<i64>,
    pub time_left: Option<i64>,
    pub permanent: bool,
    pub ban_count: Option<i64>,
    /// bangui's own end (`ban --for/--until`), enforced by `expire-bans`.
    #[serde(serialize_with = "ts_opt")]
    pub bangui_expires_at: Option<i64>,
    /// Whether the kernel firewall holds the entry (the jail's inspectable
    /// actions, as `verify` reads them); `None` when none is inspectable.
    pub enforced: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OriginSummary {
    pub origin: String,
    pub count: u64,
    #[serde(serialize_with = "ts")]
    pub first_at: i64,
    #[serde(serialize_with = "ts")]
    pub last_at: i64,
    /// Per origin: the jails that detected it (fail2ban), the actors
    /// (manual), the blocklist sources (blocklist).
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEvent {
    pub jail: String,
    #[serde(serialize_with = "ts")]
    pub banned_at: i64,
    pub bantime: Option<i64>,
    pub origin: String,
    pub source: Option<String>,
    /// Still only in fail2ban's database (not yet synced into bangui's).
    pub unsynced: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistorySummary {
    pub count: u64,
    #[serde(serialize_with = "ts_opt")]
    pub first_at: Option<i64>,
    #[serde(serialize_with = "ts_opt")]
    pub last_at: Option<i64>,
    pub by_origin: Vec<OriginSummary>,
    /// Newest first.
    pub events: Vec<HistoryEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Listing {
    pub source: String,
    pub network: String,
    pub jail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// `None`: the policy that applies to every jail.
    pub jail: Option<String>,
    pub allowed: bool,
    pub reason_code: Option<&'static str>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    pub jail: String,
    #[serde(serialize_with = "ts")]
    pub banned_at: i64,
    pub line: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub ip: Target,
    pub banned: bool,
    pub bans: Vec<CurrentBan>,
    pub history: HistorySummary,
    pub blocklists: Vec<Listing>,
    pub geo: Option<GeoInfo>,
    /// The verdict of the policy itself first, then one per jail.
    pub safety: Vec<Verdict>,
    /// Newest first, at most `Inputs::lines`.
    pub log_lines: Vec<LogLine>,
    /// User names fail2ban's filters captured (`<F-USER>`) in its bans, sorted.
    pub users: Vec<String>,
}

/// Assemble the report for `ip` from `inputs`, fail2ban's `bans` rows for
/// it (`f2b_rows`, read-only) and its geo answer.
pub fn explain(
    ip: Target,
    inputs: &Inputs<'_>,
    f2b_rows: &[RawBan],
    geo: Option<GeoInfo>,
) -> Result<Explanation> {
    let bans = current_bans(ip, inputs);
    let (events, data) = history_events(ip, inputs, f2b_rows)?;
    let history = summarise(events);
    let users = users(&data);
    let blocklists = match inputs.conn {
        Some(c) => listings(c, ip)?,
        None => Vec::new(),
    };
    Ok(Explanation {
        ip,
        banned: !bans.is_empty(),
        bans,
        history,
        blocklists,
        geo,
        safety: verdicts(ip, inputs),
        log_lines: log_lines(data, inputs.lines),
        users,
    })
}

fn current_bans(ip: Target, inputs: &Inputs<'_>) -> Vec<CurrentBan> {
    let mut out: Vec<CurrentBan> = inputs
        .bans
        .iter()
        .filter_map(|b| {
            let t = Target::parse(&b.ip).ok()?;
            t.contains(&ip).then(|| CurrentBan {
                jail: b.jail.clone(),
                entry: t.to_string(),
                exact: t == ip,
                banned_at: b.start,
                ends_at: b.end,
                time_left: b.end.map(|e| (e - inputs.now).max(0)),
                permanent: b.end.is_none(),
                ban_count: b.ban_count,
                bangui_expires_at: inputs
                    .expiries
                    .get(&(b.jail.clone(), t.to_string()))
                    .map(|e| e.expires_at),
                enforced: None,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.jail, !a.exact, &a.entry).cmp(&(&b.jail, !b.exact, &b.entry)));
    out
}

/// A ban event's data: (jail, timeofban, fail2ban's JSON).
type EventData = Vec<(String, i64, Option<String>)>;

fn history_events(
    ip: Target,
    inputs: &Inputs<'_>,
    f2b_rows: &[RawBan],
) -> Result<(Vec<HistoryEvent>, EventData)> {
    let mut events = Vec::new();
    let mut data: EventData = Vec::new();
    let mut seen: BTreeSet<(String, i64)> = BTreeSet::new();
    if let Some(conn) = inputs.conn {
        let filter = crate::history::Filter {
            ip: Some(ip),
            ..Default::default()
        };
        for r in crate::history::list(conn, &filter, crate::history::Order::Desc, None)? {
            seen.insert((r.jail.clone(), r.timeofban));
            data.push((r.jail.clone(), r.timeofban, r.data.clone()));
            events.push(HistoryEvent {
                jail: r.jail,
                banned_at: r.timeofban,
                bantime: r.bantime,
                origin: r.origin,
                source: r.source,
                unsynced: false,
            });
        }
    }
    let fresh: Vec<&RawBan> = f2b_rows
        .iter()
        .filter(|r| !seen.contains(&(r.jail.clone(), r.timeofban)))
        .collect();
    if !fresh.is_empty() {
        let attributed: Vec<(&'static str, Option<String>)> = match inputs.conn {
            Some(conn) => {
                let cands: Vec<Candidate<'_>> = fresh
                    .iter()
                    .map(|r| Candidate {
                        jail: &r.jail,
                        target: ip,
                        timeofban: r.timeofban,
                        data: r.data.as_deref(),
                    })
                    .collect();
                Attributor::new(conn, MANUAL_WINDOW_S)?
                    .attribute(conn, &cands)?
                    .into_iter()
                    .map(|a| (a.origin, a.source))
                    .collect()
            }
            None => vec![(FAIL2BAN, None); fresh.len()],
        };
        for (r, (origin, source)) in fresh.into_iter().zip(attributed) {
            data.push((r.jail.clone(), r.timeofban, r.data.clone()));
            events.push(HistoryEvent {
                jail: r.jail.clone(),
                banned_at: r.timeofban,
                bantime: (r.bantime != -2).then_some(r.bantime),
                origin: origin.to_string(),
                source,
                unsynced: true,
            });
        }
    }
    events.sort_by(|a, b| (b.banned_at, &b.jail).cmp(&(a.banned_at, &a.jail)));
    data.sort_by(|a, b| (b.1, &b.0).cmp(&(a.1, &a.0)));
    Ok((events, data))
}

fn summarise(events: Vec<HistoryEvent>) -> HistorySummary {
    let mut by: BTreeMap<String, OriginSummary> = BTreeMap::new();
    for e in &events {
        let s = by.entry(e.origin.clone()).or_insert(OriginSummary {
            origin: e.origin.clone(),
            count: 0,
            first_at: e.banned_at,
            last_at: e.banned_at,
            sources: Vec::new(),
        });
        s.count += 1;
        s.first_at = s.first_at.min(e.banned_at);
        s.last_at = s.last_at.max(e.banned_at);
        let src = if e.origin == FAIL2BAN {
            Some(e.jail.clone())
        } else {
            e.source.clone()
        };
        if let Some(src) = src
            && !s.sources.contains(&src)
        {
            s.sources.push(src);
        }
    }
    for s in by.values_mut() {
        s.sources.sort();
    }
    HistorySummary {
        count: events.len() as u64,
        first_at: events.iter().map(|e| e.banned_at).min(),
        last_at: events.iter().map(|e| e.banned_at).max(),
        by_origin: by.into_values().collect(),
        events,
    }
}

/// Every blocklist entry that contains `ip`, found by probing each prefix
/// length on the entries' network index (at most 33 or 129 keys).
pub fn listings(conn: &Connection, ip: Target) -> Result<Vec<Listing>> {
    let net = ip.net();
    let keys: Vec<String> = (0..=net.max_prefix_len())
        .filter_map(|len| ipnet::IpNet::new(net.addr(), len).ok())
        .map(|n| Target::from_net(n).to_string())
        .collect();
    let marks = vec!["?"; keys.len()].join(",");
    let ctx = "reading blocklist entries";
    let mut st = conn
        .prepare(&format!(
            "SELECT s.name, e.network, e.jail FROM blocklist_entries e
             JOIN blocklist_sources s ON s.id = e.source_id WHERE e.network IN ({marks})"
        ))
        .map_err(|e| Error::db(ctx, e))?;
    let mut out = st
        .query_map(rusqlite::params_from_iter(keys.iter()), |r| {
            Ok(Listing {
                source: r.get(0)?,
                network: r.get(1)?,
                jail: r.get(2)?,
            })
        })
        .map_err(|e| Error::db(ctx, e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::db(ctx, e))?;
    out.sort();
    Ok(out)
}

fn verdict(jail: Option<&str>, p: &Policy, ip: &Target) -> Verdict {
    let r = p.check(ip).err();
    Verdict {
        jail: jail.map(str::to_string),
        allowed: r.is_none(),
        reason_code: r.as_ref().map(|r| r.code()),
        reason: r.map(|r| r.to_string()),
    }
}

fn verdicts(ip: Target, inputs: &Inputs<'_>) -> Vec<Verdict> {
    let mut out = vec![verdict(None, inputs.policy, &ip)];
    for (jail, ignore) in inputs.ignoreip {
        let p = Policy {
            ignoreip: Policy::parse_list(ignore),
            ..inputs.policy.clone()
        };
        out.push(verdict(Some(jail), &p, &ip));
    }
    out
}

/// The `user` fail2ban stored with each ban (filters with `<F-USER>`).
fn users(data: &EventData) -> Vec<String> {
    let mut out = BTreeSet::new();
    for (_, _, d) in data {
        if let Some(v) = d
            .as_deref()
            .and_then(|d| serde_json::from_str::<Value>(d).ok())
            && let Some(u) = v.get("user").and_then(Value::as_str)
        {
            out.insert(crate::util::sanitize(u));
        }
    }
    out.into_iter().collect()
}

/// The matched log lines of each ban (fail2ban keeps them in `matches`),
/// newest ban first and newest line first. Repeated lines stay: each is a
/// failure that counted.
fn log_lines(data: EventData, cap: usize) -> Vec<LogLine> {
    let mut out = Vec::new();
    for (jail, at, d) in data {
        let Some(v) = d.and_then(|d| serde_json::from_str::<Value>(&d).ok()) else {
            continue;
        };
        let Some(matches) = v.get("matches").and_then(Value::as_array) else {
            continue;
        };
        for m in matches.iter().rev() {
            if out.len() >= cap {
                return out;
            }
            // fail2ban stores a line as text, or as its parts around the date.
            let line = match m {
                Value::String(s) => s.clone(),
                Value::Array(parts) => parts.iter().filter_map(Value::as_str).collect(),
                _ => continue,
            };
            out.push(LogLine {
                jail: jail.clone(),
                banned_at: at,
                line: crate::util::sanitize(&line),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(jail: &str, ip: &str, start: i64, end: Option<i64>) -> BanEntry {
        BanEntry {
            jail: jail.into(),
            ip: ip.into(),
            start: Some(start),
            end,
            bantime: end.map(|e| e - start),
            ban_count: Some(2),
        }
    }

    #[test]
    fn canonical_ips_only() {
        assert_eq!(parse_ip("45.42.7.9").unwrap().to_string(), "45.42.7.9");
        assert_eq!(parse_ip("2001:DB8::1").unwrap().to_string(), "2001:db8::1");
        for bad in [
            "not-an-ip",
            "045.42.7.9",
            "::ffff:45.42.7.9",
            "45.42.7.0/24",
            "1.2.3.4/32",
        ] {
            let e = parse_ip(bad).unwrap_err();
            assert_eq!(e.exit_code(), 65, "{bad}");
            assert!(e.to_string().contains(bad), "{e}");
        }
    }

    #[test]
    fn assembles_bans_history_lists_policy_and_lines() {
        let conn = crate::db::test_db();
        conn.execute(
            "INSERT INTO blocklist_sources (id, name, url, jail, created_at, updated_at)
             VALUES (1, 'feed', 'file:///x', 'web', 0, 0)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO blocklist_entries (source_id, network, jail, added_at)
             VALUES (1, '45.42.7.0/24', 'web', 10), (1, '80.1.2.0/24', 'web', 10)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO ban_history (jail, ip, timeofban, bantime, data, origin, source, synced_at)
             VALUES ('ssh', '45.42.7.9', 100, 600, '{\"matches\": [\"old line\"], \"failures\": 3}', 'fail2ban', NULL, 0)",
            [],
        )
        .unwrap();
        let bans = vec![
            entry("ssh", "45.42.7.9", 1000, Some(1600)),
            entry("web", "45.42.7.0/24", 10, None),
            entry("web", "80.1.2.0/24", 10, None),
        ];
        let ignore = BTreeMap::from([
            ("ssh".to_string(), vec!["45.42.0.0/16".to_string()]),
            ("web".to_string(), vec![]),
        ]);
        let mut expiries = HashMap::new();
        expiries.insert(
            ("ssh".to_string(), "45.42.7.9".to_string()),
            Expiry {
                jail: "ssh".into(),
                target: "45.42.7.9".into(),
                expires_at: 1300,
                set_at: 1000,
                actor: "alice".into(),
            },
        );
        let policy = Policy::default();
        let inputs = Inputs {
            bans: &bans,
            ignoreip: &ignore,
            policy: &policy,
            conn: Some(&conn),
            expiries: &expiries,
            now: 1200,
            lines: 3,
        };
        let fresh = RawBan {
            rowid: 1,
            jail: "ssh".into(),
            ip: Some("45.42.7.9".into()),
            timeofban: 1000,
            bantime: 600,
            bancount: 2,
            data: Some(
                r#"{"matches": ["l1 for bob", "l2 for bob", "l3 for bob"], "failures": 3, "user": "bob"}"#.into(),
            ),
        };
        let ip = parse_ip("45.42.7.9").unwrap();
        let x = explain(ip, &inputs, &[fresh], None).unwrap();
        assert!(x.banned);
        assert_eq!(x.bans.len(), 2);
        assert_eq!(x.bans[0].jail, "ssh");
        assert!(x.bans[0].exact);
        assert_eq!(x.bans[0].time_left, Some(400));
        assert_eq!(x.bans[0].bangui_expires_at, Some(1300));
        assert_eq!(x.bans[1].entry, "45.42.7.0/24");
        assert!(x.bans[1].permanent);
        assert_eq!(x.history.count, 2);
        assert_eq!(x.history.events[0].banned_at, 1000);
        assert!(x.history.events[0].unsynced);
        assert_eq!(x.history.by_origin[0].sources, ["ssh"]);
        assert_eq!(
            x.blocklists,
            [Listing {
                source: "feed".into(),
                network: "45.42.7.0/24".into(),
                jail: "web".into()
            }]
        );
        assert!(x.safety[0].allowed && x.safety[0].jail.is_none());
        let ssh = x
            .safety
            .iter()
            .find(|v| v.jail.as_deref() == Some("ssh"))
            .unwrap();
        assert_eq!(ssh.reason_code, Some("ignoreip"));
        let lines: Vec<&str> = x.log_lines.iter().map(|l| l.line.as_str()).collect();
        assert_eq!(lines, ["l3 for bob", "l2 for bob", "l1 for bob"]);
        assert_eq!(x.users, ["bob"]);

        let other = explain(parse_ip("9.9.9.9").unwrap(), &inputs, &[], None).unwrap();
        assert!(!other.banned && other.bans.is_empty() && other.blocklists.is_empty());
        let lo = explain(parse_ip("127.0.0.1").unwrap(), &inputs, &[], None).unwrap();
        assert_eq!(lo.safety[0].reason_code, Some("loopback"));
    }
}
