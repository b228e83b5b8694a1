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
    let jobs = last_job_runs(app);
    let rows = super::cmd_jail::stats_rows(&stats, false);
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
        (
            "last job runs".into(),
            table(
                &["job", "status", "started_at", "duration"],
                jobs.iter()
                    .map(|j| {
                        vec![
                            j.job.clone(),
                            j.status.clone(),
                            bangui::util::rfc3339(j.started_at),
                            opt(j.duration_ms.map(|d| format!("{:.3}s", d as f64 / 1000.0))),
                        ]
                    })
                    .collect(),
            ),
        ),
    ]);
    let data = json!({
        "fail2ban": {
            "version": version,
            "socket": app.cfg.fail2ban.socket.display().to_string(),
        },
        "jails": stats,
        "database": database,
        "last_job_runs": jobs.iter().map(|j| json!({
            "job": j.job,
            "status": j.status,
            "started_at": bangui::util::rfc3339(j.started_at),
            "duration_seconds": j.duration_ms.map(|d| d as f64 / 1000.0),
        })).collect::<Vec<_>>(),
    });
    Ok(Report::new("status", data, view))
}

struct LastRun {
    job: String,
    status: String,
    started_at: i64,
    duration_ms: Option<i64>,
}

/// The latest run of each job, read without creating or migrating anything.
fn last_job_runs(app: &App) -> Vec<LastRun> {
    let path = &app.cfg.database.path;
    if !path.exists() {
        return Vec::new();
    }
    let read = || -> rusqlite::Result<Vec<LastRun>> {
        let conn = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        conn.busy_timeout(std::time::Duration::from_millis(500))?;
        let mut stmt = conn.prepare(
            "SELECT job, status, started_at, duration_ms FROM job_runs
             WHERE id IN (SELECT max(id) FROM job_runs GROUP BY job) ORDER BY job",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(LastRun {
                job: r.get(0)?,
                status: r.get(1)?,
                started_at: r.get(2)?,
                duration_ms: r.get(3)?,
            })
        })?;
        rows.collect()
    };
    read().unwrap_or_default()
}
