//! `filter list|show|test` and `action list|show`: against the real /etc/fail2ban
//! (read-only), a tree built here, and fail2ban-regex as the reference.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::TestEnv;

const SHIPPED_SSHD_LOG: &str = "/usr/lib/python3/dist-packages/fail2ban/tests/files/logs/sshd";

fn write(root: &Path, rel: &str, body: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, body).unwrap();
    p
}

/// A small config tree: include, .local override, parameters, a jail using it.
fn build_tree(root: &Path) -> PathBuf {
    let conf = root.join("f2b");
    write(
        &conf,
        "filter.d/common.conf",
        "[DEFAULT]\n_daemon = \\S*\n__prefix = \\s*\n",
    );
    write(
        &conf,
        "filter.d/webauth.conf",
        "[INCLUDES]\nbefore = common.conf\n[Definition]\n\
         normal = ^%(__prefix)swebauth: bad password for <F-USER>\\S+</F-USER> from <HOST>$\n\
         aggressive = %(normal)s\n            ^%(__prefix)swebauth: probe from <HOST>$\n\
         failregex = <<mode>>\nignoreregex = ^.*from 192\\.0\\.2\\.99$\n\
         datepattern = {^LN-BEG}%%Y-%%m-%%d %%H:%%M:%%S\n[Init]\nmode = normal\n",
    );
    write(
        &conf,
        "filter.d/webauth.local",
        "[Definition]\nmaxlines = 1\n",
    );
    write(
        &conf,
        "action.d/notify.conf",
        "[Definition]\nactionban = echo ban <ip> on <name> >> <logfile>\nactionunban = echo unban <ip>\n\
         [Init]\nname = default\nlogfile = /tmp/notify.log\n",
    );
    write(
        &conf,
        "jail.conf",
        "[DEFAULT]\nbantime = 10m\n[web]\nenabled = true\nfilter = webauth[mode=aggressive]\n\
         action = notify[name=web]\nlogpath = /tmp/x.log\n",
    );
    conf
}

fn log_lines() -> &'static str {
    "2024-05-01 10:00:00 webauth: bad password for alice from 203.0.113.5\n\
     2024-05-01 10:00:01 webauth: probe from 203.0.113.6\n\
     2024-05-01 10:00:02 webauth: bad password for eve from 192.0.2.99\n\
     2024-05-01 10:00:03 something else entirely\n"
}

fn regex_count(args: &[&str]) -> (u64, u64, u64) {
    let out = Command::new("fail2ban-regex").args(args).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let s = bangui::filter::external::parse_summary(&text)
        .unwrap_or_else(|| panic!("no summary from fail2ban-regex {args:?}: {text}"));
    (s.matched, s.ignored, s.missed)
}

fn counts(doc: &serde_json::Value) -> (u64, u64, u64) {
    let d = &doc["data"];
    (
        d["matched"].as_u64().expect("matched is an integer"),
        d["ignored"].as_u64().unwrap(),
        d["missed"].as_u64().unwrap(),
    )
}

#[test]
fn filter_list_and_show_on_the_real_etc_fail2ban() {
    let env = TestEnv::new();
    let doc = env.run(&["filter", "list", "--json"]).code(0).json();
    let list = doc["data"].as_array().unwrap();
    assert!(list.len() > 50, "{}", list.len());
    let sshd = list.iter().find(|f| f["name"] == "sshd").unwrap();
    assert_eq!(sshd["files"][0], "/etc/fail2ban/filter.d/sshd.conf");
    assert!(
        sshd["jails"]
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j == "sshd")
    );
    assert!(!list.iter().any(|f| f["name"] == "common"), "include-only");

    let normal = env
        .run(&["filter", "show", "sshd", "--json"])
        .code(0)
        .json();
    let aggr = env
        .run(&["filter", "show", "sshd", "--mode", "aggressive", "--json"])
        .code(0)
        .json();
    let n = normal["data"]["failregex"].as_array().unwrap().len();
    let a = aggr["data"]["failregex"].as_array().unwrap().len();
    assert!(a > n, "aggressive {a} normal {n}");
    assert_eq!(aggr["data"]["params"]["mode"], "aggressive");
    assert!(
        normal["data"]["prefregex"]
            .as_str()
            .unwrap()
            .contains("<F-CONTENT>")
    );
    let from = normal["data"]["sources"]["failregex"].as_str().unwrap();
    assert!(
        from.starts_with("/etc/fail2ban/filter.d/sshd.conf:"),
        "{from}"
    );
    env.run(&["filter", "show", "sshd", "-o", "table"])
        .code(0)
        .stdout_has("failregex[0]")
        .stdout_has("sshd.conf:");

    let acts = env.run(&["action", "list", "--json"]).code(0).json();
    assert!(
        acts["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "iptables-multiport")
    );
    let ipt = env
        .run(&["action", "show", "iptables-multiport[port=ssh]", "--json"])
        .code(0)
        .json();
    assert!(
        ipt["data"]["commands"]["actionban"]
            .as_str()
            .unwrap()
            .contains("<ip>")
    );
    assert_eq!(ipt["data"]["init"]["port"], "ssh");
    // Multi-line commands print as lines, never as U+FFFD.
    let r = env.run(&["action", "show", "iptables", "-o", "table"]);
    r.code(0)
        .stdout_has("actionstop  (/etc/fail2ban/action.d/iptables.conf:")
        .stdout_has("\n    done\n");
    assert!(!r.stdout.contains('\u{FFFD}'), "{}", r.stdout);
    // The list fits a 120-column terminal, however many jails use an action.
    let r = env.run(&["action", "list", "-o", "table"]);
    r.code(0).stdout_has("iptables-multiport");
    let widest = r.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "{widest} columns:\n{}", r.stdout);
}

#[test]
fn unknown_names_and_traversal() {
    let env = TestEnv::new();
    let r = env.run(&["filter", "show", "no-such-filter"]);
    r.code(78)
        .stderr_has("no-such-filter")
        .stderr_has("bangui filter list");
    r.stdout_empty();
    env.run(&["action", "show", "no-such-action"])
        .code(78)
        .stderr_has("no-such-action");
    for bad in ["../../etc/passwd", "..", "a/b[mode=x]"] {
        env.run(&["filter", "show", bad])
            .code(65)
            .stderr_has("refusing");
        env.run(&["action", "show", bad]).code(65);
    }
    let j = env.run(&["filter", "show", "../../etc/passwd", "--json"]);
    assert_eq!(j.json()["error"]["exit_code"], 65);
    // A path-like FILTER in `filter test` is refused the same way.
    let log = write(env.path(), "l.log", "x\n");
    env.run(&["filter", "test", "../../etc/passwd", log.to_str().unwrap()])
        .code(65);
}

#[test]
fn a_tree_built_here_via_flag_and_environment() {
    let env = TestEnv::new();
    let conf = build_tree(env.path());
    let dir = conf.to_str().unwrap();
    let doc = env
        .run(&["filter", "list", "--fail2ban-config-dir", dir, "--json"])
        .code(0)
        .json();
    assert_eq!(doc["data"].as_array().unwrap().len(), 1);
    assert_eq!(doc["data"][0]["name"], "webauth");
    assert_eq!(doc["data"][0]["jails"], serde_json::json!(["web"]));
    assert_eq!(doc["data"][0]["files"].as_array().unwrap().len(), 2);

    let mut c = env.cmd();
    c.env("BANGUI_FAIL2BAN_CONFIG_DIR", dir).args([
        "filter",
        "show",
        "webauth[mode=aggressive]",
        "--json",
    ]);
    let show = crate::support::to_run(c.output().unwrap());
    show.code(0);
    let d = &show.json()["data"];
    assert_eq!(d["failregex"].as_array().unwrap().len(), 2);
    assert_eq!(d["failregex"][1], "^\\s*webauth: probe from <HOST>$");
    assert_eq!(d["datepattern"], "{^LN-BEG}%Y-%m-%d %H:%M:%S");
    assert_eq!(d["maxlines"], 1);
    assert!(
        d["sources"]["maxlines"]
            .as_str()
            .unwrap()
            .ends_with("webauth.local:2")
    );
    assert!(
        d["sources"]["failregex"]
            .as_str()
            .unwrap()
            .ends_with("webauth.conf:7")
    );
    assert_eq!(d["sources"]["mode"], "parameter");

    let a = env
        .run(&[
            "action",
            "show",
            "notify[name=web]",
            "--fail2ban-config-dir",
            dir,
            "--json",
        ])
        .code(0)
        .json();
    assert_eq!(
        a["data"]["commands"]["actionban"],
        "echo ban <ip> on web >> /tmp/notify.log"
    );
    assert_eq!(a["data"]["init"]["logfile"], "/tmp/notify.log");
    let al = env
        .run(&["action", "list", "--fail2ban-config-dir", dir, "--json"])
        .code(0)
        .json();
    assert_eq!(al["data"][0]["jails"], serde_json::json!(["web"]));
    // A config dir that does not exist is a configuration error.
    env.run(&[
        "filter",
        "list",
        "--fail2ban-config-dir",
        "/nonexistent/f2b",
    ])
    .code(78);
}

#[test]
fn filter_test_sshd_matches_fail2ban_regex() {
    let env = TestEnv::new();
    // A small log from fail2ban's own sshd sample (first 120 lines).
    let text = std::fs::read_to_string(SHIPPED_SSHD_LOG).expect("fail2ban's test logs");
    let small: String = text.lines().take(120).map(|l| format!("{l}\n")).collect();
    let log = write(env.path(), "auth.log", &small);
    let log = log.to_str().unwrap();
    let native = env
        .run(&["filter", "test", "sshd", log, "-o", "json"])
        .code(0)
        .json();
    let (m, i, x) = counts(&native);
    let reference = regex_count(&["--raw", log, "/etc/fail2ban/filter.d/sshd.conf"]);
    assert_eq!((m, i, x), reference);
    assert!(m > 5, "{m}");
    let d = &native["data"];
    assert_eq!(d["engine"], "native");
    assert_eq!(d["filter_kind"], "name");
    assert!(d["lines_shown"].is_null(), "small JSON by default");
    assert!(d["elapsed_seconds"].as_f64().is_some());
    let hits: u64 = d["failregex_hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["hits"].as_u64().unwrap())
        .sum();
    assert!(hits >= m);
    assert!(!d["date_template_hits"].as_array().unwrap().is_empty());

    // The same through fail2ban-regex, in the same shape.
    let ext = env
        .run(&[
            "filter",
            "test",
            "sshd",
            log,
            "--engine",
            "fail2ban-regex",
            "-o",
            "json",
        ])
        .code(0)
        .json();
    assert_eq!(counts(&ext), reference);
    assert_eq!(ext["data"]["engine"], "fail2ban-regex");
    assert!(!ext["data"]["failregex_hits"].as_array().unwrap().is_empty());
    // Both number the regexes alike (from 1): the same number, the same regex.
    let native_hits = d["failregex_hits"].as_array().unwrap();
    assert_eq!(native_hits[0]["index"], 1);
    for h in ext["data"]["failregex_hits"].as_array().unwrap() {
        let n = native_hits
            .iter()
            .find(|n| n["index"] == h["index"])
            .unwrap_or_else(|| panic!("no native regex numbered {}", h["index"]));
        assert_eq!(n["regex"], h["regex"], "regex number {}", h["index"]);
    }

    // Aggressive mode, both engines.
    let na = env
        .run(&[
            "filter",
            "test",
            "sshd",
            log,
            "--mode",
            "aggressive",
            "--json",
        ])
        .code(0)
        .json();
    let ra = regex_count(&["--raw", log, "sshd[mode=aggressive]"]);
    assert_eq!(counts(&na), ra);

    // The whole shipped file, too.
    let full = env
        .run(&["filter", "test", "sshd", SHIPPED_SSHD_LOG, "--json"])
        .code(0)
        .json();
    assert_eq!(
        counts(&full),
        regex_count(&[
            "--raw",
            SHIPPED_SSHD_LOG,
            "/etc/fail2ban/filter.d/sshd.conf"
        ])
    );
}

#[test]
fn filter_test_regex_file_show_and_errors() {
    let env = TestEnv::new();
    let conf = build_tree(env.path());
    let log = write(env.path(), "web.log", log_lines());
    let log_s = log.to_str().unwrap();

    // FILE form: includes resolved relative to the file.
    let file = conf.join("filter.d/webauth.conf");
    let f = env
        .run(&["filter", "test", file.to_str().unwrap(), log_s, "--json"])
        .code(0)
        .json();
    assert_eq!(f["data"]["filter_kind"], "file");
    assert_eq!(counts(&f), (1, 1, 2));
    assert_eq!(
        counts(&f),
        regex_count(&["--raw", log_s, file.to_str().unwrap()])
    );
    let fa = env
        .run(&[
            "filter",
            "test",
            file.to_str().unwrap(),
            log_s,
            "--mode",
            "aggressive",
            "--json",
        ])
        .code(0)
        .json();
    assert_eq!(counts(&fa), (2, 1, 1));

    // Literal regex form, with --show matched: host, user and time per line.
    let re = r"webauth: bad password for <F-USER>\S+</F-USER> from <HOST>$";
    let r = env
        .run(&["filter", "test", re, log_s, "--show", "matched", "--json"])
        .code(0)
        .json();
    let d = &r["data"];
    assert_eq!(d["filter_kind"], "regex");
    assert_eq!(d["matched"], 2);
    assert_eq!(d["missed"], 2);
    let shown = d["lines_shown"].as_array().unwrap();
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0]["line_no"], 1);
    assert_eq!(shown[0]["status"], "matched");
    assert_eq!(shown[0]["host"], "203.0.113.5");
    assert_eq!(shown[0]["user"], "alice");
    assert!(
        shown[0]["time"]
            .as_str()
            .unwrap()
            .starts_with("2024-05-01T")
    );
    assert_eq!(
        (
            d["matched"].as_u64().unwrap(),
            d["missed"].as_u64().unwrap()
        ),
        {
            let (m, _, x) = regex_count(&["--raw", log_s, re]);
            (m, x)
        }
    );
    let missed = env
        .run(&["filter", "test", re, log_s, "--show", "missed", "--json"])
        .json();
    assert_eq!(missed["data"]["lines_shown"].as_array().unwrap().len(), 2);
    // --datepattern overrides, and stdin works.
    let s = env.run_stdin(
        &[
            "filter",
            "test",
            re,
            "-",
            "--datepattern",
            "{^LN-BEG}%Y-%m-%d %H:%M:%S",
            "--json",
        ],
        log_lines(),
    );
    s.code(0);
    assert_eq!(s.json()["data"]["matched"], 2);
    // Plain and table output carry the totals.
    env.run(&["filter", "test", re, log_s, "-o", "plain"])
        .code(0)
        .stdout_has("matched\t2");

    // Errors: missing log 66, bad regex 65, unknown filter 78, missing file 66.
    env.run(&["filter", "test", "sshd", "/nonexistent.log"])
        .code(66)
        .stderr_has("/nonexistent.log");
    env.run(&["filter", "test", "(unclosed <HOST>", log_s])
        .code(65)
        .stderr_has("regex");
    env.run(&["filter", "test", "no-such-filter", log_s])
        .code(78)
        .stderr_has("no-such-filter");
    env.run(&["filter", "test", "/nonexistent/f.conf", log_s])
        .code(66);
    let j = env.run(&["filter", "test", "sshd", "/nonexistent.log", "--json"]);
    assert_eq!(j.json()["error"]["kind"], "no_input");
}

#[test]
fn external_engine_missing_is_66() {
    let env = TestEnv::new();
    let log = write(env.path(), "a.log", "x\n");
    let mut c = env.cmd();
    c.env("PATH", "/nonexistent-bin").args([
        "filter",
        "test",
        "sshd",
        log.to_str().unwrap(),
        "--engine",
        "fail2ban-regex",
    ]);
    let r = crate::support::to_run(c.output().unwrap());
    r.code(66)
        .stderr_has("fail2ban-regex")
        .stderr_has("--engine native");
}
