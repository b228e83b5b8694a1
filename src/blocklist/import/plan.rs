//! The diff of an import: the screened networks against what this source
//! applied last time (its `blocklist_entries` rows). Reads the database,
//! changes nothing.

use std::collections::HashSet;

use ipnet::IpNet;
use rusqlite::Connection;

use super::{ImportReport, SAMPLES, db};
use crate::error::Result;
use crate::net::Target;

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

/// What applying the screened list changes, sorted, as stored.
pub(super) struct Plan {
    /// Stored rows that do not parse (edited by hand): dropped from the table.
    pub unparsable: Vec<String>,
    pub to_add: Vec<String>,
    pub to_remove: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.to_add.is_empty() && self.to_remove.is_empty()
    }
}

/// The stored entries of the source as networks, and the rows that are not.
fn stored(conn: &Connection, source_id: i64) -> Result<(HashSet<IpNet>, Vec<String>)> {
    let mut old = HashSet::new();
    let mut unparsable = Vec::new();
    for s in entries(conn, source_id)? {
        match Target::parse(&s) {
            Ok(t) => {
                old.insert(t.net());
            }
            Err(_) => unparsable.push(s),
        }
    }
    Ok((old, unparsable))
}

/// Stored networks the new list no longer holds. Memory: a million-line
/// list is a million networks; the set of the new ones is built only when
/// there are old ones to compare.
fn removed(old: &HashSet<IpNet>, wanted: &[IpNet]) -> Vec<IpNet> {
    let new: HashSet<IpNet> = if old.is_empty() {
        HashSet::new()
    } else {
        wanted.iter().copied().collect()
    };
    let mut out: Vec<IpNet> = old.iter().filter(|n| !new.contains(n)).copied().collect();
    out.sort_unstable();
    out
}

fn names(nets: impl Iterator<Item = IpNet>) -> Vec<String> {
    nets.map(|n| Target::from_net(n).to_string()).collect()
}

/// The diff of `wanted` against what the source applied.
pub(super) fn diff(conn: &Connection, source_id: i64, wanted: &[IpNet]) -> Result<Plan> {
    let (old, unparsable) = stored(conn, source_id)?;
    let to_remove = removed(&old, wanted);
    let mut to_add: Vec<IpNet> = wanted
        .iter()
        .filter(|n| !old.contains(n))
        .copied()
        .collect();
    to_add.sort_unstable();
    Ok(Plan {
        unparsable,
        to_add: names(to_add.into_iter()),
        to_remove: names(to_remove.into_iter()),
    })
}

/// A dry run's account of the diff: counts, and samples of both sides,
/// without collecting the additions.
pub(super) fn dry_run(
    conn: &Connection,
    source_id: i64,
    wanted: &[IpNet],
    r: &mut ImportReport,
) -> Result<()> {
    let (old, _) = stored(conn, source_id)?;
    let to_remove = removed(&old, wanted);
    let mut adds = wanted.iter().filter(|n| !old.contains(n));
    r.added_sample = names(adds.by_ref().take(SAMPLES).copied());
    r.to_add = (r.added_sample.len() + adds.count()) as u64;
    r.to_remove = to_remove.len() as u64;
    r.removed_sample = names(to_remove.into_iter().take(SAMPLES));
    Ok(())
}
