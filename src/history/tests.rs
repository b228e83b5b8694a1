//! Unit tests of sync and queries against fixture fail2ban databases built
//! here, and bangui's real migrations on an in-memory database.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::*;
use crate::audit::{self, AuditRecord};

const V4_SCHEMA: &str = "
CREATE TABLE fail2banDb(version INTEGER);
CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON);
CREATE TABLE bips(ip TEXT NOT NULL, jail TEXT NOT NULL, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, PRIMARY KEY(ip, jail));
INSERT INTO fail2banDb VALUES (4);
";

const V2_SCHEMA: &str = "
CREATE TABLE fail2banDb(version INTEGER);
CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, data JSON);
INSERT INTO fail2banDb VALUES (2);
";

pub(crate) struct F2b {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub(crate) fn f2b_db(schema: &str) -> F2b {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fail2ban.sqlite3");
    Connection::open(&path)
        .unwrap()
        .execute_batch(schema)
        .unwrap();
    F2b { _dir: dir, path }
}

fn add(path: &Path, jail: &str, ip: &str, tob: i64, failures: i64) {
    let c = Connection::open(path).unwrap();
    let data = format!(r#"{{"matches": [], "failures": {failures}}}"#);
    c.execute(
        "INSERT INTO bans (jail, ip, timeofban, bantime, bancount, data) VALUES (?1, ?2, ?3, 600, 1, CAST(?4 AS BLOB))",
        params![jail, ip, tob, data],
    )
    .unwrap();
}

/// A fixture database with `n` bans in jail sshd, 192.0.2.i banned at `tob(i)`.
fn with_bans(n: i64, tob: impl Fn(i64) -> i64) -> F2b {
    let f = f2b_db(V4_SCHEMA);
    for i in 0..n {
        add(&f.path, "sshd", &format!("192.0.2.{i}"), tob(i), 3);
    }
    f
}

/// [`with_bans`], synced once (at 1) into a fresh bangui database.
fn synced(n: i64, tob: impl Fn(i64) -> i64) -> (F2b, Connection, SyncOptions) {
    let f = with_bans(n, tob);
    let mut conn = crate::db::test_db();
    let opts = SyncOptions::default();
    sync(&mut conn, &f.path, &opts, 1, &never).unwrap();
    (f, conn, opts)
}

/// Change the fixture database behind bangui's back, as fail2ban does.
fn f2b_exec(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

fn never() -> bool {
    false
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT COUNT(*) FROM ban_history", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn sync_is_incremental_and_idempotent() {
    let f = with_bans(7, |i| 1000 + i);
    let mut conn = crate::db::test_db();
    let opts = SyncOptions {
        batch_size: 3,
        ..SyncOptions::default()
    };
    let r = sync(&mut conn, &f.path, &opts, 5000, &never).unwrap();
    assert_eq!((r.read, r.inserted, r.batches), (7, 7, 3));
    assert_eq!(r.schema_version, 4);
    assert!(r.changed && !r.rotated);
    assert_eq!(r.last_rowid, 7);
    assert_eq!(r.last_timeofban, 1006);

    let r = sync(&mut conn, &f.path, &opts, 5001, &never).unwrap();
    assert_eq!(r.inserted, 0);
    assert!(!r.changed);
    add(&f.path, "sshd", "2001:db8::1", 2000, 3);
    let r = sync(&mut conn, &f.path, &opts, 5002, &never).unwrap();
    assert_eq!(r.inserted, 1);
    assert_eq!(count(&conn), 8);
    let data: String = conn
        .query_row(
            "SELECT data FROM ban_history WHERE ip = '2001:db8::1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(data, r#"{"matches": [], "failures": 3}"#);
}

#[test]
fn stop_between_batches_commits_whole_batches() {
    let f = with_bans(10, |i| 1000 + i);
    let mut conn = crate::db::test_db();
    let opts = SyncOptions {
        batch_size: 4,
        ..SyncOptions::default()
    };
    let calls = std::cell::Cell::new(0);
    let stop_after_one = || {
        calls.set(calls.get() + 1);
        calls.get() > 1
    };
    let r = sync(&mut conn, &f.path, &opts, 1, &stop_after_one).unwrap();
    assert!(r.stopped);
    assert_eq!(count(&conn), 4);
    assert_eq!(load_state(&conn).unwrap().unwrap().last_rowid, 4);
    let r = sync(&mut conn, &f.path, &opts, 2, &never).unwrap();
    assert_eq!(r.inserted, 6);
}

#[test]
fn schema_v2_rows_get_unknown_bantime() {
    let f = f2b_db(V2_SCHEMA);
    Connection::open(&f.path)
        .unwrap()
        .execute(
            "INSERT INTO bans VALUES ('sshd', '198.51.100.7', 1234, CAST('{\"failures\": 2}' AS BLOB))",
            [],
        )
        .unwrap();
    let mut conn = crate::db::test_db();
    let r = sync(&mut conn, &f.path, &SyncOptions::default(), 9, &never).unwrap();
    assert_eq!(r.schema_version, 2);
    let rows = list(&conn, &Filter::default(), Order::Desc, None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].bantime, None);
    assert_eq!(rows[0].bancount, 1);
    assert_eq!(rows[0].to_json()["bantime"], serde_json::Value::Null);
}

#[test]
fn invalid_ips_are_skipped_and_counted() {
    let f = f2b_db(V4_SCHEMA);
    add(&f.path, "sshd", "not-an-ip; DROP TABLE x", 1, 0);
    add(&f.path, "sshd", "10.0.0.0/8", 2, 0);
    let mut conn = crate::db::test_db();
    let r = sync(&mut conn, &f.path, &SyncOptions::default(), 9, &never).unwrap();
    assert_eq!((r.inserted, r.skipped_invalid), (1, 1));
}

#[test]
fn missing_and_garbage_databases() {
    let mut conn = crate::db::test_db();
    let e = sync(
        &mut conn,
        Path::new("/nonexistent/f2b.sqlite3"),
        &SyncOptions::default(),
        0,
        &never,
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 66);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("junk");
    std::fs::write(&p, vec![b'x'; 4096]).unwrap();
    let e = sync(&mut conn, &p, &SyncOptions::default(), 0, &never).unwrap_err();
    assert_eq!(e.exit_code(), 65, "{e}");
    let p = dir.path().join("other.sqlite3");
    Connection::open(&p)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    let e = sync(&mut conn, &p, &SyncOptions::default(), 0, &never).unwrap_err();
    assert_eq!(e.exit_code(), 65, "{e}");
}

#[test]
fn replaced_file_restarts_without_duplicates() {
    let (f, mut conn, opts) = synced(5, |i| 1000 + i);
    // A new file (new inode) holding two old rows and one new one.
    let tmp = f.path.with_extension("new");
    f2b_exec(&tmp, V4_SCHEMA);
    add(&tmp, "sshd", "192.0.2.3", 1003, 3);
    add(&tmp, "sshd", "192.0.2.4", 1004, 3);
    add(&tmp, "sshd", "192.0.2.99", 1100, 3);
    std::fs::rename(&tmp, &f.path).unwrap();
    let r = sync(&mut conn, &f.path, &opts, 2, &never).unwrap();
    assert!(r.rotated);
    assert_eq!((r.inserted, r.already_present), (1, 2));
    assert_eq!(count(&conn), 6);
}

#[test]
fn rewritten_in_place_is_detected_by_the_watermark_row() {
    let (f, mut conn, opts) = synced(3, |i| 1000 + i);
    // Same inode, different rows at the same rowids.
    f2b_exec(&f.path, "DELETE FROM bans");
    for i in 0..4 {
        add(&f.path, "sshd", &format!("203.0.113.{i}"), 3000 + i, 3);
    }
    f2b_exec(
        &f.path,
        "DELETE FROM bans WHERE rowid <= 3; UPDATE bans SET rowid = rowid - 3",
    );
    let r = sync(&mut conn, &f.path, &opts, 2, &never).unwrap();
    assert!(r.rotated, "{r:?}");
    assert_eq!(count(&conn), 4);
}

#[test]
fn reused_rowids_below_the_watermark_are_found() {
    let (f, mut conn, opts) = synced(4, |_| 1000);
    // An unban deletes the two newest rows; one new ban reuses rowid 3.
    f2b_exec(&f.path, "DELETE FROM bans WHERE rowid >= 3");
    add(&f.path, "sshd", "198.51.100.1", 1010, 3);
    let r = sync(&mut conn, &f.path, &opts, 2, &never).unwrap();
    assert_eq!(r.inserted, 1, "{r:?}");
    assert_eq!(count(&conn), 5);
}

#[test]
fn an_unban_of_the_newest_ban_is_not_a_rotation() {
    let (f, mut conn, opts) = synced(5, |i| 1000 + i);
    // fail2ban deletes the row of a manual unban: here the newest.
    f2b_exec(&f.path, "DELETE FROM bans WHERE rowid = 5");
    let r = sync(&mut conn, &f.path, &opts, 2, &never).unwrap();
    assert!(!r.rotated, "{r:?}");
    assert_eq!((r.read, r.inserted), (0, 0), "{r:?}");
    // The next ban takes the freed rowid and is found.
    add(&f.path, "sshd", "198.51.100.7", 1010, 3);
    let r = sync(&mut conn, &f.path, &opts, 3, &never).unwrap();
    assert!(!r.rotated, "{r:?}");
    assert_eq!(r.inserted, 1, "{r:?}");
    assert_eq!(count(&conn), 6);
}

#[test]
fn origins_from_audit_and_blocklists() {
    let f = f2b_db(V4_SCHEMA);
    add(&f.path, "sshd", "192.0.2.1", 1000, 5); // detection
    add(&f.path, "sshd", "192.0.2.2", 1000, 0); // manual, via the audit log
    add(&f.path, "bl", "198.51.100.9", 2000, 0); // blocklist network
    add(&f.path, "sshd", "192.0.2.3", 9000, 0); // manual ban far from the audit: unknown -> fail2ban
    add(&f.path, "shared", "203.0.113.5", 3000, 0); // the fleet's shared decisions
    let mut conn = crate::db::test_db();
    audit::append(
        &conn,
        &AuditRecord {
            at: 1002,
            actor: "alice",
            command: "ban",
            jail: Some("sshd"),
            targets: &["192.0.2.2".into(), "192.0.2.3".into()],
            outcome: "ok",
            changed: true,
            detail: None,
        },
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO blocklist_sources (id, name, url, jail, created_at, updated_at)
           VALUES (1, 'drop', 'https://x/drop.txt', 'bl', 0, 0);
         INSERT INTO blocklist_entries (source_id, network, jail, added_at) VALUES (1, '198.51.100.0/24', 'bl', 1990);
         INSERT INTO blocklist_sources (id, name, url, jail, created_at, updated_at)
           VALUES (2, 'peers', 'fleet:', 'shared', 0, 0);
         INSERT INTO blocklist_entries (source_id, network, jail, added_at) VALUES (2, '203.0.113.5', 'shared', 2990);",
    )
    .unwrap();
    let r = sync(&mut conn, &f.path, &SyncOptions::default(), 1, &never).unwrap();
    assert_eq!(
        r.origins,
        OriginCounts {
            fail2ban: 2,
            manual: 1,
            blocklist: 1,
            fleet: 1,
        }
    );
    let rows = list(&conn, &Filter::default(), Order::Asc, None).unwrap();
    let by_ip = |ip: &str| rows.iter().find(|r| r.ip == ip).unwrap().clone();
    assert_eq!(by_ip("192.0.2.2").origin, "manual");
    assert_eq!(by_ip("192.0.2.2").source.as_deref(), Some("alice"));
    assert_eq!(by_ip("198.51.100.9").source.as_deref(), Some("drop"));
    assert_eq!(by_ip("203.0.113.5").origin, "fleet");
    assert_eq!(by_ip("203.0.113.5").source.as_deref(), Some("peers"));
    assert_eq!(by_ip("192.0.2.3").origin, "fail2ban");
}

#[test]
fn sync_ips_saves_rows_before_an_unban_without_moving_the_watermark() {
    let f = f2b_db(V4_SCHEMA);
    add(&f.path, "sshd", "192.0.2.1", 1000, 3);
    add(&f.path, "web", "192.0.2.1", 1001, 3);
    add(&f.path, "sshd", "192.0.2.2", 1002, 3);
    let mut conn = crate::db::test_db();
    let ip: IpAddr = "192.0.2.1".parse().unwrap();
    let r = sync_ips(
        &mut conn,
        &f.path,
        Some("sshd"),
        &[ip],
        &SyncOptions::default(),
        5,
    )
    .unwrap();
    assert_eq!(r.inserted, 1);
    assert!(load_state(&conn).unwrap().is_none());
    let r = sync_ips(&mut conn, &f.path, None, &[ip], &SyncOptions::default(), 5).unwrap();
    assert_eq!((r.inserted, r.already_present), (1, 1));
    let r = sync(&mut conn, &f.path, &SyncOptions::default(), 6, &never).unwrap();
    assert_eq!((r.inserted, r.already_present), (1, 2));
}

fn seeded() -> Connection {
    let conn = crate::db::test_db();
    conn.execute_batch(
        "INSERT INTO ban_history (jail, ip, timeofban, bantime, bancount, origin, source, synced_at) VALUES
           ('sshd', '192.0.2.1', 86400, 600, 1, 'fail2ban', NULL, 0),
           ('sshd', '192.0.2.1', 90000, 600, 2, 'fail2ban', NULL, 0),
           ('web',  '192.0.2.1', 172800, -1, 1, 'manual', 'alice', 0),
           ('sshd', '192.0.2.2', 172900, 600, 1, 'fail2ban', NULL, 0),
           ('sshd', '2001:db8::5', 259200, -2, 1, 'blocklist', 'drop', 0);
         INSERT INTO geo_cache (ip, country_code, country_name, asn, as_org, db_build_epoch, resolved_at)
           VALUES ('192.0.2.1', 'DE', 'Germany', 64500, 'Example', 1, 0);",
    )
    .unwrap();
    conn
}

#[test]
fn list_filters_and_orders() {
    let conn = seeded();
    let all = list(&conn, &Filter::default(), Order::Desc, None).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].ip, "2001:db8::5");
    assert_eq!(all[0].bantime, None);
    let f = Filter {
        country: Some("de".into()),
        ..Filter::default()
    };
    assert_eq!(list(&conn, &f, Order::Asc, None).unwrap().len(), 3);
    let f = Filter {
        ip: Some("192.0.2.0/24".parse().unwrap()),
        ..Filter::default()
    };
    let rows = list(&conn, &f, Order::Asc, Some(3)).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].timeofban, 86400);
    let f = Filter {
        since: Some(100_000),
        until: Some(200_000),
        jail: Some("sshd".into()),
        ..Filter::default()
    };
    let rows = list(&conn, &f, Order::Asc, None).unwrap();
    assert_eq!(rows.len(), 1);
    let j = rows[0].to_json();
    assert_eq!(j["banned_at"], "1970-01-03T00:01:40Z");
    assert_eq!(j["country_code"], serde_json::Value::Null);
    let f = Filter {
        origin: Some("manual".into()),
        ..Filter::default()
    };
    let j = list(&conn, &f, Order::Asc, None).unwrap()[0].to_json();
    assert_eq!(j["bantime"], -1);
    assert_eq!(j["expires_at"], serde_json::Value::Null);
    assert_eq!(j["source"], "alice");
    assert_eq!(j["asn"], 64500);
}

#[test]
fn stats_group_and_rank() {
    let conn = seeded();
    let s = stats(&conn, &Filter::default(), StatsBy::Country, Some(10)).unwrap();
    assert_eq!((s.total_bans, s.distinct_ips), (5, 3));
    assert_eq!(s.groups[0].key.as_deref(), Some("DE"));
    assert_eq!(s.groups[0].name.as_deref(), Some("Germany"));
    assert_eq!((s.groups[0].bans, s.groups[0].ips), (3, 1));
    assert_eq!(s.groups[1].key, None);
    let s = stats(&conn, &Filter::default(), StatsBy::Day, Some(1)).unwrap();
    let keys: Vec<_> = s.groups.iter().map(|g| g.key.clone().unwrap()).collect();
    assert_eq!(keys, ["1970-01-02", "1970-01-03", "1970-01-04"]);
    let s = stats(&conn, &Filter::default(), StatsBy::Jail, Some(1)).unwrap();
    assert_eq!(s.groups.len(), 1);
    assert_eq!(s.other_groups, 1);
    assert_eq!(s.distinct_ips, 3);
    let s = stats(&conn, &Filter::default(), StatsBy::Asn, None).unwrap();
    assert_eq!(s.groups[0].key.as_deref(), Some("64500"));
    let s = stats(&conn, &Filter::default(), StatsBy::Hour, None).unwrap();
    assert_eq!(s.groups[0].key.as_deref(), Some("00"));
    let f = Filter {
        ip: Some("192.0.2.0/24".parse().unwrap()),
        ..Filter::default()
    };
    let s = stats(&conn, &f, StatsBy::Origin, None).unwrap();
    assert_eq!((s.total_bans, s.distinct_ips), (4, 2));
    let s = stats(&conn, &Filter::default(), StatsBy::Ip, Some(1)).unwrap();
    assert_eq!(s.groups[0].key.as_deref(), Some("192.0.2.1"));
}

#[test]
fn recidive_needs_min_bans() {
    let conn = seeded();
    let r = recidive(&conn, &Filter::default(), 2, None).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].ip, "192.0.2.1");
    assert_eq!(r[0].bans, 3);
    assert_eq!(r[0].jails, ["sshd", "web"]);
    assert_eq!(r[0].country_code.as_deref(), Some("DE"));
    assert!(
        recidive(&conn, &Filter::default(), 4, None)
            .unwrap()
            .is_empty()
    );
}
