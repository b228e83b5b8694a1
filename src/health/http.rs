//! The `serve-health` HTTP server: tiny_http with a fixed pool of worker
//! threads, GET/HEAD only, four read-only endpoints, cached check results,
//! a per-client rate limit and request limits, and a graceful stop when the
//! caller raises the stop flag. It never changes state and never prints.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tiny_http::{Header, Method, Request, Response};

use super::checks::Snapshot;
use super::metrics::{self, HttpStats};
use super::{HealthReport, Status};
use crate::util::rfc3339;
use crate::{Error, Result};

pub const PATH_HEALTH: &str = "/api/v1/health";
pub const PATH_LIVE: &str = "/api/v1/health/live";
pub const PATH_READY: &str = "/api/v1/health/ready";
pub const PATH_METRICS: &str = "/metrics";

/// Longest request target accepted (414 beyond).
pub const MAX_URL_BYTES: usize = 2048;
/// Header limits (431 beyond): generous for probes and scrapers, small for abuse.
pub const MAX_HEADERS: usize = 64;
pub const MAX_HEADER_BYTES: usize = 8192;
/// How long a request waits for a check run in progress before it is
/// answered from the previous result: keeps a hung fail2ban from tying up
/// every worker (and with them `/live`).
const STALE_WAIT: Duration = Duration::from_secs(1);
/// How long the very first request may wait, when there is nothing to fall back on.
const FIRST_WAIT: Duration = Duration::from_secs(10);
/// Workers poll the stop flag this often while idle.
const POLL: Duration = Duration::from_millis(100);
/// Clients tracked by the rate limiter before old windows are pruned.
const MAX_TRACKED_CLIENTS: usize = 10_000;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub workers: usize,
    /// How long a check run's result is reused.
    pub cache: Duration,
    /// Requests per client IP per minute; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
    /// How long in-flight requests may finish after the stop flag is raised.
    pub grace: Duration,
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
pub fn bind(addr: SocketAddr) -> Result<(tiny_http::Server, SocketAddr)> {
    let listener =
        TcpListener::bind(addr).map_err(|e| Error::io(format!("listening on {addr}"), "", e))?;
    // Accepted sockets inherit TCP_NODELAY on Linux. tiny_http writes the
    // head and the body separately, and without it a body larger than its
    // 1 KiB buffer waits out the client's delayed ACK (~40 ms a response).
    if let Err(e) = rustix::net::sockopt::set_tcp_nodelay(&listener, true) {
        tracing::debug!(event = "tcp_nodelay_unavailable", error = %e);
    }
    let local = listener
        .local_addr()
        .map_err(|e| Error::io(format!("listening on {addr}"), "", e))?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Error::Other(format!("starting the HTTP server on {addr}: {e}")))?;
    Ok((server, local))
}

type Refresh = dyn Fn() -> Snapshot + Send + Sync;

/// Check results shared by the workers: at most one run at a time, reused
/// for `ttl`; a stale result is served when a run takes too long.
struct Cache {
    state: Mutex<CacheState>,
    cv: Condvar,
    ttl: Duration,
}

#[derive(Default)]
struct CacheState {
    snap: Option<Arc<Snapshot>>,
    taken: Option<Instant>,
    refreshing: bool,
    generation: u64,
}

struct Shared {
    opts: ServeOptions,
    stats: HttpStats,
    cache: Cache,
    refresh: Box<Refresh>,
    limiter: RateLimiter,
    now: Box<dyn Fn() -> i64 + Send + Sync>,
}

impl Shared {
    fn lock_cache(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.cache.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Start a check run unless one is going; the caller holds the lock.
    fn start_refresh(self: &Arc<Self>, st: &mut CacheState) {
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
    fn snapshot(self: &Arc<Self>) -> Option<Arc<Snapshot>> {
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
struct RateLimiter {
    per_minute: u32,
    clients: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl RateLimiter {
    /// `Err(retry_after_seconds)` when the client is over its limit.
    fn check(&self, ip: IpAddr, now: i64) -> std::result::Result<(), i64> {
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

/// Serve until `stop` holds a signal number, then let the requests in
/// flight finish within the grace period. `refresh` runs the checks (with
/// metrics); `now` gives unix seconds.
pub fn serve(
    server: tiny_http::Server,
    opts: ServeOptions,
    refresh: Box<Refresh>,
    now: Box<dyn Fn() -> i64 + Send + Sync>,
    stop: Arc<AtomicI32>,
) -> Result<Stopped> {
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
    let server = Arc::new(server);
    let failure: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let mut workers = Vec::new();
    for i in 0..opts.workers.max(1) {
        let (server, shared, stop, failure) = (
            Arc::clone(&server),
            Arc::clone(&shared),
            Arc::clone(&stop),
            Arc::clone(&failure),
        );
        let h = std::thread::Builder::new()
            .name(format!("health-http-{i}"))
            .spawn(move || {
                while stop.load(Ordering::SeqCst) == 0 {
                    match server.recv_timeout(POLL) {
                        Ok(Some(rq)) => handle(&shared, rq),
                        Ok(None) => {}
                        Err(e) => {
                            // tiny_http stops accepting after an accept error
                            // (out of file descriptors): stop, and let the
                            // service manager restart us.
                            *failure.lock().unwrap_or_else(|p| p.into_inner()) =
                                Some(e.to_string());
                            stop.compare_exchange(0, -1, Ordering::SeqCst, Ordering::SeqCst)
                                .ok();
                            break;
                        }
                    }
                }
            })
            .map_err(|e| Error::Other(format!("starting a worker thread: {e}")))?;
        workers.push(h);
    }
    while stop.load(Ordering::SeqCst) == 0 {
        std::thread::sleep(Duration::from_millis(50));
    }
    tracing::info!(
        event = "bangui_shutting_down",
        timeout_seconds = opts.grace.as_secs(),
        component = "serve-health"
    );
    let deadline = Instant::now() + opts.grace;
    while workers.iter().any(|w| !w.is_finished()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let drained = workers.iter().all(|w| w.is_finished());
    for w in workers.into_iter().filter(|w| w.is_finished()) {
        let _ = w.join();
    }
    if let Some(e) = failure.lock().unwrap_or_else(|p| p.into_inner()).take() {
        return Err(Error::Io {
            context: "the HTTP server stopped accepting connections".into(),
            source: std::io::Error::other(e),
        });
    }
    Ok(Stopped {
        signal: stop.load(Ordering::SeqCst),
        drained,
    })
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

struct Reply {
    code: u16,
    content_type: &'static str,
    body: String,
    extra: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(code: u16, v: &Value) -> Reply {
        Reply {
            code,
            content_type: "application/json",
            body: format!("{v}\n"),
            extra: Vec::new(),
        }
    }

    fn error(code: u16, kind: &str, message: &str) -> Reply {
        Reply::json(
            code,
            &json!({"schema_version": 1, "error": {"kind": kind, "message": message}}),
        )
    }
}

fn endpoint_label(path: &str) -> &'static str {
    match path {
        PATH_HEALTH => "health",
        PATH_LIVE => "live",
        PATH_READY => "ready",
        PATH_METRICS => "metrics",
        _ => "other",
    }
}

fn handle(shared: &Arc<Shared>, rq: Request) {
    let t = Instant::now();
    let url = rq.url();
    let path = url.split(['?', '#']).next().unwrap_or("");
    let endpoint = endpoint_label(path);
    let reply = route(shared, &rq, path);
    let code = reply.code;
    let mut resp = Response::from_string(reply.body).with_status_code(code);
    for (k, v) in [
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        if let Some(h) = header(k, v) {
            resp.add_header(h);
        }
    }
    for (k, v) in &reply.extra {
        if let Some(h) = header(k, v) {
            resp.add_header(h);
        }
    }
    // A client that hung up is not our problem; nothing to report.
    let _ = rq.respond(resp);
    shared.stats.record(endpoint, code, t.elapsed());
}

fn route(shared: &Arc<Shared>, rq: &Request, path: &str) -> Reply {
    if rq.url().len() > MAX_URL_BYTES {
        return Reply::error(414, "uri_too_long", "request target too long");
    }
    let header_bytes: usize = rq
        .headers()
        .iter()
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len() + 4)
        .sum();
    if rq.headers().len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return Reply::error(431, "headers_too_large", "request headers too large");
    }
    let has_body = rq.body_length().is_some_and(|n| n > 0)
        || rq
            .headers()
            .iter()
            .any(|h| h.field.equiv("Transfer-Encoding"));
    if !matches!(rq.method(), Method::Get | Method::Head) {
        let mut r = Reply::error(
            405,
            "method_not_allowed",
            "only GET and HEAD are served here; nothing can be changed over HTTP",
        );
        r.extra.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    if has_body {
        return Reply::error(413, "payload_too_large", "GET and HEAD take no body");
    }
    // /live answers from the process alone: no database, no socket, no limit
    // (it is what a supervisor uses to decide whether to restart us).
    if path == PATH_LIVE {
        return Reply::json(200, &json!({"schema_version": 1, "status": "alive"}));
    }
    if !matches!(path, PATH_HEALTH | PATH_READY | PATH_METRICS) {
        return Reply::error(404, "not_found", "no such endpoint");
    }
    if let Some(ip) = rq.remote_addr().map(|a| a.ip())
        && let Err(retry) = shared.limiter.check(ip, (shared.now)())
    {
        shared.stats.rate_limited.fetch_add(1, Ordering::Relaxed);
        let mut r = Reply::error(
            429,
            "rate_limited",
            &format!(
                "more than {} requests a minute from this address",
                shared.opts.rate_limit_per_minute
            ),
        );
        r.extra.push(("Retry-After", retry.to_string()));
        return r;
    }
    let Some(snap) = shared.snapshot() else {
        let mut r = Reply::error(
            503,
            "checks_pending",
            "the first check run has not finished",
        );
        r.extra.push(("Retry-After", "1".into()));
        return r;
    };
    match path {
        PATH_HEALTH => {
            let code = if snap.report.status == Status::Unavailable {
                503
            } else {
                200
            };
            Reply::json(code, &health_document(&snap.report))
        }
        PATH_READY => {
            let code = if snap.report.ready { 200 } else { 503 };
            let mut doc = json!({"schema_version": 1});
            if let (Value::Object(d), Value::Object(r)) = (&mut doc, ready_document(&snap.report)) {
                d.extend(r);
            }
            Reply::json(code, &doc)
        }
        _ => Reply {
            code: 200,
            content_type: metrics::CONTENT_TYPE,
            body: metrics::render(&snap, Some(&shared.stats), (shared.now)()),
            extra: Vec::new(),
        },
    }
}

/// The `/ready` document, also `bangui health`'s `data`.
pub fn ready_document(r: &HealthReport) -> Value {
    json!({
        "status": r.status,
        "ready": r.ready,
        "failed_count": r.failed_count,
        "failed": r.failed,
        "checks": r.checks,
        "fail2ban_version": r.fail2ban_version,
        "checked_at": rfc3339(r.checked_at),
    })
}

/// The `/api/v1/health` document: status and one entry per component.
pub fn health_document(r: &HealthReport) -> Value {
    let components: serde_json::Map<String, Value> = r
        .checks
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                json!({
                    "healthy": c.healthy,
                    "critical": c.critical,
                    "message": c.message,
                    "duration_ms": c.duration_ms,
                }),
            )
        })
        .collect();
    json!({
        "schema_version": 1,
        "status": r.status,
        "fail2ban_version": r.fail2ban_version,
        "checked_at": rfc3339(r.checked_at),
        "components": components,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_without_allow_remote() {
        assert!(resolve_listen("127.0.0.1:9191", false).is_ok());
        assert!(resolve_listen("[::1]:9191", false).is_ok());
        let e = resolve_listen("0.0.0.0:9191", false).unwrap_err();
        assert_eq!(e.exit_code(), 78);
        assert!(e.to_string().contains("--allow-remote"), "{e}");
        assert!(resolve_listen("0.0.0.0:9191", true).is_ok());
        assert!(resolve_listen("not an address", false).is_err());
    }

    #[test]
    fn the_rate_limit_is_per_client_and_per_minute() {
        let l = RateLimiter {
            per_minute: 2,
            clients: Mutex::new(HashMap::new()),
        };
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(l.check(a, 100).is_ok());
        assert!(l.check(a, 110).is_ok());
        assert_eq!(l.check(a, 120), Err(40));
        assert!(l.check(b, 120).is_ok(), "another client has its own window");
        assert!(
            l.check(a, 160).is_ok(),
            "a new window starts after a minute"
        );
        let off = RateLimiter {
            per_minute: 0,
            clients: Mutex::new(HashMap::new()),
        };
        for _ in 0..1000 {
            assert!(off.check(a, 1).is_ok());
        }
    }

    #[test]
    fn documents_carry_the_contract_fields() {
        let r = HealthReport::from_checks(
            vec![crate::health::CheckResult {
                name: "geo".into(),
                healthy: false,
                critical: false,
                message: "no geo database".into(),
                duration_ms: 0,
            }],
            Some("1.0.2".into()),
            0,
        );
        let d = ready_document(&r);
        assert_eq!(d["status"], "degraded");
        assert_eq!(d["failed_count"], 1);
        assert_eq!(d["checks"][0]["name"], "geo");
        assert_eq!(d["checked_at"], "1970-01-01T00:00:00Z");
        let h = health_document(&r);
        assert_eq!(h["components"]["geo"]["healthy"], false);
        assert_eq!(h["schema_version"], 1);
    }
}
