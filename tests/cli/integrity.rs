//! Integrity: state-changing commands refuse before acting when they could
//! not record what they do; guards on every path that bans; no panic on
//! hostile input; crash-consistent imports.

use serde_json::json;

use crate::support::TestEnv;
use crate::support::fail2ban::shared;

fn banned_in(jail: &str) -> String {
    shared().raw(json!([["get", jail, "banned"]]))
}

/// A database whose schema is newer than this build knows.
fn newer_schema(env: &TestEnv) {
    env.run(&["db", "migrate"]).code(0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (900, 'future', '2030-01-01T00:00:00Z', '1')",
        [],
    )
    .unwrap();
}

#[test]
fn a_newer_schema_refuses_every_change_before_it_acts() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("newer");
    env.run(&["ban", "62.0.0.9", "--jail", &j.name]).code(0);
    newer_schema(&env);

    let r = env.run(&["ban", "62.0.0.1", "--jail", &j.name, "--json"]);
    r.code(78)
        .stderr_has("newer than this bangui")
        .stderr_has("nothing was changed");
    assert_eq!(r.json()["error"]["exit_code"], 78);
    env.run(&["unban", "62.0.0.9", "--jail", &j.name]).code(78);
    env.run(&["jail", "set", &j.name, "bantime", "77"]).code(78);
    let live = banned_in(&j.name);
    assert!(!live.contains("62.0.0.1"), "banned anyway: {live}");
    assert!(live.contains("62.0.0.9"), "unbanned anyway: {live}");
    let bantime = shared().raw(json!([["get", j.name, "bantime"]]));
    assert!(bantime.contains("600"), "{bantime}");

    // Read-only commands keep working.
    env.run(&["banned", "62.0.0.9", "--jail", &j.name]).code(0);
    env.run(&["jail", "show", &j.name]).code(0);
}

#[test]
fn a_full_disk_refuses_with_74_and_bans_nothing() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("full");
    let r = env
        .cmd()
        .env("BANGUI_DB", "/dev/full")
        .args(["ban", "62.0.1.1", "--jail", &j.name])
        .output()
        .unwrap();
    let r = crate::support::to_run(r);
    r.code(74)
        .stderr_has("full")
        .stderr_has("nothing was changed");
    assert!(!banned_in(&j.name).contains("62.0.1.1"));
}

#[test]
fn the_audit_row_is_an_intent_completed_after_the_change() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("intent");
    env.run(&["ban", "62.0.2.1", "--jail", &j.name]).code(0);
    env.run(&["ban", "62.0.2.2", "--jail", &j.name, "--dry-run"])
        .code(0);
    // A command that does not audit itself is completed by the gate.
    env.run(&["jail", "idle", &j.name, "on"]).code(0);
    let doc = env.run(&["audit", "list", "--json"]).json();
    let rows = doc["data"].as_array().unwrap();
    let got: Vec<(String, String, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["command"].as_str().unwrap().to_string(),
                r["outcome"].as_str().unwrap().to_string(),
                r["changed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("jail idle".to_string(), "ok".to_string(), true),
            ("ban".to_string(), "dry-run".to_string(), false),
            ("ban".to_string(), "ok".to_string(), true),
        ]
    );
}

#[test]
fn unban_from_file_and_stdin_work() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("unbanfile");
    env.run(&["ban", "62.0.3.1", "62.0.3.2", "--jail", &j.name])
        .code(0);
    let f = env.path().join("list.txt");
    std::fs::write(&f, "62.0.3.1\n").unwrap();
    env.run(&[
        "unban",
        "--from-file",
        f.to_str().unwrap(),
        "--jail",
        &j.name,
    ])
    .code(0);
    env.run_stdin(
        &["unban", "--from-file", "-", "--jail", &j.name],
        "62.0.3.2\n",
    )
    .code(0);
    let live = banned_in(&j.name);
    assert!(!live.contains("62.0.3."), "{live}");
}

#[test]
fn an_ip_inside_a_banned_network_is_banned_unless_exact() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("within");
    env.run(&["ban", "62.0.4.0/24", "--jail", &j.name]).code(0);
    let r = env.run(&["banned", "62.0.4.7", "--jail", &j.name, "--json"]);
    r.code(0);
    let q = &r.json()["data"]["query"][0];
    assert_eq!(q["banned"], true);
    assert_eq!(q["within"][0]["network"], "62.0.4.0/24");
    env.run(&["banned", "62.0.4.7", "--jail", &j.name, "--exact"])
        .code(1);
    env.run(&["banned", "62.0.5.7", "--jail", &j.name]).code(1);
}

#[test]
fn every_dry_run_says_changed_false_and_would_change() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("dry");
    let ban = [
        "ban",
        "62.0.6.1",
        "--jail",
        &j.name,
        "--dry-run",
        "-o",
        "json",
    ];
    let set = [
        "jail",
        "set",
        &j.name,
        "bantime",
        "601",
        "--dry-run",
        "--json",
    ];
    for args in [&ban[..], &set[..]] {
        let doc = env.run(args).code(0).json();
        let d = &doc["data"];
        assert_eq!(
            (&d["changed"], &d["dry_run"], &d["would_change"]),
            (&json!(false), &json!(true), &json!(true)),
            "{args:?}"
        );
    }
    let doc = env
        .run(&["jail", "stop", &j.name, "--dry-run", "--json"])
        .code(0)
        .json();
    assert_eq!(doc["data"]["changed"], false);
    assert_eq!(doc["data"]["would_change"], true);
    assert!(!banned_in(&j.name).contains("62.0.6.1"));
}

#[test]
fn a_bom_is_accepted_and_a_huge_bad_line_is_quoted_short() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("bom");
    let f = env.path().join("bom.txt");
    std::fs::write(&f, "\u{feff}62.0.7.1\n62.0.7.2\n").unwrap();
    env.run(&["ban", "--from-file", f.to_str().unwrap(), "--jail", &j.name])
        .code(0);
    assert!(banned_in(&j.name).contains("62.0.7.1"));

    let huge = format!("62.0.7.3\n{}\n", "9".repeat(10 << 20));
    std::fs::write(&f, huge).unwrap();
    let r = env.run(&[
        "ban",
        "--from-file",
        f.to_str().unwrap(),
        "--jail",
        &j.name,
        "--json",
    ]);
    r.code(65).stderr_has("line 2");
    assert!(r.stderr.len() < 1000, "stderr is {} bytes", r.stderr.len());
    assert!(r.stdout.len() < 1000, "stdout is {} bytes", r.stdout.len());
    assert!(!banned_in(&j.name).contains("62.0.7.3"));
}

/// `n` public IPv4 hosts that do not aggregate (every other address).
fn spread_list(n: u32) -> String {
    let base = u32::from(std::net::Ipv4Addr::new(11, 0, 0, 0));
    let mut s = String::with_capacity(n as usize * 14);
    for i in 0..n {
        s.push_str(&std::net::Ipv4Addr::from(base + 2 * i).to_string());
        s.push('\n');
    }
    s
}

fn jail_ban_count(jail: &str) -> usize {
    let out = shared().raw(json!([["get", jail, "banned"]]));
    // {"cmd": [...], "value": "['1.2.3.4', ...]"}: IPs are single-quoted.
    out.matches('\'').count() / 2
}

fn db_count(env: &TestEnv, sql: &str) -> i64 {
    match rusqlite::Connection::open(env.db()) {
        Ok(c) => c.query_row(sql, [], |r| r.get(0)).unwrap_or(0),
        Err(_) => 0,
    }
}

/// `blocklist import --from-file FILE --jail J` running in the background,
/// its stdout and stderr made by `io`.
fn spawn_import(
    env: &TestEnv,
    file: &std::path::Path,
    jail: &str,
    extra: &[&str],
    io: fn() -> std::process::Stdio,
) -> std::process::Child {
    env.cmd()
        .args(["blocklist", "import", "--from-file"])
        .arg(file)
        .args(["--jail", jail])
        .args(extra)
        .stdout(io())
        .stderr(io())
        .spawn()
        .unwrap()
}

#[test]
fn a_killed_import_leaves_nothing_behind_after_source_rm() {
    let env = TestEnv::with_fail2ban();
    env.write_config("[blocklist]\nbatch_size = 500\n");
    let j = shared().jail("killed");
    let f = env.path().join("feed.txt");
    std::fs::write(&f, spread_list(20_000)).unwrap();
    let mut child = spawn_import(&env, &f, &j.name, &[], std::process::Stdio::null);
    let t0 = std::time::Instant::now();
    while db_count(&env, "SELECT COUNT(*) FROM blocklist_entries") < 2_000 {
        assert!(t0.elapsed().as_secs() < 120, "the import made no progress");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before the kill"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(jail_ban_count(&j.name) > 0);

    let log = env.run(&["blocklist", "log", "--json"]).code(0).json();
    let run = &log["data"]["imports"][0];
    assert_eq!(run["status"], "interrupted", "{log}");
    let name = run["source"].as_str().unwrap().to_string();

    // The feed changes, then the source goes: everything it banned leaves.
    std::fs::write(&f, spread_list(10)).unwrap();
    env.run(&["blocklist", "source", "rm", &name]).code(0);
    let left = shared().raw(json!([["get", j.name, "banned"]]));
    assert_eq!(jail_ban_count(&j.name), 0, "left in fail2ban: {left}");
}

#[test]
fn sigterm_stops_an_import_between_batches_and_prints_its_report() {
    let env = TestEnv::with_fail2ban();
    env.write_config("[blocklist]\nbatch_size = 200\n");
    let j = shared().jail("sigterm");
    let f = env.path().join("feed.txt");
    std::fs::write(&f, spread_list(20_000)).unwrap();
    let child = spawn_import(&env, &f, &j.name, &["--json"], std::process::Stdio::piped);
    let t0 = std::time::Instant::now();
    while db_count(&env, "SELECT COUNT(*) FROM blocklist_entries") < 400 {
        assert!(t0.elapsed().as_secs() < 120, "the import made no progress");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let r = crate::support::to_run(child.wait_with_output().unwrap());
    r.code(143);
    let doc = r.json();
    let src = &doc["data"]["sources"][0];
    assert_eq!(src["status"], "interrupted", "{doc}");
    let added = src["added"].as_u64().unwrap();
    assert!(added > 0 && added < 20_000, "{doc}");
    // What the report says is what the database and fail2ban hold.
    assert_eq!(
        db_count(
            &env,
            "SELECT COUNT(*) FROM blocklist_entries WHERE pending = 0"
        ),
        added as i64
    );
    assert_eq!(
        db_count(
            &env,
            "SELECT COUNT(*) FROM blocklist_entries WHERE pending <> 0"
        ),
        0
    );
    assert_eq!(jail_ban_count(&j.name), added as usize);
    env.run(&["blocklist", "source", "rm", src["source"].as_str().unwrap()])
        .code(0);
    assert_eq!(jail_ban_count(&j.name), 0);
}

#[test]
fn a_panic_is_one_line_exit_70_and_a_backtrace_only_on_request() {
    let env = TestEnv::new();
    let r = crate::support::to_run(
        env.cmd()
            .env("BANGUI_TEST_PANIC", "1")
            .arg("status")
            .output()
            .unwrap(),
    );
    r.code(70)
        .stderr_has("bangui: internal error: BANGUI_TEST_PANIC is set")
        .stderr_has("(please report)")
        .stdout_empty();
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let r = crate::support::to_run(
        env.cmd()
            .env("BANGUI_TEST_PANIC", "1")
            .env("RUST_BACKTRACE", "1")
            .arg("status")
            .output()
            .unwrap(),
    );
    r.code(70);
    assert!(r.stderr.lines().count() > 1, "{}", r.stderr);
}

#[test]
fn a_datepattern_fail2ban_refuses_is_65_not_a_panic() {
    let env = TestEnv::new();
    let log = env.path().join("x.log");
    std::fs::write(&log, "x from 192.0.2.1\n").unwrap();
    env.run(&[
        "filter",
        "test",
        "from <HOST>",
        log.to_str().unwrap(),
        "--datepattern",
        "%Exé",
    ])
    .code(65)
    .stderr_has("datepattern");
}

#[test]
fn a_failed_import_makes_its_source_failing_and_health_degraded() {
    let env = TestEnv::with_fail2ban();
    crate::health::healthy_config(&env, "");
    let j = shared().jail("failing");
    env.run(&["health"]).code(0);
    let gone = env.path().join("gone.txt");
    env.run(&[
        "blocklist",
        "source",
        "add",
        "feed",
        &format!("file://{}", gone.display()),
        "--jail",
        &j.name,
        "--allow-file",
    ])
    .code(0);
    env.run(&["blocklist", "import", "feed"]).code(66);
    let st = env.run(&["blocklist", "status", "--json"]).code(0).json();
    assert_eq!(st["data"]["sources"][0]["failing"], true, "{st}");
    assert_eq!(st["data"]["any_failing"], true);
    let h = env.run(&["health", "--json"]);
    h.code(1);
    let doc: serde_json::Value = serde_json::from_str(&h.stdout).unwrap();
    let msg = doc.to_string();
    assert!(msg.contains("failing: feed"), "{msg}");
}

#[test]
fn the_import_job_protects_the_ssh_session_client() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("jobssh");
    let f = env.path().join("feed.txt");
    std::fs::write(&f, "62.0.9.9\n62.0.9.10\n").unwrap();
    env.run(&[
        "blocklist",
        "source",
        "add",
        "feed",
        &format!("file://{}", f.display()),
        "--jail",
        &j.name,
        "--allow-file",
    ])
    .code(0);
    let r = crate::support::to_run(
        env.cmd()
            .env("SSH_CONNECTION", "62.0.9.9 50000 192.0.2.1 22")
            .args(["jobs", "run", "blocklist-import", "--json"])
            .output()
            .unwrap(),
    );
    r.code(0);
    let live = banned_in(&j.name);
    assert!(live.contains("62.0.9.10"), "{live}");
    assert!(
        !live.contains("62.0.9.9'"),
        "the SSH client was banned: {live}"
    );
    let doc = r.json();
    let refused = &doc["data"]["summary"]["imported"][0]["refused"];
    assert_eq!(refused["ssh_client"], 1, "{doc}");
}

/// Two network namespaces joined by a veth pair, removed on drop.
struct Netns {
    server: String,
    client: String,
    children: Vec<std::process::Child>,
}

impl Netns {
    fn new(tag: &str) -> Netns {
        static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let id = format!("{}{tag}{n}", std::process::id() % 100_000);
        let ns = Netns {
            server: format!("bgi-s{id}"),
            client: format!("bgi-c{id}"),
            children: Vec::new(),
        };
        let (vs, vc) = (format!("bgis{id}"), format!("bgic{id}"));
        for cmd in [
            vec!["ip", "netns", "add", &ns.server],
            vec!["ip", "netns", "add", &ns.client],
            vec![
                "ip", "link", "add", &vs, "type", "veth", "peer", "name", &vc,
            ],
            vec!["ip", "link", "set", &vs, "netns", &ns.server],
            vec!["ip", "link", "set", &vc, "netns", &ns.client],
            vec![
                "ip",
                "-n",
                &ns.server,
                "addr",
                "add",
                "11.99.0.1/24",
                "dev",
                &vs,
            ],
            vec![
                "ip",
                "-n",
                &ns.client,
                "addr",
                "add",
                "11.99.0.2/24",
                "dev",
                &vc,
            ],
            vec!["ip", "-n", &ns.server, "link", "set", &vs, "up"],
            vec!["ip", "-n", &ns.client, "link", "set", &vc, "up"],
            vec!["ip", "-n", &ns.server, "link", "set", "lo", "up"],
        ] {
            let st = std::process::Command::new(cmd[0])
                .args(&cmd[1..])
                .status()
                .unwrap();
            assert!(st.success(), "{cmd:?} failed");
        }
        ns
    }

    /// A python3 script in a namespace; waits for its first stdout line.
    fn spawn(&mut self, ns: &str, script: &str) {
        use std::io::BufRead;
        let mut c = std::process::Command::new("ip")
            .args(["netns", "exec", ns, "python3", "-c", script])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(c.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "{script}");
        self.children.push(c);
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        for ns in [&self.server, &self.client] {
            let _ = std::process::Command::new("ip")
                .args(["netns", "del", ns])
                .status();
        }
    }
}

#[test]
fn a_peer_with_a_live_ssh_connection_is_refused_as_ssh_client() {
    let env = TestEnv::with_fail2ban();
    env.write_config("[safety]\nssh_ports = [22]\n");
    let j = shared().jail("sshpeer");
    let mut ns = Netns::new("p");
    // An SSH-port listener in the server namespace, and a client holding a
    // real established connection to it.
    ns.spawn(
        &ns.server.clone(),
        "import socket,time\n\
         s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n\
         s.bind(('11.99.0.1', 22)); s.listen(4); print('ready', flush=True)\n\
         c,_=s.accept(); time.sleep(120)\n",
    );
    ns.spawn(
        &ns.client.clone(),
        "import socket,time\n\
         c=socket.create_connection(('11.99.0.1', 22), timeout=10); print('ready', flush=True)\n\
         time.sleep(120)\n",
    );
    let in_server = |args: &[&str]| {
        let mut c = std::process::Command::new("ip");
        c.args(["netns", "exec", &ns.server])
            .arg(crate::support::bin())
            .args(args);
        env.isolate(&mut c);
        crate::support::to_run(c.output().unwrap())
    };
    // The connection is there before bangui looks.
    let t0 = std::time::Instant::now();
    loop {
        let tcp = std::process::Command::new("ip")
            .args(["netns", "exec", &ns.server, "cat", "/proc/net/tcp"])
            .output()
            .unwrap();
        if String::from_utf8_lossy(&tcp.stdout).contains("0200630B") {
            break;
        }
        assert!(t0.elapsed().as_secs() < 10, "no established connection");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    let r = in_server(&["ban", "11.99.0.2", "11.99.0.3", "--jail", &j.name, "--json"]);
    r.code(3);
    let items = r.json()["data"]["items"].clone();
    assert_eq!(items[0]["ip"], "11.99.0.2");
    assert_eq!(items[0]["status"], "refused");
    assert_eq!(items[0]["reason_code"], "ssh_client", "{items}");
    assert_eq!(items[1]["status"], "banned");
    let live = banned_in(&j.name);
    assert!(!live.contains("'11.99.0.2'"), "{live}");

    // The blocklist path uses the same guard.
    let f = env.path().join("feed.txt");
    std::fs::write(&f, "11.99.0.2\n11.99.0.4\n").unwrap();
    let r = in_server(&[
        "blocklist",
        "import",
        "--from-file",
        f.to_str().unwrap(),
        "--jail",
        &j.name,
        "--json",
    ]);
    r.code(0);
    assert_eq!(r.json()["data"]["sources"][0]["refused"]["ssh_client"], 1);
    assert!(!banned_in(&j.name).contains("'11.99.0.2'"));

    // --force is the operator's override.
    in_server(&["ban", "11.99.0.2", "--jail", &j.name, "--force"]).code(0);
    assert!(banned_in(&j.name).contains("'11.99.0.2'"));
}
