//! `bangui jobs`: the scheduler lock, signals and run records, exercised with
//! real processes against a real database big enough that runs overlap. The
//! short heartbeat and TTL come from each test's config file.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde_json::Value;

use crate::support::{Run, TestEnv, to_run};

/// Rows of old audit log that db-maintenance has to prune.
const ROWS: i64 = 400_000;
const BATCH: i64 = 1000;

fn config(env: &TestEnv, extra: &str) {
    let f2b = empty_fail2ban_db(env);
    env.write_config(&format!(
        "[fail2ban]\ndb_file = \"{}\"\n\
         [jobs]\nheartbeat = 1\nlock_ttl = 3\ngrace = 5\nmaintenance_batch_size = {BATCH}\n\
         vacuum_free_ratio = 1.0\naudit_retention = \"1d\"\n{extra}",
        f2b.display()
    ));
}

/// An empty fail2ban database (schema v4), so that `history-sync` has a
/// source without a running server.
fn empty_fail2ban_db(env: &TestEnv) -> std::path::PathBuf {
    let p = env.path().join("fail2ban.sqlite3");
    let conn = Connection::open(&p).unwrap();
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS fail2banDb (version INTEGER);
         INSERT INTO fail2banDb SELECT 4 WHERE NOT EXISTS (SELECT 1 FROM fail2banDb);
         CREATE TABLE IF NOT EXISTS bans (jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL,
             bantime INTEGER NOT NULL, bancount INTEGER NOT NULL DEFAULT 1, data JSON);",
    )
    .unwrap();
    p
}

/// The entry for `job` in a JSON list of jobs or runs.
fn by_job(list: &Value, job: &str) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|j| j["job"] == job || j["name"] == job)
        .unwrap_or_else(|| panic!("no {job} in {list}"))
        .clone()
}

/// A migrated database with `rows` audit rows from 1970 (all prunable), in
/// id order = time order.
fn big_fixture(env: &TestEnv, rows: i64) {
    env.run(&["db", "migrate"]).code(0);
    let conn = Connection::open(env.db()).unwrap();
    conn.execute(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?1)
         INSERT INTO audit_log (at, actor, command, jail, targets, outcome)
         SELECT 1000 + x, 'tester', 'ban', 'sshd', '[\"192.0.2.1\"]', 'ok' FROM c",
        [rows],
    )
    .unwrap();
}

fn open(env: &TestEnv) -> Connection {
    let c = Connection::open(env.db()).unwrap();
    c.busy_timeout(Duration::from_secs(5)).unwrap();
    c
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn spawn(env: &TestEnv, args: &[&str]) -> Child {
    env.cmd()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn bangui")
}

fn finish(child: Child) -> Run {
    to_run(child.wait_with_output().expect("wait for bangui"))
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{sig} failed");
}

/// Wait until `cond` holds, polling; panic with `what` after `limit`.
fn wait_for(limit: Duration, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The lock row as `jobs status --json` shows it (null when free).
fn lock_json(env: &TestEnv) -> Value {
    let r = env.run(&["jobs", "status", "--json"]);
    r.code(0);
    r.json()["data"]["lock"].clone()
}

fn lock_row_exists(env: &TestEnv) -> bool {
    count(&open(env), "SELECT count(*) FROM scheduler_lock") > 0
}

fn pruned_so_far(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT json_extract(value, '$.rows_this_run') FROM job_state
         WHERE job = 'db-maintenance' AND key = 'prune:audit_log'",
        [],
        |r| r.get(0),
    )
    .unwrap_or(0)
}

/// Only whole batches are gone, and exactly those the watermark names.
/// After a run of db-maintenance that was stopped part-way: only whole
/// batches were deleted, oldest first with no gap, and the watermark
/// committed with them says exactly that (`rows_this_run` counts this run,
/// whose predecessors had deleted `before`). A missing watermark fails.
fn assert_whole_batches(env: &TestEnv, total: i64, before: i64) {
    let conn = open(env);
    let left = count(&conn, "SELECT count(*) FROM audit_log");
    let deleted = total - left;
    assert_eq!(
        deleted % BATCH,
        0,
        "{deleted} rows deleted: not whole batches"
    );
    assert!(deleted > before, "this run deleted nothing");
    let (rows, through): (i64, i64) = conn
        .query_row(
            "SELECT json_extract(value, '$.rows_this_run'), json_extract(value, '$.through_id')
             FROM job_state WHERE job = 'db-maintenance' AND key = 'prune:audit_log'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap_or_else(|e| panic!("no prune watermark after {deleted} rows deleted: {e}"));
    assert_eq!(
        rows,
        deleted - before,
        "the watermark's rows_this_run is not what this run deleted"
    );
    assert_eq!(
        through, deleted,
        "the watermark is not the last row deleted"
    );
    if left > 0 {
        let min_left = count(&conn, "SELECT min(id) FROM audit_log");
        assert_eq!(
            min_left,
            deleted + 1,
            "rows are pruned oldest first with no gap"
        );
    }
}

fn events(stderr: &str) -> Vec<Value> {
    stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .collect()
}

fn has_event(stderr: &str, name: &str) -> Option<Value> {
    events(stderr).into_iter().find(|e| e["event"] == name)
}

#[test]
fn eight_concurrent_runs_exactly_one_runs_seven_exit_75() {
    let env = TestEnv::new();
    config(&env, "");
    big_fixture(&env, ROWS);
    let children: Vec<Child> = (0..8)
        .map(|_| spawn(&env, &["jobs", "run", "db-maintenance", "--json"]))
        .collect();
    let pids: Vec<u32> = children.iter().map(Child::id).collect();
    let runs: Vec<Run> = children.into_iter().map(finish).collect();
    let winners: Vec<usize> = (0..8).filter(|&i| runs[i].code == 0).collect();
    assert_eq!(
        winners.len(),
        1,
        "exactly one run wins: codes {:?}",
        runs.iter().map(|r| r.code).collect::<Vec<_>>()
    );
    let w = winners[0];
    assert_eq!(runs[w].json()["data"]["status"], "ok");
    assert_eq!(
        runs[w].json()["data"]["summary"]["pruned"]["audit_log"],
        ROWS
    );
    for (i, r) in runs.iter().enumerate() {
        if i == w {
            continue;
        }
        r.code(75)
            .stderr_has("scheduler lock is held by")
            .stderr_has(&format!("pid {}", pids[w]));
        assert_eq!(r.json()["error"]["kind"], "try_later");
        assert_eq!(r.json()["error"]["exit_code"], 75);
    }
    let conn = open(&env);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM job_runs WHERE job = 'db-maintenance' AND status = 'ok'"
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM job_runs WHERE status = 'skipped-locked'"
        ),
        7
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM scheduler_lock"), 0);
}

#[test]
fn killed_holder_blocks_until_the_ttl_then_is_taken_over() {
    let env = TestEnv::new();
    config(&env, "");
    big_fixture(&env, ROWS);
    let mut holder = spawn(&env, &["jobs", "run", "db-maintenance"]);
    let conn = open(&env);
    wait_for(Duration::from_secs(20), "the first batches", || {
        pruned_so_far(&conn) > 0
    });
    holder.kill().unwrap(); // SIGKILL: no chance to release anything
    let killed_at = Instant::now();
    let _ = holder.wait();
    assert!(lock_row_exists(&env), "a killed holder leaves its row");

    // Within the TTL the dead holder's lock still counts.
    env.run(&["jobs", "run", "db-maintenance"])
        .code(75)
        .stderr_has(&format!("pid {}", holder.id()));
    assert!(
        killed_at.elapsed() < Duration::from_secs(3),
        "the 75 came within the TTL"
    );
    assert_whole_batches(&env, ROWS, 0);

    // After the TTL the next run removes the stale row (logged) and runs.
    let st = lock_json(&env);
    let hb = chrono_secs(&st["heartbeat_at"]);
    wait_for(Duration::from_secs(10), "the lock to go stale", || {
        now_secs() > hb + 3
    });
    let r = env.run(&["--log-format", "json", "jobs", "run", "db-maintenance"]);
    r.code(0);
    let ev = has_event(&r.stderr, "scheduler_lock_stale_removed")
        .unwrap_or_else(|| panic!("no stale_removed event:\n{}", r.stderr));
    assert_eq!(ev["pid"], holder.id());
    assert_eq!(ev["component"], "scheduler");
    let conn = open(&env);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), 0);
    // The killed run's record is closed as interrupted by the takeover.
    let killed: String = conn
        .query_row(
            "SELECT status FROM job_runs WHERE job = 'db-maintenance' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(killed, "interrupted");
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Unix seconds from an RFC 3339 `...Z` string as the JSON output writes it.
fn chrono_secs(v: &Value) -> i64 {
    let s = v.as_str().expect("a time");
    let conn = Connection::open_in_memory().unwrap();
    conn.query_row("SELECT unixepoch(?1)", [s], |r| r.get(0))
        .unwrap()
}

#[test]
fn sigterm_and_sigint_stop_cleanly_with_whole_batches_only() {
    let env = TestEnv::new();
    config(&env, "");
    big_fixture(&env, ROWS);
    for (sig, code, name) in [("TERM", 143, "SIGTERM"), ("INT", 130, "SIGINT")] {
        let deleted_before = ROWS - count(&open(&env), "SELECT count(*) FROM audit_log");
        let child = spawn(
            &env,
            &[
                "-v",
                "--log-format",
                "json",
                "jobs",
                "run",
                "db-maintenance",
            ],
        );
        let conn = open(&env);
        let before = pruned_so_far(&conn);
        wait_for(Duration::from_secs(20), "some batches", || {
            let n = pruned_so_far(&conn);
            n > 0 && n != before
        });
        let sent = Instant::now();
        signal(&child, sig);
        let r = finish(child);
        // grace = 5 s; a batch takes milliseconds, so it stops long before.
        assert!(
            sent.elapsed() < Duration::from_secs(5 + 2),
            "stopped after {:?}",
            sent.elapsed()
        );
        r.code(code).stderr_has(&format!("stopped by {name}"));
        assert!(!lock_row_exists(&env), "the lock is released");
        let status: String = open(&env)
            .query_row(
                "SELECT status FROM job_runs ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(status, "interrupted");
        assert_whole_batches(&env, ROWS, deleted_before);
        assert!(
            count(&open(&env), "SELECT count(*) FROM audit_log") > 0,
            "stopped before the end"
        );
        let shutting = has_event(&r.stderr, "bangui_shutting_down")
            .unwrap_or_else(|| panic!("no shutting_down event:\n{}", r.stderr));
        assert_eq!(shutting["timeout_seconds"], 5);
        for e in [
            "scheduler_stopped_accepting_jobs",
            "waiting_for_pending_tasks",
            "pending_tasks_completed",
            "scheduler_lock_released",
            "bangui_shut_down",
        ] {
            assert!(
                has_event(&r.stderr, e).is_some(),
                "no {e} event:\n{}",
                r.stderr
            );
        }
    }
}

#[test]
fn heartbeat_advances_during_a_long_run_and_unlock_refuses_a_live_holder() {
    let env = TestEnv::new();
    // Small batches keep the run going well past a few heartbeats on any machine.
    env.write_config(
        "[jobs]\nheartbeat = 1\nlock_ttl = 3\ngrace = 5\nmaintenance_batch_size = 100\n\
         vacuum_free_ratio = 1.0\naudit_retention = \"1d\"\n",
    );
    big_fixture(&env, ROWS);
    let child = spawn(&env, &["jobs", "run", "db-maintenance"]);
    wait_for(Duration::from_secs(20), "the lock", || {
        lock_row_exists(&env)
    });
    let first = lock_json(&env);
    assert_eq!(first["pid"], child.id());
    assert_eq!(first["job"], "db-maintenance");
    assert_eq!(first["holder_alive"], true);
    let t1 = chrono_secs(&first["heartbeat_at"]);
    std::thread::sleep(Duration::from_millis(2500));
    let second = lock_json(&env);
    let t2 = chrono_secs(&second["heartbeat_at"]);
    assert!(t2 > t1, "heartbeat did not advance: {t1} -> {t2}");
    assert!(second["heartbeat_age_seconds"].as_i64().unwrap() <= 2);
    assert_eq!(second["acquired_at"], first["acquired_at"]);

    // An operator cannot remove a live holder's lock.
    let r = env.run(&["jobs", "unlock", "--force"]);
    r.code(75)
        .stderr_has("refusing")
        .stderr_has(&format!("pid {}", child.id()));
    assert!(lock_row_exists(&env));
    // SIGHUP only asks for log files to be reopened: the run goes on.
    signal(&child, "HUP");
    finish(child).code(0);
    assert!(!lock_row_exists(&env));
}

#[test]
fn a_second_signal_stops_at_once_and_still_releases_the_lock() {
    let env = TestEnv::new();
    // One huge batch: the first signal would let it run for the 30 s grace.
    env.write_config(
        "[jobs]\nheartbeat = 1\nlock_ttl = 60\ngrace = 30\nmaintenance_batch_size = 1000000\n\
         vacuum_free_ratio = 1.0\naudit_retention = \"1d\"\n",
    );
    big_fixture(&env, ROWS * 2);
    let child = spawn(
        &env,
        &["--log-format", "json", "jobs", "run", "db-maintenance"],
    );
    wait_for(Duration::from_secs(20), "the lock", || {
        lock_row_exists(&env)
    });
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, "TERM");
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    signal(&child, "TERM");
    let r = finish(child);
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "the second signal took {:?}",
        sent.elapsed()
    );
    r.code(143);
    assert!(!lock_row_exists(&env), "the lock is released");
    let conn = open(&env);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM audit_log"),
        ROWS * 2,
        "the abandoned batch was rolled back"
    );
    let status: String = conn
        .query_row(
            "SELECT status FROM job_runs ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "interrupted");
    let ev = has_event(&r.stderr, "pending_tasks_timeout")
        .unwrap_or_else(|| panic!("no pending_tasks_timeout:\n{}", r.stderr));
    assert_eq!(ev["cancelled_count"], 1);
}

#[test]
fn grace_period_abandons_a_unit_that_runs_too_long() {
    let env = TestEnv::new();
    env.write_config(
        "[jobs]\nheartbeat = 1\nlock_ttl = 60\ngrace = 1\nmaintenance_batch_size = 1000000\n\
         vacuum_free_ratio = 1.0\naudit_retention = \"1d\"\n",
    );
    big_fixture(&env, 1_000_000);
    let child = spawn(
        &env,
        &["--log-format", "json", "jobs", "run", "db-maintenance"],
    );
    wait_for(Duration::from_secs(20), "the lock", || {
        lock_row_exists(&env)
    });
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    signal(&child, "TERM");
    let r = finish(child);
    assert!(
        sent.elapsed() < Duration::from_secs(1 + 2),
        "took {:?}",
        sent.elapsed()
    );
    r.code(143);
    assert!(!lock_row_exists(&env));
    assert_eq!(
        count(&open(&env), "SELECT count(*) FROM audit_log"),
        1_000_000
    );
    assert!(
        has_event(&r.stderr, "pending_tasks_timeout").is_some(),
        "{}",
        r.stderr
    );
}

#[test]
fn run_due_records_itself_and_skips_what_is_not_due() {
    let env = TestEnv::new();
    let prom = env.path().join("prom");
    std::fs::create_dir(&prom).unwrap();
    config(&env, &format!("textfile_dir = \"{}\"\n", prom.display()));
    big_fixture(&env, 2500);
    env.run(&["jobs", "list"])
        .code(0)
        .stdout_has("db-maintenance\t1d\t-\t-\tnow");

    let r = env.run(&["jobs", "run-due", "--json"]);
    r.code(0);
    let d = r.json()["data"].clone();
    assert_eq!(d["run"]["job"], "run-due");
    assert_eq!(d["run"]["status"], "ok");
    let maint = by_job(&d["runs"], "db-maintenance");
    assert_eq!(maint["summary"]["pruned"]["audit_log"], 2500);
    for job in [
        "blocklist-import",
        "history-sync",
        "geo-refresh",
        "geo-cleanup",
    ] {
        assert_eq!(by_job(&d["runs"], job)["status"], "ok", "{job}: {d}");
    }
    assert_eq!(d["changed"], true);

    // Nothing is due now: a no-op, exit 0, changed false.
    let r = env.run(&["jobs", "run-due", "--json"]);
    r.code(0).stderr_has("nothing due");
    let d = r.json()["data"].clone();
    assert_eq!(d["changed"], false);
    by_job(&d["not_due"], "db-maintenance");
    let list = env.run(&["jobs", "list", "--json"]).json();
    let maint = by_job(&list["data"], "db-maintenance");
    assert_eq!(maint["due"], false);
    assert_eq!(maint["last_status"], "ok");

    // `jobs run` runs it anyway.
    env.run(&["jobs", "run", "db-maintenance"]).code(0);

    let st = env.run(&["jobs", "status", "--json"]).json();
    assert_eq!(st["data"]["lock"], Value::Null);
    assert_eq!(st["data"]["last_successful_run_due"]["status"], "ok");
    let h = env
        .run(&["jobs", "history", "--job", "run-due", "--json"])
        .json();
    assert_eq!(h["data"].as_array().unwrap().len(), 2);
    let h = env
        .run(&["jobs", "history", "--limit", "1", "--json"])
        .json();
    assert_eq!(h["data"][0]["job"], "db-maintenance");
    assert!(h["data"][0]["duration_seconds"].is_number());

    let text = std::fs::read_to_string(prom.join("bangui.prom")).unwrap();
    for needle in [
        "bangui_job_last_success_timestamp_seconds{job=\"db-maintenance\"}",
        "bangui_job_last_success_timestamp_seconds{job=\"run-due\"}",
        "bangui_job_duration_seconds{job=\"db-maintenance\"}",
        "bangui_job_runs_total{job=\"db-maintenance\",status=\"ok\"} 2",
        "bangui_job_runs_total{job=\"run-due\",status=\"ok\"} 2",
        "bangui_job_runs_total{job=\"db-maintenance\",status=\"skipped-locked\"} 0",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    // Atomic write: no temp files left beside it.
    assert_eq!(std::fs::read_dir(&prom).unwrap().count(), 1);
}

#[test]
fn vacuum_runs_when_free_pages_pass_the_threshold() {
    let env = TestEnv::new();
    env.write_config(
        "[jobs]\nheartbeat = 1\nlock_ttl = 3\nvacuum_free_ratio = 0.2\naudit_retention = \"1d\"\n",
    );
    big_fixture(&env, 20_000);
    let before = std::fs::metadata(env.db()).unwrap().len();
    let r = env.run(&["jobs", "run", "db-maintenance", "--json"]);
    r.code(0);
    let s = r.json()["data"]["summary"].clone();
    assert_eq!(s["vacuumed"], true, "{s}");
    assert!(s["freelist_ratio"].as_f64().unwrap() > 0.2);
    let after = std::fs::metadata(env.db()).unwrap().len();
    assert!(after < before, "{before} -> {after}");
    // Nothing to prune and nothing free: no vacuum, nothing changed.
    let r = env.run(&["jobs", "run", "db-maintenance", "--json"]);
    assert_eq!(r.json()["data"]["summary"]["vacuumed"], false);
    assert_eq!(r.json()["data"]["changed"], false);
}

#[test]
fn unknown_job_and_unlock_without_force_are_refused() {
    let env = TestEnv::new();
    env.run(&["jobs", "run", "nope"])
        .code(78)
        .stderr_has("unknown job 'nope'")
        .stderr_has("db-maintenance")
        .stdout_empty();
    env.run(&["jobs", "unlock"]).code(2).stderr_has("--force");
    // A lock left by a dead local pid is removed; the JSON says so.
    env.run(&["db", "migrate"]).code(0);
    open(&env)
        .execute(
            "INSERT INTO scheduler_lock VALUES ('scheduler', 'x', 2147483000, ?1, 1, 1, 'db-maintenance')",
            [hostname()],
        )
        .unwrap();
    let r = env.run(&["jobs", "unlock", "--force", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["changed"], true);
    assert_eq!(r.json()["data"]["removed"]["pid"], 2147483000i64);
    let r = env.run(&["jobs", "unlock", "--force", "--json"]);
    assert_eq!(r.json()["data"]["changed"], false);
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// `[Section]` → key → values, in file order.
fn parse_unit(text: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = s.to_string();
            continue;
        }
        let (k, v) = line.split_once('=').expect("key=value");
        out.push((section.clone(), k.trim().to_string(), v.trim().to_string()));
    }
    out
}

fn value<'a>(unit: &'a [(String, String, String)], section: &str, key: &str) -> Vec<&'a str> {
    unit.iter()
        .filter(|(s, k, _)| s == section && k == key)
        .map(|(_, _, v)| v.as_str())
        .collect()
}

#[test]
fn systemd_units_are_valid() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let service_text =
        std::fs::read_to_string(repo.join("examples/systemd/bangui-jobs.service")).unwrap();
    let timer_text =
        std::fs::read_to_string(repo.join("examples/systemd/bangui-jobs.timer")).unwrap();
    let service = parse_unit(&service_text);
    let timer = parse_unit(&timer_text);
    let one = |u: &[(String, String, String)], s: &str, k: &str| -> String {
        let v = value(u, s, k);
        assert_eq!(v.len(), 1, "[{s}] {k} set {} times", v.len());
        v[0].to_string()
    };
    assert_eq!(one(&service, "Service", "Type"), "oneshot");
    assert_eq!(
        one(&service, "Service", "ExecStart"),
        "/usr/bin/bangui jobs run-due"
    );
    assert_eq!(one(&service, "Service", "SuccessExitStatus"), "75");
    // Longer than bangui's default grace (25 s), so SIGTERM can finish cleanly.
    assert_eq!(one(&service, "Service", "TimeoutStopSec"), "30");
    assert_eq!(one(&service, "Service", "ProtectSystem"), "strict");
    let rw: Vec<String> = one(&service, "Service", "ReadWritePaths")
        .split_whitespace()
        .map(|p| p.trim_start_matches('-').to_string())
        .collect();
    for p in ["/var/lib/bangui", "/etc/fail2ban/jail.d", "/run/fail2ban"] {
        assert!(rw.iter().any(|x| x == p), "ReadWritePaths lacks {p}");
    }
    for (k, v) in [
        ("NoNewPrivileges", "yes"),
        ("PrivateTmp", "yes"),
        ("ProtectHome", "yes"),
        ("ProtectKernelTunables", "yes"),
        ("ProtectKernelModules", "yes"),
        ("ProtectControlGroups", "yes"),
        ("LockPersonality", "yes"),
        ("MemoryDenyWriteExecute", "yes"),
        ("SystemCallArchitectures", "native"),
        (
            "RestrictAddressFamilies",
            "AF_UNIX AF_INET AF_INET6 AF_NETLINK",
        ),
    ] {
        assert_eq!(one(&service, "Service", k), v, "{k}");
    }
    let mem = one(&service, "Service", "MemoryMax");
    assert!(mem.ends_with('M') || mem.ends_with('G'), "MemoryMax={mem}");
    let cpu = one(&service, "Service", "CPUQuota");
    let pct: u32 = cpu.trim_end_matches('%').parse().expect("CPUQuota=N%");
    assert!((1..=100).contains(&pct));
    let nice: i32 = one(&service, "Service", "Nice").parse().unwrap();
    assert!((1..=19).contains(&nice));
    assert!(
        value(&service, "Service", "User").is_empty(),
        "runs as root"
    );

    assert_eq!(one(&timer, "Timer", "OnCalendar"), "minutely");
    assert_eq!(one(&timer, "Timer", "Persistent"), "true");
    assert_eq!(one(&timer, "Install", "WantedBy"), "timers.target");

    let cron = std::fs::read_to_string(repo.join("examples/cron/bangui")).unwrap();
    let line = cron
        .lines()
        .find(|l| l.starts_with("* * * * *"))
        .expect("a every-minute cron line");
    assert!(line.contains("/usr/bin/bangui") && line.contains("jobs run-due"));
    assert!(line.contains("-eq 75"), "cron treats 75 as success");

    // systemd's own check where it can run. It needs ExecStart to exist, so
    // it verifies a copy pointing at the binary under test; any complaint
    // about the units (unknown keys print warnings, not errors) fails.
    let Ok(v) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("systemd-analyze not installed: parser checks only");
        return;
    };
    if !v.status.success() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = crate::support::bin();
    std::fs::write(
        dir.path().join("bangui-jobs.service"),
        service_text.replace("/usr/bin/bangui", bin.to_str().unwrap()),
    )
    .unwrap();
    std::fs::write(dir.path().join("bangui-jobs.timer"), &timer_text).unwrap();
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(dir.path().join("bangui-jobs.service"))
        .arg(dir.path().join("bangui-jobs.timer"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("Failed to initialize manager")
        || stderr.contains("System has not been booted")
    {
        eprintln!("systemd-analyze cannot run here: parser checks only\n{stderr}");
        return;
    }
    assert!(
        out.status.success(),
        "systemd-analyze verify failed:\n{stderr}"
    );
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("bangui-jobs"))
        .collect();
    assert!(
        complaints.is_empty(),
        "systemd-analyze complains:\n{stderr}"
    );
}

#[test]
fn a_run_that_loses_its_lock_stops_at_a_safe_point_and_fails() {
    let env = TestEnv::new();
    config(&env, "");
    big_fixture(&env, ROWS);
    let child = spawn(
        &env,
        &["--log-format", "json", "jobs", "run", "db-maintenance"],
    );
    let conn = open(&env);
    wait_for(Duration::from_secs(20), "some batches", || {
        pruned_so_far(&conn) > 0
    });
    // An operator (or a takeover) removes the row under the running job.
    conn.execute("DELETE FROM scheduler_lock", []).unwrap();
    let r = finish(child);
    r.code(1).stderr_has("scheduler lock lost");
    assert!(
        has_event(&r.stderr, "scheduler_lock_heartbeat_lost").is_some()
            || r.stderr.contains("taken over"),
        "{}",
        r.stderr
    );
    let status: String = open(&env)
        .query_row(
            "SELECT status FROM job_runs ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "failed");
    assert_whole_batches(&env, ROWS, 0);
    assert!(
        count(&open(&env), "SELECT count(*) FROM audit_log") > 0,
        "it stopped instead of running on without the lock"
    );
}

/// A fail2ban database (schema v4) with `rows` bans, rowids 1..=rows.
fn big_fail2ban_db(env: &TestEnv, rows: i64) -> std::path::PathBuf {
    let p = env.path().join("big-fail2ban.sqlite3");
    let conn = Connection::open(&p).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
         CREATE TABLE fail2banDb (version INTEGER); INSERT INTO fail2banDb VALUES (4);
         CREATE TABLE bans (jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL,
             bantime INTEGER NOT NULL, bancount INTEGER NOT NULL DEFAULT 1, data JSON);",
    )
    .unwrap();
    conn.execute(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?1)
         INSERT INTO bans (jail, ip, timeofban, bantime, bancount, data)
         SELECT 'sshd', '11.' || (x / 65536 % 256) || '.' || (x / 256 % 256) || '.' || (x % 256),
                1700000000 + x, 600, 1, CAST('{\"failures\": 3}' AS BLOB) FROM c",
        [rows],
    )
    .unwrap();
    p
}

#[test]
fn history_sync_over_a_million_rows_holds_the_lock_and_stops_cleanly() {
    let env = TestEnv::new();
    let f2b = big_fail2ban_db(&env, 1_000_000);
    env.write_config(&format!(
        "[fail2ban]\ndb_file = \"{}\"\n[jobs]\nheartbeat = 1\nlock_ttl = 3\ngrace = 5\n",
        f2b.display()
    ));
    env.run(&["db", "migrate"]).code(0);
    let mut children: Vec<Child> = (0..8)
        .map(|_| spawn(&env, &["jobs", "run", "history-sync", "--json"]))
        .collect();
    // Seven lose at once; the winner is still copying a million rows.
    let mut losers = Vec::new();
    wait_for(Duration::from_secs(60), "seven runs to exit 75", || {
        let mut i = 0;
        while i < children.len() {
            if children[i].try_wait().unwrap().is_some() {
                losers.push(children.remove(i));
            } else {
                i += 1;
            }
        }
        losers.len() >= 7
    });
    assert_eq!(children.len(), 1, "exactly one run holds the lock");
    let winner = children.pop().unwrap();
    for l in losers {
        finish(l).code(75).stderr_has("scheduler lock is held by");
    }
    let first = lock_json(&env);
    assert_eq!(first["pid"], winner.id());
    assert_eq!(first["job"], "history-sync");
    // Let it commit a few batches, then stop it.
    wait_for(Duration::from_secs(120), "a committed batch", || {
        count(&open(&env), "SELECT count(*) FROM ban_history") > 0
    });
    let t0 = Instant::now();
    signal(&winner, "TERM");
    let r = finish(winner);
    r.code(143);
    assert!(
        t0.elapsed() < Duration::from_secs(7),
        "stopped within grace + 2 s"
    );
    let conn = open(&env);
    assert_eq!(count(&conn, "SELECT count(*) FROM scheduler_lock"), 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM job_runs WHERE job = 'history-sync' AND status = 'interrupted'"
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM job_runs WHERE status = 'skipped-locked'"
        ),
        7
    );
    // Only whole batches, each committed with its watermark.
    let copied = count(&conn, "SELECT count(*) FROM ban_history");
    let watermark = count(&conn, "SELECT last_rowid FROM sync_state");
    assert!(copied > 0 && copied < 1_000_000, "{copied}");
    assert_eq!(copied, watermark, "history and watermark agree");
    assert_eq!(copied % 20_000, 0, "a whole number of batches: {copied}");
}

#[test]
fn jobs_run_prints_a_readable_summary_in_table_mode() {
    let env = TestEnv::new();
    config(&env, "");
    let r = env.run(&["jobs", "run", "db-maintenance", "-o", "table"]);
    r.code(0)
        .stdout_has("status ")
        .stdout_has("pruned.audit_log ")
        .stdout_has("checkpoint.busy ");
    assert!(!r.stdout.contains('{'), "a JSON blob: {}", r.stdout);
}
