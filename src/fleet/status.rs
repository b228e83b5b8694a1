//! `fleet status`: the hosts the store knows (version, last seen, last
//! push, pending outbox, history rows, lag), the decisions by class and
//! state, and the shared feeds. Read-only.

use postgres::Client;
use serde::Serialize;

use super::{pg_error, schema};
use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
pub struct HostStatus {
    pub host_id: String,
    pub version: String,
    pub first_seen: String,
    pub last_seen: String,
    pub last_push: Option<String>,
    pub pending_outbox: i64,
    pub history_rows: i64,
    pub history_watermark: i64,
    /// Seconds since its last push (null: never pushed).
    pub lag_s: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassStatus {
    pub class: String,
    pub active: i64,
    pub revoked: i64,
    pub expired: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedStatus {
    pub url: String,
    pub version: i64,
    pub entries: i64,
    pub fetched_at: Option<String>,
    pub fetched_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FleetStatus {
    pub schema_version: i32,
    pub hosts: Vec<HostStatus>,
    pub decisions: Vec<ClassStatus>,
    pub active_decisions: i64,
    pub history_rows: i64,
    /// The largest lag over the hosts that pushed.
    pub max_lag_s: Option<i64>,
    pub feeds: Vec<FeedStatus>,
}

const TS: &str = "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"";

pub fn status(client: &mut Client) -> Result<FleetStatus> {
    schema::check(client)?;
    let ctx = "reading the fleet status";
    let hosts: Vec<HostStatus> = client
        .query(
            &format!(
                "SELECT h.host_id, h.version,
                        to_char(h.first_seen AT TIME ZONE 'UTC', '{TS}'),
                        to_char(h.last_seen AT TIME ZONE 'UTC', '{TS}'),
                        to_char(h.last_push AT TIME ZONE 'UTC', '{TS}'),
                        h.pending_outbox,
                        (SELECT count(*) FROM fleet_history f WHERE f.host_id = h.host_id),
                        h.history_watermark,
                        extract(epoch FROM now() - h.last_push)::bigint
                 FROM fleet_hosts h ORDER BY h.host_id"
            ),
            &[],
        )
        .map_err(|e| pg_error(ctx, e))?
        .iter()
        .map(|r| HostStatus {
            host_id: r.get(0),
            version: r.get(1),
            first_seen: r.get(2),
            last_seen: r.get(3),
            last_push: r.get(4),
            pending_outbox: r.get(5),
            history_rows: r.get(6),
            history_watermark: r.get(7),
            lag_s: r.get(8),
        })
        .collect();
    let decisions: Vec<ClassStatus> = client
        .query(
            "SELECT class,
                    count(*) FILTER (WHERE revoked_at IS NULL AND (until IS NULL OR until > now())),
                    count(*) FILTER (WHERE revoked_at IS NOT NULL),
                    count(*) FILTER (WHERE revoked_at IS NULL AND until <= now())
             FROM fleet_decisions GROUP BY class ORDER BY class",
            &[],
        )
        .map_err(|e| pg_error(ctx, e))?
        .iter()
        .map(|r| ClassStatus {
            class: r.get(0),
            active: r.get(1),
            revoked: r.get(2),
            expired: r.get(3),
        })
        .collect();
    let feeds: Vec<FeedStatus> = client
        .query(
            &format!(
                "SELECT url, version, entries, to_char(fetched_at AT TIME ZONE 'UTC', '{TS}'), fetched_by
                 FROM fleet_feeds ORDER BY url"
            ),
            &[],
        )
        .map_err(|e| pg_error(ctx, e))?
        .iter()
        .map(|r| FeedStatus {
            url: r.get(0),
            version: r.get(1),
            entries: r.get(2),
            fetched_at: r.get(3),
            fetched_by: r.get(4),
        })
        .collect();
    Ok(FleetStatus {
        schema_version: schema::latest(),
        active_decisions: decisions.iter().map(|d| d.active).sum(),
        history_rows: hosts.iter().map(|h| h.history_rows).sum(),
        max_lag_s: hosts.iter().filter_map(|h| h.lag_s).max(),
        hosts,
        decisions,
        feeds,
    })
}
