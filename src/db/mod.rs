//! bangui's own SQLite database: opening it with the agreed pragmas, file
//! modes and directory rules, embedded migrations with a backup first, and
//! the maintenance operations behind `bangui db`. It never touches
//! fail2ban's database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::config::DatabaseConfig;
use crate::error::{Error, Result};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// How to open the database.
#[derive(Debug, Clone)]
pub struct DbOptions {
    pub path: PathBuf,
    /// Create the parent directory (0700) when missing: only for the default path.
    pub create_dir: bool,
    pub busy_timeout: Duration,
    pub cache_size_kib: i64,
    pub backup_before_migrate: bool,
}

impl DbOptions {
    pub fn from_config(c: &DatabaseConfig) -> DbOptions {
        DbOptions {
            path: c.path.clone(),
            create_dir: c.path_is_default,
            busy_timeout: Duration::from_millis(c.busy_timeout_ms),
            cache_size_kib: c.cache_size_kib,
            backup_before_migrate: c.backup_before_migrate,
        }
    }
}

/// One migration as `db status` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MigrationInfo {
    pub version: u32,
    pub name: String,
    pub applied: bool,
    pub applied_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DbStatus {
    pub path: String,
    pub exists: bool,
    pub size_bytes: Option<u64>,
    pub current_version: u32,
    pub latest_version: u32,
    pub pending: Vec<MigrationInfo>,
    pub applied: Vec<MigrationInfo>,
    pub journal_mode: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MigrateReport {
    pub path: String,
    pub from_version: u32,
    pub to_version: u32,
    pub applied: Vec<MigrationInfo>,
    pub backup: Option<String>,
    pub changed: bool,
}

/// The latest schema version this build knows.
pub fn latest_version() -> u32 {
    embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| m.version() as u32)
        .max()
        .unwrap_or(0)
}

/// Open the database file, creating it 0600 if needed, and apply the
/// connection pragmas. Does not migrate.
pub fn open_raw(opts: &DbOptions) -> Result<Connection> {
    let path = &opts.path;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        if opts.create_dir {
            create_private_dir(dir)?;
        } else {
            return Err(Error::Io {
                context: format!(
                    "database directory {} does not exist (create it, or choose another --db)",
                    dir.display()
                ),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
    }
    if !path.exists() {
        create_private_file(path)?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| db_open_error(path, e))?;
    configure(&conn, opts).map_err(|e| db_open_error(path, e))?;
    Ok(conn)
}

fn db_open_error(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::NotADatabase) | Some(C::DatabaseCorrupt) => Error::Database {
            context: format!(
                "{} is not a usable SQLite database (corrupt or not a database); restore a backup or move it aside",
                path.display()
            ),
            source: e,
        },
        Some(C::CannotOpen) | Some(C::PermissionDenied) | Some(C::ReadOnly) => {
            if is_permission_problem(path) {
                Error::PermissionDenied {
                    path: path.to_path_buf(),
                    detail: "opening the database".into(),
                }
            } else {
                Error::Database {
                    context: format!("opening database {}", path.display()),
                    source: e,
                }
            }
        }
        _ => Error::db(format!("opening database {}", path.display()), e),
    }
}

fn is_permission_problem(path: &Path) -> bool {
    use std::fs::OpenOptions;
    match OpenOptions::new().read(true).write(true).open(path) {
        Err(e) => e.kind() == std::io::ErrorKind::PermissionDenied,
        Ok(_) => {
            // The file is fine; the directory may refuse the journal/WAL files.
            let dir = path.parent().unwrap_or(Path::new("."));
            let probe = dir.join(format!(".bangui-probe-{}", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&probe) {
                Ok(_) => {
                    let _ = std::fs::remove_file(&probe);
                    false
                }
                Err(e) => e.kind() == std::io::ErrorKind::PermissionDenied,
            }
        }
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(format!("creating directory {}", dir.display()), dir, e))
}

fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(
            format!("creating database {}", path.display()),
            path,
            e,
        )),
    }
}

fn configure(conn: &Connection, opts: &DbOptions) -> rusqlite::Result<()> {
    conn.busy_timeout(opts.busy_timeout)?;
    // Reading the schema first makes a garbage file fail here, before any
    // pragma could write to it.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(event = "db_journal_mode", mode = %mode, "database is not in WAL mode");
    }
    conn.execute_batch(&format!(
        "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON; PRAGMA cache_size=-{};",
        opts.cache_size_kib.max(256)
    ))?;
    Ok(())
}

/// Schema version recorded by refinery (0 for a new database).
pub fn current_version(conn: &mut Connection) -> Result<u32> {
    let exists: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type='table' AND name='refinery_schema_history'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| Error::db("reading schema version", e))?;
    if !exists {
        return Ok(0);
    }
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|v| v as u32)
    .map_err(|e| Error::db("reading schema version", e))
}

fn applied_list(conn: &mut Connection) -> Result<Vec<MigrationInfo>> {
    if current_version(conn)? == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT version, name, applied_on FROM refinery_schema_history ORDER BY version")
        .map_err(|e| Error::db("reading migration history", e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MigrationInfo {
                version: r.get::<_, i64>(0)? as u32,
                name: r.get(1)?,
                applied: true,
                applied_on: r.get(2)?,
            })
        })
        .map_err(|e| Error::db("reading migration history", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::db("reading migration history", e))
}

fn embedded_list() -> Vec<MigrationInfo> {
    let mut v: Vec<MigrationInfo> = embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| MigrationInfo {
            version: m.version() as u32,
            name: m.name().to_string(),
            applied: false,
            applied_on: None,
        })
        .collect();
    v.sort_by_key(|m| m.version);
    v
}

fn refuse_newer(current: u32, path: &Path) -> Result<()> {
    let latest = latest_version();
    if current > latest {
        return Err(Error::config(format!(
            "database {} has schema version {current}, newer than this bangui knows ({latest}); upgrade bangui or use another --db",
            path.display()
        )));
    }
    Ok(())
}

/// Apply pending migrations; back up an existing database first.
pub fn migrate(conn: &mut Connection, opts: &DbOptions) -> Result<MigrateReport> {
    let from = current_version(conn)?;
    refuse_newer(from, &opts.path)?;
    let pending: Vec<MigrationInfo> = embedded_list()
        .into_iter()
        .filter(|m| m.version > from)
        .collect();
    let mut report = MigrateReport {
        path: opts.path.display().to_string(),
        from_version: from,
        to_version: from,
        applied: Vec::new(),
        backup: None,
        changed: false,
    };
    if pending.is_empty() {
        return Ok(report);
    }
    if from > 0 && opts.backup_before_migrate {
        let dest = backup_path_for(&opts.path, from);
        backup(conn, &dest)?;
        tracing::info!(event = "db_backup_before_migrate", path = %dest.display());
        report.backup = Some(dest.display().to_string());
    }
    let runner = embedded::migrations::runner()
        .set_grouped(false)
        .set_abort_divergent(true)
        .set_abort_missing(false);
    match runner.run(conn) {
        Ok(r) => {
            report.applied = r
                .applied_migrations()
                .iter()
                .map(|m| MigrationInfo {
                    version: m.version() as u32,
                    name: m.name().to_string(),
                    applied: true,
                    applied_on: None,
                })
                .collect();
        }
        Err(e) => {
            let done: Vec<u32> = e
                .report()
                .map(|r| {
                    r.applied_migrations()
                        .iter()
                        .map(|m| m.version() as u32)
                        .collect()
                })
                .unwrap_or_default();
            let failed = pending
                .iter()
                .find(|m| !done.contains(&m.version))
                .map(|m| format!("V{}__{}", m.version, m.name))
                .unwrap_or_else(|| "unknown".into());
            let message = format!(
                "migration {failed} failed on {}: {e}; the database keeps its previous schema (version {}) and bangui refuses to run until this is fixed{}",
                opts.path.display(),
                current_version(conn).unwrap_or(from),
                report
                    .backup
                    .as_ref()
                    .map(|b| format!(" (backup: {b})"))
                    .unwrap_or_default()
            );
            // A full disk or a failing device is local I/O (74), not a
            // schema problem (78).
            return Err(match io_cause(&e) {
                Some(source) => Error::Database {
                    context: message,
                    source,
                },
                None => Error::config(message),
            });
        }
    }
    report.to_version = current_version(conn)?;
    report.changed = report.to_version != from;
    Ok(report)
}

/// The SQLite error under a refinery error when it is an I/O failure
/// (disk full, device error, cannot open), rebuilt so the caller owns it.
fn io_cause(e: &refinery::Error) -> Option<rusqlite::Error> {
    use rusqlite::ErrorCode as C;
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(rusqlite::Error::SqliteFailure(f, msg)) = err.downcast_ref::<rusqlite::Error>()
            && matches!(
                f.code,
                C::DiskFull | C::SystemIoFailure | C::CannotOpen | C::OutOfMemory
            )
        {
            return Some(rusqlite::Error::SqliteFailure(*f, msg.clone()));
        }
        cur = err.source();
    }
    None
}

fn backup_path_for(path: &Path, version: u32) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".v{version}.bak"));
    PathBuf::from(s)
}

/// Open and migrate: what every command that needs the database calls.
pub fn open(opts: &DbOptions) -> Result<Connection> {
    let mut conn = open_raw(opts)?;
    migrate(&mut conn, opts)?;
    Ok(conn)
}

/// Open an existing database read-only-ish for status: no creation, no migration.
pub fn status(opts: &DbOptions) -> Result<DbStatus> {
    let exists = opts.path.exists();
    let mut st = DbStatus {
        path: opts.path.display().to_string(),
        exists,
        size_bytes: std::fs::metadata(&opts.path).ok().map(|m| m.len()),
        current_version: 0,
        latest_version: latest_version(),
        pending: embedded_list(),
        applied: Vec::new(),
        journal_mode: None,
    };
    if !exists {
        return Ok(st);
    }
    let mut conn = Connection::open_with_flags(&opts.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| db_open_error(&opts.path, e))?;
    conn.busy_timeout(opts.busy_timeout)
        .map_err(|e| db_open_error(&opts.path, e))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| db_open_error(&opts.path, e))?;
    st.current_version = current_version(&mut conn)?;
    st.applied = applied_list(&mut conn)?;
    st.pending.retain(|m| m.version > st.current_version);
    st.journal_mode = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).ok();
    Ok(st)
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub path: String,
    pub ok: bool,
    pub integrity: Vec<String>,
    pub foreign_key_violations: Vec<String>,
}

/// `PRAGMA integrity_check` and `foreign_key_check`.
pub fn check(conn: &Connection, path: &Path) -> Result<CheckReport> {
    let q = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn
            .prepare(sql)
            .map_err(|e| Error::db(format!("checking {}", path.display()), e))?;
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut parts = Vec::new();
                for i in 0..cols {
                    let v: rusqlite::types::Value = r.get(i)?;
                    parts.push(match v {
                        rusqlite::types::Value::Null => "null".to_string(),
                        rusqlite::types::Value::Integer(i) => i.to_string(),
                        rusqlite::types::Value::Real(f) => f.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        rusqlite::types::Value::Blob(_) => "<blob>".into(),
                    });
                }
                Ok(parts.join(" "))
            })
            .map_err(|e| Error::db(format!("checking {}", path.display()), e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| Error::db(format!("checking {}", path.display()), e))
    };
    let integrity = q("PRAGMA integrity_check")?;
    let fk = q("PRAGMA foreign_key_check")?;
    let ok = integrity.len() == 1 && integrity[0] == "ok" && fk.is_empty();
    Ok(CheckReport {
        path: path.display().to_string(),
        ok,
        integrity,
        foreign_key_violations: fk,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckpointReport {
    pub busy: bool,
    pub log_frames: i64,
    pub checkpointed_frames: i64,
}

pub fn checkpoint(conn: &Connection) -> Result<CheckpointReport> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        Ok(CheckpointReport {
            busy: r.get::<_, i64>(0)? != 0,
            log_frames: r.get(1)?,
            checkpointed_frames: r.get(2)?,
        })
    })
    .map_err(|e| Error::db("checkpointing the WAL", e))
}

/// Copy the database with SQLite's online backup API to `dest` (0600).
/// True at most once per `period_s` for `bucket` (kept in `rate_limits`, so
/// across processes): for warnings that would otherwise repeat on every call.
pub fn first_in(conn: &Connection, bucket: &str, now: i64, period_s: i64) -> Result<bool> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT last_at FROM rate_limits WHERE bucket = ?1",
            [bucket],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .map_err(|e| Error::db("reading a rate limit", e))?;
    if last.is_some_and(|t| now >= t && now - t < period_s) {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO rate_limits (bucket, window_start, count, last_at) VALUES (?1, ?2, 1, ?2) \
         ON CONFLICT(bucket) DO UPDATE SET window_start = ?2, count = count + 1, last_at = ?2",
        rusqlite::params![bucket, now],
    )
    .map_err(|e| Error::db("recording a rate limit", e))?;
    Ok(true)
}

pub fn backup(conn: &Connection, dest: &Path) -> Result<u64> {
    if let Some(dir) = dest.parent().filter(|p| !p.as_os_str().is_empty())
        && !dir.exists()
    {
        return Err(Error::Io {
            context: format!("backup directory {} does not exist", dir.display()),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    let tmp = {
        let mut s = dest.as_os_str().to_owned();
        s.push(format!(".tmp.{}", std::process::id()));
        PathBuf::from(s)
    };
    let _ = std::fs::remove_file(&tmp);
    create_private_file(&tmp)?;
    let result = (|| {
        let mut out = Connection::open(&tmp)
            .map_err(|e| Error::db(format!("creating backup {}", tmp.display()), e))?;
        {
            let b = rusqlite::backup::Backup::new(conn, &mut out)
                .map_err(|e| Error::db("starting backup", e))?;
            b.run_to_completion(256, Duration::from_millis(5), None)
                .map_err(|e| Error::db(format!("backing up to {}", dest.display()), e))?;
        }
        // A backup is a single file: no WAL beside it.
        out.execute_batch("PRAGMA journal_mode=DELETE;")
            .map_err(|e| Error::db("finishing backup", e))?;
        drop(out);
        std::fs::rename(&tmp, dest)
            .map_err(|e| Error::io(format!("moving backup to {}", dest.display()), dest, e))?;
        Ok(std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
pub(crate) fn test_db() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    conn.execute_batch("PRAGMA foreign_keys=ON;")
        .expect("pragma");
    embedded::migrations::runner()
        .run(&mut conn)
        .expect("migrations apply to an empty database");
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(path: PathBuf) -> DbOptions {
        DbOptions {
            path,
            create_dir: false,
            busy_timeout: Duration::from_millis(500),
            cache_size_kib: 2048,
            backup_before_migrate: true,
        }
    }

    #[test]
    fn migrations_create_every_table() {
        let conn = test_db();
        assert!(first_in(&conn, "warn:x", 1000, 86_400).unwrap());
        assert!(!first_in(&conn, "warn:x", 1000 + 86_399, 86_400).unwrap());
        assert!(
            first_in(&conn, "warn:y", 1001, 86_400).unwrap(),
            "per bucket"
        );
        assert!(first_in(&conn, "warn:x", 1000 + 86_400, 86_400).unwrap());
        for t in [
            "scheduler_lock",
            "job_runs",
            "audit_log",
            "blocklist_sources",
            "blocklist_entries",
            "blocklist_imports",
            "ban_history",
            "sync_state",
            "geo_cache",
            "rate_limits",
        ] {
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?1",
                    [t],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "table {t}");
        }
    }

    #[test]
    fn new_file_is_private_wal_and_migrated() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let o = opts(dir.path().join("b.db"));
        let mut conn = open(&o).unwrap();
        let mode = std::fs::metadata(&o.path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let jm: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jm, "wal");
        assert_eq!(current_version(&mut conn).unwrap(), latest_version());
        let again = migrate(&mut conn, &o).unwrap();
        assert!(!again.changed);
    }

    #[test]
    fn missing_directory_is_an_error_unless_default() {
        let dir = tempfile::tempdir().unwrap();
        let mut o = opts(dir.path().join("nope/b.db"));
        let e = open(&o).unwrap_err();
        assert_eq!(e.exit_code(), 74, "{e}");
        o.create_dir = true;
        open(&o).unwrap();
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("nope"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o700);
    }

    #[test]
    fn garbage_file_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.db");
        let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&p, &garbage).unwrap();
        let e = open(&opts(p.clone())).unwrap_err();
        assert_eq!(e.exit_code(), 74, "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), garbage);
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let o = opts(dir.path().join("n.db"));
        let conn = open(&o).unwrap();
        conn.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', '2030-01-01', '0')",
            [],
        )
        .unwrap();
        drop(conn);
        let e = open(&o).unwrap_err();
        assert_eq!(e.exit_code(), 78);
        assert!(e.to_string().contains("999"), "{e}");
    }

    #[test]
    fn an_older_database_is_backed_up_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let o = opts(dir.path().join("old.db"));
        // A database as the first release left it: schema version 1 only.
        {
            let mut conn = open_raw(&o).unwrap();
            embedded::migrations::runner()
                .set_target(refinery::Target::Version(1))
                .run(&mut conn)
                .unwrap();
            conn.execute(
                "INSERT INTO audit_log (at, actor, command, outcome) VALUES (1, 'a', 'ban', 'ok')",
                [],
            )
            .unwrap();
        }
        let mut conn = open_raw(&o).unwrap();
        let r = migrate(&mut conn, &o).unwrap();
        assert_eq!(r.from_version, 1);
        assert_eq!(r.to_version, latest_version());
        let backup = dir.path().join("old.db.v1.bak");
        assert_eq!(r.backup.as_deref(), Some(backup.to_str().unwrap()));
        let mut copy = Connection::open(&backup).unwrap();
        assert_eq!(current_version(&mut copy).unwrap(), 1);
        let n: i64 = copy
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "the backup holds the data as it was");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn backup_and_check() {
        let dir = tempfile::tempdir().unwrap();
        let o = opts(dir.path().join("b.db"));
        let conn = open(&o).unwrap();
        conn.execute(
            "INSERT INTO audit_log (at, actor, command, outcome) VALUES (1, 'a', 'ban', 'ok')",
            [],
        )
        .unwrap();
        let dest = dir.path().join("copy.db");
        backup(&conn, &dest).unwrap();
        let copy = Connection::open(&dest).unwrap();
        let n: i64 = copy
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        assert!(check(&conn, &o.path).unwrap().ok);
        checkpoint(&conn).unwrap();
    }
}
