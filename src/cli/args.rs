//! The whole clap argument tree, in one place and free of logic. Command
//! modules receive these structs; `--help`, completions and man pages are
//! generated from them without reading any configuration.

use std::path::PathBuf;

use bangui::history::StatsBy;
use clap::{Args, Parser, Subcommand, ValueEnum};

// Every jail argument and option is a `JailName`: clap parses it with its `FromStr`,
// the one rule for a jail name.
use bangui::jail::JailName;

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    success (also: nothing to do)
  1    failure not covered below; the \"no\" of a question (`banned IP` when nobody bans it, `health` when degraded)
  2    wrong usage
  3    partial success: some items done, some failed (details in the output)
  65   bad input data: invalid IP/CIDR, malformed file, refused by safety policy
  66   an input file is missing
  69   fail2ban unreachable (socket missing, connection refused, timeout); the fleet store unreachable
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
    #[command(flatten, next_help_heading = "Global options")]
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
    #[arg(short, long, global = true, env = "BANGUI_QUIET", value_parser = clap::builder::BoolishValueParser::new())]
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
    #[arg(long, global = true, env = "BANGUI_NO_PROGRESS", value_parser = clap::builder::BoolishValueParser::new())]
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

    /// Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)
    #[command(long_about = EXPLAIN_LONG_ABOUT)]
    Explain(ExplainArgs),

    /// A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)
    Top(TopArgs),
    /// Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)
    #[command(
        long_about = "Check that the kernel firewall holds every ban fail2ban reports.\n\n\
Each jail's actions are resolved to the kernel objects they manage (nftables set, iptables chain \
f2b-NAME, ipset set), read with nft, iptables-save/ip6tables-save and ipset (root), and compared \
with fail2ban's ban list as networks: `missing` is banned but not in the kernel, `stray` is in \
the kernel but not banned. Exit 0 when every inspectable action holds every ban, 1 when one is \
missing (with --strict also when an action cannot be inspected).\n\n\
--repair asks fail2ban to run each action's own ban command again for the missing entries; \
bangui never writes firewall rules itself, and never removes strays."
    )]
    Verify(VerifyArgs),

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

    /// The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)
    #[command(subcommand)]
    Fleet(FleetCommand),

    /// Print a shell completion script
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct BanArgs {
    /// IP addresses or CIDR networks
    #[arg(value_name = "IP|CIDR")]
    pub targets: Vec<String>,

    /// The jail to ban in
    #[arg(short, long)]
    pub jail: JailName,

    /// Read items from a file, one per line (`-` for stdin; `#` comments allowed)
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Allow private, reserved, this host's and the SSH client's addresses,
    /// networks the jail's firewall cannot hold (cidr_not_enforceable), and an
    /// expiry beyond the jail's bantime
    #[arg(long)]
    pub force: bool,

    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Unban after this long (bangui's own expiry, enforced by the expire-bans job)
    #[arg(
        long = "for",
        value_name = "DURATION",
        conflicts_with = "until",
        allow_hyphen_values = true
    )]
    pub for_: Option<String>,

    /// Unban at this time (RFC 3339 or a date; enforced by the expire-bans job)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Also publish the bans to the fleet (queued locally while the store is unreachable)
    #[arg(long)]
    pub share: bool,

    /// Why, stored with the shared decision
    #[arg(long, requires = "share", value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct UnbanArgs {
    /// IP addresses or CIDR networks as they were banned
    #[arg(value_name = "IP|CIDR", required_unless_present_any = ["all", "from_file", "all_jails", "origin", "source", "country", "asn", "network", "banned_before"])]
    pub targets: Vec<String>,

    /// Only this jail [default: every jail]
    #[arg(short, long)]
    pub jail: Option<JailName>,

    /// With selectors: look in every jail
    #[arg(long, conflicts_with_all = ["jail", "targets", "all"])]
    pub all_jails: bool,

    #[command(flatten)]
    pub select: SelectorArgs,

    /// With selectors: remove more than --max bans without a terminal
    #[arg(long)]
    pub yes: bool,

    /// With selectors: above this many bans, ask (terminal) or require --yes
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max: usize,

    /// Unban everything in --jail
    #[arg(long, requires = "jail", conflicts_with = "targets")]
    pub all: bool,

    /// Read items from a file, one per line (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Also revoke the fleet's shared decisions for these networks (in --jail's class, or all)
    #[arg(long, conflicts_with = "all")]
    pub share: bool,
}

/// Unban by what is known about the bans (combined with AND); needs --jail or --all-jails.
#[derive(Debug, Args, Default)]
pub struct SelectorArgs {
    /// Select bans of this origin
    #[arg(long, value_enum, conflicts_with = "targets")]
    pub origin: Option<OriginArg>,
    /// Select bans from this blocklist source (or by this actor, for manual bans)
    #[arg(long, value_name = "NAME", conflicts_with = "targets")]
    pub source: Option<String>,
    /// Select bans of IPs in this country (ISO 3166 alpha-2, from the geo cache)
    #[arg(long, value_name = "CC", conflicts_with = "targets")]
    pub country: Option<String>,
    /// Select bans of IPs in this autonomous system (from the geo cache)
    #[arg(long, value_name = "N", conflicts_with = "targets")]
    pub asn: Option<u32>,
    /// Select every ban inside this network
    #[arg(long, value_name = "CIDR", conflicts_with = "targets")]
    pub network: Option<String>,
    /// Select bans that began before: a duration ago (7d), a date, or an RFC 3339 time
    #[arg(long, value_name = "TIME|DURATION", conflicts_with = "targets")]
    pub banned_before: Option<String>,
}

pub const EXPLAIN_LONG_ABOUT: &str = "\
One report per IP: the jails that ban it now (the IP itself or a network containing it), with \
start, fail2ban's end, time left, ban count and bangui's own expiry; its ban history by origin \
(fail2ban with the jail, manual with the actor, blocklist with the source); every blocklist \
source that lists it and under which network; country and AS from the geo database or cache; \
what the safety policy would say about banning it, overall and per jail (ignoreip); and the log \
lines that produced its bans, newest first.

fail2ban's database is read read-only. Exit 0 when any jail bans an IP now, 1 when none does \
(as grep does), 65 for an invalid or non-canonical IP.";

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// IP addresses, written canonically (as fail2ban shows them)
    #[arg(value_name = "IP", required = true)]
    pub ips: Vec<String>,
    /// At most this many log lines per IP
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub lines: usize,
}

#[derive(Debug, Args)]
pub struct TopArgs {
    /// Seconds between refreshes
    #[arg(long, value_name = "SECONDS", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub interval: u64,
}

#[derive(Debug, Args)]
pub struct BannedArgs {
    /// Ask about these IPs or networks instead of listing every ban
    #[arg(value_name = "IP|CIDR")]
    pub targets: Vec<String>,

    /// Only this jail
    #[arg(short, long)]
    pub jail: Option<JailName>,

    /// Only an exact ban entry counts (an IP inside a banned network is "no")
    #[arg(long)]
    pub exact: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Only these jails [default: every jail]
    #[arg(short, long = "jail", value_name = "JAIL")]
    pub jails: Vec<JailName>,

    /// Also fail (exit 1) when an action cannot be inspected
    #[arg(long)]
    pub strict: bool,

    /// Put missing bans back through fail2ban (strays are left alone)
    #[arg(long)]
    pub repair: bool,

    /// With --repair: show what would be repaired and change nothing
    #[arg(long, requires = "repair")]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum JailCommand {
    /// Every jail with backend, failed and banned counts, and idle state
    List,
    /// Every runtime setting of a jail
    Show { jail: JailName },
    /// One runtime setting
    #[command(long_about = JAIL_GET_LONG_ABOUT)]
    Get { jail: JailName, key: String },
    /// Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local
    #[command(long_about = JAIL_SET_LONG_ABOUT)]
    Set {
        jail: JailName,
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
        jail: JailName,
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
        jail: JailName,
        /// Print the diff and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Switch a jail's idle mode
    Idle {
        jail: JailName,
        #[arg(value_parser = ["on", "off"])]
        state: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Stop a jail (bans stay in fail2ban's database)
    Stop {
        jail: JailName,
        #[arg(long)]
        dry_run: bool,
    },
    /// Start a stopped jail from fail2ban's configuration (delegates to
    /// `fail2ban-client reload`, which also starts every other enabled jail
    /// and removes jails that were only added at runtime)
    Start {
        jail: Option<JailName>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)
    Restart {
        jail: Option<JailName>,
        /// Also unban everything in the jail
        #[arg(long)]
        unban: bool,
        #[arg(long)]
        dry_run: bool,
    },
    /// Reload a jail, or every jail, from the configuration (delegates to
    /// `fail2ban-client reload`; reloading all removes runtime-only jails)
    Reload {
        jail: Option<JailName>,
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
    /// Rebuild bangui's nftables table (inet bangui) from the database, exactly as last applied
    #[command(
        long_about = "Rebuild table inet bangui from the database after a reboot or a flushed ruleset: \
every enabled source with target nft gets its sets NAME-v4/NAME-v6 (flags interval), its counter and \
its base chains NAME-input/NAME-forward (priority filter - 10, before fail2ban's -1) back, in one nft \
transaction. It never touches another table. Exit 77 when nft is missing or not permitted."
    )]
    Restore,
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
    /// The jail its entries are banned in (target jail, the default)
    #[arg(short, long, required_unless_present = "target")]
    pub jail: Option<JailName>,
    /// Where its entries go: a jail (through fail2ban) or nft (bangui's own nftables table inet bangui)
    #[arg(long, value_enum)]
    pub target: Option<TargetArg>,
    /// nft target: the hook(s) its rules attach to
    #[arg(long, value_enum, default_value_t = HookArg::Input)]
    pub hook: HookArg,
    /// nft target: what its rules do with a listed source address
    #[arg(long, value_enum, default_value_t = NftActionArg::Drop)]
    pub action: NftActionArg,
    /// auto, plain, spamhaus-drop, spamhaus-json or csv:COLUMN
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// How often the scheduled job imports it
    #[arg(long, default_value = "24h")]
    pub interval: String,
    /// Never fetch more often than this (0s disables the limit) [default: 1h, 0s for file://]
    #[arg(long, value_name = "MIN_INTERVAL")]
    pub min_interval: Option<String>,
    /// Abort an import that yields more networks than this
    #[arg(long)]
    pub max_entries: Option<u64>,
    /// Accept a plain-http URL
    #[arg(long)]
    pub allow_http: bool,
    /// Accept a file:// URL
    #[arg(long)]
    pub allow_file: bool,
    /// Fetch it once per interval for the whole fleet (one host fetches, all read the store)
    #[arg(long)]
    pub fleet_shared: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetArg {
    Jail,
    Nft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HookArg {
    Input,
    Forward,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NftActionArg {
    Drop,
    Reject,
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
    pub jail: Option<JailName>,
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
    pub jail: Option<JailName>,
    /// Only this IP, or the IPs in this network
    #[arg(long, value_name = "IP|CIDR")]
    pub ip: Option<String>,
    /// Only this country (ISO 3166 alpha-2, from the geo cache)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Only bans of this origin
    #[arg(long, value_enum)]
    pub origin: Option<OriginArg>,
    /// Ask the fleet store: every host's history (rows carry host_id)
    #[arg(long)]
    pub fleet: bool,
    /// With --fleet: only this host's rows
    #[arg(long, requires = "fleet", value_name = "HOST_ID")]
    pub host: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OriginArg {
    /// Detected by fail2ban
    Fail2ban,
    /// Banned through `bangui ban`
    Manual,
    /// Banned by a blocklist import
    Blocklist,
    /// Banned by an import of the fleet's shared decisions (a `fleet:` source)
    Fleet,
}

impl OriginArg {
    /// The origin as the ban history records it.
    pub fn as_str(self) -> &'static str {
        match self {
            OriginArg::Fail2ban => "fail2ban",
            OriginArg::Manual => "manual",
            OriginArg::Blocklist => "blocklist",
            OriginArg::Fleet => "fleet",
        }
    }
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

#[derive(Debug, Args)]
pub struct HistoryStatsArgs {
    #[command(flatten)]
    pub filter: HistoryFilterArgs,
    /// Group by
    #[arg(long, value_enum, default_value_t = StatsBy::Jail)]
    pub by: StatsBy,
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
    /// RFC 4180 CSV with a header line; controls written as \u00XX, formulas prefixed with '
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
    Backup {
        path: PathBuf,
        /// Replace PATH when it exists (refused otherwise)
        #[arg(long)]
        force: bool,
    },
}

pub const JAIL_GET_LONG_ABOUT: &str = "\
Read one runtime setting of a running jail over the socket.

Keys:
  bantime              seconds an IP stays banned (-1: permanent)
  findtime             seconds in which maxretry failures lead to a ban
  maxretry             failures within findtime that lead to a ban
  maxmatches           matched log lines kept per ticket
  maxlines             log lines buffered for multi-line regexes
  usedns               host names in logs: yes, no, warn, raw
  logencoding          encoding of the log files
  ignoreself           never ban this host's own addresses (true/false)
  ignoreip             addresses and networks never banned
  ignorecommand        command that decides whether an IP is ignored
  logpath              the log files watched
  journalmatch         the systemd journal matches (systemd backend)
  prefregex            regex every line must match before failregex
  failregex            the regexes that find failures
  ignoreregex          the regexes that exempt a line
  datepattern          how dates in the log are found
  actions              the jail's actions
  action...            a setting of one action (as fail2ban-client names it)
  bantime.increment    whether ban times grow for repeat offenders
  bantime.factor       the growth factor
  bantime.formula      the growth formula
  bantime.multipliers  the growth multipliers
  bantime.maxtime      the longest ban time reached by growth
  bantime.rndtime      random seconds added to each ban time
  bantime.overalljails whether repeats count across all jails";

pub const JAIL_SET_LONG_ABOUT: &str = "\
Change one runtime setting over the socket.

With --persist the setting is written to DIR/jail.d/zz-bangui.local instead (the one file bangui \
owns; jail.conf and other package files are never edited), checked with `fail2ban-client -t` \
(only errors the change introduces are refused), and applied with `fail2ban-client reload JAIL`. \
If any step fails, the file and the jail are rolled back. The previous version of the file is \
kept as a backup (`bangui config-backups list`).

Keys (VALUE checked before it reaches the socket):
  bantime              seconds or a duration (10m, 1h, 1d); -1 bans permanently
  findtime             seconds or a duration
  maxretry             failures within findtime that lead to a ban (positive integer)
  maxmatches           matched lines kept per ticket (positive integer)
  maxlines             lines buffered for multi-line regexes (positive integer)
  usedns               yes, no, warn or raw
  logencoding          encoding of the log files (auto, utf-8, ...)
  ignoreself           true or false
  addignoreip          add an IP or CIDR that is never banned
  delignoreip          remove one from ignoreip
  ignorecommand        command that decides whether an IP is ignored
  datepattern          how dates in the log are found
  prefregex            regex every line must match before failregex
  addfailregex         add a failure regex
  delfailregex         remove the failure regex with this index (jail get JAIL failregex)
  addignoreregex       add an ignore regex
  delignoreregex       remove the ignore regex with this index
  bantime.increment    true or false: ban times grow for repeat offenders
  bantime.factor       the growth factor (a number)
  bantime.formula      the growth formula
  bantime.multipliers  the growth multipliers (space-separated numbers)
  bantime.maxtime      the longest ban time reached by growth (duration)
  bantime.rndtime      random seconds added to each ban time (duration)
  bantime.overalljails true or false: repeats count across all jails";

pub const HEALTH_LONG_ABOUT: &str = "\
Run the health checks once and print the same document as /api/v1/health/ready.

Critical checks (they decide readiness): database, fail2ban, config_dir, scheduler.
Advisory checks (they can only degrade): blocklists, external_logging, geo, verify.

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
non-loopback address without --allow-remote: the endpoints have no authentication.

Bounded resources: health.workers threads answer the checked endpoints, one more thread holds
every connection; at most health.max_connections are open (a new client closes the one that
has waited longest without a request). A client that sends nothing, or no whole request head,
within health.client_timeout (10 s) is closed; a request line over 2 KiB gets 414, headers over
8 KiB or 64 lines 431, without reading further. If the listening socket fails, serve-health
exits non-zero (74) so that the service manager restarts it.";

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Run only this check
    #[arg(long, value_name = "NAME", value_parser = [
        "database", "fail2ban", "config_dir", "scheduler", "blocklists", "external_logging", "geo",
        "verify",
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

// Commands only the parser knows: `--help`, `help`, completions and the man pages
// never list them. (A plain comment: a doc comment here would become the
// about text of the command these are added to.)
#[derive(Debug, Subcommand)]
pub enum HiddenCommand {
    /// Write man pages to a directory
    #[command(hide = true)]
    Manpages(ManpagesArgs),
}

#[derive(Debug, Subcommand)]
pub enum FleetCommand {
    /// Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)
    Init,
    /// Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds
    Status,
    /// Publish the outbox and this host's new history rows now (the fleet-push job)
    Push,
}
