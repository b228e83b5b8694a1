//! `bangui completions SHELL` and the hidden `bangui manpages DIR`: both are
//! generated from the clap tree and need no configuration.

use clap::CommandFactory;

use bangui::{Error, Result};

use super::args::{Cli, CompletionsArgs, ManpagesArgs};
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

pub fn manpages(a: &ManpagesArgs) -> Result<Report> {
    let dir = &a.dir;
    if !dir.is_dir() {
        return Err(Error::NoInput {
            what: "directory".into(),
            path: dir.clone(),
        });
    }
    let mut written = Vec::new();
    let cmd = Cli::command();
    write_page(&cmd, "bangui", dir, &mut written)?;
    Ok(Report::new(
        "manpages",
        serde_json::json!({ "written": written }),
        View::Text(written.join("\n")),
    ))
}

fn write_page(
    cmd: &clap::Command,
    name: &str,
    dir: &std::path::Path,
    written: &mut Vec<String>,
) -> Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(|e| Error::Other(format!("rendering man page {name}: {e}")))?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, &buf)
        .map_err(|e| Error::io(format!("writing {}", path.display()), &path, e))?;
    written.push(path.display().to_string());
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        write_page(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}
