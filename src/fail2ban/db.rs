//! Read-only access to fail2ban's own SQLite database. fail2ban drops ban
//! records when a reader holds its database for seconds, so every query here
//! is a short autocommit SELECT on a read-only connection, stepped to the end
//! at once. Never a transaction, never a pragma that writes.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// Where fail2ban's database is: `configured` when given, else what the
/// server answers to `get dbfile` (`None`: fail2ban runs without one).
pub fn locate(
    configured: Option<&Path>,
    t: &mut dyn crate::fail2ban::Transport,
) -> Result<Option<std::path::PathBuf>> {
    if let Some(p) = configured {
        return Ok(Some(p.to_path_buf()));
    }
    Ok(crate::fail2ban::api::get_dbfile(t)?.map(std::path::PathBuf::from))
}

/// Open fail2ban's database read-only with a short busy timeout.
pub fn open_readonly(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(Error::NoInput {
            what: "fail2ban database".into(),
            path: path.to_path_buf(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::db(format!("opening fail2ban database {}", path.display()), e))?;
    conn.busy_timeout(Duration::from_secs(2))
        .map_err(|e| Error::db("setting busy timeout", e))?;
    Ok(conn)
}

/// `bancount` per (jail, ip) from the `bips` table (schema v4).
pub fn ban_counts(path: &Path) -> Result<HashMap<(String, String), i64>> {
    let conn = open_readonly(path)?;
    let mut stmt = conn
        .prepare("SELECT jail, ip, bancount FROM bips")
        .map_err(|e| Error::db("reading fail2ban's bips table", e))?;
    let rows = stmt
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .map_err(|e| Error::db("reading fail2ban's bips table", e))?;
    rows.collect::<rusqlite::Result<HashMap<_, _>>>()
        .map_err(|e| Error::db("reading fail2ban's bips table", e))
}
