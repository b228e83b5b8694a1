//! The scheduler lock: one row in `scheduler_lock`, inserted inside an
//! IMMEDIATE transaction, kept alive by a heartbeat thread on its own
//! connection, and released on every exit path (explicitly or by `Drop`).
//! It never runs jobs, never prints and never decides an exit code: a live
//! holder is reported as `Error::TryLater` (75).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use crate::db::{self, DbOptions};
use crate::error::{Error, Result};

/// The one lock every scheduled run takes.
pub const LOCK_NAME: &str = "scheduler";

/// Unix seconds; injected so lock maths can be tested without waiting.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(crate::util::now_unix)
}

/// A row of `scheduler_lock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockHolder {
    pub holder_id: String,
    pub pid: i64,
    pub hostname: String,
    pub acquired_at: i64,
    pub heartbeat_at: i64,
    pub job: Option<String>,
}

impl LockHolder {
    /// Seconds since the last heartbeat.
    pub fn heartbeat_age(&self, now: i64) -> i64 {
        (now - self.heartbeat_at).max(0)
    }

    /// Seconds since the lock was taken.
    pub fn age(&self, now: i64) -> i64 {
        (now - self.acquired_at).max(0)
    }

    /// A row whose heartbeat is older than the TTL belongs to nobody.
    pub fn is_stale(&self, now: i64, ttl_s: i64) -> bool {
        now - self.heartbeat_at > ttl_s
    }

    /// "pid 123 on host web1 for 42s (job db-maintenance, heartbeat 3s ago)".
    pub fn describe(&self, now: i64) -> String {
        format!(
            "pid {} on host {} for {}s (job {}, heartbeat {}s ago)",
            self.pid,
            crate::util::sanitize(&self.hostname),
            self.age(now),
            self.job.as_deref().unwrap_or("-"),
            self.heartbeat_age(now)
        )
    }
}

/// A fresh holder id, unique per run: 128 random bits from the kernel, with a
/// pid/time/counter fallback when /dev/urandom cannot be read.
pub fn new_holder_id() -> String {
    use std::io::Read;
    let mut buf = [0u8; 16];
    let random = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if random {
        return buf.iter().map(|b| format!("{b:02x}")).collect();
    }
    static SEQ: AtomicI64 = AtomicI64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{:x}-{nanos:x}-{:x}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    )
}

/// The current holder of lock `name`, if any.
pub fn read_holder(conn: &Connection, name: &str) -> Result<Option<LockHolder>> {
    read_holder_raw(conn, name).map_err(|e| Error::db("reading the scheduler lock", e))
}

fn read_holder_raw(conn: &Connection, name: &str) -> rusqlite::Result<Option<LockHolder>> {
    conn.query_row(
        "SELECT holder_id, pid, hostname, acquired_at, heartbeat_at, job
         FROM scheduler_lock WHERE name = ?1",
        [name],
        |r| {
            Ok(LockHolder {
                holder_id: r.get(0)?,
                pid: r.get(1)?,
                hostname: r.get(2)?,
                acquired_at: r.get(3)?,
                heartbeat_at: r.get(4)?,
                job: r.get(5)?,
            })
        },
    )
    .optional()
}

/// What one acquisition attempt found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The row is ours; `stale_removed` is the dead holder it replaced.
    Acquired { stale_removed: Option<LockHolder> },
    /// Someone else holds a live lock.
    Held(LockHolder),
}

/// One attempt, all inside one IMMEDIATE transaction: read the row, remove it
/// when stale (marking that holder's unfinished runs interrupted), insert
/// ours. SQLITE_BUSY comes back as the raw error so the caller can retry.
///
/// A live holder is first looked for with a plain read, which never waits in
/// WAL mode: a run that cannot get the lock answers 75 at once instead of
/// queueing for the write lock behind the holder's batches.
pub fn try_acquire(
    conn: &mut Connection,
    name: &str,
    me: &LockHolder,
    ttl_s: i64,
    now: i64,
) -> rusqlite::Result<Attempt> {
    if let Some(h) = read_holder_raw(conn, name)?
        && !h.is_stale(now, ttl_s)
    {
        return Ok(Attempt::Held(h));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = read_holder_raw(&tx, name)?;
    let mut stale_removed = None;
    if let Some(h) = current {
        if !h.is_stale(now, ttl_s) {
            tx.rollback()?;
            return Ok(Attempt::Held(h));
        }
        tx.execute(
            "DELETE FROM scheduler_lock WHERE name = ?1 AND holder_id = ?2",
            params![name, h.holder_id],
        )?;
        tx.execute(
            "UPDATE job_runs SET status = 'interrupted', finished_at = ?2,
                 error = ?3
             WHERE holder_id = ?1 AND status = 'running'",
            params![
                h.holder_id,
                now,
                format!(
                    "the run vanished (pid {} on {}); its stale lock was taken over",
                    h.pid, h.hostname
                )
            ],
        )?;
        stale_removed = Some(h);
    }
    tx.execute(
        "INSERT INTO scheduler_lock (name, holder_id, pid, hostname, acquired_at, heartbeat_at, job)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![name, me.holder_id, me.pid, me.hostname, now, me.job],
    )?;
    tx.commit()?;
    Ok(Attempt::Acquired { stale_removed })
}

/// Move our heartbeat forward. False when the row is gone or not ours.
pub fn beat(conn: &Connection, name: &str, holder_id: &str, now: i64) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE scheduler_lock SET heartbeat_at = ?3 WHERE name = ?1 AND holder_id = ?2",
        params![name, holder_id, now],
    )?;
    Ok(n == 1)
}

/// Delete our row. False when it was already gone.
pub fn release_row(conn: &Connection, name: &str, holder_id: &str) -> Result<bool> {
    conn.execute(
        "DELETE FROM scheduler_lock WHERE name = ?1 AND holder_id = ?2",
        params![name, holder_id],
    )
    .map(|n| n == 1)
    .map_err(|e| Error::db("releasing the scheduler lock", e))
}

/// Whether the row is still ours: checked inside a job's write transaction
/// before it commits, so a run that lost its lock never commits a batch.
pub fn still_held(conn: &Connection, name: &str, holder_id: &str) -> Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM scheduler_lock WHERE name = ?1 AND holder_id = ?2",
        params![name, holder_id],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n == 1)
    .map_err(|e| Error::db("checking the scheduler lock", e))
}

/// What `jobs unlock --force` did.
#[derive(Debug, Clone, Serialize)]
pub struct UnlockOutcome {
    pub removed: Option<LockHolder>,
    pub changed: bool,
}

/// Remove the lock row for an operator. Refuses (75) when the holder runs on
/// this host and its pid is alive; a holder on another host cannot be
/// checked, so the operator's `--force` decides.
pub fn force_unlock(
    conn: &mut Connection,
    name: &str,
    this_host: &str,
    pid_alive: impl Fn(i64) -> bool,
    now: i64,
) -> Result<UnlockOutcome> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::db("locking the database to remove the scheduler lock", e))?;
    let Some(h) = read_holder(&tx, name)? else {
        return Ok(UnlockOutcome {
            removed: None,
            changed: false,
        });
    };
    if h.hostname == this_host && pid_alive(h.pid) {
        return Err(Error::try_later(format!(
            "refusing to remove the scheduler lock: it is held by a live process, {}; stop that process (kill {}) or wait for it",
            h.describe(now),
            h.pid
        )));
    }
    tx.execute(
        "DELETE FROM scheduler_lock WHERE name = ?1 AND holder_id = ?2",
        params![name, h.holder_id],
    )
    .map_err(|e| Error::db("removing the scheduler lock", e))?;
    tx.execute(
        "UPDATE job_runs SET status = 'interrupted', finished_at = ?2,
             error = 'the lock was removed by jobs unlock --force'
         WHERE holder_id = ?1 AND status = 'running'",
        params![h.holder_id, now],
    )
    .map_err(|e| Error::db("closing the removed holder's runs", e))?;
    tx.commit()
        .map_err(|e| Error::db("removing the scheduler lock", e))?;
    tracing::warn!(
        event = "scheduler_lock_force_removed",
        component = "scheduler",
        holder_id = %h.holder_id,
        pid = h.pid,
        hostname = %h.hostname,
        "scheduler lock removed by an operator"
    );
    Ok(UnlockOutcome {
        removed: Some(h),
        changed: true,
    })
}

/// Whether a lock is still ours, as the heartbeat thread and the fence see it.
#[derive(Debug, Default)]
pub struct LockState {
    lost: AtomicBool,
    reason: Mutex<Option<String>>,
    last_beat: AtomicI64,
    /// The heartbeat is waiting for the write lock: units hold off starting
    /// a transaction until it is through (SQLite's busy handler is not fair,
    /// and back-to-back batches would starve it).
    beat_pending: AtomicBool,
}

/// The longest a unit waits for a pending heartbeat before going on anyway.
const MAX_BEAT_WAIT: Duration = Duration::from_secs(2);

impl LockState {
    /// Called by a job before it starts a write: let a pending beat go first.
    pub fn yield_to_heartbeat(&self) {
        let started = Instant::now();
        while self.beat_pending.load(Ordering::SeqCst) && started.elapsed() < MAX_BEAT_WAIT {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::SeqCst)
    }

    pub fn reason(&self) -> String {
        self.reason
            .lock()
            .ok()
            .and_then(|r| r.clone())
            .unwrap_or_else(|| "the scheduler lock was lost".into())
    }

    pub fn lose(&self, reason: impl Into<String>) {
        if let Ok(mut r) = self.reason.lock()
            && r.is_none()
        {
            *r = Some(reason.into());
        }
        self.lost.store(true, Ordering::SeqCst);
    }

    /// Unix seconds of the last successful heartbeat (or the acquisition).
    pub fn last_beat(&self) -> i64 {
        self.last_beat.load(Ordering::SeqCst)
    }

    /// The error a job returns when it stops because the lock is gone.
    pub fn lost_error(&self) -> Error {
        Error::Other(format!(
            "scheduler lock lost: {}; the run stopped at a safe point",
            self.reason()
        ))
    }
}

/// How to take the lock.
#[derive(Clone)]
pub struct LockOptions {
    pub db: DbOptions,
    pub name: String,
    pub heartbeat: Duration,
    pub ttl_s: i64,
    /// The job (or `run-due`) shown in `jobs status`.
    pub job: Option<String>,
    pub clock: Clock,
}

impl LockOptions {
    pub fn from_config(cfg: &crate::config::Config, job: Option<&str>, clock: Clock) -> Self {
        LockOptions {
            db: DbOptions::from_config(&cfg.database),
            name: LOCK_NAME.into(),
            heartbeat: Duration::from_secs(cfg.jobs.heartbeat_s.max(1)),
            ttl_s: cfg.jobs.lock_ttl_s as i64,
            job: job.map(str::to_string),
            clock,
        }
    }
}

struct Heartbeat {
    stop: Arc<(Mutex<bool>, Condvar)>,
    handle: Option<JoinHandle<()>>,
}

impl Heartbeat {
    fn stop(&mut self) {
        let (m, cv) = &*self.stop;
        if let Ok(mut s) = m.lock() {
            *s = true;
        }
        cv.notify_all();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// A held scheduler lock. Dropping it releases it.
pub struct SchedulerLock {
    conn: Connection,
    name: String,
    holder: LockHolder,
    state: Arc<LockState>,
    heartbeat: Option<Heartbeat>,
    acquired: Instant,
    released: bool,
}

impl std::fmt::Debug for SchedulerLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchedulerLock")
            .field("name", &self.name)
            .field("holder", &self.holder)
            .finish()
    }
}

/// SQLITE_BUSY / SQLITE_LOCKED: another connection holds the write lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl SchedulerLock {
    /// Take the lock or report who holds it (75). SQLITE_BUSY is retried until
    /// the database busy timeout has passed, then reported as 75 too.
    pub fn acquire(opts: &LockOptions) -> Result<SchedulerLock> {
        let started = Instant::now();
        let mut conn = db::open_raw(&opts.db)?;
        // Short waits inside SQLite; the loop below owns the overall budget.
        let step = opts.db.busy_timeout.min(Duration::from_millis(200));
        conn.busy_timeout(step)
            .map_err(|e| Error::db("configuring the lock connection", e))?;
        let me = LockHolder {
            holder_id: new_holder_id(),
            pid: std::process::id() as i64,
            hostname: crate::util::hostname(),
            acquired_at: 0,
            heartbeat_at: 0,
            job: opts.job.clone(),
        };
        let mut attempts = 0u32;
        let now = loop {
            attempts += 1;
            let now = (opts.clock)();
            match try_acquire(&mut conn, &opts.name, &me, opts.ttl_s, now) {
                Ok(Attempt::Acquired { stale_removed }) => {
                    if let Some(old) = stale_removed {
                        tracing::warn!(
                            event = "scheduler_lock_stale_removed",
                            component = "scheduler",
                            holder_id = %old.holder_id,
                            pid = old.pid,
                            hostname = %old.hostname,
                            job = old.job.as_deref().unwrap_or("-"),
                            heartbeat_age_s = old.heartbeat_age(now),
                            ttl_s = opts.ttl_s,
                            "removed a stale scheduler lock: {}",
                            old.describe(now)
                        );
                    }
                    break now;
                }
                Ok(Attempt::Held(h)) => {
                    tracing::info!(
                        event = "scheduler_lock_held_by_other_instance",
                        component = "scheduler",
                        holder_id = %h.holder_id,
                        pid = h.pid,
                        hostname = %h.hostname,
                        job = h.job.as_deref().unwrap_or("-"),
                        age_s = h.age(now),
                        heartbeat_age_s = h.heartbeat_age(now),
                    );
                    return Err(Error::try_later(format!(
                        "the scheduler lock is held by {}; try again later",
                        h.describe(now)
                    )));
                }
                Err(e) if is_busy(&e) => {
                    if started.elapsed() >= opts.db.busy_timeout {
                        return Err(Error::try_later(format!(
                            "the database stayed busy for {} ms while taking the scheduler lock ({attempts} attempts); try again later",
                            started.elapsed().as_millis()
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(Error::db("taking the scheduler lock", e)),
            }
        };
        let holder = LockHolder {
            acquired_at: now,
            heartbeat_at: now,
            ..me
        };
        let state = Arc::new(LockState::default());
        state.last_beat.store(now, Ordering::SeqCst);
        tracing::info!(
            event = "scheduler_lock_acquired",
            component = "scheduler",
            holder_id = %holder.holder_id,
            pid = holder.pid,
            hostname = %holder.hostname,
            job = holder.job.as_deref().unwrap_or("-"),
            duration_ms = started.elapsed().as_millis() as u64,
        );
        let mut lock = SchedulerLock {
            conn,
            name: opts.name.clone(),
            holder,
            state,
            heartbeat: None,
            acquired: Instant::now(),
            released: false,
        };
        // Restore the normal busy timeout for release and job-column updates.
        let _ = lock.conn.busy_timeout(opts.db.busy_timeout);
        lock.heartbeat = Some(lock.start_heartbeat(opts)?);
        Ok(lock)
    }

    fn start_heartbeat(&self, opts: &LockOptions) -> Result<Heartbeat> {
        let conn = db::open_raw(&opts.db)?;
        // A beat that waits longer than its own interval is a failed beat.
        conn.busy_timeout(opts.heartbeat)
            .map_err(|e| Error::db("configuring the heartbeat connection", e))?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let ctx = HeartbeatCtx {
            conn,
            name: self.name.clone(),
            holder_id: self.holder.holder_id.clone(),
            every: opts.heartbeat,
            ttl_s: opts.ttl_s,
            clock: opts.clock.clone(),
            state: self.state.clone(),
            stop: stop.clone(),
        };
        let handle = std::thread::Builder::new()
            .name("bangui-heartbeat".into())
            .spawn(move || ctx.run())
            .map_err(|e| Error::Io {
                context: "starting the heartbeat thread".into(),
                source: e,
            })?;
        Ok(Heartbeat {
            stop,
            handle: Some(handle),
        })
    }

    pub fn holder(&self) -> &LockHolder {
        &self.holder
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn state(&self) -> Arc<LockState> {
        self.state.clone()
    }

    pub fn is_lost(&self) -> bool {
        self.state.is_lost()
    }

    /// Record which job runs under the lock now (shown by `jobs status`).
    pub fn set_job(&mut self, job: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE scheduler_lock SET job = ?3 WHERE name = ?1 AND holder_id = ?2",
                params![self.name, self.holder.holder_id, job],
            )
            .map_err(|e| Error::db("updating the scheduler lock", e))?;
        self.holder.job = Some(job.to_string());
        Ok(())
    }

    /// Stop the heartbeat and delete our row. True when the row was ours.
    pub fn release(mut self) -> Result<bool> {
        self.release_inner()
    }

    fn release_inner(&mut self) -> Result<bool> {
        if self.released {
            return Ok(false);
        }
        self.released = true;
        if let Some(mut hb) = self.heartbeat.take() {
            hb.stop();
        }
        let removed = release_row(&self.conn, &self.name, &self.holder.holder_id)?;
        tracing::info!(
            event = "scheduler_lock_released",
            component = "scheduler",
            holder_id = %self.holder.holder_id,
            was_held = removed,
            duration_ms = self.acquired.elapsed().as_millis() as u64,
        );
        Ok(removed)
    }
}

impl Drop for SchedulerLock {
    fn drop(&mut self) {
        if let Err(e) = self.release_inner() {
            tracing::error!(
                event = "scheduler_lock_release_failed",
                component = "scheduler",
                error = %e,
                "could not release the scheduler lock; it goes stale after the TTL"
            );
        }
    }
}

struct HeartbeatCtx {
    conn: Connection,
    name: String,
    holder_id: String,
    every: Duration,
    ttl_s: i64,
    clock: Clock,
    state: Arc<LockState>,
    stop: Arc<(Mutex<bool>, Condvar)>,
}

impl HeartbeatCtx {
    /// Sleep `every`, beat, repeat. A row that is gone means the lock was
    /// taken over or removed; a beat that fails until the TTL has passed
    /// means another run may take over. Either way the lock is flagged lost
    /// and the thread ends; the job stops at its next safe point.
    fn run(self) {
        let (m, cv) = &*self.stop;
        loop {
            let Ok(guard) = m.lock() else { return };
            let Ok((guard, _)) = cv.wait_timeout_while(guard, self.every, |stop| !*stop) else {
                return;
            };
            if *guard {
                return;
            }
            drop(guard);
            let started = Instant::now();
            let now = (self.clock)();
            let behind = now - self.state.last_beat();
            if behind >= self.ttl_s {
                tracing::error!(
                    event = "scheduler_lock_heartbeat_timeout",
                    component = "scheduler",
                    holder_id = %self.holder_id,
                    behind_s = behind,
                    ttl_s = self.ttl_s,
                    "the heartbeat fell behind the lock TTL; stopping at the next safe point"
                );
                self.state.lose(format!(
                    "the heartbeat fell {behind}s behind (TTL {}s)",
                    self.ttl_s
                ));
                return;
            }
            self.state.beat_pending.store(true, Ordering::SeqCst);
            let result = beat(&self.conn, &self.name, &self.holder_id, now);
            self.state.beat_pending.store(false, Ordering::SeqCst);
            match result {
                Ok(true) => {
                    self.state.last_beat.store(now, Ordering::SeqCst);
                    tracing::debug!(
                        event = "scheduler_lock_heartbeat_updated",
                        component = "scheduler",
                        holder_id = %self.holder_id,
                        heartbeat_at = now,
                        duration_ms = started.elapsed().as_millis() as u64,
                    );
                }
                Ok(false) => {
                    tracing::error!(
                        event = "scheduler_lock_heartbeat_lost",
                        component = "scheduler",
                        holder_id = %self.holder_id,
                        "the scheduler lock row is gone or belongs to another run; stopping at the next safe point"
                    );
                    self.state
                        .lose("the lock row was removed or taken over by another run");
                    return;
                }
                Err(e) => {
                    tracing::warn!(
                        event = "scheduler_lock_heartbeat_failed",
                        component = "scheduler",
                        holder_id = %self.holder_id,
                        error = %e,
                        duration_ms = started.elapsed().as_millis() as u64,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me(id: &str, pid: i64) -> LockHolder {
        LockHolder {
            holder_id: id.into(),
            pid,
            hostname: "h1".into(),
            acquired_at: 0,
            heartbeat_at: 0,
            job: Some("db-maintenance".into()),
        }
    }

    #[test]
    fn second_acquirer_sees_a_live_holder() {
        let mut conn = crate::db::test_db();
        let a = try_acquire(&mut conn, LOCK_NAME, &me("a", 10), 60, 1000).unwrap();
        assert_eq!(
            a,
            Attempt::Acquired {
                stale_removed: None
            }
        );
        // Exactly at the TTL the lock is still live.
        match try_acquire(&mut conn, LOCK_NAME, &me("b", 11), 60, 1060).unwrap() {
            Attempt::Held(h) => {
                assert_eq!(h.holder_id, "a");
                assert_eq!(h.pid, 10);
                assert_eq!(h.hostname, "h1");
                assert_eq!(h.age(1060), 60);
                let text = h.describe(1060);
                assert!(text.contains("pid 10") && text.contains("h1"), "{text}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            read_holder(&conn, LOCK_NAME).unwrap().unwrap().holder_id,
            "a"
        );
    }

    #[test]
    fn heartbeat_keeps_a_lock_alive_and_stale_locks_are_taken_over() {
        let mut conn = crate::db::test_db();
        try_acquire(&mut conn, LOCK_NAME, &me("a", 10), 60, 1000).unwrap();
        conn.execute(
            "INSERT INTO job_runs (job, started_at, status, holder_id) VALUES ('db-maintenance', 1000, 'running', 'a')",
            [],
        )
        .unwrap();
        assert!(beat(&conn, LOCK_NAME, "a", 1050).unwrap());
        assert!(matches!(
            try_acquire(&mut conn, LOCK_NAME, &me("b", 11), 60, 1100).unwrap(),
            Attempt::Held(_)
        ));
        // 61 s after the last beat the row is stale: b removes it and takes over.
        match try_acquire(&mut conn, LOCK_NAME, &me("b", 11), 60, 1111).unwrap() {
            Attempt::Acquired {
                stale_removed: Some(old),
            } => assert_eq!(old.holder_id, "a"),
            other => panic!("{other:?}"),
        }
        let h = read_holder(&conn, LOCK_NAME).unwrap().unwrap();
        assert_eq!((h.holder_id.as_str(), h.acquired_at), ("b", 1111));
        // The old holder's run is closed as interrupted, and its beats fail.
        let (status, finished): (String, i64) = conn
            .query_row(
                "SELECT status, finished_at FROM job_runs WHERE holder_id = 'a'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((status.as_str(), finished), ("interrupted", 1111));
        assert!(!beat(&conn, LOCK_NAME, "a", 1112).unwrap());
        assert!(!still_held(&conn, LOCK_NAME, "a").unwrap());
        assert!(still_held(&conn, LOCK_NAME, "b").unwrap());
        // Releasing someone else's id changes nothing.
        assert!(!release_row(&conn, LOCK_NAME, "a").unwrap());
        assert!(release_row(&conn, LOCK_NAME, "b").unwrap());
        assert!(read_holder(&conn, LOCK_NAME).unwrap().is_none());
    }

    #[test]
    fn force_unlock_refuses_a_live_local_holder() {
        let mut conn = crate::db::test_db();
        let out = force_unlock(&mut conn, LOCK_NAME, "h1", |_| true, 5).unwrap();
        assert!(!out.changed);
        try_acquire(&mut conn, LOCK_NAME, &me("a", 10), 60, 1000).unwrap();
        let e = force_unlock(&mut conn, LOCK_NAME, "h1", |_| true, 1001).unwrap_err();
        assert_eq!(e.exit_code(), 75);
        assert!(e.to_string().contains("pid 10"), "{e}");
        // Another host cannot be checked: --force decides.
        let out = force_unlock(&mut conn, LOCK_NAME, "h2", |_| true, 1001).unwrap();
        assert!(out.changed);
        try_acquire(&mut conn, LOCK_NAME, &me("c", 12), 60, 1000).unwrap();
        let out = force_unlock(&mut conn, LOCK_NAME, "h1", |_| false, 1001).unwrap();
        assert_eq!(out.removed.unwrap().holder_id, "c");
    }

    #[test]
    fn holder_ids_are_unique() {
        let a = new_holder_id();
        let b = new_holder_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
    }

    fn file_opts(dir: &std::path::Path, busy_ms: u64) -> DbOptions {
        DbOptions {
            path: dir.join("l.db"),
            create_dir: false,
            busy_timeout: Duration::from_millis(busy_ms),
            cache_size_kib: 1024,
            backup_before_migrate: false,
        }
    }

    fn lock_opts(db: DbOptions, clock: Clock, hb_ms: u64, ttl_s: i64) -> LockOptions {
        LockOptions {
            db,
            name: LOCK_NAME.into(),
            heartbeat: Duration::from_millis(hb_ms),
            ttl_s,
            job: Some("t".into()),
            clock,
        }
    }

    #[test]
    fn busy_database_while_acquiring_is_75_not_74() {
        let dir = tempfile::tempdir().unwrap();
        let db = file_opts(dir.path(), 300);
        let mut blocker = crate::db::open(&db).unwrap();
        let tx = blocker
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let started = Instant::now();
        let e =
            SchedulerLock::acquire(&lock_opts(db.clone(), system_clock(), 1000, 3)).unwrap_err();
        assert_eq!(e.exit_code(), 75, "{e}");
        assert!(e.to_string().contains("busy"), "{e}");
        assert!(started.elapsed() >= Duration::from_millis(300));
        drop(tx);
        // Once the writer is gone the same call succeeds, and Drop releases.
        let lock = SchedulerLock::acquire(&lock_opts(db.clone(), system_clock(), 1000, 3)).unwrap();
        let conn = crate::db::open_raw(&db).unwrap();
        assert!(read_holder(&conn, LOCK_NAME).unwrap().is_some());
        drop(lock);
        assert!(read_holder(&conn, LOCK_NAME).unwrap().is_none());
    }

    #[test]
    fn heartbeat_thread_advances_and_detects_loss() {
        let dir = tempfile::tempdir().unwrap();
        let db = file_opts(dir.path(), 1000);
        crate::db::open(&db).unwrap();
        let now = Arc::new(AtomicI64::new(5000));
        let n2 = now.clone();
        let clock: Clock = Arc::new(move || n2.load(Ordering::SeqCst));
        let lock = SchedulerLock::acquire(&lock_opts(db.clone(), clock, 50, 3)).unwrap();
        let conn = crate::db::open_raw(&db).unwrap();
        now.store(5002, Ordering::SeqCst);
        let deadline = Instant::now() + Duration::from_secs(5);
        while read_holder(&conn, LOCK_NAME).unwrap().unwrap().heartbeat_at != 5002 {
            assert!(Instant::now() < deadline, "heartbeat never advanced");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!lock.is_lost());
        // Someone removes the row: the next beat flags the lock as lost.
        conn.execute("DELETE FROM scheduler_lock", []).unwrap();
        while !lock.is_lost() {
            assert!(Instant::now() < deadline, "loss never detected");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(lock.state().reason().contains("removed"));
        assert!(!lock.release().unwrap(), "nothing left to release");
    }

    #[test]
    fn heartbeat_that_falls_behind_the_ttl_loses_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let db = file_opts(dir.path(), 1000);
        crate::db::open(&db).unwrap();
        let now = Arc::new(AtomicI64::new(100));
        let n2 = now.clone();
        let clock: Clock = Arc::new(move || n2.load(Ordering::SeqCst));
        let lock = SchedulerLock::acquire(&lock_opts(db, clock, 50, 3)).unwrap();
        // The clock jumps past the TTL between two beats (a suspended process).
        now.store(103, Ordering::SeqCst);
        let deadline = Instant::now() + Duration::from_secs(5);
        while !lock.is_lost() {
            assert!(Instant::now() < deadline, "timeout never detected");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(lock.state().reason().contains("behind"));
        assert!(lock.state().lost_error().to_string().contains("lost"));
    }
}
