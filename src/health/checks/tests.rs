use rusqlite::Connection;

use super::db::{check_blocklists, check_scheduler, read_facts};
use super::system::{check_config_dir, check_geo};
use super::*;

fn run_due(conn: &Connection, started: i64, status: &str) {
    conn.execute(
        "INSERT INTO job_runs (job, started_at, finished_at, status, duration_ms) VALUES ('run-due', ?1, ?1, ?2, 10)",
        rusqlite::params![started, status],
    )
    .unwrap();
}

#[test]
fn scheduler_never_run_passes_then_tracks_the_last_success() {
    let conn = crate::db::test_db();
    let now = 100_000;
    let r = check_scheduler(&conn, 60, 60, now).unwrap().0;
    assert!(r.healthy && r.message.starts_with("never run"), "{r:?}");
    run_due(&conn, now - 100, "ok");
    assert!(check_scheduler(&conn, 60, 60, now).unwrap().0.healthy);
    let later = now + 200;
    let r = check_scheduler(&conn, 60, 60, later).unwrap().0;
    assert!(!r.healthy, "{r:?}");
    assert!(r.message.contains("3 × jobs.run_due_interval"), "{r:?}");
}

#[test]
fn a_stale_lock_fails_the_scheduler() {
    let conn = crate::db::test_db();
    conn.execute(
        "INSERT INTO scheduler_lock VALUES ('jobs', 'h1', 42, 'host', 0, 1000, 'run-due')",
        [],
    )
    .unwrap();
    assert!(check_scheduler(&conn, 60, 60, 1030).unwrap().0.healthy);
    let r = check_scheduler(&conn, 60, 60, 1100).unwrap().0;
    assert!(
        !r.healthy && r.message.contains("stale lock 'jobs'"),
        "{r:?}"
    );
}

#[test]
fn failed_runs_only_fail_after_their_grace() {
    let conn = crate::db::test_db();
    run_due(&conn, 1000, "failed");
    assert!(check_scheduler(&conn, 60, 60, 1100).unwrap().0.healthy);
    assert!(!check_scheduler(&conn, 60, 60, 1300).unwrap().0.healthy);
}

#[test]
fn blocklist_staleness_is_three_intervals() {
    let conn = crate::db::test_db();
    assert!(check_blocklists(&conn, 0).unwrap().0.healthy);
    conn.execute(
        "INSERT INTO blocklist_sources (name, url, jail, interval_s, created_at, updated_at) VALUES ('feed', 'https://x', 'j', 100, 0, 0)",
        [],
    )
    .unwrap();
    assert!(check_blocklists(&conn, 250).unwrap().0.healthy);
    let r = check_blocklists(&conn, 400).unwrap().0;
    assert!(!r.healthy && r.message.contains("never imported"), "{r:?}");
    conn.execute(
        "INSERT INTO blocklist_imports (source_name, started_at, finished_at, status) VALUES ('feed', 390, 395, 'unchanged')",
        [],
    )
    .unwrap();
    assert!(check_blocklists(&conn, 400).unwrap().0.healthy);
}

#[test]
fn a_source_whose_last_import_failed_is_failing() {
    let conn = crate::db::test_db();
    conn.execute_batch(
        "INSERT INTO blocklist_sources (id, name, url, jail, interval_s, created_at, updated_at)
           VALUES (1, 'drop', 'https://x/drop', 'bl', 86400, 0, 0);
         INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, finished_at, status)
           VALUES (1, 'drop', 'bl', 10, 11, 'ok');",
    )
    .unwrap();
    assert!(check_blocklists(&conn, 20).unwrap().0.healthy);
    conn.execute(
        "INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, finished_at, status, error)
           VALUES (1, 'drop', 'bl', 30, 31, 'failed', 'HTTP 500')",
        [],
    )
    .unwrap();
    let r = check_blocklists(&conn, 40).unwrap().0;
    assert!(
        !r.healthy && r.message.contains("drop") && r.message.contains("HTTP 500"),
        "{r:?}"
    );
    assert!(read_facts(&conn).unwrap().blocklists[0].failing);
}

#[test]
fn facts_and_the_failure_counter() {
    let conn = crate::db::test_db();
    record_external_log_failure(&conn, 5).unwrap();
    record_external_log_failure(&conn, 6).unwrap();
    conn.execute(
        "INSERT INTO ban_history (jail, ip, timeofban, bantime, synced_at) VALUES ('sshd', '1.2.3.4', 1, 600, 1)",
        [],
    )
    .unwrap();
    run_due(&conn, 10, "ok");
    let f = read_facts(&conn).unwrap();
    assert_eq!(f.external_log_init_failures, 2);
    assert_eq!(f.ban_history, vec![("sshd".to_string(), 1)]);
    assert_eq!(f.jobs[0].last_success_at, Some(10));
    assert_eq!(f.jobs[0].runs, vec![("ok".to_string(), 1)]);
}

#[test]
fn geo_absent_or_old_fails() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.mmdb");
    assert!(!check_geo(std::slice::from_ref(&p), true, 100, 0).0.healthy);
    // Only the default paths and nothing there: geo is simply not used.
    assert!(check_geo(std::slice::from_ref(&p), false, 100, 0).0.healthy);
    // A garbage file is there but is no database: that fails, naming why.
    std::fs::write(&p, b"x").unwrap();
    let now = crate::util::now_unix();
    let garbage = check_geo(std::slice::from_ref(&p), true, 100, now).0;
    assert!(
        !garbage.healthy && garbage.message.contains("c.mmdb"),
        "{garbage:?}"
    );
    crate::geo::tests::write_city(&p, "GeoLite2-City", 1, "Paris");
    assert!(
        check_geo(std::slice::from_ref(&p), true, 100, now)
            .0
            .healthy
    );
    assert!(
        !check_geo(std::slice::from_ref(&p), false, 100, now + 1000)
            .0
            .healthy
    );
}

#[test]
fn config_dir_needs_a_fail2ban_file() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!check_config_dir(dir.path()).0.healthy);
    std::fs::write(dir.path().join("jail.conf"), "").unwrap();
    assert!(check_config_dir(dir.path()).0.healthy);
    assert!(!check_config_dir(&dir.path().join("nope")).0.healthy);
}

#[test]
fn names_round_trip_and_criticality() {
    for c in CheckName::ALL {
        assert_eq!(CheckName::parse(c.as_str()), Some(c));
    }
    assert!(CheckName::Scheduler.critical());
    assert!(!CheckName::Geo.critical());
}
