//! Who caused a ban: fail2ban's own detection, a manual ban through bangui
//! (found in the audit log), or a blocklist import (found in the set a source
//! applied). Lookups are per batch, never per row, and skipped entirely when
//! bangui has neither audited bans nor blocklist entries.

use std::collections::HashMap;
use std::net::IpAddr;

use ipnet::IpNet;
use rusqlite::{Connection, params};

use crate::error::{Error, Result};
use crate::net::Target;

pub const FAIL2BAN: &str = "fail2ban";
pub const MANUAL: &str = "manual";
pub const BLOCKLIST: &str = "blocklist";
/// A blocklist import whose source is the fleet's shared decisions (`fleet:`).
pub const FLEET: &str = "fleet";
pub const ORIGINS: &[&str] = &[FAIL2BAN, MANUAL, BLOCKLIST, FLEET];

/// A ban is matched to an audit record written this long before or after it:
/// the audit row is written after a bulk `banip` returns, which can take a
/// while for thousands of IPs.
pub const MANUAL_WINDOW_S: i64 = 300;

/// A ban row reduced to what attribution needs.
pub struct Candidate<'a> {
    pub jail: &'a str,
    pub target: Target,
    pub timeofban: i64,
    pub data: Option<&'a str>,
}

/// Per-network lookups by prefix length: at most 33 or 129 hash probes per IP,
/// whatever the size of the list.
#[derive(Default)]
struct NetIndex {
    by_prefix: HashMap<(bool, u8), HashMap<IpNet, (String, i64)>>,
}

impl NetIndex {
    fn insert(&mut self, net: IpNet, name: String, at: i64) {
        let key = (matches!(net, IpNet::V4(_)), net.prefix_len());
        let slot = self.by_prefix.entry(key).or_default();
        // Keep the earliest time a source applied this network.
        match slot.get(&net) {
            Some((_, old)) if *old <= at => {}
            _ => {
                slot.insert(net, (name, at));
            }
        }
    }

    fn find(&self, t: &Target) -> Option<&(String, i64)> {
        let v4 = t.is_ipv4();
        let net = t.net();
        for (&(is_v4, len), map) in &self.by_prefix {
            if is_v4 != v4 || len > net.prefix_len() {
                continue;
            }
            let Ok(probe) = IpNet::new(net.addr(), len) else {
                continue;
            };
            if let Some(hit) = map.get(&probe.trunc()) {
                return Some(hit);
            }
        }
        None
    }
}

pub struct Attributor {
    window_s: i64,
    has_audit: bool,
    has_blocklist: bool,
    blocklists: Option<HashMap<String, NetIndex>>,
    /// Names of the sources that import the fleet's decisions.
    fleet_sources: std::collections::HashSet<String>,
}

pub struct Attribution {
    pub origin: &'static str,
    pub source: Option<String>,
}

impl Attributor {
    pub fn new(conn: &Connection, window_s: i64) -> Result<Attributor> {
        let exists = |sql: &str| -> Result<bool> {
            conn.query_row(sql, [], |r| r.get::<_, bool>(0))
                .map_err(|e| Error::db("reading bangui's audit and blocklist records", e))
        };
        Ok(Attributor {
            window_s,
            has_audit: exists("SELECT EXISTS (SELECT 1 FROM audit_log WHERE command = 'ban')")?,
            has_blocklist: exists("SELECT EXISTS (SELECT 1 FROM blocklist_entries)")?,
            blocklists: None,
            fleet_sources: Default::default(),
        })
    }

    /// Whether any row could be anything but a fail2ban detection.
    pub fn active(&self) -> bool {
        self.has_audit || self.has_blocklist
    }

    /// Attribute every row of one batch.
    pub fn attribute(
        &mut self,
        conn: &Connection,
        rows: &[Candidate<'_>],
    ) -> Result<Vec<Attribution>> {
        let mut out: Vec<Attribution> = rows
            .iter()
            .map(|_| Attribution {
                origin: FAIL2BAN,
                source: None,
            })
            .collect();
        if !self.active() {
            return Ok(out);
        }
        // A ban that counted failures was detected by fail2ban; manual and
        // imported bans store `"failures": 0`.
        let candidates: Vec<usize> = (0..rows.len())
            .filter(|&i| failures(rows[i].data).unwrap_or(0) == 0)
            .collect();
        if candidates.is_empty() {
            return Ok(out);
        }
        if self.has_audit {
            let lo = candidates
                .iter()
                .map(|&i| rows[i].timeofban)
                .min()
                .unwrap_or(0);
            let hi = candidates
                .iter()
                .map(|&i| rows[i].timeofban)
                .max()
                .unwrap_or(0);
            let audit = load_audit(conn, lo - self.window_s, hi + self.window_s)?;
            for &i in &candidates {
                let r = &rows[i];
                if let Some(actor) = audit.find(r.jail, &r.target, r.timeofban, self.window_s) {
                    out[i] = Attribution {
                        origin: MANUAL,
                        source: Some(actor.to_string()),
                    };
                }
            }
        }
        if self.has_blocklist {
            if self.blocklists.is_none() {
                let (lists, fleet) = load_blocklists(conn)?;
                self.blocklists = Some(lists);
                self.fleet_sources = fleet;
            }
            if let Some(lists) = &self.blocklists {
                for &i in &candidates {
                    if out[i].origin != FAIL2BAN {
                        continue;
                    }
                    let r = &rows[i];
                    if let Some((name, added_at)) =
                        lists.get(r.jail).and_then(|ix| ix.find(&r.target))
                        && *added_at <= r.timeofban + self.window_s
                    {
                        out[i] = Attribution {
                            origin: if self.fleet_sources.contains(name) {
                                FLEET
                            } else {
                                BLOCKLIST
                            },
                            source: Some(name.clone()),
                        };
                    }
                }
            }
        }
        Ok(out)
    }
}

/// `failures` from fail2ban's data JSON, without building the whole value.
fn failures(data: Option<&str>) -> Option<i64> {
    #[derive(serde::Deserialize)]
    struct Peek {
        failures: Option<i64>,
    }
    let d = data?;
    // Cheap pre-check: most detections carry matches; only parse when the
    // key is there at all.
    if !d.contains("\"failures\"") {
        return None;
    }
    serde_json::from_str::<Peek>(d).ok()?.failures
}

struct AuditWindow {
    hosts: HashMap<(String, IpAddr), Vec<(i64, String)>>,
    nets: Vec<(String, IpNet, i64, String)>,
}

impl AuditWindow {
    fn find(&self, jail: &str, t: &Target, tob: i64, window: i64) -> Option<&str> {
        let near = |at: i64| (at - tob).abs() <= window;
        if t.is_host()
            && let Some(v) = self.hosts.get(&(jail.to_string(), t.net().addr()))
            && let Some((_, actor)) = v.iter().find(|(at, _)| near(*at))
        {
            return Some(actor);
        }
        self.nets
            .iter()
            .find(|(j, n, at, _)| j == jail && near(*at) && n.contains(&t.net()))
            .map(|(_, _, _, actor)| actor.as_str())
    }
}

fn load_audit(conn: &Connection, lo: i64, hi: i64) -> Result<AuditWindow> {
    let mut st = conn
        .prepare_cached(
            "SELECT at, actor, jail, targets FROM audit_log
             WHERE at BETWEEN ?1 AND ?2 AND command = 'ban' AND jail IS NOT NULL
               AND outcome IN ('ok', 'partial')",
        )
        .map_err(|e| Error::db("reading the audit log", e))?;
    let rows = st
        .query_map(params![lo, hi], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(|e| Error::db("reading the audit log", e))?;
    let mut w = AuditWindow {
        hosts: HashMap::new(),
        nets: Vec::new(),
    };
    for row in rows {
        let (at, actor, jail, targets) = row.map_err(|e| Error::db("reading the audit log", e))?;
        let list: Vec<String> = serde_json::from_str(&targets).unwrap_or_default();
        for t in list.iter().filter_map(|s| Target::parse(s).ok()) {
            if t.is_host() {
                w.hosts
                    .entry((jail.clone(), t.net().addr()))
                    .or_default()
                    .push((at, actor.clone()));
            } else {
                w.nets.push((jail.clone(), t.net(), at, actor.clone()));
            }
        }
    }
    Ok(w)
}

/// Every source's entries by jail, and the names of the `fleet:` sources.
fn load_blocklists(
    conn: &Connection,
) -> Result<(HashMap<String, NetIndex>, std::collections::HashSet<String>)> {
    let fleet = conn
        .prepare("SELECT name FROM blocklist_sources WHERE url LIKE 'fleet:%'")
        .and_then(|mut st| {
            st.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| Error::db("reading blocklist sources", e))?;
    let mut st = conn
        .prepare(
            "SELECT e.network, e.jail, s.name, e.added_at
             FROM blocklist_entries e JOIN blocklist_sources s ON s.id = e.source_id",
        )
        .map_err(|e| Error::db("reading blocklist entries", e))?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })
        .map_err(|e| Error::db("reading blocklist entries", e))?;
    let mut out: HashMap<String, NetIndex> = HashMap::new();
    for row in rows {
        let (network, jail, name, at) =
            row.map_err(|e| Error::db("reading blocklist entries", e))?;
        if let Ok(t) = Target::parse(&network) {
            out.entry(jail).or_default().insert(t.net(), name, at);
        }
    }
    Ok((out, fleet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_peek() {
        assert_eq!(failures(Some(r#"{"matches": [], "failures": 0}"#)), Some(0));
        assert_eq!(
            failures(Some(r#"{"failures": 3, "matches": ["x"]}"#)),
            Some(3)
        );
        assert_eq!(failures(Some("not json \"failures\"")), None);
        assert_eq!(failures(None), None);
    }

    #[test]
    fn net_index_finds_covering_network() {
        let mut ix = NetIndex::default();
        ix.insert("198.51.100.0/24".parse().unwrap(), "drop".into(), 10);
        ix.insert("203.0.113.7/32".parse().unwrap(), "one".into(), 10);
        let t = Target::parse("198.51.100.9").unwrap();
        assert_eq!(ix.find(&t).map(|h| h.0.as_str()), Some("drop"));
        let t = Target::parse("203.0.113.7").unwrap();
        assert_eq!(ix.find(&t).map(|h| h.0.as_str()), Some("one"));
        assert!(ix.find(&Target::parse("192.0.2.1").unwrap()).is_none());
        assert!(ix.find(&Target::parse("2001:db8::1").unwrap()).is_none());
    }
}
