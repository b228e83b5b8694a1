//! The fail2ban socket client against a real `fail2ban-server` (started per
//! test binary in a short temp dir), plus fault injection with a fake socket
//! server for what the real one cannot do on demand.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use bangui::Error;
use bangui::fail2ban::api;
use bangui::fail2ban::pickle::{Arg, END_COMMAND, Value};
use bangui::fail2ban::{Client, ClientOptions, Transport};

fn short_tempdir() -> tempfile::TempDir {
    // sun_path holds 108 bytes; target/ or $TMPDIR paths can be too deep.
    tempfile::Builder::new()
        .prefix("bg-f2b.")
        .tempdir_in("/tmp")
        .expect("temp dir in /tmp")
}

fn opts(sock: &Path) -> ClientOptions {
    ClientOptions {
        socket: sock.to_path_buf(),
        read_timeout: Duration::from_secs(10),
        ..ClientOptions::default()
    }
}

fn copy_conf(src: &Path, dst: &Path, dir: &str) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_conf(&entry.path(), &to, dir);
        } else {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            std::fs::write(to, text.replace("@DIR@", dir)).unwrap();
        }
    }
}

/// `program` (fail2ban-server or fail2ban-client) of the release under test:
/// `F2B_VERSION` unset or `1.0.2` is the Debian package, `1.1.0`/`1.1.1` the
/// release tree in `shared/fail2ban-src/` beside the repository.
fn f2b(program: &str) -> Command {
    let version = std::env::var("F2B_VERSION").unwrap_or_default();
    if version.is_empty() || version == "1.0.2" {
        return Command::new(program);
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|d| d.join("shared/fail2ban-src").join(&version))
        .find(|d| d.join("fail2ban").is_dir())
        .unwrap_or_else(|| panic!("no fail2ban {version} release tree in ../shared/fail2ban-src"));
    let mut c = Command::new("python3");
    c.arg(src.join("bin").join(program)).env("PYTHONPATH", &src);
    c
}

/// A real fail2ban-server, configured like the shared sandbox's start.sh.
struct Server {
    dir: tempfile::TempDir,
    child: Child,
}

impl Server {
    fn start() -> Server {
        let dir = short_tempdir();
        let d = dir.path().to_str().unwrap().to_owned();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fail2ban/conf");
        let conf = dir.path().join("conf");
        copy_conf(&fixture, &conf, &d);
        std::fs::write(dir.path().join("test.log"), "").unwrap();
        let sock = dir.path().join("fail2ban.sock");
        let child = f2b("fail2ban-server")
            .args(["-f", "--async", "-x", "-c"])
            .arg(&conf)
            .arg("-s")
            .arg(&sock)
            .arg("-p")
            .arg(dir.path().join("fail2ban.pid"))
            .arg("--logtarget")
            .arg(dir.path().join("fail2ban.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("fail2ban-server must be installed (apt-get install fail2ban)");
        let mut server = Server { dir, child };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(mut c) = Client::connect(opts(&sock))
                && api::ping(&mut c).is_ok()
            {
                break;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("fail2ban-server exited early: {status}");
            }
            assert!(Instant::now() < deadline, "fail2ban-server did not come up");
            thread::sleep(Duration::from_millis(50));
        }
        // `reload` needs the whole config streamed by the client: delegated.
        let out = f2b("fail2ban-client")
            .arg("-c")
            .arg(&conf)
            .arg("-s")
            .arg(&sock)
            .arg("reload")
            .output()
            .unwrap();
        assert!(out.status.success(), "reload failed: {out:?}");
        server
    }

    fn sock(&self) -> PathBuf {
        self.dir.path().join("fail2ban.sock")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(opts(&self.sock())) {
            let _ = c.call(&[Arg::from("stop")]);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn real_server() {
    let server = Server::start();
    let mut c = Client::connect(opts(&server.sock())).unwrap();
    let t: &mut dyn Transport = &mut c;

    api::ping(t).unwrap();
    let v = api::server_version(t).unwrap();
    assert!(v.at_least(0, 11, 1), "{v:?}");
    assert!(!api::version(t).unwrap().is_empty());
    assert_eq!(
        api::status(t).unwrap(),
        strs(&["bangui-noaction", "bangui-test"])
    );

    // IPv4 + IPv6 in one batch; re-banning counts nothing new.
    let ips = strs(&["192.0.2.1", "2001:db8::1"]);
    assert_eq!(api::ban(t, "bangui-test", &ips).unwrap(), 2);
    assert_eq!(api::ban(t, "bangui-test", &ips).unwrap(), 0);

    let all = api::banned_all(t).unwrap();
    let mut got = all["bangui-test"].clone();
    got.sort();
    assert_eq!(got, ips);
    assert!(all["bangui-noaction"].is_empty());
    assert_eq!(
        api::banned_ips(t, &strs(&["192.0.2.1", "198.51.100.7"])).unwrap(),
        vec![strs(&["bangui-test"]), vec![]]
    );

    let st = api::jail_status(t, "bangui-test").unwrap();
    assert_eq!(st.currently_banned, 2);
    assert_eq!(st.total_banned, 2);
    assert!(st.file_list[0].ends_with("/test.log"), "{st:?}");
    assert_eq!(st.journal_matches, None);

    let now = chrono::Utc::now().timestamp();
    let bans = api::banip_with_time(t, "bangui-test").unwrap();
    assert_eq!(bans.len(), 2);
    for b in &bans {
        assert_eq!(b.bantime, 600);
        assert!((b.start - now).abs() < 120, "{b:?} vs now {now}");
        assert_eq!(b.end, Some(b.start + 600));
    }

    let stats = api::jail_stats_all(t).unwrap();
    assert_eq!(stats.len(), 2);
    assert_eq!(stats[1].jail, "bangui-test");
    assert_eq!(stats[1].currently_banned, 2);
    let all = api::status_all(t).unwrap();
    if v.has_stats() {
        // 1.1's native `stats`: the backend comes with the counters; and
        // `status --all` answers every jail's status at once.
        assert_eq!(stats[1].backend.as_deref(), Some("polling"), "{v:?}");
        let all = all.expect("1.1 answers status --all");
        assert_eq!(all.len(), 2);
        assert_eq!(
            all["bangui-test"],
            api::jail_status(t, "bangui-test").unwrap()
        );
    } else {
        assert_eq!(stats[1].backend, None);
        assert_eq!(all, None, "1.0 has no status --all");
    }

    // Permanent ban: no end.
    api::jail_set(t, "bangui-noaction", "bantime", &[Arg::from("-1")]).unwrap();
    assert_eq!(
        api::ban(t, "bangui-noaction", &strs(&["192.0.2.9"])).unwrap(),
        1
    );
    let perm = api::banip_with_time(t, "bangui-noaction").unwrap();
    assert_eq!((perm[0].bantime, perm[0].end), (-1, None));

    assert_eq!(
        api::unban_in_jail(t, "bangui-test", &strs(&["192.0.2.1"])).unwrap(),
        1
    );
    assert_eq!(
        api::unban_in_jail(t, "bangui-test", &strs(&["192.0.2.1"])).unwrap(),
        0
    );
    assert_eq!(
        api::unban_everywhere(t, &strs(&["2001:db8::1", "192.0.2.9"])).unwrap(),
        2
    );
    assert!(api::banned_all(t).unwrap().values().all(Vec::is_empty));

    match api::jail_status(t, "nojail") {
        Err(Error::NoSuchJail { jail, known }) => {
            assert_eq!(jail, "nojail");
            assert_eq!(known, strs(&["bangui-noaction", "bangui-test"]));
        }
        other => panic!("{other:?}"),
    }
    match api::jail_get(t, "bangui-test", "idle") {
        Err(Error::Fail2ban { class, message }) => {
            assert_eq!(class, "builtins.Exception");
            assert!(message.contains("Invalid command"), "{message}");
        }
        other => panic!("{other:?}"),
    }

    assert_eq!(
        api::jail_get(t, "bangui-test", "bantime").unwrap(),
        Value::Int(600)
    );
    let ignore =
        api::jail_set(t, "bangui-test", "addignoreip", &[Arg::from("10.0.0.0/8")]).unwrap();
    assert_eq!(ignore.as_list().unwrap()[0].as_str(), Some("10.0.0.0/8"));
    let ignore = api::jail_get(t, "bangui-test", "ignoreip").unwrap();
    assert_eq!(ignore.to_json(), serde_json::json!(["10.0.0.0/8"]));
    let fr = api::jail_get(t, "bangui-test", "failregex").unwrap();
    assert!(
        fr.as_list().unwrap()[0]
            .as_str()
            .unwrap()
            .contains("bangui-test: auth failure")
    );
    let dp = api::jail_get(t, "bangui-test", "datepattern").unwrap();
    assert_eq!(
        dp.as_list().unwrap()[0].as_str(),
        Some("{^LN-BEG}%Y-%m-%d %H:%M:%S")
    );

    let db = api::get_dbfile(t).unwrap().unwrap();
    assert!(db.ends_with("fail2ban.sqlite3"), "{db}");

    // A jail built at runtime.
    api::add_jail(t, "rt-jail", "polling").unwrap();
    api::start_jail(t, "rt-jail").unwrap();
    assert!(api::set_idle(t, "rt-jail", true).unwrap());
    assert!(!api::set_idle(t, "rt-jail", false).unwrap());
    api::stop_jail(t, "rt-jail").unwrap();
    assert!(matches!(
        api::jail_status(t, "rt-jail"),
        Err(Error::NoSuchJail { .. })
    ));

    // A second client while the first is still open: the server serves both.
    let mut c2 = Client::connect(opts(&server.sock())).unwrap();
    api::ping(&mut c2).unwrap();
    drop(c2);
    api::ping(&mut c).unwrap();
}

#[test]
fn missing_socket_is_unavailable() {
    let dir = short_tempdir();
    let sock = dir.path().join("nothing.sock");
    match Client::connect(opts(&sock)) {
        Err(Error::Fail2banUnavailable { socket, reason }) => {
            assert_eq!(socket, sock);
            assert_eq!(reason, "socket not found");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn regular_file_is_unavailable() {
    let dir = short_tempdir();
    let sock = dir.path().join("file.sock");
    std::fs::write(&sock, "not a socket").unwrap();
    assert!(matches!(
        Client::connect(opts(&sock)),
        Err(Error::Fail2banUnavailable { .. })
    ));
}

#[test]
fn stale_socket_is_refused_after_retries() {
    let dir = short_tempdir();
    let sock = dir.path().join("stale.sock");
    drop(UnixListener::bind(&sock).unwrap());
    let started = Instant::now();
    match Client::connect(opts(&sock)) {
        Err(Error::Fail2banUnavailable { reason, .. }) => {
            assert!(reason.contains("refused"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // 5 retries with 20/50/100/200/400 ms back-off.
    assert!(started.elapsed() >= Duration::from_millis(700));
}

#[test]
fn socket_without_permission_is_permission_denied() {
    if rustix::process::geteuid().is_root() {
        // root ignores file modes: run this test again as nobody.
        let exe = std::env::current_exe().expect("the test binary");
        let out = Command::new("setpriv")
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
            .arg(exe)
            .args([
                "--exact",
                "socket_without_permission_is_permission_denied",
                "--test-threads=1",
            ])
            .output()
            .expect("run setpriv");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "as nobody: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = short_tempdir();
    // Reachable, so that only the socket's own mode refuses.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let sock = dir.path().join("locked.sock");
    let _listener = UnixListener::bind(&sock).unwrap();
    std::fs::set_permissions(&sock, std::fs::Permissions::from_mode(0o000)).unwrap();
    assert!(matches!(
        Client::connect(opts(&sock)),
        Err(Error::PermissionDenied { .. })
    ));
}

/// A one-connection fake server: `behave` gets the accepted stream.
fn fake_server(
    behave: impl FnOnce(UnixStream) + Send + 'static,
) -> (tempfile::TempDir, PathBuf, thread::JoinHandle<()>) {
    let dir = short_tempdir();
    let sock = dir.path().join("fake.sock");
    let listener = UnixListener::bind(&sock).unwrap();
    let handle = thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            behave(stream);
        }
    });
    (dir, sock, handle)
}

/// Read one framed request (or stop at EOF).
fn read_request(s: &mut UnixStream) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.ends_with(END_COMMAND) {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    buf
}

fn drain(s: &mut UnixStream) -> Vec<u8> {
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    rest
}

#[test]
fn fake_ok_reply_and_close_on_drop() {
    let (tx, rx) = mpsc::channel();
    let (_dir, sock, h) = fake_server(move |mut s| {
        let req = read_request(&mut s);
        let mut reply =
            b"\x80\x05\x95\x0c\x00\x00\x00\x00\x00\x00\x00K\x00\x8c\x04pong\x94\x86\x94.".to_vec();
        reply.extend_from_slice(END_COMMAND);
        s.write_all(&reply).unwrap();
        tx.send((req, drain(&mut s))).unwrap();
    });
    let mut c = Client::connect(opts(&sock)).unwrap();
    api::ping(&mut c).unwrap();
    drop(c);
    let (req, after) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(req.starts_with(b"\x80\x03"));
    assert_eq!(after, b"<F2B_CLOSE_COMMAND><F2B_END_COMMAND>");
    h.join().unwrap();
}

#[test]
fn fake_garbage_reply_is_protocol_error() {
    let (_dir, sock, h) = fake_server(|mut s| {
        read_request(&mut s);
        s.write_all(b"this is not a pickle<F2B_END_COMMAND>")
            .unwrap();
        drain(&mut s);
    });
    let mut c = Client::connect(opts(&sock)).unwrap();
    assert!(matches!(api::ping(&mut c), Err(Error::Protocol(_))));
    drop(c);
    h.join().unwrap();
}

#[test]
fn fake_close_mid_reply_is_unavailable() {
    let (_dir, sock, h) = fake_server(|mut s| {
        read_request(&mut s);
        s.write_all(b"\x80\x05K\x00").unwrap();
    });
    let mut c = Client::connect(opts(&sock)).unwrap();
    match api::ping(&mut c) {
        Err(Error::Fail2banUnavailable { reason, .. }) => {
            assert!(reason.contains("connection closed"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    h.join().unwrap();
}

#[test]
fn fake_hang_times_out_and_poisons_the_connection() {
    let (_dir, sock, h) = fake_server(|mut s| {
        read_request(&mut s);
        // Never answer; return when the client goes away.
        drain(&mut s);
    });
    let mut o = opts(&sock);
    o.read_timeout = Duration::from_millis(200);
    let mut c = Client::connect(o).unwrap();
    let started = Instant::now();
    match api::ping(&mut c) {
        Err(Error::Fail2banUnavailable { reason, .. }) => {
            assert!(reason.contains("timed out after 0.2 s"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    // A late reply must never be taken for the next command's answer.
    match api::ping(&mut c) {
        Err(Error::Fail2banUnavailable { reason, .. }) => {
            assert!(reason.contains("earlier error"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    drop(c);
    h.join().unwrap();
}

#[test]
fn fake_oversized_reply_is_capped() {
    let (_dir, sock, h) = fake_server(|mut s| {
        read_request(&mut s);
        let big = vec![b'x'; 256 * 1024];
        let _ = s.write_all(&big);
    });
    let mut o = opts(&sock);
    o.max_reply_bytes = 1024;
    let mut c = Client::connect(o).unwrap();
    match api::ping(&mut c) {
        Err(Error::Protocol(m)) => assert!(m.contains("larger than 1024"), "{m}"),
        other => panic!("{other:?}"),
    }
    drop(c);
    h.join().unwrap();
}

#[test]
fn end_marker_in_argument_is_refused_before_sending() {
    let (_dir, sock, h) = fake_server(|mut s| {
        let rest = drain(&mut s);
        // Only the close frame arrives: the bad request was never written.
        assert_eq!(rest, b"<F2B_CLOSE_COMMAND><F2B_END_COMMAND>");
    });
    let mut c = Client::connect(opts(&sock)).unwrap();
    let r = api::jail_set(
        &mut c,
        "j",
        "addfailregex",
        &[Arg::from("a<F2B_END_COMMAND>b")],
    );
    assert!(matches!(r, Err(Error::BadInput { .. })));
    drop(c);
    h.join().unwrap();
}
