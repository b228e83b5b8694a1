//! Man pages generated from the clap tree: one page per visible command with
//! NAME, SYNOPSIS (global options included), DESCRIPTION, OPTIONS, COMMANDS,
//! EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES and SEE ALSO.
//!
//! EXIT STATUS, ENVIRONMENT and FILES are the same on every page and come
//! from the registries the program itself uses: the exit-code table of
//! `bangui --help`, the environment variables of the configuration module and
//! the clap arguments, and the configuration keys' path defaults. EXAMPLES
//! come from [`EXAMPLES`], keyed by command path; a command without an entry
//! gets a generated one, so new commands get complete pages without edits.

use clap::{Arg, ArgAction, Command};
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use bangui::config::{self, Context, KEYS, Kind};

use super::args::EXIT_CODES_HELP;

/// Examples by command path (without `bangui`): the command line and what it does.
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "",
        &[
            (
                "bangui status",
                "Server version, jails and their ban counts.",
            ),
            (
                "bangui ban --jail sshd 203.0.113.7 198.51.100.0/24",
                "Ban an address and a network in the sshd jail.",
            ),
            (
                "bangui banned --json 203.0.113.7",
                "Ask whether an address is banned, as one JSON document (exit 1 when it is not).",
            ),
        ],
    ),
    (
        "status",
        &[
            ("bangui status", "One table: server, jails, database."),
            (
                "bangui status --json",
                "The same as one JSON document for scripts.",
            ),
        ],
    ),
    (
        "ban",
        &[
            (
                "bangui ban --jail sshd 203.0.113.7",
                "Ban one address in the sshd jail.",
            ),
            (
                "bangui ban --jail recidive --from-file /tmp/abusers.txt --dry-run",
                "Show what banning every line of a file would change, and change nothing.",
            ),
        ],
    ),
    (
        "unban",
        &[
            (
                "bangui unban 203.0.113.7",
                "Unban an address from every jail that bans it.",
            ),
            (
                "bangui unban --jail sshd --all",
                "Unban everything in the sshd jail.",
            ),
        ],
    ),
    (
        "banned",
        &[
            (
                "bangui banned --jail sshd",
                "List the current bans of the sshd jail.",
            ),
            (
                "bangui banned 203.0.113.7 && echo banned",
                "Use the exit code as an answer: 0 banned, 1 not banned.",
            ),
        ],
    ),
    (
        "jail list",
        &[(
            "bangui jail list -o plain | cut -f1",
            "Jail names, one a line.",
        )],
    ),
    (
        "jail show",
        &[("bangui jail show sshd", "Settings and counters of a jail.")],
    ),
    (
        "jail get",
        &[("bangui jail get sshd bantime", "One runtime setting.")],
    ),
    (
        "jail set",
        &[
            (
                "bangui jail set sshd bantime 1h",
                "Change a runtime setting until fail2ban restarts.",
            ),
            (
                "bangui jail set sshd maxretry 3 --persist --dry-run",
                "Show the change to jail.d/zz-bangui.local, and change nothing.",
            ),
        ],
    ),
    (
        "blocklist source add",
        &[(
            "bangui blocklist source add --jail blocklist spamhaus-drop https://www.spamhaus.org/drop/drop.txt --format spamhaus-drop",
            "Register a feed; the scheduled job imports it every 24 hours.",
        )],
    ),
    (
        "blocklist import",
        &[
            (
                "bangui blocklist import --all",
                "Fetch every enabled source and apply only the difference.",
            ),
            (
                "bangui blocklist import --from-file /tmp/list.txt --jail blocklist",
                "Import a local file into a jail.",
            ),
        ],
    ),
    (
        "filter test",
        &[(
            "bangui filter test sshd /var/log/auth.log --show missed",
            "Run a filter over a log, listing the lines it did not match.",
        )],
    ),
    (
        "history sync",
        &[(
            "bangui history sync",
            "Copy new bans from fail2ban's database into bangui's.",
        )],
    ),
    (
        "history list",
        &[(
            "bangui history list --since 7d --jail sshd",
            "Bans of the last seven days in the sshd jail.",
        )],
    ),
    (
        "history export",
        &[(
            "bangui history export --since 30d --format csv > bans.csv",
            "A month of bans as CSV.",
        )],
    ),
    (
        "jobs run-due",
        &[(
            "bangui jobs run-due",
            "Run every due job once under the scheduler lock, as the systemd timer does.",
        )],
    ),
    (
        "jobs status",
        &[(
            "bangui jobs status",
            "Who holds the scheduler lock and the recent runs.",
        )],
    ),
    (
        "health",
        &[
            ("bangui health", "Run every check once."),
            (
                "bangui health --nagios",
                "One Nagios/Icinga plugin line with its exit code.",
            ),
        ],
    ),
    (
        "serve-health",
        &[(
            "bangui serve-health --listen 127.0.0.1:9191",
            "Serve /api/v1/health, /live, /ready and /metrics on loopback.",
        )],
    ),
    (
        "config show",
        &[(
            "bangui config show database.path",
            "The effective value of one key and where it came from.",
        )],
    ),
    (
        "config check",
        &[(
            "bangui --config /etc/bangui/bangui.toml config check",
            "Validate a configuration file (exit 78 naming the problem).",
        )],
    ),
    (
        "db backup",
        &[(
            "bangui db backup /var/backups/bangui.db",
            "Copy the database with SQLite's online backup API.",
        )],
    ),
    (
        "geo lookup",
        &[(
            "bangui geo lookup 203.0.113.7",
            "Country, city and AS number of an address.",
        )],
    ),
    (
        "audit list",
        &[(
            "bangui audit list --since 1d",
            "State-changing commands of the last day.",
        )],
    ),
    (
        "completions",
        &[(
            "bangui completions bash > ~/.local/share/bash-completion/completions/bangui",
            "Install bash completion for the current user.",
        )],
    ),
];

/// Environment variables read outside the clap arguments, with their meaning.
const OTHER_ENV: &[(&str, &str)] = &[
    (
        "BANGUI_LOG",
        "Log filter for stderr (error, warn, info, debug, trace, or a tracing directive such as \
         bangui=debug); -v and --quiet take precedence, and it takes precedence over log.level.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, --color auto draws no colour.",
    ),
    (
        "XDG_DATA_HOME",
        "Not root: the default database is $XDG_DATA_HOME/bangui/bangui.db.",
    ),
    (
        "HOME",
        "Not root and without XDG_DATA_HOME: the default database is \
         ~/.local/share/bangui/bangui.db.",
    ),
];

/// Fail2ban's pages every bangui page refers to.
const FAIL2BAN_PAGES: &[(&str, &str)] = &[("fail2ban-client", "1"), ("jail.conf", "5")];

/// One rendered page: its file name (`bangui-jail-get.1`) and its text.
pub struct Page {
    pub file: String,
    pub text: String,
}

/// Every page of the tree under `root`, parents before children.
pub fn pages(root: Command) -> Vec<Page> {
    let mut root = root.disable_help_subcommand(true);
    root.build();
    let common = Common::new(&root);
    let mut out = Vec::new();
    walk(&root, &[], None, &common, &mut out);
    out
}

/// The sections every page shares, computed once.
struct Common {
    version: String,
    exit: Vec<(String, String)>,
    env: Vec<(String, String)>,
    files: Vec<(String, String)>,
}

impl Common {
    fn new(root: &Command) -> Common {
        Common {
            version: root.get_version().unwrap_or_default().to_string(),
            exit: exit_codes(EXIT_CODES_HELP).0,
            env: environment(root),
            files: files(),
        }
    }
}

fn walk(cmd: &Command, path: &[&str], parent: Option<&str>, common: &Common, out: &mut Vec<Page>) {
    if cmd.is_hide_set() {
        return;
    }
    let page = page_name(path);
    out.push(Page {
        file: format!("{page}.1"),
        text: render(cmd, path, parent, common),
    });
    for sub in cmd.get_subcommands() {
        let mut p = path.to_vec();
        p.push(sub.get_name());
        walk(sub, &p, Some(&page), common, out);
    }
}

fn page_name(path: &[&str]) -> String {
    std::iter::once("bangui")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

fn visible_subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

fn render(cmd: &Command, path: &[&str], parent: Option<&str>, common: &Common) -> String {
    let name = page_name(path);
    let mut r = Roff::default();
    r.control(
        "TH",
        [
            name.to_uppercase().as_str(),
            "1",
            "",
            &format!("bangui {}", common.version),
            "bangui manual",
        ],
    );

    r.control("SH", ["NAME"]);
    let about = cmd
        .get_about()
        .or(cmd.get_long_about())
        .map(|s| s.to_string())
        .unwrap_or_default();
    let about = about.lines().next().unwrap_or_default();
    r.text([roman(format!("{name} - {about}"))]);

    r.control("SH", ["SYNOPSIS"]);
    r.text(synopsis(cmd, path));

    r.control("SH", ["DESCRIPTION"]);
    let long = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(|s| s.to_string())
        .unwrap_or_default();
    paragraphs(&mut r, &long);
    if let Some(after) = cmd.get_after_long_help().or(cmd.get_after_help()) {
        let (_, rest) = exit_codes(&after.to_string());
        if !rest.trim().is_empty() {
            r.control("PP", []);
            paragraphs(&mut r, &rest);
        }
    }
    if path.is_empty() {
        r.control("PP", []);
        r.text([roman(
            "Each command has its own page, named after its path: bangui-jail-get(1) for ",
        )]);
        r.text([bold("bangui jail get"), roman(".")]);
    }

    // Options: the command's own under OPTIONS; on sub-pages the global ones
    // under their own heading (clap_mangen renders one section per heading).
    let shown = if path.is_empty() {
        cmd.clone()
    } else {
        cmd.clone().mut_args(|a| {
            if a.is_global_set() && a.get_help_heading().is_none() {
                a.help_heading("Global options")
            } else {
                a
            }
        })
    };
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(shown).render_options_section(&mut buf);
    let mut text = r.render();
    text.push_str(&String::from_utf8_lossy(&buf));

    let mut r = Roff::default();
    let subs: Vec<&Command> = visible_subcommands(cmd).collect();
    if !subs.is_empty() {
        r.control("SH", ["COMMANDS"]);
        for sub in &subs {
            r.control("TP", []);
            r.text([bold(format!("{name}-{}", sub.get_name())), roman("(1)")]);
            if let Some(a) = sub.get_about() {
                r.text([roman(a.to_string())]);
            }
        }
    }

    r.control("SH", ["EXIT STATUS"]);
    definitions(&mut r, &common.exit);
    r.control("SH", ["ENVIRONMENT"]);
    definitions(&mut r, &common.env);
    r.control("SH", ["FILES"]);
    definitions(&mut r, &common.files);

    r.control("SH", ["EXAMPLES"]);
    for (line, what) in examples(cmd, path) {
        r.control("PP", []);
        r.text([roman(what)]);
        r.control("PP", []);
        r.control("RS", ["4"]);
        r.control("nf", []);
        r.text([bold(format!("$ {line}"))]);
        r.control("fi", []);
        r.control("RE", []);
    }

    r.control("SH", ["SEE ALSO"]);
    let mut refs: Vec<(String, &str)> = Vec::new();
    if !path.is_empty() {
        refs.push(("bangui".into(), "1"));
    }
    if let Some(p) = parent.filter(|p| *p != "bangui") {
        refs.push((p.to_string(), "1"));
    }
    for sub in &subs {
        refs.push((format!("{name}-{}", sub.get_name()), "1"));
    }
    for (p, s) in FAIL2BAN_PAGES {
        refs.push((p.to_string(), s));
    }
    let mut line = Vec::new();
    for (i, (p, s)) in refs.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(p.clone()));
        line.push(roman(format!("({s})")));
    }
    r.text(line);

    // The roff crate starts every document with the same two-line preamble.
    let rest = r.render();
    text.push_str(strip_preamble(&rest));
    text
}

/// `Roff::render` prefixes a definition of the `Aq` string; keep it once.
fn strip_preamble(s: &str) -> &str {
    let mut rest = s;
    for prefix in [".ie \\n(.g .ds Aq \\(aq\n", ".el .ds Aq '\n"] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    rest
}

/// `bangui [global options] jail get [options] JAIL KEY`, every option spelled out.
fn synopsis(cmd: &Command, path: &[&str]) -> Vec<Inline> {
    let mut line = vec![bold("bangui")];
    let visible = |a: &&Arg| !a.is_hide_set() && !is_help_or_version(a);
    let (global, own): (Vec<&Arg>, Vec<&Arg>) = cmd
        .get_arguments()
        .filter(visible)
        .filter(|a| !a.is_positional())
        .partition(|a| a.is_global_set());
    for a in &global {
        line.push(roman(" "));
        line.extend(option_usage(a));
    }
    for p in path {
        line.push(roman(" "));
        line.push(bold(*p));
    }
    for a in &own {
        line.push(roman(" "));
        line.extend(option_usage(a));
    }
    for a in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        line.push(roman(" "));
        let name = value_name(a);
        let many = matches!(a.get_action(), ArgAction::Append)
            || a.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        if a.is_required_set() {
            line.push(italic(name));
            line.push(roman(dots));
        } else {
            line.push(roman("["));
            line.push(italic(name));
            line.push(roman(format!("]{dots}")));
        }
    }
    if visible_subcommands(cmd).next().is_some() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
    }
    line
}

fn is_help_or_version(a: &Arg) -> bool {
    matches!(
        a.get_action(),
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
    )
}

fn value_name(a: &Arg) -> String {
    a.get_value_names()
        .map(|v| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| a.get_id().as_str().to_uppercase())
}

/// A short list of choices reads better than a placeholder: `table|json|plain`.
fn value_or_choices(a: &Arg) -> String {
    let choices: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if (2..=4).contains(&choices.len()) {
        choices.join("|")
    } else {
        value_name(a)
    }
}

fn takes_value(a: &Arg) -> bool {
    a.get_num_args().is_some_and(|n| n.takes_values())
}

fn option_usage(a: &Arg) -> Vec<Inline> {
    let mut v = Vec::new();
    let required = a.is_required_set();
    if !required {
        v.push(roman("["));
    }
    match (a.get_short(), a.get_long()) {
        (Some(s), Some(l)) => {
            v.push(bold(format!("-{s}")));
            v.push(roman("|"));
            v.push(bold(format!("--{l}")));
        }
        (Some(s), None) => v.push(bold(format!("-{s}"))),
        (None, Some(l)) => v.push(bold(format!("--{l}"))),
        (None, None) => {}
    }
    if takes_value(a) {
        v.push(roman(" "));
        v.push(italic(value_or_choices(a)));
    }
    if !required {
        v.push(roman("]"));
    }
    if matches!(a.get_action(), ArgAction::Count | ArgAction::Append) {
        v.push(roman("..."));
    }
    v
}

/// Help text as roff: blank lines separate paragraphs, indented lines keep
/// their layout (tables, endpoint lists), the rest is filled.
fn paragraphs(r: &mut Roff, text: &str) {
    let mut in_block = false;
    for line in text.lines() {
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if indented && !in_block {
            r.control("RS", ["2"]);
            r.control("nf", []);
            in_block = true;
        } else if !indented && in_block {
            r.control("fi", []);
            r.control("RE", []);
            in_block = false;
        }
        if line.trim().is_empty() {
            r.control("PP", []);
        } else if indented {
            r.text([roman(line.trim_start())]);
        } else {
            r.text([roman(line)]);
        }
    }
    if in_block {
        r.control("fi", []);
        r.control("RE", []);
    }
}

fn definitions(r: &mut Roff, rows: &[(String, String)]) {
    for (term, meaning) in rows {
        r.control("TP", []);
        r.text([bold(term.clone())]);
        r.text([roman(meaning.clone())]);
    }
}

/// Split the `Exit codes:` table (`  CODE  meaning` lines) out of a help text:
/// its rows, and the text without it.
pub fn exit_codes(text: &str) -> (Vec<(String, String)>, String) {
    let mut rows = Vec::new();
    let mut rest = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.trim_end() == "Exit codes:" {
            in_table = true;
            continue;
        }
        if in_table {
            let t = line.trim_start();
            let code: String = t.chars().take_while(char::is_ascii_digit).collect();
            if line.starts_with(' ') && !code.is_empty() {
                rows.push((code.clone(), t[code.len()..].trim().to_string()));
                continue;
            }
            in_table = false;
            if line.trim().is_empty() {
                continue;
            }
        }
        rest.push(line);
    }
    (rows, rest.join("\n"))
}

/// The variables of `config::GLOBAL_ENV` (described by the clap argument
/// that reads them, or by [`OTHER_ENV`]), the per-key overrides, and the
/// variables outside bangui's namespace that change defaults.
fn environment(root: &Command) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let described = |name: &str| -> Option<String> {
        if let Some(a) = root
            .get_arguments()
            .find(|a| a.get_env().is_some_and(|e| e == name))
        {
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            let flag = a.get_long().map(|l| format!("--{l}")).unwrap_or_default();
            return Some(format!("{help}; the same as {flag}."));
        }
        OTHER_ENV
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| d.to_string())
    };
    for name in config::GLOBAL_ENV {
        rows.push((
            name.to_string(),
            described(name).unwrap_or_else(|| "See bangui config show.".into()),
        ));
    }
    if let Some(k) = KEYS.first() {
        rows.push((
            "BANGUI_SECTION_KEY".into(),
            format!(
                "Overrides one configuration key, e.g. {} for {}. A flag wins over the \
                 environment, the environment over the file; bangui config show lists every \
                 key with its value and where it came from.",
                k.env_name(),
                k.full
            ),
        ));
    }
    for (name, _) in OTHER_ENV {
        if !config::GLOBAL_ENV.contains(name)
            && let Some(d) = described(name)
        {
            rows.push((name.to_string(), d));
        }
    }
    rows
}

/// The configuration file, then every path-valued key's default as root.
fn files() -> Vec<(String, String)> {
    let mut rows = vec![(
        config::DEFAULT_CONFIG_PATH.to_string(),
        "The configuration file (TOML); --config or BANGUI_CONFIG name another.".to_string(),
    )];
    let root = Context {
        is_root: true,
        ..Context::default()
    };
    let mut config_dir = None;
    for k in KEYS {
        if !matches!(k.kind, Kind::Path) {
            continue;
        }
        let Some(default) = (k.default)(&root).as_str().map(str::to_string) else {
            continue;
        };
        if !default.starts_with('/') {
            continue;
        }
        if k.full == "fail2ban.config_dir" {
            config_dir = Some(default.clone());
        }
        rows.push((default, format!("{} (key {}).", k.help, k.full)));
    }
    if let Some(dir) = config_dir {
        rows.push((
            format!("{dir}/jail.d/{}", bangui::persist::FILE_NAME),
            "The settings written by jail set --persist; previous versions are kept \
             (bangui config-backups)."
                .into(),
        ));
    }
    rows
}

/// The table's examples for this command, or a generated one: the command
/// with its required arguments (and the same as JSON), or `--help` for a
/// group.
fn examples(cmd: &Command, path: &[&str]) -> Vec<(String, String)> {
    let key = path.join(" ");
    if let Some((_, ex)) = EXAMPLES.iter().find(|(k, _)| *k == key) {
        return ex
            .iter()
            .map(|(l, w)| (l.to_string(), w.to_string()))
            .collect();
    }
    let full = std::iter::once("bangui")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    if visible_subcommands(cmd).next().is_some() {
        return vec![(
            format!("{full} --help"),
            "List the subcommands with a line on each.".into(),
        )];
    }
    let mut line = full;
    for a in cmd.get_arguments().filter(|a| a.is_required_set()) {
        let value = a
            .get_possible_values()
            .first()
            .map(|v| v.get_name().to_string())
            .unwrap_or_else(|| value_name(a));
        match a.get_long() {
            Some(l) if !a.is_positional() => line.push_str(&format!(" --{l} {value}")),
            _ => line.push_str(&format!(" {value}")),
        }
    }
    let about = cmd
        .get_about()
        .map(|a| a.to_string())
        .unwrap_or_else(|| "Run the command".into());
    vec![
        (line.clone(), format!("{}.", about.trim_end_matches('.'))),
        (
            format!("{line} --json"),
            "The same, as one JSON document for scripts.".into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    use crate::cli::args::Cli;

    /// The words of an example's bangui command, before any pipe or redirection.
    fn words(line: &str) -> Vec<&str> {
        line.split(['|', '>', '&'])
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect()
    }

    #[test]
    fn exit_codes_come_from_the_help_table() {
        let (rows, rest) = exit_codes(EXIT_CODES_HELP);
        let codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "0", "1", "2", "3", "65", "66", "69", "70", "74", "75", "77", "78", "130"
            ]
        );
        assert!(rows.iter().all(|(_, m)| !m.is_empty()));
        assert!(!rest.contains("Exit codes"), "{rest}");
        assert!(rest.starts_with("Output:"), "{rest}");
    }

    #[test]
    fn every_exit_code_of_the_library_is_documented() {
        use bangui::error::exit;
        let (rows, _) = exit_codes(EXIT_CODES_HELP);
        for code in [
            exit::OK,
            exit::FAILURE,
            exit::USAGE,
            exit::PARTIAL,
            exit::DATA_ERR,
            exit::NO_INPUT,
            exit::UNAVAILABLE,
            exit::IO_ERR,
            exit::TEMP_FAIL,
            exit::NO_PERM,
            exit::CONFIG,
            exit::SIGINT,
            exit::SIGTERM,
        ] {
            let code = code.to_string();
            assert!(
                rows.iter()
                    .any(|(c, m)| *c == code || m.contains(&format!("{code} stopped"))),
                "exit code {code} is missing from EXIT_CODES_HELP"
            );
        }
    }

    #[test]
    fn every_environment_variable_has_a_description() {
        let env = environment(&Cli::command());
        for name in config::GLOBAL_ENV {
            let (_, d) = env
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert_ne!(d, "See bangui config show.", "{name} has no description");
        }
        assert!(env.iter().any(|(n, _)| n == "NO_COLOR"));
        assert!(
            env.iter()
                .any(|(_, d)| d.contains("BANGUI_DATABASE_PATH for database.path"))
        );
    }

    #[test]
    fn files_are_the_defaults_of_path_keys() {
        let f = files();
        let paths: Vec<&str> = f.iter().map(|(p, _)| p.as_str()).collect();
        for p in [
            "/etc/bangui/bangui.toml",
            "/var/lib/bangui/bangui.db",
            "/var/run/fail2ban/fail2ban.sock",
            "/etc/fail2ban",
            "/etc/fail2ban/jail.d/zz-bangui.local",
        ] {
            assert!(paths.contains(&p), "{p} missing from {paths:?}");
        }
        // Relative defaults (fail2ban-client found on PATH) are not files.
        assert!(!paths.contains(&"fail2ban-client"));
    }

    #[test]
    fn every_example_is_a_valid_command_line() {
        let pages = pages(Cli::command());
        let names: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        for (path, list) in EXAMPLES {
            let file = format!(
                "{}.1",
                page_name(&path.split_whitespace().collect::<Vec<_>>())
            );
            assert!(
                names.contains(&file.as_str()),
                "no page for example key {path:?}"
            );
            for (line, _) in *list {
                let m = Cli::command()
                    .try_get_matches_from(words(line))
                    .unwrap_or_else(|e| panic!("example {line:?} does not parse: {e}"));
                let mut got = Vec::new();
                let mut at = &m;
                while let Some((name, sub)) = at.subcommand() {
                    got.push(name);
                    at = sub;
                }
                assert!(
                    path.is_empty() || got.join(" ") == *path,
                    "{line:?} is not an example of {path:?}"
                );
            }
        }
    }

    #[test]
    fn generated_examples_parse_too() {
        let mut root = Cli::command().disable_help_subcommand(true);
        root.build();
        fn visit(cmd: &Command, path: &mut Vec<String>) {
            let p: Vec<&str> = path.iter().map(String::as_str).collect();
            for (line, _) in examples(cmd, &p) {
                let r = Cli::command().try_get_matches_from(words(&line));
                match r {
                    Ok(_) => {}
                    Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {}
                    Err(e) => panic!("example {line:?} does not parse: {e}"),
                }
            }
            for sub in visible_subcommands(cmd) {
                path.push(sub.get_name().to_string());
                visit(sub, path);
                path.pop();
            }
        }
        visit(&root, &mut Vec::new());
    }

    #[test]
    fn a_new_command_gets_a_complete_page_without_edits() {
        /// Frobnicate a jail
        #[derive(clap::Parser)]
        #[command(name = "frobnicate")]
        struct Frobnicate {
            #[arg(value_name = "JAIL")]
            jail: String,
            #[command(subcommand)]
            then: Option<Then>,
        }
        #[derive(clap::Subcommand)]
        enum Then {
            /// Undo the last frobnication
            Undo,
        }
        let root = Cli::command().subcommand(Frobnicate::command());
        let pages = pages(root);
        let page = |f: &str| {
            pages
                .iter()
                .find(|p| p.file == f)
                .unwrap_or_else(|| panic!("no {f}"))
                .text
                .clone()
        };
        let group = page("bangui-frobnicate.1");
        assert!(
            group.contains("bangui\\-frobnicate \\- Frobnicate a jail"),
            "{group}"
        );
        assert!(
            group.contains("\\fBbangui\\-frobnicate\\-undo\\fR(1)"),
            "{group}"
        );
        assert!(group.contains("$ bangui frobnicate \\-\\-help"), "{group}");
        let leaf = page("bangui-frobnicate-undo.1");
        assert!(leaf.contains("$ bangui frobnicate undo\\fR"), "{leaf}");
        assert!(
            leaf.contains("$ bangui frobnicate undo \\-\\-json"),
            "{leaf}"
        );
        assert!(leaf.contains("Undo the last frobnication."), "{leaf}");
        assert!(leaf.contains(".SH \"EXIT STATUS\""), "{leaf}");
        assert!(leaf.contains("BANGUI_CONFIG"), "{leaf}");
        assert!(leaf.contains("/var/lib/bangui/bangui.db"), "{leaf}");
        assert!(leaf.contains("\\fBbangui\\-frobnicate\\fR(1)"), "{leaf}");
    }

    #[test]
    fn every_page_has_the_sections_debian_expects() {
        for page in pages(Cli::command()) {
            let mut at = 0;
            for section in [
                "NAME",
                "SYNOPSIS",
                "DESCRIPTION",
                "OPTIONS",
                "EXIT STATUS",
                "ENVIRONMENT",
                "FILES",
                "EXAMPLES",
                "SEE ALSO",
            ] {
                let needle = format!("\n.SH \"{section}\"\n");
                let plain = format!("\n.SH {section}\n");
                let found = page.text[at..]
                    .find(&needle)
                    .or_else(|| page.text[at..].find(&plain));
                let Some(i) = found else {
                    panic!(
                        "{}: no {section} after byte {at}:\n{}",
                        page.file, page.text
                    );
                };
                at += i + 1;
            }
            assert!(!page.text.contains("bangui-help"), "{}", page.file);
            assert!(!page.text.contains("manpages"), "{}", page.file);
            if page.file != "bangui.1" {
                assert!(
                    page.text.contains("\n.SH \"GLOBAL OPTIONS\"\n"),
                    "{}",
                    page.file
                );
            }
        }
    }
}
