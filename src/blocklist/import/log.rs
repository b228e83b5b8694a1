//! The import log: one `blocklist_imports` row per run (written `running`
//! when it starts, completed when it ends, `interrupted` when its process
//! is gone), the fetch rate limit, and what `blocklist log`, `status` and
//! the health checks read back from them.

use std::time::Instant;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{ImportReport, ImportStatus, db};
use crate::blocklist::source::{self, Source};
use crate::error::Result;
use crate::util::rfc3339;

/// `Some(seconds to wait)` when the source was fetched less than its minimum
/// interval ago.
pub fn rate_limited(conn: &Connection, src: &Source, now: i64) -> Result<Option<u64>> {
    if src.min_interval_s == 0 {
        return Ok(None);
    }
    let last: Option<i64> = conn
        .query_row(
            "SELECT last_at FROM rate_limits WHERE bucket = ?1",
            [source::rate_bucket(&src.name)],
            |r| r.get(0),
        )
        .optional()
        .map_err(db("reading the fetch rate limit"))?;
    Ok(last.and_then(|last| {
        let elapsed = now.saturating_sub(last).max(0) as u64;
        (elapsed < src.min_interval_s).then(|| src.min_interval_s - elapsed)
    }))
}

pub(super) fn record_fetch(conn: &Connection, src: &Source, now: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO rate_limits (bucket, window_start, count, last_at) VALUES (?1, ?2, 1, ?2)
         ON CONFLICT (bucket) DO UPDATE SET
             window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END,
             count = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE count + 1 END,
             last_at = ?2",
        params![
            source::rate_bucket(&src.name),
            now,
            src.min_interval_s as i64
        ],
    )
    .map_err(db("recording the fetch for the rate limit"))?;
    Ok(())
}

/// `valid` of the last import that applied (or confirmed) a full list.
pub(super) fn last_good_valid(conn: &Connection, src: &Source) -> Result<Option<u64>> {
    conn.query_row(
        "SELECT valid FROM blocklist_imports WHERE source_id = ?1
             AND status IN ('ok', 'unchanged') AND valid > 0
         ORDER BY id DESC LIMIT 1",
        [src.id],
        |r| r.get::<_, i64>(0),
    )
    .optional()
    .map(|v| v.map(|v| v.max(0) as u64))
    .map_err(db("reading the last import"))
}

/// Earlier rows of this source left `running` by a process that is gone
/// become `interrupted`.
pub(super) fn start_record(conn: &Connection, src: &Source, now: i64) -> Result<i64> {
    mark_interrupted(conn, Some(src.id))?;
    conn.execute(
        "INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, status, pid)
         VALUES (?1, ?2, ?3, ?4, 'running', ?5)",
        params![
            src.id,
            src.name,
            src.jail,
            now,
            i64::from(std::process::id())
        ],
    )
    .map_err(db("recording the import"))?;
    Ok(conn.last_insert_rowid())
}

/// Rows left `running` by a process that no longer exists are
/// `interrupted` (all sources, or one).
pub fn mark_interrupted(conn: &Connection, source_id: Option<i64>) -> Result<u64> {
    let mut st = conn
        .prepare(
            "SELECT id, pid FROM blocklist_imports
             WHERE status = 'running' AND (?1 IS NULL OR source_id = ?1)",
        )
        .map_err(db("reading the import log"))?;
    let rows = st
        .query_map([source_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })
        .map_err(db("reading the import log"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading the import log"))?;
    let mut n = 0;
    for (id, pid) in rows {
        if pid.is_none_or(|p| !crate::util::pid_alive(p)) {
            n += conn
                .execute(
                    "UPDATE blocklist_imports SET status = 'interrupted',
                         error = 'the run ended before it finished (killed or crashed)'
                     WHERE id = ?1 AND status = 'running'",
                    [id],
                )
                .map_err(db("recording the import"))? as u64;
        }
    }
    Ok(n)
}

fn record(conn: &Connection, src: &Source, r: &ImportReport, started: i64, now: i64) -> Result<()> {
    let refused = serde_json::to_string(&r.refused).unwrap_or_else(|_| "{}".into());
    let samples: Vec<(u64, &str)> = r
        .invalid_samples
        .iter()
        .map(|l| (l.line, l.text.as_str()))
        .collect();
    let samples = serde_json::to_string(&samples).unwrap_or_else(|_| "[]".into());
    // A run records its row when it starts; one that stopped before that
    // (no jail, say) gets its row now.
    let id = match r.run_id {
        Some(id) => id,
        None => {
            conn.execute(
                "INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, status)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![src.id, src.name, src.jail, started, r.status.as_str()],
            )
            .map_err(db("recording the import"))?;
            conn.last_insert_rowid()
        }
    };
    conn.execute(
        "UPDATE blocklist_imports SET finished_at = ?2, status = ?3, http_status = ?4,
             bytes = ?5, etag = ?6, lines = ?7, valid = ?8, invalid = ?9, duplicates = ?10,
             refused = ?11, aggregated = ?12, added = ?13, removed = ?14, duration_ms = ?15,
             error = ?16, invalid_samples = ?17
         WHERE id = ?1",
        params![
            id,
            now,
            r.status.as_str(),
            r.http_status,
            r.bytes as i64,
            r.etag,
            r.lines as i64,
            r.valid as i64,
            r.invalid as i64,
            r.duplicates as i64,
            refused,
            r.aggregated as i64,
            r.added as i64,
            r.removed as i64,
            r.duration_ms as i64,
            r.error,
            samples
        ],
    )
    .map_err(db("recording the import"))?;
    Ok(())
}

pub(super) fn finish(
    conn: &Connection,
    src: &Source,
    mut r: ImportReport,
    t0: Instant,
    started: i64,
    applied: bool,
    actor: &str,
) -> Result<ImportReport> {
    r.duration_ms = t0.elapsed().as_millis() as u64;
    record(
        conn,
        src,
        &r,
        started,
        started + (r.duration_ms / 1000) as i64,
    )?;
    if applied {
        let mut targets: Vec<String> = r.added_sample.iter().map(|t| format!("+{t}")).collect();
        targets.extend(r.removed_sample.iter().map(|t| format!("-{t}")));
        crate::audit::append(
            conn,
            &crate::audit::AuditRecord {
                at: started,
                actor,
                command: "blocklist import",
                jail: Some(&src.jail),
                targets: &targets,
                outcome: if r.status == ImportStatus::Ok {
                    "ok"
                } else {
                    "partial"
                },
                changed: r.changed,
                detail: Some(serde_json::json!({
                    "source": r.source,
                    "status": r.status,
                    "added": r.added,
                    "removed": r.removed,
                    "aggregated": r.aggregated,
                    "error": r.error,
                })),
            },
        )?;
    }
    tracing::info!(
        event = "blocklist_import_completed",
        component = "blocklist",
        source = %r.source,
        jail = %r.jail,
        status = %r.status,
        http_status = r.http_status,
        bytes = r.bytes,
        lines = r.lines,
        valid = r.valid,
        invalid = r.invalid,
        duplicates = r.duplicates,
        refused = r.total_refused(),
        aggregated = r.aggregated,
        added = r.added,
        removed = r.removed,
        duration_ms = r.duration_ms,
        error = r.error.as_deref().unwrap_or(""),
        "blocklist import completed"
    );
    Ok(r)
}

pub(super) fn last_success(conn: &Connection, id: i64) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT MAX(finished_at) FROM blocklist_imports WHERE source_id = ?1 AND status IN ('ok', 'unchanged')",
        [id],
        |r| r.get::<_, Option<i64>>(0),
    )
    .map_err(db("reading the last import"))
}

/// One row of `blocklist log`.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub source: String,
    pub jail: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub http_status: Option<u16>,
    pub bytes: Option<u64>,
    pub etag: Option<String>,
    pub lines: u64,
    pub valid: u64,
    pub invalid: u64,
    pub duplicates: u64,
    pub refused: serde_json::Value,
    pub aggregated: u64,
    pub added: u64,
    pub removed: u64,
    pub duration_ms: Option<u64>,
    pub error: Option<String>,
    pub invalid_samples: serde_json::Value,
}

/// A `running` row whose process is gone was interrupted (killed or
/// crashed): say so without waiting for the next run to rewrite it.
fn live_status(status: String, pid: Option<i64>) -> String {
    if status == "running" && pid.is_none_or(|p| !crate::util::pid_alive(p)) {
        ImportStatus::Interrupted.as_str().into()
    } else {
        status
    }
}

/// Why a source is failing, when it is: its last import (not a dry run)
/// failed, was aborted or was interrupted — which covers a source that never
/// succeeded. A source never imported, or importing now, is not failing.
pub fn failing_reason(conn: &Connection, source_name: &str) -> rusqlite::Result<Option<String>> {
    let last: Option<(String, Option<String>, Option<i64>)> = conn
        .query_row(
            "SELECT status, error, pid FROM blocklist_imports
             WHERE source_name = ?1 AND status <> 'dry-run' ORDER BY id DESC LIMIT 1",
            [source_name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(last.and_then(|(status, error, pid)| {
        let status = live_status(status, pid);
        matches!(status.as_str(), "failed" | "aborted" | "interrupted").then(|| {
            let why = error
                .map(|e| crate::util::clip(&e, crate::util::QUOTE_MAX).into_owned())
                .unwrap_or_else(|| "no reason recorded".into());
            format!("last import {status}: {why}")
        })
    }))
}

/// Imports, newest first.
pub fn log(conn: &Connection, source_name: Option<&str>, limit: u32) -> Result<Vec<ImportRecord>> {
    let mut st = conn
        .prepare(
            "SELECT id, source_name, jail, started_at, finished_at, status, http_status, bytes, etag,
                 lines, valid, invalid, duplicates, refused, aggregated, added, removed,
                 duration_ms, error, invalid_samples, pid
             FROM blocklist_imports WHERE (?1 IS NULL OR source_name = ?1)
             ORDER BY id DESC LIMIT ?2",
        )
        .map_err(db("reading the import log"))?;
    let u = |v: i64| v.max(0) as u64;
    let rows = st
        .query_map(params![source_name, limit], |r| {
            let refused: String = r.get(13)?;
            let samples: Option<String> = r.get(19)?;
            Ok(ImportRecord {
                id: r.get(0)?,
                source: r.get(1)?,
                jail: r.get(2)?,
                started_at: rfc3339(r.get(3)?),
                finished_at: r.get::<_, Option<i64>>(4)?.map(rfc3339),
                status: live_status(r.get(5)?, r.get(20)?),
                http_status: r.get::<_, Option<i64>>(6)?.map(|v| v.clamp(0, 999) as u16),
                bytes: r.get::<_, Option<i64>>(7)?.map(u),
                etag: r.get(8)?,
                lines: u(r.get(9)?),
                valid: u(r.get(10)?),
                invalid: u(r.get(11)?),
                duplicates: u(r.get(12)?),
                refused: serde_json::from_str(&refused).unwrap_or_default(),
                aggregated: u(r.get(14)?),
                added: u(r.get(15)?),
                removed: u(r.get(16)?),
                duration_ms: r.get::<_, Option<i64>>(17)?.map(u),
                error: r.get(18)?,
                invalid_samples: samples
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or(serde_json::Value::Array(Vec::new())),
            })
        })
        .map_err(db("reading the import log"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading the import log"))
}

/// One row of `blocklist status`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceStatus {
    pub name: String,
    pub jail: String,
    pub enabled: bool,
    pub origin: String,
    pub url: String,
    pub interval_s: u64,
    pub last_success: Option<String>,
    pub last_failure: Option<String>,
    pub last_status: Option<String>,
    pub last_error: Option<String>,
    pub entries: u64,
    /// Seconds since the last success.
    pub age_s: Option<i64>,
    /// Enabled, and the last success is older than three intervals (or there
    /// was none within three intervals of adding the source).
    pub stale: bool,
    /// The last import failed, was aborted or was interrupted.
    pub failing: bool,
    /// Why, when failing.
    pub failing_reason: Option<String>,
}

pub fn status(conn: &Connection, now: i64) -> Result<Vec<SourceStatus>> {
    let mut out = Vec::new();
    for s in source::list(conn)? {
        let ok = last_success(conn, s.id)?;
        let failure: Option<i64> = conn
            .query_row(
                "SELECT MAX(COALESCE(finished_at, started_at)) FROM blocklist_imports WHERE source_id = ?1 AND status IN ('failed', 'aborted', 'interrupted')",
                [s.id],
                |r| r.get(0),
            )
            .map_err(db("reading the import log"))?;
        let last: Option<(String, Option<String>, Option<i64>)> = conn
            .query_row(
                "SELECT status, error, pid FROM blocklist_imports WHERE source_id = ?1 AND status <> 'dry-run' ORDER BY id DESC LIMIT 1",
                [s.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(db("reading the import log"))?;
        let entries: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM blocklist_entries WHERE source_id = ?1",
                [s.id],
                |r| r.get(0),
            )
            .map_err(db("counting entries"))?;
        let limit = (s.interval_s as i64).saturating_mul(3);
        let since = ok.unwrap_or(s.created_at);
        let failing = failing_reason(conn, &s.name).map_err(db("reading the import log"))?;
        out.push(SourceStatus {
            failing: failing.is_some(),
            failing_reason: failing,
            stale: s.enabled && now.saturating_sub(since) > limit,
            age_s: ok.map(|t| now.saturating_sub(t)),
            last_success: ok.map(rfc3339),
            last_failure: failure.map(rfc3339),
            last_status: last.as_ref().map(|l| live_status(l.0.clone(), l.2)),
            last_error: last.and_then(|l| l.1),
            entries: entries.max(0) as u64,
            name: s.name,
            jail: s.jail,
            enabled: s.enabled,
            origin: s.origin,
            url: s.url,
            interval_s: s.interval_s,
        });
    }
    Ok(out)
}
