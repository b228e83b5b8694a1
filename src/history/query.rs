//! Reading bangui's ban history: filtered lists, a streaming walk for
//! exports, grouped statistics and the recidive view. Country and ASN come
//! from `geo_cache` (LEFT JOIN) and are null when unknown. Read-only.

use std::collections::BTreeMap;

use rusqlite::{Connection, ToSql};
use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::net::Target;
use crate::util::rfc3339;

/// Which rows. Every field narrows; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub jail: Option<String>,
    /// A host matches exactly; a network matches every address inside it.
    pub ip: Option<Target>,
    /// ISO 3166 alpha-2, any case.
    pub country: Option<String>,
    pub origin: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    Asc,
    #[default]
    Desc,
}

/// One history row with its geo columns.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub jail: String,
    pub ip: String,
    pub timeofban: i64,
    /// Seconds; -1 permanent; `None` unknown (fail2ban's -2).
    pub bantime: Option<i64>,
    pub bancount: i64,
    pub origin: String,
    pub source: Option<String>,
    /// fail2ban's JSON, as text.
    pub data: Option<String>,
    pub country_code: Option<String>,
    pub country_name: Option<String>,
    pub asn: Option<i64>,
    pub as_org: Option<String>,
}

impl HistoryRow {
    /// When the ban ends, if it ends and is known.
    pub fn expires_at(&self) -> Option<i64> {
        self.bantime
            .filter(|b| *b >= 0)
            .map(|b| self.timeofban.saturating_add(b))
    }

    /// The JSON object documented in the README (field names are stable).
    pub fn to_json(&self) -> Value {
        let data = self
            .data
            .as_deref()
            .map(|d| serde_json::from_str::<Value>(d).unwrap_or_else(|_| Value::String(d.into())));
        json!({
            "banned_at": rfc3339(self.timeofban),
            "jail": self.jail,
            "ip": self.ip,
            "bantime": self.bantime,
            "expires_at": self.expires_at().map(rfc3339),
            "bancount": self.bancount,
            "origin": self.origin,
            "source": self.source,
            "country_code": self.country_code,
            "country_name": self.country_name,
            "asn": self.asn,
            "as_org": self.as_org,
            "data": data,
        })
    }
}

struct Where {
    sql: String,
    args: Vec<Box<dyn ToSql>>,
    /// A network filter is checked in Rust: ips are stored as text.
    net: Option<Target>,
    /// Whether the filter needs geo_cache joined.
    needs_geo: bool,
}

fn where_clause(f: &Filter) -> Where {
    let mut parts: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(s) = f.since {
        parts.push("h.timeofban >= ?".into());
        args.push(Box::new(s));
    }
    if let Some(u) = f.until {
        parts.push("h.timeofban < ?".into());
        args.push(Box::new(u));
    }
    if let Some(j) = &f.jail {
        parts.push("h.jail = ?".into());
        args.push(Box::new(j.clone()));
    }
    if let Some(o) = &f.origin {
        parts.push("h.origin = ?".into());
        args.push(Box::new(o.clone()));
    }
    let mut net = None;
    if let Some(t) = &f.ip {
        if t.is_host() {
            parts.push("h.ip = ?".into());
            args.push(Box::new(t.to_string()));
        } else {
            net = Some(*t);
        }
    }
    let mut needs_geo = false;
    if let Some(c) = &f.country {
        parts.push("g.country_code = ?".into());
        args.push(Box::new(c.to_ascii_uppercase()));
        needs_geo = true;
    }
    let sql = if parts.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", parts.join(" AND "))
    };
    Where {
        sql,
        args,
        net,
        needs_geo,
    }
}

fn in_net(net: &Option<Target>, ip: &str) -> bool {
    match net {
        None => true,
        Some(n) => Target::parse(ip).is_ok_and(|t| n.contains(&t)),
    }
}

/// Walk matching rows in time order, one at a time, without collecting
/// them: `f` returns false to stop. Returns the number of rows passed to `f`.
pub fn for_each(
    conn: &Connection,
    filter: &Filter,
    order: Order,
    limit: Option<u64>,
    mut f: impl FnMut(HistoryRow) -> Result<bool>,
) -> Result<u64> {
    let w = where_clause(filter);
    let dir = match order {
        Order::Asc => "ASC",
        Order::Desc => "DESC",
    };
    // LIMIT in SQL only when no row is filtered out afterwards.
    let lim = match (limit, &w.net) {
        (Some(n), None) => format!("LIMIT {n}"),
        _ => String::new(),
    };
    let sql = format!(
        "SELECT h.jail, h.ip, h.timeofban, h.bantime, h.bancount, h.origin, h.source, h.data,
                g.country_code, g.country_name, g.asn, g.as_org
         FROM ban_history h LEFT JOIN geo_cache g ON g.ip = h.ip
         {} ORDER BY h.timeofban {dir}, h.id {dir} {lim}",
        w.sql
    );
    let ctx = "reading ban history";
    let mut st = conn.prepare(&sql).map_err(|e| Error::db(ctx, e))?;
    let params: Vec<&dyn ToSql> = w.args.iter().map(|b| b.as_ref()).collect();
    let mut rows = st.query(params.as_slice()).map_err(|e| Error::db(ctx, e))?;
    let mut n = 0u64;
    while let Some(r) = rows.next().map_err(|e| Error::db(ctx, e))? {
        let ip: String = r.get(1).map_err(|e| Error::db(ctx, e))?;
        if !in_net(&w.net, &ip) {
            continue;
        }
        let get = |e| Error::db(ctx, e);
        let bantime: i64 = r.get(3).map_err(get)?;
        let row = HistoryRow {
            jail: r.get(0).map_err(get)?,
            ip,
            timeofban: r.get(2).map_err(get)?,
            bantime: (bantime != -2).then_some(bantime),
            bancount: r.get(4).map_err(get)?,
            origin: r.get(5).map_err(get)?,
            source: r.get(6).map_err(get)?,
            data: r.get(7).map_err(get)?,
            country_code: r.get(8).map_err(get)?,
            country_name: r.get(9).map_err(get)?,
            asn: r.get(10).map_err(get)?,
            as_org: r.get(11).map_err(get)?,
        };
        n += 1;
        if !f(row)? {
            break;
        }
        if limit.is_some_and(|l| n >= l) {
            break;
        }
    }
    Ok(n)
}

pub fn list(
    conn: &Connection,
    filter: &Filter,
    order: Order,
    limit: Option<u64>,
) -> Result<Vec<HistoryRow>> {
    let mut out = Vec::new();
    for_each(conn, filter, order, limit, |r| {
        out.push(r);
        Ok(true)
    })?;
    Ok(out)
}

/// What `history stats` groups by; also the values of its `--by` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsBy {
    Jail,
    Country,
    Asn,
    Ip,
    /// Calendar day (UTC); a bar chart in table mode
    Day,
    /// Hour of day (UTC, 00-23)
    Hour,
    Origin,
}

impl StatsBy {
    pub fn as_str(&self) -> &'static str {
        match self {
            StatsBy::Jail => "jail",
            StatsBy::Country => "country",
            StatsBy::Asn => "asn",
            StatsBy::Ip => "ip",
            StatsBy::Day => "day",
            StatsBy::Hour => "hour",
            StatsBy::Origin => "origin",
        }
    }

    /// Time series keep every bucket in time order; the rest are ranked.
    pub fn is_time(&self) -> bool {
        matches!(self, StatsBy::Day | StatsBy::Hour)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatsGroup {
    /// The group: jail, ISO country code, AS number, IP, `YYYY-MM-DD`, `HH`
    /// (hour of day, UTC) or origin; null for "unknown".
    pub key: Option<String>,
    /// Country name or AS organisation, when the group has one.
    pub name: Option<String>,
    pub bans: i64,
    pub ips: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub by: &'static str,
    pub total_bans: i64,
    pub distinct_ips: i64,
    /// Groups ranked by bans (time buckets in time order), cut to `top`.
    pub groups: Vec<StatsGroup>,
    /// Groups left out by `top`.
    pub other_groups: usize,
}

/// Group matching rows. Per-IP counts come first from the (ip, timeofban)
/// index, so a country or ASN breakdown joins geo_cache once per IP rather
/// than once per ban.
pub fn stats(conn: &Connection, filter: &Filter, by: StatsBy, top: Option<usize>) -> Result<Stats> {
    let w = where_clause(filter);
    let ctx = "computing history statistics";
    let params: Vec<&dyn ToSql> = w.args.iter().map(|b| b.as_ref()).collect();
    let geo_join = "LEFT JOIN geo_cache g ON g.ip = h.ip";
    let mut groups: Vec<StatsGroup> = Vec::new();
    let per_ip_first = matches!(by, StatsBy::Country | StatsBy::Asn | StatsBy::Ip);
    if per_ip_first {
        // One row per IP with its ban count and geo columns.
        let sql = format!(
            "SELECT t.ip, t.n, g.country_code, g.country_name, g.asn, g.as_org
             FROM (SELECT h.ip AS ip, COUNT(*) AS n FROM ban_history h {} {} GROUP BY h.ip) t
             LEFT JOIN geo_cache g ON g.ip = t.ip",
            if w.needs_geo { geo_join } else { "" },
            w.sql
        );
        let mut st = conn.prepare(&sql).map_err(|e| Error::db(ctx, e))?;
        let mut rows = st.query(params.as_slice()).map_err(|e| Error::db(ctx, e))?;
        let mut acc: BTreeMap<Option<String>, StatsGroup> = BTreeMap::new();
        while let Some(r) = rows.next().map_err(|e| Error::db(ctx, e))? {
            let get = |e| Error::db(ctx, e);
            let ip: String = r.get(0).map_err(get)?;
            if !in_net(&w.net, &ip) {
                continue;
            }
            let n: i64 = r.get(1).map_err(get)?;
            let (key, name) = match by {
                StatsBy::Country => (r.get(2).map_err(get)?, r.get(3).map_err(get)?),
                StatsBy::Asn => (
                    r.get::<_, Option<i64>>(4)
                        .map_err(get)?
                        .map(|a| a.to_string()),
                    r.get(5).map_err(get)?,
                ),
                _ => (Some(ip), r.get(2).map_err(get)?),
            };
            let g = acc.entry(key.clone()).or_insert(StatsGroup {
                key,
                name: None,
                bans: 0,
                ips: 0,
            });
            g.bans += n;
            g.ips += 1;
            if g.name.is_none() {
                g.name = name;
            }
        }
        groups.extend(acc.into_values());
    } else {
        let key = match by {
            StatsBy::Jail => "h.jail",
            StatsBy::Origin => "h.origin",
            StatsBy::Day => "strftime('%Y-%m-%d', h.timeofban, 'unixepoch')",
            _ => "strftime('%H', h.timeofban, 'unixepoch')",
        };
        let sql = format!(
            "SELECT {key}, COUNT(*), COUNT(DISTINCT h.ip), group_concat(DISTINCT h.ip)
             FROM ban_history h {} {} GROUP BY 1",
            if w.needs_geo { geo_join } else { "" },
            w.sql
        );
        // The distinct-IP list is only fetched when a network filter must be
        // applied in Rust; otherwise COUNT(DISTINCT) is enough.
        let sql = if w.net.is_some() {
            sql
        } else {
            sql.replace(", group_concat(DISTINCT h.ip)", ", NULL")
        };
        let mut st = conn.prepare(&sql).map_err(|e| Error::db(ctx, e))?;
        let mut rows = st.query(params.as_slice()).map_err(|e| Error::db(ctx, e))?;
        while let Some(r) = rows.next().map_err(|e| Error::db(ctx, e))? {
            let get = |e| Error::db(ctx, e);
            let key: Option<String> = r.get(0).map_err(get)?;
            if w.net.is_some() {
                // Rare: recount this group in Rust.
                continue;
            }
            groups.push(StatsGroup {
                key,
                name: None,
                bans: r.get(1).map_err(get)?,
                ips: r.get(2).map_err(get)?,
            });
        }
        if w.net.is_some() {
            groups = regroup_in_rust(conn, filter, by)?;
        }
    }
    let distinct_ips = match by {
        StatsBy::Country | StatsBy::Asn | StatsBy::Ip => groups.iter().map(|g| g.ips).sum(),
        _ => distinct_ips(conn, filter)?,
    };
    Ok(Stats::ranked(by, groups, distinct_ips, top))
}

impl Stats {
    /// Rank the groups (time buckets in time order) and cut them to `top`.
    pub fn ranked(
        by: StatsBy,
        mut groups: Vec<StatsGroup>,
        distinct_ips: i64,
        top: Option<usize>,
    ) -> Stats {
        let total_bans = groups.iter().map(|g| g.bans).sum();
        if by.is_time() {
            groups.sort_by(|a, b| a.key.cmp(&b.key));
        } else {
            groups.sort_by(|a, b| b.bans.cmp(&a.bans).then_with(|| a.key.cmp(&b.key)));
        }
        let mut other_groups = 0;
        if let Some(n) = top
            && !by.is_time()
            && groups.len() > n
        {
            other_groups = groups.len() - n;
            groups.truncate(n);
        }
        Stats {
            by: by.as_str(),
            total_bans,
            distinct_ips,
            groups,
            other_groups,
        }
    }
}

/// Group with a network filter: walk the matching rows.
fn regroup_in_rust(conn: &Connection, filter: &Filter, by: StatsBy) -> Result<Vec<StatsGroup>> {
    let mut acc: BTreeMap<Option<String>, (i64, std::collections::BTreeSet<String>)> =
        BTreeMap::new();
    for_each(conn, filter, Order::Asc, None, |r| {
        let key = match by {
            StatsBy::Jail => r.jail.clone(),
            StatsBy::Origin => r.origin.clone(),
            StatsBy::Day => rfc3339(r.timeofban)[..10].to_string(),
            _ => rfc3339(r.timeofban)[11..13].to_string(),
        };
        let e = acc.entry(Some(key)).or_default();
        e.0 += 1;
        e.1.insert(r.ip);
        Ok(true)
    })?;
    Ok(acc
        .into_iter()
        .map(|(key, (bans, ips))| StatsGroup {
            key,
            name: None,
            bans,
            ips: ips.len() as i64,
        })
        .collect())
}

fn distinct_ips(conn: &Connection, filter: &Filter) -> Result<i64> {
    let w = where_clause(filter);
    if w.net.is_some() {
        let mut set = std::collections::HashSet::new();
        for_each(conn, filter, Order::Asc, None, |r| {
            set.insert(r.ip);
            Ok(true)
        })?;
        return Ok(set.len() as i64);
    }
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT DISTINCT h.ip FROM ban_history h {} {})",
        if w.needs_geo {
            "LEFT JOIN geo_cache g ON g.ip = h.ip"
        } else {
            ""
        },
        w.sql
    );
    let params: Vec<&dyn ToSql> = w.args.iter().map(|b| b.as_ref()).collect();
    conn.query_row(&sql, params.as_slice(), |r| r.get(0))
        .map_err(|e| Error::db("computing history statistics", e))
}

/// An IP banned at least `min_bans` times in the window.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Recidivist {
    pub ip: String,
    pub bans: i64,
    pub jails: Vec<String>,
    pub first_ban: String,
    pub last_ban: String,
    pub country_code: Option<String>,
    pub country_name: Option<String>,
    pub asn: Option<i64>,
    pub as_org: Option<String>,
}

pub fn recidive(
    conn: &Connection,
    filter: &Filter,
    min_bans: u32,
    limit: Option<u64>,
) -> Result<Vec<Recidivist>> {
    let w = where_clause(filter);
    let ctx = "reading repeat offenders";
    let sql = format!(
        "SELECT t.ip, t.n, t.jails, t.first, t.last, g.country_code, g.country_name, g.asn, g.as_org
         FROM (SELECT h.ip AS ip, COUNT(*) AS n, group_concat(DISTINCT h.jail) AS jails,
                      MIN(h.timeofban) AS first, MAX(h.timeofban) AS last
               FROM ban_history h {} {} GROUP BY h.ip HAVING COUNT(*) >= {min_bans}) t
         LEFT JOIN geo_cache g ON g.ip = t.ip
         ORDER BY t.n DESC, t.last DESC, t.ip",
        if w.needs_geo {
            "LEFT JOIN geo_cache g ON g.ip = h.ip"
        } else {
            ""
        },
        w.sql
    );
    let mut st = conn.prepare(&sql).map_err(|e| Error::db(ctx, e))?;
    let params: Vec<&dyn ToSql> = w.args.iter().map(|b| b.as_ref()).collect();
    let mut rows = st.query(params.as_slice()).map_err(|e| Error::db(ctx, e))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(|e| Error::db(ctx, e))? {
        let get = |e| Error::db(ctx, e);
        let ip: String = r.get(0).map_err(get)?;
        if !in_net(&w.net, &ip) {
            continue;
        }
        let jails: String = r
            .get::<_, Option<String>>(2)
            .map_err(get)?
            .unwrap_or_default();
        let mut jails: Vec<String> = jails.split(',').map(str::to_string).collect();
        jails.sort();
        out.push(Recidivist {
            ip,
            bans: r.get(1).map_err(get)?,
            jails,
            first_ban: rfc3339(r.get(3).map_err(get)?),
            last_ban: rfc3339(r.get(4).map_err(get)?),
            country_code: r.get(5).map_err(get)?,
            country_name: r.get(6).map_err(get)?,
            asn: r.get(7).map_err(get)?,
            as_org: r.get(8).map_err(get)?,
        });
        if limit.is_some_and(|l| out.len() as u64 >= l) {
            break;
        }
    }
    Ok(out)
}
