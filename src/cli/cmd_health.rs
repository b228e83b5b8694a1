//! `bangui health` (one run of the checks, as a report, an exit code or a
//! Nagios line) and `bangui serve-health` (signals, binding, and handing the
//! library's HTTP server its check runner).

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use bangui::error::Outcome;
use bangui::health::{self, CheckName, HealthReport, HealthSettings, Status, http};
use bangui::util::{now_unix, rfc3339};
use bangui::{Error, Result};

use super::app::App;
use super::args::{HealthArgs, ServeHealthArgs};
use super::logging;
use super::output::{Mode, Report, View, kv, table};

/// Nagios plugin exit codes: the one documented exception to bangui's table.
pub mod nagios {
    pub const OK: i32 = 0;
    pub const WARNING: i32 = 1;
    pub const CRITICAL: i32 = 2;
    pub const UNKNOWN: i32 = 3;
}

/// Create and migrate the database when it does not exist yet, as every
/// other command would; if that fails, the database check says why. The
/// connection is not kept: the checks open the database themselves.
fn prepare_db(app: &App) {
    if !app.cfg.database.path.exists()
        && let Err(e) = app.db()
    {
        tracing::warn!(event = "health_db_prepare_failed", error = %e);
    }
    app.close_db();
}

pub fn health(app: &App, args: HealthArgs) -> Result<Report> {
    let only: Vec<CheckName> = args
        .check
        .as_deref()
        .map(|n| {
            CheckName::parse(n)
                .map(|c| vec![c])
                .ok_or_else(|| Error::Usage(format!("unknown check {n:?}")))
        })
        .transpose()?
        .unwrap_or_default();
    prepare_db(app);
    let settings = HealthSettings::from_config(&app.cfg, logging::sink());
    let snap = health::run(&settings, &only, false, now_unix());
    let r = &snap.report;
    let data = http::ready_document(r);
    if args.nagios {
        let (code, line) = nagios_line(r);
        return Ok(Report::new("health", data, View::Raw(format!("{line}\n")))
            .with_outcome(Outcome::Plugin(code)));
    }
    let rows: Vec<Vec<String>> = r
        .checks
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                if c.healthy { "ok" } else { "FAILED" }.into(),
                if c.critical { "critical" } else { "advisory" }.into(),
                c.duration_ms.to_string(),
                c.message.clone(),
            ]
        })
        .collect();
    let checks = table(&["check", "result", "kind", "ms", "message"], rows);
    let view = if app.mode == Mode::Plain {
        // One record a line for cut/awk: the checks only.
        checks
    } else {
        View::Sections(vec![
            (
                String::new(),
                kv(vec![
                    ("status", r.status.as_str().to_string()),
                    ("ready", r.ready.to_string()),
                    ("failed", r.failed_count.to_string()),
                    (
                        "fail2ban",
                        r.fail2ban_version.clone().unwrap_or_else(|| "-".into()),
                    ),
                    ("checked_at", rfc3339(r.checked_at)),
                ]),
            ),
            (String::new(), checks),
        ])
    };
    let outcome = match r.status {
        Status::Ok => Outcome::Ok,
        Status::Degraded => Outcome::No,
        Status::Unavailable => Outcome::Unavailable,
    };
    Ok(Report::new("health", data, view).with_outcome(outcome))
}

/// The plugin line and its exit code.
pub fn nagios_line(r: &HealthReport) -> (i32, String) {
    let clean = |s: &str| {
        bangui::util::sanitize(s)
            .replace(['|', '\n', '\r'], " ")
            .trim()
            .to_string()
    };
    // Critical failures first: the line is often cut short in a dashboard.
    let mut failing: Vec<_> = r.checks.iter().filter(|c| !c.healthy).collect();
    failing.sort_by_key(|c| !c.critical);
    let failed: Vec<String> = failing
        .iter()
        .map(|c| format!("{}: {}", c.name, clean(&c.message)))
        .collect();
    let (code, word, text) = if r.status == Status::Unavailable {
        (
            nagios::CRITICAL,
            "CRITICAL",
            format!("fail2ban unavailable; {}", failed.join("; ")),
        )
    } else if !r.ready {
        (
            nagios::CRITICAL,
            "CRITICAL",
            format!("not ready; {}", failed.join("; ")),
        )
    } else if r.failed_count > 0 {
        (
            nagios::WARNING,
            "WARNING",
            format!("degraded; {}", failed.join("; ")),
        )
    } else {
        let v = r
            .fail2ban_version
            .as_deref()
            .map(|v| format!(", fail2ban {}", clean(v)))
            .unwrap_or_default();
        (
            nagios::OK,
            "OK",
            format!("{} checks pass{v}", r.checks.len()),
        )
    };
    let mut perf = vec![format!(
        "failed={};1;1;0;{}",
        r.failed_count,
        r.checks.len()
    )];
    perf.extend(
        r.checks
            .iter()
            .map(|c| format!("{}={:.3}s;;;0", c.name, c.duration_ms as f64 / 1000.0)),
    );
    (code, format!("BANGUI {word} - {text} | {}", perf.join(" ")))
}

/// What `--nagios` prints when the check could not run at all.
pub fn nagios_unknown(e: &Error) -> i32 {
    let msg = bangui::util::sanitize(&e.to_string()).replace(['|', '\n'], " ");
    println!("BANGUI UNKNOWN - {msg}");
    nagios::UNKNOWN
}

pub fn serve(app: &App, args: ServeHealthArgs) -> Result<Report> {
    let h = &app.cfg.health;
    let listen = args.listen.clone().unwrap_or_else(|| h.listen.clone());
    let addr = http::resolve_listen(&listen, args.allow_remote || h.allow_remote)?;

    // Signals first, so a SIGTERM during start-up is still a clean stop.
    let stop = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
        .map_err(|e| Error::Other(format!("installing signal handlers: {e}")))?;
    {
        let stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    if sig == SIGHUP {
                        let _ = logging::reopen();
                        continue;
                    }
                    // A second TERM/INT while draining means "now".
                    if stop
                        .compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst)
                        .is_err()
                    {
                        std::process::exit(128 + sig);
                    }
                }
            })
            .map_err(|e| Error::Other(format!("starting the signal thread: {e}")))?;
    }

    prepare_db(app);
    let (server, local) = http::bind(addr)?;
    // Logged before the announcement, so whoever waits for the announcement
    // finds the log line already written.
    tracing::info!(event = "serve_health_listening", address = %local, component = "serve-health");
    if !app.quiet {
        eprintln!("bangui: serve-health listening on http://{local}");
    }

    let settings = HealthSettings::from_config(&app.cfg, logging::sink());
    let opts = http::ServeOptions {
        workers: h.workers,
        cache: Duration::from_millis(h.cache_ms),
        rate_limit_per_minute: h.rate_limit_per_minute,
        grace: Duration::from_secs(h.grace_s),
        max_connections: h.max_connections,
        client_timeout: Duration::from_secs(h.client_timeout_s),
    };
    let stopped = http::serve(
        server,
        opts,
        Box::new(move || health::run(&settings, &[], true, now_unix())),
        Box::new(now_unix),
        stop,
    )?;
    if !stopped.drained {
        tracing::warn!(
            event = "pending_tasks_timeout",
            component = "serve-health",
            "requests still in flight after health.grace"
        );
    }
    // A stop by signal is the expected end, not an error: logged as info,
    // exit 143 (SIGTERM) or 130 (SIGINT) as documented.
    let sigint = stopped.signal == SIGINT;
    let signal = if sigint { "SIGINT" } else { "SIGTERM" };
    tracing::info!(
        event = "bangui_shut_down",
        signal,
        component = "serve-health"
    );
    Ok(Report::streamed("serve-health").with_outcome(Outcome::Stopped { sigint }))
}
