//! `bangui blocklist …`: turns arguments into calls of `bangui::blocklist`
//! and the results into reports; draws progress bars on a terminal. The
//! environment (SSH client, proxy) is read here and passed in. Source
//! management is in [`sources`], imports and their rendering in [`imports`].

mod imports;
mod sources;

use std::collections::BTreeMap;

use serde_json::{Value, json};

use bangui::blocklist::import::{self, Applier};
use bangui::blocklist::{Settings, nft, source};
use bangui::util::{format_duration, now_unix};
use bangui::{Error, Result, audit, net};

use super::app::App;
use super::args::BlocklistCommand;
use super::output::{Report, View, opt, table};
use imports::run_import;
use sources::run_source;

pub fn run(app: &App, cmd: BlocklistCommand) -> Result<Report> {
    let conn = app.db()?;
    let now = now_unix();
    for w in source::sync_config(&conn, &app.cfg.blocklist.sources, now)? {
        app.warn(&w);
    }
    match cmd {
        BlocklistCommand::Source(c) => run_source(app, &conn, c, now),
        BlocklistCommand::Import(a) => run_import(app, &conn, a, now),
        BlocklistCommand::Log { source, limit } => run_log(&conn, source.as_deref(), limit),
        BlocklistCommand::Status => run_status(app, &conn, now),
        BlocklistCommand::Restore => run_restore(app, &conn, now),
    }
}

pub(super) fn kernel(app: &App) -> nft::System {
    nft::System::new(&app.cfg.blocklist.nft)
}

fn run_restore(app: &App, conn: &rusqlite::Connection, now: i64) -> Result<Report> {
    let r = nft::apply::restore(conn, &mut kernel(app))?;
    audit::append(
        conn,
        &audit::AuditRecord {
            at: now,
            actor: &app.actor(),
            command: "blocklist restore",
            jail: None,
            targets: &r
                .sources
                .iter()
                .map(|s| s.source.clone())
                .collect::<Vec<_>>(),
            outcome: "ok",
            changed: r.changed,
            detail: Some(json!({ "table_was_missing": r.table_was_missing })),
        },
    )?;
    let rows = r
        .sources
        .iter()
        .map(|s| {
            vec![
                s.source.clone(),
                s.hook.clone(),
                s.action.clone(),
                s.intervals_v4.to_string(),
                s.intervals_v6.to_string(),
            ]
        })
        .collect();
    let mut report = Report::new(
        "blocklist restore",
        serde_json::to_value(&r).unwrap_or_default(),
        table(
            &["source", "hook", "action", "intervals_v4", "intervals_v6"],
            rows,
        ),
    );
    if r.sources.is_empty() {
        report = report.note("no enabled source targets nft: table inet bangui is not loaded");
    }
    Ok(report)
}

pub(super) fn settings(app: &App) -> Settings {
    let mut s = Settings::from_config(&app.cfg);
    s.own_addresses = net::own_addresses();
    s.ssh_peers = net::ssh_peers(&net::ssh_ports(&app.cfg.safety.ssh_ports));
    s.actor = app.actor();
    s.fetch.proxy = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .find_map(|k| app.env.get(k).filter(|v| !v.is_empty()).map(str::to_owned));
    s
}

/// `source rm --keep-bans` needs no fail2ban.
pub(super) struct Offline;
impl Applier for Offline {
    fn ban(&mut self, _: &str, _: &[String]) -> Result<u64> {
        Err(Error::Other("fail2ban is not connected".into()))
    }
    fn unban(&mut self, _: &str, _: &[String]) -> Result<u64> {
        Err(Error::Other("fail2ban is not connected".into()))
    }
    fn ignoreip(&mut self, _: &str) -> Result<Vec<String>> {
        Err(Error::Other("fail2ban is not connected".into()))
    }
}

fn run_log(conn: &rusqlite::Connection, source: Option<&str>, limit: u32) -> Result<Report> {
    let rows = import::log(conn, source, limit)?;
    let view = rows
        .iter()
        .map(|r| {
            let refused: u64 = r
                .refused
                .as_object()
                .map(|m| m.values().filter_map(Value::as_u64).sum())
                .unwrap_or(0);
            vec![
                r.id.to_string(),
                r.started_at.clone(),
                r.source.clone(),
                r.status.clone(),
                opt(r.http_status),
                r.valid.to_string(),
                r.invalid.to_string(),
                refused.to_string(),
                r.aggregated.to_string(),
                r.added.to_string(),
                r.removed.to_string(),
                opt(r.duration_ms),
                opt(r.error.clone()),
            ]
        })
        .collect();
    Ok(Report::new(
        "blocklist log",
        json!({ "imports": rows }),
        table(
            &[
                "id",
                "started",
                "source",
                "status",
                "http",
                "valid",
                "invalid",
                "refused",
                "aggregated",
                "added",
                "removed",
                "ms",
                "error",
            ],
            view,
        ),
    ))
}

fn run_status(app: &App, conn: &rusqlite::Connection, now: i64) -> Result<Report> {
    let all = import::status(conn, now)?;
    let nft_names: Vec<String> = nft::apply::nft_sources(conn)?
        .into_iter()
        .map(|s| s.name)
        .collect();
    // Counters only when some source targets nft; unreadable ones are null.
    let counters = if nft_names.is_empty() {
        Default::default()
    } else {
        match nft::apply::counters(&mut kernel(app)) {
            Ok(c) => c,
            Err(e) => {
                app.warn(&format!("nftables counters unavailable: {e}"));
                Default::default()
            }
        }
    };
    let dropped = |name: &str| -> Option<u64> {
        nft_names
            .iter()
            .any(|n| n == name)
            .then(|| counters.get(name).map(|c| c.packets))
            .flatten()
    };
    let rows = all
        .iter()
        .map(|s| status_row(s, dropped(&s.name)))
        .collect();
    let stale: BTreeMap<&str, bool> = all.iter().map(|s| (s.name.as_str(), s.stale)).collect();
    let mut sources = serde_json::to_value(&all).unwrap_or_default();
    for item in sources.as_array_mut().into_iter().flatten() {
        let name = item["name"].as_str().unwrap_or_default().to_string();
        item["packets_dropped"] = json!(dropped(&name));
        item["bytes_dropped"] = json!(
            nft_names
                .contains(&name)
                .then(|| counters.get(&name).map(|c| c.bytes))
                .flatten()
        );
    }
    Ok(Report::new(
        "blocklist status",
        json!({ "sources": sources, "any_stale": stale.values().any(|v| *v),
            "any_failing": all.iter().any(|s| s.failing) }),
        if all.is_empty() {
            View::Text("no blocklist sources; `bangui blocklist source add` creates one".into())
        } else {
            table(
                &[
                    "source",
                    "jail",
                    "enabled",
                    "last_success",
                    "last_failure",
                    "entries",
                    "age",
                    "stale",
                    "dropped",
                    "failing",
                ],
                rows,
            )
        },
    ))
}

/// One row of the `blocklist status` table.
fn status_row(s: &import::SourceStatus, dropped: Option<u64>) -> Vec<String> {
    vec![
        s.name.clone(),
        s.jail.clone(),
        s.enabled.to_string(),
        opt(s.last_success.clone()),
        opt(s.last_failure.clone()),
        s.entries.to_string(),
        s.age_s.map(format_duration).unwrap_or_else(|| "-".into()),
        s.stale.to_string(),
        opt(dropped),
        s.failing.to_string(),
    ]
}
