//! The fleet schema: versioned migrations embedded in the binary, applied
//! by `fleet init` in one transaction under an advisory lock. A store whose
//! schema is newer than this binary knows, or whose applied migration text
//! differs from the embedded one, is refused (configuration error, 78):
//! an applied migration is never edited, a new version is added instead.

use postgres::Client;
use serde::Serialize;

use super::pg_error;
use crate::error::{Error, Result};

/// (version, name, SQL), in order.
pub const MIGRATIONS: &[(i32, &str, &str)] =
    &[(1, "init", include_str!("migrations/V1__init.sql"))];

/// The schema version this binary writes and reads.
pub fn latest() -> i32 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// The advisory lock key of `fleet init` ("bangui-f" in ASCII).
const INIT_LOCK: i64 = 0x6261_6e67_7569_2d66;

/// FNV-1a of the migration text: enough to notice an edited migration.
pub fn checksum(sql: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in sql.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    pub from_version: i32,
    pub to_version: i32,
    pub applied: Vec<String>,
    pub changed: bool,
}

fn newer(found: i32) -> Error {
    Error::config(format!(
        "the fleet store's schema is at version {found}, newer than this bangui knows ({}): upgrade bangui on this host",
        latest()
    ))
}

/// Create or migrate the schema. Idempotent; concurrent runs serialise on
/// the advisory lock.
pub fn init(client: &mut Client) -> Result<InitReport> {
    let ctx = "initialising the fleet schema";
    let mut tx = client.transaction().map_err(|e| pg_error(ctx, e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
        .map_err(|e| pg_error(ctx, e))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS bangui_fleet_migrations (
             version    integer PRIMARY KEY,
             name       text NOT NULL,
             checksum   text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .map_err(|e| pg_error(ctx, e))?;
    let rows = tx
        .query(
            "SELECT version, checksum FROM bangui_fleet_migrations ORDER BY version",
            &[],
        )
        .map_err(|e| pg_error(ctx, e))?;
    let applied: Vec<(i32, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    let from = applied.last().map(|a| a.0).unwrap_or(0);
    if from > latest() {
        return Err(newer(from));
    }
    for (v, sum) in &applied {
        match MIGRATIONS.iter().find(|m| m.0 == *v) {
            Some(m) if checksum(m.2) == *sum => {}
            _ => {
                return Err(Error::config(format!(
                    "fleet schema migration V{v} in the store differs from the one this bangui ships: the store was changed by hand or by another build; nothing was migrated"
                )));
            }
        }
    }
    let mut done = Vec::new();
    for (v, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > from) {
        tx.batch_execute(sql)
            .map_err(|e| pg_error(&format!("applying fleet schema V{v}__{name}"), e))?;
        tx.execute(
            "INSERT INTO bangui_fleet_migrations (version, name, checksum) VALUES ($1, $2, $3)",
            &[v, name, &checksum(sql)],
        )
        .map_err(|e| pg_error(ctx, e))?;
        done.push(format!("V{v}__{name}"));
    }
    tx.commit().map_err(|e| pg_error(ctx, e))?;
    Ok(InitReport {
        from_version: from,
        to_version: latest(),
        changed: !done.is_empty(),
        applied: done,
    })
}

/// Interpret the store's schema version (`None`: no bangui schema).
pub fn verdict(found: Option<i32>) -> Result<()> {
    match found {
        None | Some(0) => Err(Error::config(
            "the fleet store has no bangui schema: run `bangui fleet init` once",
        )),
        Some(v) if v > latest() => Err(newer(v)),
        Some(v) if v < latest() => Err(Error::config(format!(
            "the fleet store's schema is at version {v}, older than this bangui needs ({}): run `bangui fleet init`",
            latest()
        ))),
        Some(_) => Ok(()),
    }
}

/// The SQL that reads the schema version (usable as a subquery).
pub const VERSION_SQL: &str = "SELECT max(version) FROM bangui_fleet_migrations";

/// Refuse to work with a store of another schema version.
pub fn check(client: &mut Client) -> Result<()> {
    let found = match client.query_one(VERSION_SQL, &[]) {
        Ok(r) => r.get::<_, Option<i32>>(0),
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => None,
        Err(e) => return Err(pg_error("reading the fleet schema version", e)),
    };
    verdict(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_judged() {
        assert!(verdict(Some(latest())).is_ok());
        let e = verdict(Some(latest() + 1)).unwrap_err();
        assert_eq!(e.exit_code(), 78);
        assert!(e.to_string().contains("newer"));
        assert_eq!(verdict(None).unwrap_err().exit_code(), 78);
    }

    #[test]
    fn migrations_are_numbered_in_order_and_checksummed() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.0, i as i32 + 1);
        }
        assert_ne!(checksum("a"), checksum("b"));
        assert_eq!(checksum("a"), checksum("a"));
    }
}
