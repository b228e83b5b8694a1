//! Persistent jail changes: `jail set --persist`, `jail enable|disable` and
//! `config-backups list|restore`. The library's engine (`bangui::persist::engine`)
//! writes, tests, applies and rolls back; this module audits and renders.

use serde_json::{Value as Json, json};

use bangui::audit::AuditRecord;
use bangui::jail::JailName;
use bangui::persist::BackupStore;
use bangui::persist::engine::{LiveServer, Outcome, Persister, Plan};
use bangui::util::now_unix;
use bangui::{Error, Result};

use super::app::App;
use super::args::ConfigBackupsCommand;
use super::output::{Report, View, kv};

fn store(app: &App) -> BackupStore {
    BackupStore::beside_database(&app.cfg.database.path)
}

/// Run `f` with the engine over the configured fail2ban.
fn with_engine<T>(app: &App, f: impl FnOnce(&Persister<'_>) -> Result<T>) -> Result<T> {
    let server = LiveServer::from_config(&app.cfg.fail2ban);
    f(&Persister {
        server: &server,
        config_dir: app.cfg.fail2ban.config_dir.clone(),
        backups: store(app),
        now: chrono::Utc::now(),
    })
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

/// Make the planned change, audit it, and return its outcome.
fn change(
    app: &App,
    p: &Persister<'_>,
    plan: Plan,
    dry_run: bool,
    (command, jail, targets): (&str, &str, &[String]),
) -> Result<Outcome> {
    let r = p.change(plan, dry_run);
    audit(app, command, jail, targets, &r, dry_run);
    r
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

/// The report of a change: its JSON (`extra` added), its view and its notes.
fn report(
    command: impl Into<String>,
    o: Outcome,
    extra: serde_json::Map<String, Json>,
    mut pairs: Vec<(&str, String)>,
    dry_run: bool,
) -> Report {
    let mut data = outcome_json(&o, dry_run);
    data.extend(extra);
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
    let mut rep = Report::new(command, Json::Object(data), View::Sections(parts));
    for n in o.notes {
        rep = rep.note(n);
    }
    rep
}

fn object(v: Json) -> serde_json::Map<String, Json> {
    match v {
        Json::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// `jail set J KEY VALUE --persist`.
pub fn set_persist(
    app: &App,
    jail: &JailName,
    key: &str,
    value: &str,
    dry_run: bool,
) -> Result<Report> {
    with_engine(app, |p| {
        let s = p.plan_setting(jail, key, value)?;
        let (value, option) = (s.value, s.option);
        let live = |app: &App| -> Json {
            match app.client() {
                Ok(mut c) => {
                    super::cmd_jail::read_value(&mut c, jail, &option).unwrap_or(Json::Null)
                }
                Err(_) => Json::Null,
            }
        };
        let before = if dry_run { Json::Null } else { live(app) };
        let targets = vec![format!("{key}={value}")];
        let o = change(
            app,
            p,
            s.plan,
            dry_run,
            ("jail set --persist", jail, &targets),
        )?;
        let after = if dry_run { Json::Null } else { live(app) };
        let extra = object(json!({
            "jail": jail, "key": key, "option": option, "value": value,
            "before": before, "after": after, "persisted": !dry_run,
        }));
        let pairs = vec![
            ("jail", jail.to_string()),
            ("option", option.clone()),
            ("value", value.clone()),
        ];
        Ok(report("jail set", o, extra, pairs, dry_run))
    })
}

/// `jail enable J` / `jail disable J`.
pub fn enable(app: &App, jail: &JailName, on: bool, dry_run: bool) -> Result<Report> {
    with_engine(app, |p| {
        let plan = p.plan_enable(jail, on)?;
        let verb = if on { "enable" } else { "disable" };
        let command = format!("jail {verb}");
        let o = change(app, p, plan, dry_run, (&command, jail, &[]))?;
        let extra = object(json!({"jail": jail, "enabled": on}));
        let pairs = vec![("jail", jail.to_string()), ("enabled", on.to_string())];
        Ok(report(command, o, extra, pairs, dry_run))
    })
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
            with_engine(app, |p| {
                let (plan, b) = p.plan_restore(&id)?;
                let targets = std::slice::from_ref(&id);
                let command = ("config-backups restore", "--all", targets);
                let o = change(app, p, plan, dry_run, command)?;
                let extra = object(json!({"restored": b}));
                let pairs = vec![("restored", id.clone())];
                Ok(report("config-backups restore", o, extra, pairs, dry_run))
            })
        }
    }
}
