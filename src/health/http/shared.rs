//! State the server shares with its workers: the check results, reused for the cache
//! time with at most one run at a time, and the per-client rate limit.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::{Refresh, ServeOptions};
use crate::health::checks::Snapshot;
use crate::health::metrics::HttpStats;

/// How long a request waits for a check run in progress before it is
/// answered from the previous result: keeps a hung fail2ban from tying up
/// every worker (and with them `/live`).
const STALE_WAIT: Duration = Duration::from_secs(1);
/// How long the very first request may wait, when there is nothing to fall back on.
const FIRST_WAIT: Duration = Duration::from_secs(10);
/// Clients tracked by the rate limiter before old windows are pruned.
const MAX_TRACKED_CLIENTS: usize = 10_000;

/// Check results shared by the workers: at most one run at a time, reused
/// for `ttl`; a stale result is served when a run takes too long.
pub(super) struct Cache {
    pub(super) state: Mutex<CacheState>,
    pub(super) cv: Condvar,
    pub(super) ttl: Duration,
}

#[derive(Default)]
pub(super) struct CacheState {
    pub(super) snap: Option<Arc<Snapshot>>,
    pub(super) taken: Option<Instant>,
    pub(super) refreshing: bool,
    pub(super) generation: u64,
}

pub(super) struct Shared {
    pub(super) opts: ServeOptions,
    pub(super) stats: HttpStats,
    pub(super) cache: Cache,
    pub(super) refresh: Box<Refresh>,
    pub(super) limiter: RateLimiter,
    pub(super) now: Box<dyn Fn() -> i64 + Send + Sync>,
}

impl Shared {
    pub(super) fn lock_cache(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.cache.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Start a check run unless one is going; the caller holds the lock.
    pub(super) fn start_refresh(self: &Arc<Self>, st: &mut CacheState) {
        if st.refreshing {
            return;
        }
        st.refreshing = true;
        let me = Arc::clone(self);
        let run = move || {
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (me.refresh)()));
            me.stats.check_runs.fetch_add(1, Ordering::Relaxed);
            let mut st = me.lock_cache();
            if let Ok(snap) = out {
                st.snap = Some(Arc::new(snap));
                st.taken = Some(Instant::now());
            }
            st.refreshing = false;
            st.generation += 1;
            me.cache.cv.notify_all();
        };
        // The run gets its own thread so a waiting request can give up on it.
        if std::thread::Builder::new()
            .name("health-refresh".into())
            .spawn(run)
            .is_err()
        {
            st.refreshing = false;
        }
    }

    /// A result no older than the cache time when one can be had in time,
    /// else the last one.
    pub(super) fn snapshot(self: &Arc<Self>) -> Option<Arc<Snapshot>> {
        let mut st = self.lock_cache();
        if let (Some(s), Some(t)) = (&st.snap, st.taken)
            && t.elapsed() <= self.cache.ttl
        {
            return Some(Arc::clone(s));
        }
        let generation = st.generation;
        self.start_refresh(&mut st);
        let wait = if st.snap.is_some() {
            STALE_WAIT
        } else {
            FIRST_WAIT
        };
        let deadline = Instant::now() + wait;
        while st.generation == generation {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            st = self
                .cache
                .cv
                .wait_timeout(st, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        st.snap.clone()
    }
}

/// Fixed one-minute windows per client IP.
pub(super) struct RateLimiter {
    pub(super) per_minute: u32,
    pub(super) clients: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl RateLimiter {
    /// `Err(retry_after_seconds)` when the client is over its limit.
    pub(super) fn check(&self, ip: IpAddr, now: i64) -> std::result::Result<(), i64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        // ::ffff:127.0.0.1 and 127.0.0.1 are one client.
        let ip = ip.to_canonical();
        let mut m = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        if m.len() >= MAX_TRACKED_CLIENTS && !m.contains_key(&ip) {
            m.retain(|_, (start, _)| now - *start < 60);
        }
        let e = m.entry(ip).or_insert((now, 0));
        if now - e.0 >= 60 || now < e.0 {
            *e = (now, 0);
        }
        e.1 = e.1.saturating_add(1);
        if e.1 > self.per_minute {
            Err((e.0 + 60 - now).max(1))
        } else {
            Ok(())
        }
    }
}
