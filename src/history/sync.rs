//! Incremental copy of fail2ban's `bans` into `ban_history`. Each batch is
//! read with one short SELECT and written in one transaction together with
//! its watermark, so an interrupted sync has committed whole batches only.
//! Rows are keyed on (jail, ip, timeofban): re-reading anything is harmless.

use std::net::IpAddr;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::origin::{self, Attributor, Candidate};
use super::source::{RawBan, Retry, Source};
use crate::error::{Error, Result};
use crate::net::Target;

/// The `sync_state` row this sync owns.
pub const STATE_NAME: &str = "fail2ban-history";

#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Rows per SELECT and per transaction.
    pub batch_size: usize,
    /// SQLite's wait for fail2ban's lock, per attempt.
    pub busy_timeout: Duration,
    /// Attempts before the database is reported busy (exit 75).
    pub attempts: u32,
    pub backoff: Duration,
    /// How near an audited `ban` must be to a ban row to call it manual.
    pub manual_window_s: i64,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            batch_size: 20_000,
            busy_timeout: Duration::from_millis(1000),
            attempts: 3,
            backoff: Duration::from_millis(200),
            manual_window_s: origin::MANUAL_WINDOW_S,
        }
    }
}

impl SyncOptions {
    pub fn retry(&self) -> Retry {
        Retry {
            busy_timeout: self.busy_timeout,
            attempts: self.attempts,
            backoff: self.backoff,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct OriginCounts {
    pub fail2ban: u64,
    pub manual: u64,
    pub blocklist: u64,
    pub fleet: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub fail2ban_db: String,
    pub schema_version: i64,
    /// Rows read from fail2ban's database.
    pub read: u64,
    /// Rows new to bangui's history.
    pub inserted: u64,
    /// Rows bangui already had.
    pub already_present: u64,
    /// Rows whose `ip` is not an IP address or network (fail2ban bans any string).
    pub skipped_invalid: u64,
    pub batches: u64,
    /// The source file was replaced, rotated or rewound: read from the start.
    pub rotated: bool,
    /// `should_stop` asked to stop between batches.
    pub stopped: bool,
    pub last_rowid: i64,
    pub last_timeofban: i64,
    pub origins: OriginCounts,
    pub changed: bool,
}

/// The watermark as stored in `sync_state`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub db_path: Option<String>,
    pub db_identity: Option<String>,
    pub last_rowid: i64,
    pub last_timeofban: i64,
    pub updated_at: i64,
}

pub fn load_state(conn: &Connection) -> Result<Option<SyncState>> {
    conn.query_row(
        "SELECT db_path, db_identity, last_rowid, last_timeofban, updated_at
         FROM sync_state WHERE name = ?1",
        [STATE_NAME],
        |r| {
            Ok(SyncState {
                db_path: r.get(0)?,
                db_identity: r.get(1)?,
                last_rowid: r.get(2)?,
                last_timeofban: r.get(3)?,
                updated_at: r.get(4)?,
            })
        },
    )
    .optional()
    .map_err(|e| Error::db("reading the history watermark", e))
}

/// device:inode of the file: a replaced or rotated database has a new one.
pub fn file_identity(path: &Path) -> Result<String> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(format!("{}:{}", m.dev(), m.ino())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NoInput {
            what: "fail2ban database".into(),
            path: path.to_path_buf(),
        }),
        Err(e) => Err(Error::io(
            format!("reading fail2ban database {}", path.display()),
            path,
            e,
        )),
    }
}

/// Copy new rows of fail2ban's `bans` into `ban_history`. `should_stop` is
/// asked between batches; a stop leaves whole batches committed and the
/// watermark after the last of them.
pub fn sync(
    conn: &mut Connection,
    f2b_db: &Path,
    opts: &SyncOptions,
    now: i64,
    should_stop: &dyn Fn() -> bool,
) -> Result<SyncReport> {
    let batch = opts.batch_size.max(1);
    let identity = file_identity(f2b_db)?;
    let src = Source::open(f2b_db, opts.retry())?;
    let path_s = f2b_db.display().to_string();
    let mut report = SyncReport {
        fail2ban_db: path_s.clone(),
        schema_version: src.version,
        ..SyncReport::default()
    };
    let state = load_state(conn)?;
    let max_rowid = src.max_rowid()?;

    // Where to start, and whether the file we knew is still the file there.
    let (mut after, mut last_tob, mut write_state) = match &state {
        None => (0, 0, true),
        Some(st) => {
            let same_file = st.db_identity.as_deref() == Some(identity.as_str())
                && st.db_path.as_deref() == Some(path_s.as_str());
            // fail2ban deletes its newest rows on unban, so max(rowid) going
            // down proves nothing: the file is judged by its identity and by
            // its content, the newest row at or below the watermark, which
            // must be one we copied. Missing rows are fine; foreign ones mean
            // the file was rewritten in place.
            let probe = st.last_rowid.min(max_rowid);
            let foreign_watermark = same_file
                && probe > 0
                && match src.key_at(probe)? {
                    Some((jail, ip, tob)) => !known(conn, &jail, ip.as_deref(), tob)?,
                    None => false,
                };
            if !same_file || foreign_watermark {
                report.rotated = st.last_rowid > 0 || !same_file;
                (0, 0, true)
            } else {
                // New rows reuse the rowids freed above `probe`.
                (probe, st.last_timeofban, probe != st.last_rowid)
            }
        }
    };

    let mut attributor = Attributor::new(conn, opts.manual_window_s)?;

    // Rowids freed by an unban of the newest rows are reused below the
    // watermark: re-read the newest rows not older than the watermark time.
    if after > 0 {
        let tail = src.tail(after, last_tob, batch)?;
        if !tail.is_empty() {
            write_batch(conn, &mut attributor, &tail, now, None, &mut report)?;
        }
    }

    loop {
        if should_stop() {
            report.stopped = true;
            break;
        }
        let rows = src.batch_after(after, batch)?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.rowid;
        last_tob = rows.iter().map(|r| r.timeofban).fold(last_tob, i64::max);
        let mark = Watermark {
            path: &path_s,
            identity: &identity,
            rowid: after,
            timeofban: last_tob,
        };
        write_batch(conn, &mut attributor, &rows, now, Some(&mark), &mut report)?;
        report.batches += 1;
        write_state = false;
        if rows.len() < batch {
            break;
        }
    }
    if write_state {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::db("saving the history watermark", e))?;
        save_state(
            &tx,
            &Watermark {
                path: &path_s,
                identity: &identity,
                rowid: after,
                timeofban: last_tob,
            },
            now,
        )?;
        tx.commit()
            .map_err(|e| Error::db("saving the history watermark", e))?;
    }
    report.last_rowid = after;
    report.last_timeofban = last_tob;
    report.changed = report.inserted > 0;
    Ok(report)
}

/// The single hosts among unbanned `(jail, ip)` pairs, sorted and without
/// repeats: what [`sync_ips`] is asked about (networks have no rows to save).
pub fn unbanned_hosts(pairs: &[(String, String)]) -> Vec<IpAddr> {
    let mut ips: Vec<IpAddr> = pairs
        .iter()
        .filter_map(|(_, ip)| Target::parse(ip).ok())
        .filter(Target::is_host)
        .map(|t| t.net().addr())
        .collect();
    ips.sort();
    ips.dedup();
    ips
}

/// Save fail2ban's rows for these IPs (in one jail, or all) into the history
/// right before they are unbanned: fail2ban deletes them on unban. Leaves the
/// watermark alone; the next `sync` finds these rows already present.
pub fn sync_ips(
    conn: &mut Connection,
    f2b_db: &Path,
    jail: Option<&str>,
    ips: &[IpAddr],
    opts: &SyncOptions,
    now: i64,
) -> Result<SyncReport> {
    let src = Source::open(f2b_db, opts.retry())?;
    let mut report = SyncReport {
        fail2ban_db: f2b_db.display().to_string(),
        schema_version: src.version,
        ..SyncReport::default()
    };
    let mut keys: Vec<String> = Vec::with_capacity(ips.len() * 2);
    for ip in ips {
        keys.push(ip.to_string());
        // fail2ban may have been given the mapped form; try both spellings.
        if let IpAddr::V6(v6) = ip
            && let Some(v4) = v6.to_ipv4_mapped()
        {
            keys.push(v4.to_string());
        }
    }
    keys.sort();
    keys.dedup();
    let rows = src.rows_for_ips(jail, &keys)?;
    let mut attributor = Attributor::new(conn, opts.manual_window_s)?;
    for chunk in rows.chunks(opts.batch_size.max(1)) {
        write_batch(conn, &mut attributor, chunk, now, None, &mut report)?;
        report.batches += 1;
    }
    report.changed = report.inserted > 0;
    Ok(report)
}

struct Watermark<'a> {
    path: &'a str,
    identity: &'a str,
    rowid: i64,
    timeofban: i64,
}

fn known(conn: &Connection, jail: &str, ip: Option<&str>, tob: i64) -> Result<bool> {
    let Some(t) = ip.and_then(|s| Target::parse(s).ok()) else {
        // A row we would have skipped anyway says nothing about the file.
        return Ok(true);
    };
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM ban_history WHERE jail = ?1 AND ip = ?2 AND timeofban = ?3)",
        params![jail, t.to_string(), tob],
        |r| r.get(0),
    )
    .map_err(|e| Error::db("checking the history watermark", e))
}

fn save_state(conn: &Connection, m: &Watermark<'_>, now: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_state (name, db_path, db_identity, last_rowid, last_timeofban, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (name) DO UPDATE SET db_path = excluded.db_path,
             db_identity = excluded.db_identity, last_rowid = excluded.last_rowid,
             last_timeofban = excluded.last_timeofban, updated_at = excluded.updated_at",
    )
    .and_then(|mut st| {
        st.execute(params![
            STATE_NAME,
            m.path,
            m.identity,
            m.rowid,
            m.timeofban,
            now
        ])
    })
    .map(|_| ())
    .map_err(|e| Error::db("saving the history watermark", e))
}

/// Validate, attribute and insert one batch, with its watermark, in one
/// transaction.
fn write_batch(
    conn: &mut Connection,
    attributor: &mut Attributor,
    rows: &[RawBan],
    now: i64,
    mark: Option<&Watermark<'_>>,
    report: &mut SyncReport,
) -> Result<()> {
    report.read += rows.len() as u64;
    // Every IP is parsed before it reaches SQL; fail2ban bans any string.
    let mut valid: Vec<(&RawBan, Target)> = Vec::with_capacity(rows.len());
    for r in rows {
        match r.ip.as_deref().map(Target::parse) {
            Some(Ok(t)) => valid.push((r, t)),
            _ => report.skipped_invalid += 1,
        }
    }
    let cands: Vec<Candidate<'_>> = valid
        .iter()
        .map(|(r, t)| Candidate {
            jail: &r.jail,
            target: *t,
            timeofban: r.timeofban,
            data: r.data.as_deref(),
        })
        .collect();
    let attributions = attributor.attribute(conn, &cands)?;

    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::db("writing ban history", e))?;
    {
        let mut st = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO ban_history
                 (jail, ip, timeofban, bantime, bancount, data, origin, source, f2b_rowid, synced_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(|e| Error::db("writing ban history", e))?;
        let mut ip_buf = String::new();
        for ((r, t), a) in valid.iter().zip(&attributions) {
            ip_buf.clear();
            use std::fmt::Write;
            let _ = write!(ip_buf, "{t}");
            let n = st
                .execute(params![
                    r.jail,
                    ip_buf,
                    r.timeofban,
                    r.bantime,
                    r.bancount,
                    r.data,
                    a.origin,
                    a.source,
                    r.rowid,
                    now
                ])
                .map_err(|e| Error::db("writing ban history", e))?;
            if n > 0 {
                report.inserted += 1;
                match a.origin {
                    origin::MANUAL => report.origins.manual += 1,
                    origin::BLOCKLIST => report.origins.blocklist += 1,
                    origin::FLEET => report.origins.fleet += 1,
                    _ => report.origins.fail2ban += 1,
                }
            } else {
                report.already_present += 1;
            }
        }
    }
    if let Some(m) = mark {
        save_state(&tx, m, now)?;
    }
    tx.commit().map_err(|e| Error::db("writing ban history", e))
}
