//! `bangui db migrate|status|check|checkpoint|backup`.

use serde_json::json;

use bangui::db;
use bangui::error::Outcome;
use bangui::{Error, Result};

use super::app::App;
use super::args::DbCommand;
use super::output::{Report, View, kv, opt, table};

pub fn run(app: &App, cmd: DbCommand) -> Result<Report> {
    let opts = app.db_options();
    match cmd {
        DbCommand::Migrate => {
            let mut conn = db::open_raw(&opts)?;
            let r = db::migrate(&mut conn, &opts)?;
            let view = kv(vec![
                ("database", r.path.clone()),
                ("from_version", r.from_version.to_string()),
                ("to_version", r.to_version.to_string()),
                ("applied", r.applied.len().to_string()),
                ("backup", opt(r.backup.clone())),
            ]);
            Ok(Report::new(
                "db migrate",
                serde_json::to_value(&r).unwrap_or_default(),
                view,
            ))
        }
        DbCommand::Status => {
            let st = db::status(&opts)?;
            let mut rows: Vec<Vec<String>> = st
                .applied
                .iter()
                .map(|m| {
                    vec![
                        m.version.to_string(),
                        m.name.clone(),
                        "applied".into(),
                        opt(m.applied_on.clone()),
                    ]
                })
                .collect();
            rows.extend(st.pending.iter().map(|m| {
                vec![
                    m.version.to_string(),
                    m.name.clone(),
                    "pending".into(),
                    "-".into(),
                ]
            }));
            let view = View::Sections(vec![
                (
                    String::new(),
                    kv(vec![
                        ("database", st.path.clone()),
                        ("exists", st.exists.to_string()),
                        ("size_bytes", opt(st.size_bytes)),
                        ("current_version", st.current_version.to_string()),
                        ("latest_version", st.latest_version.to_string()),
                        ("journal_mode", opt(st.journal_mode.clone())),
                    ]),
                ),
                (
                    "migrations".into(),
                    table(&["version", "name", "state", "applied_on"], rows),
                ),
            ]);
            Ok(Report::new(
                "db status",
                serde_json::to_value(&st).unwrap_or_default(),
                view,
            ))
        }
        DbCommand::Check => {
            if !opts.path.exists() {
                return Err(Error::NoInput {
                    what: "database".into(),
                    path: opts.path.clone(),
                });
            }
            let conn = db::open_raw(&opts)?;
            let r = db::check(&conn, &opts.path)?;
            let mut rows: Vec<Vec<String>> = r
                .integrity
                .iter()
                .map(|l| vec!["integrity".into(), l.clone()])
                .collect();
            rows.extend(
                r.foreign_key_violations
                    .iter()
                    .map(|l| vec!["foreign_key".into(), l.clone()]),
            );
            let ok = r.ok;
            let mut rep = Report::new(
                "db check",
                serde_json::to_value(&r).unwrap_or_default(),
                table(&["check", "result"], rows),
            );
            if !ok {
                rep = rep.with_outcome(Outcome::Damaged).note(format!(
                    "database {} failed its checks; restore a backup (see README, Recovery)",
                    opts.path.display()
                ));
            }
            Ok(rep)
        }
        DbCommand::Checkpoint => {
            let conn = db::open_raw(&opts)?;
            let r = db::checkpoint(&conn)?;
            let view = kv(vec![
                ("busy", r.busy.to_string()),
                ("log_frames", r.log_frames.to_string()),
                ("checkpointed_frames", r.checkpointed_frames.to_string()),
            ]);
            Ok(Report::new(
                "db checkpoint",
                serde_json::to_value(&r).unwrap_or_default(),
                view,
            ))
        }
        DbCommand::Backup { path, force } => {
            if !force && std::fs::symlink_metadata(&path).is_ok() {
                return Err(Error::Usage(format!(
                    "{} already exists; pass --force to replace it",
                    path.display()
                )));
            }
            let conn = db::open_raw(&opts)?;
            let bytes = db::backup(&conn, &path)?;
            let data = json!({
                "source": opts.path.display().to_string(),
                "path": path.display().to_string(),
                "bytes": bytes,
                "changed": true,
            });
            let view = kv(vec![
                ("source", opts.path.display().to_string()),
                ("backup", path.display().to_string()),
                ("bytes", bytes.to_string()),
            ]);
            Ok(Report::new("db backup", data, view))
        }
    }
}
