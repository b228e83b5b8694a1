//! Changing the override file safely: read, edit, diff, back up, write, compare
//! `fail2ban-client -t` before and after, bring the running server to the new
//! configuration, and on any failure put the file and the jail back. fail2ban is
//! reached only through [`Server`], so every rollback path can be tested without one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::Fail2banConfig;
use crate::f2bconf::ConfigTree;
use crate::f2btools::{self, ClientProgram, Run};
use crate::fail2ban::{Client, ClientOptions, api};
use crate::jail::{self, JailName};
use crate::net::Target;
use crate::util::sanitize;
use crate::{Error, Result};

use super::{Backup, BackupStore, FILE_NAME, OverrideFile};

/// What the engine needs of fail2ban: its client program and the jails it runs.
pub trait Server {
    /// Run `fail2ban-client -c DIR` (with `-s SOCKET` when `socket`) and `args`.
    fn client(&self, socket: bool, args: &[&str]) -> Result<Run>;
    /// The client program as messages name it.
    fn client_name(&self) -> String;
    /// The jails the server runs now.
    fn running_jails(&self) -> Result<Vec<String>>;
    /// Stop a jail over the socket.
    fn stop_jail(&self, jail: &str) -> Result<()>;
}

/// The real server: `fail2ban-client` as configured and a socket connection per call.
pub struct LiveServer {
    pub program: ClientProgram,
    pub options: ClientOptions,
}

impl LiveServer {
    pub fn from_config(f: &Fail2banConfig) -> LiveServer {
        LiveServer {
            program: ClientProgram::from_config(f),
            options: ClientOptions::from_config(f),
        }
    }
}

impl Server for LiveServer {
    fn client(&self, socket: bool, args: &[&str]) -> Result<Run> {
        self.program.run(socket, args)
    }

    fn client_name(&self) -> String {
        self.program.program.display().to_string()
    }

    fn running_jails(&self) -> Result<Vec<String>> {
        let mut c = Client::connect(self.options.clone())?;
        api::status(&mut c)
    }

    fn stop_jail(&self, jail: &str) -> Result<()> {
        let mut c = Client::connect(self.options.clone())?;
        api::stop_jail(&mut c, jail)
    }
}

/// How a change reaches the running server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Apply {
    /// `reload J` if J runs (a setting of J changed).
    ReloadJail(String),
    /// J enabled: `reload J` if it runs, else a full `reload`; J must run afterwards.
    Enable(String),
    /// J disabled: stop it natively if it runs; it must be gone afterwards.
    Disable(String),
    /// A whole file restored: full `reload`.
    ReloadAll,
}

type Edit = Box<dyn FnOnce(Option<&str>) -> Result<Option<Vec<u8>>>>;

/// A change to make: why (kept with the backup), how it is applied, and the edit from
/// the file's current text (None: no file) to its new bytes (None: remove the file).
pub struct Plan {
    pub reason: String,
    pub apply: Apply,
    edit: Edit,
}

impl Plan {
    pub fn new(
        reason: impl Into<String>,
        apply: Apply,
        edit: impl FnOnce(Option<&str>) -> Result<Option<Vec<u8>>> + 'static,
    ) -> Plan {
        Plan {
            reason: reason.into(),
            apply,
            edit: Box::new(edit),
        }
    }
}

/// A planned `jail set --persist`: the value as written and the option it sets.
pub struct SettingPlan {
    pub plan: Plan,
    pub value: String,
    pub option: String,
}

/// What a change did (or, in a dry run, would do).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub file: PathBuf,
    pub changed: bool,
    pub would_change: bool,
    pub diff: String,
    pub backup: Option<Backup>,
    /// The command that applied it, when one ran.
    pub applied: Option<String>,
    /// Whether the jail concerned runs afterwards (None: not one jail's change).
    pub running: Option<bool>,
    pub notes: Vec<String>,
}

/// Open the configured fail2ban config directory; a missing one is a config error.
pub fn open_tree(config_dir: &Path) -> Result<ConfigTree> {
    ConfigTree::open(config_dir).map_err(|e| match e {
        Error::NoInput { path, .. } => Error::config(format!(
            "fail2ban config directory {} does not exist; set fail2ban.config_dir",
            path.display()
        )),
        e => e,
    })
}

/// The engine over one config directory, one backup store and one server.
pub struct Persister<'a> {
    pub server: &'a dyn Server,
    pub config_dir: PathBuf,
    pub backups: BackupStore,
    /// When backups taken now are stamped.
    pub now: chrono::DateTime<chrono::Utc>,
}

fn parse_current(path: &Path, text: Option<&str>) -> Result<OverrideFile> {
    match text {
        Some(t) => OverrideFile::parse(path, t).map_err(|e| {
            Error::config(format!(
                "{e} (in bangui's own file; fix it by hand or `bangui config-backups restore`)"
            ))
        }),
        None => Ok(OverrideFile::default()),
    }
}

fn split_list(v: &str) -> Vec<String> {
    v.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn same_target(a: &str, b: &str) -> bool {
    match (Target::parse(a), Target::parse(b)) {
        (Ok(x), Ok(y)) => x.to_string() == y.to_string(),
        _ => a == b,
    }
}

fn write_file(path: &Path, content: Option<&[u8]>) -> Result<()> {
    match content {
        Some(bytes) => crate::util::write_atomic(path, bytes, 0o644)
            .map_err(|e| Error::io(format!("writing {}", path.display()), path, e)),
        None => match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(format!("removing {}", path.display()), path, e)),
        },
    }
}

/// The lines of a failed run worth showing: its ERROR, NOK and Failed lines (at most
/// four), else its first three lines.
fn detail(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("ERROR") || l.contains("NOK") || l.contains("Failed"))
        .take(4)
        .collect();
    let lines = if lines.is_empty() {
        text.lines().take(3).collect()
    } else {
        lines
    };
    sanitize(&f2btools::join_messages(lines))
}

impl Persister<'_> {
    /// `jail set J KEY VALUE --persist`: check the key and value, find the jail in the
    /// configuration and plan the edit of its section.
    pub fn plan_setting(&self, jail: &JailName, key: &str, value: &str) -> Result<SettingPlan> {
        if matches!(key, "delfailregex" | "delignoreregex") {
            return Err(Error::Usage(format!(
                "{key} cannot be persisted (indexes refer to the running jail); edit {FILE_NAME} by hand"
            )));
        }
        let value = jail::validate(key, value)?;
        let option = jail::readback_key(key).to_string();
        super::check_writable(key, &value, false)?;
        let tree = open_tree(&self.config_dir)?;
        let jc = tree.jail(jail)?;
        let path = super::file_in(tree.dir());
        let k = key.to_string();
        let v = value.clone();
        let opt = option.clone();
        let jail_s = jail.to_string();
        let edit = move |cur: Option<&str>| -> Result<Option<Vec<u8>>> {
            let mut f = parse_current(&path, cur)?;
            match k.as_str() {
                "addignoreip" | "delignoreip" => {
                    let mut list = match f.get_raw(&jail_s, "ignoreip") {
                        Some(raw) => split_list(raw),
                        None => {
                            split_list(jc.options.get("ignoreip").map(String::as_str).unwrap_or(""))
                        }
                    };
                    if k == "addignoreip" {
                        if !list.iter().any(|x| same_target(x, &v)) {
                            list.push(v.clone());
                        }
                    } else {
                        list.retain(|x| !same_target(x, &v));
                    }
                    f.set(&jail_s, "ignoreip", &list.join(" "));
                }
                "addfailregex" | "addignoreregex" => {
                    let raw = f
                        .get_raw(&jail_s, &opt)
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("%(known/{opt})s"));
                    let esc = super::escape(&v);
                    if !raw.split('\n').any(|l| l.trim() == esc.trim()) {
                        f.set_raw(&jail_s, &opt, &format!("{raw}\n{esc}"));
                    }
                }
                _ => f.set(&jail_s, &opt, &v),
            }
            Ok(Some(f.render().into_bytes()))
        };
        Ok(SettingPlan {
            plan: Plan::new(
                format!("before jail set {jail} {key}={value} --persist"),
                Apply::ReloadJail(jail.to_string()),
                edit,
            ),
            value,
            option,
        })
    }

    /// `jail enable|disable J`: the jail must exist in the configuration (a bare
    /// `[J] enabled = true` section would make a jail without filter or log).
    pub fn plan_enable(&self, jail: &JailName, on: bool) -> Result<Plan> {
        let tree = open_tree(&self.config_dir)?;
        tree.jail(jail)?;
        let path = super::file_in(tree.dir());
        let jail_s = jail.to_string();
        let edit = move |cur: Option<&str>| -> Result<Option<Vec<u8>>> {
            let mut f = parse_current(&path, cur)?;
            f.set(&jail_s, "enabled", if on { "true" } else { "false" });
            Ok(Some(f.render().into_bytes()))
        };
        let (verb, apply) = if on {
            ("enable", Apply::Enable(jail.to_string()))
        } else {
            ("disable", Apply::Disable(jail.to_string()))
        };
        Ok(Plan::new(format!("before jail {verb} {jail}"), apply, edit))
    }

    /// `config-backups restore ID`: the backup must be of the configured file.
    pub fn plan_restore(&self, id: &str) -> Result<(Plan, Backup)> {
        let (b, bytes) = self.backups.get(id)?;
        let tree = open_tree(&self.config_dir)?;
        let target = super::file_in(tree.dir());
        if b.target != target {
            return Err(Error::bad_input(format!(
                "backup {id} is of {}, not of {} (the configured fail2ban.config_dir)",
                b.target.display(),
                target.display()
            )));
        }
        let plan = Plan::new(
            format!("before config-backups restore {id}"),
            Apply::ReloadAll,
            move |_| Ok(bytes),
        );
        Ok((plan, b))
    }

    /// The error lines of `fail2ban-client -c DIR -t`, without timestamps and pids, so
    /// that the run before a change can be compared with the run after it.
    fn config_errors(&self) -> Result<Vec<String>> {
        let run = self.server.client(false, &["-t"])?;
        let mut out: Vec<String> = run
            .text()
            .lines()
            .filter_map(|l| f2btools::error_message(l).map(str::to_string))
            .filter(|m| !m.is_empty() && m != ": test configuration failed")
            .filter(|m| !m.contains("test configuration failed"))
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Run `fail2ban-client … ARGS` against the server; a failed run is a config error
    /// that names the command and its error lines.
    fn reload(&self, args: &[&str]) -> Result<String> {
        let run = self.server.client(true, args)?;
        let line = format!("{} {}", self.server.client_name(), args.join(" "));
        if run.success {
            Ok(line)
        } else {
            Err(Error::config(format!(
                "`{line}` failed: {}",
                detail(&run.text())
            )))
        }
    }

    /// Reload, then require the jail to run.
    fn reload_running(&self, args: &[&str], j: &str) -> Result<(Option<String>, Option<bool>)> {
        let ran = self.reload(args)?;
        if !self.server.running_jails()?.iter().any(|x| x == j) {
            return Err(Error::config(format!(
                "`{ran}` succeeded but jail {j} is not running"
            )));
        }
        Ok((Some(ran), Some(true)))
    }

    /// Bring the server to the new configuration. Returns what was done and whether the
    /// jail in question runs afterwards.
    fn apply(&self, how: &Apply, before: &[String]) -> Result<(Option<String>, Option<bool>)> {
        match how {
            Apply::ReloadJail(j) => {
                if !before.contains(j) {
                    return Ok((None, Some(false)));
                }
                self.reload_running(&["reload", j], j)
            }
            Apply::Enable(j) if before.contains(j) => self.reload_running(&["reload", j], j),
            Apply::Enable(j) => self.reload_running(&["reload"], j),
            Apply::Disable(j) => {
                if !before.contains(j) {
                    return Ok((None, Some(false)));
                }
                self.server.stop_jail(j)?;
                if self.server.running_jails()?.contains(j) {
                    return Err(Error::config(format!(
                        "jail {j} is still running after `stop`"
                    )));
                }
                Ok((Some(format!("stop {j} (native)")), Some(false)))
            }
            Apply::ReloadAll => Ok((Some(self.reload(&["reload"])?), None)),
        }
    }

    /// After the file was restored: bring the jail back to what it was.
    fn rollback_jail(&self, how: &Apply, before: &[String]) -> String {
        let jail = match how {
            Apply::ReloadJail(j) | Apply::Enable(j) | Apply::Disable(j) => Some(j.as_str()),
            Apply::ReloadAll => None,
        };
        let was_running = jail.is_some_and(|j| before.iter().any(|b| b == j));
        let mut steps = Vec::new();
        let runs = |j: &str| {
            self.server
                .running_jails()
                .map(|l| l.iter().any(|x| x == j))
        };
        match (how, jail) {
            (Apply::Disable(j), Some(j2)) if was_running => {
                if runs(j2).unwrap_or(false) {
                    return format!("jail {j} still runs");
                }
                let _ = self.server.client(true, &["reload"]);
                steps.push("reload".to_string());
            }
            (_, Some(j)) if was_running => {
                let _ = self.server.client(true, &["reload", j]);
                steps.push(format!("reload {j}"));
                if !runs(j).unwrap_or(false) {
                    // fail2ban 1.0 cannot reload a jail that a failed reload removed.
                    let _ = self.server.client(true, &["reload"]);
                    steps.push("reload".into());
                }
            }
            (Apply::Enable(_), _) | (Apply::ReloadAll, _) => {
                let _ = self.server.client(true, &["reload"]);
                steps.push("reload".into());
            }
            _ => {}
        }
        let state = match jail {
            Some(j) if was_running => match runs(j) {
                Ok(true) => format!("; jail {j} is running again with its previous settings"),
                Ok(false) => {
                    format!("; jail {j} did NOT come back: check `fail2ban-client status`")
                }
                Err(e) => format!("; could not check jail {j}: {e}"),
            },
            _ => String::new(),
        };
        if steps.is_empty() {
            state.trim_start_matches("; ").to_string()
        } else {
            format!("ran {}{state}", steps.join(", then "))
        }
    }

    /// The whole change under the lock: read, edit, diff, (dry run stops here), take
    /// the server's state and the baseline config test, back up, write, test again,
    /// apply, and roll back the file and the jail on any failure.
    pub fn change(&self, plan: Plan, dry_run: bool) -> Result<Outcome> {
        let Plan {
            reason,
            apply: how,
            edit,
        } = plan;
        let dir = open_tree(&self.config_dir)?.dir().to_path_buf();
        let jail_d = dir.join("jail.d");
        let path = super::file_in(&dir);
        if !jail_d.is_dir() && !dry_run {
            std::fs::create_dir_all(&jail_d)
                .map_err(|e| Error::io(format!("creating {}", jail_d.display()), &jail_d, e))?;
        }
        let _lock = if jail_d.is_dir() {
            Some(super::lock(&jail_d, Duration::from_secs(30))?)
        } else {
            None
        };
        let old = match std::fs::read(&path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(format!("reading {}", path.display()), &path, e)),
        };
        let old_text = old
            .as_deref()
            .map(|b| String::from_utf8_lossy(b).into_owned());
        let new = edit(old_text.as_deref())?;
        let new_text = new
            .as_deref()
            .map(|b| String::from_utf8_lossy(b).into_owned());
        let diff = super::diff(
            old_text.as_deref().unwrap_or(""),
            new_text.as_deref().unwrap_or(""),
            &path.display().to_string(),
        );
        let differs = old != new;
        let mut out = Outcome {
            file: path.clone(),
            changed: false,
            would_change: differs,
            diff,
            backup: None,
            applied: None,
            running: None,
            notes: Vec::new(),
        };
        if !differs || dry_run {
            return Ok(out);
        }
        // fail2ban must be there to apply the change: check before touching the file.
        let before = self.server.running_jails()?;
        let baseline = self.config_errors()?;
        let backups = &self.backups;
        let backup = backups.save(&path, old.as_deref(), &reason, self.now)?;
        if let Err(e) = write_file(&path, new.as_deref()) {
            let _ = backups.remove(&backup);
            return Err(e);
        }
        let restore = |why: String| -> Error {
            match write_file(&path, old.as_deref()) {
                Ok(()) => {
                    // The previous version is the current one again: its copy is not needed.
                    let _ = backups.remove(&backup);
                    Error::config(format!("{why}; rolled back: {} restored", path.display()))
                }
                Err(e) => Error::config(format!(
                    "{why}; ROLLBACK FAILED: could not restore {} ({e}); the previous version is the backup {}",
                    path.display(),
                    backup.id
                )),
            }
        };
        let after = match self.config_errors() {
            Ok(a) => a,
            Err(e) => return Err(restore(format!("running the config test failed: {e}"))),
        };
        let introduced: Vec<&String> = after.iter().filter(|l| !baseline.contains(l)).collect();
        if !introduced.is_empty() {
            return Err(restore(format!(
                "`fail2ban-client -t` refuses the change: {}",
                introduced
                    .iter()
                    .map(|s| sanitize(s))
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }
        if !baseline.is_empty() {
            out.notes.push(format!(
                "fail2ban's config test already failed before this change (not caused by it): {}",
                baseline.join("; ")
            ));
        }
        match self.apply(&how, &before) {
            Ok((applied, running)) => {
                out.applied = applied;
                out.running = running;
            }
            Err(e) => {
                let err = restore(format!("applying the change failed: {e}"));
                let jail_state = self.rollback_jail(&how, &before);
                return Err(Error::config(format!("{err}; {jail_state}")));
            }
        }
        if out.applied.is_none()
            && let Apply::ReloadJail(j) = &how
        {
            out.notes.push(format!(
                "jail {j} is not running: the setting applies when it starts"
            ));
        }
        out.changed = true;
        out.backup = Some(backup);
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
