//! A small real HTTP/1.1 server on 127.0.0.1 for the blocklist tests: routes
//! are closures that see the request headers and can delay, redirect,
//! compress or refuse. One thread per connection; `Connection: close`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub path: String,
    pub headers: HashMap<String, String>,
}

impl Request {
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers
            .get(&k.to_ascii_lowercase())
            .map(String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Response {
    pub fn ok(body: impl Into<Vec<u8>>) -> Response {
        Response {
            status: 200,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }
    pub fn redirect(to: &str) -> Response {
        Response::status(302).header("Location", to)
    }
    pub fn header(mut self, k: &str, v: &str) -> Response {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn delayed(mut self, d: Duration) -> Response {
        self.delay = d;
        self
    }
}

type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

#[derive(Clone, Default)]
struct State {
    routes: Arc<Mutex<HashMap<String, Handler>>>,
    log: Arc<Mutex<Vec<Request>>>,
}

pub struct HttpServer {
    pub port: u16,
    state: State,
}

impl HttpServer {
    pub fn start() -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let state = State::default();
        let st = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let st = st.clone();
                std::thread::spawn(move || {
                    let _ = serve(conn, &st);
                });
            }
        });
        HttpServer { port, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Serve `path` with a handler.
    pub fn route(&self, path: &str, h: impl Fn(&Request) -> Response + Send + Sync + 'static) {
        self.state
            .routes
            .lock()
            .unwrap()
            .insert(path.into(), Arc::new(h));
    }

    /// Serve fixed text with an ETag derived from it, answering 304 to a
    /// matching If-None-Match.
    pub fn text_with_etag(&self, path: &str, text: &str) {
        let body = text.to_string();
        let etag = format!(
            "\"{:x}\"",
            body.len() * 31 + body.bytes().map(usize::from).sum::<usize>()
        );
        self.route(path, move |r| {
            if r.header("if-none-match") == Some(etag.as_str()) {
                Response::status(304).header("ETag", &etag)
            } else {
                Response::ok(body.clone()).header("ETag", &etag)
            }
        });
    }

    pub fn text(&self, path: &str, text: &str) {
        let body = text.to_string();
        self.route(path, move |_| Response::ok(body.clone()));
    }

    /// Requests seen for `path`.
    pub fn requests(&self, path: &str) -> Vec<Request> {
        self.state
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

fn serve(conn: TcpStream, st: &State) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let req = Request { path, headers };
    st.log.lock().unwrap().push(req.clone());
    let handler = st.routes.lock().unwrap().get(&req.path).cloned();
    let resp = match handler {
        Some(h) => h(&req),
        None => Response::status(404),
    };
    std::thread::sleep(resp.delay);
    let mut out = conn;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nConnection: close\r\nContent-Length: {}\r\n",
        resp.status,
        resp.body.len()
    );
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if resp.status != 304 {
        out.write_all(&resp.body)?;
    }
    out.flush()
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    use flate2::{Compression, write::GzEncoder};
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}
