//! `bangui blocklist …`: turns arguments into calls of `bangui::blocklist`
//! and the results into reports; draws progress bars on a terminal. The
//! environment (SSH client, proxy) is read here and passed in.

use std::collections::BTreeMap;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use bangui::blocklist::import::{self, Applier, NoProgress, Progress, RemoveReport};
use bangui::blocklist::{
    Fail2banApplier, ImportOptions, ImportReport, NewSource, Settings, nft, source,
};
use bangui::enforce::{JailState, SystemKernel};
use bangui::error::exit;
use bangui::fail2ban::Transport;
use bangui::net::Target;
use bangui::util::{format_duration, now_unix, parse_duration, sanitize};
use bangui::{Error, Result, audit, net};

use super::app::App;
use super::args::{
    BlocklistCommand, HookArg, ImportArgs, NftActionArg, SourceAddArgs, SourceCommand, TargetArg,
};
use super::output::{Report, View, kv, opt, table};

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

fn kernel(app: &App) -> nft::System {
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

fn settings(app: &App) -> Settings {
    let mut s = Settings::from_config(&app.cfg);
    s.own_addresses = net::own_addresses();
    s.ssh_peers = net::ssh_peers(&net::ssh_ports(&app.cfg.safety.ssh_ports));
    s.actor = app.actor();
    s.fetch.proxy = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .find_map(|k| app.env.get(k).filter(|v| !v.is_empty()).map(str::to_owned));
    s
}

fn dur(s: &str, what: &str) -> Result<u64> {
    parse_duration(s).map_err(|e| Error::Usage(format!("{what}: {e}")))
}

fn audit_source(
    app: &App,
    conn: &rusqlite::Connection,
    command: &str,
    src: &source::Source,
    changed: bool,
    now: i64,
) -> Result<()> {
    audit::append(
        conn,
        &audit::AuditRecord {
            at: now,
            actor: &app.actor(),
            command,
            jail: Some(&src.jail),
            targets: std::slice::from_ref(&src.name),
            outcome: "ok",
            changed,
            detail: Some(json!({ "url": src.url })),
        },
    )?;
    Ok(())
}

fn source_view(s: &source::Source) -> Vec<(&'static str, String)> {
    vec![
        ("name", s.name.clone()),
        ("url", s.url.clone()),
        ("jail", s.jail.clone()),
        ("target", s.target.clone()),
        ("hook", opt(s.hook.clone())),
        ("action", opt(s.action.clone())),
        ("format", s.format.to_string()),
        ("interval", format_duration(s.interval_s as i64)),
        ("min_interval", format_duration(s.min_interval_s as i64)),
        ("max_entries", opt(s.max_entries)),
        ("allow_http", s.allow_http.to_string()),
        ("allow_file", s.allow_file.to_string()),
        ("enabled", s.enabled.to_string()),
        ("origin", s.origin.clone()),
    ]
}

/// `source rm --keep-bans` needs no fail2ban.
struct Offline;
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

fn run_source(
    app: &App,
    conn: &rusqlite::Connection,
    c: SourceCommand,
    now: i64,
) -> Result<Report> {
    match c {
        SourceCommand::Add(a) => add(app, conn, a, now),
        SourceCommand::List => {
            let all = source::list(conn)?;
            let rows = all
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.jail.clone(),
                        s.enabled.to_string(),
                        s.format.to_string(),
                        format_duration(s.interval_s as i64),
                        s.origin.clone(),
                        s.url.clone(),
                    ]
                })
                .collect();
            Ok(Report::new(
                "blocklist source list",
                json!({ "sources": all }),
                table(
                    &[
                        "name", "jail", "enabled", "format", "interval", "origin", "url",
                    ],
                    rows,
                ),
            ))
        }
        SourceCommand::Show { name } => {
            let s = source::get(conn, &name)?;
            let st = import::status(conn, now)?
                .into_iter()
                .find(|x| x.name == s.name);
            let mut pairs = source_view(&s);
            if let Some(st) = &st {
                pairs.push(("entries", st.entries.to_string()));
                pairs.push(("last_success", opt(st.last_success.clone())));
                pairs.push(("last_failure", opt(st.last_failure.clone())));
                pairs.push(("last_error", opt(st.last_error.clone())));
                pairs.push(("stale", st.stale.to_string()));
            }
            Ok(Report::new(
                "blocklist source show",
                json!({ "source": s, "status": st }),
                kv(pairs),
            ))
        }
        SourceCommand::Enable { name } => toggle(app, conn, &name, true, now),
        SourceCommand::Disable { name } => toggle(app, conn, &name, false, now),
        SourceCommand::Rm { name, keep_bans } => {
            let s = source::get(conn, &name)?;
            let st = settings(app);
            let r: RemoveReport = if s.nft().is_some() {
                if keep_bans {
                    return Err(Error::Usage(
                        "--keep-bans does not apply to a source with target nft: its sets go with it".into(),
                    ));
                }
                remove_nft(app, conn, &s, &st, now)?
            } else if keep_bans {
                import::remove_source(conn, &mut Offline, &s, true, &st, now)?
            } else {
                let mut client = app.client()?;
                let t: &mut dyn Transport = &mut client;
                import::remove_source(conn, &mut Fail2banApplier(t), &s, false, &st, now)?
            };
            let view = kv(vec![
                ("source", r.source.clone()),
                ("jail", r.jail.clone()),
                ("unbanned", r.unbanned.to_string()),
                (
                    "kept_for_other_sources",
                    r.kept_for_other_sources.to_string(),
                ),
                ("kept", r.kept.to_string()),
            ]);
            Ok(Report::new(
                "blocklist source rm",
                serde_json::to_value(&r).unwrap_or_default(),
                view,
            ))
        }
    }
}

/// `source rm` of an nft source: its sets, counter and chains leave the
/// kernel first (the table too when it is empty), then the source and its
/// entries leave the database.
fn remove_nft(
    app: &App,
    conn: &rusqlite::Connection,
    s: &source::Source,
    st: &Settings,
    now: i64,
) -> Result<RemoveReport> {
    let declared = st
        .declared
        .iter()
        .any(|v| v.get("name").and_then(|n| n.as_str()) == Some(s.name.as_str()));
    if s.origin == "config" && declared {
        return Err(Error::config(format!(
            "blocklist source {} is declared in the config file: remove it there (it is then disabled) and run `source rm` again",
            s.name
        )));
    }
    let entries = import::entries(conn, s.id)?.len() as u64;
    nft::apply::uninstall(&mut kernel(app), &s.name)?;
    let mut r = import::remove_source(conn, &mut Offline, s, true, st, now)?;
    r.kept = 0;
    r.unbanned = if s.enabled { entries } else { 0 };
    r.changed = true;
    Ok(r)
}

fn add(app: &App, conn: &rusqlite::Connection, a: SourceAddArgs, now: i64) -> Result<Report> {
    let mut n = match (a.target, a.jail.as_deref()) {
        (Some(TargetArg::Nft), Some(_)) => {
            return Err(Error::Usage(
                "--target nft takes no --jail: a source has exactly one target".into(),
            ));
        }
        (Some(TargetArg::Nft), None) => NewSource::new_nft(
            &a.name,
            &a.url,
            match a.hook {
                HookArg::Input => nft::Hook::Input,
                HookArg::Forward => nft::Hook::Forward,
                HookArg::Both => nft::Hook::Both,
            },
            match a.action {
                NftActionArg::Drop => nft::Action::Drop,
                NftActionArg::Reject => nft::Action::Reject,
            },
        ),
        (_, Some(j)) => NewSource::new(&a.name, &a.url, j),
        (_, None) => {
            return Err(Error::Usage("--jail is required (or --target nft)".into()));
        }
    };
    n.format = a.format.parse().map_err(Error::Usage)?;
    n.interval_s = dur(&a.interval, "--interval")?;
    if let Some(m) = &a.min_interval {
        n.min_interval_s = dur(m, "--min-interval")?;
    }
    n.max_entries = a.max_entries;
    n.allow_http = a.allow_http;
    n.allow_file = a.allow_file;
    super::cmd_fleet::check_source_url(app, &a.url)?;
    if bangui::fleet::source_class(&a.url).is_some() {
        // The store, not a feed's maintainers: no fetch limit.
        n.min_interval_s = 0;
    }
    let s = source::add(conn, &n, now)?;
    if a.fleet_shared {
        bangui::fleet::outbox::set_shared(conn, s.id)?;
    }
    audit_source(app, conn, "blocklist source add", &s, true, now)?;
    Ok(Report::new(
        "blocklist source add",
        json!({ "changed": true, "source": s }),
        kv(source_view(&s)),
    )
    .note(format!(
        "added source {}; `bangui blocklist import {}` fetches it",
        s.name, s.name
    )))
}

fn toggle(
    app: &App,
    conn: &rusqlite::Connection,
    name: &str,
    on: bool,
    now: i64,
) -> Result<Report> {
    let before = source::get(conn, name)?;
    if before.nft().is_some() && before.enabled != on {
        // The kernel first: a refusal leaves the source as it was.
        let mut k = kernel(app);
        if on {
            let mut s = before.clone();
            s.enabled = true;
            nft::apply::install(conn, &mut k, &s)?;
        } else {
            nft::apply::uninstall(&mut k, &before.name)?;
        }
    }
    let changed = source::set_enabled(conn, name, on, now)?;
    let s = source::get(conn, name)?;
    // A disabled source is not imported again soon: settle what an
    // interrupted run left pending now.
    if !on && import::has_pending(conn, s.id)? {
        let mut client = app.client()?;
        let t: &mut dyn Transport = &mut client;
        import::reconcile_pending(conn, &mut Fail2banApplier(t), &s)?;
    }
    let command = if on {
        "blocklist source enable"
    } else {
        "blocklist source disable"
    };
    if changed {
        audit_source(app, conn, command, &s, true, now)?;
    }
    Ok(Report::new(
        command,
        json!({ "changed": changed, "source": s.name, "enabled": s.enabled }),
        kv(vec![
            ("source", s.name.clone()),
            ("enabled", s.enabled.to_string()),
            ("changed", changed.to_string()),
        ]),
    ))
}

/// Bars on stderr: bytes while downloading and parsing, entries while applying.
struct Bars {
    source: String,
    bar: Option<ProgressBar>,
}

impl Progress for Bars {
    fn phase(&mut self, name: &str, total: Option<u64>) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
        let (bar, template) = match (name, total) {
            ("download", Some(t)) => (
                ProgressBar::new(t),
                "{prefix} {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
            ),
            ("download", None) => (
                ProgressBar::new_spinner(),
                "{prefix} {msg} {spinner} {bytes}",
            ),
            (_, t) => (
                ProgressBar::new(t.unwrap_or(0)),
                "{prefix} {msg} [{bar:30}] {pos}/{len}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(sanitize(&self.source));
        bar.set_message(if name == "download" {
            "download+parse"
        } else {
            "apply"
        });
        bar.enable_steady_tick(Duration::from_millis(120));
        self.bar = Some(bar);
    }
    fn position(&mut self, done: u64) {
        if let Some(b) = &self.bar {
            b.set_position(done);
        }
    }
    fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

/// How many of the source's applied entries the jail's inspectable
/// actions hold: `{checked, not_enforced, samples}`, or null when no action
/// of the jail is inspectable.
fn enforcement_check(
    conn: &rusqlite::Connection,
    client: &mut bangui::fail2ban::Client,
    source_id: i64,
    jail: &str,
) -> Result<Value> {
    let state = JailState::read(client, &mut SystemKernel::new(), jail)?;
    let mut checked = 0u64;
    let mut missing = Vec::new();
    for e in import::entries(conn, source_id)? {
        let Ok(t) = Target::parse(&e) else { continue };
        match state.enforced(&t) {
            None => return Ok(Value::Null),
            Some(ok) => {
                checked += 1;
                if !ok {
                    missing.push(t);
                }
            }
        }
    }
    missing.sort();
    Ok(json!({
        "checked": checked,
        "not_enforced": missing.len(),
        "samples": missing.iter().take(20).map(Target::to_string).collect::<Vec<_>>(),
    }))
}

fn run_import(app: &App, conn: &rusqlite::Connection, a: ImportArgs, now: i64) -> Result<Report> {
    let sources = if let Some(f) = &a.from_file {
        let jail = a.jail.as_deref().unwrap_or_default();
        vec![import::file_source(conn, f, jail, now)?]
    } else if a.all {
        source::list(conn)?
            .into_iter()
            .filter(|s| s.enabled)
            .collect()
    } else {
        let mut v = Vec::new();
        for n in &a.names {
            v.push(source::get(conn, n)?);
        }
        v
    };
    let opts = ImportOptions {
        dry_run: a.dry_run,
        force: a.force,
        force_fetch: a.force_fetch,
    };
    let st = settings(app);
    let mut reports: Vec<ImportReport> = Vec::new();
    let mut checks: Vec<Value> = Vec::new();
    // SIGTERM/SIGINT stop the import between batches, as they stop jobs;
    // the report of what was done is still printed.
    let shutdown = bangui::jobs::Shutdown::new();
    let _listener = if a.dry_run {
        None
    } else {
        Some(shutdown.install()?)
    };
    if !a.dry_run {
        // A second signal stops at once: the write-ahead entries keep the
        // database consistent with fail2ban, and the next run reconciles.
        let sd = shutdown.clone();
        std::thread::spawn(move || {
            loop {
                if sd.signal_count() >= 2 {
                    let code = bangui::jobs::shutdown::signal_exit(sd.signal().unwrap_or(0)).1;
                    eprintln!("bangui: error: stopped at once by a second signal");
                    std::process::exit(code);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
    }
    let should_stop = || shutdown.requested();
    if !sources.is_empty() {
        // Sources with target nft need no fail2ban.
        let mut client = if sources.iter().any(|s| s.nft().is_none()) {
            Some(app.client()?)
        } else {
            None
        };
        let mut offline = Offline;
        let mut connected;
        let applier: &mut dyn Applier = match client.as_mut() {
            Some(c) => {
                let t: &mut dyn Transport = c;
                connected = Fail2banApplier(t);
                &mut connected
            }
            None => &mut offline,
        };
        for s in &sources {
            let mut bars = Bars {
                source: s.name.clone(),
                bar: None,
            };
            let progress: &mut dyn Progress = if app.progress {
                &mut bars
            } else {
                &mut NoProgress
            };
            let r =
                import::import_source(conn, applier, s, &st, opts, progress, &should_stop, now)?;
            // An unreachable fail2ban fails every source alike: stop here.
            let down =
                r.error_kind == Some("fail2ban_unavailable") && r.added == 0 && r.removed == 0;
            reports.push(r);
            if down || shutdown.requested() {
                break;
            }
        }
        // Check after acting: does the kernel hold what the sources applied?
        for (s, r) in sources.iter().zip(&reports) {
            // An nft source's import is the kernel change itself.
            checks.push(match client.as_mut() {
                Some(c) if s.nft().is_none() && !r.dry_run && r.status == "ok" => {
                    enforcement_check(conn, c, s.id, &r.jail)?
                }
                _ => Value::Null,
            });
        }
    }
    let not_enforced: u64 = checks
        .iter()
        .filter_map(|c| c["not_enforced"].as_u64())
        .sum();
    let changed = reports.iter().any(|r| r.changed);
    let mut codes: Vec<i32> = reports.iter().map(|r| r.exit_code).collect();
    if let Some(sig) = shutdown.signal() {
        let stop = bangui::jobs::shutdown::signal_exit(sig).1;
        codes.retain(|c| *c != exit::SIGTERM);
        codes = vec![stop];
    }
    codes.dedup();
    let code = match codes.as_slice() {
        _ if not_enforced > 0 => exit::PARTIAL,
        [] => exit::OK,
        [c] => *c,
        _ if codes.contains(&exit::OK) => exit::PARTIAL,
        _ => codes
            .iter()
            .copied()
            .find(|c| *c != exit::OK)
            .unwrap_or(exit::FAILURE),
    };
    let rows = reports
        .iter()
        .map(|r| {
            vec![
                r.source.clone(),
                r.jail.clone(),
                r.status.to_string(),
                r.valid.to_string(),
                r.invalid.to_string(),
                r.duplicates.to_string(),
                r.total_refused().to_string(),
                r.aggregated.to_string(),
                if r.dry_run {
                    format!("({})", r.to_add)
                } else {
                    r.added.to_string()
                },
                if r.dry_run {
                    format!("({})", r.to_remove)
                } else {
                    r.removed.to_string()
                },
                format!("{:.2}s", r.duration_ms as f64 / 1000.0),
            ]
        })
        .collect();
    let mut sources_json = serde_json::to_value(&reports).unwrap_or_default();
    if let Some(list) = sources_json.as_array_mut() {
        for (i, item) in list.iter_mut().enumerate() {
            if let Some(o) = item.as_object_mut() {
                o.insert(
                    "enforcement".into(),
                    checks.get(i).cloned().unwrap_or(Value::Null),
                );
            }
        }
    }
    let mut report = Report::new(
        "blocklist import",
        json!({ "changed": changed, "dry_run": a.dry_run, "sources": sources_json,
            "would_change": reports.iter().any(|r| r.to_add > 0 || r.to_remove > 0) }),
        table(
            &[
                "source",
                "jail",
                "status",
                "valid",
                "invalid",
                "duplicates",
                "refused",
                "aggregated",
                "added",
                "removed",
                "duration",
            ],
            rows,
        ),
    )
    .with_exit(code);
    if sources.is_empty() {
        report = report.note("no enabled sources");
    }
    if not_enforced > 0 {
        report = report.note(format!(
            "{not_enforced} applied entr(y/ies) not held by the kernel firewall; see `bangui verify`"
        ));
    }
    for r in &reports {
        if let Some(e) = &r.error {
            report = report.note(format!("error: {}: {e}", r.source));
        } else if r.status == "unchanged" {
            report = report.note(format!("{}: unchanged, nothing applied", r.source));
        }
        if r.status == "dry-run" {
            report = report.note(format!(
                "{}: dry run: would ban {} and unban {} (nothing changed)",
                r.source, r.to_add, r.to_remove
            ));
        }
        if !r.refused.is_empty() {
            let parts: Vec<String> = r.refused.iter().map(|(k, v)| format!("{k} {v}")).collect();
            report = report.note(format!(
                "{}: refused by the safety policy: {}",
                r.source,
                parts.join(", ")
            ));
        }
    }
    Ok(report)
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
        .map(|s| {
            vec![
                s.name.clone(),
                s.jail.clone(),
                s.enabled.to_string(),
                opt(s.last_success.clone()),
                opt(s.last_failure.clone()),
                s.entries.to_string(),
                s.age_s.map(format_duration).unwrap_or_else(|| "-".into()),
                s.stale.to_string(),
                opt(dropped(&s.name)),
                s.failing.to_string(),
            ]
        })
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
