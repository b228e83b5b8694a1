//! Delegation to `fail2ban-regex` (`--engine fail2ban-regex`): its command line and
//! its summary. Runs nothing itself; [`crate::f2btools`] spawns the process.

use std::path::Path;
use std::process::Command;

/// The `Lines: N lines, I ignored, M matched, X missed` summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RegexSummary {
    pub lines: u64,
    pub ignored: u64,
    pub matched: u64,
    pub missed: u64,
}

/// `fail2ban-regex [-c confdir] --raw LOG FILTER` (see [`crate::f2btools::regex_command`]).
pub fn command(program: &str, config_dir: Option<&Path>, log: &Path, filter: &str) -> Command {
    crate::f2btools::regex_command(program, config_dir, None, log, filter)
}

/// Find and parse the summary line in fail2ban-regex's output.
pub fn parse_summary(output: &str) -> Option<RegexSummary> {
    let line = output
        .lines()
        .find(|l| l.trim_start().starts_with("Lines:"))?;
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums.as_slice() {
        [lines, ignored, matched, missed, ..] => Some(RegexSummary {
            lines: *lines,
            ignored: *ignored,
            matched: *matched,
            missed: *missed,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary() {
        let s = "Results\n=======\nLines: 5 lines, 1 ignored, 3 matched, 1 missed\n[processed in 0.01 sec]";
        assert_eq!(
            parse_summary(s),
            Some(RegexSummary {
                lines: 5,
                ignored: 1,
                matched: 3,
                missed: 1
            })
        );
        assert_eq!(parse_summary("nothing"), None);
    }
}
