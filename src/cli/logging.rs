//! tracing set-up: stderr only, text or JSON, level from -v, BANGUI_LOG or
//! the config, and no colour codes unless stderr is a colour terminal.

use tracing_subscriber::EnvFilter;

use bangui::config::Config;

use super::app::Env;
use super::args::GlobalArgs;

pub fn init(g: &GlobalArgs, cfg: &Config, env: &Env, color: bool) {
    let directive = match (g.quiet, g.verbose) {
        (_, 1) => "info".to_string(),
        (_, 2) => "debug".to_string(),
        (_, n) if n >= 3 => "trace".to_string(),
        (true, _) => "error".to_string(),
        _ => env
            .get("BANGUI_LOG")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| cfg.log.level.clone()),
    };
    let filter = EnvFilter::try_new(&directive).unwrap_or_else(|_| EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = if cfg.log.format == "json" {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init()
    } else {
        builder.with_ansi(color).compact().try_init()
    };
}
