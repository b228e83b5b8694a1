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

    /// The audit trail of state-changing commands
    #[command(subcommand)]
    Audit(AuditCommand),

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
    /// Change one runtime setting (not persisted)
    Set {
        jail: String,
        key: String,
        value: String,
        /// Show what would change and change nothing
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
    /// Start a jail from fail2ban's configuration (delegates to fail2ban-client)
    Start {
        jail: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Restart a jail (delegates to fail2ban-client)
    Restart {
        jail: Option<String>,
        /// Also unban everything in the jail
        #[arg(long)]
        unban: bool,
        #[arg(long)]
        dry_run: bool,
    },
    /// Reload a jail, or every jail, from the configuration (delegates to fail2ban-client)
    Reload {
        jail: Option<String>,
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
