use serde_json::json;

use crate::support::TestEnv;
use crate::support::fail2ban::{Fail2ban, shared};

#[test]
fn jail_list_has_counts_and_null_for_unknowable() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("list");
    env.run(&["ban", "71.0.0.1", "--jail", &j.name]).code(0);
    let fresh = TestEnv::with_fail2ban();
    let doc = fresh.run(&["jail", "list", "--json"]).json();
    let row = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["jail"] == j.name.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["currently_banned"], 1);
    assert_eq!(row["total_banned"], 1);
    // Neither release reports idle; 1.0 has no `stats` and so no backend
    // either: null, not guessed. 1.1 answers `stats` with the backend.
    assert_eq!(row["idle"], serde_json::Value::Null);
    let backend = match crate::support::fail2ban::env_version().as_str() {
        "1.0.2" => serde_json::Value::Null,
        _ => json!("polling"),
    };
    assert_eq!(row["backend"], backend, "{row}");
    assert!(
        !fresh.db().exists(),
        "jail list must not touch the database"
    );
    // Plain: the documented columns, so that `cut -f1,5` gives current bans.
    let r = fresh.run(&["jail", "list", "-o", "plain"]);
    let line = r
        .code(0)
        .stdout
        .lines()
        .find(|l| l.split('\t').next() == Some(j.name.as_str()))
        .unwrap()
        .to_string();
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols.len(), 7, "{line}");
    assert_eq!((cols[4], cols[5]), ("1", "1"), "{line}");
}

#[test]
fn show_get_set_with_validation() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("set");
    let doc = env.run(&["jail", "show", &j.name, "--json"]).json();
    let s = &doc["data"]["settings"];
    assert_eq!(s["bantime"], 600);
    assert_eq!(s["maxretry"], 3);
    assert_eq!(s["datepattern"], "{^LN-BEG}%Y-%m-%d %H:%M:%S");
    assert!(s["failregex"][0].as_str().unwrap().contains("bangui-test"));

    let r = env.run(&["jail", "set", &j.name, "bantime", "2h", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["before"], 600);
    assert_eq!(r.json()["data"]["after"], 7200);
    assert_eq!(r.json()["data"]["changed"], true);
    let again = env.run(&["jail", "set", &j.name, "bantime", "7200", "--json"]);
    assert_eq!(again.json()["data"]["changed"], false);
    let got = env
        .run(&["jail", "get", &j.name, "bantime", "--json"])
        .json();
    assert_eq!(got["data"]["value"], 7200);

    env.run(&["jail", "set", &j.name, "maxretry", "zero"])
        .code(65);
    env.run(&["jail", "set", &j.name, "usedns", "sometimes"])
        .code(65);
    env.run(&["jail", "set", &j.name, "addignoreip", "not-an-ip"])
        .code(65);
    env.run(&["jail", "set", &j.name, "nonsense", "1"]).code(2);
    let dry = env.run(&[
        "jail",
        "set",
        &j.name,
        "maxretry",
        "9",
        "--dry-run",
        "--json",
    ]);
    assert_eq!(dry.json()["data"]["changed"], false);
    let live = shared().raw(json!([["get", j.name, "maxretry"]]));
    assert!(live.contains("\"3\""), "{live}");
}

#[test]
fn idle_and_stop() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("idle");
    env.run(&["jail", "idle", &j.name, "on", "--json"]).code(0);
    env.run(&["jail", "idle", &j.name, "maybe"]).code(2);
    let r = env.run(&["jail", "stop", &j.name, "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["changed"], true);
    let list = env.run(&["jail", "list", "--json"]).json();
    assert!(
        !list["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["jail"] == j.name.as_str())
    );
    env.run(&["jail", "stop", &j.name]).code(78);
}

#[test]
fn reload_of_all_jails_removes_runtime_jails_on_a_private_server() {
    let server = Fail2ban::private();
    let env = TestEnv::with_server(&server);
    env.write_config(&format!(
        "[fail2ban]\nconfig_dir = \"{}\"\n",
        server.conf.display()
    ));
    let runtime = server.jail("rt");
    let r = env.run(&["jail", "reload", "--json"]);
    r.code(0);
    let jails = r.json()["data"]["jails"].clone();
    assert!(jails.as_array().unwrap().iter().any(|j| j == "bangui-test"));
    assert!(
        !jails
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j == runtime.name.as_str())
    );

    env.run(&["jail", "stop", "bangui-noaction"]).code(0);
    let r = env.run(&["jail", "start", "bangui-noaction", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["running"], true);
    let r = env.run(&["jail", "start", "bangui-noaction", "--json"]);
    assert_eq!(r.json()["data"]["changed"], false);
    env.run(&["jail", "restart", "bangui-test"]).code(0);
    env.run(&["jail", "reload", "no-such-jail"]).code(78);
}

/// Every jail argument passes one rule before anything runs: a refused name is bad
/// input (65) with one message, as a JSON error document with --json (even when the
/// flag follows the name), and reaches neither the database nor fail2ban.
#[test]
fn jail_names_are_checked_at_the_edge() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("edge");
    let cases: [&[&str]; 9] = [
        &["ban", "72.0.0.1", "--jail", "a b"],
        &["unban", "72.0.0.1", "-j", "../x"],
        &["banned", "--jail", "DEFAULT"],
        &["verify", "-j", &j.name, "-j", "x%y"],
        &["jail", "show", ".hidden"],
        &["jail", "restart", "a/b"],
        &["jail", "set", "--persist", "--", "-x", "bantime", "1h"],
        &["history", "list", "--jail", "a;b"],
        &[
            "blocklist",
            "source",
            "add",
            "s",
            "https://x.example/",
            "-j",
            "a b",
        ],
    ];
    for args in cases {
        env.run(args)
            .code(65)
            .stderr_has("bangui: error: invalid jail name")
            .stdout_empty();
        // After the refused name, but not after `--`.
        let at = args.iter().position(|a| *a == "--").unwrap_or(args.len());
        let with_json = [&args[..at], &["--json"], &args[at..]].concat();
        let r = env.run(&with_json);
        r.code(65);
        let doc = r.json();
        assert_eq!(doc["error"]["kind"], "bad_input", "{args:?}: {doc}");
        assert_eq!(doc["error"]["exit_code"], 65, "{args:?}: {doc}");
    }
    assert!(!env.db().exists(), "a refused name records nothing");
    assert!(shared().banned(&j.name).is_empty());
    env.run(&["ban", "72.0.0.1", "--jail", &j.name]).code(0);
    assert!(shared().banned(&j.name).contains("72.0.0.1"));
}
