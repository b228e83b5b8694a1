//! `bangui explain IP…`: gather the current bans, jails' ignoreip, bangui's
//! records and fail2ban's rows (read-only), let the library assemble one
//! report per IP, and render it.

use std::collections::{BTreeMap, HashMap};

use bangui::enforce::{JailState, SystemKernel};
use bangui::error::Outcome;
use bangui::fail2ban::api;
use bangui::insight::explain::{self, Explanation, Inputs};
use bangui::net::Target;
use bangui::util::{format_duration, now_unix, rfc3339};
use bangui::{Error, Result};

use super::app::App;
use super::args::ExplainArgs;
use super::output::{Report, View, kv, opt, table};

pub fn run(app: &App, a: ExplainArgs) -> Result<Report> {
    let ips = a
        .ips
        .iter()
        .map(|s| explain::parse_ip(s))
        .collect::<Result<Vec<Target>>>()?;
    let now = now_unix();
    let mut client = app.client()?;
    let mut bans = bangui::bans::list_bans(&mut client, None)?;
    super::cmd_bans::add_ban_counts(app, &mut client, &mut bans);
    let mut ignoreip = BTreeMap::new();
    for jail in api::status(&mut client)? {
        let list = bangui::bans::jail_ignoreip(&mut client, &jail)?;
        ignoreip.insert(jail, list);
    }
    let policy = super::cmd_bans::policy(app, Vec::new(), false);
    let conn = if app.cfg.database.path.exists() {
        Some(app.db()?)
    } else {
        None
    };
    let expiries = match &conn {
        Some(c) => bangui::insight::expiry::all(c)?,
        None => HashMap::new(),
    };
    let f2b = super::cmd_bans::fail2ban_db_path(app, &mut client).and_then(|p| {
        let opts = bangui::history::SyncOptions::default();
        bangui::history::source::Source::open(&p, opts.retry())
            .map_err(|e| app.warn(&format!("fail2ban's ban records unavailable: {e}")))
            .ok()
    });
    let (geo_db, _) = bangui::geo::GeoSet::open_configured(&app.cfg.geo);
    let inputs = Inputs {
        bans: &bans,
        ignoreip: &ignoreip,
        policy: &policy,
        conn: conn.as_deref(),
        expiries: &expiries,
        now,
        lines: a.lines,
    };
    let mut out = Vec::new();
    // What the kernel holds, read once per jail that bans one of the IPs.
    let mut kernel_state: BTreeMap<String, Option<JailState>> = BTreeMap::new();
    for ip in ips {
        let rows = match &f2b {
            Some(src) => src.rows_for_ips(None, &[ip.to_string()])?,
            None => Vec::new(),
        };
        let addr = ip.net().addr();
        let geo = if geo_db.is_empty() {
            match &conn {
                Some(c) => bangui::geo::cached(c, &[addr])?.remove(&addr),
                None => None,
            }
        } else {
            Some(geo_db.lookup(addr)?)
        };
        let mut x = explain::explain(ip, &inputs, &rows, geo)?;
        for b in &mut x.bans {
            let state = match kernel_state.entry(b.jail.clone()) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(JailState::read(&mut client, &mut SystemKernel::new(), &b.jail).ok())
                }
            };
            b.enforced = match (state, Target::parse(&b.entry)) {
                (Some(st), Ok(t)) => st.enforced(&t),
                _ => None,
            };
        }
        out.push(x);
    }
    let any = out.iter().any(|x| x.banned);
    let view = View::Sections(out.iter().flat_map(|x| sections(x, now)).collect());
    let data = serde_json::to_value(&out).map_err(|e| Error::Other(e.to_string()))?;
    Ok(
        Report::new("explain", data, view).with_outcome(if any {
            Outcome::Ok
        } else {
            Outcome::No
        }),
    )
}

fn when(t: Option<i64>) -> String {
    opt(t.map(rfc3339))
}

fn sections(x: &Explanation, now: i64) -> Vec<(String, View)> {
    let g = x.geo.as_ref();
    let head = kv(vec![
        ("ip", x.ip.to_string()),
        ("banned", if x.banned { "yes".into() } else { "no".into() }),
        ("country", opt(g.and_then(|g| g.country_code.clone()))),
        ("asn", opt(g.and_then(|g| g.asn).map(|a| format!("AS{a}")))),
        ("as_org", opt(g.and_then(|g| g.as_org.clone()))),
        (
            "users",
            if x.users.is_empty() {
                "-".into()
            } else {
                x.users.join(",")
            },
        ),
        (
            "history",
            format!(
                "{} bans, first {}, last {}",
                x.history.count,
                when(x.history.first_at),
                when(x.history.last_at)
            ),
        ),
    ]);
    let bans = table(
        &[
            "jail",
            "entry",
            "banned_at",
            "ends_at",
            "time_left",
            "ban_count",
            "bangui_expires",
            "enforced",
        ],
        x.bans
            .iter()
            .map(|b| {
                vec![
                    b.jail.clone(),
                    b.entry.clone(),
                    when(b.banned_at),
                    b.ends_at.map(rfc3339).unwrap_or_else(|| "never".into()),
                    match b.ends_at {
                        Some(e) => format_duration((e - now).max(0)),
                        None => "permanent".into(),
                    },
                    opt(b.ban_count),
                    when(b.bangui_expires_at),
                    opt(b.enforced.map(|e| if e { "yes" } else { "no" })),
                ]
            })
            .collect(),
    );
    let origins = table(
        &["origin", "count", "first", "last", "sources"],
        x.history
            .by_origin
            .iter()
            .map(|o| {
                vec![
                    o.origin.clone(),
                    o.count.to_string(),
                    rfc3339(o.first_at),
                    rfc3339(o.last_at),
                    o.sources.join(","),
                ]
            })
            .collect(),
    );
    let lists = table(
        &["source", "network", "jail"],
        x.blocklists
            .iter()
            .map(|l| vec![l.source.clone(), l.network.clone(), l.jail.clone()])
            .collect(),
    );
    let safety = table(
        &["jail", "would_ban", "reason"],
        x.safety
            .iter()
            .map(|v| {
                vec![
                    v.jail.clone().unwrap_or_else(|| "(policy)".into()),
                    if v.allowed { "yes".into() } else { "no".into() },
                    opt(v.reason.clone()),
                ]
            })
            .collect(),
    );
    let lines = table(
        &["jail", "banned_at", "line"],
        x.log_lines
            .iter()
            .map(|l| vec![l.jail.clone(), rfc3339(l.banned_at), l.line.clone()])
            .collect(),
    );
    let ip = x.ip.to_string();
    vec![
        (format!("== {ip}"), head),
        ("Current bans".into(), bans),
        ("History by origin".into(), origins),
        ("Blocklists listing it".into(), lists),
        ("Safety policy".into(), safety),
        ("Log lines (newest first)".into(), lines),
    ]
}
