//! The import pipeline: rate limit → jail ignoreip → fetch → parse → safety
//! screen → aggregate → thresholds → diff against what this source applied
//! last time → ban the new, unban the removed (never what another source in
//! the same jail still lists), batch by batch, each batch committed together
//! with its entries → one `blocklist_imports` row and one
//! `blocklist_import_completed` event. fail2ban is reached only through the
//! injected [`Applier`]; nothing here prints or reads the environment.
//!
//! The steps live apart: `screen` (the safety policy and the thresholds
//! over the parsed list), `plan` (the diff against the database),
//! `apply` (batches to fail2ban with write-ahead pending rows, and the
//! removal of a source), `log` (the import-log rows, rate limits and the
//! status read back from them); `run` strings them together.

mod apply;
mod log;
mod plan;
mod run;
mod screen;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::Duration;

use serde::Serialize;

use super::fetch::FetchOptions;
use super::parse::ParseStats;
use super::source::Source;
use crate::config::Config;
use crate::error::{Error, Outcome, Result};
use crate::fail2ban::{Transport, api};
use crate::net::{Refusal, Target};
use crate::util::sanitize;

pub use apply::{
    Reconciled, RemoveReport, check_removable, has_pending, reconcile_pending, remove_source,
};
pub use log::{
    ImportRecord, SourceStatus, failing_reason, log, mark_interrupted, rate_limited, status,
};
pub use plan::entries;
pub use run::{DueSummary, file_source, import_due, import_source, import_source_with, is_due};
pub use screen::{Screen, Screened, policy};

/// How many refused entries and changed targets a report lists by name.
const SAMPLES: usize = 20;

/// What the import does to fail2ban. The socket implementation is
/// [`Fail2banApplier`]; tests inject failures.
pub trait Applier {
    /// Ban every target in one command; returns how many were new bans.
    fn ban(&mut self, jail: &str, targets: &[String]) -> Result<u64>;
    /// Unban every target in one command.
    fn unban(&mut self, jail: &str, targets: &[String]) -> Result<u64>;
    /// The jail's live `ignoreip` (also proves the jail exists).
    fn ignoreip(&mut self, jail: &str) -> Result<Vec<String>>;
    /// Which networks the jail's firewall actions cannot hold, decided once
    /// per import; None when every network can be sent.
    fn enforceable(&mut self, _jail: &str) -> Option<Enforceable> {
        None
    }

    /// Everything the jail bans now, to reconcile write-ahead entries;
    /// `None` when this target cannot list (pending entries are then kept
    /// as applied, so a later diff or `source rm` still unbans them).
    fn jail_bans(&mut self, _jail: &str) -> Result<Option<Vec<String>>> {
        Ok(None)
    }
}

/// Refuses a network the jail's actions cannot hold (see [`Applier::enforceable`]).
pub type Enforceable = Box<dyn Fn(&Target) -> Option<Refusal>>;

/// The real [`Applier`]: bangui's native fail2ban client.
pub struct Fail2banApplier<'a>(pub &'a mut dyn Transport);

impl Applier for Fail2banApplier<'_> {
    fn ban(&mut self, jail: &str, targets: &[String]) -> Result<u64> {
        api::ban(self.0, jail, targets)
    }
    fn unban(&mut self, jail: &str, targets: &[String]) -> Result<u64> {
        api::unban_in_jail(self.0, jail, targets)
    }
    fn jail_bans(&mut self, jail: &str) -> Result<Option<Vec<String>>> {
        Ok(Some(api::jail_status(self.0, jail)?.banned))
    }
    fn ignoreip(&mut self, jail: &str) -> Result<Vec<String>> {
        let got = api::jail_ignoreip(self.0, jail);
        api::with_known_jails(self.0, got)
    }
    fn enforceable(&mut self, jail: &str) -> Option<Enforceable> {
        let mut kernel = crate::enforce::SystemKernel::new();
        let state = crate::enforce::JailState::read(self.0, &mut kernel, jail).ok()?;
        Some(Box::new(move |t: &Target| {
            state.cidr_refusal(t).map(Refusal::CidrNotEnforceable)
        }))
    }
}

/// Progress of the phases that take time; the CLI draws bars, jobs ignore it.
pub trait Progress {
    /// A phase starts: `download` (bytes), `apply` (entries).
    fn phase(&mut self, _name: &str, _total: Option<u64>) {}
    /// Absolute position within the phase.
    fn position(&mut self, _done: u64) {}
    fn finish(&mut self) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Everything an import needs besides the source, resolved by the caller.
#[derive(Debug, Clone)]
pub struct Settings {
    pub fetch: FetchOptions,
    pub max_invalid_ratio: f64,
    pub max_shrink_ratio: f64,
    pub batch_size: usize,
    pub safelist: Vec<String>,
    pub max_prefix_v4: u8,
    pub max_prefix_v6: u8,
    pub own_addresses: Vec<IpAddr>,
    pub ssh_client: Option<IpAddr>,
    /// Peers with an established connection to this host's SSH ports
    /// (`net::ssh_peers`); the caller reads them.
    pub ssh_peers: Vec<IpAddr>,
    /// Who is importing, for the audit log.
    pub actor: String,
    /// `[[blocklist.sources]]` from the config file.
    pub declared: Vec<toml::Value>,
    /// The fleet store, for `fleet:` and fleet-shared sources.
    pub fleet: Option<crate::config::FleetConfig>,
    /// The `nft` program, for sources with target nft.
    pub nft: String,
}

impl Settings {
    /// From the configuration; the caller adds own addresses, the SSH client
    /// and the actor (it owns the environment).
    pub fn from_config(cfg: &Config) -> Settings {
        let b = &cfg.blocklist;
        Settings {
            fetch: FetchOptions {
                connect_timeout: Duration::from_secs(b.connect_timeout_s.max(1)),
                read_timeout: Duration::from_secs(b.read_timeout_s.max(1)),
                max_body_bytes: b.max_body_bytes,
                user_agent: b.user_agent.clone(),
                ca_file: b.ca_file.clone(),
                allow_http: false,
                allow_file: false,
                proxy: None,
            },
            max_invalid_ratio: b.max_invalid_ratio,
            max_shrink_ratio: b.max_shrink_ratio,
            batch_size: b.batch_size.max(1),
            safelist: cfg.safety.safelist.clone(),
            max_prefix_v4: cfg.safety.max_prefix_v4,
            max_prefix_v6: cfg.safety.max_prefix_v6,
            own_addresses: Vec::new(),
            // The session's SSH client, from the configuration's view of the
            // environment: the same guard for the CLI and scheduled jobs.
            ssh_client: cfg.safety.session_ssh_client,
            ssh_peers: Vec::new(),
            actor: "bangui".into(),
            declared: b.sources.clone(),
            fleet: crate::fleet::configured(&cfg.fleet).then(|| cfg.fleet.clone()),
            nft: b.nft.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Fetch, parse and diff; change nothing (no bans, no entries, no rate-limit window).
    pub dry_run: bool,
    /// Apply although the invalid share or the shrink exceeds its threshold.
    pub force: bool,
    /// Skip the conditional GET and the minimum fetch interval.
    pub force_fetch: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RefusedEntry {
    pub target: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InvalidLine {
    pub line: u64,
    pub text: String,
}

/// How an import ended, as the report, the import log and the audit log
/// spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportStatus {
    /// Applied in full.
    Ok,
    /// Nothing to apply (304, or the same list).
    Unchanged,
    /// The fetch, the jail or fail2ban failed (possibly midway).
    Failed,
    /// Refused by a threshold or the network cap; nothing applied.
    Aborted,
    /// Planned only.
    DryRun,
    /// Fetched too recently; nothing done.
    RateLimited,
    /// Stopped by a shutdown request between batches.
    Interrupted,
}

impl ImportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Ok => "ok",
            ImportStatus::Unchanged => "unchanged",
            ImportStatus::Failed => "failed",
            ImportStatus::Aborted => "aborted",
            ImportStatus::DryRun => "dry-run",
            ImportStatus::RateLimited => "rate-limited",
            ImportStatus::Interrupted => "interrupted",
        }
    }
}

impl std::fmt::Display for ImportStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ImportStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The outcome of importing one source (JSON field names are a contract).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub source: String,
    /// The jail; empty for an nft target.
    pub jail: String,
    /// `jail` or `nft`.
    pub target: String,
    pub status: ImportStatus,
    /// The set of bans differs afterwards.
    pub changed: bool,
    pub dry_run: bool,
    pub http_status: Option<u16>,
    pub bytes: u64,
    pub etag: Option<String>,
    pub lines: u64,
    pub valid: u64,
    pub invalid: u64,
    pub duplicates: u64,
    /// Refused entries per reason code (loopback, private, ignoreip, …).
    pub refused: BTreeMap<String, u64>,
    pub refused_samples: Vec<RefusedEntry>,
    /// Networks after aggregation and screening: what the jail should hold.
    pub aggregated: u64,
    /// Planned by the diff.
    pub to_add: u64,
    pub to_remove: u64,
    /// Applied.
    pub added: u64,
    pub removed: u64,
    /// Removed from this source but still listed by another source of the
    /// same jail: left banned.
    pub kept_for_other_sources: u64,
    pub added_sample: Vec<String>,
    pub removed_sample: Vec<String>,
    pub invalid_samples: Vec<InvalidLine>,
    pub duration_ms: u64,
    pub error: Option<String>,
    /// Seconds until the next fetch is allowed (rate-limited only).
    pub retry_after_s: Option<u64>,
    /// How the import ended; in JSON, its exit code.
    #[serde(rename = "exit_code", serialize_with = "outcome_code")]
    pub outcome: Outcome,
    /// The `blocklist_imports` row written when the run started.
    #[serde(skip)]
    pub run_id: Option<i64>,
    /// Write-ahead entries of an earlier, interrupted run found and settled
    /// against fail2ban's list: kept (banned) and dropped (not banned).
    pub reconciled: Reconciled,
}

impl ImportReport {
    fn new(src: &Source, dry_run: bool) -> ImportReport {
        ImportReport {
            source: src.name.clone(),
            jail: src.jail.clone(),
            target: src.target.clone(),
            status: ImportStatus::Ok,
            changed: false,
            dry_run,
            http_status: None,
            bytes: 0,
            etag: None,
            lines: 0,
            valid: 0,
            invalid: 0,
            duplicates: 0,
            refused: BTreeMap::new(),
            refused_samples: Vec::new(),
            aggregated: 0,
            to_add: 0,
            to_remove: 0,
            added: 0,
            removed: 0,
            kept_for_other_sources: 0,
            added_sample: Vec::new(),
            removed_sample: Vec::new(),
            invalid_samples: Vec::new(),
            duration_ms: 0,
            error: None,
            retry_after_s: None,
            outcome: Outcome::Ok,
            run_id: None,
            reconciled: Reconciled::default(),
        }
    }

    fn fail(&mut self, status: ImportStatus, e: &Error) {
        self.status = status;
        self.error = Some(sanitize(&e.to_string()));
        self.outcome = Outcome::from(e);
    }

    fn take_stats(&mut self, s: &ParseStats) {
        self.lines = s.lines;
        self.valid = s.valid;
        self.invalid = s.invalid;
        self.duplicates = s.duplicates;
        self.invalid_samples = s
            .invalid_samples
            .iter()
            .map(|(n, t)| InvalidLine {
                line: *n,
                text: t.clone(),
            })
            .collect();
    }

    pub fn total_refused(&self) -> u64 {
        self.refused.values().sum()
    }
}

fn outcome_code<S: serde::Serializer>(o: &Outcome, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_i32(o.exit_code())
}

fn db(context: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::db(context, e)
}

#[cfg(test)]
impl Settings {
    /// The built-in defaults: no file, no environment (for tests).
    pub(crate) fn defaults() -> Settings {
        let ctx = crate::config::Context {
            is_root: false,
            home: Some("/nonexistent".into()),
            xdg_data_home: None,
        };
        let overrides = crate::config::Overrides {
            config_path: None,
            config_from_env: false,
            values: Default::default(),
        };
        match crate::config::load(&ctx, &overrides, &Default::default()) {
            Ok(cfg) => Settings::from_config(&cfg),
            Err(e) => panic!("the built-in defaults do not load: {e}"),
        }
    }
}

#[cfg(test)]
mod tests;
