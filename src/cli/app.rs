//! The resolved invocation: configuration, output mode, and lazily opened
//! resources (database, fail2ban connection) that command modules share.

use std::cell::{RefCell, RefMut};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ArgMatches;
use clap::parser::ValueSource;

use bangui::config::{self, Config, Context, Overrides};
use bangui::db::{self, DbOptions};
use bangui::fail2ban::{Client, ClientOptions};
use bangui::{Error, Result};

use super::args::{ColorChoice, GlobalArgs, OutputFormat};
use super::output::Mode;

/// What the process environment says, read once at start-up.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub vars: BTreeMap<String, String>,
}

impl Env {
    pub fn capture() -> Env {
        Env {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.vars.get(k).map(String::as_str)
    }
}

pub struct App {
    pub cfg: Config,
    /// The output mode, for commands that stream their own output.
    pub mode: Mode,
    pub quiet: bool,
    /// Progress bars are allowed (stderr is a terminal, not --quiet/--no-progress).
    pub progress: bool,
    pub env: Env,
    /// The intent row this state-changing invocation wrote before acting.
    pub intent: std::cell::RefCell<Option<(i64, super::gate::Intent)>>,
    /// The intent of this invocation, kept after its row is completed.
    pub gated: std::cell::RefCell<Option<(i64, super::gate::Intent)>>,
    /// bangui's database, opened and migrated on first use ([`App::db`]).
    pub conn: RefCell<Option<rusqlite::Connection>>,
    /// The connection to fail2ban, made on first use ([`App::client`]).
    pub f2b: RefCell<Option<Client>>,
}

/// A second hand-out of a connection the caller still holds: a bug, reported
/// as an error rather than a panic.
fn in_use(what: &str) -> Error {
    Error::Other(format!("internal: the {what} connection is already in use"))
}

pub fn output_mode(g: &GlobalArgs) -> Mode {
    if g.json {
        return Mode::Json;
    }
    match g.output {
        Some(OutputFormat::Json) => Mode::Json,
        Some(OutputFormat::Plain) => Mode::Plain,
        Some(OutputFormat::Table) => Mode::Table,
        None if std::io::stdout().is_terminal() => Mode::Table,
        None => Mode::Plain,
    }
}

pub fn stderr_color(g: &GlobalArgs, env: &Env) -> bool {
    match g.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            env.get("NO_COLOR").is_none_or(str::is_empty) && std::io::stderr().is_terminal()
        }
    }
}

fn from_command_line(m: &ArgMatches, id: &str) -> bool {
    matches!(m.value_source(id), Some(ValueSource::CommandLine))
}

/// Resolve the configuration: flags given on the command line count as flags;
/// the same options given through `BANGUI_*` count as environment.
pub fn load_config(g: &GlobalArgs, m: &ArgMatches, env: &Env) -> Result<Config> {
    let ctx = Context {
        is_root: bangui::util::is_root(),
        home: env.get("HOME").filter(|s| !s.is_empty()).map(PathBuf::from),
        xdg_data_home: env
            .get("XDG_DATA_HOME")
            .filter(|s| s.starts_with('/'))
            .map(PathBuf::from),
    };
    let mut overrides = Overrides {
        config_path: g.config.clone(),
        config_from_env: !from_command_line(m, "config") && g.config.is_some(),
        values: BTreeMap::new(),
    };
    // Only values typed on the command line count as flags; clap also fills
    // these from BANGUI_DB/BANGUI_SOCKET/BANGUI_LOG_FORMAT, which the config
    // module reads itself so that `config show` names the variable.
    for (flag, value, key) in [
        (
            "db",
            g.db.as_ref().map(|p| p.display().to_string()),
            "database.path",
        ),
        (
            "socket",
            g.socket.as_ref().map(|p| p.display().to_string()),
            "fail2ban.socket",
        ),
        (
            "fail2ban_config_dir",
            g.fail2ban_config_dir
                .as_ref()
                .map(|p| p.display().to_string()),
            "fail2ban.config_dir",
        ),
        (
            "log_format",
            g.log_format.and_then(|f| super::output::value_name(&f)),
            "log.format",
        ),
    ] {
        if let Some(value) = value
            && from_command_line(m, flag)
        {
            overrides.values.insert(key.to_string(), value);
        }
    }
    config::load(&ctx, &overrides, &env.vars)
}

impl App {
    pub fn db_options(&self) -> DbOptions {
        DbOptions::from_config(&self.cfg.database)
    }

    /// bangui's database, one connection per invocation: opened and migrated
    /// (or refused as too new) on the first call, the same one afterwards. A
    /// failed open is not kept, so a later call tries again.
    pub fn db(&self) -> Result<RefMut<'_, rusqlite::Connection>> {
        let mut slot = self.conn.try_borrow_mut().map_err(|_| in_use("database"))?;
        if slot.is_none() {
            *slot = Some(db::open(&self.db_options())?);
        }
        RefMut::filter_map(slot, Option::as_mut).map_err(|_| in_use("database"))
    }

    /// Close the database connection; a later [`App::db`] opens it again. For
    /// commands that only make sure the database exists and then leave it to
    /// checks that open it themselves (a held connection keeps its WAL open,
    /// which would hide a damaged main file from them).
    pub fn close_db(&self) {
        if let Ok(mut slot) = self.conn.try_borrow_mut() {
            *slot = None;
        }
    }

    /// The connection to fail2ban's socket, one per invocation: made on the
    /// first call, and again only when an I/O failure has broken it.
    pub fn client(&self) -> Result<RefMut<'_, Client>> {
        let mut slot = self.f2b.try_borrow_mut().map_err(|_| in_use("fail2ban"))?;
        if !slot.as_ref().is_some_and(Client::is_open) {
            *slot = None;
            *slot = Some(Client::connect(ClientOptions::from_config(
                &self.cfg.fail2ban,
            ))?);
        }
        RefMut::filter_map(slot, Option::as_mut).map_err(|_| in_use("fail2ban"))
    }

    /// Drop the fail2ban connection and make a new one, for a caller that
    /// asks again after fail2ban's own client has reloaded the server.
    pub fn reconnect(&self) -> Result<RefMut<'_, Client>> {
        if let Ok(mut slot) = self.f2b.try_borrow_mut() {
            *slot = None;
        }
        self.client()
    }

    pub fn actor(&self) -> String {
        bangui::util::actor_from(
            self.env.get("SUDO_USER"),
            self.env.get("LOGNAME"),
            self.env.get("USER"),
            bangui::util::uid(),
            || std::fs::read_to_string("/etc/passwd").unwrap_or_default(),
        )
    }

    /// The gate: before a state-changing command acts, open (and migrate)
    /// the database and write its audit row as an intent. An error here
    /// means the command must not act.
    pub fn begin(&self, intent: super::gate::Intent) -> Result<()> {
        let conn = self.db()?;
        if !intent.audited {
            return Ok(());
        }
        let id = bangui::audit::intent(
            &conn,
            &bangui::audit::AuditRecord {
                at: bangui::util::now_unix(),
                actor: &self.actor(),
                command: &intent.command,
                jail: intent.jail.as_deref(),
                targets: &intent.targets,
                outcome: "started",
                changed: false,
                detail: None,
            },
        )?;
        *self.gated.borrow_mut() = Some((id, intent.clone()));
        *self.intent.borrow_mut() = Some((id, intent));
        Ok(())
    }

    /// Complete the audit row: the intent row written by [`App::begin`]
    /// when there is one, else a new row. A failure is a warning, never the
    /// command's failure (the change itself has already happened).
    pub fn audit(&self, rec: &bangui::audit::AuditRecord<'_>) {
        let pending = self.intent.borrow_mut().take();
        let r = self.db().and_then(|conn| match &pending {
            Some((id, _)) => bangui::audit::complete(&conn, *id, rec),
            None => bangui::audit::append(&conn, rec).map(|_| ()),
        });
        if let Err(e) = r {
            self.warn(&format!("could not write the audit log: {e}"));
        }
    }

    /// After dispatch: complete an intent row the command did not complete
    /// itself, from its report or error.
    pub fn finish_intent(&self, result: &mut Result<super::output::Report>) {
        let Some((_, intent)) = self.gated.borrow().clone() else {
            return;
        };
        use bangui::error::exit;
        // Every dry run says so the same way: nothing changed, and what
        // would have.
        if intent.dry_run
            && let Ok(rep) = result.as_mut()
            && let Some(data) = rep.data.as_object_mut()
        {
            let would = data
                .get("would_change")
                .or_else(|| data.get("changed"))
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            data.insert("would_change".into(), would.into());
            data.insert("changed".into(), false.into());
            data.insert("dry_run".into(), true.into());
        }
        // A command that audited itself has completed its row already.
        if self.intent.borrow().is_none() {
            return;
        }
        let (outcome, changed, detail) = match result {
            Ok(rep) => {
                let changed = rep.data.get("changed").and_then(|v| v.as_bool());
                let outcome = match rep.exit_code {
                    _ if intent.dry_run => "dry-run",
                    exit::OK => "ok",
                    exit::PARTIAL => "partial",
                    exit::DATA_ERR => "refused",
                    _ => "failed",
                };
                (outcome, changed.unwrap_or(false), None)
            }
            Err(e) => (
                if matches!(e, Error::Interrupted { .. }) {
                    "interrupted"
                } else {
                    "failed"
                },
                false,
                Some(
                    serde_json::json!({"error": bangui::util::sanitize(&e.to_string()), "exit_code": e.exit_code()}),
                ),
            ),
        };
        self.audit(&bangui::audit::AuditRecord {
            at: bangui::util::now_unix(),
            actor: &self.actor(),
            command: &intent.command,
            jail: intent.jail.as_deref(),
            targets: &intent.targets,
            outcome,
            changed,
            detail,
        });
    }

    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("bangui: warning: {}", bangui::util::sanitize(msg));
        }
    }
}
