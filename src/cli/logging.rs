//! tracing set-up: stderr (text or JSON, level from -v, BANGUI_LOG or the
//! config, no colour codes unless stderr is a colour terminal) plus the
//! optional external JSON-lines file (`log.file`) as a second layer. The
//! file handle is kept here so long-running commands can reopen it on SIGHUP
//! (`reopen`), which is what logrotate needs.

use std::sync::{Arc, OnceLock};

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

use bangui::config::Config;
use bangui::logfile::{LogFile, LogFileWriter};
use bangui::{Error, Result};

use super::app::Env;
use super::args::GlobalArgs;

static SINK: OnceLock<Arc<LogFile>> = OnceLock::new();

/// What happened to the external sink at start-up.
pub struct LogInit {
    /// Set when `log.file` could not be opened and that is allowed: the
    /// warning to print, and the failure to count.
    pub sink_failure: Option<String>,
}

fn directive(g: &GlobalArgs, cfg: &Config, env: &Env, quiet_applies: bool) -> String {
    match (g.quiet && quiet_applies, g.verbose) {
        (_, 1) => "info".to_string(),
        (_, 2) => "debug".to_string(),
        (_, n) if n >= 3 => "trace".to_string(),
        (true, _) => "error".to_string(),
        _ => env
            .get("BANGUI_LOG")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| cfg.log.level.clone()),
    }
}

fn filter(d: &str) -> EnvFilter {
    EnvFilter::try_new(d).unwrap_or_else(|_| EnvFilter::new("warn"))
}

/// Install the subscriber. Fails (exit 78) only when the external log file
/// cannot be opened and `log.external_required` is set.
pub fn init(g: &GlobalArgs, cfg: &Config, env: &Env, color: bool) -> Result<LogInit> {
    let mut layers: Vec<Box<dyn Layer<Registry> + Send + Sync>> = Vec::new();
    let stderr_filter = filter(&directive(g, cfg, env, true));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false);
    if cfg.log.format == "json" {
        layers.push(
            stderr
                .json()
                .flatten_event(true)
                .with_current_span(false)
                .with_filter(stderr_filter)
                .boxed(),
        );
    } else {
        layers.push(
            stderr
                .with_ansi(color)
                .compact()
                .with_filter(stderr_filter)
                .boxed(),
        );
    }

    let mut sink_failure = None;
    if let Some(path) = &cfg.log.file {
        let (sink, err) = LogFile::open(path);
        if let Some(e) = err {
            let msg = format!("cannot open the external log file {}: {e}", path.display());
            if cfg.log.external_required {
                return Err(Error::config(format!(
                    "{msg} (log.external_required is true: fix the path or its permissions)"
                )));
            }
            sink_failure = Some(format!(
                "{msg}; logging to stderr only (SIGHUP to serve-health retries)"
            ));
        }
        // The file gets the configured level even under --quiet: -q is
        // about the terminal, not about the audit trail.
        layers.push(
            tracing_subscriber::fmt::layer()
                .json()
                .flatten_event(true)
                .with_current_span(false)
                .with_ansi(false)
                .with_writer(LogFileWriter(sink.clone()))
                .with_filter(filter(&directive(g, cfg, env, false)))
                .boxed(),
        );
        let _ = SINK.set(sink);
    }
    let _ = tracing_subscriber::registry().with(layers).try_init();
    Ok(LogInit { sink_failure })
}

/// The external log sink, when `log.file` is configured.
pub fn sink() -> Option<Arc<LogFile>> {
    SINK.get().cloned()
}

/// Reopen the external log file, as SIGHUP asks (after logrotate). `None`
/// when no file is configured. For every long-running command.
pub fn reopen() -> Option<std::io::Result<()>> {
    let sink = SINK.get()?;
    let r = sink.reopen();
    match &r {
        Ok(()) => tracing::info!(event = "log_file_reopened", path = %sink.path().display()),
        Err(e) => tracing::warn!(
            event = "log_file_reopen_failed",
            path = %sink.path().display(),
            error = %e
        ),
    }
    Some(r)
}
