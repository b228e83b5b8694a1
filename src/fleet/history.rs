//! `history list|stats|recidive --fleet`: the same questions as the local
//! history, asked of every host's rows in the store (`host` narrows to one).
//! Rows carry `host_id`; geo columns are null (the store keeps no geo).

use postgres::Client;
use postgres::types::ToSql;

use super::pg_error;
use crate::error::{Error, Result};
use crate::history::{Filter, HistoryRow, Order, Recidivist, Stats, StatsBy, StatsGroup};
use crate::util::rfc3339;

type Params = Vec<Box<dyn ToSql + Sync>>;

fn where_clause(f: &Filter, host: Option<&str>) -> Result<(String, Params)> {
    if f.country.is_some() {
        return Err(Error::Usage(
            "--country needs the local geo cache: not available with --fleet".into(),
        ));
    }
    let mut parts: Vec<String> = Vec::new();
    let mut args: Params = Vec::new();
    let mut push = |sql: &str, v: Box<dyn ToSql + Sync>, args: &mut Params| {
        args.push(v);
        parts.push(sql.replace('?', &format!("${}", args.len())));
    };
    if let Some(s) = f.since {
        push("timeofban >= ?", Box::new(s), &mut args);
    }
    if let Some(u) = f.until {
        push("timeofban < ?", Box::new(u), &mut args);
    }
    if let Some(j) = &f.jail {
        push("jail = ?", Box::new(j.clone()), &mut args);
    }
    if let Some(o) = &f.origin {
        push("origin = ?", Box::new(o.clone()), &mut args);
    }
    if let Some(h) = host {
        push("host_id = ?", Box::new(h.to_string()), &mut args);
    }
    if let Some(t) = &f.ip {
        push(
            "ip <<= ?::text::inet",
            Box::new(t.net().to_string()),
            &mut args,
        );
    }
    let sql = if parts.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", parts.join(" AND "))
    };
    Ok((sql, args))
}

fn refs(p: &Params) -> Vec<&(dyn ToSql + Sync)> {
    p.iter().map(|b| b.as_ref()).collect()
}

/// Rows, newest (or oldest) first, with the host each came from.
pub fn list(
    client: &mut Client,
    f: &Filter,
    host: Option<&str>,
    order: Order,
    limit: Option<u64>,
) -> Result<Vec<(String, HistoryRow)>> {
    let (w, args) = where_clause(f, host)?;
    let dir = if order == Order::Asc { "ASC" } else { "DESC" };
    let lim = limit.map(|l| format!("LIMIT {l}")).unwrap_or_default();
    let sql = format!(
        "SELECT host_id, jail, host(ip), timeofban, bantime, bancount, origin, source
         FROM fleet_history {w} ORDER BY timeofban {dir}, host_id, local_id {lim}"
    );
    let rows = client
        .query(&sql, &refs(&args))
        .map_err(|e| pg_error("reading the fleet history", e))?;
    Ok(rows
        .iter()
        .map(|r| {
            let bantime: Option<i64> = r.get(4);
            (
                r.get(0),
                HistoryRow {
                    jail: r.get(1),
                    ip: r.get(2),
                    timeofban: r.get(3),
                    bantime: bantime.filter(|b| *b != -2),
                    bancount: r.get(5),
                    origin: r.get(6),
                    source: r.get(7),
                    data: None,
                    country_code: None,
                    country_name: None,
                    asn: None,
                    as_org: None,
                },
            )
        })
        .collect())
}

/// Grouped counts over every host (country and ASN group as unknown).
pub fn stats(
    client: &mut Client,
    f: &Filter,
    host: Option<&str>,
    by: StatsBy,
    top: Option<usize>,
) -> Result<Stats> {
    let (w, args) = where_clause(f, host)?;
    let key = match by {
        StatsBy::Jail => "jail",
        StatsBy::Origin => "origin",
        StatsBy::Ip => "host(ip)",
        StatsBy::Day => "to_char(to_timestamp(timeofban) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        StatsBy::Hour => "to_char(to_timestamp(timeofban) AT TIME ZONE 'UTC', 'HH24')",
        StatsBy::Country | StatsBy::Asn => "NULL::text",
    };
    let ctx = "computing fleet history statistics";
    let sql =
        format!("SELECT {key}, count(*), count(DISTINCT ip) FROM fleet_history {w} GROUP BY 1");
    let rows = client
        .query(&sql, &refs(&args))
        .map_err(|e| pg_error(ctx, e))?;
    let groups: Vec<StatsGroup> = rows
        .iter()
        .map(|r| StatsGroup {
            key: r.get(0),
            name: None,
            bans: r.get(1),
            ips: r.get(2),
        })
        .collect();
    let distinct_ips: i64 = client
        .query_one(
            &format!("SELECT count(DISTINCT ip) FROM fleet_history {w}"),
            &refs(&args),
        )
        .map_err(|e| pg_error(ctx, e))?
        .get(0);
    Ok(Stats::ranked(by, groups, distinct_ips, top))
}

/// Repeat offenders across the fleet, with the hosts that banned them.
pub fn recidive(
    client: &mut Client,
    f: &Filter,
    host: Option<&str>,
    min_bans: u32,
    limit: Option<u64>,
) -> Result<Vec<(Recidivist, Vec<String>)>> {
    let (w, args) = where_clause(f, host)?;
    let lim = limit.map(|l| format!("LIMIT {l}")).unwrap_or_default();
    let sql = format!(
        "SELECT host(ip), count(*), array_agg(DISTINCT jail), min(timeofban), max(timeofban),
                array_agg(DISTINCT host_id)
         FROM fleet_history {w} GROUP BY ip HAVING count(*) >= {min_bans}
         ORDER BY count(*) DESC, max(timeofban) DESC, ip {lim}"
    );
    let rows = client
        .query(&sql, &refs(&args))
        .map_err(|e| pg_error("reading the fleet's repeat offenders", e))?;
    Ok(rows
        .iter()
        .map(|r| {
            let mut jails: Vec<String> = r.get(2);
            jails.sort();
            let mut hosts: Vec<String> = r.get(5);
            hosts.sort();
            (
                Recidivist {
                    ip: r.get(0),
                    bans: r.get(1),
                    jails,
                    first_ban: rfc3339(r.get(3)),
                    last_ban: rfc3339(r.get(4)),
                    country_code: None,
                    country_name: None,
                    asn: None,
                    as_org: None,
                },
                hosts,
            )
        })
        .collect())
}
