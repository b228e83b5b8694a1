//! The `serve-health` HTTP server: a small HTTP/1.1 server on std with
//! bounded resources. One thread (the caller's) owns the listener and every
//! connection in a `poll` loop; a fixed pool of workers answers the checked
//! endpoints. Open connections are capped, request heads are limited while
//! they are read (414/431 without buffering more than the limit), and every
//! connection has a deadline, so neither idle nor slow clients can hold
//! threads or memory. GET/HEAD only, four read-only endpoints, cached check
//! results, a per-client rate limit, and a graceful stop when the caller
//! raises the stop flag. It never changes state and never prints.

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags};
use serde_json::{Value, json};

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
/// The loop looks at the stop flag this often while idle.
const POLL: Duration = Duration::from_millis(100);
/// The longest request line (method, target, version) read before 414.
const MAX_REQUEST_LINE: usize = MAX_URL_BYTES + 32;
/// The most a request head may take before 431: nothing more is buffered.
const MAX_HEAD: usize = MAX_REQUEST_LINE + MAX_HEADER_BYTES;
/// Bytes read from one connection per turn of the loop.
const READ_CHUNK: usize = 8192;
/// After the last response, at most this much is read and discarded (for
/// at most `DRAIN_TIME`) so that the client gets the response, not a reset.
const DRAIN_BYTES: usize = 256 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(2);
/// Descriptors kept free of connections: listener, wake-up pair, database,
/// fail2ban's socket, log files, the check run's files.
const SPARE_FDS: u64 = 32;
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

/// A request for a checked endpoint, handed to a worker.
struct Job {
    id: u64,
    endpoint: &'static str,
}

/// A worker's answer to a [`Job`].
struct Done {
    id: u64,
    reply: Reply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for (the rest of) a request head.
    Reading,
    /// A worker is answering; the socket is not watched.
    Busy,
    /// Sending a response.
    Writing,
    /// After the last response: write side shut, reading and discarding
    /// briefly so the client sees the response rather than a reset.
    Draining,
}

struct Conn {
    stream: TcpStream,
    peer: IpAddr,
    phase: Phase,
    /// Bytes of the request head read so far, and of a pipelined next one.
    buf: Vec<u8>,
    out: Vec<u8>,
    sent: usize,
    /// Whether to wait for another request once `out` is sent.
    keep_alive: bool,
    /// When the current phase must be over (the whole head read, the
    /// response taken, the draining done).
    deadline: Instant,
    /// Reading: when a byte last arrived or the wait began.
    last_byte: Instant,
    /// Reading: when the wait began; the longest waiting is closed first.
    since: Instant,
    drained: usize,
    /// The request being answered: its endpoint, when its head was complete,
    /// and whether it was HEAD.
    endpoint: &'static str,
    started: Instant,
    head_only: bool,
}

/// The event loop: owns the listener and every connection; workers only
/// compute answers for the checked endpoints.
struct Server {
    listener: Option<TcpListener>,
    conns: HashMap<u64, Conn>,
    next_id: u64,
    shared: Arc<Shared>,
    jobs: Option<mpsc::SyncSender<Job>>,
    max_connections: usize,
    timeout: Duration,
    stopping: bool,
    /// Connections whose buffer may hold a whole request already.
    reparse: Vec<u64>,
    /// When out-of-descriptor errors were last logged.
    last_resource_warning: Option<Instant>,
}

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

/// Whether an `accept` error means the listening socket is gone, rather than
/// a client that gave up or a momentary shortage.
fn accept_error_is_fatal(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    if matches!(
        e.kind(),
        ErrorKind::WouldBlock | ErrorKind::Interrupted | ErrorKind::ConnectionAborted
    ) {
        return false;
    }
    !matches!(
        Errno::from_io_error(e),
        Some(
            Errno::MFILE
                | Errno::NFILE
                | Errno::NOBUFS
                | Errno::NOMEM
                | Errno::PROTO
                | Errno::PERM
                | Errno::NOSR
                | Errno::TIMEDOUT
                | Errno::NETDOWN
                | Errno::NETUNREACH
                | Errno::HOSTDOWN
                | Errno::HOSTUNREACH
                | Errno::OPNOTSUPP
                | Errno::NOPROTOOPT
                | Errno::CONNRESET
        )
    )
}

fn out_of_descriptors(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    matches!(
        Errno::from_io_error(e),
        Some(Errno::MFILE | Errno::NFILE | Errno::NOBUFS | Errno::NOMEM)
    )
}

impl Server {
    /// Requests being answered or responses being sent.
    fn in_flight(&self) -> usize {
        self.conns
            .values()
            .filter(|c| matches!(c.phase, Phase::Busy | Phase::Writing))
            .count()
    }

    /// Stop accepting, close every connection that waits for a request,
    /// let the answers in progress go out.
    fn begin_stop(&mut self) {
        self.stopping = true;
        self.listener = None;
        self.conns
            .retain(|_, c| matches!(c.phase, Phase::Busy | Phase::Writing));
    }

    /// One wait for events and everything they call for.
    fn turn(&mut self, wake_rx: &UnixStream, done_rx: &mpsc::Receiver<Done>) -> Result<()> {
        let now = Instant::now();
        // Wake up for the nearest deadline, and at least every POLL for the stop flag.
        let wait = self
            .conns
            .values()
            .filter(|c| c.phase != Phase::Busy)
            .map(|c| {
                let idle = if c.phase == Phase::Reading {
                    c.last_byte + self.timeout
                } else {
                    c.deadline
                };
                c.deadline.min(idle).saturating_duration_since(now)
            })
            .min()
            .unwrap_or(POLL)
            .min(POLL);
        let ids: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.phase != Phase::Busy)
            .map(|(id, _)| *id)
            .collect();
        let (listener_ev, wake_ev, events) = {
            let mut fds = Vec::with_capacity(ids.len() + 2);
            fds.push(PollFd::new(wake_rx, PollFlags::IN));
            if let Some(l) = &self.listener {
                fds.push(PollFd::new(l, PollFlags::IN));
            }
            let first_conn = fds.len();
            for id in &ids {
                let c = &self.conns[id];
                let flags = if c.phase == Phase::Writing {
                    PollFlags::OUT
                } else {
                    PollFlags::IN
                };
                fds.push(PollFd::new(&c.stream, flags));
            }
            let ts = rustix::event::Timespec {
                tv_sec: wait.as_secs() as i64,
                tv_nsec: i64::from(wait.subsec_nanos()),
            };
            match rustix::event::poll(&mut fds, Some(&ts)) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => return Ok(()),
                Err(e) => {
                    return Err(Error::Io {
                        context: "waiting for connections".into(),
                        source: e.into(),
                    });
                }
            }
            let listener_ev = (first_conn == 2).then(|| fds[1].revents());
            let events: Vec<u64> = ids
                .iter()
                .zip(&fds[first_conn..])
                .filter(|(_, f)| !f.revents().is_empty())
                .map(|(id, _)| *id)
                .collect();
            (listener_ev, fds[0].revents(), events)
        };
        if !wake_ev.is_empty() {
            let mut sink = [0u8; 256];
            while matches!((&*wake_rx).read(&mut sink), Ok(n) if n > 0) {}
        }
        while let Ok(done) = done_rx.try_recv() {
            self.answer(done.id, done.reply);
        }
        if let Some(ev) = listener_ev {
            if ev.intersects(PollFlags::ERR | PollFlags::NVAL | PollFlags::HUP) {
                return Err(Error::Io {
                    context: "the listening socket failed".into(),
                    source: std::io::Error::other(format!("poll reported {ev:?}")),
                });
            }
            if ev.contains(PollFlags::IN) {
                self.accept()?;
            }
        }
        for id in events {
            let Some(phase) = self.conns.get(&id).map(|c| c.phase) else {
                continue;
            };
            match phase {
                Phase::Reading => self.read_head(id),
                Phase::Writing => self.write_out(id),
                Phase::Draining => self.drain(id),
                Phase::Busy => {}
            }
        }
        while let Some(id) = self.reparse.pop() {
            self.parse(id);
        }
        self.expire(Instant::now());
        Ok(())
    }

    fn accept(&mut self) -> Result<()> {
        let Some(listener) = self.listener.take() else {
            return Ok(());
        };
        let r = self.accept_from(&listener);
        self.listener = Some(listener);
        r
    }

    fn accept_from(&mut self, listener: &TcpListener) -> Result<()> {
        // A bounded batch per turn, so a flood cannot starve the connections.
        for _ in 0..64 {
            match listener.accept() {
                Ok((stream, peer)) => {
                    if stream.set_nonblocking(true).is_err() {
                        continue;
                    }
                    if self.conns.len() >= self.max_connections && !self.evict_oldest() {
                        // Every slot is answering a request: refuse this one.
                        continue;
                    }
                    let now = Instant::now();
                    self.next_id += 1;
                    self.conns.insert(
                        self.next_id,
                        Conn {
                            stream,
                            peer: peer.ip(),
                            phase: Phase::Reading,
                            buf: Vec::new(),
                            out: Vec::new(),
                            sent: 0,
                            keep_alive: false,
                            deadline: now + self.timeout,
                            last_byte: now,
                            since: now,
                            drained: 0,
                            endpoint: "other",
                            started: now,
                            head_only: false,
                        },
                    );
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if out_of_descriptors(&e) => {
                    // Make room and let the next turn take the client.
                    let evicted = self.evict_oldest();
                    let quiet = self
                        .last_resource_warning
                        .is_some_and(|t| t.elapsed() < Duration::from_secs(60));
                    if !quiet {
                        self.last_resource_warning = Some(Instant::now());
                        tracing::warn!(
                            event = "health_accept_out_of_resources",
                            error = %e,
                            open = self.conns.len(),
                            component = "serve-health",
                            "out of descriptors or memory accepting a connection; closing the longest-waiting one"
                        );
                    }
                    if !evicted {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    break;
                }
                Err(e) if accept_error_is_fatal(&e) => {
                    return Err(Error::Io {
                        context: "the listening socket failed".into(),
                        source: e,
                    });
                }
                Err(_) => {}
            }
        }
        Ok(())
    }

    /// Close the connection that has waited longest for a request.
    fn evict_oldest(&mut self) -> bool {
        let victim = self
            .conns
            .iter()
            .filter(|(_, c)| matches!(c.phase, Phase::Reading | Phase::Draining))
            .min_by_key(|(_, c)| (c.phase == Phase::Reading, c.since))
            .map(|(id, _)| *id);
        match victim {
            Some(id) => {
                self.conns.remove(&id);
                true
            }
            None => false,
        }
    }

    fn read_head(&mut self, id: u64) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        let room = (MAX_HEAD + 1).saturating_sub(c.buf.len()).min(READ_CHUNK);
        let mut tmp = [0u8; READ_CHUNK];
        match c.stream.read(&mut tmp[..room.max(1)]) {
            Ok(0) => {
                self.conns.remove(&id);
            }
            Ok(n) => {
                c.buf.extend_from_slice(&tmp[..n]);
                c.last_byte = Instant::now();
                self.parse(id);
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
            Err(_) => {
                self.conns.remove(&id);
            }
        }
    }

    /// Act on a whole request head in the buffer, or on a head that has
    /// grown past its limits.
    fn parse(&mut self, id: u64) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        if c.phase != Phase::Reading || c.buf.is_empty() {
            return;
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        let line_len = memchr::memchr(b'\n', &c.buf).map(|i| i + 1);
        let (head_len, request) = match req.parse(&c.buf) {
            Ok(httparse::Status::Partial) => {
                match line_len {
                    None if c.buf.len() > MAX_REQUEST_LINE => self.refuse(id, 414),
                    _ if c.buf.len() > MAX_HEAD => self.refuse(id, 431),
                    _ => {}
                }
                return;
            }
            Ok(httparse::Status::Complete(n)) => (n, RequestHead::of(&req)),
            Err(httparse::Error::TooManyHeaders) => return self.refuse(id, 431),
            Err(httparse::Error::Version) => return self.refuse(id, 505),
            Err(_) => return self.refuse(id, 400),
        };
        if request.target_len > MAX_URL_BYTES {
            return self.refuse(id, 414);
        }
        if head_len - line_len.unwrap_or(0) > MAX_HEADER_BYTES {
            return self.refuse(id, 431);
        }
        c.buf.drain(..head_len);
        if c.buf.is_empty() {
            c.buf = Vec::new();
        }
        c.keep_alive = request.keep_alive && !request.has_body;
        c.head_only = request.method == "HEAD";
        c.started = Instant::now();
        let path = request.target.split(['?', '#']).next().unwrap_or("");
        let endpoint = endpoint_label(path);
        c.endpoint = endpoint;
        let peer = c.peer;
        if let Some(reply) =
            early_reply(&self.shared, &request.method, path, request.has_body, peer)
        {
            return self.answer(id, reply);
        }
        c.phase = Phase::Busy;
        let sent = match &self.jobs {
            Some(tx) => tx.try_send(Job { id, endpoint }),
            None => Err(mpsc::TrySendError::Disconnected(Job { id, endpoint })),
        };
        if sent.is_err() {
            let mut r = Reply::error(
                503,
                "busy",
                "the server is stopping or overloaded; try again",
            );
            r.extra.push(("Retry-After", "1".into()));
            self.answer(id, r);
        }
    }

    /// Answer with an error and close: the rest of the request is not read.
    fn refuse(&mut self, id: u64, code: u16) {
        let (kind, message) = match code {
            414 => ("uri_too_long", "request target too long"),
            431 => ("headers_too_large", "request headers too large"),
            505 => ("http_version_not_supported", "only HTTP/1.0 and HTTP/1.1"),
            _ => ("bad_request", "malformed request"),
        };
        if let Some(c) = self.conns.get_mut(&id) {
            c.keep_alive = false;
            c.head_only = false;
            c.endpoint = "other";
            c.started = Instant::now();
            c.buf = Vec::new();
        }
        self.answer(id, Reply::error(code, kind, message));
    }

    /// Queue a response on the connection and start sending it.
    fn answer(&mut self, id: u64, reply: Reply) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        self.shared
            .stats
            .record(c.endpoint, reply.code, c.started.elapsed());
        let keep_alive = c.keep_alive && !self.stopping;
        c.out = reply.render(c.head_only, keep_alive);
        c.sent = 0;
        c.keep_alive = keep_alive;
        c.phase = Phase::Writing;
        c.deadline = Instant::now() + self.timeout;
        self.write_out(id);
    }

    fn write_out(&mut self, id: u64) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        while c.sent < c.out.len() {
            match c.stream.write(&c.out[c.sent..]) {
                Ok(0) => {
                    self.conns.remove(&id);
                    return;
                }
                Ok(n) => c.sent += n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => {
                    self.conns.remove(&id);
                    return;
                }
            }
        }
        c.out = Vec::new();
        c.sent = 0;
        let now = Instant::now();
        if c.keep_alive && !self.stopping {
            c.phase = Phase::Reading;
            c.since = now;
            c.last_byte = now;
            c.deadline = now + self.timeout;
            if !c.buf.is_empty() {
                self.reparse.push(id);
            }
        } else {
            let _ = c.stream.shutdown(std::net::Shutdown::Write);
            c.phase = Phase::Draining;
            c.buf = Vec::new();
            c.drained = 0;
            c.deadline = now + DRAIN_TIME;
        }
    }

    fn drain(&mut self, id: u64) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        let mut tmp = [0u8; READ_CHUNK];
        match c.stream.read(&mut tmp) {
            Ok(n) if n > 0 && c.drained + n <= DRAIN_BYTES => c.drained += n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
            _ => {
                self.conns.remove(&id);
            }
        }
    }

    /// Close the connections whose time is up: no whole head in time, silent
    /// for the client timeout, a response not taken, draining done.
    fn expire(&mut self, now: Instant) {
        let timeout = self.timeout;
        self.conns.retain(|_, c| match c.phase {
            Phase::Busy => true,
            Phase::Reading => now < c.deadline && now < c.last_byte + timeout,
            Phase::Writing | Phase::Draining => now < c.deadline,
        });
    }
}

/// What the server needs from a parsed request head.
struct RequestHead {
    method: String,
    target: String,
    target_len: usize,
    keep_alive: bool,
    has_body: bool,
}

impl RequestHead {
    fn of(req: &httparse::Request<'_, '_>) -> RequestHead {
        let header = |name: &str| {
            req.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
        };
        let connection = header("connection").unwrap_or_default();
        let target = req.path.unwrap_or("");
        RequestHead {
            method: req.method.unwrap_or("").to_string(),
            target_len: target.len(),
            target: target.chars().take(MAX_URL_BYTES + 1).collect(),
            // HTTP/1.1 keeps the connection unless told otherwise; 1.0 closes it.
            keep_alive: if req.version == Some(1) {
                !connection.split(',').any(|t| t.trim() == "close")
            } else {
                connection.split(',').any(|t| t.trim() == "keep-alive")
            },
            has_body: header("transfer-encoding").is_some()
                || header("content-length").is_some_and(|v| v != "0"),
        }
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
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
            body: format!("{}\n", crate::util::json_line(v)),
            extra: Vec::new(),
        }
    }

    fn error(code: u16, kind: &str, message: &str) -> Reply {
        Reply::json(
            code,
            &json!({"schema_version": 1, "error": {"kind": kind, "message": message}}),
        )
    }

    /// The whole response: one buffer, one write.
    fn render(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
            self.code,
            reason(self.code),
            self.content_type,
            self.body.len()
        );
        for (k, v) in &self.extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(if keep_alive {
            "Connection: keep-alive\r\n\r\n"
        } else {
            "Connection: close\r\n\r\n"
        });
        let mut out = head.into_bytes();
        if !head_only {
            out.extend_from_slice(self.body.as_bytes());
        }
        out
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

/// Everything answered without the checks: errors, `/live`, the rate limit.
/// `None` means a worker must answer.
fn early_reply(
    shared: &Shared,
    method: &str,
    path: &str,
    has_body: bool,
    peer: IpAddr,
) -> Option<Reply> {
    if !matches!(method, "GET" | "HEAD") {
        let mut r = Reply::error(
            405,
            "method_not_allowed",
            "only GET and HEAD are served here; nothing can be changed over HTTP",
        );
        r.extra.push(("Allow", "GET, HEAD".into()));
        return Some(r);
    }
    if has_body {
        return Some(Reply::error(
            413,
            "payload_too_large",
            "GET and HEAD take no body",
        ));
    }
    // /live answers from the process alone: no database, no socket, no limit
    // (it is what a supervisor uses to decide whether to restart us).
    if path == PATH_LIVE {
        return Some(Reply::json(
            200,
            &json!({"schema_version": 1, "status": "alive"}),
        ));
    }
    if !matches!(path, PATH_HEALTH | PATH_READY | PATH_METRICS) {
        return Some(Reply::error(404, "not_found", "no such endpoint"));
    }
    if let Err(retry) = shared.limiter.check(peer, (shared.now)()) {
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
        return Some(r);
    }
    None
}

/// The answer for a checked endpoint (a worker's job: it may wait for a run).
fn checked_reply(shared: &Arc<Shared>, endpoint: &str) -> Reply {
    let Some(snap) = shared.snapshot() else {
        let mut r = Reply::error(
            503,
            "checks_pending",
            "the first check run has not finished",
        );
        r.extra.push(("Retry-After", "1".into()));
        return r;
    };
    match endpoint {
        "health" => {
            let code = if snap.report.status == Status::Unavailable {
                503
            } else {
                200
            };
            Reply::json(code, &health_document(&snap.report))
        }
        "ready" => {
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

    fn snapshot() -> Snapshot {
        Snapshot {
            report: HealthReport::from_checks(Vec::new(), Some("1.0.2".into()), 0),
            jails: None,
            facts: None,
            db_size_bytes: None,
        }
    }

    fn opts() -> ServeOptions {
        ServeOptions {
            workers: 2,
            cache: Duration::from_secs(1),
            rate_limit_per_minute: 0,
            grace: Duration::from_secs(2),
            max_connections: 4,
            client_timeout: Duration::from_secs(1),
        }
    }

    /// Start `serve` on a thread; returns its address, stop flag and handle.
    fn start(
        max_connections: usize,
    ) -> (
        SocketAddr,
        TcpListener,
        Arc<AtomicI32>,
        std::thread::JoinHandle<Result<Stopped>>,
    ) {
        let (l, addr) = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let twin = l.try_clone().unwrap();
        let stop = Arc::new(AtomicI32::new(0));
        let flag = Arc::clone(&stop);
        let o = ServeOptions {
            max_connections,
            ..opts()
        };
        let h = std::thread::spawn(move || serve(l, o, Box::new(snapshot), Box::new(|| 0), flag));
        (addr, twin, stop, h)
    }

    fn get(addr: SocketAddr, raw: &[u8]) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(raw).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn a_failed_listener_ends_serve_with_an_error() {
        let (addr, twin, _stop, h) = start(4);
        assert!(get(addr, b"GET /api/v1/health/live HTTP/1.0\r\n\r\n").starts_with("HTTP/1.1 200"));
        // Shutting a listening socket down makes accept fail for good.
        rustix::net::shutdown(&twin, rustix::net::Shutdown::Read).unwrap();
        let t = Instant::now();
        while !h.is_finished() {
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "serve went on without its listener"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let e = h.join().unwrap().unwrap_err();
        assert_eq!(e.exit_code(), crate::error::exit::IO_ERR, "{e}");
        assert!(e.to_string().contains("listening socket"), "{e}");
    }

    #[test]
    fn accept_errors_that_are_not_the_listeners_fault_are_survived() {
        use rustix::io::Errno;
        for ok in [
            Errno::MFILE,
            Errno::NFILE,
            Errno::NOBUFS,
            Errno::CONNABORTED,
            Errno::AGAIN,
        ] {
            assert!(!accept_error_is_fatal(&ok.into()), "{ok:?}");
        }
        for fatal in [Errno::BADF, Errno::INVAL, Errno::NOTSOCK, Errno::FAULT] {
            assert!(accept_error_is_fatal(&fatal.into()), "{fatal:?}");
        }
    }

    #[test]
    fn a_new_client_displaces_the_longest_idle_one_at_the_cap() {
        let (addr, _twin, stop, h) = start(3);
        let mut idle: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
        std::thread::sleep(Duration::from_millis(300));
        let r = get(
            addr,
            b"GET /api/v1/health/live HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert!(r.starts_with("HTTP/1.1 200 OK"), "{r}");
        assert!(r.contains("\"alive\""), "{r}");
        // The first idle client was closed to make room.
        idle[0]
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut b = [0u8; 1];
        assert!(matches!(idle[0].read(&mut b), Ok(0) | Err(_)));
        stop.store(15, Ordering::SeqCst);
        let s = h.join().unwrap().unwrap();
        assert_eq!(s.signal, 15);
        assert!(s.drained);
    }

    #[test]
    fn a_burst_larger_than_the_workers_is_queued_not_refused() {
        let (addr, _twin, stop, h) = start(64);
        let mut clients: Vec<TcpStream> =
            (0..48).map(|_| TcpStream::connect(addr).unwrap()).collect();
        for c in &mut clients {
            c.write_all(b"GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n")
                .unwrap();
        }
        for c in &mut clients {
            c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut out = String::new();
            let _ = c.read_to_string(&mut out);
            assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
        }
        stop.store(15, Ordering::SeqCst);
        assert!(h.join().unwrap().unwrap().drained);
    }

    #[test]
    fn keep_alive_pipelining_and_limits() {
        let (addr, _twin, stop, h) = start(8);
        // Two pipelined requests on one connection, then close.
        let r = get(
            addr,
            b"GET /api/v1/health/live HTTP/1.1\r\n\r\nHEAD /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(r.matches("HTTP/1.1 200 OK").count(), 2, "{r}");
        assert!(r.contains("Connection: keep-alive"), "{r}");
        // A long request line: 414 as soon as the limit is passed.
        let mut long = b"GET /".to_vec();
        long.extend(std::iter::repeat_n(b'a', MAX_REQUEST_LINE + 10));
        assert!(get(addr, &long).starts_with("HTTP/1.1 414"));
        let mut big = b"GET / HTTP/1.1\r\nX: ".to_vec();
        big.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        assert!(get(addr, &big).starts_with("HTTP/1.1 431"));
        assert!(get(addr, b"GET / HTTP/2.5\r\n\r\n").starts_with("HTTP/1.1 505"));
        assert!(get(addr, b"\x01\x02 / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400"));
        stop.store(2, Ordering::SeqCst);
        assert_eq!(h.join().unwrap().unwrap().signal, 2);
    }

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
