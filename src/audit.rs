//! The append-only audit trail of state-changing commands: who, what, when,
//! on which jail and targets, and how it ended.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::util::rfc3339;

#[derive(Debug, Clone)]
pub struct AuditRecord<'a> {
    pub at: i64,
    pub actor: &'a str,
    pub command: &'a str,
    pub jail: Option<&'a str>,
    pub targets: &'a [String],
    /// ok, partial, refused, failed, dry-run
    pub outcome: &'a str,
    pub changed: bool,
    pub detail: Option<serde_json::Value>,
}

pub fn append(conn: &Connection, r: &AuditRecord<'_>) -> Result<i64> {
    let targets = serde_json::to_string(r.targets).unwrap_or_else(|_| "[]".into());
    let detail = r.detail.as_ref().map(|d| d.to_string());
    conn.execute(
        "INSERT INTO audit_log (at, actor, command, jail, targets, outcome, changed, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            r.at, r.actor, r.command, r.jail, targets, r.outcome, r.changed, detail
        ],
    )
    .map_err(|e| Error::db("writing the audit log", e))?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub command: String,
    pub jail: Option<String>,
    pub targets: Vec<String>,
    pub outcome: String,
    pub changed: bool,
    pub detail: Option<serde_json::Value>,
}

/// Newest first.
pub fn list(conn: &Connection, since: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, at, actor, command, jail, targets, outcome, changed, detail
             FROM audit_log WHERE at >= ?1 ORDER BY at DESC, id DESC LIMIT ?2",
        )
        .map_err(|e| Error::db("reading the audit log", e))?;
    let rows = stmt
        .query_map(params![since.unwrap_or(i64::MIN), limit], |r| {
            let targets: String = r.get(5)?;
            let detail: Option<String> = r.get(8)?;
            Ok(AuditEntry {
                id: r.get(0)?,
                at: rfc3339(r.get(1)?),
                actor: r.get(2)?,
                command: r.get(3)?,
                jail: r.get(4)?,
                targets: serde_json::from_str(&targets).unwrap_or_default(),
                outcome: r.get(6)?,
                changed: r.get(7)?,
                detail: detail.and_then(|d| serde_json::from_str(&d).ok()),
            })
        })
        .map_err(|e| Error::db("reading the audit log", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::db("reading the audit log", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_and_list_newest_first() {
        let conn = crate::db::test_db();
        for (at, cmd) in [(10, "ban"), (20, "unban")] {
            append(
                &conn,
                &AuditRecord {
                    at,
                    actor: "alice",
                    command: cmd,
                    jail: Some("sshd"),
                    targets: &["1.2.3.4".to_string()],
                    outcome: "ok",
                    changed: true,
                    detail: None,
                },
            )
            .unwrap();
        }
        let all = list(&conn, None, 10).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].command, "unban");
        assert_eq!(all[0].targets, vec!["1.2.3.4"]);
        assert_eq!(list(&conn, Some(15), 10).unwrap().len(), 1);
        assert_eq!(list(&conn, None, 1).unwrap().len(), 1);
    }
}
