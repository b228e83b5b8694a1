//! The database pass: one read-only connection under a deadline for the database,
//! scheduler, blocklists and verify checks and the facts `/metrics` reports; and the
//! counter of external-log failures every process adds to.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{
    CheckName, DbFacts, EXT_LOG_FAILURES_BUCKET, JobFacts, LockFacts, Pending, SourceFacts, ago,
    fail, ok,
};
use crate::db::DbOptions;
use crate::health::CheckResult;
use crate::util::format_duration;

/// Everything read from bangui's database in one connection.
pub(super) struct DbPass {
    pub(super) checks: Vec<(CheckName, CheckResult)>,
    pub(super) facts: Option<DbFacts>,
}

impl DbPass {
    /// The database could not be used: it fails, and the checks that read
    /// it cannot pass either.
    pub(super) fn failed(reason: String) -> DbPass {
        let mut checks = vec![(CheckName::Database, fail(CheckName::Database, reason).0)];
        for n in [CheckName::Scheduler, CheckName::Blocklists] {
            checks.push((n, fail(n, "not checked: the database is unusable").0));
        }
        DbPass {
            checks,
            facts: None,
        }
    }
}

fn open_for_checks(opts: &DbOptions, deadline: Duration) -> Result<Connection, String> {
    if !opts.path.exists() {
        return Err(format!(
            "{} does not exist (`bangui db migrate` creates it)",
            opts.path.display()
        ));
    }
    // Read-write so WAL readers work, but never created here and never written.
    let conn = Connection::open_with_flags(
        &opts.path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("cannot open {}: {e}", opts.path.display()))?;
    // Below the deadline, so the thread ends soon after the caller gave up.
    let busy = opts.busy_timeout.min(deadline.mul_f32(0.75));
    conn.busy_timeout(busy)
        .map_err(|e| format!("cannot configure {}: {e}", opts.path.display()))?;
    Ok(conn)
}

pub(super) fn db_pass(
    opts: &DbOptions,
    selected: &[CheckName],
    metrics: bool,
    lock_ttl_s: u64,
    run_due_interval_s: u64,
    deadline: Duration,
    now: i64,
) -> DbPass {
    let t = Instant::now();
    let conn = match open_for_checks(opts, deadline) {
        Ok(c) => c,
        Err(e) => return DbPass::failed(e),
    };
    let schema = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .and_then(|_| {
            conn.query_row(
                "SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history",
                [],
                |r| r.get::<_, i64>(0),
            )
        });
    let latest = crate::db::latest_version() as i64;
    let db_check = match schema {
        Err(e) => {
            return DbPass::failed(format!("{} is unusable: {e}", opts.path.display()));
        }
        Ok(v) if v < latest => fail(
            CheckName::Database,
            format!("schema version {v}, this bangui needs {latest}: run `bangui db migrate`"),
        ),
        Ok(v) => ok(CheckName::Database, format!("schema version {v}")),
    };
    let mut checks = vec![(CheckName::Database, db_check.timed(t))];
    if selected.contains(&CheckName::Scheduler) {
        let t = Instant::now();
        let r = check_scheduler(&conn, lock_ttl_s, run_due_interval_s, now)
            .unwrap_or_else(|e| fail(CheckName::Scheduler, format!("cannot read: {e}")));
        checks.push((CheckName::Scheduler, r.timed(t)));
    }
    if selected.contains(&CheckName::Blocklists) {
        let t = Instant::now();
        let r = check_blocklists(&conn, now)
            .unwrap_or_else(|e| fail(CheckName::Blocklists, format!("cannot read: {e}")));
        checks.push((CheckName::Blocklists, r.timed(t)));
    }
    if selected.contains(&CheckName::Verify) {
        let t = Instant::now();
        let r = check_verify(&conn, now)
            .unwrap_or_else(|e| fail(CheckName::Verify, format!("cannot read: {e}")));
        checks.push((CheckName::Verify, r.timed(t)));
    }
    let facts = if metrics {
        read_facts(&conn).ok()
    } else {
        None
    };
    DbPass { checks, facts }
}

/// Advisory: what the last `verify` job found. Before its first run there
/// is nothing to report.
fn check_verify(conn: &Connection, now: i64) -> crate::Result<Pending> {
    let name = CheckName::Verify;
    let Some(last) = crate::enforce::job::last(conn)? else {
        return Ok(ok(name, "no verify run yet (job `verify`)"));
    };
    let missing: Vec<String> = last
        .missing
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(j, n)| format!("{j} ({n})"))
        .collect();
    let when = ago(now - last.at);
    Ok(if missing.is_empty() {
        ok(
            name,
            format!("every ban enforced at the last verify, {when} ago"),
        )
    } else {
        fail(
            name,
            format!(
                "bans missing from the kernel firewall at the last verify, {when} ago: {}; run `bangui verify --repair`",
                missing.join(", ")
            ),
        )
    })
}

pub(super) fn check_scheduler(
    conn: &Connection,
    lock_ttl_s: u64,
    interval_s: u64,
    now: i64,
) -> rusqlite::Result<Pending> {
    let name = CheckName::Scheduler;
    let mut stmt = conn.prepare(
        "SELECT name, holder_id, pid, hostname, heartbeat_at FROM scheduler_lock ORDER BY name",
    )?;
    let locks = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (lock, holder, pid, host, hb) in &locks {
        let age = now - hb;
        if age > lock_ttl_s as i64 {
            return Ok(fail(
                name,
                format!(
                    "stale lock '{lock}' held by {holder} (pid {pid} on {host}): heartbeat {} ago, ttl {}",
                    ago(age),
                    format_duration(lock_ttl_s as i64)
                ),
            ));
        }
    }
    let (last_ok, first, last_any): (Option<i64>, Option<i64>, Option<i64>) = conn.query_row(
        "SELECT MAX(CASE WHEN status = 'ok' THEN COALESCE(finished_at, started_at) END), \
                MIN(started_at), MAX(started_at) \
         FROM job_runs WHERE job = 'run-due'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let limit = 3 * interval_s as i64;
    let held = locks
        .first()
        .map(|(l, h, _, _, hb)| {
            format!("; lock '{l}' held by {h}, heartbeat {} ago", ago(now - hb))
        })
        .unwrap_or_default();
    Ok(match (last_ok, first, last_any) {
        (None, None, _) => ok(name, format!("never run{held}")),
        (Some(t), _, _) if now - t <= limit => ok(
            name,
            format!("last successful run-due {} ago{held}", ago(now - t)),
        ),
        (Some(t), _, _) => fail(
            name,
            format!(
                "last successful run-due {} ago, more than 3 × jobs.run_due_interval ({}): is the timer running?",
                ago(now - t),
                format_duration(interval_s as i64)
            ),
        ),
        // Runs exist but none succeeded: allow the first runs their time.
        (None, Some(f), _) if now - f <= limit => ok(
            name,
            format!(
                "no successful run-due yet, first run {} ago{held}",
                ago(now - f)
            ),
        ),
        (None, _, last) => fail(
            name,
            format!(
                "no successful run-due yet (last attempt {} ago)",
                last.map(|l| ago(now - l)).unwrap_or_else(|| "-".into())
            ),
        ),
    })
}

pub(super) fn check_blocklists(conn: &Connection, now: i64) -> rusqlite::Result<Pending> {
    let name = CheckName::Blocklists;
    let mut stmt = conn.prepare(
        "SELECT s.name, s.interval_s, s.created_at, \
           (SELECT MAX(COALESCE(i.finished_at, i.started_at)) FROM blocklist_imports i \
             WHERE i.source_name = s.name AND i.status IN ('ok', 'unchanged')) \
         FROM blocklist_sources s WHERE s.enabled = 1 ORDER BY s.name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.is_empty() {
        return Ok(ok(name, "no enabled sources"));
    }
    let mut stale = Vec::new();
    let mut failing = Vec::new();
    for (src, interval, created, last_ok) in &rows {
        if let Some(why) = crate::blocklist::import::failing_reason(conn, src)? {
            failing.push(format!("{src} ({why})"));
        }
        let since = last_ok.unwrap_or(*created);
        if now - since > 3 * interval.max(&1) {
            stale.push(match last_ok {
                Some(t) => format!(
                    "{src} (last success {} ago, interval {})",
                    ago(now - t),
                    format_duration(*interval)
                ),
                None => format!("{src} (never imported, added {} ago)", ago(now - created)),
            });
        }
    }
    let mut problems = Vec::new();
    if !failing.is_empty() {
        problems.push(format!("failing: {}", failing.join(", ")));
    }
    if !stale.is_empty() {
        problems.push(format!("stale: {}", stale.join(", ")));
    }
    Ok(if problems.is_empty() {
        ok(name, format!("{} source(s) fresh", rows.len()))
    } else {
        fail(name, problems.join("; "))
    })
}

pub(super) fn read_facts(conn: &Connection) -> rusqlite::Result<DbFacts> {
    let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, i64)>> {
        let mut st = conn.prepare(sql)?;
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
    };
    let ban_history = pairs("SELECT jail, count(*) FROM ban_history GROUP BY jail ORDER BY jail")?;

    let mut st = conn.prepare(
        "SELECT s.name, s.enabled, (SELECT count(*) FROM blocklist_entries e WHERE e.source_id = s.id), \
           (SELECT MAX(COALESCE(i.finished_at, i.started_at)) FROM blocklist_imports i \
             WHERE i.source_name = s.name AND i.status IN ('ok', 'unchanged')) \
         FROM blocklist_sources s ORDER BY s.name",
    )?;
    let mut blocklists = st
        .query_map([], |r| {
            Ok(SourceFacts {
                name: r.get(0)?,
                enabled: r.get::<_, i64>(1)? != 0,
                entries: r.get(2)?,
                last_success_at: r.get(3)?,
                ..SourceFacts::default()
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let nft: Vec<String> = conn
        .prepare("SELECT name FROM blocklist_sources WHERE target = 'nft'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if !nft.is_empty()
        && let Ok(Some(counters)) =
            crate::blocklist::nft::netlink::counters(crate::blocklist::nft::TABLE)
    {
        for s in blocklists.iter_mut().filter(|s| nft.contains(&s.name)) {
            s.packets_dropped = Some(
                counters
                    .iter()
                    .find(|c| c.0 == s.name)
                    .map(|c| c.1)
                    .unwrap_or(0),
            );
        }
    }
    let mut last = conn.prepare(
        "SELECT COALESCE(finished_at, started_at), status, duration_ms FROM blocklist_imports \
         WHERE source_name = ?1 ORDER BY started_at DESC, id DESC LIMIT 1",
    )?;
    for s in &mut blocklists {
        if let Some((at, status, dur)) = last
            .query_row([&s.name], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })
            .optional()?
        {
            s.last_import_at = Some(at);
            s.last_import_status = Some(status);
            s.last_import_duration_ms = dur;
        }
        s.failing = crate::blocklist::import::failing_reason(conn, &s.name)?.is_some();
    }

    let mut st = conn.prepare(
        "SELECT job, MAX(CASE WHEN status = 'ok' THEN COALESCE(finished_at, started_at) END) \
         FROM job_runs GROUP BY job ORDER BY job",
    )?;
    let mut jobs = st
        .query_map([], |r| {
            Ok(JobFacts {
                job: r.get(0)?,
                last_success_at: r.get(1)?,
                ..JobFacts::default()
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut dur = conn.prepare(
        "SELECT duration_ms FROM job_runs WHERE job = ?1 AND duration_ms IS NOT NULL \
         ORDER BY started_at DESC, id DESC LIMIT 1",
    )?;
    let mut runs = conn.prepare(
        "SELECT status, count(*) FROM job_runs WHERE job = ?1 GROUP BY status ORDER BY status",
    )?;
    for j in &mut jobs {
        j.last_duration_ms = dur.query_row([&j.job], |r| r.get::<_, i64>(0)).optional()?;
        j.runs = runs
            .query_map([&j.job], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }

    let mut st =
        conn.prepare("SELECT name, holder_id, heartbeat_at FROM scheduler_lock ORDER BY name")?;
    let locks = st
        .query_map([], |r| {
            Ok(LockFacts {
                name: r.get(0)?,
                holder_id: r.get(1)?,
                heartbeat_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let geo_cache_entries = conn.query_row("SELECT count(*) FROM geo_cache", [], |r| r.get(0))?;
    let external_log_init_failures = conn
        .query_row(
            "SELECT count FROM rate_limits WHERE bucket = ?1",
            [EXT_LOG_FAILURES_BUCKET],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let enforcement_missing = crate::enforce::job::last(conn)
        .ok()
        .flatten()
        .map(|l| l.missing)
        .unwrap_or_default();
    Ok(DbFacts {
        ban_history,
        enforcement_missing,
        blocklists,
        jobs,
        locks,
        geo_cache_entries,
        external_log_init_failures,
    })
}

/// The database file plus its write-ahead log.
pub(super) fn db_size(path: &Path) -> Option<u64> {
    let main = std::fs::metadata(path).ok()?.len();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Some(
        main + std::fs::metadata(PathBuf::from(wal))
            .map(|m| m.len())
            .unwrap_or(0),
    )
}

/// Count one start-up failure of the external log sink, for
/// `bangui_external_logging_init_failures_total`. Kept in `rate_limits` so
/// every process (health, jobs, one-shot commands) adds to the same number.
pub fn record_external_log_failure(conn: &Connection, now: i64) -> crate::Result<()> {
    conn.execute(
        "INSERT INTO rate_limits (bucket, window_start, count, last_at) VALUES (?1, 0, 1, ?2) \
         ON CONFLICT (bucket) DO UPDATE SET count = count + 1, last_at = excluded.last_at",
        rusqlite::params![EXT_LOG_FAILURES_BUCKET, now],
    )
    .map(|_| ())
    .map_err(|e| crate::Error::db("counting an external log failure", e))
}
