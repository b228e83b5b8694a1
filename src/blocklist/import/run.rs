//! One import run as named steps over one context ([`Run`]): rate limit,
//! prepare the target, fetch, parse and screen, thresholds, plan, apply,
//! log. Also the `blocklist-import` job over every due source, and the
//! implicit source of `import --from-file`.

use std::time::Instant;

use rusqlite::Connection;
use serde::Serialize;

use super::log::{finish, last_good_valid, last_success, rate_limited, record_fetch, start_record};
use super::screen::{Screen, policy, refuse_unenforceable, threshold_abort};
use super::{
    Applier, ImportOptions, ImportReport, ImportStatus, NoProgress, Progress, Settings, plan,
};
use crate::blocklist::aggregate::Nets;
use crate::blocklist::fetch::{self, Conditional, Fetched};
use crate::blocklist::nft;
use crate::blocklist::parse;
use crate::blocklist::source::{self, Source};
use crate::error::{Error, Outcome, Result};
use crate::util::{format_duration, sanitize};

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
        src,
        settings,
        opts,
        &mut kernel,
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
    src: &Source,
    settings: &Settings,
    opts: ImportOptions,
    kernel: &mut dyn nft::Kernel,
    progress: &mut dyn Progress,
    should_stop: &dyn Fn() -> bool,
    now: i64,
) -> Result<ImportReport> {
    let mut run = Run {
        conn,
        applier,
        kernel,
        src,
        settings,
        progress,
        should_stop,
        now,
        t0: Instant::now(),
        r: ImportReport::new(src, opts.dry_run),
    };
    // The per-source fetch limit protects the feed's maintainers.
    if !opts.force_fetch
        && !opts.dry_run
        && let Some(wait) = rate_limited(conn, src, now)?
    {
        return Ok(run.rate_limited(wait));
    }
    run.r.run_id = Some(start_record(conn, src, now)?);
    let applied = run.steps(opts)?;
    finish(conn, src, run.r, run.t0, now, applied, &settings.actor)
}

/// One import run: what it works on, and the report it fills in.
pub(super) struct Run<'a> {
    pub conn: &'a Connection,
    pub applier: &'a mut dyn Applier,
    pub kernel: &'a mut dyn nft::Kernel,
    pub src: &'a Source,
    pub settings: &'a Settings,
    pub progress: &'a mut dyn Progress,
    pub should_stop: &'a dyn Fn() -> bool,
    pub now: i64,
    pub t0: Instant,
    pub r: ImportReport,
}

/// The validators of the body being applied, stored once it applied in full
/// (until then the next run fetches in full and converges).
pub(super) struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

impl Validators {
    pub fn store(&self, conn: &Connection, src: &Source) -> Result<()> {
        source::set_validators(
            conn,
            src.id,
            self.etag.as_deref(),
            self.last_modified.as_deref(),
        )
    }
}

impl Run<'_> {
    /// The report of a run refused by the fetch limit (no log row).
    fn rate_limited(mut self, wait: u64) -> ImportReport {
        let src = self.src;
        let e = Error::try_later(format!(
            "blocklist source {} was fetched less than {} ago (its minimum interval): try again in {} or use --force-fetch",
            src.name,
            format_duration(src.min_interval_s as i64),
            format_duration(wait as i64)
        ));
        self.r.fail(ImportStatus::RateLimited, &e);
        self.r.retry_after_s = Some(wait);
        self.r.duration_ms = self.t0.elapsed().as_millis() as u64;
        self.r
    }

    /// Every step after the log row is written, each filling in the report;
    /// true when the plan went to fail2ban or the kernel (the run is then
    /// audited).
    fn steps(&mut self, opts: ImportOptions) -> Result<bool> {
        let Some(ignoreip) = self.prepare(opts) else {
            return Ok(false);
        };
        let Some(body) = self.fetch(opts)? else {
            return Ok(false);
        };
        let validators = Validators {
            etag: body.etag.clone(),
            last_modified: body.last_modified.clone(),
        };
        let Some(nets) = self.parse_and_screen(body, &ignoreip) else {
            return Ok(false);
        };
        let (r, src, settings) = (&self.r, self.src, self.settings);
        if let Some(why) =
            threshold_abort(r, src, settings, opts, || last_good_valid(self.conn, src))?
        {
            self.r.fail(ImportStatus::Aborted, &Error::bad_input(why));
            return Ok(false);
        }
        if opts.dry_run {
            plan::dry_run(self.conn, src.id, &nets, &mut self.r)?;
            self.r.status = ImportStatus::DryRun;
            return Ok(false);
        }
        let plan = plan::diff(self.conn, src.id, &nets)?;
        self.r.to_add = plan.to_add.len() as u64;
        self.r.to_remove = plan.to_remove.len() as u64;
        if plan.is_empty() {
            self.r.status = ImportStatus::Unchanged;
            validators.store(self.conn, src)?;
            return Ok(false);
        }
        if src.nft().is_some() {
            return self.apply_nft(&plan, &nets, &validators);
        }
        let failure = self.apply_batches(&plan)?;
        self.progress.finish();
        self.r.changed = self.r.added > 0 || self.r.removed > 0;
        match failure {
            Some(e) => self.failed_midway(&e),
            None => {
                self.r.status = ImportStatus::Ok;
                validators.store(self.conn, src)?;
            }
        }
        Ok(true)
    }

    /// The jail must exist and its ignoreip is part of the policy (an nft
    /// target has no jail; its table must hold what the database says); then
    /// what an interrupted run left pending is settled before the diff (an
    /// nft target's apply is one transaction: it leaves nothing pending).
    fn prepare(&mut self, opts: ImportOptions) -> Option<Vec<String>> {
        let prepared = if self.src.nft().is_some() {
            self.nft_prepare(opts).map(|()| Vec::new())
        } else {
            self.applier.ignoreip(&self.src.jail)
        };
        let ignoreip = match prepared {
            Ok(v) => v,
            Err(e) => {
                self.r.fail(ImportStatus::Failed, &e);
                return None;
            }
        };
        if !opts.dry_run && self.src.nft().is_none() {
            match super::reconcile_pending(self.conn, self.applier, self.src) {
                Ok(rc) => self.r.reconciled = rc,
                Err(e) => {
                    self.r.fail(ImportStatus::Failed, &e);
                    return None;
                }
            }
        }
        Some(ignoreip)
    }

    /// Fetch (every attempt counts against the limit); None when there is
    /// nothing to parse (not modified, or the fetch failed).
    fn fetch(&mut self, opts: ImportOptions) -> Result<Option<fetch::Body>> {
        let (conn, src) = (self.conn, self.src);
        if !opts.dry_run {
            record_fetch(conn, src, self.now)?;
        }
        let mut fopts = self.settings.fetch.clone();
        fopts.allow_http = src.allow_http;
        fopts.allow_file = src.allow_file;
        let cond = Conditional {
            etag: src.etag.clone(),
            last_modified: src.last_modified.clone(),
        };
        let cond = (!opts.force_fetch && (cond.etag.is_some() || cond.last_modified.is_some()))
            .then_some(&cond);
        self.progress.phase("download", None);
        let fetched =
            crate::fleet::feed::fetch_source(conn, src, self.settings.fleet.as_ref(), &fopts, cond);
        let r = &mut self.r;
        match fetched {
            Ok(Fetched::NotModified { http_status }) => {
                self.progress.finish();
                r.status = ImportStatus::Unchanged;
                r.http_status = Some(http_status);
                r.etag = src.etag.clone();
                Ok(None)
            }
            Ok(Fetched::Body(b)) => {
                r.http_status = b.http_status;
                r.etag = b.etag.clone();
                self.progress.phase("download", b.length);
                Ok(Some(b))
            }
            Err(e) => {
                self.progress.finish();
                r.http_status = e.http_status();
                r.fail(ImportStatus::Failed, &e);
                Ok(None)
            }
        }
    }

    /// Parse while downloading, then screen and aggregate; None when the
    /// body cannot be read or the aggregation is refused.
    fn parse_and_screen(&mut self, body: fetch::Body, ignoreip: &[String]) -> Option<Nets> {
        let mut read = 0u64;
        let progress = &mut *self.progress;
        let parsed =
            parse::parse_reader_sized(body.reader, self.src.format, body.length, &mut |b| {
                read = b;
                progress.position(b)
            });
        self.progress.finish();
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                self.r.fail(ImportStatus::Failed, &fetch::reader_error(e));
                return None;
            }
        };
        self.r.bytes = read;
        self.r.take_stats(&parsed.stats);
        let mut screened = match Screen::new(policy(self.settings, ignoreip)).run(parsed) {
            Ok(s) => s,
            Err(e) => {
                self.r.fail(ImportStatus::Aborted, &e);
                return None;
            }
        };
        refuse_unenforceable(self.applier, &self.src.jail, &mut screened);
        self.r.refused = screened.refused;
        self.r.refused_samples = screened.refused_samples;
        self.r.aggregated = screened.nets.len() as u64;
        Some(screened.nets)
    }

    /// A jail apply that stopped early. The validators stay old, so the next
    /// run fetches in full and converges on the rest.
    fn failed_midway(&mut self, e: &Error) {
        let status = if matches!(e, Error::Interrupted { .. }) {
            ImportStatus::Interrupted
        } else {
            // The batch that failed may have reached fail2ban in part:
            // settle it now if fail2ban answers, else the next run does.
            if let Err(e) = super::reconcile_pending(self.conn, self.applier, self.src) {
                tracing::debug!(event = "blocklist_reconcile_deferred", error = %e);
            }
            ImportStatus::Failed
        };
        self.r.fail(status, e);
    }
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
        if r.outcome != Outcome::Ok {
            s.failed += 1;
        }
        s.changed |= r.changed;
        s.imported.push(r);
    }
    Ok(s)
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
