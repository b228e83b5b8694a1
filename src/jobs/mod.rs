//! Scheduled work: the `Job` trait, the context a job runs in, and the
//! registry of jobs. Jobs are one-shot, idempotent, and write in bounded
//! units (each committed together with its watermark) so that a stop at any
//! point leaves only whole units behind. Nothing here prints or exits.
//!
//! Registering a job is one line in [`registry`]: implement [`Job`] in the
//! subsystem's module and add `Box::new(that::TheJob)` at its place in the
//! order.

pub mod lock;
pub mod maintenance;
pub mod metrics;
pub mod runner;
pub mod shutdown;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde_json::Value;

use crate::config::Config;
use crate::error::{Error, Result};

pub use lock::{Clock, LockHolder, SchedulerLock, system_clock};
pub use runner::{JobInfo, JobsStatus, RunDueOutcome, RunOutcome, RunRecord, Runner};
pub use shutdown::{HardExit, Shutdown, SignalListener};

/// A named unit of scheduled work.
///
/// `run` must be idempotent (a second run finds little to do), must call
/// [`JobContext::checkpoint`] (or use [`JobContext::unit`], which does)
/// between bounded units of work, and must write only inside units, so that
/// shutdown and lock loss stop it at a safe point. It returns a JSON summary
/// (an object; by convention with a `changed` boolean) stored in `job_runs`.
pub trait Job: Send + Sync {
    /// The name used on the command line and in `job_runs`.
    fn name(&self) -> &'static str;
    /// One line for `jobs list`.
    fn description(&self) -> &'static str;
    /// How often `run-due` runs it.
    fn interval(&self, cfg: &Config) -> Duration;
    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value>;
}

/// Every job this build has, in the order `run-due` runs them.
pub fn registry() -> Vec<Box<dyn Job>> {
    vec![
        Box::new(crate::blocklist::job::NftRestore),
        Box::new(crate::blocklist::job::BlocklistImport),
        Box::new(crate::history::job::HistorySync),
        Box::new(crate::insight::ExpireBans),
        Box::new(crate::fleet::job::FleetPush),
        Box::new(crate::geo::job::GeoRefresh),
        Box::new(crate::geo::job::GeoCleanup),
        Box::new(crate::enforce::job::VerifyJob),
        Box::new(maintenance::DbMaintenance),
    ]
}

/// The registered job called `name`.
pub fn find(name: &str) -> Result<Box<dyn Job>> {
    let mut all = registry();
    match all.iter().position(|j| j.name() == name) {
        Some(i) => Ok(all.swap_remove(i)),
        None => Err(Error::config(format!(
            "unknown job '{}'; jobs: {}",
            crate::util::sanitize(name),
            registry()
                .iter()
                .map(|j| j.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The pause after each committed unit: a quarter of the unit's time, within
/// these bounds.
const UNIT_PAUSE_MIN: Duration = Duration::from_millis(1);
const UNIT_PAUSE_MAX: Duration = Duration::from_millis(50);

/// What a running job may use: its database connection, the configuration,
/// the clock, and the safe points where it stops on shutdown or lock loss.
pub struct JobContext<'a> {
    conn: &'a mut Connection,
    cfg: &'a Config,
    job: &'static str,
    lock_name: String,
    holder_id: String,
    lock_state: Arc<lock::LockState>,
    shutdown: Shutdown,
    clock: Clock,
    in_unit: Arc<AtomicBool>,
    notes: serde_json::Map<String, Value>,
    units: u64,
}

impl<'a> JobContext<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        conn: &'a mut Connection,
        cfg: &'a Config,
        job: &'static str,
        lock: &SchedulerLock,
        shutdown: Shutdown,
        clock: Clock,
        in_unit: Arc<AtomicBool>,
    ) -> JobContext<'a> {
        JobContext {
            conn,
            cfg,
            job,
            lock_name: lock.name().to_string(),
            holder_id: lock.holder().holder_id.clone(),
            lock_state: lock.state(),
            shutdown,
            clock,
            in_unit,
            notes: serde_json::Map::new(),
            units: 0,
        }
    }

    pub fn config(&self) -> &Config {
        self.cfg
    }

    pub fn job(&self) -> &'static str {
        self.job
    }

    /// Unix seconds, from the injected clock.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// The job's connection, for reads outside units.
    pub fn conn(&self) -> &Connection {
        self.conn
    }

    /// The connection for subsystems that commit their own bounded batches
    /// (each with its watermark) and ask [`JobContext::stopper`] between them.
    pub fn conn_mut(&mut self) -> &mut Connection {
        self.conn
    }

    /// A `should_stop` check that outlives a borrow of the context, for
    /// library calls that take the connection mutably.
    pub fn stopper(&self) -> impl Fn() -> bool + Send + Sync + 'static {
        let shutdown = self.shutdown.clone();
        let lock = self.lock_state.clone();
        move || shutdown.requested() || lock.is_lost()
    }

    /// Whether the job should stop at this safe point (signal or lost lock).
    pub fn should_stop(&self) -> bool {
        self.shutdown.requested() || self.lock_state.is_lost()
    }

    /// A safe point: Ok to go on, or the error the job must return now
    /// (`Error::Interrupted` on a signal; a failure when the lock was lost).
    pub fn checkpoint(&self) -> Result<()> {
        if self.lock_state.is_lost() {
            return Err(self.lock_state.lost_error());
        }
        if self.shutdown.requested() {
            return Err(self.shutdown.interrupted());
        }
        Ok(())
    }

    /// Units committed so far in this run.
    pub fn units(&self) -> u64 {
        self.units
    }

    /// Remember a progress figure; it becomes the summary of a run that stops
    /// before it can return its own.
    pub fn note(&mut self, key: &str, value: impl Into<Value>) {
        self.notes.insert(key.to_string(), value.into());
    }

    pub(crate) fn take_notes(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.notes))
    }

    /// One bounded unit of work: a safe point, then `f` inside an IMMEDIATE
    /// transaction, then a check that the lock is still ours, then commit.
    /// Anything that fails (or is interrupted) rolls the whole unit back.
    /// Save the unit's watermark inside `f` with [`save_watermark`].
    pub fn unit<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.checkpoint()?;
        self.lock_state.yield_to_heartbeat();
        let _busy = UnitFlag::set(&self.in_unit);
        let started = Instant::now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::db(format!("{}: starting a unit", self.job), e))?;
        let out = f(&tx)?;
        // Fence: the lock row is checked inside the write transaction, so no
        // other run can have taken over between this check and the commit.
        if !lock::still_held(&tx, &self.lock_name, &self.holder_id)? {
            self.lock_state
                .lose("the lock row was removed or taken over by another run");
            return Err(self.lock_state.lost_error());
        }
        tx.commit()
            .map_err(|e| Error::db(format!("{}: committing a unit", self.job), e))?;
        self.units += 1;
        // Leave the write lock free for a moment so other processes' writers
        // (a skipped run recording itself, an operator's command) get in
        // between back-to-back batches.
        std::thread::sleep((started.elapsed() / 4).clamp(UNIT_PAUSE_MIN, UNIT_PAUSE_MAX));
        Ok(out)
    }

    /// A unit that cannot run inside a transaction (VACUUM, checkpoints):
    /// a safe point, then `f` on the bare connection.
    pub fn step<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.checkpoint()?;
        self.lock_state.yield_to_heartbeat();
        let _busy = UnitFlag::set(&self.in_unit);
        let out = f(self.conn)?;
        self.units += 1;
        Ok(out)
    }

    /// The watermark this job saved under `key`, if any.
    pub fn watermark(&self, key: &str) -> Result<Option<Value>> {
        read_watermark(self.conn, self.job, key)
    }
}

/// Save a watermark inside a unit, so it commits with the unit's data.
pub fn save_watermark(
    tx: &Transaction<'_>,
    job: &str,
    key: &str,
    value: &Value,
    now: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO job_state (job, key, value, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (job, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![job, key, value.to_string(), now],
    )
    .map_err(|e| Error::db(format!("{job}: saving watermark {key}"), e))?;
    Ok(())
}

pub fn read_watermark(conn: &Connection, job: &str, key: &str) -> Result<Option<Value>> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM job_state WHERE job = ?1 AND key = ?2",
            params![job, key],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::db(format!("{job}: reading watermark {key}"), e))?;
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
}

/// Marks "a unit is in progress" for the shutdown logs while alive.
struct UnitFlag<'f>(&'f AtomicBool);

impl<'f> UnitFlag<'f> {
    fn set(flag: &'f AtomicBool) -> UnitFlag<'f> {
        flag.store(true, Ordering::SeqCst);
        UnitFlag(flag)
    }
}

impl Drop for UnitFlag<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}
