//! The import pipeline: rate limit → jail ignoreip → fetch → parse → safety
//! screen → aggregate → thresholds → diff against what this source applied
//! last time → ban the new, unban the removed (never what another source in
//! the same jail still lists), batch by batch, each batch committed together
//! with its entries → one `blocklist_imports` row and one
//! `blocklist_import_completed` event. fail2ban is reached only through the
//! injected [`Applier`]; nothing here prints or reads the environment.

use std::collections::{BTreeMap, HashSet};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use ipnet::IpNet;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::aggregate::{self, Addr, Nets, last_of, to_cidrs};
use super::fetch::{self, Conditional, FetchOptions, Fetched};
use super::nft;
use super::parse::{self, ParseStats};
use super::source::{self, Source};
use crate::config::Config;
use crate::error::{Error, Result, exit};
use crate::fail2ban::{Transport, api};
use crate::net::{Policy, Refusal, Target};
use crate::util::{format_duration, rfc3339, sanitize};

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

    /// The built-in defaults: no file, no environment (for tests).
    #[cfg(test)]
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

/// The outcome of importing one source (JSON field names are a contract).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub source: String,
    /// The jail; empty for an nft target.
    pub jail: String,
    /// `jail` or `nft`.
    pub target: String,
    /// ok, unchanged, failed, aborted, dry-run, rate-limited
    pub status: String,
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
    pub exit_code: i32,
    #[serde(skip)]
    pub error_kind: Option<&'static str>,
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
            status: "ok".into(),
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
            exit_code: exit::OK,
            error_kind: None,
            run_id: None,
            reconciled: Reconciled::default(),
        }
    }

    fn fail(&mut self, status: &str, e: &Error) {
        self.status = status.into();
        self.error = Some(sanitize(&e.to_string()));
        self.exit_code = e.exit_code();
        self.error_kind = Some(e.kind());
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

/// The screened, aggregated set and its counts.
#[derive(Debug, Clone, Default)]
pub struct Screened {
    pub nets: Nets,
    pub refused: BTreeMap<String, u64>,
    pub refused_samples: Vec<RefusedEntry>,
}

/// The safety policy as sorted, merged ranges, so that a million entries are
/// checked by binary search; only entries that touch a refused range (or are
/// too wide) go through [`Policy::check`] for the exact reason.
pub struct Screen {
    policy: Policy,
    bad4: Vec<(u32, u32)>,
    bad6: Vec<(u128, u128)>,
    min4: u8,
    min6: u8,
}

fn overlaps<T: Addr>(bad: &[(T, T)], s: T, e: T) -> bool {
    let i = bad.partition_point(|r| r.1 < s);
    i < bad.len() && bad[i].0 <= e
}

impl Screen {
    pub fn new(policy: Policy) -> Screen {
        let mut bad4 = Vec::new();
        let mut bad6 = Vec::new();
        let mut add = |n: &IpNet| match n {
            IpNet::V4(n) => bad4.push(aggregate::v4_range(n)),
            IpNet::V6(n) => bad6.push(aggregate::v6_range(n)),
        };
        for (n, _) in crate::net::special_ranges() {
            add(&n);
        }
        for (n, _) in policy.safelist.iter().chain(policy.ignoreip.iter()) {
            add(n);
        }
        if !policy.force {
            for ip in policy
                .own_addresses
                .iter()
                .chain(policy.ssh_client.iter())
                .chain(policy.ssh_peers.iter())
            {
                add(&Target::from_ip(*ip).net());
            }
        }
        aggregate::merge(&mut bad4);
        aggregate::merge(&mut bad6);
        let min4 = policy.max_prefix_v4.unwrap_or(0);
        let min6 = policy.max_prefix_v6.unwrap_or(0);
        Screen {
            policy,
            bad4,
            bad6,
            min4,
            min6,
        }
    }

    /// The exact verdict; "everything" is named as such even when it also
    /// covers a safelisted address.
    fn check(&self, t: &Target) -> std::result::Result<(), Refusal> {
        if t.net().prefix_len() == 0 {
            return Err(Refusal::AllAddresses);
        }
        self.policy.check(t)
    }

    fn refuse(&self, out: &mut Screened, t: Target, r: Refusal) {
        *out.refused.entry(r.code().to_string()).or_insert(0) += 1;
        if out.refused_samples.len() < SAMPLES {
            out.refused_samples.push(RefusedEntry {
                target: t.to_string(),
                reason: r.to_string(),
            });
        }
    }

    /// Screen parsed entries and aggregate what passes, never emitting a
    /// network wider than the prefix limits (merging narrow entries must not
    /// produce a ban the limit would refuse).
    ///
    /// A range line is screened whole: one wider than the widest allowed
    /// prefix is refused, never cut into pieces whose narrow tail would be
    /// banned. Refused (bad input) when aggregation would exceed
    /// [`aggregate::MAX_NETWORKS`].
    /// Screen and aggregate a parsed list; the list is dropped before the
    /// aggregation so both never occupy memory at once.
    pub fn run(&self, p: parse::Parsed) -> Result<Screened> {
        let mut out = Screened::default();
        let parse::Parsed { v4, v6, .. } = p;
        let ok4 = self.screen(&mut out, v4, &self.bad4, self.min4);
        let ok6 = self.screen(&mut out, v6, &self.bad6, self.min6);
        out.nets = aggregate::aggregate_ranges(ok4, ok6, self.min4, self.min6)?;
        Ok(out)
    }

    /// Screen one family's ranges in place: what passes whole keeps its slot
    /// (the list is never copied), the pieces of a range that touches a
    /// refused one are appended after.
    fn screen<T: Addr>(
        &self,
        out: &mut Screened,
        mut v: Vec<(T, T)>,
        bad: &[(T, T)],
        min: u8,
    ) -> Vec<(T, T)> {
        let width = T::BITS - u32::from(min).min(T::BITS);
        let mut pieces = Vec::new();
        let mut w = 0;
        for i in 0..v.len() {
            let (s, e) = v[i];
            let span = e.to_u128() - s.to_u128();
            let narrow = width >= 128 || span < (1u128 << width);
            if narrow && !overlaps(bad, s, e) {
                v[w] = (s, e);
                w += 1;
                continue;
            }
            if !narrow && !is_cidr(s, e) {
                let bits = T::BITS as u8;
                self.refuse_range(out, s.net(bits), e.net(bits), min);
                continue;
            }
            to_cidrs(s, e, 0, |a, l| {
                let t = Target::from_net(a.net(l));
                match self.check(&t) {
                    Ok(()) => pieces.push((a, last_of(a, l))),
                    Err(r) => self.refuse(out, t, r),
                }
            });
        }
        v.truncate(w);
        v.append(&mut pieces);
        v
    }

    /// Refuse a whole `a - b` range wider than the prefix limit.
    fn refuse_range(&self, out: &mut Screened, a: IpNet, b: IpNet, max: u8) {
        let r = Refusal::PrefixTooWide(max);
        *out.refused.entry(r.code().to_string()).or_insert(0) += 1;
        if out.refused_samples.len() < SAMPLES {
            out.refused_samples.push(RefusedEntry {
                target: format!("{} - {}", a.addr(), b.addr()),
                reason: format!("range {r}"),
            });
        }
    }
}

/// Whether `[s, e]` is exactly one aligned network.
/// The first networks of a list, as text, for a report.
fn sample(nets: impl Iterator<Item = IpNet>) -> Vec<String> {
    nets.take(SAMPLES)
        .map(|n| Target::from_net(n).to_string())
        .collect()
}

fn is_cidr<T: Addr>(s: T, e: T) -> bool {
    let (s, e) = (s.to_u128(), e.to_u128());
    let span = e - s;
    // span + 1 is a power of two and s is aligned to it.
    span == u128::MAX || ((span & (span + 1)) == 0 && (s & span) == 0)
}

/// Networks the jail's firewall actions cannot hold (an nftables set without
/// `flags interval`, …) are refused like unsafe entries, with one warning.
fn refuse_unenforceable(applier: &mut dyn Applier, jail: &str, s: &mut Screened) {
    if s.nets.iter().all(|n| Target::from_net(n).is_host()) {
        return;
    }
    let Some(check) = applier.enforceable(jail) else {
        return;
    };
    let mut refused = Vec::new();
    s.nets.retain(|n| {
        let t = Target::from_net(n);
        match check(&t) {
            Some(r) => {
                refused.push((t, r));
                false
            }
            None => true,
        }
    });
    if let Some((_, first)) = refused.first() {
        tracing::warn!(
            event = "blocklist_networks_not_enforceable",
            jail,
            count = refused.len(),
            "{} network(s) refused: {first}",
            refused.len()
        );
    }
    for (t, r) in refused {
        *s.refused.entry(r.code().to_string()).or_insert(0) += 1;
        if s.refused_samples.len() < SAMPLES {
            s.refused_samples.push(RefusedEntry {
                target: t.to_string(),
                reason: r.to_string(),
            });
        }
    }
}

/// The policy a blocklist import applies (never `force`: a feed cannot
/// override the safety rules).
pub fn policy(settings: &Settings, ignoreip: &[String]) -> Policy {
    Policy {
        force: false,
        ignoreip: Policy::parse_list(ignoreip),
        safelist: Policy::parse_list(&settings.safelist),
        own_addresses: settings.own_addresses.clone(),
        ssh_client: settings.ssh_client,
        ssh_peers: settings.ssh_peers.clone(),
        max_prefix_v4: Some(settings.max_prefix_v4),
        max_prefix_v6: Some(settings.max_prefix_v6),
    }
}

fn db(context: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::db(context, e)
}

/// `Some(seconds to wait)` when the source was fetched less than its minimum
/// interval ago.
pub fn rate_limited(conn: &Connection, src: &Source, now: i64) -> Result<Option<u64>> {
    if src.min_interval_s == 0 {
        return Ok(None);
    }
    let last: Option<i64> = conn
        .query_row(
            "SELECT last_at FROM rate_limits WHERE bucket = ?1",
            [source::rate_bucket(&src.name)],
            |r| r.get(0),
        )
        .optional()
        .map_err(db("reading the fetch rate limit"))?;
    Ok(last.and_then(|last| {
        let elapsed = now.saturating_sub(last).max(0) as u64;
        (elapsed < src.min_interval_s).then(|| src.min_interval_s - elapsed)
    }))
}

fn record_fetch(conn: &Connection, src: &Source, now: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO rate_limits (bucket, window_start, count, last_at) VALUES (?1, ?2, 1, ?2)
         ON CONFLICT (bucket) DO UPDATE SET
             window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END,
             count = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE count + 1 END,
             last_at = ?2",
        params![
            source::rate_bucket(&src.name),
            now,
            src.min_interval_s as i64
        ],
    )
    .map_err(db("recording the fetch for the rate limit"))?;
    Ok(())
}

/// `valid` of the last import that applied (or confirmed) a full list.
fn last_good_valid(conn: &Connection, src: &Source) -> Result<Option<u64>> {
    conn.query_row(
        "SELECT valid FROM blocklist_imports WHERE source_id = ?1
             AND status IN ('ok', 'unchanged') AND valid > 0
         ORDER BY id DESC LIMIT 1",
        [src.id],
        |r| r.get::<_, i64>(0),
    )
    .optional()
    .map(|v| v.map(|v| v.max(0) as u64))
    .map_err(db("reading the last import"))
}

/// The networks this source applied, as stored (bare hosts).
pub fn entries(conn: &Connection, source_id: i64) -> Result<Vec<String>> {
    let mut st = conn
        .prepare("SELECT network FROM blocklist_entries WHERE source_id = ?1")
        .map_err(db("reading blocklist entries"))?;
    let rows = st
        .query_map([source_id], |r| r.get::<_, String>(0))
        .map_err(db("reading blocklist entries"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading blocklist entries"))
}

/// Mark entries pending (before their ban or unban goes to fail2ban) or
/// confirmed (after), in one transaction.
fn set_pending(conn: &Connection, source_id: i64, items: &[String], pending: bool) -> Result<()> {
    let tx = conn
        .unchecked_transaction()
        .map_err(db("starting a batch"))?;
    {
        let mut st = tx
            .prepare_cached(
                "UPDATE blocklist_entries SET pending = ?3 WHERE source_id = ?1 AND network = ?2",
            )
            .map_err(db("recording pending entries"))?;
        for n in items {
            st.execute(params![source_id, n, pending])
                .map_err(db("recording pending entries"))?;
        }
    }
    tx.commit().map_err(db("committing a batch"))
}

/// Whether an interrupted run left entries of this source pending.
pub fn has_pending(conn: &Connection, source_id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM blocklist_entries WHERE source_id = ?1 AND pending <> 0)",
        [source_id],
        |r| r.get(0),
    )
    .map_err(db("reading pending entries"))
}

/// What reconciling write-ahead entries found.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Reconciled {
    /// Pending entries fail2ban bans: kept as this source's.
    pub kept: u64,
    /// Pending entries fail2ban does not ban: dropped.
    pub dropped: u64,
}

/// Settle the entries an interrupted run left pending against the jail's
/// real list, asked once: banned ones are this source's, the others are
/// dropped. Nothing is sent to fail2ban.
pub fn reconcile_pending(
    conn: &Connection,
    applier: &mut dyn Applier,
    src: &Source,
) -> Result<Reconciled> {
    let pending: Vec<String> = {
        let mut st = conn
            .prepare_cached(
                "SELECT network FROM blocklist_entries WHERE source_id = ?1 AND pending <> 0",
            )
            .map_err(db("reading pending entries"))?;
        st.query_map([src.id], |r| r.get::<_, String>(0))
            .map_err(db("reading pending entries"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db("reading pending entries"))?
    };
    let mut out = Reconciled::default();
    if pending.is_empty() {
        return Ok(out);
    }
    let live: Option<HashSet<IpNet>> = applier.jail_bans(&src.jail)?.map(|v| {
        v.iter()
            .filter_map(|s| Target::parse(s).ok().map(|t| t.net()))
            .collect()
    });
    let (keep, drop): (Vec<String>, Vec<String>) =
        pending
            .into_iter()
            .partition(|n| match (&live, Target::parse(n)) {
                (Some(live), Ok(t)) => live.contains(&t.net()),
                (None, _) => true,
                (_, Err(_)) => false,
            });
    set_pending(conn, src.id, &keep, false)?;
    let tx = conn
        .unchecked_transaction()
        .map_err(db("starting a batch"))?;
    for n in &drop {
        tx.execute(
            "DELETE FROM blocklist_entries WHERE source_id = ?1 AND network = ?2",
            params![src.id, n],
        )
        .map_err(db("removing entries"))?;
    }
    tx.commit().map_err(db("committing a batch"))?;
    out.kept = keep.len() as u64;
    out.dropped = drop.len() as u64;
    if out != Reconciled::default() {
        tracing::warn!(
            event = "blocklist_pending_reconciled",
            component = "blocklist",
            source = %src.name,
            kept = out.kept,
            dropped = out.dropped,
            "entries of an interrupted run were reconciled with fail2ban's list"
        );
    }
    Ok(out)
}

/// Whether another source of the same jail still lists this network.
fn listed_elsewhere(conn: &Connection, source_id: i64, jail: &str, network: &str) -> Result<bool> {
    conn.query_row(
        "SELECT 1 FROM blocklist_entries WHERE network = ?1 AND jail = ?2 AND source_id <> ?3 LIMIT 1",
        params![network, jail, source_id],
        |_| Ok(()),
    )
    .optional()
    .map(|o| o.is_some())
    .map_err(db("checking other sources' entries"))
}

/// The log row of a run that starts now, `running` until [`finish`].
/// Earlier rows of this source left `running` by a process that is gone
/// become `interrupted`.
fn start_record(conn: &Connection, src: &Source, now: i64) -> Result<i64> {
    mark_interrupted(conn, Some(src.id))?;
    conn.execute(
        "INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, status, pid)
         VALUES (?1, ?2, ?3, ?4, 'running', ?5)",
        params![
            src.id,
            src.name,
            src.jail,
            now,
            i64::from(std::process::id())
        ],
    )
    .map_err(db("recording the import"))?;
    Ok(conn.last_insert_rowid())
}

/// Rows left `running` by a process that no longer exists are
/// `interrupted` (all sources, or one).
pub fn mark_interrupted(conn: &Connection, source_id: Option<i64>) -> Result<u64> {
    let mut st = conn
        .prepare(
            "SELECT id, pid FROM blocklist_imports
             WHERE status = 'running' AND (?1 IS NULL OR source_id = ?1)",
        )
        .map_err(db("reading the import log"))?;
    let rows = st
        .query_map([source_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })
        .map_err(db("reading the import log"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading the import log"))?;
    let mut n = 0;
    for (id, pid) in rows {
        if pid.is_none_or(|p| !crate::util::pid_alive(p)) {
            n += conn
                .execute(
                    "UPDATE blocklist_imports SET status = 'interrupted',
                         error = 'the run ended before it finished (killed or crashed)'
                     WHERE id = ?1 AND status = 'running'",
                    [id],
                )
                .map_err(db("recording the import"))? as u64;
        }
    }
    Ok(n)
}

fn record(conn: &Connection, src: &Source, r: &ImportReport, started: i64, now: i64) -> Result<()> {
    let refused = serde_json::to_string(&r.refused).unwrap_or_else(|_| "{}".into());
    let samples: Vec<(u64, &str)> = r
        .invalid_samples
        .iter()
        .map(|l| (l.line, l.text.as_str()))
        .collect();
    let samples = serde_json::to_string(&samples).unwrap_or_else(|_| "[]".into());
    // A run records its row when it starts; one that stopped before that
    // (no jail, say) gets its row now.
    let id = match r.run_id {
        Some(id) => id,
        None => {
            conn.execute(
                "INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, status)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![src.id, src.name, src.jail, started, r.status],
            )
            .map_err(db("recording the import"))?;
            conn.last_insert_rowid()
        }
    };
    conn.execute(
        "UPDATE blocklist_imports SET finished_at = ?2, status = ?3, http_status = ?4,
             bytes = ?5, etag = ?6, lines = ?7, valid = ?8, invalid = ?9, duplicates = ?10,
             refused = ?11, aggregated = ?12, added = ?13, removed = ?14, duration_ms = ?15,
             error = ?16, invalid_samples = ?17
         WHERE id = ?1",
        params![
            id,
            now,
            r.status,
            r.http_status,
            r.bytes as i64,
            r.etag,
            r.lines as i64,
            r.valid as i64,
            r.invalid as i64,
            r.duplicates as i64,
            refused,
            r.aggregated as i64,
            r.added as i64,
            r.removed as i64,
            r.duration_ms as i64,
            r.error,
            samples
        ],
    )
    .map_err(db("recording the import"))?;
    Ok(())
}

fn finish(
    conn: &Connection,
    src: &Source,
    mut r: ImportReport,
    t0: Instant,
    started: i64,
    applied: bool,
    actor: &str,
) -> Result<ImportReport> {
    r.duration_ms = t0.elapsed().as_millis() as u64;
    record(
        conn,
        src,
        &r,
        started,
        started + (r.duration_ms / 1000) as i64,
    )?;
    if applied {
        let mut targets: Vec<String> = r.added_sample.iter().map(|t| format!("+{t}")).collect();
        targets.extend(r.removed_sample.iter().map(|t| format!("-{t}")));
        crate::audit::append(
            conn,
            &crate::audit::AuditRecord {
                at: started,
                actor,
                command: "blocklist import",
                jail: Some(&src.jail),
                targets: &targets,
                outcome: if r.status == "ok" { "ok" } else { "partial" },
                changed: r.changed,
                detail: Some(serde_json::json!({
                    "source": r.source,
                    "status": r.status,
                    "added": r.added,
                    "removed": r.removed,
                    "aggregated": r.aggregated,
                    "error": r.error,
                })),
            },
        )?;
    }
    tracing::info!(
        event = "blocklist_import_completed",
        component = "blocklist",
        source = %r.source,
        jail = %r.jail,
        status = %r.status,
        http_status = r.http_status,
        bytes = r.bytes,
        lines = r.lines,
        valid = r.valid,
        invalid = r.invalid,
        duplicates = r.duplicates,
        refused = r.total_refused(),
        aggregated = r.aggregated,
        added = r.added,
        removed = r.removed,
        duration_ms = r.duration_ms,
        error = r.error.as_deref().unwrap_or(""),
        "blocklist import completed"
    );
    Ok(r)
}

/// Import one source. Returns a report for every outcome the operator should
/// see (failed fetch, aborted by thresholds, rate limit, fail2ban failing
/// midway); `Err` only when bangui's own database fails. Sources with target
/// nft reach the kernel through the real `nft` and netlink.
#[allow(clippy::too_many_arguments)]
pub fn import_source(
    conn: &Connection,
    applier: &mut dyn Applier,
    src: &Source,
    settings: &Settings,
    opts: ImportOptions,
    progress: &mut dyn Progress,
    should_stop: &dyn Fn() -> bool,
    now: i64,
) -> Result<ImportReport> {
    let mut kernel = nft::System::new(&settings.nft);
    import_source_with(
        conn,
        applier,
        &mut kernel,
        src,
        settings,
        opts,
        progress,
        should_stop,
        now,
    )
}

/// [`import_source`] with the kernel injected.
#[allow(clippy::too_many_arguments)]
pub fn import_source_with(
    conn: &Connection,
    applier: &mut dyn Applier,
    kernel: &mut dyn nft::Kernel,
    src: &Source,
    settings: &Settings,
    opts: ImportOptions,
    progress: &mut dyn Progress,
    should_stop: &dyn Fn() -> bool,
    now: i64,
) -> Result<ImportReport> {
    let t0 = Instant::now();
    let mut r = ImportReport::new(src, opts.dry_run);
    let actor = settings.actor.as_str();

    // 1. The per-source fetch limit protects the feed's maintainers.
    if !opts.force_fetch
        && !opts.dry_run
        && let Some(wait) = rate_limited(conn, src, now)?
    {
        let e = Error::try_later(format!(
            "blocklist source {} was fetched less than {} ago (its minimum interval): try again in {} or use --force-fetch",
            src.name,
            format_duration(src.min_interval_s as i64),
            format_duration(wait as i64)
        ));
        r.fail("rate-limited", &e);
        r.retry_after_s = Some(wait);
        r.duration_ms = t0.elapsed().as_millis() as u64;
        return Ok(r);
    }

    r.run_id = Some(start_record(conn, src, now)?);

    // 2. The jail must exist and its ignoreip is part of the policy. An nft
    // target has no jail; its table must hold what the database says.
    let prepared = if src.nft().is_some() {
        nft_prepare(conn, kernel, src, opts).map(|()| Vec::new())
    } else {
        applier.ignoreip(&src.jail)
    };
    let ignoreip = match prepared {
        Ok(v) => v,
        Err(e) => {
            r.fail("failed", &e);
            return finish(conn, src, r, t0, now, false, actor);
        }
    };
    // Settle what an interrupted run left pending before diffing against it
    // (an nft target's apply is one transaction: it leaves nothing pending).
    if !opts.dry_run && src.nft().is_none() {
        match reconcile_pending(conn, applier, src) {
            Ok(rc) => r.reconciled = rc,
            Err(e) => {
                r.fail("failed", &e);
                return finish(conn, src, r, t0, now, false, actor);
            }
        }
    }

    // 3. Fetch (every attempt counts against the limit).
    if !opts.dry_run {
        record_fetch(conn, src, now)?;
    }
    let mut fopts = settings.fetch.clone();
    fopts.allow_http = src.allow_http;
    fopts.allow_file = src.allow_file;
    let cond = Conditional {
        etag: src.etag.clone(),
        last_modified: src.last_modified.clone(),
    };
    let cond = (!opts.force_fetch && (cond.etag.is_some() || cond.last_modified.is_some()))
        .then_some(&cond);
    progress.phase("download", None);
    let fetched =
        crate::fleet::feed::fetch_source(conn, src, settings.fleet.as_ref(), &fopts, cond);
    let body = match fetched {
        Ok(Fetched::NotModified { http_status }) => {
            progress.finish();
            r.status = "unchanged".into();
            r.http_status = Some(http_status);
            r.etag = src.etag.clone();
            return finish(conn, src, r, t0, now, false, actor);
        }
        Ok(Fetched::Body(b)) => b,
        Err(e) => {
            progress.finish();
            r.http_status = fetch::status_in(&e.to_string());
            r.fail("failed", &e);
            return finish(conn, src, r, t0, now, false, actor);
        }
    };
    r.http_status = body.http_status;
    r.etag = body.etag.clone();
    progress.phase("download", body.length);

    // 4. Parse while downloading.
    let mut read = 0u64;
    let parsed = match parse::parse_reader_sized(body.reader, src.format, body.length, &mut |b| {
        read = b;
        progress.position(b)
    }) {
        Ok(p) => p,
        Err(e) => {
            progress.finish();
            r.fail("failed", &fetch::reader_error(e));
            return finish(conn, src, r, t0, now, false, actor);
        }
    };
    progress.finish();
    r.bytes = read;
    r.take_stats(&parsed.stats);
    let mut screened = match Screen::new(policy(settings, &ignoreip)).run(parsed) {
        Ok(s) => s,
        Err(e) => {
            r.fail("aborted", &e);
            return finish(conn, src, r, t0, now, false, actor);
        }
    };
    refuse_unenforceable(applier, &src.jail, &mut screened);
    r.refused = screened.refused;
    r.refused_samples = screened.refused_samples;
    r.aggregated = screened.nets.len() as u64;

    // 5. Thresholds: a broken feed must not unban half the list.
    let checked = r.valid + r.invalid;
    let abort = if r.valid == 0 && r.invalid > 0 {
        Some(format!(
            "every line of {} is invalid ({} lines; first: {}); nothing was applied",
            src.name,
            r.invalid,
            r.invalid_samples
                .first()
                .map(|l| format!("line {}: {:?}", l.line, l.text))
                .unwrap_or_default()
        ))
    } else if !opts.force
        && checked > 0
        && (r.invalid as f64 / checked as f64) > settings.max_invalid_ratio
    {
        Some(format!(
            "{} of {} entries of {} are invalid ({:.1}% > blocklist.max_invalid_ratio {:.1}%); nothing was applied (--force applies anyway)",
            r.invalid,
            checked,
            src.name,
            100.0 * r.invalid as f64 / checked as f64,
            100.0 * settings.max_invalid_ratio
        ))
    } else if !opts.force
        && let Some(max) = src.max_entries
        && r.aggregated > max
    {
        Some(format!(
            "{} lists {} networks, more than its --max-entries {max}; nothing was applied (--force applies anyway)",
            src.name, r.aggregated
        ))
    } else if !opts.force
        && crate::fleet::source_class(&src.url).is_none()
        && let Some(prev) = last_good_valid(conn, src)?
        && (1.0 - r.valid as f64 / prev as f64) > settings.max_shrink_ratio
    {
        Some(format!(
            "{} shrank from {prev} to {} entries ({:.0}% > blocklist.max_shrink_ratio {:.0}%); nothing was applied (--force applies anyway)",
            src.name,
            r.valid,
            100.0 * (1.0 - r.valid as f64 / prev as f64),
            100.0 * settings.max_shrink_ratio
        ))
    } else {
        None
    };
    if let Some(msg) = abort {
        r.fail("aborted", &Error::bad_input(msg));
        return finish(conn, src, r, t0, now, false, actor);
    }

    // 6. Diff as networks against what this source applied.
    let stored = entries(conn, src.id)?;
    let old: HashSet<IpNet> = stored
        .iter()
        .filter_map(|s| Target::parse(s).ok().map(|t| t.net()))
        .collect();
    // Rows that do not parse (edited by hand) are dropped from the table.
    let unparsable: Vec<&String> = stored
        .iter()
        .filter(|s| Target::parse(s).is_err())
        .collect();
    // Memory: a million-line list is a million networks; build the set of
    // the new ones only when there are old ones to compare, and let a first
    // import add the screened list itself rather than a copy of it.
    let new: HashSet<IpNet> = if old.is_empty() {
        HashSet::new()
    } else {
        screened.nets.iter().collect()
    };
    let mut to_remove: Vec<IpNet> = old.iter().filter(|n| !new.contains(n)).copied().collect();
    drop(new);
    to_remove.sort_unstable();
    let fresh: Nets;
    let to_add: &Nets = if old.is_empty() {
        &screened.nets
    } else {
        fresh = screened.nets.iter().filter(|n| !old.contains(n)).collect();
        &fresh
    };
    r.to_add = to_add.len() as u64;
    r.to_remove = to_remove.len() as u64;
    if opts.dry_run {
        r.added_sample = sample(to_add.iter());
        r.removed_sample = sample(to_remove.iter().copied());
        r.status = "dry-run".into();
        return finish(conn, src, r, t0, now, false, actor);
    }
    if to_add.is_empty() && to_remove.is_empty() {
        r.status = "unchanged".into();
        source::set_validators(
            conn,
            src.id,
            body.etag.as_deref(),
            body.last_modified.as_deref(),
        )?;
        return finish(conn, src, r, t0, now, false, actor);
    }
    if src.nft().is_some() {
        let validators = (body.etag.clone(), body.last_modified.clone());
        let change = NftChange {
            unparsable: &unparsable,
            wanted: &screened.nets,
            to_add,
            to_remove: &to_remove,
        };
        return nft_apply(conn, kernel, src, change, r, validators, t0, now, actor);
    }

    // 7. Apply in batches; each batch is committed with its entries, so the
    // table always says exactly what is banned and the next run converges.
    for s in unparsable {
        conn.execute(
            "DELETE FROM blocklist_entries WHERE source_id = ?1 AND network = ?2",
            params![src.id, s],
        )
        .map_err(db("dropping an unreadable entry"))?;
    }
    let batch = settings.batch_size.max(1);
    progress.phase("apply", Some(r.to_add + r.to_remove));
    let mut done = 0u64;
    let mut failure: Option<Error> = None;
    // Each batch is formatted as it goes: a million networks as text would
    // be several times the list's size.
    let mut adds = to_add.iter().map(|n| Target::from_net(n).to_string());
    loop {
        let chunk: Vec<String> = adds.by_ref().take(batch).collect();
        if chunk.is_empty() {
            break;
        }
        let chunk = &chunk[..];
        if should_stop() {
            failure = Some(Error::Interrupted {
                signal: "a shutdown request",
                code: exit::SIGTERM,
            });
            break;
        }
        // Write-ahead: the batch is recorded pending before fail2ban sees
        // it and confirmed after, so a kill in between leaves a trace the
        // next run reconciles.
        let tx = conn
            .unchecked_transaction()
            .map_err(db("starting a batch"))?;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO blocklist_entries (source_id, network, jail, added_at, pending)
                     VALUES (?1, ?2, ?3, ?4, 1)",
                )
                .map_err(db("recording banned entries"))?;
            for n in chunk {
                st.execute(params![src.id, n, src.jail, now])
                    .map_err(db("recording banned entries"))?;
            }
        }
        tx.commit().map_err(db("committing a batch"))?;
        if let Err(e) = applier.ban(&src.jail, chunk) {
            failure = Some(e);
            break;
        }
        set_pending(conn, src.id, chunk, false)?;
        r.added += chunk.len() as u64;
        if r.added_sample.len() < SAMPLES {
            r.added_sample
                .extend(chunk.iter().take(SAMPLES - r.added_sample.len()).cloned());
        }
        done += chunk.len() as u64;
        progress.position(done);
    }
    if failure.is_none() {
        let to_remove: Vec<String> = to_remove
            .iter()
            .map(|n| Target::from_net(*n).to_string())
            .collect();
        // Entries another source of this jail still lists stay banned; only
        // this source's claim on them goes.
        let mut unban = Vec::with_capacity(to_remove.len());
        let mut keep = Vec::new();
        for n in &to_remove {
            if listed_elsewhere(conn, src.id, &src.jail, n)? {
                keep.push(n.clone());
            } else {
                unban.push(n.clone());
            }
        }
        r.kept_for_other_sources = keep.len() as u64;
        let delete = |items: &[String]| -> Result<()> {
            let tx = conn
                .unchecked_transaction()
                .map_err(db("starting a batch"))?;
            {
                let mut st = tx
                    .prepare_cached(
                        "DELETE FROM blocklist_entries WHERE source_id = ?1 AND network = ?2",
                    )
                    .map_err(db("removing entries"))?;
                for n in items {
                    st.execute(params![src.id, n])
                        .map_err(db("removing entries"))?;
                }
            }
            tx.commit().map_err(db("committing a batch"))
        };
        delete(&keep)?;
        done += keep.len() as u64;
        for chunk in unban.chunks(batch) {
            if should_stop() {
                failure = Some(Error::Interrupted {
                    signal: "a shutdown request",
                    code: exit::SIGTERM,
                });
                break;
            }
            set_pending(conn, src.id, chunk, true)?;
            if let Err(e) = applier.unban(&src.jail, chunk) {
                failure = Some(e);
                break;
            }
            delete(chunk)?;
            r.removed += chunk.len() as u64;
            if r.removed_sample.len() < SAMPLES {
                r.removed_sample
                    .extend(chunk.iter().take(SAMPLES - r.removed_sample.len()).cloned());
            }
            done += chunk.len() as u64;
            progress.position(done);
        }
    }
    progress.finish();
    r.changed = r.added > 0 || r.removed > 0;
    match failure {
        Some(e) => {
            // The validators stay old, so the next run fetches in full and
            // converges on the rest.
            let status = if matches!(e, Error::Interrupted { .. }) {
                "interrupted"
            } else {
                // The batch that failed may have reached fail2ban in part:
                // settle it now if fail2ban answers, else the next run does.
                if let Err(e) = reconcile_pending(conn, applier, src) {
                    tracing::debug!(event = "blocklist_reconcile_deferred", error = %e);
                }
                "failed"
            };
            r.fail(status, &e);
        }
        None => {
            r.status = "ok".into();
            source::set_validators(
                conn,
                src.id,
                body.etag.as_deref(),
                body.last_modified.as_deref(),
            )?;
        }
    }
    finish(conn, src, r, t0, now, true, actor)
}

/// Before an nft import: a disabled source stays out of the kernel; a table
/// flushed by another tool is restored first (not on a dry run).
fn nft_prepare(
    conn: &Connection,
    kernel: &mut dyn nft::Kernel,
    src: &Source,
    opts: ImportOptions,
) -> Result<()> {
    if !src.enabled {
        return Err(Error::config(format!(
            "blocklist source {} is disabled: `bangui blocklist source enable {}` puts it back into the kernel",
            src.name, src.name
        )));
    }
    if opts.dry_run {
        return Ok(());
    }
    if let Some(rest) = nft::apply::ensure(conn, kernel)? {
        tracing::info!(
            event = "blocklist_nft_restored",
            component = "blocklist",
            table_was_missing = rest.table_was_missing,
            sources = rest.sources.len(),
            "restored bangui's nftables table before importing"
        );
    }
    Ok(())
}

/// The diff of an nft import.
struct NftChange<'a> {
    unparsable: &'a [&'a String],
    wanted: &'a Nets,
    to_add: &'a Nets,
    to_remove: &'a [IpNet],
}

/// The apply step of an nft import: one kernel transaction and one database
/// transaction, committed only when the kernel accepted the change.
#[allow(clippy::too_many_arguments)]
fn nft_apply(
    conn: &Connection,
    kernel: &mut dyn nft::Kernel,
    src: &Source,
    c: NftChange<'_>,
    mut r: ImportReport,
    validators: (Option<String>, Option<String>),
    t0: Instant,
    now: i64,
    actor: &str,
) -> Result<ImportReport> {
    match nft::apply::apply_import(
        conn,
        kernel,
        src,
        c.unparsable,
        c.wanted,
        c.to_add,
        c.to_remove,
        now,
    ) {
        Ok(_) => {
            r.status = "ok".into();
            r.added = c.to_add.len() as u64;
            r.removed = c.to_remove.len() as u64;
            r.added_sample = sample(c.to_add.iter());
            r.removed_sample = sample(c.to_remove.iter().copied());
            r.changed = true;
            source::set_validators(
                conn,
                src.id,
                validators.0.as_deref(),
                validators.1.as_deref(),
            )?;
        }
        Err(e) => r.fail("failed", &e),
    }
    let applied = r.changed;
    finish(conn, src, r, t0, now, applied, actor)
}

/// What `blocklist-import` did: one report per due source.
#[derive(Debug, Clone, Serialize)]
pub struct DueSummary {
    pub due: Vec<String>,
    pub not_due: Vec<String>,
    pub imported: Vec<ImportReport>,
    pub failed: u64,
    pub changed: bool,
    pub stopped: bool,
}

/// Whether a source is due: enabled and its last success is older than its
/// interval (or it never succeeded).
pub fn is_due(conn: &Connection, src: &Source, now: i64) -> Result<bool> {
    if !src.enabled {
        return Ok(false);
    }
    // A fleet source costs one indexed query when nothing changed.
    if crate::fleet::source_class(&src.url).is_some() {
        return Ok(true);
    }
    Ok(match last_success(conn, src.id)? {
        None => true,
        Some(at) => now.saturating_sub(at) >= src.interval_s as i64,
    })
}

fn last_success(conn: &Connection, id: i64) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT MAX(finished_at) FROM blocklist_imports WHERE source_id = ?1 AND status IN ('ok', 'unchanged')",
        [id],
        |r| r.get::<_, Option<i64>>(0),
    )
    .map_err(db("reading the last import"))
}

/// The `blocklist-import` job: import every enabled source that is due,
/// checking `should_stop` between sources and between batches. A source that
/// fails does not stop the others; `failed` counts them.
pub fn import_due(
    conn: &Connection,
    applier: &mut dyn Applier,
    settings: &Settings,
    should_stop: &dyn Fn() -> bool,
    now: i64,
) -> Result<DueSummary> {
    source::sync_config(conn, &settings.declared, now)?;
    let mut s = DueSummary {
        due: Vec::new(),
        not_due: Vec::new(),
        imported: Vec::new(),
        failed: 0,
        changed: false,
        stopped: false,
    };
    for src in source::list(conn)? {
        if !src.enabled {
            continue;
        }
        if !is_due(conn, &src, now)? {
            s.not_due.push(src.name.clone());
            continue;
        }
        s.due.push(src.name.clone());
        if should_stop() {
            s.stopped = true;
            break;
        }
        let r = import_source(
            conn,
            applier,
            &src,
            settings,
            ImportOptions::default(),
            &mut NoProgress,
            should_stop,
            now,
        )?;
        if r.exit_code != exit::OK {
            s.failed += 1;
        }
        s.changed |= r.changed;
        s.imported.push(r);
    }
    Ok(s)
}

/// What `source rm` did.
#[derive(Debug, Clone, Serialize)]
pub struct RemoveReport {
    pub source: String,
    pub jail: String,
    pub unbanned: u64,
    pub kept_for_other_sources: u64,
    /// Left banned because of --keep-bans.
    pub kept: u64,
    pub changed: bool,
}

/// Remove a source; unless `keep_bans`, unban what it added (except what
/// another source of the same jail still lists). If fail2ban fails midway the
/// source stays with the entries not yet unbanned, and `rm` can be repeated.
pub fn remove_source(
    conn: &Connection,
    applier: &mut dyn Applier,
    src: &Source,
    keep_bans: bool,
    settings: &Settings,
    now: i64,
) -> Result<RemoveReport> {
    if src.origin == "config"
        && settings
            .declared
            .iter()
            .any(|v| v.get("name").and_then(|n| n.as_str()) == Some(src.name.as_str()))
    {
        return Err(Error::config(format!(
            "blocklist source {} is declared in the config file: remove it there (it is then disabled) and run `source rm` again",
            src.name
        )));
    }
    if !keep_bans {
        reconcile_pending(conn, applier, src)?;
    }
    let all = entries(conn, src.id)?;
    let mut r = RemoveReport {
        source: src.name.clone(),
        jail: src.jail.clone(),
        unbanned: 0,
        kept_for_other_sources: 0,
        kept: 0,
        changed: false,
    };
    let mut result = Ok(());
    if keep_bans {
        r.kept = all.len() as u64;
    } else {
        let mut unban = Vec::new();
        for n in &all {
            if listed_elsewhere(conn, src.id, &src.jail, n)? {
                r.kept_for_other_sources += 1;
            } else {
                unban.push(n.clone());
            }
        }
        for chunk in unban.chunks(settings.batch_size.max(1)) {
            set_pending(conn, src.id, chunk, true)?;
            if let Err(e) = applier.unban(&src.jail, chunk) {
                result = Err(e);
                break;
            }
            let tx = conn
                .unchecked_transaction()
                .map_err(db("starting a batch"))?;
            for n in chunk {
                tx.execute(
                    "DELETE FROM blocklist_entries WHERE source_id = ?1 AND network = ?2",
                    params![src.id, n],
                )
                .map_err(db("removing entries"))?;
            }
            tx.commit().map_err(db("committing a batch"))?;
            r.unbanned += chunk.len() as u64;
        }
    }
    // Deleting the source changes the configuration even when nothing is unbanned.
    r.changed = r.unbanned > 0 || result.is_ok();
    if result.is_ok() {
        source::delete(conn, src.id, &src.name)?;
    }
    crate::audit::append(
        conn,
        &crate::audit::AuditRecord {
            at: now,
            actor: &settings.actor,
            command: "blocklist source rm",
            jail: Some(&src.jail),
            targets: std::slice::from_ref(&src.name),
            outcome: if result.is_ok() { "ok" } else { "partial" },
            changed: true,
            detail: Some(serde_json::json!({
                "unbanned": r.unbanned,
                "kept_for_other_sources": r.kept_for_other_sources,
                "kept": r.kept,
                "error": result.as_ref().err().map(|e| e.to_string()),
            })),
        },
    )?;
    result.map(|()| r)
}

/// One row of `blocklist log`.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub source: String,
    pub jail: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub http_status: Option<u16>,
    pub bytes: Option<u64>,
    pub etag: Option<String>,
    pub lines: u64,
    pub valid: u64,
    pub invalid: u64,
    pub duplicates: u64,
    pub refused: serde_json::Value,
    pub aggregated: u64,
    pub added: u64,
    pub removed: u64,
    pub duration_ms: Option<u64>,
    pub error: Option<String>,
    pub invalid_samples: serde_json::Value,
}

/// A `running` row whose process is gone was interrupted (killed or
/// crashed): say so without waiting for the next run to rewrite it.
fn live_status(status: String, pid: Option<i64>) -> String {
    if status == "running" && pid.is_none_or(|p| !crate::util::pid_alive(p)) {
        "interrupted".into()
    } else {
        status
    }
}

/// Why a source is failing, when it is: its last import (not a dry run)
/// failed, was aborted or was interrupted — which covers a source that never
/// succeeded. A source never imported, or importing now, is not failing.
pub fn failing_reason(conn: &Connection, source_name: &str) -> rusqlite::Result<Option<String>> {
    let last: Option<(String, Option<String>, Option<i64>)> = conn
        .query_row(
            "SELECT status, error, pid FROM blocklist_imports
             WHERE source_name = ?1 AND status <> 'dry-run' ORDER BY id DESC LIMIT 1",
            [source_name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(last.and_then(|(status, error, pid)| {
        let status = live_status(status, pid);
        matches!(status.as_str(), "failed" | "aborted" | "interrupted").then(|| {
            let why = error
                .map(|e| crate::util::clip(&e, crate::util::QUOTE_MAX).into_owned())
                .unwrap_or_else(|| "no reason recorded".into());
            format!("last import {status}: {why}")
        })
    }))
}

/// Imports, newest first.
pub fn log(conn: &Connection, source_name: Option<&str>, limit: u32) -> Result<Vec<ImportRecord>> {
    let mut st = conn
        .prepare(
            "SELECT id, source_name, jail, started_at, finished_at, status, http_status, bytes, etag,
                 lines, valid, invalid, duplicates, refused, aggregated, added, removed,
                 duration_ms, error, invalid_samples, pid
             FROM blocklist_imports WHERE (?1 IS NULL OR source_name = ?1)
             ORDER BY id DESC LIMIT ?2",
        )
        .map_err(db("reading the import log"))?;
    let u = |v: i64| v.max(0) as u64;
    let rows = st
        .query_map(params![source_name, limit], |r| {
            let refused: String = r.get(13)?;
            let samples: Option<String> = r.get(19)?;
            Ok(ImportRecord {
                id: r.get(0)?,
                source: r.get(1)?,
                jail: r.get(2)?,
                started_at: rfc3339(r.get(3)?),
                finished_at: r.get::<_, Option<i64>>(4)?.map(rfc3339),
                status: live_status(r.get(5)?, r.get(20)?),
                http_status: r.get::<_, Option<i64>>(6)?.map(|v| v.clamp(0, 999) as u16),
                bytes: r.get::<_, Option<i64>>(7)?.map(u),
                etag: r.get(8)?,
                lines: u(r.get(9)?),
                valid: u(r.get(10)?),
                invalid: u(r.get(11)?),
                duplicates: u(r.get(12)?),
                refused: serde_json::from_str(&refused).unwrap_or_default(),
                aggregated: u(r.get(14)?),
                added: u(r.get(15)?),
                removed: u(r.get(16)?),
                duration_ms: r.get::<_, Option<i64>>(17)?.map(u),
                error: r.get(18)?,
                invalid_samples: samples
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or(serde_json::Value::Array(Vec::new())),
            })
        })
        .map_err(db("reading the import log"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading the import log"))
}

/// One row of `blocklist status`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceStatus {
    pub name: String,
    pub jail: String,
    pub enabled: bool,
    pub origin: String,
    pub url: String,
    pub interval_s: u64,
    pub last_success: Option<String>,
    pub last_failure: Option<String>,
    pub last_status: Option<String>,
    pub last_error: Option<String>,
    pub entries: u64,
    /// Seconds since the last success.
    pub age_s: Option<i64>,
    /// Enabled, and the last success is older than three intervals (or there
    /// was none within three intervals of adding the source).
    pub stale: bool,
    /// The last import failed, was aborted or was interrupted.
    pub failing: bool,
    /// Why, when failing.
    pub failing_reason: Option<String>,
}

pub fn status(conn: &Connection, now: i64) -> Result<Vec<SourceStatus>> {
    let mut out = Vec::new();
    for s in source::list(conn)? {
        let ok = last_success(conn, s.id)?;
        let failure: Option<i64> = conn
            .query_row(
                "SELECT MAX(COALESCE(finished_at, started_at)) FROM blocklist_imports WHERE source_id = ?1 AND status IN ('failed', 'aborted', 'interrupted')",
                [s.id],
                |r| r.get(0),
            )
            .map_err(db("reading the import log"))?;
        let last: Option<(String, Option<String>, Option<i64>)> = conn
            .query_row(
                "SELECT status, error, pid FROM blocklist_imports WHERE source_id = ?1 AND status <> 'dry-run' ORDER BY id DESC LIMIT 1",
                [s.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(db("reading the import log"))?;
        let entries: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM blocklist_entries WHERE source_id = ?1",
                [s.id],
                |r| r.get(0),
            )
            .map_err(db("counting entries"))?;
        let limit = (s.interval_s as i64).saturating_mul(3);
        let since = ok.unwrap_or(s.created_at);
        let failing = failing_reason(conn, &s.name).map_err(db("reading the import log"))?;
        out.push(SourceStatus {
            failing: failing.is_some(),
            failing_reason: failing,
            stale: s.enabled && now.saturating_sub(since) > limit,
            age_s: ok.map(|t| now.saturating_sub(t)),
            last_success: ok.map(rfc3339),
            last_failure: failure.map(rfc3339),
            last_status: last.as_ref().map(|l| live_status(l.0.clone(), l.2)),
            last_error: last.and_then(|l| l.1),
            entries: entries.max(0) as u64,
            name: s.name,
            jail: s.jail,
            enabled: s.enabled,
            origin: s.origin,
            url: s.url,
            interval_s: s.interval_s,
        });
    }
    Ok(out)
}

/// The implicit source of `import --from-file F --jail J`: named after the
/// file, reading it through `file://`, with no fetch interval.
pub fn file_source(
    conn: &Connection,
    path: &std::path::Path,
    jail: &str,
    now: i64,
) -> Result<Source> {
    let abs = std::path::absolute(path)
        .map_err(|e| Error::io(format!("resolving {}", path.display()), path, e))?;
    if !abs.exists() {
        return Err(Error::NoInput {
            what: "blocklist file".into(),
            path: abs,
        });
    }
    let stem: String = abs
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(56)
        .collect();
    let name = format!("file-{stem}");
    let url = format!("file://{}", abs.display());
    match source::find(conn, &name)? {
        Some(s) if s.url == url && s.jail == jail => Ok(s),
        Some(s) => Err(Error::bad_input(format!(
            "source {name} already imports {} into {}: use `bangui blocklist source add` with another name",
            sanitize(&s.url),
            s.jail
        ))),
        None => {
            let mut n = source::NewSource::new(&name, &url, jail);
            n.allow_file = true;
            n.min_interval_s = 0;
            source::add(conn, &n, now)
        }
    }
}

#[cfg(test)]
mod tests;
