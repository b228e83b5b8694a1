//! Publishing this host's side of the fleet: the outbox (shares and
//! revocations) and the ban history rows added since the host's watermark.
//! Every batch is one PostgreSQL transaction that carries its watermark, so
//! a push cut off at any point (the store killed, the job stopped) has
//! published whole batches only, and the next push goes on from there.
//! Decisions carry a unique id and history rows their (host, local id) key:
//! re-publishing inserts nothing twice.

use std::collections::BTreeSet;
use std::io::Write;

use postgres::Client;
use postgres::error::SqlState;
use rusqlite::Connection;
use serde::Serialize;

use super::outbox::{self, Entry};
use super::{pg_error, schema};
use crate::error::Result;
use crate::net::Target;

/// Outbox rows per transaction.
const OUTBOX_BATCH: usize = 1000;

#[derive(Debug, Clone, Serialize, Default)]
pub struct PushReport {
    pub host_id: String,
    /// Shares newly stored in the fleet.
    pub decisions_published: u64,
    /// Decisions revoked in the fleet.
    pub decisions_revoked: u64,
    pub history_rows: u64,
    /// The last local history id the store now holds.
    pub history_watermark: i64,
    pub batches: u64,
    /// Still queued locally afterwards.
    pub pending_outbox: u64,
    pub changed: bool,
    /// Stopped between batches by a shutdown request.
    pub stopped: bool,
}

/// Register (or refresh) this host.
pub fn register(client: &mut Client, host_id: &str, version: &str, pending: u64) -> Result<()> {
    client
        .execute(
            "INSERT INTO fleet_hosts (host_id, version, pending_outbox) VALUES ($1, $2, $3)
             ON CONFLICT (host_id) DO UPDATE SET version = $2, last_seen = now(), pending_outbox = $3",
            &[&host_id, &version, &(pending as i64)],
        )
        .map_err(|e| pg_error("registering this host in the fleet", e))?;
    Ok(())
}

/// Publish the outbox only (what `ban --share` does right away).
pub fn push_outbox(
    conn: &Connection,
    client: &mut Client,
    host_id: &str,
    version: &str,
    report: &mut PushReport,
) -> Result<()> {
    schema::check(client)?;
    let pending = outbox::pending(conn)?;
    register(client, host_id, version, pending.len() as u64)?;
    for chunk in pending.chunks(OUTBOX_BATCH) {
        let (published, revoked) = publish(client, host_id, chunk)?;
        // The store has them; a crash before this delete only means the
        // next push re-sends rows that the store then ignores.
        outbox::remove(conn, &chunk.iter().map(|e| e.id).collect::<Vec<_>>())?;
        report.decisions_published += published;
        report.decisions_revoked += revoked;
        report.batches += 1;
    }
    report.pending_outbox = outbox::count(conn)?;
    report.changed |= report.decisions_published + report.decisions_revoked > 0;
    Ok(())
}

fn publish(client: &mut Client, host_id: &str, chunk: &[Entry]) -> Result<(u64, u64)> {
    let ctx = "publishing fleet decisions";
    let mut tx = client.transaction().map_err(|e| pg_error(ctx, e))?;
    let share = tx
        .prepare(
            "INSERT INTO fleet_decisions (uid, network, class, origin_host, actor, reason, created_at, until)
             VALUES ($1, $2::text::cidr, $3, $4, $5, $6, to_timestamp($7::bigint), to_timestamp($8::bigint))
             ON CONFLICT (uid) DO NOTHING",
        )
        .map_err(|e| pg_error(ctx, e))?;
    let revoke = tx
        .prepare(
            "UPDATE fleet_decisions SET revoked_at = now(), revoked_by = $1
             WHERE network = $2::text::cidr AND ($3::text IS NULL OR class = $3)
               AND revoked_at IS NULL AND created_at <= to_timestamp($4::bigint)
             RETURNING class",
        )
        .map_err(|e| pg_error(ctx, e))?;
    let mut classes: BTreeSet<String> = BTreeSet::new();
    let (mut published, mut revoked) = (0u64, 0u64);
    for e in chunk {
        // Only a network bangui itself validated reaches SQL; a row edited
        // by hand into something else is dropped with a warning.
        let Ok(net) = Target::parse(&e.network) else {
            tracing::warn!(event = "fleet_outbox_invalid", component = "fleet", network = %e.network, "dropping an invalid outbox row");
            continue;
        };
        let net = net.net().to_string();
        if e.kind == "share" {
            let Some(class) = &e.class else { continue };
            let n = tx
                .execute(
                    &share,
                    &[
                        &e.uid,
                        &net,
                        class,
                        &host_id,
                        &e.actor,
                        &e.reason,
                        &e.created_at,
                        &e.until,
                    ],
                )
                .map_err(|err| pg_error(ctx, err))?;
            if n > 0 {
                published += n;
                classes.insert(class.clone());
            }
        } else {
            let rows = tx
                .query(&revoke, &[&host_id, &net, &e.class, &e.created_at])
                .map_err(|err| pg_error(ctx, err))?;
            revoked += rows.len() as u64;
            classes.extend(rows.iter().map(|r| r.get::<_, String>(0)));
        }
    }
    for c in &classes {
        tx.execute(
            "INSERT INTO fleet_classes (class, version) VALUES ($1, nextval('fleet_change_seq'))
             ON CONFLICT (class) DO UPDATE SET version = EXCLUDED.version",
            &[c],
        )
        .map_err(|e| pg_error(ctx, e))?;
    }
    tx.commit().map_err(|e| pg_error(ctx, e))?;
    Ok((published, revoked))
}

/// COPY one batch into `table` inside a savepoint of `tx`, so a refused
/// COPY leaves the transaction usable.
fn copy_batch(
    tx: &mut postgres::Transaction<'_>,
    table: &str,
    buf: &[u8],
) -> std::result::Result<(), postgres::Error> {
    let mut sp = tx.transaction()?;
    {
        let mut w = sp.copy_in(&format!(
            "COPY {table} (host_id, local_id, jail, ip, timeofban, bantime, bancount, origin, source) FROM STDIN"
        ))?;
        // A write error surfaces again, with the server's reason, at finish.
        let _ = w.write_all(buf);
        w.finish()?;
    }
    sp.commit()
}

/// COPY's text format: backslash, tab, newline and carriage return escaped.
fn copy_field(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.extend_from_slice(b"\\N"),
        Some(s) => {
            for b in s.bytes() {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b => out.push(b),
                }
            }
        }
    }
}

/// Publish the outbox, then the history after the store's watermark for
/// this host, batch by batch.
pub fn push(
    conn: &Connection,
    client: &mut Client,
    host_id: &str,
    version: &str,
    batch_rows: usize,
    should_stop: &dyn Fn() -> bool,
    now: i64,
) -> Result<PushReport> {
    let mut r = PushReport {
        host_id: host_id.to_string(),
        ..PushReport::default()
    };
    push_outbox(conn, client, host_id, version, &mut r)?;
    let ctx = "pushing history to the fleet";
    let mut wm: i64 = client
        .query_one(
            "SELECT history_watermark FROM fleet_hosts WHERE host_id = $1",
            &[&host_id],
        )
        .map_err(|e| pg_error(ctx, e))?
        .get(0);
    client
        .batch_execute(
            "CREATE TEMP TABLE IF NOT EXISTS fleet_history_stage (LIKE fleet_history) ON COMMIT DELETE ROWS",
        )
        .map_err(|e| pg_error(ctx, e))?;
    // COPY cannot apply row-level security (examples/fleet/roles.sql turns
    // it on for host roles): then every batch goes through the stage.
    let rls: bool = client
        .query_one(
            "SELECT relrowsecurity FROM pg_class WHERE oid = 'fleet_history'::regclass",
            &[],
        )
        .map_err(|e| pg_error(ctx, e))?
        .get(0);
    let mut buf = Vec::with_capacity(1 << 20);
    loop {
        if should_stop() {
            r.stopped = true;
            break;
        }
        let rows = outbox::history_after(conn, wm, batch_rows.max(1))?;
        let Some(last) = rows.last().map(|row| row.0) else {
            break;
        };
        buf.clear();
        let mut n = 0u64;
        for (id, jail, ip, tob, bantime, bancount, origin, source) in &rows {
            // fail2ban's rows are IPs; anything else is not sent.
            let Ok(t) = Target::parse(ip) else { continue };
            copy_field(&mut buf, Some(host_id));
            let _ = write!(buf, "\t{id}\t");
            copy_field(&mut buf, Some(jail));
            let _ = write!(buf, "\t{}\t{tob}\t{bantime}\t{bancount}\t", t.net());
            copy_field(&mut buf, Some(origin));
            buf.push(b'\t');
            copy_field(&mut buf, source.as_deref());
            buf.push(b'\n');
            n += 1;
        }
        let mut tx = client.transaction().map_err(|e| pg_error(ctx, e))?;
        // Straight into the table; rows the store already holds (a reset
        // watermark) or row-level security send the batch through a staging
        // table and INSERT … ON CONFLICT instead.
        let direct = if rls {
            Err(None)
        } else {
            copy_batch(&mut tx, "fleet_history", &buf).map_err(Some)
        };
        let inserted = match direct {
            Ok(()) => n,
            Err(Some(e)) if e.code() != Some(&SqlState::UNIQUE_VIOLATION) => {
                return Err(pg_error(ctx, e));
            }
            Err(_) => {
                copy_batch(&mut tx, "fleet_history_stage", &buf).map_err(|e| pg_error(ctx, e))?;
                tx.execute(
                    "INSERT INTO fleet_history SELECT * FROM fleet_history_stage
                     ON CONFLICT (host_id, local_id) DO NOTHING",
                    &[],
                )
                .map_err(|e| pg_error(ctx, e))?
            }
        };
        tx.execute(
            "UPDATE fleet_hosts SET history_watermark = $2, last_seen = now() WHERE host_id = $1",
            &[&host_id, &last],
        )
        .map_err(|e| pg_error(ctx, e))?;
        tx.commit().map_err(|e| pg_error(ctx, e))?;
        wm = last;
        r.history_rows += inserted;
        r.batches += 1;
        outbox::set_state(conn, "history_watermark", wm, now)?;
    }
    r.history_watermark = wm;
    r.changed |= r.history_rows > 0;
    client
        .execute(
            "UPDATE fleet_hosts SET last_push = now(), last_seen = now(), pending_outbox = $2 WHERE host_id = $1",
            &[&host_id, &(r.pending_outbox as i64)],
        )
        .map_err(|e| pg_error(ctx, e))?;
    outbox::set_state(conn, "last_push", now, now)?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_fields_are_escaped() {
        let mut b = Vec::new();
        copy_field(&mut b, Some("a\tb\\c\nd"));
        b.push(b'|');
        copy_field(&mut b, None);
        assert_eq!(b, b"a\\tb\\\\c\\nd|\\N");
    }
}
