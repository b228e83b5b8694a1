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
    /// ok, partial, refused, failed, dry-run; `started` while an intent
    /// row waits for its command to finish (a row left `started` marks a
    /// run that never finished)
    pub outcome: &'a str,
    pub changed: bool,
    pub detail: Option<serde_json::Value>,
}

pub fn append(conn: &Connection, r: &AuditRecord<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, command, outcome) VALUES (?1, ?2, ?3, ?4)",
        params![r.at, r.actor, r.command, r.outcome],
    )
    .map_err(|e| Error::db("writing the audit log", e))?;
    let id = conn.last_insert_rowid();
    complete(conn, id, r)?;
    Ok(id)
}

/// Write the row as an intent before the command acts: the same record,
/// outcome `started`, unchanged. [`complete`] fills it in afterwards.
pub fn intent(conn: &Connection, r: &AuditRecord<'_>) -> Result<i64> {
    append(
        conn,
        &AuditRecord {
            outcome: "started",
            changed: false,
            ..r.clone()
        },
    )
}

/// Finish an intent row with what the command did. A dry run never counts
/// as a change.
pub fn complete(conn: &Connection, id: i64, r: &AuditRecord<'_>) -> Result<()> {
    let targets = serde_json::to_string(r.targets).unwrap_or_else(|_| "[]".into());
    let detail = r.detail.as_ref().map(|d| d.to_string());
    let n = conn
        .execute(
            "UPDATE audit_log SET at = ?2, actor = ?3, command = ?4, jail = ?5, targets = ?6,
                    outcome = ?7, changed = ?8, detail = ?9
             WHERE id = ?1",
            params![
                id,
                r.at,
                r.actor,
                r.command,
                r.jail,
                targets,
                r.outcome,
                r.changed && r.outcome != "dry-run",
                detail
            ],
        )
        .map_err(|e| Error::db("writing the audit log", e))?;
    if n == 0 {
        // The intent row is gone (pruned meanwhile): record the outcome anew.
        append(conn, r)?;
    }
    Ok(())
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

    #[test]
    fn an_intent_row_is_completed_in_place_and_dry_runs_never_change() {
        let conn = crate::db::test_db();
        let rec = AuditRecord {
            at: 5,
            actor: "alice",
            command: "ban",
            jail: Some("sshd"),
            targets: &[],
            outcome: "ok",
            changed: true,
            detail: None,
        };
        let id = intent(&conn, &rec).unwrap();
        let started = &list(&conn, None, 10).unwrap()[0];
        assert_eq!(
            (started.outcome.as_str(), started.changed),
            ("started", false)
        );
        complete(
            &conn,
            id,
            &AuditRecord {
                outcome: "dry-run",
                ..rec.clone()
            },
        )
        .unwrap();
        let all = list(&conn, None, 10).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(
            (all[0].outcome.as_str(), all[0].changed),
            ("dry-run", false)
        );
    }
}
