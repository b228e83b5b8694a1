//! Persistent jail changes: `jail set --persist`, `jail enable|disable` and
//! `config-backups list|restore`. Orchestrates the library's override file
//! (`bangui::persist`), `fail2ban-client -t` for validation and `fail2ban-client reload`
//! for applying, and rolls back both the file and the jail when a step fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::{Value as Json, json};

use bangui::audit::AuditRecord;
use bangui::f2bconf::{ConfigTree, check_name};
use bangui::fail2ban::api;
use bangui::net::Target;
use bangui::persist::{self, Backup, BackupStore, OverrideFile};
use bangui::util::now_unix;
use bangui::{Error, Result};

use super::app::App;
use super::args::ConfigBackupsCommand;
use super::output::{Report, View, kv};

/// How a change reaches the running server.
#[derive(Debug, Clone)]
enum Apply {
    /// `reload J` if J runs (a setting of J changed).
    ReloadJail(String),
    /// J enabled: `reload J` if it runs, else a full `reload`; J must run afterwards.
    Enable(String),
    /// J disabled: stop it natively if it runs; it must be gone afterwards.
    Disable(String),
    /// A whole file restored: full `reload`.
    ReloadAll,
}

struct Outcome {
    file: PathBuf,
    changed: bool,
    would_change: bool,
    diff: String,
    backup: Option<Backup>,
    applied: Option<String>,
    running: Option<bool>,
    notes: Vec<String>,
}

fn check_jail_name(jail: &str) -> Result<()> {
    check_name(jail)?;
    if jail
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '[' | ']' | '%'))
        || jail.eq_ignore_ascii_case("default")
        || jail.eq_ignore_ascii_case("includes")
    {
        return Err(Error::bad_input(format!(
            "refusing jail name {jail:?} for a config section"
        )));
    }
    Ok(())
}

fn store(app: &App) -> BackupStore {
    // Beside bangui's database: /var/lib/bangui/config-backups for root.
    let db = &app.cfg.database.path;
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    BackupStore::new(dir.join("config-backups"))
}

fn config_tree(app: &App) -> Result<ConfigTree> {
    ConfigTree::open(&app.cfg.fail2ban.config_dir).map_err(|e| match e {
        Error::NoInput { path, .. } => Error::config(format!(
            "fail2ban config directory {} does not exist; set fail2ban.config_dir",
            path.display()
        )),
        e => e,
    })
}

/// Run fail2ban-client with `-c DIR` (and `-s SOCK` when `socket`); returns
/// (success, stdout+stderr).
fn run_client(app: &App, socket: bool, args: &[&str]) -> Result<(bool, String)> {
    let f = &app.cfg.fail2ban;
    let mut c = Command::new(&f.client);
    c.arg("-c").arg(&f.config_dir);
    if socket {
        c.arg("-s").arg(&f.socket);
    }
    c.args(args);
    let out = c.output().map_err(|e| {
        Error::io(
            format!(
                "running {} (install fail2ban's client, or set fail2ban.client)",
                f.client.display()
            ),
            &f.client,
            e,
        )
    })?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok((out.status.success(), text))
}

/// The error lines of `fail2ban-client -c DIR -t`, without timestamps and pids, so that
/// the run before a change can be compared with the run after it.
fn config_errors(app: &App) -> Result<Vec<String>> {
    let (_, text) = run_client(app, false, &["-t"])?;
    let mut out: Vec<String> = text
        .lines()
        .filter_map(|l| l.split_once("ERROR").map(|(_, m)| m.trim().to_string()))
        .filter(|m| !m.is_empty() && m != ": test configuration failed")
        .filter(|m| !m.contains("test configuration failed"))
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

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
    bangui::util::sanitize(
        &lines
            .iter()
            .map(|l| l.split_once("ERROR").map(|(_, m)| m.trim()).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

fn running_jails(app: &App) -> Result<Vec<String>> {
    let mut c = app.client()?;
    api::status(&mut c)
}

fn write_file(path: &Path, content: Option<&[u8]>) -> Result<()> {
    match content {
        Some(bytes) => bangui::util::write_atomic(path, bytes, 0o644)
            .map_err(|e| Error::io(format!("writing {}", path.display()), path, e)),
        None => match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(format!("removing {}", path.display()), path, e)),
        },
    }
}

/// Bring the server to the new configuration. Returns what was done and whether the
/// jail in question runs afterwards.
fn apply(app: &App, how: &Apply, before: &[String]) -> Result<(Option<String>, Option<bool>)> {
    let client = app.cfg.fail2ban.client.display().to_string();
    let reload = |args: &[&str]| -> Result<String> {
        let (ok, text) = run_client(app, true, args)?;
        let line = format!("{client} {}", args.join(" "));
        if ok {
            Ok(line)
        } else {
            Err(Error::config(format!("`{line}` failed: {}", detail(&text))))
        }
    };
    match how {
        Apply::ReloadJail(j) => {
            if !before.contains(j) {
                return Ok((None, Some(false)));
            }
            let ran = reload(&["reload", j])?;
            if !running_jails(app)?.contains(j) {
                return Err(Error::config(format!(
                    "`{ran}` succeeded but jail {j} is not running"
                )));
            }
            Ok((Some(ran), Some(true)))
        }
        Apply::Enable(j) => {
            let ran = if before.contains(j) {
                reload(&["reload", j])?
            } else {
                reload(&["reload"])?
            };
            if !running_jails(app)?.contains(j) {
                return Err(Error::config(format!(
                    "`{ran}` succeeded but jail {j} is not running"
                )));
            }
            Ok((Some(ran), Some(true)))
        }
        Apply::Disable(j) => {
            if !before.contains(j) {
                return Ok((None, Some(false)));
            }
            let mut c = app.client()?;
            api::stop_jail(&mut c, j)?;
            drop(c);
            if running_jails(app)?.contains(j) {
                return Err(Error::config(format!(
                    "jail {j} is still running after `stop`"
                )));
            }
            Ok((Some(format!("stop {j} (native)")), Some(false)))
        }
        Apply::ReloadAll => Ok((Some(reload(&["reload"])?), None)),
    }
}

/// After the file was restored: bring the jail back to what it was.
fn rollback_jail(app: &App, how: &Apply, before: &[String]) -> String {
    let jail = match how {
        Apply::ReloadJail(j) | Apply::Enable(j) | Apply::Disable(j) => Some(j.as_str()),
        Apply::ReloadAll => None,
    };
    let was_running = jail.is_some_and(|j| before.iter().any(|b| b == j));
    let mut steps = Vec::new();
    let runs = |app: &App, j: &str| running_jails(app).map(|l| l.iter().any(|x| x == j));
    match (how, jail) {
        (Apply::Disable(j), Some(j2)) if was_running => {
            if runs(app, j2).unwrap_or(false) {
                return format!("jail {j} still runs");
            }
            let _ = run_client(app, true, &["reload"]);
            steps.push("reload".to_string());
        }
        (_, Some(j)) if was_running => {
            let _ = run_client(app, true, &["reload", j]);
            steps.push(format!("reload {j}"));
            if !runs(app, j).unwrap_or(false) {
                // fail2ban 1.0 cannot reload a jail that a failed reload removed.
                let _ = run_client(app, true, &["reload"]);
                steps.push("reload".into());
            }
        }
        (Apply::Enable(_), _) | (Apply::ReloadAll, _) => {
            let _ = run_client(app, true, &["reload"]);
            steps.push("reload".into());
        }
        _ => {}
    }
    let state = match jail {
        Some(j) if was_running => match runs(app, j) {
            Ok(true) => format!("; jail {j} is running again with its previous settings"),
            Ok(false) => format!("; jail {j} did NOT come back: check `fail2ban-client status`"),
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

/// The whole change under the lock: read, edit, diff, (dry run stops here), take the
/// server's state and the baseline config test, back up, write, test again, apply, and
/// roll back the file and the jail on any failure.
fn change(
    app: &App,
    reason: &str,
    how: Apply,
    dry_run: bool,
    edit: impl FnOnce(Option<&str>) -> Result<Option<Vec<u8>>>,
) -> Result<Outcome> {
    let dir = config_tree(app)?.dir().to_path_buf();
    let jail_d = dir.join("jail.d");
    let path = persist::file_in(&dir);
    if !jail_d.is_dir() && !dry_run {
        std::fs::create_dir_all(&jail_d)
            .map_err(|e| Error::io(format!("creating {}", jail_d.display()), &jail_d, e))?;
    }
    let _lock = if jail_d.is_dir() {
        Some(persist::lock(&jail_d, Duration::from_secs(30))?)
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
    let diff = persist::diff(
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
    let before = running_jails(app)?;
    let baseline = config_errors(app)?;
    let backups = store(app);
    let backup = backups.save(&path, old.as_deref(), reason, chrono::Utc::now())?;
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
    let after = match config_errors(app) {
        Ok(a) => a,
        Err(e) => return Err(restore(format!("running the config test failed: {e}"))),
    };
    let introduced: Vec<&String> = after.iter().filter(|l| !baseline.contains(l)).collect();
    if !introduced.is_empty() {
        return Err(restore(format!(
            "`fail2ban-client -t` refuses the change: {}",
            introduced
                .iter()
                .map(|s| bangui::util::sanitize(s))
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
    match apply(app, &how, &before) {
        Ok((applied, running)) => {
            out.applied = applied;
            out.running = running;
        }
        Err(e) => {
            let err = restore(format!("applying the change failed: {e}"));
            let jail_state = rollback_jail(app, &how, &before);
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

fn audit(
    app: &App,
    command: &str,
    jail: &str,
    targets: &[String],
    r: &Result<Outcome>,
    dry_run: bool,
) {
    let (outcome, changed, detail) = match r {
        Ok(o) => (
            if dry_run { "dry-run" } else { "ok" },
            o.changed,
            json!({"file": o.file, "backup": o.backup.as_ref().map(|b| &b.id), "applied": o.applied}),
        ),
        Err(e) => ("failed", false, json!({"error": e.to_string()})),
    };
    let rec = AuditRecord {
        at: now_unix(),
        actor: &app.actor(),
        command,
        jail: Some(jail),
        targets,
        outcome,
        changed,
        detail: Some(detail),
    };
    app.audit(&rec);
}

fn outcome_json(o: &Outcome, dry_run: bool) -> serde_json::Map<String, Json> {
    let mut m = serde_json::Map::new();
    m.insert("file".into(), json!(o.file));
    m.insert("changed".into(), json!(o.changed));
    m.insert("would_change".into(), json!(o.would_change));
    m.insert("dry_run".into(), json!(dry_run));
    m.insert("diff".into(), json!(o.diff));
    m.insert("backup".into(), json!(o.backup));
    m.insert("applied".into(), json!(o.applied));
    m.insert("running".into(), json!(o.running));
    m
}

fn outcome_view(o: &Outcome, mut pairs: Vec<(&str, String)>, dry_run: bool) -> View {
    pairs.push(("file", o.file.display().to_string()));
    pairs.push((
        "changed",
        if dry_run {
            format!("{} (dry run)", o.would_change)
        } else {
            o.changed.to_string()
        },
    ));
    if let Some(b) = &o.backup {
        pairs.push(("backup", b.id.clone()));
    }
    if let Some(a) = &o.applied {
        pairs.push(("applied", a.clone()));
    }
    let mut parts = vec![(String::new(), kv(pairs))];
    if !o.diff.is_empty() {
        parts.push(("diff".into(), View::Text(o.diff.clone())));
    }
    View::Sections(parts)
}

fn render(file: &OverrideFile) -> Option<Vec<u8>> {
    Some(file.render().into_bytes())
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

/// `jail set J KEY VALUE --persist`.
pub fn set_persist(app: &App, jail: &str, key: &str, value: &str, dry_run: bool) -> Result<Report> {
    check_jail_name(jail)?;
    if matches!(key, "delfailregex" | "delignoreregex") {
        return Err(Error::Usage(format!(
            "{key} cannot be persisted (indexes refer to the running jail); edit {} by hand",
            persist::FILE_NAME
        )));
    }
    let value = super::cmd_jail::validate(key, value)?;
    let option = super::cmd_jail::readback_key(key).to_string();
    persist::check_writable(key, &value, false)?;
    let tree = config_tree(app)?;
    let jc = tree.jail(jail)?;
    let path = persist::file_in(tree.dir());
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
                let esc = persist::escape(&v);
                if !raw.split('\n').any(|l| l.trim() == esc.trim()) {
                    f.set_raw(&jail_s, &opt, &format!("{raw}\n{esc}"));
                }
            }
            _ => f.set(&jail_s, &opt, &v),
        }
        Ok(render(&f))
    };
    let live = |app: &App| -> Json {
        match app.client() {
            Ok(mut c) => super::cmd_jail::read_value(&mut c, jail, &option).unwrap_or(Json::Null),
            Err(_) => Json::Null,
        }
    };
    let before = if dry_run { Json::Null } else { live(app) };
    let targets = vec![format!("{key}={value}")];
    let r = change(
        app,
        &format!("before jail set {jail} {key}={value} --persist"),
        Apply::ReloadJail(jail.to_string()),
        dry_run,
        edit,
    );
    audit(app, "jail set --persist", jail, &targets, &r, dry_run);
    let o = r?;
    let after = if dry_run { Json::Null } else { live(app) };
    let mut data = outcome_json(&o, dry_run);
    data.insert("jail".into(), json!(jail));
    data.insert("key".into(), json!(key));
    data.insert("option".into(), json!(option));
    data.insert("value".into(), json!(value));
    data.insert("before".into(), before);
    data.insert("after".into(), after.clone());
    data.insert("persisted".into(), json!(!dry_run));
    let view = outcome_view(
        &o,
        vec![
            ("jail", jail.to_string()),
            ("option", option.clone()),
            ("value", value.clone()),
        ],
        dry_run,
    );
    let mut rep = Report::new("jail set", Json::Object(data), view);
    for n in o.notes {
        rep = rep.note(n);
    }
    Ok(rep)
}

/// `jail enable J` / `jail disable J`.
pub fn enable(app: &App, jail: &str, on: bool, dry_run: bool) -> Result<Report> {
    check_jail_name(jail)?;
    let tree = config_tree(app)?;
    // The jail must exist in the configuration: a bare `[J] enabled = true` section
    // would make a jail without filter or log.
    tree.jail(jail)?;
    let path = persist::file_in(tree.dir());
    let jail_s = jail.to_string();
    let edit = move |cur: Option<&str>| -> Result<Option<Vec<u8>>> {
        let mut f = parse_current(&path, cur)?;
        f.set(&jail_s, "enabled", if on { "true" } else { "false" });
        Ok(render(&f))
    };
    let verb = if on { "enable" } else { "disable" };
    let how = if on {
        Apply::Enable(jail.to_string())
    } else {
        Apply::Disable(jail.to_string())
    };
    let r = change(
        app,
        &format!("before jail {verb} {jail}"),
        how,
        dry_run,
        edit,
    );
    audit(app, &format!("jail {verb}"), jail, &[], &r, dry_run);
    let o = r?;
    let mut data = outcome_json(&o, dry_run);
    data.insert("jail".into(), json!(jail));
    data.insert("enabled".into(), json!(on));
    let view = outcome_view(
        &o,
        vec![("jail", jail.to_string()), ("enabled", on.to_string())],
        dry_run,
    );
    let mut rep = Report::new(format!("jail {verb}"), Json::Object(data), view);
    for n in o.notes {
        rep = rep.note(n);
    }
    Ok(rep)
}

pub fn backups(app: &App, cmd: ConfigBackupsCommand) -> Result<Report> {
    match cmd {
        ConfigBackupsCommand::List => {
            let list = store(app).list()?;
            let rows = list
                .iter()
                .map(|b| {
                    vec![
                        b.id.clone(),
                        b.created.clone(),
                        if b.existed {
                            format!("{} bytes", b.size)
                        } else {
                            "(no file)".into()
                        },
                        b.target.display().to_string(),
                        b.reason.clone(),
                    ]
                })
                .collect();
            Ok(Report::new(
                "config-backups list",
                serde_json::to_value(&list).unwrap_or_default(),
                super::output::table(&["id", "created", "content", "file", "reason"], rows),
            ))
        }
        ConfigBackupsCommand::Restore { id, yes, dry_run } => {
            if !yes && !dry_run {
                return Err(Error::Usage(
                    "restoring replaces jail.d/zz-bangui.local and reloads fail2ban: add --yes (or --dry-run to see the diff)".into(),
                ));
            }
            let (b, bytes) = store(app).get(&id)?;
            let tree = config_tree(app)?;
            let target = persist::file_in(tree.dir());
            if b.target != target {
                return Err(Error::bad_input(format!(
                    "backup {id} is of {}, not of {} (the configured fail2ban.config_dir)",
                    b.target.display(),
                    target.display()
                )));
            }
            let r = change(
                app,
                &format!("before config-backups restore {id}"),
                Apply::ReloadAll,
                dry_run,
                move |_| Ok(bytes),
            );
            audit(
                app,
                "config-backups restore",
                "--all",
                std::slice::from_ref(&id),
                &r,
                dry_run,
            );
            let o = r?;
            let mut data = outcome_json(&o, dry_run);
            data.insert("restored".into(), json!(b));
            let view = outcome_view(&o, vec![("restored", id.clone())], dry_run);
            let mut rep = Report::new("config-backups restore", Json::Object(data), view);
            for n in o.notes {
                rep = rep.note(n);
            }
            Ok(rep)
        }
    }
}
