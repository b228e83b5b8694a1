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
  70   internal error (a bug: please report it)
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

    /// List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)
    Banned(BannedArgs),

    /// Live jail state and settings
    #[command(subcommand)]
    Jail(JailCommand),

    /// IP blocklists: sources, imports into a jail, the import log
    #[command(subcommand)]
    Blocklist(BlocklistCommand),
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

    /// Ban history copied from fail2ban's database: sync, list, stats, export
    #[command(subcommand)]
    History(HistoryCommand),

    /// Country, city and AS number from local MaxMind-format databases
    #[command(subcommand)]
    Geo(GeoCommand),

    /// Show or check the effective configuration
    #[command(subcommand)]
    Config(ConfigCommand),

    /// bangui's own database: migrations, checks, backups
    #[command(subcommand)]
    Db(DbCommand),

    /// One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable
    #[command(long_about = HEALTH_LONG_ABOUT)]
    Health(HealthArgs),

    /// Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP
    #[command(long_about = SERVE_HEALTH_LONG_ABOUT)]
    ServeHealth(ServeHealthArgs),

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
    #[arg(value_name = "IP|CIDR", required_unless_present_any = ["all", "from_file"])]
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

    /// Only an exact ban entry counts (an IP inside a banned network is "no")
    #[arg(long)]
    pub exact: bool,
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

pub const BLOCKLIST_HELP: &str = "\
Formats: auto (plain lines, Spamhaus DROP text and JSON lines, recognised per line), plain (one IP, \
CIDR or `a - b` range per line; trailing fields dropped), spamhaus-drop (`CIDR ; SBLnnn`), \
spamhaus-json (NDJSON {\"cidr\": ...}), csv:COLUMN (1-based). `#` and `;` start comments.

Safety: 0.0.0.0/0 and ::/0, loopback, link-local, multicast, private, CGNAT, documentation and \
reserved ranges, the jail's ignoreip, safety.safelist, this host's addresses, the SSH client and \
prefixes wider than safety.max_prefix_v4/v6 are refused and reported, never banned.

Exit codes: 0 ok or unchanged; 65 aborted (invalid share above blocklist.max_invalid_ratio, shrink \
above blocklist.max_shrink_ratio, every line invalid; --force applies anyway); 69 fail2ban \
unreachable; 75 fetched too recently (--min-interval; --force-fetch skips); 3 some sources failed.";

#[derive(Debug, Subcommand)]
#[command(after_long_help = BLOCKLIST_HELP)]
pub enum BlocklistCommand {
    /// Add, list, show, enable, disable or remove sources
    #[command(subcommand)]
    Source(SourceCommand),
    /// Fetch sources and apply only the difference to their jails
    #[command(after_long_help = BLOCKLIST_HELP)]
    Import(ImportArgs),
    /// Recorded imports, newest first
    Log {
        /// Only this source
        #[arg(long)]
        source: Option<String>,
        /// At most this many rows
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Per source: last success and failure, entries, age, staleness
    Status,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source (fetches nothing; the first import is never rate-limited)
    Add(SourceAddArgs),
    /// Every source, from the database and the config file
    List,
    /// One source's settings and state
    Show { name: String },
    /// Include a source in `import --all` and the scheduled job
    Enable { name: String },
    /// Leave a source out of `import --all` and the scheduled job (its bans stay)
    Disable { name: String },
    /// Remove a source and unban what it added (not what another source still lists)
    Rm {
        name: String,
        /// Leave its bans in place
        #[arg(long)]
        keep_bans: bool,
    },
}

#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// [A-Za-z0-9._-], up to 64 characters
    pub name: String,
    /// https:// (http:// with --allow-http, file:///path with --allow-file)
    pub url: String,
    /// The jail its entries are banned in
    #[arg(short, long)]
    pub jail: String,
    /// auto, plain, spamhaus-drop, spamhaus-json or csv:COLUMN
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// How often the scheduled job imports it
    #[arg(long, default_value = "24h")]
    pub interval: String,
    /// Never fetch more often than this (0s disables the limit)
    #[arg(long, default_value = "1h")]
    pub min_interval: String,
    /// Abort an import that yields more networks than this
    #[arg(long)]
    pub max_entries: Option<u64>,
    /// Accept a plain-http URL
    #[arg(long)]
    pub allow_http: bool,
    /// Accept a file:// URL
    #[arg(long)]
    pub allow_file: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["names", "all", "from_file"])))]
pub struct ImportArgs {
    /// Sources to import
    pub names: Vec<String>,
    /// Every enabled source
    #[arg(long, conflicts_with = "names")]
    pub all: bool,
    /// Import a local file (as source file-NAME) into --jail
    #[arg(long, value_name = "FILE", conflicts_with_all = ["names", "all"], requires = "jail")]
    pub from_file: Option<PathBuf>,
    /// The jail for --from-file
    #[arg(short, long, requires = "from_file")]
    pub jail: Option<String>,
    /// Fetch, parse and show the difference; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Skip the conditional GET and the minimum fetch interval
    #[arg(long)]
    pub force_fetch: bool,
    /// Apply even when the invalid share or the shrink exceeds its threshold
    #[arg(long)]
    pub force: bool,
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
pub enum HistoryCommand {
    /// Copy new bans from fail2ban's database into bangui's history (read-only, incremental)
    #[command(
        long_about = "Copy new rows of fail2ban's `bans` table into bangui's history. fail2ban's \
database is opened read-only and read in short batches, so fail2ban is never blocked; each batch \
is committed together with its watermark. Safe to run any number of times. fail2ban deletes its \
rows on unban and after dbpurgeage (1 day by default): sync at least that often."
    )]
    Sync(HistorySyncArgs),
    /// Bans in a time window, newest first
    List(HistoryListArgs),
    /// Counts grouped by jail, country, ASN, IP, day, hour of day or origin
    Stats(HistoryStatsArgs),
    /// IPs banned at least N times in the window
    Recidive(HistoryRecidiveArgs),
    /// Stream every matching row as NDJSON or CSV to stdout (no default window or limit)
    Export(HistoryExportArgs),
}

#[derive(Debug, Args)]
pub struct HistorySyncArgs {
    /// fail2ban's database [default: config fail2ban.db_file]
    #[arg(long, value_name = "PATH")]
    pub fail2ban_db: Option<PathBuf>,

    /// Rows per read and per transaction
    #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub batch_size: u32,
}

#[derive(Debug, Args, Clone, Default)]
pub struct HistoryFilterArgs {
    /// Only bans at or after: a duration (7d), a date, or an RFC 3339 time
    #[arg(long)]
    pub since: Option<String>,
    /// Only bans before: a duration (1d), a date, or an RFC 3339 time
    #[arg(long)]
    pub until: Option<String>,
    /// Only this jail
    #[arg(short, long)]
    pub jail: Option<String>,
    /// Only this IP, or the IPs in this network
    #[arg(long, value_name = "IP|CIDR")]
    pub ip: Option<String>,
    /// Only this country (ISO 3166 alpha-2, from the geo cache)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Only bans of this origin
    #[arg(long, value_enum)]
    pub origin: Option<OriginArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OriginArg {
    /// Detected by fail2ban
    Fail2ban,
    /// Banned through `bangui ban`
    Manual,
    /// Banned by a blocklist import
    Blocklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OrderArg {
    Asc,
    #[default]
    Desc,
}

#[derive(Debug, Args)]
pub struct HistoryListArgs {
    #[command(flatten)]
    pub filter: HistoryFilterArgs,
    /// At most this many rows
    #[arg(long, default_value_t = 100)]
    pub limit: u64,
    /// Time order
    #[arg(long, value_enum, default_value_t = OrderArg::Desc)]
    pub order: OrderArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsByArg {
    Jail,
    Country,
    Asn,
    Ip,
    /// Calendar day (UTC); a bar chart in table mode
    Day,
    /// Hour of day (UTC, 00-23)
    Hour,
    Origin,
}

#[derive(Debug, Args)]
pub struct HistoryStatsArgs {
    #[command(flatten)]
    pub filter: HistoryFilterArgs,
    /// Group by
    #[arg(long, value_enum, default_value_t = StatsByArg::Jail)]
    pub by: StatsByArg,
    /// Show the N largest groups (day and hour show every bucket)
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

#[derive(Debug, Args)]
pub struct HistoryRecidiveArgs {
    #[command(flatten)]
    pub filter: HistoryFilterArgs,
    /// Banned at least this many times in the window
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub min_bans: u32,
    /// At most this many IPs
    #[arg(long, default_value_t = 100)]
    pub limit: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line
    Ndjson,
    /// RFC 4180 CSV with a header line
    Csv,
}

#[derive(Debug, Args)]
pub struct HistoryExportArgs {
    #[command(flatten)]
    pub filter: HistoryFilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Ndjson)]
    pub format: ExportFormat,
    /// Time order
    #[arg(long, value_enum, default_value_t = OrderArg::Asc)]
    pub order: OrderArg,
}

#[derive(Debug, Args, Clone, Default)]
pub struct MmdbArgs {
    /// Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)
    #[arg(long = "mmdb", value_name = "PATH")]
    pub mmdb: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum GeoCommand {
    /// Country, city and AS number of IP addresses (from local files only)
    Lookup {
        /// IP addresses
        #[arg(value_name = "IP", required = true)]
        ips: Vec<String>,
        #[command(flatten)]
        mmdb: MmdbArgs,
    },
    /// Resolve history IPs missing from the cache or answered by an older database build
    Refresh {
        #[command(flatten)]
        mmdb: MmdbArgs,
    },
    /// Drop cache entries of IPs no longer in the history and older than geo.cache_retention
    Cleanup {
        #[command(flatten)]
        mmdb: MmdbArgs,
    },
    /// Database files, types, build dates, and the cache's size and gaps
    Status {
        #[command(flatten)]
        mmdb: MmdbArgs,
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

pub const HEALTH_LONG_ABOUT: &str = "\
Run the health checks once and print the same document as /api/v1/health/ready.

Critical checks (they decide readiness): database, fail2ban, config_dir, scheduler.
Advisory checks (they can only degrade): blocklists, external_logging, geo.

Exit codes: 0 every check passes; 1 degraded (some check failed, fail2ban answers);
69 fail2ban unreachable.

--nagios prints one Nagios/Icinga plugin line instead (`BANGUI OK - … | perfdata`) and exits
with the plugin codes: 0 OK, 1 WARNING (an advisory check failed), 2 CRITICAL (a critical
check failed or fail2ban is unreachable), 3 UNKNOWN (the check itself could not run). This is
the one documented exception to bangui's exit-code table; --nagios overrides --output.";

pub const SERVE_HEALTH_LONG_ABOUT: &str = "\
Serve the health checks over HTTP until SIGTERM or SIGINT (exit 143 or 130 after in-flight
requests finished, within health.grace). SIGHUP reopens the external log file (log.file).

  GET /api/v1/health        200 ok or degraded, 503 unavailable (fail2ban down), per component
  GET /api/v1/health/live   200 while the process serves; touches neither database nor socket
  GET /api/v1/health/ready  200 when every critical check passes, else 503 listing failed checks
  GET /metrics              Prometheus text format

Only GET and HEAD (405 otherwise); nothing changes state. Check results are reused for
health.cache_ms; each client IP may make health.rate_limit_per_minute requests a minute (429
with Retry-After beyond; /live is exempt). Binds 127.0.0.1:9191 by default and refuses a
non-loopback address without --allow-remote: the endpoints have no authentication.";

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Run only this check
    #[arg(long, value_name = "NAME", value_parser = [
        "database", "fail2ban", "config_dir", "scheduler", "blocklists", "external_logging", "geo",
    ])]
    pub check: Option<String>,

    /// Print one Nagios/Icinga plugin line; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
    #[arg(long)]
    pub nagios: bool,
}

#[derive(Debug, Args)]
pub struct ServeHealthArgs {
    /// Address to listen on [default: health.listen, 127.0.0.1:9191]
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,

    /// Allow a non-loopback address (the endpoints have no authentication)
    #[arg(long)]
    pub allow_remote: bool,
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
