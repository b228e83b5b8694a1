//! Prometheus text for node_exporter's textfile collector: per job the last
//! success time, the last run's duration and run counters by status, written
//! atomically as `bangui.prom`. It only reads the database and writes that
//! one file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};

/// The file written in `jobs.textfile_dir`.
pub const TEXTFILE_NAME: &str = "bangui.prom";

const STATUSES: &[&str] = &["ok", "failed", "skipped-locked", "interrupted"];

/// Every job name metrics are written for: the registry plus `run-due`, plus
/// any name that has counters already.
fn job_names(conn: &Connection) -> Result<Vec<String>> {
    let mut names: Vec<String> = super::registry()
        .iter()
        .map(|j| j.name().to_string())
        .collect();
    names.push(super::runner::RUN_DUE.to_string());
    let mut stmt = conn
        .prepare("SELECT DISTINCT job FROM job_counters")
        .map_err(|e| Error::db("reading job counters", e))?;
    let extra = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| Error::db("reading job counters", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::db("reading job counters", e))?;
    names.extend(extra);
    names.sort();
    names.dedup();
    Ok(names)
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The metrics as Prometheus text exposition format.
pub fn render(conn: &Connection) -> Result<String> {
    let names = job_names(conn)?;
    let q = |e| Error::db("reading job metrics", e);
    let mut success = String::new();
    let mut duration = String::new();
    let mut runs = String::new();
    for name in &names {
        let label = escape(name);
        let last_ok: Option<i64> = conn
            .query_row(
                "SELECT max(finished_at) FROM job_runs WHERE job = ?1 AND status = 'ok'",
                [name],
                |r| r.get(0),
            )
            .map_err(q)?;
        if let Some(ts) = last_ok {
            let _ = writeln!(
                success,
                "bangui_job_last_success_timestamp_seconds{{job=\"{label}\"}} {ts}"
            );
        }
        let last_ms: Option<i64> = conn
            .query_row(
                "SELECT duration_ms FROM job_runs
                 WHERE job = ?1 AND finished_at IS NOT NULL AND status <> 'skipped-locked'
                 ORDER BY finished_at DESC, id DESC LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(q)?
            .flatten();
        if let Some(ms) = last_ms {
            let _ = writeln!(
                duration,
                "bangui_job_duration_seconds{{job=\"{label}\"}} {}",
                ms as f64 / 1000.0
            );
        }
        for status in STATUSES {
            let n: i64 = conn
                .query_row(
                    "SELECT runs FROM job_counters WHERE job = ?1 AND status = ?2",
                    params![name, status],
                    |r| r.get(0),
                )
                .optional()
                .map_err(q)?
                .unwrap_or(0);
            let _ = writeln!(
                runs,
                "bangui_job_runs_total{{job=\"{label}\",status=\"{status}\"}} {n}"
            );
        }
    }
    let mut out = String::new();
    out.push_str("# HELP bangui_job_last_success_timestamp_seconds Unix time at which the job last finished successfully.\n");
    out.push_str("# TYPE bangui_job_last_success_timestamp_seconds gauge\n");
    out.push_str(&success);
    out.push_str("# HELP bangui_job_duration_seconds Duration of the job's last finished run.\n");
    out.push_str("# TYPE bangui_job_duration_seconds gauge\n");
    out.push_str(&duration);
    out.push_str("# HELP bangui_job_runs_total Runs of the job by final status.\n");
    out.push_str("# TYPE bangui_job_runs_total counter\n");
    out.push_str(&runs);
    if let Some(last) = crate::enforce::job::last(conn)? {
        out.push_str("# HELP bangui_enforcement_missing Bans fail2ban lists that the kernel firewall lacked at the last verify job, per jail.\n");
        out.push_str("# TYPE bangui_enforcement_missing gauge\n");
        for (jail, n) in &last.missing {
            let _ = writeln!(
                out,
                "bangui_enforcement_missing{{jail=\"{}\"}} {n}",
                escape(jail)
            );
        }
    }
    Ok(out)
}

/// Write `bangui.prom` into `dir` atomically (temp file, fsync, rename).
pub fn write_textfile(conn: &Connection, dir: &Path) -> Result<PathBuf> {
    let text = render(conn)?;
    let path = dir.join(TEXTFILE_NAME);
    crate::util::write_atomic(&path, text.as_bytes(), 0o644)
        .map_err(|e| Error::io(format!("writing metrics to {}", path.display()), &path, e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_for_every_status_and_last_success() {
        let conn = crate::db::test_db();
        conn.execute_batch(
            "INSERT INTO job_runs (job, started_at, finished_at, status, duration_ms)
                 VALUES ('db-maintenance', 100, 102, 'ok', 1500);
             INSERT INTO job_counters (job, status, runs) VALUES ('db-maintenance', 'ok', 3),
                 ('db-maintenance', 'skipped-locked', 7);",
        )
        .unwrap();
        let text = render(&conn).unwrap();
        assert!(
            text.contains(
                "bangui_job_last_success_timestamp_seconds{job=\"db-maintenance\"} 102\n"
            )
        );
        assert!(text.contains("bangui_job_duration_seconds{job=\"db-maintenance\"} 1.5\n"));
        assert!(text.contains(
            "bangui_job_runs_total{job=\"db-maintenance\",status=\"skipped-locked\"} 7\n"
        ));
        assert!(text.contains("bangui_job_runs_total{job=\"run-due\",status=\"failed\"} 0\n"));
        let dir = tempfile::tempdir().unwrap();
        let p = write_textfile(&conn, dir.path()).unwrap();
        assert_eq!(std::fs::read_to_string(p).unwrap(), text);
        assert_eq!(escape("a\"b\\"), "a\\\"b\\\\");
    }
}
