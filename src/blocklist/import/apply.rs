//! Applying a plan: bans and unbans sent to fail2ban batch by batch, each
//! batch written ahead as `pending` rows and confirmed after, so a kill in
//! between leaves a trace the next run reconciles against the jail's list;
//! an nft target's plan as one kernel and one database transaction; and the
//! removal of a source.

use std::collections::HashSet;

use ipnet::IpNet;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::plan::{self, Plan, entries};
use super::run::Run;
use super::{Applier, ImportOptions, ImportStatus, SAMPLES, Settings, db};
use crate::blocklist::aggregate::Nets;
use crate::blocklist::nft;
use crate::blocklist::source::{self, Source};
use crate::error::{Error, Result, exit};
use crate::net::Target;

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

/// Record a batch of bans pending before fail2ban sees it.
fn write_ahead(conn: &Connection, src: &Source, items: &[String], now: i64) -> Result<()> {
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
        for n in items {
            st.execute(params![src.id, n, src.jail, now])
                .map_err(db("recording banned entries"))?;
        }
    }
    tx.commit().map_err(db("committing a batch"))
}

/// Drop entries of a source, in one transaction; `context` names the step
/// in a database error.
fn delete_entries(
    conn: &Connection,
    source_id: i64,
    items: &[String],
    context: &'static str,
) -> Result<()> {
    let tx = conn
        .unchecked_transaction()
        .map_err(db("starting a batch"))?;
    {
        let mut st = tx
            .prepare_cached("DELETE FROM blocklist_entries WHERE source_id = ?1 AND network = ?2")
            .map_err(db(context))?;
        for n in items {
            st.execute(params![source_id, n]).map_err(db(context))?;
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
    delete_entries(conn, src.id, &drop, "removing entries")?;
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

/// Split networks this source gives up into those to unban and those
/// another source of the same jail still lists (left banned).
fn split_shared(
    conn: &Connection,
    src: &Source,
    items: &[String],
) -> Result<(Vec<String>, Vec<String>)> {
    let mut unban = Vec::with_capacity(items.len());
    let mut keep = Vec::new();
    for n in items {
        let elsewhere = conn
            .query_row(
                "SELECT 1 FROM blocklist_entries WHERE network = ?1 AND jail = ?2 AND source_id <> ?3 LIMIT 1",
                params![n, src.jail, src.id],
                |_| Ok(()),
            )
            .optional()
            .map_err(db("checking other sources' entries"))?
            .is_some();
        if elsewhere {
            keep.push(n.clone());
        } else {
            unban.push(n.clone());
        }
    }
    Ok((unban, keep))
}

/// Unban one batch: pending first, then fail2ban, then the rows go. The
/// outer error is bangui's database, the inner one fail2ban's refusal.
fn unban_batch(
    conn: &Connection,
    applier: &mut dyn Applier,
    src: &Source,
    chunk: &[String],
) -> Result<std::result::Result<(), Error>> {
    set_pending(conn, src.id, chunk, true)?;
    if let Err(e) = applier.unban(&src.jail, chunk) {
        return Ok(Err(e));
    }
    delete_entries(conn, src.id, chunk, "removing entries")?;
    Ok(Ok(()))
}

/// Add up to [`SAMPLES`] names of a batch to a sample list.
fn sample(out: &mut Vec<String>, chunk: &[String]) {
    if out.len() < SAMPLES {
        out.extend(chunk.iter().take(SAMPLES - out.len()).cloned());
    }
}

fn shutdown_request() -> Error {
    Error::Interrupted {
        signal: "a shutdown request",
        code: exit::SIGTERM,
    }
}

impl Run<'_> {
    /// Apply a jail plan in batches; each batch is committed with its
    /// entries, so the table always says exactly what is banned and the next
    /// run converges. Returns why it stopped early, if it did.
    pub(super) fn apply_batches(&mut self, plan: &Plan) -> Result<Option<Error>> {
        let (conn, src) = (self.conn, self.src);
        delete_entries(
            conn,
            src.id,
            &plan.unparsable,
            "dropping an unreadable entry",
        )?;
        let batch = self.settings.batch_size.max(1);
        self.progress
            .phase("apply", Some(self.r.to_add + self.r.to_remove));
        let mut done = 0u64;
        // Each batch is turned into text as it goes: a million networks as
        // text would be several times the list's size.
        let mut adds = plan.to_add.iter().map(|n| Target::from_net(n).to_string());
        loop {
            let chunk: Vec<String> = adds.by_ref().take(batch).collect();
            if chunk.is_empty() {
                break;
            }
            let chunk = &chunk[..];
            if (self.should_stop)() {
                return Ok(Some(shutdown_request()));
            }
            // Write-ahead: the batch is recorded pending before fail2ban sees
            // it and confirmed after, so a kill in between leaves a trace the
            // next run reconciles.
            write_ahead(conn, src, chunk, self.now)?;
            if let Err(e) = self.applier.ban(&src.jail, chunk) {
                return Ok(Some(e));
            }
            set_pending(conn, src.id, chunk, false)?;
            self.r.added += chunk.len() as u64;
            sample(&mut self.r.added_sample, chunk);
            done += chunk.len() as u64;
            self.progress.position(done);
        }
        // Entries another source of this jail still lists stay banned; only
        // this source's claim on them goes.
        let to_remove: Vec<String> = plan
            .to_remove
            .iter()
            .map(|n| Target::from_net(*n).to_string())
            .collect();
        let (unban, keep) = split_shared(conn, src, &to_remove)?;
        self.r.kept_for_other_sources = keep.len() as u64;
        delete_entries(conn, src.id, &keep, "removing entries")?;
        done += keep.len() as u64;
        for chunk in unban.chunks(batch) {
            if (self.should_stop)() {
                return Ok(Some(shutdown_request()));
            }
            if let Err(e) = unban_batch(conn, self.applier, src, chunk)? {
                return Ok(Some(e));
            }
            self.r.removed += chunk.len() as u64;
            sample(&mut self.r.removed_sample, chunk);
            done += chunk.len() as u64;
            self.progress.position(done);
        }
        Ok(None)
    }

    /// Before an nft import: a disabled source stays out of the kernel; a
    /// table flushed by another tool is restored first (not on a dry run).
    pub(super) fn nft_prepare(&mut self, opts: ImportOptions) -> Result<()> {
        let src = self.src;
        if !src.enabled {
            return Err(Error::config(format!(
                "blocklist source {} is disabled: `bangui blocklist source enable {}` puts it back into the kernel",
                src.name, src.name
            )));
        }
        if opts.dry_run {
            return Ok(());
        }
        if let Some(rest) = nft::apply::ensure(self.conn, self.kernel)? {
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

    /// The apply step of an nft import: one kernel transaction and one
    /// database transaction, committed only when the kernel accepted the
    /// change. Returns whether it applied.
    pub(super) fn apply_nft(
        &mut self,
        plan: &Plan,
        wanted: &Nets,
        validators: &super::run::Validators,
    ) -> Result<bool> {
        let unparsable: Vec<&String> = plan.unparsable.iter().collect();
        let sent = nft::apply::apply_import(
            self.conn,
            self.kernel,
            self.src,
            &unparsable,
            wanted,
            &plan.to_add,
            &plan.to_remove,
            self.now,
        );
        let r = &mut self.r;
        match sent {
            Ok(_) => {
                r.status = ImportStatus::Ok;
                r.added = plan.to_add.len() as u64;
                r.removed = plan.to_remove.len() as u64;
                r.added_sample = plan::sample(plan.to_add.iter());
                r.removed_sample = plan::sample(plan.to_remove.iter().copied());
                r.changed = true;
                validators.store(self.conn, self.src)?;
            }
            Err(e) => r.fail(ImportStatus::Failed, &e),
        }
        Ok(self.r.changed)
    }
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

/// Refuse to remove a source the config file declares: it would come back.
pub fn check_removable(src: &Source, settings: &Settings) -> Result<()> {
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
    Ok(())
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
    check_removable(src, settings)?;
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
        let (unban, keep) = split_shared(conn, src, &all)?;
        r.kept_for_other_sources = keep.len() as u64;
        for chunk in unban.chunks(settings.batch_size.max(1)) {
            if let Err(e) = unban_batch(conn, applier, src, chunk)? {
                result = Err(e);
                break;
            }
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
