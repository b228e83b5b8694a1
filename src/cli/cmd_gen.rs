//! `bangui completions SHELL` and the hidden `bangui manpages DIR`: both are
//! generated from the clap tree and need no configuration.

use clap::{CommandFactory, FromArgMatches, Subcommand};

use bangui::{Error, Result};

use super::args::{Cli, CompletionsArgs, HiddenCommand, ManpagesArgs};
use super::manpage;
use super::output::{Report, View};

pub fn completions(a: &CompletionsArgs) -> Result<Report> {
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "bangui", &mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    Ok(Report::new(
        "completions",
        serde_json::Value::String(text.clone()),
        View::Raw(text),
    ))
}

/// The hidden `manpages DIR` command joins the parser only, so `--help`,
/// `help`, completions and the man pages never list it.
pub fn with_hidden(cmd: clap::Command) -> clap::Command {
    HiddenCommand::augment_subcommands(cmd)
}

/// Run the hidden command if that is what was asked for.
pub fn run_hidden(m: &clap::ArgMatches) -> Option<Result<Report>> {
    if !HiddenCommand::has_subcommand(m.subcommand_name()?) {
        return None;
    }
    Some(
        HiddenCommand::from_arg_matches(m)
            .map_err(|e| Error::Other(e.to_string()))
            .and_then(|HiddenCommand::Manpages(a)| manpages(&a)),
    )
}

pub fn manpages(a: &ManpagesArgs) -> Result<Report> {
    let dir = &a.dir;
    if !dir.is_dir() {
        return Err(Error::NoInput {
            what: "directory".into(),
            path: dir.clone(),
        });
    }
    let mut written = Vec::new();
    for page in manpage::pages(Cli::command()) {
        let path = dir.join(&page.file);
        std::fs::write(&path, page.text.as_bytes())
            .map_err(|e| Error::io(format!("writing {}", path.display()), &path, e))?;
        written.push(path.display().to_string());
    }
    Ok(Report::new(
        "manpages",
        serde_json::json!({ "written": written }),
        View::Text(written.join("\n")),
    ))
}
