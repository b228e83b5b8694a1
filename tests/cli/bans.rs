use serde_json::json;

use crate::support::TestEnv;
use crate::support::fail2ban::shared;

fn banned_in(jail: &str) -> String {
    shared().raw(json!([["get", jail, "banned"]]))
}

#[test]
fn ban_ipv4_ipv6_and_cidr_then_reban_is_unchanged() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("ban");
    let r = env.run(&[
        "ban",
        "1.2.3.4",
        "2a00:1450:4001::7",
        "81.2.69.0/24",
        "--jail",
        &j.name,
        "--json",
    ]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["data"]["changed"], true);
    assert_eq!(doc["data"]["banned"], 3);
    let items = doc["data"]["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["status"] == "banned"), "{items:?}");
    let live = banned_in(&j.name);
    for ip in ["1.2.3.4", "2a00:1450:4001::7", "81.2.69.0/24"] {
        assert!(live.contains(ip), "{ip} not in {live}");
    }
    // Host written as /32 is the same ban, shown bare.
    let again = env.run(&["ban", "1.2.3.4/32", "--jail", &j.name, "--json"]);
    again.code(0);
    let d = again.json();
    assert_eq!(d["data"]["changed"], false);
    assert_eq!(d["data"]["items"][0]["ip"], "1.2.3.4");
    assert_eq!(d["data"]["items"][0]["status"], "already_banned");
}

#[test]
fn mixed_valid_and_invalid_input_changes_nothing() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("mixed");
    let r = env.run(&[
        "ban",
        "5.5.5.5",
        "not-an-ip",
        "6.6.6.6/33",
        "--jail",
        &j.name,
        "--json",
    ]);
    r.code(65)
        .stderr_has("not-an-ip")
        .stderr_has("6.6.6.6/33")
        .stderr_has("nothing was changed");
    assert_eq!(r.json()["error"]["kind"], "bad_input");
    assert!(!banned_in(&j.name).contains("5.5.5.5"));
}

#[test]
fn bad_lines_in_a_file_are_named_with_line_numbers() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("file");
    let f = env.path().join("ips.txt");
    std::fs::write(&f, "# list\n7.7.7.7\n\n8.8.4.4 # dns\nbogus\n").unwrap();
    env.run(&["ban", "--from-file", f.to_str().unwrap(), "--jail", &j.name])
        .code(65)
        .stderr_has("line 5");
    assert!(!banned_in(&j.name).contains("7.7.7.7"));
    std::fs::write(&f, "# list\n7.7.7.7\n\n8.8.4.4 # dns\n").unwrap();
    env.run(&["ban", "--from-file", f.to_str().unwrap(), "--jail", &j.name])
        .code(0);
    let live = banned_in(&j.name);
    assert!(
        live.contains("7.7.7.7") && live.contains("8.8.4.4"),
        "{live}"
    );
    // stdin
    let r = env.run_stdin(
        &["ban", "--from-file", "-", "--jail", &j.name, "--json"],
        "9.9.9.9\n",
    );
    r.code(0);
    assert_eq!(r.json()["data"]["banned"], 1);
}

#[test]
fn refused_items_partial_and_all_refused() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("refuse");
    shared().raw(json!([["set", j.name, "addignoreip", "44.44.44.0/24"]]));
    env.write_config("[safety]\nsafelist = [\"55.55.55.55\"]\n");
    let r = env.run(&[
        "ban",
        "127.0.0.1",
        "10.1.2.3",
        "44.44.44.44",
        "55.55.55.55",
        "66.66.66.66",
        "--jail",
        &j.name,
        "--json",
    ]);
    r.code(3);
    let doc = r.json();
    let reason = |ip: &str| {
        doc["data"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["ip"] == ip)
            .unwrap()["reason_code"]
            .clone()
    };
    assert_eq!(reason("127.0.0.1"), "loopback");
    assert_eq!(reason("10.1.2.3"), "private");
    assert_eq!(reason("44.44.44.44"), "ignoreip");
    assert_eq!(reason("55.55.55.55"), "safelist");
    assert_eq!(reason("66.66.66.66"), serde_json::Value::Null);
    let live = banned_in(&j.name);
    assert!(
        live.contains("66.66.66.66") && !live.contains("10.1.2.3") && !live.contains("127.0.0.1")
    );

    env.run(&["ban", "127.0.0.1", "::1", "--jail", &j.name])
        .code(65);
    // --force allows private ranges, never loopback or the ignoreip.
    env.run(&["ban", "10.1.2.3", "--jail", &j.name, "--force"])
        .code(0);
    env.run(&["ban", "127.0.0.1", "--jail", &j.name, "--force"])
        .code(65);
}

#[test]
fn dry_run_changes_nothing() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("dry");
    let r = env.run(&[
        "ban",
        "12.12.12.12",
        "--jail",
        &j.name,
        "--dry-run",
        "--json",
    ]);
    r.code(0);
    assert_eq!(r.json()["data"]["items"][0]["status"], "would_ban");
    assert!(!banned_in(&j.name).contains("12.12.12.12"));
}

#[test]
fn unknown_jail_is_78_and_lists_jails() {
    let env = TestEnv::with_fail2ban();
    let r = env.run(&["ban", "1.2.3.4", "--jail", "no-such-jail", "--json"]);
    r.code(78)
        .stderr_has("no such jail 'no-such-jail'")
        .stderr_has("bangui-test");
    assert_eq!(r.json()["error"]["kind"], "no_such_jail");
    env.run(&["jail", "show", "no-such-jail"]).code(78);
    env.run(&["banned", "--jail", "no-such-jail"]).code(78);
}

#[test]
fn unban_reports_exactly_which_ips_left_which_jails() {
    let env = TestEnv::with_fail2ban();
    let a = shared().jail("ua");
    let b = shared().jail("ub");
    env.run(&["ban", "31.31.31.31", "32.32.32.32", "--jail", &a.name])
        .code(0);
    env.run(&["ban", "31.31.31.31", "--jail", &b.name]).code(0);
    let r = env.run(&[
        "unban",
        "31.31.31.31",
        "32.32.32.32",
        "33.33.33.33",
        "--json",
    ]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["data"]["changed"], true);
    let items = doc["data"]["items"].as_array().unwrap();
    let item = |ip: &str| items.iter().find(|i| i["ip"] == ip).unwrap().clone();
    let mut jails31: Vec<String> = item("31.31.31.31")["jails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    jails31.sort();
    let mut want = vec![a.name.clone(), b.name.clone()];
    want.sort();
    assert_eq!(jails31, want);
    assert_eq!(item("32.32.32.32")["jails"], json!([a.name]));
    assert_eq!(item("33.33.33.33")["status"], "not_banned");
    assert!(!banned_in(&a.name).contains("31.31.31.31"));
    // Unbanning again is a no-op.
    let again = env.run(&["unban", "31.31.31.31", "--json"]);
    again.code(0);
    assert_eq!(again.json()["data"]["changed"], false);
}

#[test]
fn unban_in_one_jail_and_all_in_a_jail() {
    let env = TestEnv::with_fail2ban();
    let a = shared().jail("uj");
    let b = shared().jail("uk");
    env.run(&["ban", "41.0.0.1", "41.0.0.2", "41.0.0.3", "--jail", &a.name])
        .code(0);
    env.run(&["ban", "41.0.0.1", "--jail", &b.name]).code(0);
    let r = env.run(&["unban", "41.0.0.1", "--jail", &a.name, "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["items"][0]["jails"], json!([a.name]));
    assert!(
        banned_in(&b.name).contains("41.0.0.1"),
        "other jail keeps its ban"
    );
    let r = env.run(&["unban", "--all", "--jail", &a.name, "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["unbanned"], 2);
    assert!(!banned_in(&a.name).contains("41.0.0."));
    assert!(
        banned_in(&b.name).contains("41.0.0.1"),
        "--all in one jail leaves others"
    );
    env.run(&["unban", "--all"]).code(2);
}

#[test]
fn banned_lists_and_answers_with_exit_codes() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("bq");
    env.run(&["ban", "51.0.0.1", "52.0.0.0/24", "--jail", &j.name])
        .code(0);
    let doc = env.run(&["banned", "--jail", &j.name, "--json"]).json();
    let rows = doc["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows.iter().find(|r| r["ip"] == "51.0.0.1").unwrap();
    assert_eq!(row["bantime"], 600);
    assert!(row["time_left"].as_i64().unwrap() > 500);
    assert!(row["banned_at"].as_str().unwrap().ends_with('Z'));
    // plain: one ban a line, tab-separated, no header
    let plain = env.run(&["banned", "--jail", &j.name]);
    plain.code(0);
    assert_eq!(plain.stdout.lines().count(), 2);
    assert!(
        plain.stdout.lines().all(|l| l.split('\t').count() == 9),
        "{}",
        plain.stdout
    );

    env.run(&["banned", "51.0.0.1"]).code(0);
    // Inside a banned network is banned; --exact asks for the entry itself.
    let r = env.run(&["banned", "52.0.0.9", "--json"]);
    r.code(0);
    let d = r.json();
    assert_eq!(d["data"]["query"][0]["banned"], true);
    assert_eq!(d["data"]["query"][0]["within"][0]["network"], "52.0.0.0/24");
    env.run(&["banned", "52.0.0.9", "--exact"]).code(1);
    env.run(&["banned", "bogus"]).code(65);
}

#[test]
fn changes_are_audited() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("audit");
    env.cmd()
        .env("SUDO_USER", "alice")
        .args(["ban", "61.0.0.1", "--jail", &j.name])
        .output()
        .unwrap();
    env.run(&["unban", "61.0.0.1", "--jail", &j.name]).code(0);
    let doc = env.run(&["audit", "list", "--json"]).json();
    let rows = doc["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["command"], "unban");
    assert_eq!(rows[0]["actor"], "tester");
    assert_eq!(rows[1]["command"], "ban");
    assert_eq!(rows[1]["actor"], "alice");
    assert_eq!(rows[1]["jail"], j.name);
    assert_eq!(rows[1]["targets"], json!(["61.0.0.1"]));
    assert_eq!(rows[1]["changed"], true);
}

#[test]
fn bans_found_by_fail2ban_itself_are_listed() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("detect");
    j.log_failures("eve", "81.2.69.142", 3);
    // The polling backend looks once a second.
    let t0 = std::time::Instant::now();
    loop {
        let r = env.run(&["banned", "81.2.69.142", "--jail", &j.name]);
        if r.code == 0 {
            break;
        }
        assert!(
            t0.elapsed().as_secs() < 15,
            "fail2ban did not ban the IP: {}",
            r.stderr
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[test]
fn unban_keeps_the_history_fail2ban_deletes() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("keep");
    env.run(&["ban", "62.0.0.7", "--jail", &j.name]).code(0);
    // fail2ban writes the ban row a few ms after answering.
    std::thread::sleep(std::time::Duration::from_millis(300));
    env.run(&["unban", "62.0.0.7", "--jail", &j.name]).code(0);
    let f2b = shared().dir.join("fail2ban.sqlite3");
    let conn =
        rusqlite::Connection::open_with_flags(&f2b, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM bans WHERE ip = '62.0.0.7'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(left, 0, "fail2ban deleted its row on unban");
    let doc = env
        .run(&["history", "list", "--ip", "62.0.0.7", "--json"])
        .json();
    let rows = doc["data"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{doc}");
    assert_eq!(rows[0]["jail"], j.name);
    assert_eq!(rows[0]["origin"], "manual");
    // Without --fail2ban-db or fail2ban.db_file, sync asks the server where its database is.
    let r = env.run(&["history", "sync", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["fail2ban_db"], f2b.display().to_string());
}

#[test]
fn banned_shows_country_and_asn_from_the_geo_cache() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("geo");
    env.run(&["ban", "63.0.0.9", "--jail", &j.name]).code(0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO geo_cache (ip, country_code, country_name, asn, as_org, db_build_epoch, resolved_at)
         VALUES ('63.0.0.9', 'US', 'United States', 64500, 'Example AS', 1, 1)",
        [],
    )
    .unwrap();
    let doc = env.run(&["banned", "--jail", &j.name, "--json"]).json();
    assert_eq!(doc["data"][0]["country_code"], "US");
    assert_eq!(doc["data"][0]["asn"], 64500);
}

#[test]
fn the_force_hint_appears_only_where_force_would_help() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("forcehint");
    let r = env.run(&["ban", "127.0.0.1", "::1", "--jail", &j.name]);
    r.code(65);
    assert!(
        !r.stderr.contains("--force"),
        "loopback cannot be forced: {}",
        r.stderr
    );
    env.run(&["ban", "10.1.2.4", "127.0.0.2", "--jail", &j.name])
        .code(65)
        .stderr_has("--force overrides 1 of these refusals");
}
