use crate::support::{TestEnv, is_root};

#[test]
fn status_migrate_check_backup_restore() {
    let env = TestEnv::new();
    let r = env.run(&["db", "status", "-o", "json"]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["data"]["exists"], false);
    assert_eq!(doc["data"]["current_version"], 0);

    let r = env.run(&["db", "migrate", "--json"]);
    r.code(0);
    assert!(r.json()["data"]["to_version"].as_u64().unwrap() >= 1);

    let doc = env.run(&["db", "status", "--json"]).json();
    assert_eq!(
        doc["data"]["current_version"],
        doc["data"]["latest_version"]
    );
    assert_eq!(doc["data"]["journal_mode"], "wal");
    assert!(doc["data"]["pending"].as_array().unwrap().is_empty());

    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    env.run(&["db", "check", "--json"]).code(0);
    env.run(&["db", "checkpoint"]).code(0);

    let backup = env.path().join("copy.db");
    let r = env.run(&["db", "backup", backup.to_str().unwrap(), "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["changed"], true);
    // An existing file is not overwritten without --force.
    let first = std::fs::read(&backup).unwrap();
    env.run(&["audit", "list"]).code(0);
    env.run(&["db", "backup", backup.to_str().unwrap()])
        .code(2)
        .stderr_has("already exists; pass --force");
    assert_eq!(std::fs::read(&backup).unwrap(), first, "left as it was");
    env.run(&["db", "backup", backup.to_str().unwrap(), "--force"])
        .code(0);
    // Restoring is copying the backup over the database file.
    let restored = env.path().join("restored.db");
    std::fs::copy(&backup, &restored).unwrap();
    env.run(&["--db", restored.to_str().unwrap(), "db", "check"])
        .code(0);
}

#[test]
fn db_in_missing_directory_is_74_naming_it() {
    let env = TestEnv::new();
    let p = env.path().join("no/such/dir/b.db");
    env.run(&["--db", p.to_str().unwrap(), "db", "migrate"])
        .code(74)
        .stderr_has("no/such/dir");
    assert!(
        !env.path().join("no").exists(),
        "a --db directory is never created"
    );
}

#[test]
fn db_in_unwritable_directory_is_77() {
    let env = TestEnv::new();
    let dir = env.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(env.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let p = dir.join("b.db");
    let r = if is_root() {
        env.run_as_nobody(&["--db", p.to_str().unwrap(), "db", "migrate"])
    } else {
        env.run(&["--db", p.to_str().unwrap(), "db", "migrate"])
    };
    r.code(77).stderr_has(dir.to_str().unwrap());
}

#[test]
fn garbage_database_is_74_and_left_untouched() {
    let env = TestEnv::new();
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(env.db(), &garbage).unwrap();
    for args in [&["db", "migrate"][..], &["db", "check"], &["audit", "list"]] {
        env.run(args)
            .code(74)
            .stderr_has("not a usable SQLite database");
    }
    assert_eq!(std::fs::read(env.db()).unwrap(), garbage);
    let names: Vec<_> = std::fs::read_dir(env.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with("-wal") || n.ends_with("-shm")),
        "{names:?}"
    );
}

#[test]
fn failed_migration_keeps_schema_and_refuses_to_run() {
    let env = TestEnv::new();
    // A table in the way makes V1 fail half-way through.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(
        "CREATE TABLE blocklist_sources (x INTEGER); INSERT INTO blocklist_sources VALUES (42);",
    )
    .unwrap();
    drop(conn);
    for _ in 0..2 {
        env.run(&["audit", "list"])
            .code(78)
            .stderr_has("migration V1__init failed");
    }
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('scheduler_lock', 'job_runs', 'audit_log')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0, "the failed migration's tables were rolled back");
    let v: i64 = conn
        .query_row("SELECT x FROM blocklist_sources", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 42);
}

#[test]
fn newer_database_is_refused() {
    let env = TestEnv::new();
    env.run(&["db", "migrate"]).code(0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (900, 'future', '2030-01-01T00:00:00Z', '1')",
        [],
    )
    .unwrap();
    drop(conn);
    env.run(&["audit", "list"])
        .code(78)
        .stderr_has("newer than this bangui");
}

#[test]
fn a_new_database_needs_no_backup_and_migrate_is_idempotent() {
    // The backup of an older database is tested in the db module, where a
    // database at schema version 1 can be built.
    let env = TestEnv::new();
    let first = env.run(&["db", "migrate", "--json"]).json();
    assert_eq!(first["data"]["backup"], serde_json::Value::Null);
    assert_eq!(first["data"]["changed"], true);
    let again = env.run(&["db", "migrate", "--json"]).json();
    assert_eq!(again["data"]["changed"], false);
}

/// A real bangui database with a valid header whose pages are then damaged:
/// `pages` picks the damaged page numbers (1-based) from the page count.
fn damaged_database(env: &TestEnv, pages: impl Fn(usize) -> Vec<usize>) -> Vec<u8> {
    env.run(&["db", "migrate"]).code(0);
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.execute_batch(
            "CREATE TABLE pad(x);
             INSERT INTO pad SELECT randomblob(500) FROM
                 (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                  SELECT i FROM n);",
        )
        .unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let mut bytes = std::fs::read(env.db()).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let count = bytes.len() / page;
    for p in pages(count) {
        for k in (0..page).step_by(7) {
            bytes[(p - 1) * page + k] = ((k * 31 + p) % 256) as u8;
        }
    }
    assert_eq!(&bytes[..16], b"SQLite format 3\0", "the header stays valid");
    std::fs::write(env.db(), &bytes).unwrap();
    bytes
}

#[test]
fn a_database_with_corrupt_pages_is_refused_and_left_untouched() {
    // Damaged schema and data pages: every command refuses with 74.
    let env = TestEnv::new();
    let before = damaged_database(&env, |n| (2..=n).step_by(2).collect());
    let backup = env.path().join("copy.db");
    for args in [
        &["db", "check"][..],
        &["db", "status"],
        &["db", "migrate"],
        &["db", "checkpoint"],
        &["audit", "list"],
        &["history", "list"],
        &["blocklist", "status"],
        &["jobs", "run", "db-maintenance"],
        &["db", "backup", backup.to_str().unwrap()],
    ] {
        env.run(args)
            .code(74)
            .stderr_has("not a usable SQLite database");
    }
    assert!(
        std::fs::read(env.db()).unwrap() == before,
        "the damaged database was modified"
    );
    assert!(
        !backup.exists(),
        "a backup of a damaged database was written"
    );

    // Only data pages at the end damaged: reads still work, `db check` finds
    // the damage, and nothing that only reads writes to the file.
    let env = TestEnv::new();
    let before = damaged_database(&env, |n| (n - 40..=n).step_by(2).collect());
    env.run(&["db", "check"]).code(74).stderr_has("malformed");
    for args in [
        &["db", "status"][..],
        &["db", "migrate"],
        &["audit", "list"],
        &["history", "list"],
    ] {
        env.run(args).code(0);
    }
    assert!(
        std::fs::read(env.db()).unwrap() == before,
        "a read-only command modified the damaged database"
    );
}
