//! `bangui jail …`: live jail state and runtime settings over the socket;
//! start/restart/reload delegate to fail2ban-client, which must stream the
//! whole configuration, and are checked afterwards.

use serde_json::{Value as Json, json};

use bangui::audit::AuditRecord;
use bangui::f2btools::{self, ClientProgram};
use bangui::fail2ban::{Arg, Transport, api};
use bangui::jail::{JailName, readback_key, validate};
use bangui::util::now_unix;
use bangui::{Error, Result};

use super::app::App;
use super::args::JailCommand;
use super::output::{Report, View, kv, opt, table};

/// Settings `jail show` reads, in display order.
const SHOW_KEYS: &[&str] = &[
    "bantime",
    "findtime",
    "maxretry",
    "maxmatches",
    "maxlines",
    "usedns",
    "logencoding",
    "ignoreself",
    "ignoreip",
    "ignorecommand",
    "logpath",
    "journalmatch",
    "prefregex",
    "failregex",
    "ignoreregex",
    "datepattern",
    "actions",
    "bantime.increment",
    "bantime.factor",
    "bantime.formula",
    "bantime.multipliers",
    "bantime.maxtime",
    "bantime.rndtime",
    "bantime.overalljails",
];

pub fn run(app: &App, cmd: JailCommand) -> Result<Report> {
    match cmd {
        JailCommand::List => list(app),
        JailCommand::Show { jail } => show(app, &jail),
        JailCommand::Get { jail, key } => get(app, &jail, &key),
        JailCommand::Set {
            jail,
            key,
            value,
            persist: true,
            dry_run,
        } => super::cmd_persist::set_persist(app, &jail, &key, &value, dry_run),
        JailCommand::Set {
            jail,
            key,
            value,
            persist: false,
            dry_run,
        } => set(app, &jail, &key, &value, dry_run),
        JailCommand::Enable { jail, dry_run } => {
            super::cmd_persist::enable(app, &jail, true, dry_run)
        }
        JailCommand::Disable { jail, dry_run } => {
            super::cmd_persist::enable(app, &jail, false, dry_run)
        }
        JailCommand::Idle {
            jail,
            state,
            dry_run,
        } => idle(app, &jail, state == "on", dry_run),
        JailCommand::Stop { jail, dry_run } => stop(app, &jail, dry_run),
        JailCommand::Start { jail, dry_run } => delegate(app, "start", jail, false, dry_run),
        JailCommand::Restart {
            jail,
            unban,
            dry_run,
        } => delegate(app, "restart", jail, unban, dry_run),
        JailCommand::Reload { jail, dry_run } => delegate(app, "reload", jail, false, dry_run),
    }
}

/// One table row per jail: jail, backend, failed and banned (current/total),
/// and the idle state when asked for.
pub(super) fn stats_rows(stats: &[bangui::fail2ban::JailStats], idle: bool) -> Vec<Vec<String>> {
    stats
        .iter()
        .map(|s| {
            let mut row = vec![
                s.jail.clone(),
                opt(s.backend.clone()),
                format!("{}/{}", s.currently_failed, s.total_failed),
                format!("{}/{}", s.currently_banned, s.total_banned),
            ];
            if idle {
                row.push(opt(s.idle.map(|i| if i { "on" } else { "off" })));
            }
            row
        })
        .collect()
}

fn list(app: &App) -> Result<Report> {
    // No config files, no database: this is the latency-critical path.
    let mut c = app.client()?;
    let stats = api::jail_stats_all(&mut c)?;
    // Plain output is for `cut`: one number a column (documented in the README).
    let view = if app.mode == super::output::Mode::Plain {
        let rows = stats
            .iter()
            .map(|s| {
                vec![
                    s.jail.clone(),
                    opt(s.backend.clone()),
                    s.currently_failed.to_string(),
                    s.total_failed.to_string(),
                    s.currently_banned.to_string(),
                    s.total_banned.to_string(),
                    opt(s.idle.map(|i| if i { "on" } else { "off" })),
                ]
            })
            .collect();
        table(
            &[
                "jail",
                "backend",
                "currently_failed",
                "total_failed",
                "currently_banned",
                "total_banned",
                "idle",
            ],
            rows,
        )
    } else {
        table(
            &["jail", "backend", "failed", "banned", "idle"],
            stats_rows(&stats, true),
        )
    };
    Ok(Report::new(
        "jail list",
        serde_json::to_value(&stats).unwrap_or_default(),
        view,
    ))
}

fn show(app: &App, jail: &str) -> Result<Report> {
    let mut c = app.client()?;
    let status = api::jail_status(&mut c, jail)?;
    let mut settings = serde_json::Map::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for key in SHOW_KEYS {
        let v = match api::jail_get(&mut c, jail, key) {
            Ok(v) => normalise(key, v.to_json()),
            // Settings a server version or backend does not have read as null.
            Err(Error::Fail2ban { .. }) => Json::Null,
            Err(e) => return Err(e),
        };
        pairs.push((key.to_string(), display(&v)));
        settings.insert(key.to_string(), v);
    }
    let data = json!({
        "jail": jail,
        "status": status,
        "settings": settings,
    });
    let view = View::Sections(vec![
        (
            String::new(),
            kv(vec![
                ("jail", jail.to_string()),
                (
                    "failed",
                    format!("{}/{}", status.currently_failed, status.total_failed),
                ),
                (
                    "banned",
                    format!("{}/{}", status.currently_banned, status.total_banned),
                ),
                ("files", status.file_list.join(", ")),
            ]),
        ),
        ("settings".into(), View::KeyValue(pairs)),
    ]);
    Ok(Report::new("jail show", data, view))
}

/// `datepattern` comes back as (pattern, human name): keep the pattern.
fn normalise(key: &str, v: Json) -> Json {
    match (key, &v) {
        ("datepattern", Json::Array(a)) if !a.is_empty() => a[0].clone(),
        ("ignorecommand", Json::Bool(false)) => Json::Null,
        _ => v,
    }
}

fn display(v: &Json) -> String {
    match v {
        Json::Null => "-".into(),
        Json::String(s) => s.clone(),
        Json::Array(a) => a.iter().map(display).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn get(app: &App, jail: &str, key: &str) -> Result<Report> {
    if !SHOW_KEYS.contains(&key) && !key.starts_with("action") {
        return Err(Error::Usage(format!(
            "unknown setting `{key}`; readable: {}",
            SHOW_KEYS.join(", ")
        )));
    }
    let mut c = app.client()?;
    let v = normalise(key, api::jail_get(&mut c, jail, key)?.to_json());
    Ok(Report::new(
        "jail get",
        json!({ "jail": jail, "key": key, "value": v }),
        View::Text(display(&v)),
    ))
}

pub(super) fn read_value(c: &mut dyn Transport, jail: &str, key: &str) -> Result<Json> {
    match api::jail_get(c, jail, key) {
        Ok(v) => Ok(normalise(key, v.to_json())),
        Err(Error::Fail2ban { .. }) => Ok(Json::Null),
        Err(e) => Err(e),
    }
}

fn set(app: &App, jail: &str, key: &str, value: &str, dry_run: bool) -> Result<Report> {
    let value = validate(key, value)?;
    let mut c = app.client()?;
    let rk = readback_key(key);
    let before = read_value(&mut c, jail, rk)?;
    let after = if dry_run {
        Json::Null
    } else {
        api::jail_set(&mut c, jail, key, &[Arg::Str(value.clone())])?;
        read_value(&mut c, jail, rk)?
    };
    let changed = !dry_run && before != after;
    audit_quietly(
        app,
        "jail set",
        jail,
        &[format!("{key}={value}")],
        dry_run,
        changed,
    );
    Ok(Report::new(
        "jail set",
        json!({
            "jail": jail, "key": key, "value": value,
            "before": before, "after": after,
            "changed": changed, "dry_run": dry_run,
            "would_change": if dry_run { display(&before) != value } else { changed },
        }),
        kv(vec![
            ("jail", jail.to_string()),
            ("key", key.to_string()),
            ("before", display(&before)),
            (
                "after",
                if dry_run {
                    format!("{value} (dry run)")
                } else {
                    display(&after)
                },
            ),
            ("changed", changed.to_string()),
        ]),
    ))
}

fn idle(app: &App, jail: &str, on: bool, dry_run: bool) -> Result<Report> {
    let mut c = app.client()?;
    // fail2ban 1.0 cannot report idle state: check the jail exists, then set.
    api::jail_status(&mut c, jail)?;
    let state = if dry_run {
        on
    } else {
        api::set_idle(&mut c, jail, on)?
    };
    audit_quietly(
        app,
        "jail idle",
        jail,
        &[if on { "on" } else { "off" }.into()],
        dry_run,
        !dry_run,
    );
    Ok(Report::new(
        "jail idle",
        json!({
            "jail": jail, "idle": state, "dry_run": dry_run,
            // The previous state is not readable, so a change is assumed.
            "changed": !dry_run, "would_change": true,
        }),
        kv(vec![
            ("jail", jail.to_string()),
            ("idle", if state { "on" } else { "off" }.to_string()),
        ]),
    ))
}

fn stop(app: &App, jail: &str, dry_run: bool) -> Result<Report> {
    let mut c = app.client()?;
    api::jail_status(&mut c, jail)?;
    if !dry_run {
        api::stop_jail(&mut c, jail)?;
    }
    audit_quietly(app, "jail stop", jail, &[], dry_run, !dry_run);
    Ok(Report::new(
        "jail stop",
        json!({ "jail": jail, "stopped": !dry_run, "changed": !dry_run, "dry_run": dry_run, "would_change": true }),
        kv(vec![
            ("jail", jail.to_string()),
            ("stopped", (!dry_run).to_string()),
        ]),
    ))
}

/// start/restart/reload need fail2ban-client: it parses the configuration and
/// streams it to the server. Afterwards, check that the jail is running.
fn delegate(
    app: &App,
    verb: &str,
    jail: Option<JailName>,
    unban: bool,
    dry_run: bool,
) -> Result<Report> {
    let mut args: Vec<&str> = Vec::new();
    match (verb, &jail) {
        // fail2ban cannot reload a jail it does not run: a stopped jail
        // comes back with a full reload, which starts every enabled jail.
        ("start", _) => args.push("reload"),
        ("restart", j) => {
            args.extend(["reload", "--restart"]);
            if unban {
                args.push("--unban");
            }
            args.push(j.as_deref().unwrap_or("--all"));
        }
        (_, Some(j)) => args.extend(["reload", j.as_str()]),
        (_, None) => args.push("reload"),
    }
    let program = ClientProgram::from_config(&app.cfg.fail2ban);
    let command_line = program.command_line(true, &args);
    // Make sure the server is there before handing over.
    let mut c = app.client()?;
    if verb == "start"
        && let Some(j) = &jail
        && api::status(&mut c)?.iter().any(|x| x == j.as_str())
    {
        return Ok(Report::new(
            "jail start",
            json!({ "jail": j, "running": true, "changed": false, "dry_run": dry_run }),
            kv(vec![
                ("jail", j.to_string()),
                ("running", "true (already)".into()),
            ]),
        ));
    }
    if dry_run {
        return Ok(Report::new(
            format!("jail {verb}"),
            json!({ "jail": jail, "would_run": command_line, "changed": false, "dry_run": true, "would_change": true }),
            kv(vec![("would run", command_line)]),
        ));
    }
    let run = program.run(true, &args)?;
    if !run.success {
        let detail: Vec<&str> = run
            .lines_stderr_first()
            .filter(|l| l.contains("ERROR") || l.contains("rror"))
            .take(5)
            .collect();
        let detail = if detail.is_empty() {
            run.stderr.trim().to_string()
        } else {
            // Drop fail2ban-client's timestamp and logger prefix.
            f2btools::join_messages(detail)
        };
        return Err(Error::config(format!(
            "`{command_line}` failed: {}",
            bangui::util::sanitize(&detail)
        )));
    }
    let jails = match api::status(&mut c) {
        Ok(jails) => jails,
        Err(_) => {
            drop(c);
            api::status(&mut app.reconnect()?)?
        }
    };
    let up = match &jail {
        Some(j) => jails.iter().any(|x| x == j.as_str()),
        None => true,
    };
    audit_quietly(
        app,
        &format!("jail {verb}"),
        jail.as_deref().unwrap_or("--all"),
        &[],
        false,
        true,
    );
    if !up {
        return Err(Error::config(format!(
            "`{command_line}` succeeded but jail {} is not running; is it enabled in the configuration?",
            jail.as_deref().unwrap_or("")
        )));
    }
    Ok(Report::new(
        format!("jail {verb}"),
        json!({
            "jail": jail,
            "ran": command_line,
            "running": up,
            "jails": jails,
            "changed": true,
        }),
        kv(vec![
            ("ran", command_line.clone()),
            ("jail", jail.as_deref().unwrap_or("(all)").to_string()),
            ("running", up.to_string()),
        ]),
    ))
}

fn audit_quietly(
    app: &App,
    command: &str,
    jail: &str,
    targets: &[String],
    dry_run: bool,
    changed: bool,
) {
    app.audit(&AuditRecord {
        at: now_unix(),
        actor: &app.actor(),
        command,
        jail: Some(jail),
        targets,
        outcome: if dry_run { "dry-run" } else { "ok" },
        changed,
        detail: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_key() {
        for k in SHOW_KEYS {
            assert!(
                super::super::args::JAIL_GET_LONG_ABOUT.contains(&format!("\n  {k} ")),
                "jail get --help lacks {k}"
            );
        }
        for (k, _) in bangui::jail::SET_KEYS {
            assert!(
                super::super::args::JAIL_SET_LONG_ABOUT.contains(&format!("\n  {k} ")),
                "jail set --help lacks {k}"
            );
        }
    }
}
