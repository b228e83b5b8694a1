//! `bangui status`: the server, its jails with their counts, and bangui's
//! own database, in one look.

use serde_json::json;

use bangui::Result;
use bangui::db;
use bangui::fail2ban::api;

use super::app::App;
use super::output::{Report, View, kv, opt, table};

pub fn run(app: &App) -> Result<Report> {
    let mut c = app.client()?;
    let version = api::version(&mut c)?;
    let stats = api::jail_stats_all(&mut c)?;
    // The database is reported, never created or migrated, by status.
    let database = match db::status(&app.db_options()) {
        Ok(s) => json!({
            "path": s.path, "exists": s.exists, "current_version": s.current_version,
            "latest_version": s.latest_version, "pending": s.pending.len(), "error": null,
        }),
        Err(e) => json!({
            "path": app.cfg.database.path.display().to_string(), "exists": app.cfg.database.path.exists(),
            "current_version": null, "latest_version": db::latest_version(), "pending": null,
            "error": e.to_string(),
        }),
    };
    let rows = stats
        .iter()
        .map(|s| {
            vec![
                s.jail.clone(),
                opt(s.backend.clone()),
                format!("{}/{}", s.currently_failed, s.total_failed),
                format!("{}/{}", s.currently_banned, s.total_banned),
            ]
        })
        .collect();
    let db_line = match (&database["error"], database["current_version"].as_u64()) {
        (serde_json::Value::String(e), _) => format!("error: {e}"),
        (_, Some(v)) if database["exists"] == true => format!(
            "schema v{v} of v{} ({})",
            database["latest_version"],
            database["path"].as_str().unwrap_or("")
        ),
        _ => format!(
            "not created yet ({})",
            database["path"].as_str().unwrap_or("")
        ),
    };
    let view = View::Sections(vec![
        (
            String::new(),
            kv(vec![
                ("fail2ban", version.clone()),
                ("socket", app.cfg.fail2ban.socket.display().to_string()),
                ("jails", stats.len().to_string()),
                ("database", db_line),
            ]),
        ),
        (
            "jails".into(),
            table(&["jail", "backend", "failed", "banned"], rows),
        ),
    ]);
    let data = json!({
        "fail2ban": {
            "version": version,
            "socket": app.cfg.fail2ban.socket.display().to_string(),
        },
        "jails": stats,
        "database": database,
    });
    Ok(Report::new("status", data, view))
}
