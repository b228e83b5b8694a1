//! Selecting current bans by what is known about them: their origin
//! (attributed as the history does: audit log for manual bans, applied
//! blocklist entries for imports), the source or actor, country and AS
//! number from the geo cache, a network they lie in, and when they began.
//! Every criterion narrows (AND). Reads bangui's database only.

use std::collections::HashMap;
use std::net::IpAddr;

use rusqlite::Connection;
use serde::Serialize;

use crate::bans::BanEntry;
use crate::error::{Error, Result};
use crate::history::origin::{Attributor, Candidate, MANUAL_WINDOW_S};
use crate::net::Target;

/// What to select; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Selector {
    /// `fail2ban`, `manual`, `blocklist` (and whatever origins the history knows).
    pub origin: Option<String>,
    /// The blocklist source, or the actor of a manual ban.
    pub source: Option<String>,
    /// ISO 3166 alpha-2, any case.
    pub country: Option<String>,
    pub asn: Option<u32>,
    /// Bans that lie inside this network (the network itself included).
    pub network: Option<Target>,
    /// Bans that began before this time (Unix seconds).
    pub banned_before: Option<i64>,
}

impl Selector {
    pub fn is_empty(&self) -> bool {
        self.origin.is_none()
            && self.source.is_none()
            && self.country.is_none()
            && self.asn.is_none()
            && self.network.is_none()
            && self.banned_before.is_none()
    }

    /// `--banned-before`: a duration ago, a date or an RFC 3339 time, not
    /// in the future.
    pub fn parse_before(s: &str, now: i64) -> Result<i64> {
        let t = crate::util::parse_since(s, now)
            .map_err(|e| Error::bad_input(format!("--banned-before: {e}")))?;
        if t > now {
            return Err(Error::bad_input(format!(
                "--banned-before: {} is in the future; no ban began after now",
                crate::util::rfc3339(t)
            )));
        }
        Ok(t)
    }

    /// `--country`: two ASCII letters.
    pub fn parse_country(s: &str) -> Result<String> {
        let t = s.trim();
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(t.to_ascii_uppercase())
        } else {
            Err(Error::bad_input(format!(
                "--country: expected an ISO 3166 alpha-2 code such as DE, got {:?}",
                crate::util::sanitize(s)
            )))
        }
    }
}

/// A selected ban with what the selection knew about it.
#[derive(Debug, Clone, Serialize)]
pub struct Selected {
    pub jail: String,
    pub ip: String,
    pub origin: &'static str,
    pub source: Option<String>,
    pub country_code: Option<String>,
    pub asn: Option<u32>,
    #[serde(serialize_with = "crate::insight::explain::ts_opt")]
    pub banned_at: Option<i64>,
}

/// fail2ban's `data` JSON of the newest `bans` row per (jail, ip): its
/// failure count tells a detection from a manual or imported ban.
pub type BanData = HashMap<(String, String), String>;

/// The current bans (as `banned` lists them) that `sel` selects, in their
/// input order. Entries whose IP does not parse are never selected.
pub fn select(
    conn: &Connection,
    bans: &[BanEntry],
    data: &BanData,
    sel: &Selector,
) -> Result<Vec<Selected>> {
    let parsed: Vec<(&BanEntry, Target)> = bans
        .iter()
        .filter_map(|b| Target::parse(&b.ip).ok().map(|t| (b, t)))
        .collect();
    // Cheap criteria first, so origin and geo are looked up for fewer rows.
    let narrowed: Vec<&(&BanEntry, Target)> = parsed
        .iter()
        .filter(|(b, t)| {
            sel.network.is_none_or(|n| n.contains(t))
                && sel
                    .banned_before
                    .is_none_or(|before| b.start.is_some_and(|s| s < before))
        })
        .collect();
    let need_origin = sel.origin.is_some() || sel.source.is_some();
    let attributions = if need_origin && !narrowed.is_empty() {
        let mut attr = Attributor::new(conn, MANUAL_WINDOW_S)?;
        let cands: Vec<Candidate<'_>> = narrowed
            .iter()
            .map(|(b, t)| Candidate {
                jail: &b.jail,
                target: *t,
                timeofban: b.start.unwrap_or(0),
                data: data
                    .get(&(b.jail.clone(), b.ip.clone()))
                    .map(String::as_str),
            })
            .collect();
        attr.attribute(conn, &cands)?
            .into_iter()
            .map(|a| (a.origin, a.source))
            .collect()
    } else {
        vec![(crate::history::origin::FAIL2BAN, None); narrowed.len()]
    };
    let need_geo = sel.country.is_some() || sel.asn.is_some();
    let geo = if need_geo {
        let ips: Vec<IpAddr> = narrowed
            .iter()
            .filter(|(_, t)| t.is_host())
            .map(|(_, t)| t.net().addr())
            .collect();
        crate::geo::cached(conn, &ips)?
    } else {
        HashMap::new()
    };
    let mut out = Vec::new();
    for ((b, t), (origin, source)) in narrowed.into_iter().zip(attributions) {
        let g = t.is_host().then(|| geo.get(&t.net().addr())).flatten();
        let cc = g.and_then(|g| g.country_code.clone());
        let asn = g.and_then(|g| g.asn);
        let keep = sel.origin.as_deref().is_none_or(|o| o == origin)
            && sel
                .source
                .as_deref()
                .is_none_or(|s| source.as_deref() == Some(s))
            && sel
                .country
                .as_deref()
                .is_none_or(|c| cc.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(c)))
            && sel.asn.is_none_or(|a| asn == Some(a));
        if keep {
            out.push(Selected {
                jail: b.jail.clone(),
                ip: t.to_string(),
                origin,
                source,
                country_code: cc,
                asn,
                banned_at: b.start,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::params;

    fn ban(jail: &str, ip: &str, start: i64) -> BanEntry {
        BanEntry {
            jail: jail.into(),
            ip: ip.into(),
            start: Some(start),
            end: None,
            bantime: Some(-1),
            ban_count: None,
        }
    }

    fn ips(v: &[Selected]) -> Vec<&str> {
        v.iter().map(|s| s.ip.as_str()).collect()
    }

    #[test]
    fn criteria_combine_with_and() {
        let conn = crate::db::test_db();
        conn.execute(
            "INSERT INTO blocklist_sources (id, name, url, jail, created_at, updated_at)
             VALUES (1, 'feed', 'file:///x', 'j', 0, 0)",
            [],
        )
        .unwrap();
        for net in ["45.42.7.0/24", "80.1.2.0/24"] {
            conn.execute(
                "INSERT INTO blocklist_entries (source_id, network, jail, added_at) VALUES (1, ?1, 'j', 100)",
                [net],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO audit_log (at, actor, command, jail, targets, outcome, changed)
             VALUES (1000, 'alice', 'ban', 'j', '[\"91.1.1.1\"]', 'ok', 1)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO geo_cache (ip, country_code, asn, resolved_at) VALUES (?1, 'DE', 3320, 0)",
            params!["45.42.7.9"],
        )
        .unwrap();
        let bans = vec![
            ban("j", "45.42.7.0/24", 100),
            ban("j", "80.1.2.0/24", 100),
            ban("j", "45.42.7.9", 500),
            ban("j", "91.1.1.1", 1001),
        ];
        // fail2ban counted failures for its own detection.
        let data = BanData::from([(
            ("j".to_string(), "45.42.7.9".to_string()),
            r#"{"failures": 3, "matches": []}"#.to_string(),
        )]);
        let pick = |s: Selector| select(&conn, &bans, &data, &s).unwrap();
        let blk = pick(Selector {
            origin: Some("blocklist".into()),
            ..Selector::default()
        });
        assert_eq!(ips(&blk), ["45.42.7.0/24", "80.1.2.0/24"]);
        assert_eq!(blk[0].source.as_deref(), Some("feed"));
        let manual = pick(Selector {
            source: Some("alice".into()),
            ..Selector::default()
        });
        assert_eq!(ips(&manual), ["91.1.1.1"]);
        assert_eq!(manual[0].origin, "manual");
        let inside = pick(Selector {
            network: Some(Target::parse("45.42.0.0/16").unwrap()),
            ..Selector::default()
        });
        assert_eq!(ips(&inside), ["45.42.7.0/24", "45.42.7.9"]);
        let both = pick(Selector {
            network: Some(Target::parse("45.42.0.0/16").unwrap()),
            origin: Some("fail2ban".into()),
            ..Selector::default()
        });
        assert_eq!(ips(&both), ["45.42.7.9"]);
        let de = pick(Selector {
            country: Some("de".into()),
            asn: Some(3320),
            ..Selector::default()
        });
        assert_eq!(ips(&de), ["45.42.7.9"]);
        let old = pick(Selector {
            banned_before: Some(200),
            ..Selector::default()
        });
        assert_eq!(ips(&old), ["45.42.7.0/24", "80.1.2.0/24"]);
        let none = pick(Selector {
            country: Some("FR".into()),
            ..Selector::default()
        });
        assert!(none.is_empty());
    }

    #[test]
    fn bad_selector_values() {
        assert_eq!(
            Selector::parse_before("7d", 1_000_000).unwrap(),
            1_000_000 - 604_800
        );
        let future = Selector::parse_before("2999-01-01", 1_000_000).unwrap_err();
        assert_eq!(future.exit_code(), 65);
        assert_eq!(Selector::parse_country("de").unwrap(), "DE");
        assert_eq!(Selector::parse_country("DEU").unwrap_err().exit_code(), 65);
        assert!(Selector::default().is_empty());
    }
}
