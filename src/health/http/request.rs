//! Reading a request head within its limits (414 for a long target, 431 for large
//! headers, without buffering more than the limit) and acting on it.

use std::sync::mpsc;
use std::time::Instant;

use super::reply::{Reply, early_reply, endpoint_label};
use super::server::{Job, Phase, Server};
use super::{MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES};

/// The longest request line (method, target, version) read before 414.
pub(super) const MAX_REQUEST_LINE: usize = MAX_URL_BYTES + 32;
/// The most a request head may take before 431: nothing more is buffered.
pub(super) const MAX_HEAD: usize = MAX_REQUEST_LINE + MAX_HEADER_BYTES;

impl Server {
    /// Act on a whole request head in the buffer, or on a head that has
    /// grown past its limits.
    pub(super) fn parse(&mut self, id: u64) {
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
