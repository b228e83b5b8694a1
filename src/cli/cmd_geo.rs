//! `bangui geo lookup|refresh|cleanup|status`. Every answer comes from local
//! `.mmdb` files; nothing is sent to any network service.

use std::net::IpAddr;
use std::time::Instant;

use serde_json::{Value, json};

use bangui::geo::{self, GeoSet, RefreshOptions};
use bangui::net::Target;
use bangui::{Error, Result, util};

use super::app::App;
use super::args::{GeoCommand, MmdbArgs};
use super::output::{Report, View, kv, opt, table};

pub fn run(app: &App, cmd: GeoCommand) -> Result<Report> {
    match cmd {
        GeoCommand::Lookup { ips, mmdb } => lookup(app, &ips, &mmdb),
        GeoCommand::Refresh { mmdb } => refresh(app, &mmdb),
        GeoCommand::Cleanup { mmdb: _ } => cleanup(app),
        GeoCommand::Status { mmdb } => status(app, &mmdb),
    }
}

/// `--mmdb` files replace the configured ones; each must open.
fn open(app: &App, m: &MmdbArgs) -> Result<GeoSet> {
    if m.mmdb.is_empty() {
        GeoSet::require_configured(&app.cfg.geo)
    } else {
        GeoSet::open_paths(&m.mmdb)
    }
}

fn lookup(app: &App, ips: &[String], m: &MmdbArgs) -> Result<Report> {
    // Validate every argument before opening anything.
    let mut parsed: Vec<IpAddr> = Vec::with_capacity(ips.len());
    for s in ips {
        let t = Target::parse(s).map_err(Error::bad_input)?;
        if !t.is_host() {
            return Err(Error::bad_input(format!(
                "geo lookup takes IP addresses, not networks: {t}"
            )));
        }
        // Keep the mapped form as typed; the lookup canonicalises it.
        parsed.push(s.trim().parse().unwrap_or(t.net().addr()));
    }
    let set = open(app, m)?;
    let mut out = Vec::with_capacity(parsed.len());
    for ip in parsed {
        out.push(set.lookup(ip)?);
    }
    let rows = out
        .iter()
        .map(|g| {
            vec![
                g.ip.clone(),
                opt(g.country_code.clone()),
                opt(g.country_name.clone()),
                opt(g.city.clone()),
                opt(g.asn),
                opt(g.as_org.clone()),
            ]
        })
        .collect();
    Ok(Report::new(
        "geo lookup",
        json!({ "results": out }),
        table(
            &["ip", "country", "country name", "city", "asn", "as org"],
            rows,
        ),
    ))
}

fn refresh(app: &App, m: &MmdbArgs) -> Result<Report> {
    let set = open(app, m)?;
    let mut conn = app.db()?;
    let t0 = Instant::now();
    // Current bans from the socket join in once the fail2ban client lands.
    let opts = RefreshOptions {
        batch_size: app.cfg.geo.batch_size.max(1),
        extra: Vec::new(),
    };
    let r = geo::refresh(&mut conn, &set, &opts, util::now_unix(), &|| false)?;
    let ms = t0.elapsed().as_millis() as u64;
    tracing::info!(
        event = "geo_refresh_completed",
        component = "geo",
        resolved = r.resolved,
        duration_ms = ms
    );
    let mut data = serde_json::to_value(&r).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut data {
        o.insert("duration_ms".into(), json!(ms));
        o.insert("built_at".into(), util::rfc3339_opt(r.build_epoch));
    }
    let rate = if ms > 0 {
        format!("{:.0}/s", r.resolved as f64 * 1000.0 / ms as f64)
    } else {
        "-".into()
    };
    Ok(Report::new(
        "geo refresh",
        data,
        kv(vec![
            ("to resolve", r.candidates.to_string()),
            ("resolved", r.resolved.to_string()),
            ("unknown to the databases", r.unknown.to_string()),
            ("duration", format!("{ms} ms ({rate})")),
        ]),
    ))
}

fn cleanup(app: &App) -> Result<Report> {
    let mut conn = app.db()?;
    let r = geo::cleanup(
        &mut conn,
        app.cfg.geo.cache_retention_s,
        app.cfg.geo.batch_size.max(1),
        util::now_unix(),
        &|| false,
    )?;
    Ok(Report::new(
        "geo cleanup",
        serde_json::to_value(&r).unwrap_or(Value::Null),
        kv(vec![("removed", r.removed.to_string())]),
    ))
}

fn status(app: &App, m: &MmdbArgs) -> Result<Report> {
    let (set, problems) = if m.mmdb.is_empty() {
        GeoSet::open_configured(&app.cfg.geo)
    } else {
        (GeoSet::open_paths(&m.mmdb)?, Vec::new())
    };
    let conn = app.db()?;
    let s = geo::status(
        &conn,
        &set,
        &problems,
        app.cfg.geo.max_age_s,
        util::now_unix(),
    )?;
    let dbs = table(
        &["path", "type", "database type", "built", "stale", "problem"],
        s.databases
            .iter()
            .map(|d| {
                vec![
                    d.path.clone(),
                    opt(d.kind.map(|k| k.as_str())),
                    opt(d.database_type.clone()),
                    opt(d.built_at.clone()),
                    d.stale.to_string(),
                    opt(d.error.clone()),
                ]
            })
            .collect(),
    );
    let cache = kv(vec![
        ("cache entries", s.cache_entries.to_string()),
        ("unresolved history IPs", s.unresolved.to_string()),
        ("from an older build", s.outdated.to_string()),
    ]);
    let mut rep = Report::new(
        "geo status",
        serde_json::to_value(&s).unwrap_or(Value::Null),
        View::Sections(vec![("Databases".into(), dbs), ("Cache".into(), cache)]),
    );
    if set.is_empty() {
        rep = rep.note("no usable geo database: install geoipupdate's databases or pass --mmdb");
    }
    Ok(rep)
}
