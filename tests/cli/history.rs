//! `bangui history`: sync from a real fail2ban-server's database and from
//! fixture databases of older schemas, faults (missing, locked, replaced),
//! and the query commands.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, params};
use serde_json::{Value, json};

use crate::support::{TestEnv, fail2ban};

pub const V4_SCHEMA: &str = "
CREATE TABLE fail2banDb(version INTEGER);
CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, FOREIGN KEY(jail) REFERENCES jails(name));
CREATE INDEX bans_jail_timeofban ON bans(jail, timeofban);
CREATE INDEX bans_jail_ip ON bans(jail, ip);
CREATE INDEX bans_ip ON bans(ip);
CREATE TABLE bips(ip TEXT NOT NULL, jail TEXT NOT NULL, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, PRIMARY KEY(ip, jail));
INSERT INTO fail2banDb VALUES (4);
";

/// fail2ban 0.10's layout: no bips; bantime and bancount exist since v3.
const V3_SCHEMA: &str = "
CREATE TABLE fail2banDb(version INTEGER);
CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE logs(jail TEXT NOT NULL, path TEXT, firstlinemd5 TEXT, lastfilepos INTEGER DEFAULT 0);
CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON);
INSERT INTO fail2banDb VALUES (3);
";

/// 0.9's layout: no bantime, no bancount.
const V2_SCHEMA: &str = "
CREATE TABLE fail2banDb(version INTEGER);
CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE logs(jail TEXT NOT NULL, path TEXT, firstlinemd5 TEXT, lastfilepos INTEGER DEFAULT 0);
CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, data JSON);
INSERT INTO fail2banDb VALUES (2);
";

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A fixture fail2ban database of schema v4 with `n` detections in `jail`.
pub fn fixture_db(path: &Path, schema: &str, jail: &str, ips: &[&str], tob: i64) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(schema).unwrap();
    add_rows(path, jail, ips, tob);
}

pub fn add_rows(path: &Path, jail: &str, ips: &[&str], tob: i64) {
    let mut c = Connection::open(path).unwrap();
    let has_bantime: bool = c
        .query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('bans') WHERE name = 'bantime'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // One transaction: a commit per row would cost an fsync each.
    let c = c.transaction().unwrap();
    c.execute("INSERT OR IGNORE INTO jails (name) VALUES (?1)", [jail])
        .unwrap();
    for (i, ip) in ips.iter().enumerate() {
        let data = format!(
            r#"{{"matches": [["", "2026-01-01 00:00:00", " auth failure from {ip}, \"quoted\""]], "failures": 3}}"#
        );
        if has_bantime {
            c.execute(
                "INSERT INTO bans (jail, ip, timeofban, bantime, bancount, data) VALUES (?1, ?2, ?3, 600, 2, CAST(?4 AS BLOB))",
                params![jail, ip, tob + i as i64, data],
            )
            .unwrap();
        } else {
            c.execute(
                "INSERT INTO bans (jail, ip, timeofban, data) VALUES (?1, ?2, ?3, CAST(?4 AS BLOB))",
                params![jail, ip, tob + i as i64, data],
            )
            .unwrap();
        }
    }
    c.commit().unwrap();
}

fn f2b_count(db: &Path, jail: &str, ip: Option<&str>) -> i64 {
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.busy_timeout(Duration::from_secs(2)).unwrap();
    c.query_row(
        "SELECT COUNT(*) FROM bans WHERE jail = ?1 AND (?2 IS NULL OR ip = ?2)",
        params![jail, ip],
        |r| r.get(0),
    )
    .unwrap()
}

/// fail2ban writes its database a few ms after the command returns.
fn wait_for_count(db: &Path, jail: &str, ip: Option<&str>, want: i64) {
    let t0 = Instant::now();
    while f2b_count(db, jail, ip) != want {
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "fail2ban's db never reached {want} rows for {jail}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn history_rows(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["history", "list", "--json"];
    if !args.contains(&"--limit") {
        a.extend(["--limit", "100000"]);
    }
    a.extend_from_slice(args);
    let r = env.run(&a);
    r.code(0);
    r.json()["data"]["rows"].as_array().unwrap().clone()
}

fn sync(env: &TestEnv, db: &Path) -> Value {
    let r = env.run(&[
        "history",
        "sync",
        "--fail2ban-db",
        db.to_str().unwrap(),
        "--json",
    ]);
    r.code(0);
    r.json()["data"].clone()
}

#[test]
fn sync_from_a_real_server_keeps_history_across_unban() {
    let server = fail2ban::shared();
    let jail = server.jail("hist");
    let db = server.dir.join("fail2ban.sqlite3");
    let ips = ["192.0.2.10", "192.0.2.11", "192.0.2.12", "2001:db8::10"];
    let mut cmd = vec![json!("set"), json!(jail.name), json!("banip")];
    cmd.extend(ips.iter().map(|i| json!(i)));
    server.raw(json!([cmd]));
    wait_for_count(&db, &jail.name, None, 4);

    let env = TestEnv::with_fail2ban();
    let d = sync(&env, &db);
    assert_eq!(d["schema_version"], 4);
    assert_eq!(d["changed"], true);
    let rows = history_rows(&env, &["--jail", &jail.name]);
    assert_eq!(rows.len() as i64, f2b_count(&db, &jail.name, None));
    let r = &rows.iter().find(|r| r["ip"] == "2001:db8::10").unwrap();
    assert_eq!(r["bantime"], 600);
    assert_eq!(r["origin"], "fail2ban");
    assert_eq!(r["data"]["failures"], 0);
    assert!(r["banned_at"].as_str().unwrap().ends_with('Z'));

    // A second sync with nothing new from this jail adds nothing of it.
    sync(&env, &db);
    assert_eq!(history_rows(&env, &["--jail", &jail.name]).len(), 4);

    // fail2ban deletes the rows on unban; bangui's history keeps them.
    server.raw(json!([["set", jail.name, "unbanip", "192.0.2.10"]]));
    wait_for_count(&db, &jail.name, Some("192.0.2.10"), 0);
    sync(&env, &db);
    let rows = history_rows(&env, &["--jail", &jail.name, "--ip", "192.0.2.10"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(f2b_count(&db, &jail.name, None), 3);
}

#[test]
fn manual_bans_are_attributed_from_the_audit_log() {
    let server = fail2ban::shared();
    let jail = server.jail("manual");
    let db = server.dir.join("fail2ban.sqlite3");
    let env = TestEnv::with_fail2ban();
    env.run(&["db", "migrate"]).code(0);
    // What `bangui ban` records; the ban itself goes through the raw client.
    Connection::open(env.db())
        .unwrap()
        .execute(
            "INSERT INTO audit_log (at, actor, command, jail, targets, outcome, changed)
             VALUES (?1, 'alice', 'ban', ?2, '[\"198.51.100.0/28\"]', 'ok', 1)",
            params![now(), jail.name],
        )
        .unwrap();
    server.raw(json!([[
        "set",
        jail.name,
        "banip",
        "198.51.100.3",
        "203.0.113.3"
    ]]));
    wait_for_count(&db, &jail.name, None, 2);
    let d = sync(&env, &db);
    assert!(d["origins"]["manual"].as_u64().unwrap() >= 1, "{d}");
    let rows = history_rows(&env, &["--jail", &jail.name, "--origin", "manual"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["ip"], "198.51.100.3");
    assert_eq!(rows[0]["source"], "alice");
}

#[test]
fn purge_in_a_copy_keeps_what_was_synced() {
    let server = fail2ban::shared();
    let jail = server.jail("purge");
    let live = server.dir.join("fail2ban.sqlite3");
    server.raw(json!([[
        "set",
        jail.name,
        "banip",
        "192.0.2.50",
        "192.0.2.51"
    ]]));
    wait_for_count(&live, &jail.name, None, 2);

    // A consistent copy through SQLite's backup API, as an operator would take.
    let env = TestEnv::new();
    let copy = env.path().join("f2b-copy.sqlite3");
    {
        let src = Connection::open_with_flags(&live, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        src.backup(
            rusqlite::MAIN_DB,
            &copy,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .unwrap();
    }
    sync(&env, &copy);
    let before = history_rows(&env, &["--jail", &jail.name]).len();
    assert_eq!(before, 2);
    // fail2ban's hourly purge: DELETE FROM bans WHERE timeofban < now - dbpurgeage.
    let c = Connection::open(&copy).unwrap();
    c.execute("DELETE FROM bans WHERE jail = ?1", [&jail.name])
        .unwrap();
    drop(c);
    add_rows(&copy, &jail.name, &["192.0.2.52"], now());
    let d = sync(&env, &copy);
    assert_eq!(d["inserted"], 1);
    assert_eq!(history_rows(&env, &["--jail", &jail.name]).len(), 3);
}

#[test]
fn older_schemas_v2_and_v3() {
    let env = TestEnv::new();
    let v3 = env.path().join("v3.sqlite3");
    fixture_db(
        &v3,
        V3_SCHEMA,
        "sshd",
        &["192.0.2.1", "192.0.2.2"],
        1_700_000_000,
    );
    let d = sync(&env, &v3);
    assert_eq!(d["schema_version"], 3);
    assert_eq!(d["inserted"], 2);
    let rows = history_rows(&env, &["--since", "2000-01-01"]);
    assert_eq!(rows[0]["bantime"], 600);
    assert_eq!(rows[0]["bancount"], 2);
    assert_eq!(rows[0]["expires_at"], "2023-11-14T22:23:21Z");

    let env = TestEnv::new();
    let v2 = env.path().join("v2.sqlite3");
    fixture_db(
        &v2,
        V2_SCHEMA,
        "sshd",
        &["192.0.2.1", "2001:db8::2"],
        1_700_000_000,
    );
    let d = sync(&env, &v2);
    assert_eq!(d["schema_version"], 2);
    let rows = history_rows(&env, &["--since", "2000-01-01"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["bantime"], Value::Null);
    assert_eq!(rows[0]["expires_at"], Value::Null);
    assert_eq!(rows[0]["bancount"], 1);
    assert_eq!(rows[0]["data"]["failures"], 3);
}

#[test]
fn missing_database_is_66_and_no_path_without_a_server_is_69() {
    let env = TestEnv::new();
    let r = env.run(&[
        "history",
        "sync",
        "--fail2ban-db",
        "/nonexistent/f2b.sqlite3",
    ]);
    r.code(66)
        .stderr_has("/nonexistent/f2b.sqlite3")
        .stdout_empty();
    // No flag, no config: the path is asked of the server, which is not there.
    let r = env.run(&["history", "sync"]);
    r.code(69).stderr_has("hint:");
    // The configured path is used when no flag is given.
    let db = env.path().join("f2b.sqlite3");
    fixture_db(&db, V4_SCHEMA, "sshd", &["192.0.2.9"], now());
    env.write_config(&format!(
        "[fail2ban]\ndb_file = {:?}\n",
        db.display().to_string()
    ));
    env.run(&["history", "sync"]).code(0);
}

#[test]
fn locked_database_is_retried_then_75() {
    let env = TestEnv::new();
    let db = env.path().join("f2b.sqlite3");
    fixture_db(&db, V4_SCHEMA, "sshd", &["192.0.2.9"], now());
    // Never the live server's file: holding it would make fail2ban drop bans.
    let mut holder = Command::new("python3")
        .arg("-c")
        .arg(
            "import sqlite3, sys, time\n\
             c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
             c.execute('BEGIN EXCLUSIVE')\n\
             print('locked', flush=True)\n\
             time.sleep(60)\n",
        )
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");
    let t0 = Instant::now();
    let r = env.run(&[
        "history",
        "sync",
        "--fail2ban-db",
        db.to_str().unwrap(),
        "--json",
    ]);
    let waited = t0.elapsed();
    let _ = holder.kill();
    let _ = holder.wait();
    r.code(75).stderr_has("locked");
    assert_eq!(r.json()["error"]["kind"], "try_later");
    assert!(waited >= Duration::from_secs(2), "retried: {waited:?}");
    // Once the lock is gone the same command works.
    env.run(&["history", "sync", "--fail2ban-db", db.to_str().unwrap()])
        .code(0);
}

#[test]
fn replaced_database_restarts_without_duplicates() {
    let env = TestEnv::new();
    let db = env.path().join("f2b.sqlite3");
    let t = now() - 100;
    fixture_db(
        &db,
        V4_SCHEMA,
        "sshd",
        &["192.0.2.1", "192.0.2.2", "192.0.2.3"],
        t,
    );
    sync(&env, &db);
    // logrotate-style replacement: a new file (new inode) renamed over it,
    // holding the last old row again and two new ones.
    let new = env.path().join("f2b.sqlite3.new");
    fixture_db(&new, V4_SCHEMA, "sshd", &["192.0.2.3"], t + 2);
    add_rows(&new, "sshd", &["192.0.2.4", "192.0.2.5"], t + 10);
    std::fs::rename(&new, &db).unwrap();
    let d = sync(&env, &db);
    assert_eq!(d["rotated"], true);
    assert_eq!(d["inserted"], 2);
    assert_eq!(d["already_present"], 1);
    assert_eq!(history_rows(&env, &[]).len(), 5);
    let d = sync(&env, &db);
    assert_eq!(
        (d["rotated"].clone(), d["inserted"].clone()),
        (json!(false), json!(0))
    );
}

fn seeded_env() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let db = env.path().join("f2b.sqlite3");
    let t = now() - 3 * 86_400;
    fixture_db(
        &db,
        V4_SCHEMA,
        "sshd",
        &["192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.2"],
        t,
    );
    add_rows(&db, "web", &["192.0.2.1", "2001:db8::7"], now() - 3600);
    sync(&env, &db);
    (env, db)
}

#[test]
fn list_stats_recidive_outputs() {
    let (env, _db) = seeded_env();
    // Default window is 7 days, newest first.
    let rows = history_rows(&env, &[]);
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["jail"], "web");
    let rows = history_rows(
        &env,
        &["--order", "asc", "--ip", "192.0.2.0/24", "--limit", "2"],
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["ip"], "192.0.2.1");
    assert!(history_rows(&env, &["--since", "1h", "--jail", "sshd"]).is_empty());
    env.run(&["history", "list", "--ip", "not-an-ip"]).code(65);
    env.run(&["history", "list", "--since", "yesterday"])
        .code(2);

    // Plain: tab-separated, no header.
    let r = env.run(&["history", "list", "-o", "plain"]);
    r.code(0);
    assert_eq!(r.stdout.lines().count(), 6);
    assert!(r.stdout.lines().all(|l| l.split('\t').count() == 9));

    let r = env.run(&["history", "stats", "--by", "jail", "--json"]);
    r.code(0);
    let d = &r.json()["data"];
    assert_eq!(d["total_bans"], 6);
    assert_eq!(d["distinct_ips"], 3);
    assert_eq!(d["groups"][0]["key"], "sshd");
    assert_eq!(d["groups"][0]["bans"], 4);

    let r = env.run(&["history", "stats", "--by", "country", "--json"]);
    r.code(0).stderr_has("no geo database");
    assert_eq!(r.json()["data"]["groups"][0]["key"], Value::Null);

    let r = env.run(&["history", "stats", "--by", "day", "-o", "table"]);
    r.code(0).stdout_has("█");
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    let r = env.run(&["history", "stats", "--by", "day", "--json"]);
    assert_eq!(r.json()["data"]["groups"].as_array().unwrap().len(), 2);

    let r = env.run(&["history", "recidive", "--min-bans", "3", "--json"]);
    r.code(0);
    let d = &r.json()["data"];
    assert_eq!(d["count"], 1);
    assert_eq!(d["ips"][0]["ip"], "192.0.2.1");
    assert_eq!(d["ips"][0]["bans"], 4);
    assert_eq!(d["ips"][0]["jails"], json!(["sshd", "web"]));
}

#[test]
fn export_streams_ndjson_and_csv() {
    let (env, _db) = seeded_env();
    let r = env.run(&["history", "export", "--format", "ndjson"]);
    r.code(0);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["jail"], "sshd", "oldest first");
    let r = env.run(&["history", "export", "--format", "csv", "--jail", "web"]);
    r.code(0);
    let mut it = r.stdout.split("\r\n");
    assert_eq!(
        it.next().unwrap(),
        "banned_at,jail,ip,bantime,expires_at,bancount,origin,source,country_code,country_name,asn,as_org,data"
    );
    let row = it.next().unwrap();
    // The data JSON holds commas and quotes: one quoted field, quotes doubled.
    assert!(row.contains(r#","{""matches"": [["""#), "{row}");
    assert!(row.contains(r#"\""quoted\"""#), "{row}");
    assert_eq!(r.stdout.matches("\r\n").count(), 3);
}

#[test]
fn export_into_a_closed_pipe_exits_0_quietly() {
    let env = TestEnv::new();
    let db = env.path().join("f2b.sqlite3");
    let ips: Vec<String> = (0..20_000)
        .map(|i| format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256))
        .collect();
    let refs: Vec<&str> = ips.iter().map(String::as_str).collect();
    fixture_db(&db, V4_SCHEMA, "sshd", &refs, now() - 1000);
    sync(&env, &db);
    let mut child = env
        .cmd()
        .args(["history", "export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut buf = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut buf).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Hostile text in fail2ban's data (terminal escapes, C1 controls, a
/// spreadsheet formula as a jail name) reaches neither a terminal nor a
/// spreadsheet raw: CSV escapes controls and neutralises formulas, NDJSON and
/// --json escape C1 controls as \u sequences.
#[test]
fn exports_cannot_attack_their_reader() {
    let env = TestEnv::new();
    let db = env.path().join("f2b.sqlite3");
    fixture_db(&db, V4_SCHEMA, "=cmd", &[], now() - 60);
    let c = Connection::open(&db).unwrap();
    let data = "{\"matches\": [[\"\u{1b}]0;owned\u{7}\u{9b}31m\", \"x\"]], \"failures\": 1}";
    c.execute(
        "INSERT INTO bans (jail, ip, timeofban, bantime, bancount, data) VALUES ('=cmd', '192.0.2.9', ?1, -1, 1, ?2)",
        params![now() - 60, data],
    )
    .unwrap();
    drop(c);
    sync(&env, &db);

    let r = env.run(&["history", "export", "--format", "csv"]);
    r.code(0);
    let row = r.stdout.split("\r\n").nth(1).unwrap().to_string();
    assert!(
        !r.stdout
            .chars()
            .any(|c| c.is_control() && c != '\r' && c != '\n'),
        "raw control characters in {:?}",
        r.stdout
    );
    assert!(row.contains(",'=cmd,192.0.2.9,-1,"), "{row}");
    assert!(row.contains(r"\u001b]0;owned\u0007\u009b31m"), "{row}");

    for args in [
        &["history", "export", "--format", "ndjson"][..],
        &["history", "list", "--json"][..],
    ] {
        let r = env.run(args);
        r.code(0);
        assert!(
            !r.stdout.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)),
            "{args:?}: raw C1 control in {:?}",
            r.stdout
        );
        assert!(r.stdout.contains(r"\u009b"), "{args:?}: {}", r.stdout);
    }
}
