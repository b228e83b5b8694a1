//! Read-only access to fail2ban's own SQLite database. fail2ban drops ban
//! records when a reader holds its file for seconds, so this module opens it
//! read-only, never changes a pragma that persists (no WAL), never opens a
//! transaction, and runs only short autocommit SELECTs whose rows are
//! collected before the statement is released.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, params};

use crate::error::{Error, Result};

/// One row of fail2ban's `bans` table, as stored there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBan {
    pub rowid: i64,
    pub jail: String,
    /// As fail2ban stored it; validated by the caller before it reaches SQL.
    pub ip: Option<String>,
    pub timeofban: i64,
    /// Seconds; -1 permanent; -2 unknown (schemas before v3).
    pub bantime: i64,
    pub bancount: i64,
    /// The JSON text of the `data` BLOB.
    pub data: Option<String>,
}

/// How hard to try when fail2ban holds its database.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// SQLite's own wait per attempt.
    pub busy_timeout: Duration,
    pub attempts: u32,
    pub backoff: Duration,
}

pub struct Source {
    conn: Connection,
    path: PathBuf,
    retry: Retry,
    /// `fail2banDb.version`.
    pub version: i64,
    select_cols: String,
}

impl Source {
    pub fn open(path: &Path, retry: Retry) -> Result<Source> {
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                return Err(Error::bad_input(format!(
                    "{} is not a file (expected fail2ban's database)",
                    path.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoInput {
                    what: "fail2ban database".into(),
                    path: path.to_path_buf(),
                });
            }
            Err(e) => {
                return Err(Error::io(
                    format!("reading fail2ban database {}", path.display()),
                    path,
                    e,
                ));
            }
        }
        // No URI, no immutable=1: a plain read-only open takes only SHARED
        // locks for the length of each statement.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        conn.busy_timeout(retry.busy_timeout)
            .map_err(|e| open_error(path, e))?;
        let mut src = Source {
            conn,
            path: path.to_path_buf(),
            retry,
            version: 0,
            select_cols: String::new(),
        };
        src.version = src.with_retry("reading the schema version", |c| {
            c.query_row("SELECT version FROM fail2banDb LIMIT 1", [], |r| {
                r.get::<_, i64>(0)
            })
        })?;
        let cols: Vec<String> = src.with_retry("reading the bans table's columns", |c| {
            let mut st = c.prepare("SELECT name FROM pragma_table_info('bans')")?;
            let v = st
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(v)
        })?;
        if cols.is_empty() {
            return Err(Error::bad_input(format!(
                "{} has no `bans` table: not a fail2ban database",
                path.display()
            )));
        }
        let has = |n: &str| cols.iter().any(|c| c.eq_ignore_ascii_case(n));
        // Schemas v1/v2 have no bantime/bancount: -2 is fail2ban's own
        // "unknown" marker for such rows, and one ban is the least there was.
        let bantime = if has("bantime") {
            "COALESCE(CAST(bantime AS INTEGER), -2)"
        } else {
            "-2"
        };
        let bancount = if has("bancount") {
            "COALESCE(CAST(bancount AS INTEGER), 1)"
        } else {
            "1"
        };
        src.select_cols = format!(
            "rowid, jail, ip, CAST(timeofban AS INTEGER), {bantime}, {bancount}, CAST(data AS TEXT)"
        );
        Ok(src)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run one short read, retrying while fail2ban holds the file; after the
    /// last attempt the database is reported busy (exit 75).
    fn with_retry<T>(
        &self,
        what: &str,
        f: impl Fn(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match f(&self.conn) {
                Ok(v) => return Ok(v),
                Err(e) if is_busy(&e) => {
                    if attempt >= self.retry.attempts.max(1) {
                        return Err(Error::try_later(format!(
                            "fail2ban's database {} stayed locked while {what} ({attempt} attempts); try again later",
                            self.path.display()
                        )));
                    }
                    std::thread::sleep(self.retry.backoff * attempt);
                }
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                    return Err(not_a_database(&self.path));
                }
                Err(e) if is_missing_table(&e) => {
                    return Err(Error::bad_input(format!(
                        "{} is not a fail2ban database ({e})",
                        self.path.display()
                    )));
                }
                Err(e) => {
                    return Err(Error::db(
                        format!("{what} in fail2ban database {}", self.path.display()),
                        e,
                    ));
                }
            }
        }
    }

    pub fn max_rowid(&self) -> Result<i64> {
        self.with_retry("reading the newest row", |c| {
            c.query_row("SELECT COALESCE(MAX(rowid), 0) FROM bans", [], |r| r.get(0))
        })
    }

    /// (jail, ip, timeofban) of one row, if it still exists.
    pub fn key_at(&self, rowid: i64) -> Result<Option<(String, Option<String>, i64)>> {
        self.with_retry("reading the watermark row", |c| {
            let mut st = c.prepare_cached(
                "SELECT jail, ip, CAST(timeofban AS INTEGER) FROM bans WHERE rowid = ?1",
            )?;
            let mut rows = st.query([rowid])?;
            match rows.next()? {
                Some(r) => Ok(Some((r.get(0)?, r.get(1)?, r.get(2)?))),
                None => Ok(None),
            }
        })
    }

    /// The next `limit` rows after `rowid`, oldest first.
    pub fn batch_after(&self, rowid: i64, limit: usize) -> Result<Vec<RawBan>> {
        let sql = format!(
            "SELECT {} FROM bans WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            self.select_cols
        );
        self.with_retry("reading bans", |c| {
            let mut st = c.prepare_cached(&sql)?;
            let v = st
                .query_map(params![rowid, limit as i64], raw_ban)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(v)
        })
    }

    /// Rows at or below `rowid` whose timeofban is at least `min_tob`,
    /// newest first, at most `limit`: fail2ban's `bans` has no AUTOINCREMENT,
    /// so after an unban deletes the newest rows their rowids are handed out
    /// again, below the watermark. Reading stops at the first older row.
    pub fn tail(&self, rowid: i64, min_tob: i64, limit: usize) -> Result<Vec<RawBan>> {
        let sql = format!(
            "SELECT {} FROM bans WHERE rowid <= ?1 ORDER BY rowid DESC LIMIT ?2",
            self.select_cols
        );
        self.with_retry("reading the newest bans", |c| {
            let mut st = c.prepare_cached(&sql)?;
            let mut rows = st.query(params![rowid, limit as i64])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let b = raw_ban(r)?;
                if b.timeofban < min_tob {
                    break;
                }
                out.push(b);
            }
            Ok(out)
        })
    }

    /// Every row for these IP strings (in one jail, or all), in chunks small
    /// enough for SQLite's parameter limit.
    pub fn rows_for_ips(&self, jail: Option<&str>, ips: &[String]) -> Result<Vec<RawBan>> {
        let mut out = Vec::new();
        for chunk in ips.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = match jail {
                Some(_) => format!(
                    "SELECT {} FROM bans WHERE ip IN ({marks}) AND jail = ? ORDER BY rowid",
                    self.select_cols
                ),
                None => format!(
                    "SELECT {} FROM bans WHERE ip IN ({marks}) ORDER BY rowid",
                    self.select_cols
                ),
            };
            let mut vals: Vec<&str> = chunk.iter().map(String::as_str).collect();
            if let Some(j) = jail {
                vals.push(j);
            }
            let rows = self.with_retry("reading bans for the unban", |c| {
                let mut st = c.prepare(&sql)?;
                let v = st
                    .query_map(rusqlite::params_from_iter(vals.iter()), raw_ban)?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(v)
            })?;
            out.extend(rows);
        }
        Ok(out)
    }
}

fn raw_ban(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawBan> {
    Ok(RawBan {
        rowid: r.get(0)?,
        jail: r.get(1)?,
        ip: r.get(2)?,
        timeofban: r.get(3)?,
        bantime: r.get(4)?,
        bancount: r.get(5)?,
        data: r.get(6)?,
    })
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked)
    )
}

fn is_missing_table(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(_, Some(m)) if m.starts_with("no such table"))
}

fn not_a_database(path: &Path) -> Error {
    Error::bad_input(format!(
        "{} is not an SQLite database (expected fail2ban's database)",
        path.display()
    ))
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => not_a_database(path),
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            Error::PermissionDenied {
                path: path.to_path_buf(),
                detail: "opening fail2ban's database read-only".into(),
            }
        }
        _ => Error::db(format!("opening fail2ban database {}", path.display()), e),
    }
}
