use crate::support::fail2ban::Fail2ban;
use crate::support::{TestEnv, field_strs};

#[test]
fn status_shows_version_and_jails_in_table_and_json() {
    let env = TestEnv::with_fail2ban();
    let r = env.run(&["status", "-o", "table"]);
    r.code(0)
        .stdout_has("fail2ban")
        .stdout_has("1.")
        .stdout_has("bangui-test");
    let doc = env.run(&["status", "--json"]).json();
    assert_eq!(doc["command"], "status");
    assert!(
        doc["data"]["fail2ban"]["version"]
            .as_str()
            .unwrap()
            .starts_with(char::is_numeric)
    );
    let jails: Vec<&str> = field_strs(&doc["data"]["jails"], "jail");
    assert!(
        jails.contains(&"bangui-test") && jails.contains(&"bangui-noaction"),
        "{jails:?}"
    );
    assert!(doc["data"]["database"].is_object());
    assert!(doc["data"]["last_job_runs"].as_array().unwrap().is_empty());
    // Once jobs have run, status shows the last run of each.
    env.run(&["jobs", "run", "db-maintenance"]).code(0);
    let doc = env.run(&["status", "--json"]).json();
    assert_eq!(doc["data"]["last_job_runs"][0]["job"], "db-maintenance");
    assert_eq!(doc["data"]["last_job_runs"][0]["status"], "ok");
}

#[test]
fn missing_socket_is_69_with_a_hint() {
    let env = TestEnv::new();
    let r = env.run(&["status", "--json"]);
    r.code(69)
        .stderr_has("socket not found")
        .stderr_has("hint: is fail2ban running?");
    assert_eq!(r.json()["error"]["kind"], "fail2ban_unavailable");
    assert_eq!(r.json()["error"]["exit_code"], 69);
}

#[test]
fn socket_path_that_is_a_regular_file_is_69() {
    let env = TestEnv::new();
    let f = env.path().join("not-a-socket");
    std::fs::write(&f, "x").unwrap();
    env.run(&["--socket", f.to_str().unwrap(), "status"])
        .code(69)
        .stderr_has("hint:");
}

#[test]
fn refused_connection_is_69() {
    // A socket file nobody listens on: bind, then drop the listener.
    let env = TestEnv::new();
    let p = env.path().join("dead.sock");
    drop(std::os::unix::net::UnixListener::bind(&p).unwrap());
    env.run(&["--socket", p.to_str().unwrap(), "status"])
        .code(69);
}

#[test]
fn server_stopped_mid_run_gives_69() {
    let server = Fail2ban::private();
    let env = TestEnv::with_server(&server);
    env.run(&["jail", "list"]).code(0);
    server.stop();
    env.run(&["jail", "list"])
        .code(69)
        .stderr_has("unreachable");
    env.run(&["ban", "1.2.3.4", "--jail", "bangui-test"])
        .code(69);
}

#[test]
fn permission_denied_on_the_socket_is_77() {
    let env = TestEnv::with_fail2ban();
    if crate::support::is_root() {
        // Root ignores modes: nobody meets fail2ban's root-only socket.
        let r = env.run_as_nobody(&["--db", "/tmp/nobody-cannot-write-here/x.db", "jail", "list"]);
        r.code(77).stderr_has("permission denied");
        return;
    }
    // Not root: a socket of our own with mode 000 refuses us just the same.
    use std::os::unix::fs::PermissionsExt;
    let sock = env.path().join("locked.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    std::fs::set_permissions(&sock, std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = env.run(&["--socket", sock.to_str().unwrap(), "jail", "list"]);
    r.code(77).stderr_has("permission denied");
}
