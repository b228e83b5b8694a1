//! The connection to fail2ban's Unix socket: connect with retry, frame requests,
//! read replies under a deadline and a size cap, and turn error replies into
//! typed errors. It knows no command's meaning (that is `api`) and never prints.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::io::Errno;
use rustix::net::{AddressFamily, SocketAddrUnix, SocketFlags, SocketType};

use super::pickle::{self, Arg, CLOSE_COMMAND, END_COMMAND, Value};
use crate::{Error, Result};

/// The socket fail2ban uses unless its configuration says otherwise.
pub const DEFAULT_SOCKET: &str = "/var/run/fail2ban/fail2ban.sock";

/// Waits between connection attempts. fail2ban listens with a backlog of one
/// and serves every client from one thread, so a busy server refuses briefly.
const BACKOFF_MS: [u64; 5] = [20, 50, 100, 200, 400];

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub socket: PathBuf,
    /// Upper bound for connecting, retries included.
    pub connect_timeout: Duration,
    /// Upper bound for one whole reply (not per read): bans run fail2ban's
    /// actions synchronously, so a slow firewall makes replies slow.
    pub read_timeout: Duration,
    /// Extra attempts after a refused or busy connect.
    pub connect_retries: u32,
    /// Largest reply accepted, without the end marker.
    pub max_reply_bytes: usize,
}

impl ClientOptions {
    /// The options the configuration asks for.
    pub fn from_config(f: &crate::config::Fail2banConfig) -> ClientOptions {
        ClientOptions {
            socket: f.socket.clone(),
            connect_timeout: Duration::from_secs(f.connect_timeout_s.max(1)),
            read_timeout: Duration::from_secs(f.timeout_s.max(1)),
            connect_retries: f.connect_retries,
            max_reply_bytes: f.max_reply_bytes,
        }
    }
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            socket: PathBuf::from(DEFAULT_SOCKET),
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(30),
            connect_retries: 5,
            max_reply_bytes: 64 << 20,
        }
    }
}

/// Something that runs one fail2ban command. The socket [`Client`] is the real
/// one; tests substitute canned replies.
pub trait Transport {
    /// Send one request and return the value of a successful `(0, value)` reply.
    fn call(&mut self, args: &[Arg]) -> Result<Value>;
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn call(&mut self, args: &[Arg]) -> Result<Value> {
        (**self).call(args)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn call(&mut self, args: &[Arg]) -> Result<Value> {
        (**self).call(args)
    }
}

/// A connection lent out of a `RefCell`, as a caller holding one per process does.
impl<T: Transport + ?Sized> Transport for std::cell::RefMut<'_, T> {
    fn call(&mut self, args: &[Arg]) -> Result<Value> {
        (**self).call(args)
    }
}

/// One connection to fail2ban, reused for every command of an invocation.
#[derive(Debug)]
pub struct Client {
    opts: ClientOptions,
    /// `None` once an I/O failure left the stream in an unknown position: a
    /// late reply would otherwise be read as the answer to the next command.
    stream: Option<UnixStream>,
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

impl Client {
    pub fn connect(opts: ClientOptions) -> Result<Client> {
        let stream = connect_stream(&opts)?;
        let unavailable = |e: std::io::Error| Error::Fail2banUnavailable {
            socket: opts.socket.clone(),
            reason: format!("cannot configure the connection: {e}"),
        };
        stream.set_nonblocking(false).map_err(unavailable)?;
        stream
            .set_write_timeout(Some(opts.read_timeout))
            .map_err(unavailable)?;
        Ok(Client {
            opts,
            stream: Some(stream),
        })
    }

    /// False once an I/O failure has broken the connection (see `stream`):
    /// every later command on it fails, so a caller may connect again.
    pub fn is_open(&self) -> bool {
        self.stream.is_some()
    }

    pub fn socket(&self) -> &Path {
        &self.opts.socket
    }

    pub fn options(&self) -> &ClientOptions {
        &self.opts
    }

    fn unavailable(&self, reason: impl Into<String>) -> Error {
        Error::Fail2banUnavailable {
            socket: self.opts.socket.clone(),
            reason: reason.into(),
        }
    }

    /// Send one framed request and return the reply pickle without the marker.
    fn round_trip(&mut self, request: &[u8]) -> Result<Vec<u8>> {
        let Some(mut stream) = self.stream.take() else {
            return Err(self.unavailable("connection lost after an earlier error"));
        };
        let reply = self.exchange(&mut stream, request)?;
        // Only a complete exchange puts the stream back; see `stream`.
        self.stream = Some(stream);
        Ok(reply)
    }

    fn exchange(&self, stream: &mut UnixStream, request: &[u8]) -> Result<Vec<u8>> {
        let mut frame = Vec::with_capacity(request.len() + END_COMMAND.len());
        frame.extend_from_slice(request);
        frame.extend_from_slice(END_COMMAND);
        let timeout = self.opts.read_timeout;
        if let Err(e) = stream.write_all(&frame) {
            return Err(self.io_failure(&e, "sending the command", timeout));
        }

        let deadline = Instant::now() + timeout;
        let cap = self.opts.max_reply_bytes.saturating_add(END_COMMAND.len());
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(self.timed_out(timeout));
            }
            // A per-read timeout alone would let a trickling server hold us forever.
            if let Err(e) = stream.set_read_timeout(Some(left)) {
                return Err(self.io_failure(&e, "setting the read timeout", timeout));
            }
            match stream.read(&mut chunk) {
                Ok(0) => {
                    return Err(self.unavailable(if buf.is_empty() {
                        "connection closed by the server before it replied"
                    } else {
                        "connection closed in the middle of a reply"
                    }));
                }
                Ok(n) => {
                    buf.extend_from_slice(&chunk[..n]);
                    if buf.ends_with(END_COMMAND) {
                        buf.truncate(buf.len() - END_COMMAND.len());
                        return Ok(buf);
                    }
                    if buf.len() > cap {
                        return Err(Error::Protocol(format!(
                            "reply larger than {} bytes without an end marker",
                            self.opts.max_reply_bytes
                        )));
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io_failure(&e, "reading the reply", timeout)),
            }
        }
    }

    fn timed_out(&self, timeout: Duration) -> Error {
        self.unavailable(format!(
            "timed out after {} waiting for a reply",
            secs(timeout)
        ))
    }

    fn io_failure(&self, e: &std::io::Error, doing: &str, timeout: Duration) -> Error {
        match e.kind() {
            ErrorKind::WouldBlock | ErrorKind::TimedOut => self.timed_out(timeout),
            ErrorKind::BrokenPipe | ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
                self.unavailable(format!("connection closed while {doing}"))
            }
            _ => self.unavailable(format!("{doing} failed: {e}")),
        }
    }
}

impl Transport for Client {
    fn call(&mut self, args: &[Arg]) -> Result<Value> {
        let request = pickle::encode_request(args)?;
        let reply = self.round_trip(&request)?;
        interpret_reply(&reply)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(mut stream) = self.stream.take() {
            // Best effort: the server also copes with a plain disconnect, and a
            // hung server must not make dropping the client hang.
            let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
            let mut close = CLOSE_COMMAND.to_vec();
            close.extend_from_slice(END_COMMAND);
            let _ = stream.write_all(&close);
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

fn connect_stream(opts: &ClientOptions) -> Result<UnixStream> {
    let path = &opts.socket;
    let unavailable = |reason: String| Error::Fail2banUnavailable {
        socket: path.clone(),
        reason,
    };
    // Checked first so a wrong path gets a precise reason instead of a bare
    // "connection refused" (which is what connecting to a regular file gives).
    match std::fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(unavailable("socket not found".into()));
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            return Err(Error::PermissionDenied {
                path: path.clone(),
                detail: format!("cannot reach fail2ban's socket: {e}"),
            });
        }
        Err(e) => return Err(unavailable(format!("cannot inspect the socket: {e}"))),
        Ok(m) if !m.file_type().is_socket() => {
            return Err(unavailable("the path exists but is not a socket".into()));
        }
        Ok(_) => {}
    }
    let addr = SocketAddrUnix::new(path.as_path())
        .map_err(|e| unavailable(format!("unusable socket path: {e}")))?;

    let deadline = Instant::now() + opts.connect_timeout;
    let mut attempt: u32 = 0;
    loop {
        let fd = rustix::net::socket_with(
            AddressFamily::UNIX,
            SocketType::STREAM,
            // Non-blocking so a full backlog reports EAGAIN instead of blocking
            // without a timeout.
            SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
            None,
        )
        .map_err(|e| unavailable(format!("cannot create a socket: {e}")))?;
        let errno = match rustix::net::connect(&fd, &addr) {
            Ok(()) => return Ok(UnixStream::from(fd)),
            Err(e) => e,
        };
        match errno {
            Errno::AGAIN | Errno::CONNREFUSED | Errno::INTR => {
                let now = Instant::now();
                if attempt >= opts.connect_retries || now >= deadline {
                    let reason = if errno == Errno::AGAIN && now >= deadline {
                        format!(
                            "timed out after {} waiting to connect (server busy)",
                            secs(opts.connect_timeout)
                        )
                    } else if errno == Errno::AGAIN {
                        format!(
                            "server busy: connection backlog full after {} attempts",
                            attempt + 1
                        )
                    } else {
                        format!(
                            "connection refused after {} attempts (stale socket?)",
                            attempt + 1
                        )
                    };
                    return Err(unavailable(reason));
                }
                let idx = usize::try_from(attempt).unwrap_or(usize::MAX);
                let wait = Duration::from_millis(BACKOFF_MS[idx.min(BACKOFF_MS.len() - 1)]);
                std::thread::sleep(wait.min(deadline - now));
                attempt += 1;
            }
            Errno::ACCESS | Errno::PERM => {
                return Err(Error::PermissionDenied {
                    path: path.clone(),
                    detail: "connecting to fail2ban's socket needs root or the server's user"
                        .into(),
                });
            }
            Errno::NOENT => return Err(unavailable("socket not found".into())),
            other => return Err(unavailable(format!("connect failed: {other}"))),
        }
    }
}

/// Decode one reply pickle (without the end marker) and turn fail2ban's error
/// forms into errors: a bare `"ERROR: …"` string, or `(1, exception)`.
pub fn interpret_reply(reply: &[u8]) -> Result<Value> {
    let value = pickle::decode(reply)?;
    match value {
        Value::Tuple(items) if items.len() == 2 => match <[Value; 2]>::try_from(items) {
            Ok([code, payload]) => match code.as_int() {
                Some(0) => Ok(payload),
                Some(1) => Err(exception_error(payload)),
                _ => Err(Error::Protocol(format!(
                    "reply code is not 0 or 1 but {}",
                    code.repr()
                ))),
            },
            Err(_) => Err(Error::Protocol("malformed reply pair".into())),
        },
        Value::Str(s) => {
            let message = s.strip_prefix("ERROR:").map_or(s.as_str(), str::trim);
            Err(Error::Fail2ban {
                class: "ERROR".into(),
                message: message.to_owned(),
            })
        }
        other => Err(Error::Protocol(format!(
            "expected a (code, value) pair, got a {}",
            other.type_name()
        ))),
    }
}

fn exception_error(exc: Value) -> Error {
    match exc {
        Value::Object {
            module, name, args, ..
        } => {
            let first = args.first().and_then(Value::as_str).map(str::to_owned);
            if module == "fail2ban.exceptions" && name == "UnknownJailException" {
                return Error::NoSuchJail {
                    jail: first.unwrap_or_else(|| Value::Tuple(args).repr()),
                    known: Vec::new(),
                };
            }
            let class = format!("{module}.{name}");
            let message = match first {
                Some(m) => m,
                None if args.is_empty() => class.clone(),
                None => Value::Tuple(args).repr(),
            };
            Error::Fail2ban { class, message }
        }
        other => Error::Fail2ban {
            class: "unknown".into(),
            message: other.repr(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fail2ban::testdata as td;

    #[test]
    fn ok_reply_yields_value() {
        let v = interpret_reply(&td::bytes(td::PING)).unwrap();
        assert_eq!(v, Value::Str("pong".into()));
    }

    #[test]
    fn unknown_jail_becomes_no_such_jail() {
        match interpret_reply(&td::bytes(td::UNKNOWN_JAIL)) {
            Err(Error::NoSuchJail { jail, known }) => {
                assert_eq!(jail, "nojail");
                assert!(known.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn exception_keeps_class_and_message() {
        match interpret_reply(&td::bytes(td::INVALID_COMMAND)) {
            Err(Error::Fail2ban { class, message }) => {
                assert_eq!(class, "builtins.Exception");
                assert_eq!(message, "Invalid command");
            }
            other => panic!("{other:?}"),
        }
        match interpret_reply(&td::bytes(td::NAME_ERROR)) {
            Err(Error::Fail2ban { class, message }) => {
                assert_eq!(class, "builtins.NameError");
                assert_eq!(message, "name 'abc' is not defined");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bare_error_string() {
        match interpret_reply(&td::bytes(td::BARE_ERROR)) {
            Err(Error::Fail2ban { class, message }) => {
                assert_eq!(class, "ERROR");
                assert_eq!(message, "Memo value not found at index 101");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn odd_shapes_are_protocol_errors() {
        // (2, 'x'), a bare int, and garbage.
        for bad in [&b"K\x02\x8c\x01x\x86."[..], b"K\x05.", b"garbage"] {
            assert!(
                matches!(interpret_reply(bad), Err(Error::Protocol(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn defaults() {
        let o = ClientOptions::default();
        assert_eq!(o.socket, PathBuf::from("/var/run/fail2ban/fail2ban.sock"));
        assert_eq!(o.read_timeout, Duration::from_secs(30));
        assert_eq!(o.connect_retries, 5);
        assert_eq!(o.max_reply_bytes, 64 * 1024 * 1024);
        assert_eq!(secs(Duration::from_millis(200)), "0.2 s");
        assert_eq!(secs(Duration::from_secs(30)), "30 s");
    }
}
