//! The `db-maintenance` job: prune job runs, import records, audit rows and
//! (when a retention is set) ban history in bounded batches, each committed
//! with its watermark; then `PRAGMA optimize`, VACUUM when free pages pass the
//! configured share, and a WAL checkpoint. It touches only bangui's database.

use std::time::Duration;

use serde_json::{Value, json};

use super::{Job, JobContext, save_watermark};
use crate::config::Config;
use crate::error::{Error, Result};

pub struct DbMaintenance;

/// One table pruned by age.
struct Prune {
    table: &'static str,
    time_col: &'static str,
    retention_s: u64,
    /// Extra condition (a run still in progress is never pruned).
    extra: &'static str,
}

impl Job for DbMaintenance {
    fn name(&self) -> &'static str {
        "db-maintenance"
    }

    fn description(&self) -> &'static str {
        "prune old runs, imports, audit rows and history; optimize; vacuum; checkpoint"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.db_maintenance_interval_s)
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let j = ctx.config().jobs.clone();
        let now = ctx.now();
        let batch = j.maintenance_batch_size.max(1);
        let targets = [
            Prune {
                table: "job_runs",
                time_col: "started_at",
                retention_s: j.job_runs_retention_s,
                extra: " AND status <> 'running'",
            },
            Prune {
                table: "blocklist_imports",
                time_col: "started_at",
                retention_s: j.imports_retention_s,
                extra: "",
            },
            Prune {
                table: "audit_log",
                time_col: "at",
                retention_s: j.audit_retention_s,
                extra: "",
            },
            Prune {
                table: "ban_history",
                time_col: "timeofban",
                retention_s: j.history_retention_s,
                extra: "",
            },
        ];
        let mut pruned = serde_json::Map::new();
        let mut total = 0u64;
        for t in &targets {
            // A retention of 0 keeps rows forever.
            if t.retention_s == 0 {
                pruned.insert(t.table.into(), Value::Null);
                continue;
            }
            let cutoff = now.saturating_sub(t.retention_s as i64);
            let n = prune(ctx, t, cutoff, batch)?;
            total += n;
            pruned.insert(t.table.into(), n.into());
            ctx.note("pruned", Value::Object(pruned.clone()));
        }

        ctx.step(|c| {
            c.execute_batch("PRAGMA optimize;")
                .map_err(|e| Error::db("db-maintenance: PRAGMA optimize", e))
        })?;

        let (free, pages) = ctx.step(|c| {
            let q = |sql: &str| {
                c.query_row(sql, [], |r| r.get::<_, i64>(0))
                    .map_err(|e| Error::db("db-maintenance: reading page counts", e))
            };
            Ok((q("PRAGMA freelist_count")?, q("PRAGMA page_count")?))
        })?;
        let ratio = if pages > 0 {
            free as f64 / pages as f64
        } else {
            0.0
        };
        let vacuum = j.vacuum_free_ratio < 1.0 && ratio > j.vacuum_free_ratio;
        if vacuum {
            ctx.step(|c| {
                c.execute_batch("VACUUM;")
                    .map_err(|e| Error::db("db-maintenance: VACUUM", e))
            })?;
        }
        let checkpoint = ctx.step(crate::db::checkpoint)?;
        Ok(json!({
            "changed": total > 0 || vacuum,
            "pruned": pruned,
            "pruned_total": total,
            "batch_size": batch,
            "freelist_ratio": (ratio * 1000.0).round() / 1000.0,
            "vacuumed": vacuum,
            "checkpoint": {
                "busy": checkpoint.busy,
                "log_frames": checkpoint.log_frames,
                "checkpointed_frames": checkpoint.checkpointed_frames,
            },
        }))
    }
}

/// Delete rows older than `cutoff`, oldest first, `batch` per unit. Each
/// unit commits its deletions together with the watermark (the last
/// `(time, id)` deleted and the rows deleted so far in this run), so a run
/// stopped at any point has removed only whole batches.
fn prune(ctx: &mut JobContext<'_>, t: &Prune, cutoff: i64, batch: usize) -> Result<u64> {
    let job = ctx.job();
    let key = format!("prune:{}", t.table);
    let sql = format!(
        "DELETE FROM {table} WHERE id IN (
             SELECT id FROM {table} WHERE {time} < ?1{extra} ORDER BY {time}, id LIMIT ?2)
         RETURNING {time}, id",
        table = t.table,
        time = t.time_col,
        extra = t.extra
    );
    let mut total = 0u64;
    loop {
        let now = ctx.now();
        let done = total;
        let n = ctx.unit(|tx| {
            let mut stmt = tx
                .prepare_cached(&sql)
                .map_err(|e| Error::db(format!("{job}: pruning {}", t.table), e))?;
            let rows = stmt
                .query_map(rusqlite::params![cutoff, batch as i64], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })
                .map_err(|e| Error::db(format!("{job}: pruning {}", t.table), e))?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| Error::db(format!("{job}: pruning {}", t.table), e))?;
            let Some(last) = rows.iter().max() else {
                return Ok(0);
            };
            let n = rows.len() as u64;
            save_watermark(
                tx,
                job,
                &key,
                &json!({
                    "cutoff": cutoff,
                    "through_time": last.0,
                    "through_id": last.1,
                    "rows_this_run": done + n,
                }),
                now,
            )?;
            Ok(n)
        })?;
        total += n;
        if (n as usize) < batch {
            return Ok(total);
        }
    }
}
