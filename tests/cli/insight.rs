//! explain, unban by selector, bans with bangui's own expiry, and the live
//! view, against the real fail2ban-server (and a real terminal for `top`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::fail2ban::{Fail2ban, Jail, shared};
use crate::support::{TestEnv, field_strs};

fn banned(jail: &Jail) -> BTreeSet<String> {
    let out = shared().raw(json!([["get", jail.name, "banned"]]));
    let line: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let repr = line["value"].as_str().unwrap().to_string();
    repr.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !ok() {
        assert!(t0.elapsed() < Duration::from_secs(30), "timed out: {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Rows fail2ban keeps for `ip` in its own database (read-only).
fn f2b_rows(jail: &str, ip: &str) -> i64 {
    let db = shared().dir.join("fail2ban.sqlite3");
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(
        "SELECT count(*) FROM bans WHERE jail = ?1 AND ip = ?2",
        [jail, ip],
        |r| r.get(0),
    )
    .unwrap()
}

const FEED: &str = "# three networks\n45.42.7.0/24\n45.42.9.0/24\n80.1.2.0/24\n";

/// fail2ban bans 45.42.7.9 from three log lines of user mallory, and a
/// file feed applied to the same jail lists its /24 and two more networks.
fn scene(tag: &str) -> (TestEnv, Jail) {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail(tag);
    let feed = env.path().join("feed.txt");
    std::fs::write(&feed, FEED).unwrap();
    let url = format!("file://{}", feed.display());
    env.run(&[
        "blocklist",
        "source",
        "add",
        "feed",
        &url,
        "--jail",
        &j.name,
        "--allow-file",
        "--min-interval",
        "0s",
    ])
    .code(0);
    env.run(&["blocklist", "import", "feed"]).code(0);
    j.log_failures("mallory", "45.42.7.9", 3);
    wait_for("fail2ban bans 45.42.7.9 and records it", || {
        banned(&j).contains("45.42.7.9") && f2b_rows(&j.name, "45.42.7.9") > 0
    });
    (env, j)
}

#[test]
fn explain_names_the_jail_the_feed_the_network_and_the_user() {
    let (env, j) = scene("explain");
    // With no geo database configured, the cache answers.
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute(
            "INSERT INTO geo_cache (ip, country_code, asn, resolved_at) VALUES ('45.42.7.9', 'NL', 64500, 0)",
            [],
        )
        .unwrap();
    let r = env.run(&["explain", "45.42.7.9", "-o", "json"]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["command"], "explain");
    let x = &doc["data"][0];
    assert_eq!(x["ip"], "45.42.7.9");
    assert_eq!(x["banned"], true);
    assert_eq!(x["geo"]["country_code"], "NL");
    assert_eq!(x["geo"]["asn"], 64500);
    let bans = x["bans"].as_array().unwrap();
    let exact = bans
        .iter()
        .find(|b| b["jail"] == j.name.as_str() && b["exact"] == true)
        .unwrap_or_else(|| panic!("no exact ban in {}: {x}", j.name));
    assert_eq!(exact["entry"], "45.42.7.9");
    assert_eq!(exact["permanent"], false);
    assert!(exact["ends_at"].as_str().unwrap().ends_with('Z'));
    assert!(exact["time_left"].as_i64().unwrap() > 0);
    assert!(exact["bangui_expires_at"].is_null());
    assert!(
        bans.iter()
            .any(|b| b["jail"] == j.name.as_str() && b["entry"] == "45.42.7.0/24"),
        "{x}"
    );
    assert_eq!(
        x["blocklists"],
        json!([{"source": "feed", "network": "45.42.7.0/24", "jail": j.name}])
    );
    let lines: Vec<&str> = field_strs(&x["log_lines"], "line");
    let ours = x["log_lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["jail"] == j.name.as_str())
        .count();
    assert_eq!(ours, 3, "the three lines that got it banned: {x}");
    assert!(lines.iter().all(|l| l.contains("mallory")), "{lines:?}");
    assert_eq!(x["users"], json!(["mallory"]));
    let fail2ban = x["history"]["by_origin"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["origin"] == "fail2ban")
        .unwrap_or_else(|| panic!("no fail2ban origin: {x}"));
    // Other tests' jails of the shared server may have banned it too.
    assert!(
        fail2ban["sources"]
            .as_array()
            .unwrap()
            .contains(&json!(j.name)),
        "{fail2ban}"
    );
    assert!(x["safety"][0]["jail"].is_null());
    assert_eq!(x["safety"][0]["allowed"], true);
    // --lines caps the log lines.
    let one = env
        .run(&["explain", "45.42.7.9", "--lines", "1", "--json"])
        .json();
    assert_eq!(one["data"][0]["log_lines"].as_array().unwrap().len(), 1);
    // The table is a readable report.
    let t = env.run(&["explain", "45.42.7.9", "-o", "table"]);
    t.code(0)
        .stdout_has("Current bans")
        .stdout_has("mallory")
        .stdout_has("feed");

    // An IP nobody bans: exit 1, as grep does; the policy still speaks.
    let r = env.run(&["explain", "93.184.216.34", "127.0.0.1", "--json"]);
    r.code(1);
    let d = r.json();
    assert_eq!(d["data"][0]["banned"], false);
    assert_eq!(d["data"][0]["bans"], json!([]));
    assert_eq!(d["data"][1]["safety"][0]["reason_code"], "loopback");
}

#[test]
fn explain_refuses_invalid_and_non_canonical_ips() {
    let env = TestEnv::with_fail2ban();
    for (bad, says) in [
        ("not-an-ip", "not-an-ip"),
        ("045.42.7.9", "045.42.7.9"),
        ("::ffff:45.42.7.9", "did you mean 45.42.7.9"),
        ("45.42.7.0/24", "is a network"),
    ] {
        let r = env.run(&["explain", bad]);
        r.code(65).stderr_has(says).stdout_empty();
    }
    let r = env.run(&["explain", "1.2.3.4", "045.1.1.1", "--json"]);
    r.code(65);
    assert_eq!(r.json()["error"]["kind"], "bad_input");
}

#[test]
fn unban_by_selector_lists_dry_runs_and_removes_only_what_it_selects() {
    let (env, j) = scene("select");
    env.run(&["ban", "91.198.174.192", "--jail", &j.name])
        .code(0);
    let before = banned(&j);
    assert_eq!(
        before,
        set(&[
            "45.42.7.0/24",
            "45.42.7.9",
            "45.42.9.0/24",
            "80.1.2.0/24",
            "91.198.174.192"
        ])
    );

    let r = env.run(&[
        "unban",
        "--jail",
        &j.name,
        "--origin",
        "blocklist",
        "--dry-run",
        "-o",
        "json",
    ]);
    r.code(0);
    let d = r.json()["data"].clone();
    assert_eq!(d["changed"], false);
    assert_eq!(d["dry_run"], true);
    let items: Vec<&str> = field_strs(&d["items"], "ip");
    assert_eq!(items, ["45.42.7.0/24", "45.42.9.0/24", "80.1.2.0/24"]);
    assert!(
        d["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["status"] == "would_unban")
    );
    assert!(
        d["selected"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["source"] == "feed")
    );
    assert_eq!(banned(&j), before, "a dry run removes nothing");

    // The manual ban is selected by its actor.
    let r = env.run(&[
        "unban",
        "--jail",
        &j.name,
        "--source",
        "tester",
        "--dry-run",
        "--json",
    ]);
    let d = r.json()["data"].clone();
    assert_eq!(d["items"][0]["ip"], "91.198.174.192");
    assert_eq!(d["selected"][0]["origin"], "manual");

    let r = env.run(&[
        "unban",
        "--jail",
        &j.name,
        "--network",
        "45.42.0.0/16",
        "-o",
        "json",
    ]);
    r.code(0);
    let d = r.json()["data"].clone();
    assert_eq!(d["changed"], true);
    assert_eq!(d["unbanned"], 3);
    assert_eq!(banned(&j), set(&["80.1.2.0/24", "91.198.174.192"]));
    // History was saved before fail2ban deleted its rows.
    let h = env
        .run(&[
            "history",
            "list",
            "--ip",
            "45.42.7.9",
            "--jail",
            &j.name,
            "--json",
        ])
        .json();
    assert_eq!(h["data"]["rows"].as_array().unwrap().len(), 1, "{h}");
    assert_eq!(f2b_rows(&j.name, "45.42.7.9"), 0);

    // A selector that matches nothing: 0, nothing changed, no items.
    let r = env.run(&["unban", "--jail", &j.name, "--country", "FR", "--json"]);
    r.code(0);
    let d = r.json()["data"].clone();
    assert_eq!(d["changed"], false);
    assert_eq!(d["items"], json!([]));
    assert_eq!(banned(&j), set(&["80.1.2.0/24", "91.198.174.192"]));

    // Above --max without a terminal: --yes is needed, nothing changes.
    let r = env.run(&[
        "unban",
        "--jail",
        &j.name,
        "--network",
        "0.0.0.0/0",
        "--max",
        "1",
    ]);
    r.code(2).stderr_has("--max 1").stderr_has("--yes");
    assert_eq!(banned(&j).len(), 2);
    let r = env.run(&[
        "unban",
        "--all-jails",
        "--network",
        "80.1.2.0/24",
        "--max",
        "0",
        "--yes",
        "--json",
    ]);
    r.code(0);
    assert_eq!(banned(&j), set(&["91.198.174.192"]));
}

#[test]
fn unban_selector_usage_and_bad_values() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("selbad");
    env.run(&["unban", "--all-jails"])
        .code(2)
        .stderr_has("selector");
    env.run(&["unban", "--jail", &j.name]).code(2);
    env.run(&["unban", "--origin", "manual"])
        .code(2)
        .stderr_has("--all-jails");
    env.run(&["unban", "--jail", &j.name, "--banned-before", "2999-01-01"])
        .code(65)
        .stderr_has("future");
    env.run(&["unban", "--jail", &j.name, "--network", "45.42.0.0/33"])
        .code(65);
    env.run(&["unban", "--jail", &j.name, "--country", "France"])
        .code(65);
}

#[test]
fn ban_for_expires_through_run_due_and_keeps_history() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("expire");
    let r = env.run(&[
        "ban",
        "91.198.174.193",
        "--jail",
        &j.name,
        "--for",
        "3s",
        "--json",
    ]);
    r.code(0);
    let d = r.json()["data"].clone();
    assert!(d["expires_at"].as_str().unwrap().ends_with('Z'));
    let list = env.run(&["banned", "--jail", &j.name, "--json"]).json();
    assert_eq!(list["data"][0]["ip"], "91.198.174.193");
    assert!(list["data"][0]["bangui_expires_at"].is_string());
    assert!(list["data"][0]["ends_at"].is_string());
    let x = env.run(&["explain", "91.198.174.193", "--json"]).json();
    assert!(x["data"][0]["bans"][0]["bangui_expires_at"].is_string());
    wait_for("fail2ban records the ban", || {
        f2b_rows(&j.name, "91.198.174.193") > 0
    });

    std::thread::sleep(Duration::from_secs(4));
    let r = env.run(&["jobs", "run-due", "--json"]);
    r.code(0);
    let run = r.json()["data"]["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["job"] == "expire-bans")
        .cloned()
        .unwrap_or_else(|| panic!("expire-bans did not run: {}", r.stdout));
    assert_eq!(run["status"], "ok");
    assert_eq!(run["summary"]["unbanned"], 1);
    assert!(banned(&j).is_empty());
    let h = env
        .run(&[
            "history",
            "list",
            "--ip",
            "91.198.174.193",
            "--jail",
            &j.name,
            "--json",
        ])
        .json();
    assert_eq!(h["data"]["rows"].as_array().unwrap().len(), 1, "{h}");
    assert_eq!(h["data"]["rows"][0]["origin"], "manual");
    // Nothing left to expire: a second run changes nothing.
    let r = env.run(&["jobs", "run", "expire-bans", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["summary"]["changed"], false);
}

#[test]
fn ban_for_bad_input_bantime_refusal_and_renewal() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("forbad");
    for args in [
        vec!["--for", "0s"],
        vec!["--for", "-1h"],
        vec!["--until", "2020-01-01T00:00:00Z"],
        vec!["--until", "someday"],
    ] {
        let mut a = vec!["ban", "91.198.174.194", "--jail", &j.name];
        a.extend(args.iter().copied());
        env.run(&a).code(65).stdout_empty();
    }
    // The jail's bantime is 600 s: two hours would end early.
    env.run(&["ban", "91.198.174.194", "--jail", &j.name, "--for", "2h"])
        .code(65)
        .stderr_has("hint: use a jail with a longer or permanent bantime");
    assert!(banned(&j).is_empty(), "nothing was banned");
    env.run(&["ban", "91.198.174.194", "--jail", &j.name, "--for", "5m"])
        .code(0);
    let list = env.run(&["banned", "--jail", &j.name, "--json"]).json();
    assert!(list["data"][0]["bangui_expires_at"].is_string());
    // Renewed without --for: the expiry is cleared.
    env.run(&["ban", "91.198.174.194", "--jail", &j.name])
        .code(0);
    let list = env.run(&["banned", "--jail", &j.name, "--json"]).json();
    assert!(list["data"][0]["bangui_expires_at"].is_null(), "{list}");
    // --force accepts an end beyond the bantime.
    env.run(&[
        "ban",
        "91.198.174.195",
        "--jail",
        &j.name,
        "--for",
        "2h",
        "--force",
    ])
    .code(0);
}

/// A tmux server of the test's own (own socket), killed on drop.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket);
        c
    }

    fn pane(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "top"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

/// Start `bangui top` in a real pseudo-terminal: a script records the
/// terminal settings before and after, and the exit code.
fn top_in_tmux(env: &TestEnv, dir: &Path) -> Tmux {
    let script = dir.join("run.sh");
    let mut vars = String::new();
    let mut probe = env.cmd();
    for (k, v) in probe.get_envs() {
        if let Some(v) = v {
            vars.push_str(&format!(
                "export {}='{}'\n",
                k.to_string_lossy(),
                v.to_string_lossy()
            ));
        }
    }
    let _ = probe.arg("--version");
    std::fs::write(
        &script,
        format!(
            "{vars}cd {d}\necho $$ > sh.pid\nstty -a > before.txt\n'{bin}' top --interval 1\necho $? > code.txt\nstty -a > after.txt\nsleep 30\n",
            d = dir.display(),
            bin = crate::support::bin().display()
        ),
    )
    .unwrap();
    let t = Tmux {
        socket: dir.join("tmux.sock"),
    };
    let ok = t
        .cmd()
        .args([
            "new-session",
            "-d",
            "-s",
            "top",
            "-x",
            "120",
            "-y",
            "40",
            "sh",
        ])
        .arg(&script)
        .status()
        .unwrap();
    assert!(ok.success(), "tmux did not start");
    t
}

fn wait_file(p: &Path) -> String {
    wait_for(&format!("{} to appear", p.display()), || {
        std::fs::read_to_string(p).is_ok_and(|s| !s.is_empty())
    });
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn top_shows_the_jails_quits_on_q_and_restores_the_terminal() {
    // A server of its own: the shared one has more jails than a screen.
    let server = Fail2ban::private();
    let env = TestEnv::with_server(&server);
    let j = server.jail("top");
    let dir = env.path().join("tty");
    std::fs::create_dir_all(&dir).unwrap();
    let t = top_in_tmux(&env, &dir);
    wait_for("top shows the jail", || t.pane().contains(&j.name));
    let screen = t.pane();
    assert!(
        screen.contains("Newest bans") && screen.contains("Jobs"),
        "{screen}"
    );
    t.cmd()
        .args(["send-keys", "-t", "top", "q"])
        .status()
        .unwrap();
    assert_eq!(wait_file(&dir.join("code.txt")).trim(), "0");
    let before = wait_file(&dir.join("before.txt"));
    let after = wait_file(&dir.join("after.txt"));
    assert_eq!(before, after, "terminal settings restored");
    assert!(
        !after.contains("-icanon") && !after.contains("-echo "),
        "{after}"
    );
    // The alternate screen is gone: the shell's screen is back.
    assert!(!t.pane().contains("Newest bans"), "{}", t.pane());
}

fn top_stopped_by(signal: &str, code: &str) {
    let server = Fail2ban::private();
    let env = TestEnv::with_server(&server);
    let j = server.jail("topsig");
    let dir = env.path().join("tty");
    std::fs::create_dir_all(&dir).unwrap();
    let t = top_in_tmux(&env, &dir);
    wait_for("top shows the jail", || t.pane().contains(&j.name));
    let sh = wait_file(&dir.join("sh.pid")).trim().to_string();
    let out = Command::new("ps")
        .args(["-o", "pid=", "--ppid", &sh])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no child of the script");
    Command::new("kill").args([signal, &pid]).status().unwrap();
    assert_eq!(wait_file(&dir.join("code.txt")).trim(), code);
    assert_eq!(
        wait_file(&dir.join("before.txt")),
        wait_file(&dir.join("after.txt"))
    );
}

#[test]
fn top_restores_the_terminal_on_sigterm() {
    top_stopped_by("-TERM", "143");
}

#[test]
fn top_restores_the_terminal_on_sigint() {
    top_stopped_by("-INT", "130");
}

#[test]
fn top_without_a_terminal_is_a_usage_error_with_a_hint() {
    let env = TestEnv::with_fail2ban();
    env.run(&["top"])
        .code(2)
        .stderr_has("top needs a terminal")
        .stderr_has("hint:")
        .stdout_empty();
}

#[test]
fn expire_bans_leaves_a_ban_fail2ban_started_anew() {
    let env = TestEnv::with_fail2ban();
    let j = shared().jail("renewed");
    env.run(&["ban", "91.198.174.196", "--jail", &j.name, "--for", "2s"])
        .code(0);
    // The ban ends another way, and later fail2ban bans the IP again.
    shared().raw(json!([["set", j.name, "unbanip", "91.198.174.196"]]));
    std::thread::sleep(Duration::from_secs(7));
    shared().raw(json!([["set", j.name, "banip", "91.198.174.196"]]));
    let r = env.run(&["jobs", "run", "expire-bans", "--json"]);
    r.code(0);
    let s = r.json()["data"]["summary"].clone();
    assert_eq!(s["due"], 1, "{s}");
    assert_eq!(s["unbanned"], 0, "{s}");
    assert_eq!(banned(&j), set(&["91.198.174.196"]));
    // The expiry is gone: the next run has nothing to do.
    let list = env.run(&["banned", "--jail", &j.name, "--json"]).json();
    assert!(list["data"][0]["bangui_expires_at"].is_null(), "{list}");
}
