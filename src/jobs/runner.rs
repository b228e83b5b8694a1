//! Running jobs under the scheduler lock and reading their record: `run`,
//! `run-due`, `list`, `status`, `history`, the `job_runs` rows and run
//! counters, and the textfile metrics after each run. It takes the lock
//! before a job touches anything and releases it on every path; it never
//! prints or exits (signals come back as `Error::Interrupted`).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

use super::lock::{self, Clock, LockHolder, LockOptions, SchedulerLock};
use super::shutdown::{HardExit, HardStop, Shutdown, Supervisor};
use super::{Job, JobContext};
use crate::config::Config;
use crate::db::DbOptions;
use crate::error::{Error, Result};

/// The name `run-due` records its own runs under (health checks read it).
pub const RUN_DUE: &str = "run-due";

/// One row of `job_runs`.
#[derive(Debug, Clone, Serialize)]
pub struct RunRecord {
    pub id: i64,
    pub job: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub status: String,
    pub duration_ms: Option<i64>,
    pub summary: Option<Value>,
    pub error: Option<String>,
    pub holder_id: Option<String>,
}

/// The result of one finished run.
#[derive(Debug, Clone, Serialize)]
pub struct RunOutcome {
    pub id: i64,
    pub job: String,
    pub status: String,
    pub started_at: i64,
    pub finished_at: i64,
    pub duration_ms: i64,
    pub summary: Value,
    pub error: Option<String>,
    pub changed: bool,
}

/// What `run-due` did.
#[derive(Debug, Clone, Serialize)]
pub struct RunDueOutcome {
    /// The run-due run itself.
    pub run: RunOutcome,
    /// The jobs it ran, in order.
    pub runs: Vec<RunOutcome>,
    /// Jobs that were not due, with when they will be.
    pub not_due: Vec<(String, i64)>,
    pub failed: usize,
}

/// A job as `jobs list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct JobInfo {
    pub name: String,
    pub description: String,
    pub interval_s: u64,
    pub last_run: Option<RunRecord>,
    /// Unix seconds; `None` when it has never run (due now).
    pub next_due_at: Option<i64>,
    pub due: bool,
}

/// `jobs status`.
#[derive(Debug, Clone, Serialize)]
pub struct JobsStatus {
    pub holder: Option<LockHolder>,
    pub heartbeat_age_s: Option<i64>,
    pub lock_age_s: Option<i64>,
    pub stale: Option<bool>,
    /// Whether the holder's pid is alive; `None` when it runs on another host.
    pub holder_alive: Option<bool>,
    pub lock_ttl_s: u64,
    pub last_run_due: Option<RunRecord>,
    pub last_successful_run_due: Option<RunRecord>,
    pub recent: Vec<RunRecord>,
}

const RECORD_COLS: &str =
    "id, job, started_at, finished_at, status, duration_ms, summary, error, holder_id";

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunRecord> {
    let summary: Option<String> = r.get(6)?;
    Ok(RunRecord {
        id: r.get(0)?,
        job: r.get(1)?,
        started_at: r.get(2)?,
        finished_at: r.get(3)?,
        status: r.get(4)?,
        duration_ms: r.get(5)?,
        summary: summary.and_then(|s| serde_json::from_str(&s).ok()),
        error: r.get(7)?,
        holder_id: r.get(8)?,
    })
}

/// Runs, newest first, optionally of one job.
pub fn history(conn: &Connection, job: Option<&str>, limit: u32) -> Result<Vec<RunRecord>> {
    let q = |e| Error::db("reading job runs", e);
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {RECORD_COLS} FROM job_runs WHERE (?1 IS NULL OR job = ?1)
             ORDER BY started_at DESC, id DESC LIMIT ?2"
        ))
        .map_err(q)?;
    stmt.query_map(params![job, limit], record)
        .map_err(q)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(q)
}

fn last_where(conn: &Connection, job: &str, cond: &str) -> Result<Option<RunRecord>> {
    conn.query_row(
        &format!(
            "SELECT {RECORD_COLS} FROM job_runs WHERE job = ?1 AND {cond}
             ORDER BY started_at DESC, id DESC LIMIT 1"
        ),
        [job],
        record,
    )
    .optional()
    .map_err(|e| Error::db("reading job runs", e))
}

/// When `job` is next due: its last real attempt (ok or failed) plus its
/// interval. Interrupted and skipped runs do not count, so they are retried.
pub fn next_due(conn: &Connection, job: &str, interval: Duration) -> Result<Option<i64>> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT max(started_at) FROM job_runs WHERE job = ?1 AND status IN ('ok', 'failed')",
            [job],
            |r| r.get(0),
        )
        .map_err(|e| Error::db("reading job runs", e))?;
    Ok(last.map(|t| t.saturating_add(interval.as_secs() as i64)))
}

/// Every registered job with its last run and when it is next due.
pub fn list(conn: &Connection, cfg: &Config, now: i64) -> Result<Vec<JobInfo>> {
    super::registry()
        .iter()
        .map(|j| {
            let interval = j.interval(cfg);
            let next = next_due(conn, j.name(), interval)?;
            Ok(JobInfo {
                name: j.name().into(),
                description: j.description().into(),
                interval_s: interval.as_secs(),
                last_run: last_where(conn, j.name(), "1")?,
                next_due_at: next,
                due: next.is_none_or(|t| now >= t),
            })
        })
        .collect()
}

/// The lock holder, its heartbeat age, run-due's record and recent runs.
pub fn status(conn: &Connection, cfg: &Config, now: i64, recent: u32) -> Result<JobsStatus> {
    let holder = lock::read_holder(conn, lock::LOCK_NAME)?;
    let ttl = cfg.jobs.lock_ttl_s;
    let host = crate::util::hostname();
    Ok(JobsStatus {
        heartbeat_age_s: holder.as_ref().map(|h| h.heartbeat_age(now)),
        lock_age_s: holder.as_ref().map(|h| h.age(now)),
        stale: holder.as_ref().map(|h| h.is_stale(now, ttl as i64)),
        holder_alive: holder
            .as_ref()
            .and_then(|h| (h.hostname == host).then(|| crate::util::pid_alive(h.pid))),
        holder,
        lock_ttl_s: ttl,
        last_run_due: last_where(conn, RUN_DUE, "status <> 'running'")?,
        last_successful_run_due: last_where(conn, RUN_DUE, "status = 'ok'")?,
        recent: history(conn, None, recent)?,
    })
}

fn bump_counter(conn: &Connection, job: &str, status: &str) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO job_counters (job, status, runs) VALUES (?1, ?2, 1)
         ON CONFLICT (job, status) DO UPDATE SET runs = runs + 1",
        params![job, status],
    )
}

/// Runs jobs under the lock. The binary builds one per invocation.
pub struct Runner<'a> {
    pub cfg: &'a Config,
    pub shutdown: Shutdown,
    pub clock: Clock,
    /// How the process ends at once after a second signal; `None` only
    /// interrupts the running statement and waits.
    pub hard_exit: Option<HardExit>,
}

/// What a run under the lock ended with.
struct Ran {
    outcome: RunOutcome,
    error: Option<Error>,
}

impl<'a> Runner<'a> {
    pub fn new(cfg: &'a Config, shutdown: Shutdown) -> Runner<'a> {
        Runner {
            cfg,
            shutdown,
            clock: lock::system_clock(),
            hard_exit: None,
        }
    }

    fn now(&self) -> i64 {
        (self.clock)()
    }

    fn db_options(&self) -> DbOptions {
        DbOptions::from_config(&self.cfg.database)
    }

    /// Run `name` now, due or not, under the lock. A held lock records a
    /// `skipped-locked` run and returns `Error::TryLater`.
    pub fn run_job(&self, conn: &mut Connection, name: &str) -> Result<RunOutcome> {
        let job = super::find(name)?;
        let lock = self.take_lock(conn, job.name())?;
        let (supervisor, in_unit) = self.supervise(conn, &lock)?;
        let ran = self.run_under_lock(conn, job.as_ref(), &lock, in_unit);
        self.end(conn, supervisor, lock)?;
        match ran.error {
            Some(e) => Err(e),
            None => Ok(ran.outcome),
        }
    }

    /// Run every due job in registry order under one lock, recording the
    /// run-due run itself too.
    pub fn run_due(&self, conn: &mut Connection) -> Result<RunDueOutcome> {
        let mut lock = self.take_lock(conn, RUN_DUE)?;
        let (supervisor, in_unit) = self.supervise(conn, &lock)?;
        let started = self.now();
        let t0 = Instant::now();
        let id = self.insert_running(conn, RUN_DUE, started, &lock.holder().holder_id);
        let mut runs = Vec::new();
        let mut not_due = Vec::new();
        let mut stop_error = None;
        let mut failed = 0usize;
        let mut stopped_early = false;
        for job in super::registry() {
            let next = match next_due(conn, job.name(), job.interval(self.cfg)) {
                Ok(n) => n,
                Err(e) => {
                    failed += 1;
                    stop_error = Some(e);
                    break;
                }
            };
            if let Some(t) = next
                && self.now() < t
            {
                not_due.push((job.name().to_string(), t));
                continue;
            }
            if self.shutdown.requested() || lock.is_lost() {
                stopped_early = true;
                break;
            }
            if let Err(e) = lock.set_job(job.name()) {
                failed += 1;
                stop_error = Some(e);
                break;
            }
            let ran = self.run_under_lock(conn, job.as_ref(), &lock, in_unit.clone());
            runs.push(ran.outcome);
            match ran.error {
                Some(e @ Error::Interrupted { .. }) => {
                    stop_error = Some(e);
                    break;
                }
                Some(e) if lock.is_lost() => {
                    failed += 1;
                    stop_error = Some(e);
                    break;
                }
                Some(_) => failed += 1,
                None => {}
            }
        }
        if stopped_early && stop_error.is_none() {
            stop_error = Some(if lock.is_lost() {
                lock.state().lost_error()
            } else {
                self.shutdown.interrupted()
            });
        }
        let status = match &stop_error {
            Some(Error::Interrupted { .. }) => "interrupted",
            _ if failed > 0 || stop_error.is_some() => "failed",
            _ => "ok",
        };
        let changed = runs.iter().any(|r| r.changed);
        let summary = json!({
            "changed": changed,
            "ran": runs.iter().map(|r| json!({"job": r.job, "status": r.status})).collect::<Vec<_>>(),
            "not_due": not_due.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
            "failed": failed,
        });
        let error = stop_error.as_ref().map(|e| e.to_string()).or_else(|| {
            (failed > 0).then(|| {
                format!(
                    "{failed} job(s) failed: {}",
                    runs.iter()
                        .filter(|r| r.status == "failed")
                        .map(|r| r.job.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        });
        let run = self.finish_row(
            conn, id, RUN_DUE, started, t0, status, summary, error, changed,
        );
        self.end(conn, supervisor, lock)?;
        if let Some(e) = stop_error {
            return Err(e);
        }
        Ok(RunDueOutcome {
            run,
            runs,
            not_due,
            failed,
        })
    }

    /// Take the lock for `job`; a held lock is recorded as `skipped-locked`.
    fn take_lock(&self, conn: &Connection, job: &str) -> Result<SchedulerLock> {
        if self.shutdown.requested() {
            return Err(self.shutdown.interrupted());
        }
        let opts = LockOptions::from_config(self.cfg, Some(job), self.clock.clone());
        let lock = match SchedulerLock::acquire(&opts) {
            Ok(l) => l,
            Err(e @ Error::TryLater { .. }) => {
                self.record_skipped(conn, job, &e.to_string());
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        // A signal during acquisition: release at once, do nothing.
        if self.shutdown.requested() {
            drop(lock);
            return Err(self.shutdown.interrupted());
        }
        Ok(lock)
    }

    fn supervise(
        &self,
        conn: &Connection,
        lock: &SchedulerLock,
    ) -> Result<(Supervisor, Arc<AtomicBool>)> {
        let in_unit = Arc::new(AtomicBool::new(false));
        let hard = self.hard_exit.clone().map(|exit| HardStop {
            db: self.db_options(),
            lock_name: lock.name().to_string(),
            holder_id: lock.holder().holder_id.clone(),
            exit,
        });
        let sup = Supervisor::start(
            self.shutdown.clone(),
            Duration::from_secs(self.cfg.jobs.grace_s),
            Arc::new(conn.get_interrupt_handle()),
            in_unit.clone(),
            hard,
        )?;
        Ok((sup, in_unit))
    }

    /// Stop supervising, release the lock, log the shutdown, write metrics.
    fn end(&self, conn: &Connection, supervisor: Supervisor, lock: SchedulerLock) -> Result<()> {
        let timed_out = supervisor.finish();
        if self.shutdown.requested() && !timed_out {
            tracing::info!(
                event = "pending_tasks_completed",
                component = "scheduler",
                duration_ms = self.shutdown.since().unwrap_or_default().as_millis() as u64,
            );
        }
        let released = lock.release();
        if self.shutdown.requested() {
            tracing::warn!(
                event = "bangui_shut_down",
                component = "shutdown",
                duration_ms = self.shutdown.since().unwrap_or_default().as_millis() as u64,
            );
        }
        self.write_metrics(conn);
        released.map(|_| ())
    }

    fn write_metrics(&self, conn: &Connection) {
        let Some(dir) = &self.cfg.jobs.textfile_dir else {
            return;
        };
        if let Err(e) = super::metrics::write_textfile(conn, dir) {
            tracing::warn!(
                event = "metrics_textfile_failed",
                component = "scheduler",
                error = %e,
            );
        }
    }

    fn record_skipped(&self, conn: &Connection, job: &str, why: &str) {
        let now = self.now();
        let r = conn
            .execute(
                "INSERT INTO job_runs (job, started_at, finished_at, status, duration_ms, error)
                 VALUES (?1, ?2, ?2, 'skipped-locked', 0, ?3)",
                params![job, now, why],
            )
            .and_then(|_| bump_counter(conn, job, "skipped-locked"));
        if let Err(e) = r {
            tracing::warn!(event = "job_run_record_failed", component = "scheduler", job, error = %e);
        }
        self.write_metrics(conn);
    }

    /// The `running` row; a failure to write it is logged, not fatal (the
    /// outcome is still returned), and yields id 0.
    fn insert_running(&self, conn: &Connection, job: &str, started: i64, holder: &str) -> i64 {
        match conn.execute(
            "INSERT INTO job_runs (job, started_at, status, holder_id) VALUES (?1, ?2, 'running', ?3)",
            params![job, started, holder],
        ) {
            Ok(_) => conn.last_insert_rowid(),
            Err(e) => {
                tracing::warn!(event = "job_run_record_failed", component = "scheduler", job, error = %e);
                0
            }
        }
    }

    fn run_under_lock(
        &self,
        conn: &mut Connection,
        job: &dyn Job,
        lock: &SchedulerLock,
        in_unit: Arc<AtomicBool>,
    ) -> Ran {
        let name = job.name();
        let started = self.now();
        let t0 = Instant::now();
        let id = self.insert_running(conn, name, started, &lock.holder().holder_id);
        tracing::info!(
            event = "job_started",
            component = "scheduler",
            job = name,
            run_id = id
        );
        let (result, notes) = {
            let mut ctx = JobContext::new(
                conn,
                self.cfg,
                name,
                lock,
                self.shutdown.clone(),
                self.clock.clone(),
                in_unit,
            );
            let r = job.run(&mut ctx);
            (r, ctx.take_notes())
        };
        let (status, summary, error) = match result {
            Ok(summary) => ("ok", summary, None),
            Err(e) => {
                let e = if self.shutdown.requested() {
                    self.shutdown.interrupted()
                } else if lock.is_lost() {
                    lock.state().lost_error()
                } else {
                    e
                };
                let status = if matches!(e, Error::Interrupted { .. }) {
                    "interrupted"
                } else {
                    "failed"
                };
                (status, notes, Some(e))
            }
        };
        let changed = summary
            .get("changed")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let outcome = self.finish_row(
            conn,
            id,
            name,
            started,
            t0,
            status,
            summary,
            error.as_ref().map(|e| e.to_string()),
            changed,
        );
        let duration_ms = outcome.duration_ms;
        match &error {
            None => tracing::info!(
                event = "job_completed",
                component = "scheduler",
                job = name,
                status,
                duration_ms
            ),
            Some(e) => tracing::warn!(
                event = "job_completed",
                component = "scheduler",
                job = name,
                status,
                duration_ms,
                error = %e
            ),
        }
        Ran { outcome, error }
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_row(
        &self,
        conn: &Connection,
        id: i64,
        job: &str,
        started: i64,
        t0: Instant,
        status: &str,
        summary: Value,
        error: Option<String>,
        changed: bool,
    ) -> RunOutcome {
        let finished = self.now();
        let duration_ms = t0.elapsed().as_millis() as i64;
        let write = || -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            if id > 0 {
                tx.execute(
                    "UPDATE job_runs SET status = ?2, finished_at = ?3, duration_ms = ?4,
                         summary = ?5, error = ?6
                     WHERE id = ?1",
                    params![
                        id,
                        status,
                        finished,
                        duration_ms,
                        summary.to_string(),
                        error
                    ],
                )?;
            }
            bump_counter(&tx, job, status)?;
            tx.commit()
        };
        // The supervisor may have interrupted a statement just as the job
        // ended; one retry covers that.
        if let Err(e) = write().or_else(|_| write()) {
            tracing::warn!(event = "job_run_record_failed", component = "scheduler", job, error = %e);
        }
        RunOutcome {
            id,
            job: job.to_string(),
            status: status.to_string(),
            started_at: started,
            finished_at: finished,
            duration_ms,
            summary,
            error,
            changed,
        }
    }
}

/// `jobs unlock --force` on this host.
pub fn force_unlock(conn: &mut Connection, now: i64) -> Result<lock::UnlockOutcome> {
    lock::force_unlock(
        conn,
        lock::LOCK_NAME,
        &crate::util::hostname(),
        crate::util::pid_alive,
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_config(dir: &std::path::Path, extra: &str) -> Config {
        let file = dir.join("bangui.toml");
        std::fs::write(
            &file,
            format!(
                "[database]\npath = \"{}\"\nbusy_timeout_ms = 2000\n[jobs]\nheartbeat = 1\nlock_ttl = 3\ngrace = 1\n{extra}",
                dir.join("b.db").display()
            ),
        )
        .unwrap();
        let overrides = crate::config::Overrides {
            config_path: Some(file),
            ..Default::default()
        };
        crate::config::load(&Default::default(), &overrides, &Default::default()).unwrap()
    }

    fn seed_audit(conn: &Connection, n: i64, at: i64) {
        conn.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?1)
             INSERT INTO audit_log (at, actor, command, outcome) SELECT ?2 + x, 't', 'ban', 'ok' FROM c",
            params![n, at],
        )
        .unwrap();
    }

    #[test]
    fn run_records_ok_and_prunes_in_batches_with_a_watermark() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = test_config(
            dir.path(),
            "maintenance_batch_size = 100\naudit_retention = \"1d\"\n",
        );
        let mut conn = crate::db::open(&DbOptions::from_config(&cfg.database)).unwrap();
        seed_audit(&conn, 250, 1000);
        seed_audit(&conn, 5, crate::util::now_unix());
        let runner = Runner::new(&cfg, Shutdown::new());
        let out = runner.run_job(&mut conn, "db-maintenance").unwrap();
        assert_eq!(out.status, "ok");
        assert!(out.changed);
        assert_eq!(out.summary["pruned"]["audit_log"], 250);
        assert_eq!(out.summary["pruned"]["ban_history"], Value::Null);
        let left: i64 = conn
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 5);
        let wm = crate::jobs::read_watermark(&conn, "db-maintenance", "prune:audit_log")
            .unwrap()
            .unwrap();
        assert_eq!(wm["rows_this_run"], 250);
        assert_eq!(wm["through_id"], 250);
        // The lock is gone and the run is recorded; a second run is a no-op.
        assert!(lock::read_holder(&conn, lock::LOCK_NAME).unwrap().is_none());
        let again = runner.run_job(&mut conn, "db-maintenance").unwrap();
        assert!(!again.changed);
        let h = history(&conn, Some("db-maintenance"), 10).unwrap();
        assert_eq!(h.len(), 2);
        assert!(
            h.iter()
                .all(|r| r.status == "ok" && r.duration_ms.is_some())
        );
        // Not due any more until its interval passes.
        let l = list(&conn, &cfg, crate::util::now_unix()).unwrap();
        let maint = l.iter().find(|j| j.name == "db-maintenance").unwrap();
        assert!(!maint.due);
    }

    #[test]
    fn held_lock_is_75_and_recorded_as_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = test_config(dir.path(), "");
        let mut conn = crate::db::open(&DbOptions::from_config(&cfg.database)).unwrap();
        let other = LockHolder {
            holder_id: "other".into(),
            pid: 1,
            hostname: "elsewhere".into(),
            acquired_at: 0,
            heartbeat_at: 0,
            job: None,
        };
        let now = crate::util::now_unix();
        lock::try_acquire(&mut conn, lock::LOCK_NAME, &other, 3, now).unwrap();
        let runner = Runner::new(&cfg, Shutdown::new());
        let e = runner.run_job(&mut conn, "db-maintenance").unwrap_err();
        assert_eq!(e.exit_code(), 75);
        assert!(e.to_string().contains("elsewhere"), "{e}");
        let e = runner.run_due(&mut conn).unwrap_err();
        assert_eq!(e.exit_code(), 75);
        let h = history(&conn, None, 10).unwrap();
        assert_eq!(h.len(), 2);
        assert!(h.iter().all(|r| r.status == "skipped-locked"));
        let st = status(&conn, &cfg, now, 5).unwrap();
        assert_eq!(st.holder.unwrap().holder_id, "other");
        assert_eq!(st.holder_alive, None);
    }

    /// A job whose one unit runs far longer than the grace period.
    struct Stubborn;
    impl Job for Stubborn {
        fn name(&self) -> &'static str {
            "stubborn"
        }
        fn description(&self) -> &'static str {
            "test"
        }
        fn interval(&self, _: &Config) -> Duration {
            Duration::from_secs(1)
        }
        fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
            ctx.unit(|tx| {
                tx.execute(
                    "INSERT INTO audit_log (at, actor, command, outcome) VALUES (1, 'x', 'partial', 'ok')",
                    [],
                )
                .map_err(|e| Error::db("t", e))?;
                tx.query_row(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(|e| Error::db("t", e))?;
                Ok(())
            })?;
            Ok(json!({"changed": true}))
        }
    }

    #[test]
    fn grace_period_abandons_the_unit_and_rolls_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = test_config(dir.path(), "");
        let mut conn = crate::db::open(&DbOptions::from_config(&cfg.database)).unwrap();
        let shutdown = Shutdown::new();
        let runner = Runner::new(&cfg, shutdown.clone());
        let lock = runner.take_lock(&conn, "stubborn").unwrap();
        let (sup, in_unit) = runner.supervise(&conn, &lock).unwrap();
        let s2 = shutdown.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            s2.notify(signal_hook::consts::SIGTERM);
        });
        let t0 = Instant::now();
        let ran = runner.run_under_lock(&mut conn, &Stubborn, &lock, in_unit);
        runner.end(&conn, sup, lock).unwrap();
        // grace = 1 s after the signal at 0.3 s.
        assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
        assert_eq!(ran.outcome.status, "interrupted");
        assert_eq!(ran.error.unwrap().exit_code(), 143);
        let partial: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE command = 'partial'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0, "the abandoned unit was rolled back");
        assert!(lock::read_holder(&conn, lock::LOCK_NAME).unwrap().is_none());
        let h = history(&conn, Some("stubborn"), 1).unwrap();
        assert_eq!(h[0].status, "interrupted");
    }

    #[test]
    fn unknown_job_is_a_config_error_naming_the_jobs() {
        let Err(e) = crate::jobs::find("nope") else {
            panic!("found a job called nope")
        };
        assert_eq!(e.exit_code(), 78);
        assert!(e.to_string().contains("db-maintenance"));
    }
}
