//! `bangui audit list`.

use bangui::{Error, Result, audit, util};

use super::app::App;
use super::args::AuditCommand;
use super::output::{Report, opt, table};

pub fn run(app: &App, cmd: AuditCommand) -> Result<Report> {
    match cmd {
        AuditCommand::List { since, limit } => {
            let since = since
                .map(|s| util::parse_since(&s, util::now_unix()).map_err(Error::Usage))
                .transpose()?;
            let conn = app.db()?;
            let entries = audit::list(&conn, since, limit)?;
            let rows = entries
                .iter()
                .map(|e| {
                    vec![
                        e.at.clone(),
                        e.actor.clone(),
                        e.command.clone(),
                        opt(e.jail.clone()),
                        e.targets.join(","),
                        e.outcome.clone(),
                        e.changed.to_string(),
                    ]
                })
                .collect();
            Ok(Report::new(
                "audit list",
                serde_json::to_value(&entries).unwrap_or_default(),
                table(
                    &[
                        "at", "actor", "command", "jail", "targets", "outcome", "changed",
                    ],
                    rows,
                ),
            ))
        }
    }
}
