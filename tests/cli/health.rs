//! `bangui health` and `bangui serve-health` against a real fail2ban-server,
//! with real HTTP requests over TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::TestEnv;
use crate::support::fail2ban::Fail2ban;

/// A config that makes every check pass when fail2ban runs: a readable
/// config dir and a fresh geo database.
pub fn healthy_config(env: &TestEnv, extra: &str) {
    let geo = env.path().join("geo.mmdb");
    crate::geo::country_db(&geo);
    let conf =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fail2ban/conf");
    env.write_config(&format!(
        "[fail2ban]\nconfig_dir = \"{}\"\n\n[geo]\ncountry_db = \"{}\"\n\n{extra}\n",
        conf.display(),
        geo.display()
    ));
}

struct Served {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    fn start(env: &TestEnv, extra_args: &[&str]) -> Served {
        let mut child = env
            .cmd()
            .args(["serve-health", "--listen", "127.0.0.1:0"])
            .args(extra_args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn serve-health");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://127.0.0.1:").nth(1) {
                    let _ = tx.send(rest.trim().parse::<u16>().unwrap_or(0));
                }
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let port = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(p) => p,
            Err(_) => {
                let _ = child.kill();
                let out = child.wait_with_output().unwrap();
                panic!(
                    "serve-health did not start ({:?}): {}",
                    out.status,
                    stderr.lock().unwrap()
                );
            }
        };
        Served {
            child,
            port,
            stderr,
        }
    }

    fn get(&self, path: &str) -> Resp {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ))
    }

    fn request(&self, raw: &str) -> Resp {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        Resp::parse(&String::from_utf8_lossy(&buf))
    }

    fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig}");
    }

    /// Stop with SIGTERM and return (exit code, seconds it took).
    fn terminate(mut self) -> (i32, f64) {
        let t = Instant::now();
        self.signal("TERM");
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return (st.code().unwrap_or(-1), t.elapsed().as_secs_f64());
            }
            assert!(
                t.elapsed() < Duration::from_secs(20),
                "no exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
struct Resp {
    code: u16,
    head: String,
    body: String,
}

impl Resp {
    fn parse(text: &str) -> Resp {
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text, ""));
        let code = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        Resp {
            code,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.head, self.body))
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    #[track_caller]
    fn code(&self, expected: u16) -> &Resp {
        assert_eq!(self.code, expected, "{}\n\n{}", self.head, self.body);
        self
    }
}

fn metric(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in:\n{text}"))
}

#[test]
fn healthy_server_answers_and_stops_on_sigterm() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "");
    let s = Served::start(&env, &[]);

    let r = s.get("/api/v1/health");
    r.code(200);
    let doc = r.json();
    assert_eq!(doc["status"], "ok", "{doc}");
    assert_eq!(doc["components"]["fail2ban"]["healthy"], true);
    assert!(doc["fail2ban_version"].is_string());
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );

    let r = s.get("/api/v1/health/ready");
    r.code(200);
    let doc = r.json();
    assert_eq!(doc["ready"], true);
    assert_eq!(doc["failed_count"], 0);
    assert_eq!(doc["checks"].as_array().unwrap().len(), 8);

    let r = s.get("/api/v1/health/live");
    r.code(200);
    assert_eq!(r.json()["status"], "alive");

    let r = s.get("/metrics");
    r.code(200);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    assert_eq!(metric(&r.body, "bangui_up"), 1.0);
    assert!(r.body.contains("# TYPE bangui_jail_banned_current gauge"));
    assert!(
        r.body
            .contains("bangui_jail_banned_current{jail=\"bangui-test\"}"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "bangui_http_request_duration_seconds_bucket{endpoint=\"live\",le=\"+Inf\"} 1"
        )
    );

    let r = s.request("HEAD /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    r.code(200);
    assert!(r.body.is_empty(), "HEAD has no body: {:?}", r.body);

    for m in ["POST", "PUT", "DELETE"] {
        let r = s.request(&format!(
            "{m} /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ));
        r.code(405);
        assert_eq!(r.header("allow").as_deref(), Some("GET, HEAD"));
    }
    s.get("/api/v1/nope").code(404);
    s.get("/").code(404);

    let stderr = Arc::clone(&s.stderr);
    let (code, secs) = s.terminate();
    assert_eq!(code, 143);
    assert!(secs < 5.0, "shutdown took {secs} s");
    // A stop by SIGTERM is the expected end: no error line.
    std::thread::sleep(Duration::from_millis(100));
    let text = stderr.lock().unwrap().clone();
    assert!(!text.contains("error"), "{text}");
}

#[test]
fn fail2ban_going_down_shows_within_the_cache_time() {
    let server = Fail2ban::private();
    let env = TestEnv::with_server(&server);
    healthy_config(&env, "[health]\ncache_ms = 500\n");
    let s = Served::start(&env, &[]);
    s.get("/api/v1/health").code(200);

    server.stop();
    let t = Instant::now();
    let r = loop {
        let r = s.get("/api/v1/health");
        if r.code == 503 || t.elapsed() > Duration::from_secs(15) {
            break r;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    r.code(503);
    assert_eq!(r.json()["status"], "unavailable");
    assert_eq!(r.json()["components"]["fail2ban"]["healthy"], false);

    let r = s.get("/api/v1/health/ready");
    r.code(503);
    let doc = r.json();
    assert_eq!(doc["ready"], false);
    assert!(
        doc["failed"]
            .as_array()
            .unwrap()
            .contains(&"fail2ban".into()),
        "{doc}"
    );
    assert!(doc["failed_count"].as_u64().unwrap() >= 1);

    s.get("/api/v1/health/live").code(200);
    let m = s.get("/metrics");
    m.code(200);
    assert_eq!(metric(&m.body, "bangui_up"), 0.0);

    let r = env.run(&["health", "--json"]);
    r.code(69);
    assert_eq!(r.json()["data"]["status"], "unavailable");
    let r = env.run(&["health", "--nagios"]);
    r.code(2);
    assert!(
        r.stdout
            .starts_with("BANGUI CRITICAL - fail2ban unavailable"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_corrupt_database_degrades() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "");
    let garbage: Vec<u8> = (0..16384u32).map(|i| (i * 13 % 251) as u8).collect();
    std::fs::write(env.db(), &garbage).unwrap();
    let s = Served::start(&env, &[]);

    let r = s.get("/api/v1/health");
    r.code(200);
    let doc = r.json();
    assert_eq!(doc["status"], "degraded", "{doc}");
    assert_eq!(doc["components"]["database"]["healthy"], false);
    assert_eq!(doc["components"]["fail2ban"]["healthy"], true);

    let r = s.get("/api/v1/health/ready");
    r.code(503);
    assert!(
        r.json()["failed"]
            .as_array()
            .unwrap()
            .contains(&"database".into())
    );
    assert_eq!(
        std::fs::read(env.db()).unwrap(),
        garbage,
        "the check never writes"
    );

    let r = env.run(&["health"]);
    r.code(1);
    r.stdout_has("database");
    let r = env.run(&["health", "--nagios"]);
    r.code(2);
    r.stdout_has("BANGUI CRITICAL - not ready; database:");
}

#[test]
fn the_rate_limit_answers_429_with_retry_after() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "[health]\nrate_limit_per_minute = 5\n");
    let s = Served::start(&env, &[]);
    for _ in 0..5 {
        s.get("/api/v1/health").code(200);
    }
    let r = s.get("/api/v1/health/ready");
    r.code(429);
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(r.json()["error"]["kind"], "rate_limited");
    s.get("/metrics").code(429);
    // /live is exempt: a supervisor's probe is never locked out by a scraper.
    s.get("/api/v1/health/live").code(200);
}

#[test]
fn bad_clients_neither_crash_nor_wedge_it() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "[health]\nworkers = 2\n");
    let s = Served::start(&env, &[]);

    // Clients that connect and send nothing, or half a request.
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(("127.0.0.1", s.port)).unwrap());
    }
    let mut half = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    half.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
        .unwrap();

    let r = s.request("GARBAGE\r\n\r\n");
    assert!(r.code == 400 || r.code == 0, "{r:?}");
    let r = s.request("GET /api/v1/health HTTP/9.9\r\n\r\n");
    assert!(r.code == 400 || r.code == 505 || r.code == 0, "{r:?}");
    let r = s.request("\u{1}\u{2}\u{3}\u{ff}\r\n\r\n");
    assert!(r.code == 400 || r.code == 0, "{r:?}");
    let huge = "a".repeat(64 * 1024);
    let r = s.request(&format!(
        "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\nConnection: close\r\n\r\n"
    ));
    r.code(431);
    let many: String = (0..100).map(|i| format!("X-H{i}: v\r\n")).collect();
    s.request(&format!(
        "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n{many}Connection: close\r\n\r\n"
    ))
    .code(431);
    let long = format!("/api/v1/health?{}", "q".repeat(4096));
    s.get(&long).code(414);
    s.request("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
        .code(413);

    // Everyone else is still served, while the idle clients hold on.
    for _ in 0..5 {
        s.get("/api/v1/health/live").code(200);
        s.get("/api/v1/health").code(200);
    }
    drop(idle);
    drop(half);
    let (code, _) = s.terminate();
    assert_eq!(code, 143);
}

#[test]
fn live_never_runs_the_checks() {
    let env = TestEnv::with_fail2ban();
    // No caching: every /metrics is a check run, so runs can be counted.
    healthy_config(&env, "[health]\ncache_ms = 0\n");
    let s = Served::start(&env, &[]);
    let before = metric(&s.get("/metrics").body, "bangui_health_check_runs_total");
    // Take the database away: /live does not notice.
    std::fs::write(env.db(), b"not a database").unwrap();
    for _ in 0..20 {
        s.get("/api/v1/health/live").code(200);
    }
    let m = s.get("/metrics");
    assert_eq!(
        metric(&m.body, "bangui_health_check_runs_total"),
        before + 1.0,
        "only the second /metrics ran the checks"
    );
    assert!(
        m.body
            .contains("bangui_health_check_ok{check=\"database\",critical=\"true\"} 0")
    );
}

#[test]
fn non_loopback_needs_allow_remote() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "");
    let r = env.run(&["serve-health", "--listen", "0.0.0.0:0"]);
    r.code(78);
    r.stderr_has("--allow-remote");
    r.stdout_empty();
}

#[test]
fn health_exit_codes_and_nagios_codes() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "");
    let r = env.run(&["health", "--json"]);
    r.code(0);
    let d = r.json()["data"].clone();
    assert_eq!(d["status"], "ok");
    assert_eq!(d["failed_count"], 0);
    assert_eq!(d["checks"].as_array().unwrap().len(), 8);
    let r = env.run(&["health", "-o", "plain"]);
    r.code(0);
    assert_eq!(r.stdout.lines().count(), 8);
    assert!(
        r.stdout.lines().all(|l| l.split('\t').count() == 5),
        "{}",
        r.stdout
    );
    let r = env.run(&["health", "--nagios"]);
    r.code(0);
    assert!(
        r.stdout.starts_with("BANGUI OK - 8 checks pass, fail2ban "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(" | failed=0;1;1;0;8 "), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1);
    env.run(&["health", "--check", "fail2ban"]).code(0);

    // An advisory failure: degraded, exit 1, Nagios WARNING.
    std::fs::remove_file(env.path().join("geo.mmdb")).unwrap();
    let r = env.run(&["health", "--json"]);
    r.code(1);
    assert_eq!(r.json()["data"]["status"], "degraded");
    assert_eq!(r.json()["data"]["ready"], true);
    assert_eq!(r.json()["data"]["failed"], serde_json::json!(["geo"]));
    let r = env.run(&["health", "--nagios"]);
    r.code(1);
    r.stdout_has("BANGUI WARNING - degraded; geo: no geo database");
    env.run(&["health", "--check", "geo"]).code(1);
    env.run(&["health", "--check", "database"]).code(0);
    env.run(&["health", "--check", "nonsense"]).code(2);

    // fail2ban unreachable: 69, Nagios CRITICAL.
    let down = TestEnv::new();
    healthy_config(&down, "");
    let r = down.run(&["health"]);
    r.code(69);
    r.stdout_has("fail2ban");
    down.run(&["health", "--check", "fail2ban"]).code(69);
    down.run(&["health", "--nagios"]).code(2);

    // The check cannot run at all: Nagios UNKNOWN.
    down.write_config("this is [not toml");
    let r = down.run(&["health", "--nagios"]);
    r.code(3);
    assert!(r.stdout.starts_with("BANGUI UNKNOWN - "), "{}", r.stdout);
    down.run(&["health"]).code(78);
}

#[test]
fn external_log_sink_required_or_degraded_and_counted() {
    let env = TestEnv::with_fail2ban();
    let missing = env.path().join("no/such/dir/bangui.jsonl");
    healthy_config(
        &env,
        &format!(
            "[log]\nfile = \"{}\"\nexternal_required = true\n",
            missing.display()
        ),
    );
    let r = env.run(&["health"]);
    r.code(78);
    r.stderr_has("external log file");

    healthy_config(&env, &format!("[log]\nfile = \"{}\"\n", missing.display()));
    env.run(&["db", "migrate"]).code(0);
    let r = env.run(&["health", "--json"]);
    r.code(1);
    r.stderr_has("warning: cannot open the external log file");
    let checks = r.json()["data"]["checks"].clone();
    let ext = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "external_logging")
        .unwrap()
        .clone();
    assert_eq!(ext["healthy"], false, "{ext}");

    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count FROM rate_limits WHERE bucket = 'counter:external_logging_init_failures'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(n >= 1, "{n}");
}

#[test]
fn the_log_file_is_reopened_on_sighup() {
    let env = TestEnv::with_fail2ban();
    let log = env.path().join("bangui.jsonl");
    healthy_config(
        &env,
        &format!("[log]\nfile = \"{}\"\nlevel = \"info\"\n", log.display()),
    );
    let s = Served::start(&env, &[]);
    let t = Instant::now();
    let first = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("serve_health_listening") || t.elapsed() > Duration::from_secs(5) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let line = first
        .lines()
        .find(|l| l.contains("serve_health_listening"))
        .unwrap();
    let v: Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["level"], "INFO");

    std::fs::rename(&log, env.path().join("bangui.jsonl.1")).unwrap();
    s.signal("HUP");
    let t = Instant::now();
    while !(log.exists()
        && std::fs::read_to_string(&log)
            .unwrap()
            .contains("log_file_reopened"))
    {
        assert!(t.elapsed() < Duration::from_secs(10), "not reopened");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.get("/api/v1/health/live").code(200);
    let (code, _) = s.terminate();
    assert_eq!(code, 143);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("bangui_shut_down"), "{text}");
}

#[test]
fn sigint_is_130() {
    let env = TestEnv::with_fail2ban();
    healthy_config(&env, "");
    let s = Served::start(&env, &[]);
    s.signal("INT");
    let mut s = s;
    let st = s.child.wait().unwrap();
    assert_eq!(st.code(), Some(130), "{}", s.stderr.lock().unwrap());
}

/// Threads and resident memory of a process, from /proc/PID/status:
/// (Threads, VmRSS kB, VmHWM kB — the peak resident set since start).
fn proc_status(pid: u32) -> Option<(u64, u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        text.lines().find_map(|l| {
            l.strip_prefix(name)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
    };
    Some((field("Threads:")?, field("VmRSS:")?, field("VmHWM:")?))
}

/// The memory and task limits of the shipped unit (MemoryMax=64M,
/// TasksMax=64) as a cgroup around one process, where cgroups can be made
/// (v1 memory + pids hierarchies, or v2). Removed on drop.
struct Cgroup {
    dirs: Vec<std::path::PathBuf>,
    applied: Vec<String>,
}

impl Cgroup {
    fn confine(pid: u32) -> Cgroup {
        let name = format!("bgh-health-{}-{pid}", std::process::id());
        let root = std::path::Path::new("/sys/fs/cgroup");
        let mut cg = Cgroup {
            dirs: Vec::new(),
            applied: Vec::new(),
        };
        let v2 = root.join("cgroup.controllers").exists();
        let plan: Vec<(std::path::PathBuf, &str, &str)> = if v2 {
            let _ = std::fs::write(root.join("cgroup.subtree_control"), "+memory +pids");
            vec![
                (root.join(&name), "memory.max", "67108864"),
                (root.join(&name), "pids.max", "64"),
            ]
        } else {
            vec![
                (
                    root.join("memory").join(&name),
                    "memory.limit_in_bytes",
                    "67108864",
                ),
                (root.join("pids").join(&name), "pids.max", "64"),
            ]
        };
        for (dir, file, value) in plan {
            if !cg.dirs.contains(&dir) {
                if std::fs::create_dir(&dir).is_err() {
                    continue;
                }
                cg.dirs.push(dir.clone());
            }
            if std::fs::write(dir.join(file), value).is_ok()
                && std::fs::write(dir.join("cgroup.procs"), pid.to_string()).is_ok()
            {
                cg.applied.push(format!("{file}={value}"));
            }
        }
        cg
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        for dir in &self.dirs {
            // Move whatever is left to the parent, then remove the group.
            if let Ok(procs) = std::fs::read_to_string(dir.join("cgroup.procs")) {
                for p in procs.lines() {
                    let _ = std::fs::write(dir.parent().unwrap().join("cgroup.procs"), p);
                }
            }
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Is the connection closed by the server (EOF or reset) within `by`?
fn closed_by(s: &mut TcpStream, by: Instant) -> bool {
    let mut b = [0u8; 4096];
    loop {
        let left = by.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        s.set_read_timeout(Some(left)).unwrap();
        match s.read(&mut b) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return true,
        }
    }
}

/// /live from a new client: (status, seconds it took).
fn live_timed(port: u16) -> (u16, f64) {
    let t = Instant::now();
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, t.elapsed().as_secs_f64());
    };
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ =
        s.write_all(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    (
        Resp::parse(&String::from_utf8_lossy(&buf)).code,
        t.elapsed().as_secs_f64(),
    )
}

/// The abuse the shipped unit must survive, under its limits (open files
/// 1024, and a 64 MiB / 64 task cgroup where one can be made): 2,000 idle
/// connections, 200 slowloris clients, one 200 MB header line. /live keeps
/// answering new clients; every abuser is closed within 30 s; the process
/// stays within 64 threads and 64 MiB resident (peak, VmHWM) throughout.
#[test]
fn bounded_under_abuse_within_the_units_limits() {
    let env = TestEnv::new();
    env.write_config("[health]\nrate_limit_per_minute = 0\n");
    let s = Served::start(&env, &[]);
    let pid = s.child.id();
    let ok = std::process::Command::new("prlimit")
        .args(["--pid", &pid.to_string(), "--nofile=1024:1024"])
        .status()
        .expect("prlimit")
        .success();
    assert!(ok, "prlimit --nofile=1024");
    let cgroup = Cgroup::confine(pid);
    eprintln!(
        "limits: nofile=1024, cgroup: {}",
        if cgroup.applied.is_empty() {
            "none available (measured from /proc only)".to_string()
        } else {
            cgroup.applied.join(", ")
        }
    );
    // This side needs more than 2,200 descriptors.
    let lim = rustix::process::getrlimit(rustix::process::Resource::Nofile);
    let want = 8192u64.min(lim.maximum.unwrap_or(u64::MAX));
    rustix::process::setrlimit(
        rustix::process::Resource::Nofile,
        rustix::process::Rlimit {
            current: Some(want),
            maximum: lim.maximum,
        },
    )
    .expect("raise this test's open-files limit");
    assert!(want >= 2600, "the hard open-files limit {want} is too low");

    // Threads and resident memory, sampled throughout.
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let (mut threads, mut rss) = (0, 0);
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                if let Some((t, r, _)) = proc_status(pid) {
                    threads = threads.max(t);
                    rss = rss.max(r);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            (threads, rss)
        })
    };
    let mut worst_live = 0.0f64;
    let mut live = |what: &str| {
        let (code, secs) = live_timed(s.port);
        assert_eq!(code, 200, "/live during {what}");
        worst_live = worst_live.max(secs);
        assert!(secs < 2.0, "/live took {secs:.3} s during {what}");
    };
    live("start");

    let t0 = Instant::now();
    let mut idle = Vec::new();
    for i in 0..2000 {
        idle.push(
            TcpStream::connect(("127.0.0.1", s.port))
                .unwrap_or_else(|e| panic!("idle connection {i}: {e}")),
        );
    }
    live("2,000 idle connections");
    // A keep-alive client that goes quiet after one answer.
    let mut kept = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    kept.write_all(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();

    // Slowloris: a request head one byte a second, never finished.
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        c.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        slow.push(c);
    }
    let dripper = std::thread::spawn(move || {
        let start = Instant::now();
        let mut open = slow.len();
        while open > 0 && start.elapsed() < Duration::from_secs(40) {
            open = 0;
            for c in &mut slow {
                if c.write_all(b"X").is_ok() {
                    open += 1;
                }
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        (open, start.elapsed().as_secs_f64())
    });

    // One header line of 200 MB, as fast as the server takes it.
    let port = s.port;
    let streamer = std::thread::spawn(move || {
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_write_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut sent = 0usize;
        if c.write_all(b"GET /api/v1/health HTTP/1.1\r\nX-Big: ")
            .is_err()
        {
            return (sent, false);
        }
        let chunk = vec![b'a'; 64 * 1024];
        while sent < 200 * 1024 * 1024 {
            match c.write(&chunk) {
                Ok(n) => sent += n,
                Err(_) => return (sent, true),
            }
        }
        (sent, false)
    });

    while !streamer.is_finished() || !dripper.is_finished() {
        live("slowloris and the 200 MB header");
        std::thread::sleep(Duration::from_millis(250));
    }
    let (sent, cut) = streamer.join().unwrap();
    assert!(
        cut,
        "the 200 MB header was not cut off ({sent} bytes taken)"
    );
    eprintln!("200 MB header: cut off after {sent} bytes");
    let (slow_open, slow_secs) = dripper.join().unwrap();
    assert_eq!(
        slow_open, 0,
        "slowloris clients still open after {slow_secs:.1} s"
    );
    assert!(
        slow_secs < 30.0,
        "slowloris clients closed only after {slow_secs:.1} s"
    );

    let by = t0 + Duration::from_secs(30);
    assert!(
        closed_by(&mut kept, by),
        "an idle keep-alive client was not closed within 30 s"
    );
    for (i, c) in idle.iter_mut().enumerate() {
        assert!(
            closed_by(c, by),
            "idle connection {i} not closed within 30 s"
        );
    }
    live("the end");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (threads, rss) = sampler.join().unwrap();
    let (_, _, hwm) = proc_status(pid).expect("serve-health still running");
    eprintln!(
        "serve-health under abuse: max threads {threads}, max VmRSS {rss} kB, VmHWM {hwm} kB, \
         slowest /live {worst_live:.3} s"
    );
    assert!(threads <= 64, "{threads} threads");
    assert!(hwm <= 64 * 1024, "peak RSS {hwm} kB");
    let (code, _) = s.terminate();
    assert_eq!(code, 143);
    drop(cgroup);
}
