//! `bangui blocklist import`: runs the import of each source, checks that
//! the kernel holds what was applied, and renders the reports with one exit
//! code for them all.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use bangui::Result;
use bangui::blocklist::import::{self, Applier, ImportStatus, NoProgress, Progress};
use bangui::blocklist::{Fail2banApplier, ImportOptions, ImportReport, source};
use bangui::enforce::{JailState, SystemKernel};
use bangui::error::Outcome;
use bangui::fail2ban::Transport;
use bangui::net::Target;
use bangui::util::sanitize;

use super::super::app::App;
use super::super::args::ImportArgs;
use super::super::output::{Report, table};
use super::{Offline, settings};

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

pub(super) fn run_import(
    app: &App,
    conn: &rusqlite::Connection,
    a: ImportArgs,
    now: i64,
) -> Result<Report> {
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
            let down = r.outcome.error_kind() == Some("fail2ban_unavailable")
                && r.added == 0
                && r.removed == 0;
            reports.push(r);
            if down || shutdown.requested() {
                break;
            }
        }
        // Check after acting: does the kernel hold what the sources applied?
        for (s, r) in sources.iter().zip(&reports) {
            // An nft source's import is the kernel change itself.
            checks.push(match client.as_mut() {
                Some(c) if s.nft().is_none() && !r.dry_run && r.status == ImportStatus::Ok => {
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
    // A stop by signal is the outcome of the whole run.
    let outcome = if not_enforced > 0 {
        Outcome::Partial
    } else if let Some(sig) = shutdown.signal() {
        Outcome::Stopped {
            sigint: sig == signal_hook::consts::SIGINT,
        }
    } else {
        Outcome::combine(reports.iter().map(|r| r.outcome))
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
    .with_outcome(outcome);
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
        } else if r.status == ImportStatus::Unchanged {
            report = report.note(format!("{}: unchanged, nothing applied", r.source));
        }
        if r.status == ImportStatus::DryRun {
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
