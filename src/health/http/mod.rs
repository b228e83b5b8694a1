//! The `serve-health` HTTP server: a small HTTP/1.1 server on std with
//! bounded resources. One thread (the caller's) owns the listener and every
//! connection in a `poll` loop; a fixed pool of workers answers the checked
//! endpoints. Open connections are capped, request heads are limited while
//! they are read (414/431 without buffering more than the limit), and every
//! connection has a deadline, so neither idle nor slow clients can hold
//! threads or memory. GET/HEAD only, four read-only endpoints, cached check
//! results, a per-client rate limit, and a graceful stop when the caller
//! raises the stop flag. It never changes state and never prints.
//!
//! Parts: `server` is the poll loop and what it does with each connection;
//! `request` reads a request head within its limits; `reply` routes a request
//! and renders the responses and documents; `shared` is the state the workers
//! share (the check-result cache and the rate limiter).

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::checks::Snapshot;
use super::metrics::HttpStats;
use crate::{Error, Result};

mod reply;
mod request;
mod server;
mod shared;

use reply::checked_reply;
pub use reply::{health_document, ready_document};
use server::{Done, Job, Server};
use shared::{Cache, CacheState, RateLimiter, Shared};

pub const PATH_HEALTH: &str = "/api/v1/health";
pub const PATH_LIVE: &str = "/api/v1/health/live";
pub const PATH_READY: &str = "/api/v1/health/ready";
pub const PATH_METRICS: &str = "/metrics";

/// Longest request target accepted (414 beyond).
pub const MAX_URL_BYTES: usize = 2048;
/// Header limits (431 beyond): generous for probes and scrapers, small for abuse.
pub const MAX_HEADERS: usize = 64;
pub const MAX_HEADER_BYTES: usize = 8192;
/// Descriptors kept free of connections: listener, wake-up pair, database,
/// fail2ban's socket, log files, the check run's files.
const SPARE_FDS: u64 = 32;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub workers: usize,
    /// How long a check run's result is reused.
    pub cache: Duration,
    /// Requests per client IP per minute; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
    /// How long in-flight requests may finish after the stop flag is raised.
    pub grace: Duration,
    /// Open connections at most (lowered to fit the open-files limit).
    pub max_connections: usize,
    /// A connection that sends nothing, or no whole request head, for this long is closed.
    pub client_timeout: Duration,
}

/// Why `serve` returned without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// The signal number the caller stored in the stop flag.
    pub signal: i32,
    /// False when the grace period ran out with requests still in flight.
    pub drained: bool,
}

/// Resolve the listen address and refuse anything but loopback unless
/// remote access was asked for: the endpoints are unauthenticated.
pub fn resolve_listen(listen: &str, allow_remote: bool) -> Result<SocketAddr> {
    let addrs: Vec<SocketAddr> = listen
        .to_socket_addrs()
        .map_err(|e| {
            Error::config(format!(
                "health.listen {listen:?} is not an address such as 127.0.0.1:9191: {e}"
            ))
        })?
        .collect();
    let Some(first) = addrs.first().copied() else {
        return Err(Error::config(format!(
            "health.listen {listen:?} resolves to no address"
        )));
    };
    if !allow_remote && let Some(bad) = addrs.iter().find(|a| !is_loopback(a.ip())) {
        return Err(Error::config(format!(
            "refusing to listen on {bad}: not a loopback address; the health endpoints have no \
             authentication (pass --allow-remote, or set health.allow_remote, to expose them anyway)"
        )));
    }
    Ok(first)
}

fn is_loopback(ip: IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// Bind the listening socket (before dropping privileges or announcing readiness).
pub fn bind(addr: SocketAddr) -> Result<(TcpListener, SocketAddr)> {
    let listener =
        TcpListener::bind(addr).map_err(|e| Error::io(format!("listening on {addr}"), "", e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io(format!("listening on {addr}"), "", e))?;
    Ok((listener, local))
}
type Refresh = dyn Fn() -> Snapshot + Send + Sync;

/// Serve until `stop` holds a signal number, then let the requests in
/// flight finish within the grace period. `refresh` runs the checks (with
/// metrics); `now` gives unix seconds. An error means the listening socket
/// failed: the caller should exit non-zero so that it is restarted.
///
/// Threads: the caller's (every socket), `opts.workers` for the checked
/// endpoints and at most one running the checks. Memory: at most
/// `max_connections` request heads of [`MAX_URL_BYTES`] + [`MAX_HEADER_BYTES`].
pub fn serve(
    listener: TcpListener,
    opts: ServeOptions,
    refresh: Box<Refresh>,
    now: Box<dyn Fn() -> i64 + Send + Sync>,
    stop: Arc<AtomicI32>,
) -> Result<Stopped> {
    let io_err = |what: &str, e: std::io::Error| Error::Io {
        context: what.to_string(),
        source: e,
    };
    listener
        .set_nonblocking(true)
        .map_err(|e| io_err("setting up the listening socket", e))?;
    let (wake_rx, wake_tx) =
        UnixStream::pair().map_err(|e| io_err("creating the wake-up socket pair", e))?;
    for s in [&wake_rx, &wake_tx] {
        s.set_nonblocking(true)
            .map_err(|e| io_err("creating the wake-up socket pair", e))?;
    }
    let shared = Arc::new(Shared {
        stats: HttpStats::new(now()),
        cache: Cache {
            state: Mutex::new(CacheState::default()),
            cv: Condvar::new(),
            ttl: opts.cache,
        },
        limiter: RateLimiter {
            per_minute: opts.rate_limit_per_minute,
            clients: Mutex::new(HashMap::new()),
        },
        refresh,
        now,
        opts: opts.clone(),
    });
    // Warm the cache so the first scrape does not pay for the first run.
    {
        let mut st = shared.lock_cache();
        shared.start_refresh(&mut st);
    }
    let workers_n = opts.workers.max(1);
    let max_connections = connection_cap(opts.max_connections);
    // A connection has at most one request with the workers, so a queue as
    // long as the connection cap never turns a burst away.
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(max_connections);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let wake_tx = Arc::new(wake_tx);
    let mut workers = Vec::new();
    for i in 0..workers_n {
        let (rx, tx, wake, shared) = (
            Arc::clone(&job_rx),
            done_tx.clone(),
            Arc::clone(&wake_tx),
            Arc::clone(&shared),
        );
        let h = std::thread::Builder::new()
            .name(format!("health-http-{i}"))
            .spawn(move || {
                loop {
                    let job = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok(job) = job else { break };
                    let reply = checked_reply(&shared, job.endpoint);
                    if tx.send(Done { id: job.id, reply }).is_err() {
                        break;
                    }
                    // A full pipe already means "look".
                    let _ = (&*wake).write(&[1]);
                }
            })
            .map_err(|e| Error::Other(format!("starting a worker thread: {e}")))?;
        workers.push(h);
    }
    drop(done_tx);

    let mut server = Server {
        listener: Some(listener),
        conns: HashMap::new(),
        next_id: 0,
        shared,
        jobs: Some(job_tx),
        max_connections,
        timeout: opts.client_timeout.max(Duration::from_millis(100)),
        stopping: false,
        reparse: Vec::new(),
        last_resource_warning: None,
    };
    let mut stop_by: Option<Instant> = None;
    loop {
        if stop.load(Ordering::SeqCst) != 0 && stop_by.is_none() {
            tracing::info!(
                event = "bangui_shutting_down",
                timeout_seconds = opts.grace.as_secs(),
                component = "serve-health"
            );
            stop_by = Some(Instant::now() + opts.grace);
            server.begin_stop();
        }
        if let Some(by) = stop_by
            && (server.in_flight() == 0 || Instant::now() >= by)
        {
            break;
        }
        server.turn(&wake_rx, &done_rx)?;
    }
    // Workers end once the queue is empty; one may still wait for a check run.
    drop(server.jobs.take());
    let by = stop_by.unwrap_or_else(Instant::now);
    while workers.iter().any(|w| !w.is_finished()) && Instant::now() < by {
        std::thread::sleep(Duration::from_millis(20));
    }
    let drained = server.in_flight() == 0 && workers.iter().all(|w| w.is_finished());
    for w in workers.into_iter().filter(|w| w.is_finished()) {
        let _ = w.join();
    }
    Ok(Stopped {
        signal: stop.load(Ordering::SeqCst),
        drained,
    })
}

/// The connection cap, lowered to what the descriptor limit leaves room for.
fn connection_cap(wanted: usize) -> usize {
    let wanted = wanted.max(1);
    let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
    match limit {
        Some(n) if (n.saturating_sub(SPARE_FDS) as usize) < wanted => {
            let cap = (n.saturating_sub(SPARE_FDS) as usize).max(1);
            tracing::warn!(
                event = "health_connections_capped",
                wanted,
                cap,
                open_files_limit = n,
                component = "serve-health",
                "health.max_connections lowered to fit the open-files limit"
            );
            cap
        }
        _ => wanted,
    }
}

#[cfg(test)]
mod tests;
