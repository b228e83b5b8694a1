use std::io::Read;
use std::net::TcpStream;

use super::request::{MAX_HEAD, MAX_REQUEST_LINE};
use super::server::accept_error_is_fatal;
use super::*;
use crate::health::HealthReport;

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
    let mut clients: Vec<TcpStream> = (0..48).map(|_| TcpStream::connect(addr).unwrap()).collect();
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
