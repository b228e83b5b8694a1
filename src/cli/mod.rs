//! The command-line layer: argument tree, output rendering, and one module
//! per command group that turns arguments into library calls and results
//! into reports. No business logic lives here.

pub mod args;

mod app;
mod cmd_audit;
mod cmd_bans;
mod cmd_blocklist;
mod cmd_config;
mod cmd_db;
mod cmd_expire;
mod cmd_explain;
mod cmd_filter;
mod cmd_fleet;
mod cmd_gen;
mod cmd_geo;
mod cmd_health;
mod cmd_history;
mod cmd_jail;
mod cmd_jobs;
mod cmd_persist;
mod cmd_select;
mod cmd_status;
mod cmd_top;
mod cmd_verify;
mod gate;
mod logging;
mod manpage;
mod output;

use std::io::IsTerminal;

use clap::{CommandFactory, FromArgMatches};

use bangui::Error;
use bangui::error::exit;
use bangui::jail::JailName;

use app::{App, Env};
use args::{Cli, Command};
use output::{Mode, Report};

/// A panic is a bug: say so in one line, ask for a report, and exit 70.
/// The backtrace only when `RUST_BACKTRACE` asks for it.
fn install_panic_hook(env: &Env) {
    let backtrace = env
        .get("RUST_BACKTRACE")
        .is_some_and(|v| !v.is_empty() && v != "0");
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "bangui: internal error: {}{at} (please report)",
            bangui::util::sanitize(&bangui::util::clip(&msg, 1000))
        );
        if backtrace {
            eprintln!("{}", std::backtrace::Backtrace::force_capture());
        }
        std::process::exit(exit::SOFTWARE);
    }));
}

/// Run the program and return its exit code.
pub fn main() -> i32 {
    let env = Env::capture();
    install_panic_hook(&env);
    // Fault injection for the test of the panic hook: no input reaches a
    // panic on purpose.
    if env.get("BANGUI_TEST_PANIC").is_some() {
        panic!("BANGUI_TEST_PANIC is set");
    }
    let matches = match cmd_gen::with_hidden(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => match refused_value(&e) {
            Some(bad) => return refuse(bad, &env),
            None => usage_without_env(e).exit(),
        },
    };
    if let Some(r) = cmd_gen::run_hidden(&matches) {
        let mode = args::GlobalArgs::from_arg_matches(&matches)
            .map_or(Mode::Plain, |g| app::output_mode(&g));
        return finish(r, mode, false);
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let nagios = matches!(&cli.command, Command::Health(a) if a.nagios);
    // --nagios prints its own line, whatever --output says.
    let mode = if nagios {
        Mode::Plain
    } else {
        app::output_mode(&cli.global)
    };
    let color = app::stderr_color(&cli.global, &env);

    // Completions need no configuration, database or socket.
    if let Command::Completions(a) = &cli.command {
        return finish(cmd_gen::completions(a), mode, color);
    }

    let cfg = match app::load_config(&cli.global, &matches, &env) {
        Ok(c) => c,
        Err(e) if nagios => return cmd_health::nagios_unknown(&e),
        Err(e) => return fail(&e, mode, color),
    };
    let log = match logging::init(&cli.global, &cfg, &env, color) {
        Ok(l) => l,
        Err(e) if nagios => return cmd_health::nagios_unknown(&e),
        Err(e) => return fail(&e, mode, color),
    };
    let app = App {
        quiet: cli.global.quiet,
        progress: !cli.global.quiet && !cli.global.no_progress && std::io::stderr().is_terminal(),
        mode,
        env,
        cfg,
        intent: Default::default(),
        gated: Default::default(),
        conn: Default::default(),
        f2b: Default::default(),
    };
    for w in &app.cfg.warnings {
        app.warn(w);
    }
    if let Some(msg) = &log.sink_failure {
        app.warn(msg);
        count_log_sink_failure(&app);
    }
    // Refuse before acting: a command that changes state and cannot record
    // it changes nothing.
    if let Some(intent) = gate::classify(&matches)
        && let Err(e) = app.begin(intent)
    {
        let code = fail(&e, mode, color);
        eprintln!(
            "bangui: nothing was changed: this command needs a usable database to record what it does"
        );
        return code;
    }
    let mut result = dispatch(&app, cli.command);
    app.finish_intent(&mut result);
    match result {
        Err(e) if nagios => cmd_health::nagios_unknown(&e),
        r => finish(r, mode, color),
    }
}

/// A value a clap parser refused with a library error (a jail name that breaks the
/// rule) is bad input like any other: reported as such (65), not as wrong usage.
fn refused_value(e: &clap::Error) -> Option<&Error> {
    use std::error::Error as _;
    if e.kind() != clap::error::ErrorKind::ValueValidation {
        return None;
    }
    e.source()?.downcast_ref::<Error>()
}

/// Report a refused value in the output mode and colour the other flags ask for:
/// parse again taking any jail name, so the flags after the refused one count too.
fn refuse(e: &Error, env: &Env) -> i32 {
    fn any_jail_name(cmd: clap::Command) -> clap::Command {
        let jail = clap::builder::ValueParser::from(clap::value_parser!(JailName)).type_id();
        cmd.mut_args(|a| {
            if a.get_value_parser().type_id() == jail {
                a.value_parser(clap::builder::ValueParser::string())
            } else {
                a
            }
        })
        .mut_subcommands(any_jail_name)
    }
    let global = any_jail_name(cmd_gen::with_hidden(Cli::command()))
        .ignore_errors(true)
        .try_get_matches()
        .ok()
        .and_then(|m| args::GlobalArgs::from_arg_matches(&m).ok());
    let mode = global.as_ref().map_or(Mode::Plain, app::output_mode);
    let color = global.as_ref().is_some_and(|g| app::stderr_color(g, env));
    fail(e, mode, color)
}

/// clap's usage line in an error names every argument given, and a value
/// from a BANGUI_* variable counts as given, so `BANGUI_DB` would show
/// `--db <PATH>` as if it were required. Parse again without the
/// environment and report that error instead when it is the same one.
fn usage_without_env(e: clap::Error) -> clap::Error {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return e;
    }
    let bare = Cli::command().mut_args(|a| a.env(None::<&str>));
    match bare.try_get_matches() {
        Err(again) if again.kind() == e.kind() => again,
        _ => e,
    }
}

/// Add one to `bangui_external_logging_init_failures_total`, kept in the
/// database so serve-health reports failures of every process. Only an
/// existing database is used: no command creates one just to count this.
fn count_log_sink_failure(app: &App) {
    if !app.cfg.database.path.exists() {
        return;
    }
    let r = app.db().and_then(|conn| {
        bangui::health::checks::record_external_log_failure(&conn, bangui::util::now_unix())
    });
    if let Err(e) = r {
        tracing::debug!(event = "external_log_failure_not_counted", error = %e);
    }
}

fn dispatch(app: &App, cmd: Command) -> bangui::Result<Report> {
    match cmd {
        Command::Config(c) => cmd_config::run(app, c),
        Command::Db(c) => cmd_db::run(app, c),
        Command::Audit(c) => cmd_audit::run(app, c),
        Command::Status => cmd_status::run(app),
        Command::Ban(a) => cmd_bans::ban(app, a),
        Command::Unban(a) => cmd_bans::unban(app, a),
        Command::Banned(a) => cmd_bans::banned(app, a),
        Command::Explain(a) => cmd_explain::run(app, a),
        Command::Top(a) => cmd_top::run(app, a),
        Command::Verify(a) => cmd_verify::run(app, a),
        Command::Jail(c) => cmd_jail::run(app, c),
        Command::Jobs(c) => cmd_jobs::run(app, c),
        Command::Blocklist(c) => cmd_blocklist::run(app, c),
        Command::Health(a) => cmd_health::health(app, a),
        Command::ServeHealth(a) => cmd_health::serve(app, a),
        Command::History(c) => cmd_history::run(app, c),
        Command::Geo(c) => cmd_geo::run(app, c),
        Command::Filter(c) => cmd_filter::run(app, c),
        Command::Action(c) => cmd_filter::run_action(app, c),
        Command::ConfigBackups(c) => cmd_persist::backups(app, c),
        Command::Fleet(c) => cmd_fleet::run(app, c),
        Command::Completions(_) => Err(Error::Other("handled before configuration".into())),
    }
}

fn finish(result: bangui::Result<Report>, mode: Mode, color: bool) -> i32 {
    match result {
        Ok(report) => {
            if let Err(e) = output::emit(&report, mode)
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("bangui: error: writing output: {e}");
                return exit::IO_ERR;
            }
            for n in &report.notes {
                eprintln!("bangui: {}", bangui::util::sanitize(n));
            }
            report.exit_code
        }
        Err(e) => fail(&e, mode, color),
    }
}

/// Print an error once: `bangui: error: …` and an optional `hint: …` on
/// stderr, plus the JSON error document on stdout when JSON was asked for.
fn fail(e: &Error, mode: Mode, color: bool) -> i32 {
    let code = e.exit_code();
    let message = bangui::util::sanitize(&e.to_string());
    let hint = e.hint();
    let label = if color {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    eprintln!("bangui: {label}: {message}");
    if let Some(h) = &hint {
        eprintln!("hint: {h}");
    }
    if mode == Mode::Json {
        let _ = output::emit_json_value(&output::error_json(
            e.kind(),
            &message,
            code,
            hint.as_deref(),
        ));
    }
    code
}
