//! The whole clap argument tree, in one place and free of logic. Command
//! modules receive these structs; `--help`, completions and man pages are
//! generated from them without reading any configuration.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    success (also: nothing to do)
  1    failure not covered below; the \"no\" of a question (`banned IP` when nobody bans it, `health` when degraded)
  2    wrong usage
  3    partial success: some items done, some failed (details in the output)
  65   bad input data: invalid IP/CIDR, malformed file, refused by safety policy
  66   an input file is missing
  69   fail2ban unreachable (socket missing, connection refused, timeout)
  74   local I/O or database failure
  75   try again later: scheduler lock held, rate limit hit, database busy
  77   permission denied (socket, config dir, database)
  78   configuration error (bangui or fail2ban config, unknown jail/filter)
  130  stopped by SIGINT; 143 stopped by SIGTERM (after a clean shutdown)

Output: table on a terminal, tab-separated `plain` otherwise, `--json` for one JSON document
({\"schema_version\": 1, \"command\", \"data\"} or {\"schema_version\": 1, \"error\": {...}}).";

#[derive(Debug, Parser)]
#[command(
    name = "bangui",
    version,
    about = "Fast, scriptable administration of fail2ban",
    long_about = "bangui administers fail2ban from the shell: bans, jails, history, blocklists and health, \
over fail2ban's own socket, with JSON output and meaningful exit codes.",
    after_long_help = EXIT_CODES_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Configuration file [default: /etc/bangui/bangui.toml]
    #[arg(long, global = true, env = "BANGUI_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// bangui's database file
    #[arg(long, global = true, env = "BANGUI_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// fail2ban's control socket
    #[arg(long, global = true, env = "BANGUI_SOCKET", value_name = "PATH")]
    pub socket: Option<PathBuf>,

    /// fail2ban's configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]
    #[arg(long, global = true, value_name = "DIR")]
    pub fail2ban_config_dir: Option<PathBuf>,

    /// Output format [default: table on a terminal, plain otherwise]
    #[arg(short, long, global = true, env = "BANGUI_OUTPUT", value_enum)]
    pub output: Option<OutputFormat>,

    /// Short for --output json
    #[arg(long, global = true, conflicts_with = "output")]
    pub json: bool,

    /// Only errors on stderr; no progress bars
    #[arg(short, long, global = true, env = "BANGUI_QUIET")]
    pub quiet: bool,

    /// More logging on stderr (-v info, -vv debug, -vvv trace)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Log format on stderr
    #[arg(long, global = true, env = "BANGUI_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,

    /// Colour on stderr
    #[arg(long, global = true, env = "BANGUI_COLOR", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Never draw progress bars
    #[arg(long, global = true, env = "BANGUI_NO_PROGRESS")]
    pub no_progress: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Server version, jails with their counts, and bangui's database state
    Status,

    /// Ban IPs or CIDRs in a jail (validated, batched, safety-checked)
    Ban(BanArgs),

    /// Unban IPs from one jail or from every jail
    Unban(UnbanArgs),

    /// List current bans, or ask whether IPs are banned (exit 1 when none is)
    Banned(BannedArgs),

    /// Live jail state and settings
    #[command(subcommand)]
    Jail(JailCommand),

    /// fail2ban's filters: list, show resolved, test against a log
    #[command(subcommand)]
    Filter(FilterCommand),

    /// fail2ban's actions: list, show resolved
    #[command(subcommand)]
    Action(ActionCommand),

    /// Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable
    #[command(subcommand, name = "config-backups")]
    ConfigBackups(ConfigBackupsCommand),

    /// The audit trail of state-changing commands
    #[command(subcommand)]
    Audit(AuditCommand),

    /// Scheduled work under the scheduler lock (exit 75 while another run holds it)
    #[command(subcommand)]
    Jobs(JobsCommand),

    /// Show or check the effective configuration
    #[command(subcommand)]
    Config(ConfigCommand),

    /// bangui's own database: migrations, checks, backups
    #[command(subcommand)]
    Db(DbCommand),

    /// Print a shell completion script
    Completions(CompletionsArgs),

    /// Write man pages to a directory
    #[command(hide = true)]
    Manpages(ManpagesArgs),
}

#[derive(Debug, Args)]
pub struct BanArgs {
    /// IP addresses or CIDR networks
    #[arg(value_name = "IP|CIDR")]
    pub targets: Vec<String>,

    /// The jail to ban in
    #[arg(short, long)]
    pub jail: String,

    /// Read items from a file, one per line (`-` for stdin; `#` comments allowed)
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Allow private, reserved, this host's and the SSH client's addresses
    #[arg(long)]
    pub force: bool,

    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct UnbanArgs {
    /// IP addresses or CIDR networks as they were banned
    #[arg(value_name = "IP|CIDR", required_unless_present = "all")]
    pub targets: Vec<String>,

    /// Only this jail [default: every jail]
    #[arg(short, long)]
    pub jail: Option<String>,

    /// Unban everything in --jail
    #[arg(long, requires = "jail", conflicts_with = "targets")]
    pub all: bool,

    /// Read items from a file, one per line (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct BannedArgs {
    /// Ask about these IPs or networks instead of listing every ban
    #[arg(value_name = "IP|CIDR")]
    pub targets: Vec<String>,

    /// Only this jail
    #[arg(short, long)]
    pub jail: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum JailCommand {
    /// Every jail with backend, failed and banned counts, and idle state
    List,
    /// Every runtime setting of a jail
    Show { jail: String },
    /// One runtime setting
    Get { jail: String, key: String },
    /// Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local
    #[command(long_about = "Change one runtime setting over the socket.\n\n\
With --persist the setting is written to DIR/jail.d/zz-bangui.local instead (the one file bangui \
owns; jail.conf and other package files are never edited), checked with `fail2ban-client -t` \
(only errors the change introduces are refused), and applied with `fail2ban-client reload JAIL`. \
If any step fails, the file and the jail are rolled back. The previous version of the file is \
kept as a backup (`bangui config-backups list`).")]
    Set {
        jail: String,
        key: String,
        value: String,
        /// Write the setting to jail.d/zz-bangui.local and reload the jail
        #[arg(long)]
        persist: bool,
        /// Show what would change (with --persist: the diff) and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)
    #[command(
        long_about = "Write `enabled = true` for JAIL to DIR/jail.d/zz-bangui.local, check the \
configuration with `fail2ban-client -t`, and start the jail: `fail2ban-client reload JAIL` if it \
runs, else a full `fail2ban-client reload` (which drops jails added only at runtime). On failure \
the file and the jail are rolled back; the previous file is kept as a backup."
    )]
    Enable {
        jail: String,
        /// Print the diff and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)
    #[command(
        long_about = "Write `enabled = false` for JAIL to DIR/jail.d/zz-bangui.local, check the \
configuration with `fail2ban-client -t`, and stop the jail over the socket. On failure the file \
is rolled back; the previous file is kept as a backup."
    )]
    Disable {
        jail: String,
        /// Print the diff and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Switch a jail's idle mode
    Idle {
        jail: String,
        #[arg(value_parser = ["on", "off"])]
        state: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Stop a jail (bans stay in fail2ban's database)
    Stop {
        jail: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Start a stopped jail from fail2ban's configuration (delegates to
    /// `fail2ban-client reload`, which also starts every other enabled jail
    /// and removes jails that were only added at runtime)
    Start {
        jail: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)
    Restart {
        jail: Option<String>,
        /// Also unban everything in the jail
        #[arg(long)]
        unban: bool,
        #[arg(long)]
        dry_run: bool,
    },
    /// Reload a jail, or every jail, from the configuration (delegates to
    /// `fail2ban-client reload`; reloading all removes runtime-only jails)
    Reload {
        jail: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FilterCommand {
    /// Every filter in filter.d, its files, and the jails that use it
    List,
    /// A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from
    Show {
        /// Filter name, optionally with parameters: sshd or sshd[mode=aggressive]
        name: String,
        /// Shorthand for the `mode` parameter
        #[arg(long)]
        mode: Option<String>,
    },
    /// Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex
    #[command(
        long_about = "Run a filter over a log and count lines the way fail2ban-regex does \
(lines, matched, ignored, missed; hits per failregex; date template hits).\n\n\
FILTER is a filter name from filter.d (with optional [params]), a path to a .conf/.local file, \
or else a literal failregex. LOG is a file or - for stdin. The native engine is the default; \
--engine fail2ban-regex runs fail2ban's own tool (exit 66 when it is not installed)."
    )]
    Test(FilterTestArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    Native,
    #[value(name = "fail2ban-regex")]
    Fail2banRegex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowLines {
    Matched,
    Missed,
    Ignored,
    All,
}

#[derive(Debug, Args)]
pub struct FilterTestArgs {
    /// NAME[params] | FILE.conf | REGEX
    #[arg(value_name = "FILTER")]
    pub filter: String,
    /// The log file, or - for stdin
    #[arg(value_name = "LOG")]
    pub log: PathBuf,
    /// Shorthand for the `mode` parameter
    #[arg(long)]
    pub mode: Option<String>,
    /// Use this datepattern instead of the filter's
    #[arg(long, value_name = "PATTERN")]
    pub datepattern: Option<String>,
    /// Also list these lines (in JSON: `data.lines_shown` with host, user, time)
    #[arg(long, value_enum)]
    pub show: Option<ShowLines>,
    /// Which engine runs the test
    #[arg(long, value_enum, default_value_t = Engine::Native)]
    pub engine: Engine,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Every action in action.d and the jails that use it
    List,
    /// An action resolved: its commands and [Init] parameters, with where each came from
    Show {
        /// Action name, optionally with parameters: iptables-multiport[port=ssh]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigBackupsCommand {
    /// Saved versions of jail.d/zz-bangui.local, oldest first
    List,
    /// Put a saved version back: validated, applied with a full reload, rolled back on failure
    Restore {
        /// The backup id (see `list`)
        id: String,
        /// Required: restoring replaces the current file and reloads fail2ban
        #[arg(long)]
        yes: bool,
        /// Print the diff and change nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recent state changes, newest first
    List {
        /// Only since: a duration (7d), a date, or an RFC 3339 time
        #[arg(long)]
        since: Option<String>,
        /// At most this many rows
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Every job with its interval, last run, last status and next due time
    List,
    /// Run one job now, due or not, under the scheduler lock
    #[command(
        long_about = "Run one job now, due or not, under the scheduler lock. Nothing bypasses the lock: \
when another run holds it this exits 75 and records a skipped-locked run.\n\n\
SIGTERM/SIGINT stop the run at its next safe point (the current unit may finish for jobs.grace), \
release the lock and exit 143/130; a second signal stops at once."
    )]
    Run {
        /// The job (see `bangui jobs list`)
        name: String,
    },
    /// Run every due job in order under the scheduler lock (what the timer calls every minute)
    #[command(
        long_about = "Run every job whose interval has passed, in order, under the scheduler lock, and \
record the run-due run itself (health checks look for its last success). Exit 0 when every job \
succeeded or nothing was due, 3 when some failed, 1 when all failed, 75 when another run holds \
the lock, 143/130 after SIGTERM/SIGINT."
    )]
    RunDue,
    /// The lock holder if any, its heartbeat age, and recent runs
    Status {
        /// Recent runs to show
        #[arg(long, default_value_t = 10)]
        limit: u32,
    },
    /// Past runs, newest first
    History {
        /// Only this job (or run-due)
        #[arg(long)]
        job: Option<String>,
        /// At most this many runs
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)
    Unlock {
        /// Required: removing a lock is an operator's decision
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Every effective value and where it came from
    Show {
        /// Only this key (section.key)
        key: Option<String>,
    },
    /// Validate the configuration and exit 0, or 78 naming the problem
    Check,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply pending migrations (a backup is taken first)
    Migrate,
    /// Schema version, applied and pending migrations
    Status,
    /// integrity_check and foreign_key_check (exit 74 on corruption)
    Check,
    /// Checkpoint and truncate the write-ahead log
    Checkpoint,
    /// Copy the database to PATH with SQLite's online backup API
    Backup { path: PathBuf },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManpagesArgs {
    /// Directory to write bangui.1 and one page per subcommand into
    pub dir: PathBuf,
}
