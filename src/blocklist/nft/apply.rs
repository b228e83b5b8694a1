//! The nft target and the database together: the database records what the
//! kernel holds, so every change goes kernel-first inside an open database
//! transaction that commits only when the kernel accepted it. Restore
//! rebuilds the table from the database; the import's apply step changes
//! only the difference. Nothing here prints or reads the environment.

use std::collections::BTreeMap;

use ipnet::IpNet;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Counter, Intervals, Kernel, Layout, Ranges, SetChange, TABLE, chain_name, set_name};
use crate::blocklist::aggregate::Nets;
use crate::blocklist::source::{self, Source};
use crate::error::{Error, Result};
use crate::net::Target;

fn db(context: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::db(context, e)
}

/// A source's kernel layout; `None` for jail targets.
pub fn layout(src: &Source) -> Option<Layout> {
    let (hook, action) = src.nft()?;
    Some(Layout {
        name: src.name.clone(),
        hook,
        action,
        size: src.max_entries,
    })
}

/// The sources that target nft, by name.
pub fn nft_sources(conn: &Connection) -> Result<Vec<Source>> {
    Ok(source::list(conn)?
        .into_iter()
        .filter(|s| s.nft().is_some())
        .collect())
}

/// What the database says a source's sets hold.
pub fn stored(conn: &Connection, src: &Source) -> Result<Intervals> {
    Ok(Intervals::from_stored(&crate::blocklist::import::entries(
        conn, src.id,
    )?))
}

fn installed(chains: &[String], l: &Layout) -> bool {
    l.hook
        .hooks()
        .iter()
        .all(|h| chains.iter().any(|c| *c == chain_name(&l.name, h)))
}

/// One source as `restore` (re)built it.
#[derive(Debug, Clone, Serialize)]
pub struct RestoredSource {
    pub source: String,
    pub hook: String,
    pub action: String,
    pub intervals_v4: u64,
    pub intervals_v6: u64,
}

/// What `blocklist restore` (or the restore before an import) did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    /// The table was missing before.
    pub table_was_missing: bool,
    /// Sources loaded into the kernel, by name.
    pub sources: Vec<RestoredSource>,
    pub changed: bool,
}

fn restored(src: &Source, l: &Layout, iv: &Intervals) -> RestoredSource {
    RestoredSource {
        source: src.name.clone(),
        hook: l.hook.to_string(),
        action: l.action.to_string(),
        intervals_v4: iv.v4.len() as u64,
        intervals_v6: iv.v6.len() as u64,
    }
}

/// Rebuild table `inet bangui` from the database, exactly as last applied,
/// in one transaction: every enabled nft source with its sets, counter,
/// chains and rules. With no enabled nft source the table is removed.
pub fn restore(conn: &Connection, kernel: &mut dyn Kernel) -> Result<RestoreReport> {
    let chains = kernel.chains()?;
    let mut script = super::reset_script();
    let mut report = RestoreReport {
        table_was_missing: chains.is_none(),
        sources: Vec::new(),
        changed: true,
    };
    for src in nft_sources(conn)?.into_iter().filter(|s| s.enabled) {
        let Some(l) = layout(&src) else { continue };
        let iv = stored(conn, &src)?;
        super::install_script(&mut script, &l, &iv);
        report.sources.push(restored(&src, &l, &iv));
    }
    if report.sources.is_empty() {
        if chains.is_none() {
            report.changed = false;
            return Ok(report);
        }
        script = format!("add table inet {TABLE}\ndelete table inet {TABLE}\n");
    }
    kernel.run_script(&script)?;
    Ok(report)
}

/// Before an import or `jobs run-due`: when the table is missing, restore it;
/// when only some enabled sources are missing, install those from the
/// database. `None` when the kernel already held everything.
pub fn ensure(conn: &Connection, kernel: &mut dyn Kernel) -> Result<Option<RestoreReport>> {
    let Some(chains) = kernel.chains()? else {
        let wanted = nft_sources(conn)?.iter().any(|s| s.enabled);
        return if wanted {
            restore(conn, kernel).map(Some)
        } else {
            Ok(None)
        };
    };
    let mut script = format!("add table inet {TABLE}\n");
    let mut report = RestoreReport {
        table_was_missing: false,
        sources: Vec::new(),
        changed: true,
    };
    for src in nft_sources(conn)?.into_iter().filter(|s| s.enabled) {
        let Some(l) = layout(&src) else { continue };
        if installed(&chains, &l) {
            continue;
        }
        let iv = stored(conn, &src)?;
        super::install_script(&mut script, &l, &iv);
        report.sources.push(restored(&src, &l, &iv));
    }
    if report.sources.is_empty() {
        return Ok(None);
    }
    kernel.run_script(&script)?;
    Ok(Some(report))
}

fn changes(src: &str, del: Intervals, add: Intervals) -> Vec<SetChange> {
    vec![
        SetChange {
            set: set_name(src, false),
            v6: false,
            delete: Ranges::V4(del.v4),
            add: Ranges::V4(add.v4),
        },
        SetChange {
            set: set_name(src, true),
            v6: true,
            delete: Ranges::V6(del.v6),
            add: Ranges::V6(add.v6),
        },
    ]
}

/// How many elements an import sent to the kernel.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Sent {
    pub intervals_deleted: u64,
    pub intervals_added: u64,
}

/// The apply step of an import into an nft source: the database rows and the
/// kernel's sets change together. `unparsable` are stored rows that are not
/// networks (dropped), `wanted` the screened, aggregated new list,
/// `to_add`/`to_remove` the
/// networks the diff found. The kernel gets the difference of the merged
/// intervals in one transaction; when it refuses, the database transaction
/// is rolled back and nothing changed anywhere.
#[allow(clippy::too_many_arguments)]
pub fn apply_import(
    conn: &Connection,
    kernel: &mut dyn Kernel,
    src: &Source,
    unparsable: &[&String],
    wanted: &Nets,
    to_add: &Nets,
    to_remove: &[IpNet],
    now: i64,
) -> Result<Sent> {
    // What the database held, rebuilt from the new list and the (small)
    // difference rather than by parsing every stored row again.
    let new = Intervals::of(wanted);
    let old = if to_add.len() == wanted.len() {
        // A first load: nothing of the new list was there before.
        Intervals::from_nets(to_remove.iter().copied())
    } else {
        let added: Vec<IpNet> = to_add.iter().collect();
        Intervals::from_nets(
            wanted
                .iter()
                .filter(|n| added.binary_search(n).is_err())
                .chain(to_remove.iter().copied()),
        )
    };
    let (del, add) = if old.is_empty() {
        (Intervals::default(), new)
    } else {
        (old.minus(&new), new.minus(&old))
    };
    let tx = conn
        .unchecked_transaction()
        .map_err(db("starting the import transaction"))?;
    {
        let mut rm = tx
            .prepare_cached("DELETE FROM blocklist_entries WHERE source_id = ?1 AND network = ?2")
            .map_err(db("removing entries"))?;
        for n in to_remove {
            rm.execute(params![src.id, Target::from_net(*n).to_string()])
                .map_err(db("removing entries"))?;
        }
        // Rows edited by hand into something that is not a network.
        for n in unparsable {
            rm.execute(params![src.id, n])
                .map_err(db("removing entries"))?;
        }
        let mut ins = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO blocklist_entries (source_id, network, jail, added_at)
                 VALUES (?1, ?2, '', ?3)",
            )
            .map_err(db("recording entries"))?;
        for n in to_add.iter() {
            ins.execute(params![src.id, Target::from_net(n).to_string(), now])
                .map_err(db("recording entries"))?;
        }
    }
    let sent = Sent {
        intervals_deleted: del.len() as u64,
        intervals_added: add.len() as u64,
    };
    let mut change = changes(&src.name, del, add);
    kernel.change_elements(&change)?;
    if let Err(e) = tx.commit() {
        // The kernel is ahead of the database: take the change back.
        for c in &mut change {
            std::mem::swap(&mut c.add, &mut c.delete);
        }
        let _ = kernel.change_elements(&change);
        return Err(Error::db("committing the import", e));
    }
    Ok(sent)
}

/// Remove a source's sets, counter, chains and rules from the kernel (the
/// table too when nothing else is left in it). Returns whether anything was
/// there.
pub fn uninstall(kernel: &mut dyn Kernel, name: &str) -> Result<bool> {
    let Some(chains) = kernel.chains()? else {
        return Ok(false);
    };
    let mine = |c: &String| {
        ["input", "forward"]
            .iter()
            .any(|h| *c == chain_name(name, h))
    };
    if !chains.iter().any(mine) {
        return Ok(false);
    }
    let script = if chains.iter().all(mine) {
        format!("delete table inet {TABLE}\n")
    } else {
        let mut s = String::new();
        super::uninstall_script(&mut s, name, &chains);
        s
    };
    kernel.run_script(&script)?;
    Ok(true)
}

/// Put an enabled source back into the kernel from the database.
pub fn install(conn: &Connection, kernel: &mut dyn Kernel, src: &Source) -> Result<()> {
    let Some(l) = layout(src) else {
        return Ok(());
    };
    let iv = stored(conn, src)?;
    let mut script = format!("add table inet {TABLE}\n");
    if let Some(chains) = kernel.chains()?
        && installed(&chains, &l)
    {
        super::uninstall_script(&mut script, &src.name, &chains);
    }
    super::install_script(&mut script, &l, &iv);
    kernel.run_script(&script)
}

/// Packets and bytes dropped per nft source (the counter objects), for
/// `blocklist status` and `/metrics`.
pub fn counters(kernel: &mut dyn Kernel) -> Result<BTreeMap<String, Counter>> {
    kernel.counters()
}

/// One set compared with the database, as networks.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SetComparison {
    pub source: String,
    pub set: String,
    /// The set exists in the kernel.
    pub present: bool,
    /// Recorded in the database, not in the kernel.
    pub missing: Vec<String>,
    /// In the kernel, not in the database.
    pub stray: Vec<String>,
}

/// Read table `inet bangui` and compare every enabled nft source's sets with
/// the database (`missing`, `stray`, as networks, sorted); disabled sources
/// must have no sets. Sets of no known source are reported as stray of an
/// unknown source (source `""`).
pub fn compare(conn: &Connection, kernel: &mut dyn Kernel) -> Result<Vec<SetComparison>> {
    let sets = kernel.sets()?.unwrap_or_default();
    let mut out = Vec::new();
    let mut known = Vec::new();
    for src in nft_sources(conn)? {
        let iv = if src.enabled {
            stored(conn, &src)?
        } else {
            Intervals::default()
        };
        for v6 in [false, true] {
            let name = set_name(&src.name, v6);
            known.push(name.clone());
            let want: Vec<(u128, u128)> = if v6 { iv.v6.clone() } else { iv.v4_wide() };
            let have = sets.get(&name);
            if !src.enabled && have.is_none() {
                continue;
            }
            let have_v = have.cloned().unwrap_or_default();
            out.push(SetComparison {
                source: src.name.clone(),
                set: name,
                present: have.is_some(),
                missing: as_nets(&uncovered(&want, &have_v), v6),
                stray: as_nets(&uncovered(&have_v, &want), v6),
            });
        }
    }
    for (name, have) in &sets {
        if !known.contains(name) {
            let v6 = name.ends_with("-v6");
            out.push(SetComparison {
                source: String::new(),
                set: name.clone(),
                present: true,
                missing: Vec::new(),
                stray: as_nets(have, v6),
            });
        }
    }
    Ok(out)
}

/// The parts of merged ranges `a` that merged ranges `b` do not cover.
fn uncovered(a: &[(u128, u128)], b: &[(u128, u128)]) -> Vec<(u128, u128)> {
    let mut out = Vec::new();
    let mut j = 0;
    for &(s, e) in a {
        let mut cur = s;
        while j < b.len() && b[j].1 < cur {
            j += 1;
        }
        let mut k = j;
        let mut done = false;
        while k < b.len() && b[k].0 <= e {
            if b[k].0 > cur {
                out.push((cur, b[k].0 - 1));
            }
            if b[k].1 >= e {
                done = true;
                break;
            }
            cur = b[k].1 + 1;
            k += 1;
        }
        if !done {
            out.push((cur, e));
        }
    }
    out
}

fn as_nets(r: &[(u128, u128)], v6: bool) -> Vec<String> {
    let mut out = Vec::new();
    for &(s, e) in r {
        if v6 {
            super::aggregate::to_cidrs(s, e, 0, |a, p| {
                out.push(crate::net::Target::from_net(super::aggregate::v6_net(a, p)).to_string())
            });
        } else {
            let (s, e) = (s as u32, e as u32);
            super::aggregate::to_cidrs(s, e, 0, |a, p| {
                out.push(crate::net::Target::from_net(super::aggregate::v4_net(a, p)).to_string())
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncovered_ranges() {
        assert_eq!(
            uncovered(&[(0, 10)], &[(2, 3), (5, 20)]),
            vec![(0, 1), (4, 4)]
        );
        assert_eq!(uncovered(&[(0, 10)], &[]), vec![(0, 10)]);
        assert_eq!(uncovered(&[(5, 6)], &[(0, 10)]), vec![]);
        assert_eq!(
            uncovered(&[(0, 3), (8, 9)], &[(2, 8)]),
            vec![(0, 1), (9, 9)]
        );
    }
}
