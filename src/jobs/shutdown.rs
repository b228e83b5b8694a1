//! Graceful shutdown of one-shot runs: signal-hook turns SIGTERM/SIGINT into
//! a shared token that jobs check between units, and SIGHUP into a "reopen
//! logs" flag only. A supervisor thread enforces the grace period (abandoning
//! the current unit by interrupting its SQLite statement, which rolls its
//! transaction back) and handles a second signal. It never exits the process
//! itself: the hard stop calls the callback the caller gave it.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{InterruptHandle, params};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::db::{self, DbOptions};
use crate::error::{Error, Result, exit};

/// The shutdown token shared by the signal thread, the supervisor and jobs.
#[derive(Clone, Default)]
pub struct Shutdown {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// SIGTERM/SIGINT received so far.
    count: AtomicUsize,
    /// The first of them: it decides the exit code.
    first: AtomicI32,
    reopen_logs: AtomicBool,
    first_at: Mutex<Option<Instant>>,
    /// Called on SIGHUP by whoever owns log files (the CLI's log sink).
    on_reopen: Mutex<Option<ReopenHook>>,
    generation: Mutex<u64>,
    changed: Condvar,
}

impl std::fmt::Debug for Shutdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shutdown")
            .field("signals", &self.signal_count())
            .finish()
    }
}

/// What SIGHUP runs: reopen log files, nothing else.
pub type ReopenHook = Arc<dyn Fn() + Send + Sync>;

/// Name and exit code of a stopping signal.
pub fn signal_exit(signal: i32) -> (&'static str, i32) {
    if signal == SIGINT {
        ("SIGINT", exit::SIGINT)
    } else {
        ("SIGTERM", exit::SIGTERM)
    }
}

impl Shutdown {
    /// A token not wired to any signal (tests, embedding).
    pub fn new() -> Shutdown {
        Shutdown::default()
    }

    /// Run `hook` on every SIGHUP (from the signal thread).
    pub fn on_reopen(&self, hook: ReopenHook) {
        if let Ok(mut h) = self.inner.on_reopen.lock() {
            *h = Some(hook);
        }
    }

    /// Route SIGTERM, SIGINT and SIGHUP to this token until the listener is
    /// dropped. From now on those signals no longer kill the process.
    pub fn install(&self) -> Result<SignalListener> {
        let mut signals =
            signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]).map_err(|e| {
                Error::Io {
                    context: "installing signal handlers".into(),
                    source: e,
                }
            })?;
        let handle = signals.handle();
        let token = self.clone();
        let thread = std::thread::Builder::new()
            .name("bangui-signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    token.notify(sig);
                }
            })
            .map_err(|e| Error::Io {
                context: "starting the signal thread".into(),
                source: e,
            })?;
        Ok(SignalListener {
            handle,
            thread: Some(thread),
        })
    }

    /// What the signal thread does with a signal; tests call it directly.
    pub fn notify(&self, signal: i32) {
        if signal == SIGHUP {
            self.inner.reopen_logs.store(true, Ordering::SeqCst);
            tracing::info!(event = "log_reopen_requested", component = "shutdown");
            let hook = self.inner.on_reopen.lock().ok().and_then(|h| h.clone());
            if let Some(hook) = hook {
                hook();
            }
        } else {
            if self.inner.count.fetch_add(1, Ordering::SeqCst) == 0 {
                self.inner.first.store(signal, Ordering::SeqCst);
                if let Ok(mut at) = self.inner.first_at.lock() {
                    *at = Some(Instant::now());
                }
            }
            tracing::info!(
                event = "signal_received",
                component = "shutdown",
                signal = signal_exit(signal).0,
                count = self.signal_count(),
            );
        }
        if let Ok(mut g) = self.inner.generation.lock() {
            *g += 1;
        }
        self.inner.changed.notify_all();
    }

    /// A stop was asked for: take no new work.
    pub fn requested(&self) -> bool {
        self.signal_count() > 0
    }

    pub fn signal_count(&self) -> usize {
        self.inner.count.load(Ordering::SeqCst)
    }

    /// The first stopping signal, if any.
    pub fn signal(&self) -> Option<i32> {
        self.requested()
            .then(|| self.inner.first.load(Ordering::SeqCst))
    }

    /// How long ago the first stopping signal arrived.
    pub fn since(&self) -> Option<Duration> {
        self.inner
            .first_at
            .lock()
            .ok()
            .and_then(|a| a.map(|t| t.elapsed()))
    }

    /// `Error::Interrupted` for the first signal (SIGTERM when none came).
    pub fn interrupted(&self) -> Error {
        let (signal, code) = signal_exit(self.signal().unwrap_or(SIGTERM));
        Error::Interrupted { signal, code }
    }

    /// True once after each SIGHUP: whoever owns log files reopens them.
    pub fn take_reopen_logs(&self) -> bool {
        self.inner.reopen_logs.swap(false, Ordering::SeqCst)
    }

    fn wait_for_change(&self, timeout: Duration) {
        if let Ok(g) = self.inner.generation.lock() {
            let seen = *g;
            let _ = self
                .inner
                .changed
                .wait_timeout_while(g, timeout, |g| *g == seen);
        }
    }
}

/// Keeps the signal thread alive; dropping it stops listening (the handlers
/// stay installed, so a late signal is ignored rather than fatal).
pub struct SignalListener {
    handle: signal_hook::iterator::Handle,
    thread: Option<JoinHandle<()>>,
}

impl Drop for SignalListener {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Called with the exit code when a run must stop at once (second signal, or
/// a unit that ignores the grace period). Supplied by the binary.
pub type HardExit = Arc<dyn Fn(i32) + Send + Sync>;

/// What the supervisor needs to release the lock itself on a hard stop.
#[derive(Clone)]
pub struct HardStop {
    pub db: DbOptions,
    pub lock_name: String,
    pub holder_id: String,
    pub exit: HardExit,
}

/// How long a run gets to unwind after its unit was interrupted, before the
/// hard stop (after the grace period / after a second signal).
const AFTER_GRACE: Duration = Duration::from_millis(1500);
const AFTER_SECOND: Duration = Duration::from_millis(500);

/// Watches the token while a run holds the lock.
pub struct Supervisor {
    done: Arc<AtomicBool>,
    timed_out: Arc<AtomicBool>,
    shutdown: Shutdown,
    thread: Option<JoinHandle<()>>,
}

impl Supervisor {
    pub fn start(
        shutdown: Shutdown,
        grace: Duration,
        interrupt: Arc<InterruptHandle>,
        in_unit: Arc<AtomicBool>,
        hard: Option<HardStop>,
    ) -> Result<Supervisor> {
        let done = Arc::new(AtomicBool::new(false));
        let timed_out = Arc::new(AtomicBool::new(false));
        let w = Watch {
            shutdown: shutdown.clone(),
            grace,
            interrupt,
            in_unit,
            hard,
            done: done.clone(),
            timed_out: timed_out.clone(),
        };
        let thread = std::thread::Builder::new()
            .name("bangui-shutdown".into())
            .spawn(move || w.run())
            .map_err(|e| Error::Io {
                context: "starting the shutdown supervisor".into(),
                source: e,
            })?;
        Ok(Supervisor {
            done,
            timed_out,
            shutdown,
            thread: Some(thread),
        })
    }

    /// Whether the grace period ran out (or a second signal came) and the
    /// current unit was abandoned.
    pub fn timed_out(&self) -> bool {
        self.timed_out.load(Ordering::SeqCst)
    }

    /// The run is over: stop watching. Returns `timed_out()`.
    pub fn finish(mut self) -> bool {
        self.stop();
        self.timed_out()
    }

    fn stop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        // Wake the thread so it sees `done` now, not after its next tick.
        if let Ok(mut g) = self.shutdown.inner.generation.lock() {
            *g += 1;
        }
        self.shutdown.inner.changed.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Watch {
    shutdown: Shutdown,
    grace: Duration,
    interrupt: Arc<InterruptHandle>,
    in_unit: Arc<AtomicBool>,
    hard: Option<HardStop>,
    done: Arc<AtomicBool>,
    timed_out: Arc<AtomicBool>,
}

enum Phase {
    Running,
    /// First signal: the current unit may finish until the deadline.
    Draining(Instant),
    /// The unit was interrupted; hard stop at the deadline if still running.
    Abandoning(Instant),
}

impl Watch {
    fn run(self) {
        let mut phase = Phase::Running;
        let mut seen_second = false;
        loop {
            // Read `done` first but act on it last: a run that stopped at a
            // safe point right after the signal still gets the start events.
            let done = self.done.load(Ordering::SeqCst);
            let count = self.shutdown.signal_count();
            let now = Instant::now();
            phase = match phase {
                Phase::Running if count >= 1 => {
                    let pending = usize::from(self.in_unit.load(Ordering::SeqCst));
                    tracing::warn!(
                        event = "bangui_shutting_down",
                        component = "shutdown",
                        signal = signal_exit(self.shutdown.signal().unwrap_or(SIGTERM)).0,
                        timeout_seconds = self.grace.as_secs(),
                    );
                    tracing::info!(
                        event = "scheduler_stopped_accepting_jobs",
                        component = "scheduler"
                    );
                    tracing::info!(
                        event = "waiting_for_pending_tasks",
                        component = "scheduler",
                        count = pending,
                    );
                    Phase::Draining(now + self.grace)
                }
                Phase::Draining(deadline) if !done && (count >= 2 || now >= deadline) => {
                    seen_second = count >= 2;
                    self.abandon(if seen_second {
                        "second signal"
                    } else {
                        "grace period over"
                    });
                    Phase::Abandoning(
                        now + if seen_second {
                            AFTER_SECOND
                        } else {
                            AFTER_GRACE
                        },
                    )
                }
                Phase::Abandoning(deadline) if !done && count >= 2 && !seen_second => {
                    seen_second = true;
                    self.interrupt.interrupt();
                    Phase::Abandoning(deadline.min(now + AFTER_SECOND))
                }
                Phase::Abandoning(deadline) if !done && now >= deadline => {
                    if let Some(h) = &self.hard {
                        self.hard_stop(h);
                        return;
                    }
                    Phase::Abandoning(deadline)
                }
                p => p,
            };
            if done {
                return;
            }
            self.shutdown.wait_for_change(Duration::from_millis(50));
        }
    }

    fn abandon(&self, why: &str) {
        let cancelled = usize::from(self.in_unit.load(Ordering::SeqCst));
        self.timed_out.store(true, Ordering::SeqCst);
        tracing::warn!(
            event = "pending_tasks_timeout",
            component = "scheduler",
            cancelled_count = cancelled,
            reason = why,
            duration_ms = self.shutdown.since().unwrap_or_default().as_millis() as u64,
        );
        // Aborts the running statement; SQLite rolls its transaction back.
        self.interrupt.interrupt();
    }

    /// The run did not unwind in time: release the lock from here, close the
    /// run's row, and let the binary exit. Uncommitted work dies with the
    /// process (SQLite never applies an uncommitted transaction).
    fn hard_stop(&self, h: &HardStop) {
        let (_, code) = signal_exit(self.shutdown.signal().unwrap_or(SIGTERM));
        let mut opts = h.db.clone();
        opts.busy_timeout = Duration::from_secs(1);
        match db::open_raw(&opts) {
            Ok(conn) => {
                let _ = conn.execute(
                    "UPDATE job_runs SET status = 'interrupted', finished_at = ?2,
                         error = 'stopped at once by a second signal'
                     WHERE holder_id = ?1 AND status = 'running'",
                    params![h.holder_id, crate::util::now_unix()],
                );
                let released = super::lock::release_row(&conn, &h.lock_name, &h.holder_id);
                tracing::info!(
                    event = "scheduler_lock_released",
                    component = "scheduler",
                    holder_id = %h.holder_id,
                    was_held = matches!(released, Ok(true)),
                    hard_stop = true,
                );
            }
            Err(e) => tracing::error!(
                event = "scheduler_lock_release_failed",
                component = "scheduler",
                error = %e,
            ),
        }
        tracing::warn!(
            event = "bangui_shut_down",
            component = "shutdown",
            hard_stop = true,
            duration_ms = self.shutdown.since().unwrap_or_default().as_millis() as u64,
        );
        (h.exit)(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_signal_decides_the_code_and_hup_only_reopens() {
        let s = Shutdown::new();
        s.notify(SIGHUP);
        assert!(!s.requested());
        assert!(s.take_reopen_logs());
        assert!(!s.take_reopen_logs());
        s.notify(SIGINT);
        s.notify(SIGTERM);
        assert_eq!(s.signal_count(), 2);
        assert_eq!(s.interrupted().exit_code(), 130);
        let t = Shutdown::new();
        t.notify(SIGTERM);
        assert_eq!(t.interrupted().exit_code(), 143);
    }

    #[test]
    fn grace_period_interrupts_a_long_statement() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let s = Shutdown::new();
        let in_unit = Arc::new(AtomicBool::new(true));
        let sup = Supervisor::start(
            s.clone(),
            Duration::from_millis(200),
            Arc::new(conn.get_interrupt_handle()),
            in_unit,
            None,
        )
        .unwrap();
        s.notify(SIGTERM);
        let started = Instant::now();
        // A statement that would run for minutes.
        let r = conn.query_row(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
            [],
            |r| r.get::<_, i64>(0),
        );
        let e = r.unwrap_err();
        assert_eq!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::OperationInterrupted)
        );
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(sup.finish());
    }
}
