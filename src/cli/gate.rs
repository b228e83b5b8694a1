//! The one gate every state-changing command passes before it acts: the
//! database is opened, migrated and written once (the audit row, as an
//! intent), so a command that could not account for its change refuses
//! instead of acting. Commands are classified by their subcommand path;
//! anything not known to be read-only is treated as state-changing, so a
//! new command is gated until it is listed here.

use clap::ArgMatches;

/// Subcommand paths (and their children) that change nothing.
const READ_ONLY: &[&str] = &[
    "status",
    "banned",
    "filter",
    "action",
    "config",
    "audit",
    "db",
    "health",
    "serve-health",
    "completions",
    "manpages",
    "jail list",
    "jail show",
    "jail get",
    "config-backups list",
    "jobs list",
    "jobs status",
    "jobs history",
    "history list",
    "history stats",
    "history recidive",
    "history export",
    "geo lookup",
    "geo status",
    "blocklist source list",
    "blocklist source show",
    "blocklist log",
    "blocklist status",
    "explain",
    "top",
    "fleet status",
];

/// State-changing paths that keep their own record of each run, written
/// before they act (`job_runs`): the gate checks the database for them but
/// adds no audit row (a timer runs `jobs run-due` every minute).
const OWN_RECORD: &[&str] = &["jobs"];

/// What a state-changing invocation is about to do, for its intent row.
#[derive(Debug, Clone)]
pub struct Intent {
    /// The subcommand path, `jail set`, `blocklist import`.
    pub command: String,
    pub jail: Option<String>,
    pub dry_run: bool,
    pub targets: Vec<String>,
    /// Write an audit row (false: the command keeps its own run record).
    pub audited: bool,
}

/// The intent of a state-changing invocation; `None` for a read-only one.
pub fn classify(m: &ArgMatches) -> Option<Intent> {
    let mut path = Vec::new();
    let mut leaf = m;
    while let Some((name, sub)) = leaf.subcommand() {
        path.push(name);
        leaf = sub;
    }
    // `verify` reads, `verify --repair` asks fail2ban to ban again.
    let repair = leaf.try_get_one::<bool>("repair").ok().flatten() == Some(&true);
    if path == ["verify"] && !repair {
        return None;
    }
    for k in 1..=path.len() {
        if READ_ONLY.contains(&path[..k].join(" ").as_str()) {
            return None;
        }
    }
    if path.is_empty() {
        return None;
    }
    // A jail argument is a `JailName` (a few commands take it as plain text).
    let jail = match leaf.try_get_one::<bangui::jail::JailName>("jail") {
        Ok(j) => j.map(|j| j.as_str().to_owned()),
        Err(_) => leaf.try_get_one::<String>("jail").ok().flatten().cloned(),
    };
    let dry_run = leaf
        .try_get_one::<bool>("dry_run")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    let targets = ["targets", "names", "name"]
        .iter()
        .find_map(|id| {
            leaf.try_get_many::<String>(id)
                .ok()
                .flatten()
                .map(|v| v.cloned().collect::<Vec<_>>())
        })
        .unwrap_or_default();
    let audited = !OWN_RECORD.contains(&path[0]);
    Some(Intent {
        audited,
        command: path.join(" "),
        jail,
        dry_run,
        targets,
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::args::Cli;

    fn intent(args: &[&str]) -> Option<Intent> {
        let m = Cli::command()
            .try_get_matches_from(std::iter::once("bangui").chain(args.iter().copied()))
            .unwrap();
        classify(&m)
    }

    #[test]
    fn state_changing_commands_are_gated_and_read_only_ones_are_not() {
        let i = intent(&["ban", "1.2.3.4", "-j", "sshd", "--dry-run"]).unwrap();
        assert_eq!(
            (i.command.as_str(), i.jail.as_deref(), i.dry_run),
            ("ban", Some("sshd"), true)
        );
        assert_eq!(i.targets, vec!["1.2.3.4"]);
        let i = intent(&["jail", "set", "sshd", "bantime", "60"]).unwrap();
        assert_eq!(
            (i.command.as_str(), i.jail.as_deref(), i.dry_run),
            ("jail set", Some("sshd"), false)
        );
        for gated in [
            &["unban", "1.2.3.4"][..],
            &["blocklist", "import", "--all"],
            &["blocklist", "source", "rm", "x"],
            &["jobs", "run-due"],
            &["history", "sync"],
            &["geo", "refresh"],
            &["config-backups", "restore", "1", "--yes"],
            &["verify", "--repair"],
            &["blocklist", "restore"],
            &["fleet", "push"],
        ] {
            assert!(intent(gated).is_some(), "{gated:?} must be gated");
        }
        for free in [
            &["status"][..],
            &["banned"],
            &["jail", "list"],
            &["jail", "show", "sshd"],
            &["db", "migrate"],
            &["audit", "list"],
            &["history", "list"],
            &["blocklist", "status"],
            &["filter", "list"],
            &["health"],
            &["verify"],
            &["explain", "1.2.3.4"],
            &["fleet", "status"],
        ] {
            assert!(intent(free).is_none(), "{free:?} is read-only");
        }
    }
}
