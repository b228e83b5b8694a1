//! The local side of the fleet, in this host's SQLite: the outbox of
//! decisions and revocations waiting to be published, the watermarks of
//! what was pushed, and which sources are fetched once for the fleet. It
//! never talks to PostgreSQL.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::net::Target;

fn db(context: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::db(context, e)
}

/// A decision or revocation to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub uid: String,
    /// `share` or `revoke`.
    pub kind: String,
    pub network: String,
    pub class: Option<String>,
    pub actor: String,
    pub reason: Option<String>,
    pub created_at: i64,
    pub until: Option<i64>,
}

/// What to queue.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub share: bool,
    pub class: Option<&'a str>,
    pub actor: &'a str,
    pub reason: Option<&'a str>,
    pub until: Option<i64>,
}

/// Queue one row per target in one transaction; returns their ids. The uid
/// (host, time, row id) makes publishing idempotent.
pub fn enqueue(
    conn: &Connection,
    host_id: &str,
    targets: &[Target],
    e: &NewEntry<'_>,
    now: i64,
) -> Result<Vec<i64>> {
    let tx = conn
        .unchecked_transaction()
        .map_err(db("queueing fleet decisions"))?;
    let mut ids = Vec::with_capacity(targets.len());
    {
        let mut st = tx
            .prepare_cached(
                "INSERT INTO fleet_outbox (uid, kind, network, class, actor, reason, created_at, until)
                 VALUES ('', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(db("queueing fleet decisions"))?;
        let mut uid = tx
            .prepare_cached("UPDATE fleet_outbox SET uid = ?1 WHERE id = ?2")
            .map_err(db("queueing fleet decisions"))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        for t in targets {
            st.execute(params![
                if e.share { "share" } else { "revoke" },
                t.to_string(),
                e.class,
                e.actor,
                e.reason,
                now,
                e.until
            ])
            .map_err(db("queueing fleet decisions"))?;
            let id = tx.last_insert_rowid();
            uid.execute(params![format!("{host_id}:{now}.{nanos:09}:{id}"), id])
                .map_err(db("queueing fleet decisions"))?;
            ids.push(id);
        }
    }
    tx.commit().map_err(db("queueing fleet decisions"))?;
    Ok(ids)
}

/// Everything queued, oldest first (revocations keep their order relative
/// to shares).
pub fn pending(conn: &Connection) -> Result<Vec<Entry>> {
    let mut st = conn
        .prepare(
            "SELECT id, uid, kind, network, class, actor, reason, created_at, until
             FROM fleet_outbox ORDER BY id",
        )
        .map_err(db("reading the fleet outbox"))?;
    let rows = st
        .query_map([], |r| {
            Ok(Entry {
                id: r.get(0)?,
                uid: r.get(1)?,
                kind: r.get(2)?,
                network: r.get(3)?,
                class: r.get(4)?,
                actor: r.get(5)?,
                reason: r.get(6)?,
                created_at: r.get(7)?,
                until: r.get(8)?,
            })
        })
        .map_err(db("reading the fleet outbox"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading the fleet outbox"))
}

pub fn count(conn: &Connection) -> Result<u64> {
    conn.query_row("SELECT COUNT(*) FROM fleet_outbox", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n.max(0) as u64)
    .map_err(db("counting the fleet outbox"))
}

/// Drop published rows.
pub fn remove(conn: &Connection, ids: &[i64]) -> Result<()> {
    let tx = conn
        .unchecked_transaction()
        .map_err(db("emptying the fleet outbox"))?;
    {
        let mut st = tx
            .prepare_cached("DELETE FROM fleet_outbox WHERE id = ?1")
            .map_err(db("emptying the fleet outbox"))?;
        for id in ids {
            st.execute([id]).map_err(db("emptying the fleet outbox"))?;
        }
    }
    tx.commit().map_err(db("emptying the fleet outbox"))
}

/// Remember why publishing failed (for `fleet status`).
pub fn note_failure(conn: &Connection, error: &str) -> Result<()> {
    conn.execute(
        "UPDATE fleet_outbox SET attempts = attempts + 1, last_error = ?1",
        [error],
    )
    .map_err(db("updating the fleet outbox"))?;
    Ok(())
}

pub fn state(conn: &Connection, name: &str) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT value FROM fleet_state WHERE name = ?1",
        [name],
        |r| r.get(0),
    )
    .optional()
    .map_err(db("reading the fleet state"))
}

pub fn set_state(conn: &Connection, name: &str, value: i64, now: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO fleet_state (name, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET value = ?2, updated_at = ?3",
        params![name, value, now],
    )
    .map_err(db("writing the fleet state"))?;
    Ok(())
}

/// Whether a source is fetched once for the fleet.
pub fn is_shared(conn: &Connection, source_id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT 1 FROM fleet_shared_sources WHERE source_id = ?1",
        [source_id],
        |_| Ok(()),
    )
    .optional()
    .map(|o| o.is_some())
    .map_err(db("reading fleet-shared sources"))
}

pub fn set_shared(conn: &Connection, source_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO fleet_shared_sources (source_id) VALUES (?1)",
        [source_id],
    )
    .map_err(db("marking a fleet-shared source"))?;
    Ok(())
}

/// This host's ban history after `after`, in id order, at most `limit` rows:
/// (id, jail, ip, timeofban, bantime, bancount, origin, source).
pub type HistoryRow = (i64, String, String, i64, i64, i64, String, Option<String>);

pub fn history_after(conn: &Connection, after: i64, limit: usize) -> Result<Vec<HistoryRow>> {
    let mut st = conn
        .prepare_cached(
            "SELECT id, jail, ip, timeofban, bantime, bancount, origin, source
             FROM ban_history WHERE id > ?1 ORDER BY id LIMIT ?2",
        )
        .map_err(db("reading history to push"))?;
    let rows = st
        .query_map(params![after, limit as i64], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .map_err(db("reading history to push"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading history to push"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        crate::db::test_db()
    }

    #[test]
    fn queue_read_and_remove_in_order() {
        let c = conn();
        let t = [
            Target::parse("8.8.8.8").unwrap(),
            Target::parse("9.9.9.0/24").unwrap(),
        ];
        let e = NewEntry {
            share: true,
            class: Some("sshd"),
            actor: "root",
            reason: Some("scan"),
            until: Some(200),
        };
        let ids = enqueue(&c, "a", &t, &e, 100).unwrap();
        let revoke = NewEntry {
            share: false,
            class: None,
            reason: None,
            until: None,
            ..e
        };
        enqueue(&c, "a", &t[..1], &revoke, 101).unwrap();
        let p = pending(&c).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].network, "8.8.8.8");
        assert_eq!(p[1].network, "9.9.9.0/24");
        assert_eq!(p[2].kind, "revoke");
        assert!(p[0].uid.starts_with("a:100."));
        assert_ne!(p[0].uid, p[1].uid);
        remove(&c, &ids).unwrap();
        assert_eq!(count(&c).unwrap(), 1);
    }
}
