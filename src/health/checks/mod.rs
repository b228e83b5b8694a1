//! The individual health checks and one run of them. Critical: database,
//! fail2ban, config_dir, scheduler. Advisory: blocklists, external_logging,
//! geo. Every check has a deadline, so a locked database or a hung fail2ban
//! turns into a failed check instead of a hung caller. Read-only: it never
//! writes to bangui's database or sends fail2ban anything but queries.
//!
//! Parts: `db` is the database pass (database, scheduler, blocklists, verify and
//! the facts for `/metrics`, on one connection); `system` checks what lies outside
//! the database (fail2ban, the config directory, external logging, geo).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{CheckResult, HealthReport};
use crate::config::Config;
use crate::db::DbOptions;
use crate::fail2ban::{ClientOptions, JailStats};
use crate::logfile::LogFile;
use crate::util::format_duration;

mod db;
mod system;

pub use db::record_external_log_failure;
use db::{DbPass, db_pass, db_size};
use system::{check_config_dir, check_external_logging, check_geo, probe_fail2ban};

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

#[cfg(test)]
mod tests;
