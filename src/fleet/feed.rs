//! The fleet as a blocklist "fetch": a `fleet:` source reads the active
//! decisions from the store, and a `--fleet-shared` source reads the set one
//! host fetched for the whole fleet. Both hand the import pipeline a reader
//! of lines, so parse → safety → diff → apply stays the one shared path and
//! each host's own policy decides what it bans. An import with nothing new
//! costs one indexed query: the change counter of the class (and the next
//! expiry) is the source's ETag.

use std::io::{BufReader, Read};

use postgres::Client;
use rusqlite::Connection;

use super::{connect, outbox, pg_error, schema};
use crate::blocklist::fetch::{self, Body, Conditional, FetchOptions, Fetched};
use crate::blocklist::parse;
use crate::blocklist::source::Source;
use crate::config::FleetConfig;
use crate::error::{Error, Result};
use crate::util::sanitize;

/// Rows per cursor fetch while streaming a set.
const FETCH_ROWS: i64 = 10_000;

/// The import's fetch step: the fleet for `fleet:` and `--fleet-shared`
/// sources, HTTP (or a file) for the rest.
pub fn fetch_source(
    conn: &Connection,
    src: &Source,
    fleet: Option<&FleetConfig>,
    fopts: &FetchOptions,
    cond: Option<&Conditional>,
) -> Result<Fetched> {
    if let Some(class) = super::source_class(&src.url) {
        let cfg = fleet.ok_or_else(|| {
            Error::config(format!(
                "source {} reads the fleet, but fleet.url is not set",
                src.name
            ))
        })?;
        return decisions(cfg, class, cond);
    }
    if outbox::is_shared(conn, src.id)? {
        let cfg = fleet.ok_or_else(|| {
            Error::config(format!(
                "source {} is fleet-shared, but fleet.url is not set",
                src.name
            ))
        })?;
        return shared(cfg, src, fopts, cond);
    }
    fetch::fetch(&src.url, fopts, cond)
}

fn not_modified(cond: Option<&Conditional>, etag: &str) -> bool {
    cond.and_then(|c| c.etag.as_deref()) == Some(etag)
}

/// The active decisions of `class` (every class when `None`).
fn decisions(
    cfg: &FleetConfig,
    class: Option<&str>,
    cond: Option<&Conditional>,
) -> Result<Fetched> {
    if let Some(c) = class {
        super::check_class(c)?;
    }
    let mut client = connect(cfg)?;
    let ctx = "reading fleet decisions";
    // One round trip: schema version, change counter, next expiry.
    let row = client
        .query_one(
            &format!(
                "SELECT ({}),
                        (SELECT coalesce(max(version), 0) FROM fleet_classes WHERE $1::text IS NULL OR class = $1),
                        (SELECT extract(epoch FROM min(until))::bigint FROM fleet_decisions
                          WHERE revoked_at IS NULL AND until > now() AND ($1::text IS NULL OR class = $1))",
                schema::VERSION_SQL
            ),
            &[&class],
        )
        .map_err(|e| match e.code() {
            Some(&postgres::error::SqlState::UNDEFINED_TABLE) => {
                schema::verdict(None).err().unwrap_or_else(|| pg_error(ctx, e))
            }
            _ => pg_error(ctx, e),
        })?;
    schema::verdict(row.get::<_, Option<i32>>(0))?;
    let version: i64 = row.get(1);
    let next_expiry: Option<i64> = row.get(2);
    let etag = format!("fleet-v{version}-e{}", next_expiry.unwrap_or(0));
    if not_modified(cond, &etag) {
        return Ok(Fetched::NotModified { http_status: 304 });
    }
    // The class is checked above to hold jail-name characters only.
    let filter = match class {
        Some(c) => format!("AND class = '{c}'"),
        None => String::new(),
    };
    let sql = format!(
        "DECLARE bangui_feed NO SCROLL CURSOR FOR
         SELECT DISTINCT network::text FROM fleet_decisions
         WHERE revoked_at IS NULL AND (until IS NULL OR until > now()) {filter}"
    );
    stream(
        client,
        &sql,
        etag,
        class
            .map(|c| format!("fleet:{c}"))
            .unwrap_or_else(|| "fleet:".into()),
    )
}

/// Open a read-only transaction with a cursor and hand out its rows as
/// lines, `FETCH_ROWS` at a time: the set is never held whole in memory.
fn stream(mut client: Client, declare: &str, etag: String, url: String) -> Result<Fetched> {
    let ctx = "reading a set from the fleet store";
    client
        .batch_execute("BEGIN READ ONLY")
        .map_err(|e| pg_error(ctx, e))?;
    client
        .batch_execute(declare)
        .map_err(|e| pg_error(ctx, e))?;
    Ok(Fetched::Body(Body {
        reader: Box::new(BufReader::with_capacity(
            1 << 16,
            Cursor {
                client,
                buf: Vec::new(),
                pos: 0,
                done: false,
            },
        )),
        http_status: Some(200),
        etag: Some(etag),
        last_modified: None,
        length: None,
        final_url: url,
    }))
}

struct Cursor {
    client: Client,
    buf: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Cursor {
    fn refill(&mut self) -> Result<()> {
        let rows = self
            .client
            .query(&format!("FETCH FORWARD {FETCH_ROWS} FROM bangui_feed"), &[])
            .map_err(|e| pg_error("reading a set from the fleet store", e))?;
        self.buf.clear();
        self.pos = 0;
        if rows.is_empty() {
            self.done = true;
            let _ = self.client.batch_execute("COMMIT");
            return Ok(());
        }
        for r in rows {
            let s: String = r.get(0);
            self.buf.extend_from_slice(s.as_bytes());
            self.buf.push(b'\n');
        }
        Ok(())
    }
}

impl Read for Cursor {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.buf.len() {
            if self.done {
                return Ok(0);
            }
            self.refill().map_err(std::io::Error::other)?;
            if self.done {
                return Ok(0);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The lock key of a shared feed: PostgreSQL hashes the URL.
const FEED_LOCK_SQL: &str = "SELECT pg_advisory_xact_lock(hashtextextended($1, 7340))";

/// A feed fetched once per interval for the whole fleet: the first host
/// whose import finds the stored copy older than the source's interval
/// fetches it under an advisory lock (the others wait, then read the fresh
/// copy); every host then reads the stored set.
fn shared(
    cfg: &FleetConfig,
    src: &Source,
    fopts: &FetchOptions,
    cond: Option<&Conditional>,
) -> Result<Fetched> {
    let mut client = connect(cfg)?;
    schema::check(&mut client)?;
    let ctx = "fetching a fleet-shared feed";
    let interval = src.interval_s.min(i64::MAX as u64) as i64;
    let fresh = |c: &mut postgres::Transaction<'_>| -> Result<Option<(i64, i64)>> {
        let row = c
            .query_opt(
                "SELECT id, version, fetched_at IS NOT NULL AND fetched_at > now() - make_interval(secs => $2::bigint)
                 FROM fleet_feeds WHERE url = $1",
                &[&src.url, &interval],
            )
            .map_err(|e| pg_error(ctx, e))?;
        Ok(row.and_then(|r| r.get::<_, bool>(2).then(|| (r.get(0), r.get(1)))))
    };
    let (id, version) = {
        let mut tx = client.transaction().map_err(|e| pg_error(ctx, e))?;
        let got = match fresh(&mut tx)? {
            Some(f) => f,
            None => {
                tx.execute(FEED_LOCK_SQL, &[&src.url])
                    .map_err(|e| pg_error(ctx, e))?;
                match fresh(&mut tx)? {
                    // Another host fetched it while this one waited.
                    Some(f) => f,
                    None => fetch_into_store(&mut tx, cfg, src, fopts)?,
                }
            }
        };
        tx.commit().map_err(|e| pg_error(ctx, e))?;
        got
    };
    let etag = format!("feed-{id}-v{version}");
    if not_modified(cond, &etag) {
        return Ok(Fetched::NotModified { http_status: 304 });
    }
    stream(
        client,
        &format!(
            "DECLARE bangui_feed NO SCROLL CURSOR FOR SELECT entry FROM fleet_feed_entries WHERE feed_id = {id}"
        ),
        etag,
        src.url.clone(),
    )
}

/// Fetch the feed (conditionally, with the store's validators) and replace
/// the stored set inside the caller's transaction; returns (id, version).
fn fetch_into_store(
    tx: &mut postgres::Transaction<'_>,
    cfg: &FleetConfig,
    src: &Source,
    fopts: &FetchOptions,
) -> Result<(i64, i64)> {
    let ctx = "storing a fleet-shared feed";
    let row = tx
        .query_one(
            "INSERT INTO fleet_feeds (url) VALUES ($1)
             ON CONFLICT (url) DO UPDATE SET url = EXCLUDED.url
             RETURNING id, version, etag, last_modified",
            &[&src.url],
        )
        .map_err(|e| pg_error(ctx, e))?;
    let (id, version): (i64, i64) = (row.get(0), row.get(1));
    let cond = Conditional {
        etag: row.get(2),
        last_modified: row.get(3),
    };
    let has_cond = version > 0 && (cond.etag.is_some() || cond.last_modified.is_some());
    match fetch::fetch(&src.url, fopts, has_cond.then_some(&cond))? {
        Fetched::NotModified { .. } => {
            tx.execute(
                "UPDATE fleet_feeds SET fetched_at = now(), fetched_by = $2 WHERE id = $1",
                &[&id, &cfg.host_id],
            )
            .map_err(|e| pg_error(ctx, e))?;
            Ok((id, version))
        }
        Fetched::Body(body) => {
            let etag = body.etag.clone();
            let last_modified = body.last_modified.clone();
            let parsed = parse::parse_reader(body.reader, src.format, &mut |_| {})
                .map_err(fetch::reader_error)?;
            if parsed.stats.valid == 0 && parsed.stats.invalid > 0 {
                return Err(Error::bad_input(format!(
                    "every line of {} is invalid; the fleet's copy was kept",
                    sanitize(&src.url)
                )));
            }
            // The entries as parsed (not merged): each host's own prefix
            // limits must judge them as if it had fetched the feed itself.
            let mut lines: Vec<String> = parsed
                .v4
                .iter()
                .map(|&(s, e)| {
                    range_line(
                        std::net::Ipv4Addr::from(s).into(),
                        std::net::Ipv4Addr::from(e).into(),
                    )
                })
                .chain(parsed.v6.iter().map(|&(s, e)| {
                    range_line(
                        std::net::Ipv6Addr::from(s).into(),
                        std::net::Ipv6Addr::from(e).into(),
                    )
                }))
                .collect();
            lines.sort_unstable();
            lines.dedup();
            tx.execute("DELETE FROM fleet_feed_entries WHERE feed_id = $1", &[&id])
                .map_err(|e| pg_error(ctx, e))?;
            let mut buf = Vec::with_capacity(lines.len() * 20);
            for l in &lines {
                buf.extend_from_slice(format!("{id}\t{l}\n").as_bytes());
            }
            {
                let mut w = tx
                    .copy_in("COPY fleet_feed_entries (feed_id, entry) FROM STDIN")
                    .map_err(|e| pg_error(ctx, e))?;
                std::io::Write::write_all(&mut w, &buf).map_err(|e| Error::FleetUnavailable {
                    message: format!("{ctx}: {e}"),
                })?;
                w.finish().map_err(|e| pg_error(ctx, e))?;
            }
            let row = tx
                .query_one(
                    "UPDATE fleet_feeds SET version = version + 1, fetched_at = now(), fetched_by = $2,
                         etag = $3, last_modified = $4, entries = $5
                     WHERE id = $1 RETURNING version",
                    &[&id, &cfg.host_id, &etag, &last_modified, &(lines.len() as i64)],
                )
                .map_err(|e| pg_error(ctx, e))?;
            Ok((id, row.get(0)))
        }
    }
}

/// One parsed range as a line the parser reads back to the same range.
fn range_line(s: std::net::IpAddr, e: std::net::IpAddr) -> String {
    if s == e {
        s.to_string()
    } else {
        format!("{s} - {e}")
    }
}
