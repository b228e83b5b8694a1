//! The poll loop: one thread owns the listener and every connection, accepts within
//! the connection cap, reads, writes and drains without blocking, hands checked
//! endpoints to the workers and closes connections whose deadline has passed.

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags};

use super::reply::Reply;
use super::request::MAX_HEAD;
use super::shared::Shared;
use crate::{Error, Result};

/// The loop looks at the stop flag this often while idle.
const POLL: Duration = Duration::from_millis(100);
/// Bytes read from one connection per turn of the loop.
const READ_CHUNK: usize = 8192;
/// After the last response, at most this much is read and discarded (for
/// at most `DRAIN_TIME`) so that the client gets the response, not a reset.
const DRAIN_BYTES: usize = 256 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(2);

/// A request for a checked endpoint, handed to a worker.
pub(super) struct Job {
    pub(super) id: u64,
    pub(super) endpoint: &'static str,
}

/// A worker's answer to a [`Job`].
pub(super) struct Done {
    pub(super) id: u64,
    pub(super) reply: Reply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
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

pub(super) struct Conn {
    pub(super) stream: TcpStream,
    pub(super) peer: IpAddr,
    pub(super) phase: Phase,
    /// Bytes of the request head read so far, and of a pipelined next one.
    pub(super) buf: Vec<u8>,
    pub(super) out: Vec<u8>,
    pub(super) sent: usize,
    /// Whether to wait for another request once `out` is sent.
    pub(super) keep_alive: bool,
    /// When the current phase must be over (the whole head read, the
    /// response taken, the draining done).
    pub(super) deadline: Instant,
    /// Reading: when a byte last arrived or the wait began.
    pub(super) last_byte: Instant,
    /// Reading: when the wait began; the longest waiting is closed first.
    pub(super) since: Instant,
    pub(super) drained: usize,
    /// The request being answered: its endpoint, when its head was complete,
    /// and whether it was HEAD.
    pub(super) endpoint: &'static str,
    pub(super) started: Instant,
    pub(super) head_only: bool,
}

/// The event loop: owns the listener and every connection; workers only
/// compute answers for the checked endpoints.
pub(super) struct Server {
    pub(super) listener: Option<TcpListener>,
    pub(super) conns: HashMap<u64, Conn>,
    pub(super) next_id: u64,
    pub(super) shared: Arc<Shared>,
    pub(super) jobs: Option<mpsc::SyncSender<Job>>,
    pub(super) max_connections: usize,
    pub(super) timeout: Duration,
    pub(super) stopping: bool,
    /// Connections whose buffer may hold a whole request already.
    pub(super) reparse: Vec<u64>,
    /// When out-of-descriptor errors were last logged.
    pub(super) last_resource_warning: Option<Instant>,
}

/// Whether an `accept` error means the listening socket is gone, rather than
/// a client that gave up or a momentary shortage.
pub(super) fn accept_error_is_fatal(e: &std::io::Error) -> bool {
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
    pub(super) fn in_flight(&self) -> usize {
        self.conns
            .values()
            .filter(|c| matches!(c.phase, Phase::Busy | Phase::Writing))
            .count()
    }

    /// Stop accepting, close every connection that waits for a request,
    /// let the answers in progress go out.
    pub(super) fn begin_stop(&mut self) {
        self.stopping = true;
        self.listener = None;
        self.conns
            .retain(|_, c| matches!(c.phase, Phase::Busy | Phase::Writing));
    }

    /// One wait for events and everything they call for.
    pub(super) fn turn(
        &mut self,
        wake_rx: &UnixStream,
        done_rx: &mpsc::Receiver<Done>,
    ) -> Result<()> {
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

    /// Queue a response on the connection and start sending it.
    pub(super) fn answer(&mut self, id: u64, reply: Reply) {
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
