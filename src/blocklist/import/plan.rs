//! The diff of an import: the screened networks against what this source
//! applied last time (its `blocklist_entries` rows). Reads the database,
//! changes nothing.

use std::borrow::Cow;
use std::collections::HashSet;

use ipnet::IpNet;
use rusqlite::Connection;

use super::{ImportReport, SAMPLES, db};
use crate::blocklist::aggregate::Nets;
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

/// What applying the screened list changes, sorted.
pub(super) struct Plan<'a> {
    /// Stored rows that do not parse (edited by hand): dropped from the table.
    pub unparsable: Vec<String>,
    /// On a first import the screened list itself, not a copy of it.
    pub to_add: Cow<'a, Nets>,
    pub to_remove: Vec<IpNet>,
}

impl Plan<'_> {
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

/// The diff of `wanted` against what the source applied. Memory: a
/// million-line list is a million networks; the set of the new ones is built
/// only when there are old ones to compare.
pub(super) fn diff<'a>(conn: &Connection, source_id: i64, wanted: &'a Nets) -> Result<Plan<'a>> {
    let (old, unparsable) = stored(conn, source_id)?;
    if old.is_empty() {
        return Ok(Plan {
            unparsable,
            to_add: Cow::Borrowed(wanted),
            to_remove: Vec::new(),
        });
    }
    let new: HashSet<IpNet> = wanted.iter().collect();
    let mut to_remove: Vec<IpNet> = old.iter().filter(|n| !new.contains(n)).copied().collect();
    drop(new);
    to_remove.sort_unstable();
    let to_add = wanted.iter().filter(|n| !old.contains(n)).collect();
    Ok(Plan {
        unparsable,
        to_add: Cow::Owned(to_add),
        to_remove,
    })
}

/// A dry run's account of the diff: counts, and samples of both sides.
pub(super) fn dry_run(
    conn: &Connection,
    source_id: i64,
    wanted: &Nets,
    r: &mut ImportReport,
) -> Result<()> {
    let plan = diff(conn, source_id, wanted)?;
    r.to_add = plan.to_add.len() as u64;
    r.to_remove = plan.to_remove.len() as u64;
    r.added_sample = sample(plan.to_add.iter());
    r.removed_sample = sample(plan.to_remove.iter().copied());
    Ok(())
}

/// The first networks of a list, as text, for a report.
pub(super) fn sample(nets: impl Iterator<Item = IpNet>) -> Vec<String> {
    nets.take(SAMPLES)
        .map(|n| Target::from_net(n).to_string())
        .collect()
}
