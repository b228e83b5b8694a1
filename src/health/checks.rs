//! The individual health checks and one run of them. Critical: database,
//! fail2ban, config_dir, scheduler. Advisory: blocklists, external_logging,
//! geo. Every check has a deadline, so a locked database or a hung fail2ban
//! turns into a failed check instead of a hung caller. Read-only: it never
//! writes to bangui's database or sends fail2ban anything but queries.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{CheckResult, HealthReport};
use crate::config::Config;
use crate::db::DbOptions;
use crate::fail2ban::{Client, ClientOptions, JailStats, api};
use crate::logfile::LogFile;
use crate::util::format_duration;

/// The database check's deadline: open, pragmas and every query of one run.
pub const DB_DEADLINE: Duration = Duration::from_secs(2);
/// Upper bounds for the fail2ban probe, whatever the general timeouts say:
/// a health check that waits 30 s is no health check.
const F2B_CONNECT_MAX: Duration = Duration::from_secs(2);
const F2B_READ_MAX: Duration = Duration::from_secs(3);
/// `rate_limits` bucket that counts external-log start-up failures across processes.
pub const EXT_LOG_FAILURES_BUCKET: &str = "counter:external_logging_init_failures";

/// The names `--check` accepts, in the order a human reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckName {
    Database,
    Fail2ban,
    ConfigDir,
    Scheduler,
    Blocklists,
    ExternalLogging,
    Geo,
    Verify,
}

impl CheckName {
    pub const ALL: [CheckName; 8] = [
        CheckName::Database,
        CheckName::Fail2ban,
        CheckName::ConfigDir,
        CheckName::Scheduler,
        CheckName::Blocklists,
        CheckName::ExternalLogging,
        CheckName::Geo,
        CheckName::Verify,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckName::Database => "database",
            CheckName::Fail2ban => "fail2ban",
            CheckName::ConfigDir => "config_dir",
            CheckName::Scheduler => "scheduler",
            CheckName::Blocklists => "blocklists",
            CheckName::ExternalLogging => "external_logging",
            CheckName::Geo => "geo",
            CheckName::Verify => "verify",
        }
    }

    pub fn parse(s: &str) -> Option<CheckName> {
        CheckName::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn critical(self) -> bool {
        matches!(
            self,
            CheckName::Database | CheckName::Fail2ban | CheckName::ConfigDir | CheckName::Scheduler
        )
    }

    fn needs_db(self) -> bool {
        matches!(
            self,
            CheckName::Database | CheckName::Scheduler | CheckName::Blocklists | CheckName::Verify
        )
    }
}

/// What the checks need, resolved from the configuration once.
#[derive(Debug, Clone)]
pub struct HealthSettings {
    pub db: DbOptions,
    pub fail2ban: ClientOptions,
    pub fail2ban_config_dir: PathBuf,
    pub lock_ttl_s: u64,
    pub run_due_interval_s: u64,
    pub geo_dbs: Vec<PathBuf>,
    /// A geo path was configured explicitly: then a missing database fails the
    /// check. With only the default paths, no database means geo is unused.
    pub geo_required: bool,
    pub geo_max_age_s: u64,
    /// The external JSON sink, when `log.file` is set.
    pub external_log: Option<Arc<LogFile>>,
    pub db_deadline: Duration,
}

impl HealthSettings {
    pub fn from_config(cfg: &Config, external_log: Option<Arc<LogFile>>) -> HealthSettings {
        let f = &cfg.fail2ban;
        HealthSettings {
            db: DbOptions::from_config(&cfg.database),
            fail2ban: ClientOptions {
                socket: f.socket.clone(),
                connect_timeout: Duration::from_secs(f.connect_timeout_s.max(1))
                    .min(F2B_CONNECT_MAX),
                read_timeout: Duration::from_secs(f.timeout_s.max(1)).min(F2B_READ_MAX),
                // Down must show quickly: a couple of retries covers fail2ban's
                // backlog of one, more would only delay the verdict.
                connect_retries: f.connect_retries.min(3),
                max_reply_bytes: f.max_reply_bytes,
            },
            fail2ban_config_dir: f.config_dir.clone(),
            lock_ttl_s: cfg.jobs.lock_ttl_s,
            run_due_interval_s: cfg.jobs.run_due_interval_s,
            geo_dbs: vec![
                cfg.geo.country_db.clone(),
                cfg.geo.city_db.clone(),
                cfg.geo.asn_db.clone(),
            ],
            geo_required: ["geo.country_db", "geo.city_db", "geo.asn_db"]
                .iter()
                .any(|k| {
                    cfg.entry(k)
                        .is_some_and(|e| e.origin != crate::config::Origin::Default)
                }),
            geo_max_age_s: cfg.geo.max_age_s,
            external_log,
            db_deadline: DB_DEADLINE,
        }
    }
}

/// Database facts behind `/metrics`, read in the same pass as the checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DbFacts {
    pub ban_history: Vec<(String, i64)>,
    /// Missing bans per jail at the last `verify` job.
    pub enforcement_missing: Vec<(String, i64)>,
    pub blocklists: Vec<SourceFacts>,
    pub jobs: Vec<JobFacts>,
    pub locks: Vec<LockFacts>,
    pub geo_cache_entries: i64,
    pub external_log_init_failures: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceFacts {
    pub name: String,
    pub enabled: bool,
    pub entries: i64,
    pub last_import_at: Option<i64>,
    pub last_import_status: Option<String>,
    pub last_import_duration_ms: Option<i64>,
    pub last_success_at: Option<i64>,
    /// Target nft: packets its rules dropped (its counter object), when readable.
    pub packets_dropped: Option<u64>,
    /// The last import failed, was aborted or was interrupted.
    pub failing: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobFacts {
    pub job: String,
    pub last_success_at: Option<i64>,
    pub last_duration_ms: Option<i64>,
    /// (status, runs) over the retained history.
    pub runs: Vec<(String, i64)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LockFacts {
    pub name: String,
    pub holder_id: String,
    pub heartbeat_at: i64,
}

/// One run of the checks, plus what `/metrics` needs from the same pass.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub report: HealthReport,
    /// Jail counters, when asked for and fail2ban answered.
    pub jails: Option<Vec<JailStats>>,
    pub facts: Option<DbFacts>,
    pub db_size_bytes: Option<u64>,
}

/// Run the selected checks (all when `only` is empty). `metrics` also reads
/// jail counters and database facts in the same pass. `now` is unix seconds.
pub fn run(s: &HealthSettings, only: &[CheckName], metrics: bool, now: i64) -> Snapshot {
    let selected: Vec<CheckName> = if only.is_empty() {
        CheckName::ALL.to_vec()
    } else {
        only.to_vec()
    };
    let want = |c: CheckName| selected.contains(&c);

    // The database pass runs on its own thread under a deadline while this
    // thread talks to fail2ban: a run costs the slower of the two, not the sum.
    let db_rx = if selected.iter().any(|c| c.needs_db()) || metrics {
        let (tx, rx) = mpsc::channel();
        let opts = s.db.clone();
        let sel = selected.clone();
        let (ttl, interval, deadline) = (s.lock_ttl_s, s.run_due_interval_s, s.db_deadline);
        let spawned = std::thread::Builder::new()
            .name("health-db".into())
            .spawn(move || {
                let out = db_pass(&opts, &sel, metrics, ttl, interval, deadline, now);
                let _ = tx.send(out);
            });
        match spawned {
            Ok(_) => Some(rx),
            Err(e) => {
                let (tx, rx) = mpsc::channel();
                let _ = tx.send(DbPass::failed(format!("cannot start the check: {e}")));
                Some(rx)
            }
        }
    } else {
        None
    };
    let db_started = Instant::now();

    let mut checks = Vec::new();
    let mut version = None;
    let mut jails = None;
    if want(CheckName::Fail2ban) || metrics {
        let t = Instant::now();
        let probe = probe_fail2ban(&s.fail2ban, metrics);
        let r = match probe {
            Ok((v, stats)) => {
                let msg = format!("answers ping, version {v}");
                version = Some(v);
                jails = stats;
                ok(CheckName::Fail2ban, msg)
            }
            Err(e) => fail(CheckName::Fail2ban, e.to_string()),
        };
        if want(CheckName::Fail2ban) {
            checks.push(r.timed(t));
        }
    }
    if want(CheckName::ConfigDir) {
        let t = Instant::now();
        checks.push(check_config_dir(&s.fail2ban_config_dir).timed(t));
    }
    if want(CheckName::ExternalLogging) {
        let t = Instant::now();
        checks.push(check_external_logging(s.external_log.as_deref()).timed(t));
    }
    if want(CheckName::Geo) {
        let t = Instant::now();
        checks.push(check_geo(&s.geo_dbs, s.geo_required, s.geo_max_age_s, now).timed(t));
    }

    let mut facts = None;
    if let Some(rx) = db_rx {
        let left = s.db_deadline.saturating_sub(db_started.elapsed());
        let pass = match rx.recv_timeout(left) {
            Ok(p) => p,
            // The thread finishes on its own once SQLite's busy timeout
            // expires; nobody waits for it.
            Err(_) => DbPass::failed(format!(
                "no answer within {} s (database locked or disk stalled)",
                s.db_deadline.as_secs_f64()
            )),
        };
        let elapsed = db_started.elapsed().as_millis() as u64;
        for (name, mut r) in pass.checks {
            if want(name) {
                if r.duration_ms == 0 && !r.healthy {
                    r.duration_ms = elapsed;
                }
                checks.push(r);
            }
        }
        facts = pass.facts;
    }
    Snapshot {
        report: HealthReport::from_checks(checks, version, now),
        jails,
        facts,
        db_size_bytes: db_size(&s.db.path),
    }
}

/// A time span for "… ago": a clock step backwards must not read "permanent".
fn ago(secs: i64) -> String {
    format_duration(secs.max(0))
}

/// Partial result while a check is being built: the duration is set last.
struct Pending(CheckResult);

impl Pending {
    fn timed(mut self, t: Instant) -> CheckResult {
        self.0.duration_ms = t.elapsed().as_millis() as u64;
        self.0
    }
}

fn ok(name: CheckName, message: impl Into<String>) -> Pending {
    result(name, true, message)
}

fn fail(name: CheckName, message: impl Into<String>) -> Pending {
    result(name, false, message)
}

fn result(name: CheckName, healthy: bool, message: impl Into<String>) -> Pending {
    Pending(CheckResult {
        name: name.as_str().to_string(),
        healthy,
        critical: name.critical(),
        message: message.into(),
        duration_ms: 0,
    })
}

type Probe = (String, Option<Vec<JailStats>>);

fn probe_fail2ban(opts: &ClientOptions, stats: bool) -> crate::Result<Probe> {
    let mut c = Client::connect(opts.clone())?;
    api::ping(&mut c)?;
    let v = api::version(&mut c)?;
    // Jail counters are for /metrics; failing to read them does not make
    // fail2ban unhealthy (it answered ping), the gauges are just absent.
    let jails = if stats {
        api::jail_stats_all(&mut c).ok()
    } else {
        None
    };
    Ok((v, jails))
}

fn check_config_dir(dir: &Path) -> Pending {
    let name = CheckName::ConfigDir;
    if let Err(e) = std::fs::read_dir(dir) {
        return fail(name, format!("cannot read {}: {e}", dir.display()));
    }
    for f in ["jail.conf", "fail2ban.conf", "jail.local"] {
        let p = dir.join(f);
        match std::fs::File::open(&p) {
            Ok(_) => return ok(name, format!("{} is readable", p.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return fail(name, format!("cannot read {}: {e}", p.display())),
        }
    }
    fail(
        name,
        format!(
            "{} has no jail.conf or fail2ban.conf: is fail2ban.config_dir right?",
            dir.display()
        ),
    )
}

fn check_external_logging(sink: Option<&LogFile>) -> Pending {
    let name = CheckName::ExternalLogging;
    match sink {
        None => ok(name, "not configured (log.file is unset)"),
        Some(s) => {
            let st = s.status();
            if st.open {
                ok(name, format!("writing to {}", st.path.display()))
            } else {
                fail(
                    name,
                    format!(
                        "cannot write {}: {}",
                        st.path.display(),
                        st.last_error.as_deref().unwrap_or("closed")
                    ),
                )
            }
        }
    }
}

fn check_geo(paths: &[PathBuf], required: bool, max_age_s: u64, now: i64) -> Pending {
    let name = CheckName::Geo;
    let mut present = Vec::new();
    for p in paths {
        if let Ok(m) = std::fs::metadata(p) {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            present.push((p, now.saturating_sub(mtime)));
        }
    }
    if present.is_empty() {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        if !required {
            return ok(
                name,
                format!(
                    "not in use: no geo database at the default paths ({}); set geo.*_db to require one",
                    list.join(", ")
                ),
            );
        }
        return fail(name, format!("no geo database at {}", list.join(", ")));
    }
    // A file that is there must also be a database: open each one.
    let broken: Vec<String> = present
        .iter()
        .filter_map(|(p, _)| crate::geo::GeoDb::open(p).err().map(|e| e.to_string()))
        .collect();
    if !broken.is_empty() {
        return fail(name, broken.join("; "));
    }
    let stale: Vec<String> = present
        .iter()
        .filter(|(_, age)| *age > max_age_s as i64)
        .map(|(p, age)| format!("{} is {} old", p.display(), ago(*age)))
        .collect();
    if stale.is_empty() {
        let newest = present.iter().map(|(_, a)| *a).min().unwrap_or(0);
        ok(
            name,
            format!("{} database(s), newest {} old", present.len(), ago(newest)),
        )
    } else {
        fail(
            name,
            format!(
                "{} (geo.max_age {})",
                stale.join("; "),
                format_duration(max_age_s as i64)
            ),
        )
    }
}

/// Everything read from bangui's database in one connection.
struct DbPass {
    checks: Vec<(CheckName, CheckResult)>,
    facts: Option<DbFacts>,
}

impl DbPass {
    /// The database could not be used: it fails, and the checks that read
    /// it cannot pass either.
    fn failed(reason: String) -> DbPass {
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

fn db_pass(
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

fn check_scheduler(
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

fn check_blocklists(conn: &Connection, now: i64) -> rusqlite::Result<Pending> {
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

fn read_facts(conn: &Connection) -> rusqlite::Result<DbFacts> {
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
fn db_size(path: &Path) -> Option<u64> {
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

#[cfg(test)]
mod tests {
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
}
