//! fail2ban's own programs, `fail2ban-client` and `fail2ban-regex`: the one place
//! bangui spawns them and reads the ERROR lines they print. It never prints and never
//! decides what a failed run means for the command that asked; callers do.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::Fail2banConfig;
use crate::{Error, Result};

/// The program that tests a filter against a log the way fail2ban does.
pub const REGEX_PROGRAM: &str = "fail2ban-regex";

/// A finished run: how it ended and what it printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub success: bool,
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(out: std::process::Output) -> Run {
        Run {
            success: out.status.success(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// stdout followed by stderr.
    pub fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// The lines of stderr, then those of stdout.
    pub fn lines_stderr_first(&self) -> impl Iterator<Item = &str> {
        self.stderr.lines().chain(self.stdout.lines())
    }
}

/// What a line fail2ban logged at ERROR level says: the text after `ERROR`, trimmed
/// (timestamp, logger name and pid dropped). `None` for any other line.
pub fn error_message(line: &str) -> Option<&str> {
    line.split_once("ERROR").map(|(_, m)| m.trim())
}

/// Lines as one message: each without its ERROR prefix, joined by `; `.
pub fn join_messages<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    lines
        .into_iter()
        .map(|l| error_message(l).unwrap_or(l))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `fail2ban-client` as configured: the program, the config directory it reads and
/// the socket of the server it controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientProgram {
    pub program: PathBuf,
    pub config_dir: PathBuf,
    pub socket: PathBuf,
}

impl ClientProgram {
    pub fn from_config(f: &Fail2banConfig) -> ClientProgram {
        ClientProgram {
            program: f.client.clone(),
            config_dir: f.config_dir.clone(),
            socket: f.socket.clone(),
        }
    }

    /// `-c DIR`, then `-s SOCKET` when the run talks to the server, then `args`.
    pub fn argv(&self, socket: bool, args: &[&str]) -> Vec<String> {
        let mut v = vec!["-c".to_string(), self.config_dir.display().to_string()];
        if socket {
            v.extend(["-s".to_string(), self.socket.display().to_string()]);
        }
        v.extend(args.iter().map(|a| a.to_string()));
        v
    }

    /// The command line of a run, as reports show it.
    pub fn command_line(&self, socket: bool, args: &[&str]) -> String {
        format!(
            "{} {}",
            self.program.display(),
            self.argv(socket, args).join(" ")
        )
    }

    /// Run `fail2ban-client -c DIR [-s SOCKET] ARGS…` to its end. Err only when it
    /// could not be started; a failed run is a [`Run`] with `success == false`.
    pub fn run(&self, socket: bool, args: &[&str]) -> Result<Run> {
        let mut c = Command::new(&self.program);
        c.arg("-c").arg(&self.config_dir);
        if socket {
            c.arg("-s").arg(&self.socket);
        }
        c.args(args);
        let out = c.output().map_err(|e| {
            Error::io(
                format!(
                    "running {} (install fail2ban's client, or set fail2ban.client)",
                    self.program.display()
                ),
                &self.program,
                e,
            )
        })?;
        Ok(Run::from_output(out))
    }
}

/// `fail2ban-regex [-c DIR] --raw [-d PATTERN] LOG FILTER`. `--raw` keeps hosts
/// unresolved, so fail2ban-regex does no DNS lookups and counts like the native engine.
pub fn regex_command(
    program: &str,
    config_dir: Option<&Path>,
    datepattern: Option<&str>,
    log: &Path,
    filter: &str,
) -> Command {
    let mut c = Command::new(program);
    if let Some(d) = config_dir {
        c.arg("-c").arg(d);
    }
    c.arg("--raw");
    if let Some(p) = datepattern {
        c.arg("-d").arg(p);
    }
    c.arg(log).arg(filter);
    c
}

/// Run [`REGEX_PROGRAM`] (see [`regex_command`]) to its end. Not installed is a
/// missing input (66).
pub fn run_regex(
    config_dir: &Path,
    datepattern: Option<&str>,
    log: &Path,
    filter: &str,
) -> Result<Run> {
    let program = REGEX_PROGRAM;
    let out = regex_command(program, Some(config_dir), datepattern, log, filter)
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NoInput {
                    what: "fail2ban-regex (install the fail2ban package, or use --engine native)"
                        .into(),
                    path: PathBuf::from(program),
                }
            } else {
                Error::io(format!("running {program}"), program, e)
            }
        })?;
    Ok(Run::from_output(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_lines_lose_their_prefix() {
        let l = "2024-01-01 10:00:00,000 fail2ban [123]: ERROR   No file(s) found";
        assert_eq!(error_message(l), Some("No file(s) found"));
        assert_eq!(error_message("OK"), None);
        assert_eq!(join_messages([l, "plain"]), "No file(s) found; plain");
    }

    #[test]
    fn client_command_line() {
        let c = ClientProgram {
            program: "/usr/bin/fail2ban-client".into(),
            config_dir: "/etc/fail2ban".into(),
            socket: "/run/f.sock".into(),
        };
        assert_eq!(
            c.command_line(true, &["reload", "sshd"]),
            "/usr/bin/fail2ban-client -c /etc/fail2ban -s /run/f.sock reload sshd"
        );
        assert_eq!(c.argv(false, &["-t"]), ["-c", "/etc/fail2ban", "-t"]);
    }

    #[test]
    fn runs_report_exit_and_output() {
        let c = ClientProgram {
            program: "sh".into(),
            config_dir: "x".into(),
            socket: "y".into(),
        };
        // `sh -c x -s y ...`: runs the script "x", which is not a command.
        let r = c.run(true, &[]).unwrap();
        assert!(!r.success);
        assert_eq!(r.code, Some(127));
        assert!(r.stderr.contains('x'), "{r:?}");
        let missing = ClientProgram {
            program: "/nonexistent/fail2ban-client".into(),
            ..c
        };
        let e = missing.run(false, &["-t"]).unwrap_err().to_string();
        assert!(e.contains("install fail2ban's client"), "{e}");
    }
}
