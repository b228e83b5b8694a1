//! Downloading a feed: a conditional GET with ureq (ETag / Last-Modified),
//! connect and read timeouts, a body cap enforced while streaming (after
//! gzip decoding, so a small bomb cannot grow past it), at most five
//! redirects that never leave the allowed schemes, and `file://` reads for
//! sources that allow them. It returns a reader; it parses nothing.

use std::io::{BufRead, BufReader, Read};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::util::sanitize;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;

#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub connect_timeout: Duration,
    /// Upper bound for the response headers, and separately for the body.
    pub read_timeout: Duration,
    pub max_body_bytes: u64,
    pub user_agent: String,
    /// CA certificates (PEM) to check HTTPS servers against instead of the
    /// built-in Mozilla roots.
    pub ca_file: Option<std::path::PathBuf>,
    pub allow_http: bool,
    pub allow_file: bool,
    /// An HTTP(S) proxy URL; the caller reads it from the environment.
    pub proxy: Option<String>,
}

/// The validators of the last complete import.
#[derive(Debug, Clone, Default)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A body to parse, with what the server said about it.
pub struct Body {
    pub reader: Box<dyn BufRead>,
    pub http_status: Option<u16>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// From Content-Length (or the file size): for the progress bar.
    pub length: Option<u64>,
    /// The URL after redirects.
    pub final_url: String,
}

pub enum Fetched {
    /// 304: nothing changed since the validators were taken.
    NotModified {
        http_status: u16,
    },
    Body(Body),
}

/// Why a download failed, in words an operator can act on.
fn fetch_error(url: &str, what: impl std::fmt::Display) -> Error {
    Error::Fetch {
        message: format!("fetching {}: {what}", sanitize(url)),
        http_status: None,
    }
}

/// A download the server answered with `status`, which is kept for the
/// import record.
fn status_error(url: &str, status: u16, what: impl std::fmt::Display) -> Error {
    Error::Fetch {
        message: format!("fetching {}: {what}", sanitize(url)),
        http_status: Some(status),
    }
}

/// Map ureq's error to an explanation (timeouts and size caps by name).
fn ureq_error(url: &str, e: ureq::Error, opts: &FetchOptions) -> Error {
    match e {
        ureq::Error::Timeout(t) => fetch_error(
            url,
            format!(
                "timed out ({t}); the limits are blocklist.connect_timeout and blocklist.read_timeout"
            ),
        ),
        ureq::Error::BodyExceedsLimit(_) => body_too_large(url, opts.max_body_bytes),
        ureq::Error::HostNotFound => fetch_error(url, "host not found"),
        ureq::Error::ConnectionFailed => fetch_error(url, "connection failed"),
        e => fetch_error(url, e),
    }
}

fn body_too_large(url: &str, max: u64) -> Error {
    Error::bad_input(format!(
        "{} is larger than blocklist.max_body_bytes ({max} bytes); nothing was applied",
        sanitize(url)
    ))
}

/// The certificates of a `blocklist.ca_file` (PEM; other PEM items are skipped).
fn read_ca_file(path: &std::path::Path) -> Result<Vec<ureq::tls::Certificate<'static>>> {
    let pem = std::fs::read(path).map_err(|e| {
        Error::config(format!(
            "blocklist.ca_file {}: cannot read it: {e}",
            path.display()
        ))
    })?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::config(format!(
                    "blocklist.ca_file {}: not a PEM file: {e}",
                    path.display()
                )));
            }
        }
    }
    if certs.is_empty() {
        return Err(Error::config(format!(
            "blocklist.ca_file {} holds no PEM certificate",
            path.display()
        )));
    }
    Ok(certs)
}

/// Resolve a Location header against the URL it came from.
pub fn resolve(base: &str, loc: &str) -> String {
    if loc.contains("://") {
        return loc.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if let Some(l) = loc.strip_prefix("//") {
        return format!("{scheme}://{l}");
    }
    if loc.starts_with('/') {
        return format!("{scheme}://{authority}{loc}");
    }
    let path = &rest[authority.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    format!("{scheme}://{authority}{dir}{loc}")
}

/// Turns a read error from ureq's body reader into the right message.
struct MapErrors<R> {
    inner: R,
    url: String,
    max: u64,
}

impl<R: Read> Read for MapErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let err = match ureq::Error::from(e) {
                ureq::Error::BodyExceedsLimit(_) => body_too_large(&self.url, self.max),
                ureq::Error::Timeout(t) => fetch_error(
                    &self.url,
                    format!(
                        "timed out reading the body ({t}); the limit is blocklist.read_timeout"
                    ),
                ),
                other => fetch_error(&self.url, other),
            };
            std::io::Error::other(err)
        })
    }
}

/// A file body under the same cap as a download.
struct CappedFile {
    inner: std::io::Take<std::fs::File>,
    path: String,
    max: u64,
    read: u64,
}

impl Read for CappedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.max {
            return Err(std::io::Error::other(body_too_large(&self.path, self.max)));
        }
        Ok(n)
    }
}

fn open_file(url: &str, opts: &FetchOptions) -> Result<Fetched> {
    let path = url.strip_prefix("file://").unwrap_or(url);
    let f = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NoInput {
            what: "blocklist file".into(),
            path: path.into(),
        },
        _ => Error::io(format!("opening blocklist file {path}"), path, e),
    })?;
    let length = f.metadata().ok().map(|m| m.len());
    Ok(Fetched::Body(Body {
        reader: Box::new(BufReader::with_capacity(
            1 << 16,
            CappedFile {
                inner: f.take(opts.max_body_bytes.saturating_add(1)),
                path: path.to_string(),
                max: opts.max_body_bytes,
                read: 0,
            },
        )),
        http_status: None,
        etag: None,
        last_modified: None,
        length,
        final_url: url.to_string(),
    }))
}

fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.len() <= 512)
}

/// Fetch `url`. `cond` makes it a conditional GET (None: unconditional).
pub fn fetch(url: &str, opts: &FetchOptions, cond: Option<&Conditional>) -> Result<Fetched> {
    super::source::check_url(url, opts.allow_http, opts.allow_file)?;
    if super::source::scheme(url).as_deref() == Some("file") {
        return open_file(url, opts);
    }
    let proxy = match &opts.proxy {
        Some(p) => Some(
            ureq::Proxy::new(p)
                .map_err(|e| Error::config(format!("invalid proxy {:?}: {e}", sanitize(p))))?,
        ),
        None => None,
    };
    let mut tls = ureq::tls::TlsConfig::builder();
    if let Some(path) = &opts.ca_file {
        tls = tls.root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(
            read_ca_file(path)?,
        )));
    }
    // Redirects are followed here, not by ureq, so that every hop is checked
    // against the source's scheme policy (https → http only with allow_http,
    // never to file://).
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls.build())
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_recv_response(Some(opts.read_timeout))
        .timeout_recv_body(Some(opts.read_timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .https_only(!opts.allow_http)
        .user_agent(opts.user_agent.as_str())
        .proxy(proxy)
        .build()
        .into();
    let mut current = url.to_string();
    let mut hops = 0u32;
    loop {
        let mut req = agent.get(&current);
        if let Some(c) = cond {
            if let Some(e) = &c.etag {
                req = req.header("If-None-Match", e.as_str());
            }
            if let Some(m) = &c.last_modified {
                req = req.header("If-Modified-Since", m.as_str());
            }
        }
        let resp = req.call().map_err(|e| ureq_error(&current, e, opts))?;
        let status = resp.status().as_u16();
        match status {
            301 | 302 | 303 | 307 | 308 => {
                let loc = header(&resp, "location").ok_or_else(|| {
                    status_error(
                        &current,
                        status,
                        format!("HTTP {status} without a Location"),
                    )
                })?;
                let next = resolve(&current, &loc);
                hops += 1;
                if hops > MAX_REDIRECTS {
                    return Err(fetch_error(
                        url,
                        format!("more than {MAX_REDIRECTS} redirects"),
                    ));
                }
                match super::source::scheme(&next).as_deref() {
                    Some("https") => {}
                    Some("http") if opts.allow_http => {}
                    _ => {
                        return Err(fetch_error(
                            url,
                            format!(
                                "redirected to {}, which this source may not fetch (https only, http with --allow-http, never file)",
                                sanitize(&next)
                            ),
                        ));
                    }
                }
                current = next;
            }
            304 => return Ok(Fetched::NotModified { http_status: 304 }),
            200 => {
                let etag = header(&resp, "etag");
                let last_modified = header(&resp, "last-modified");
                let length = header(&resp, "content-length").and_then(|v| v.parse().ok());
                let reader = resp
                    .into_body()
                    .into_with_config()
                    .limit(opts.max_body_bytes)
                    .reader();
                return Ok(Fetched::Body(Body {
                    reader: Box::new(BufReader::with_capacity(
                        1 << 16,
                        MapErrors {
                            inner: reader,
                            url: current.clone(),
                            max: opts.max_body_bytes,
                        },
                    )),
                    http_status: Some(200),
                    etag,
                    last_modified,
                    length,
                    final_url: current,
                }));
            }
            s => {
                return Err(status_error(
                    &current,
                    s,
                    format!("the server answered HTTP {s}; nothing was applied"),
                ));
            }
        }
    }
}

/// The library error a reader wrapped in an I/O error, or a read failure.
pub fn reader_error(e: std::io::Error) -> Error {
    if e.get_ref().is_some_and(|i| i.is::<Error>()) {
        if let Some(inner) = e.into_inner()
            && let Ok(err) = inner.downcast::<Error>()
        {
            return *err;
        }
        return Error::Other("reading the feed failed".into());
    }
    Error::Other(format!("reading the feed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_locations() {
        assert_eq!(
            resolve("https://a.example/x/y.txt", "z.txt"),
            "https://a.example/x/z.txt"
        );
        assert_eq!(
            resolve("https://a.example/x/y.txt", "/z"),
            "https://a.example/z"
        );
        assert_eq!(resolve("https://a.example", "z"), "https://a.example/z");
        assert_eq!(
            resolve("https://a.example/x", "//b.example/q"),
            "https://b.example/q"
        );
        assert_eq!(
            resolve("https://a.example/x", "http://b.example/q"),
            "http://b.example/q"
        );
        assert_eq!(resolve("http://a:8080/x?q=1", "y"), "http://a:8080/y");
    }
}
