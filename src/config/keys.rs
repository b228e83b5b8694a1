//! The registry of every configuration key: section, name, type, default and
//! a one-line description. `config show`, the environment overrides and the
//! file parser all work from this one table.

use std::path::PathBuf;

use super::{Context, duration_value};

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Str,
    Path,
    /// A path that may be empty (meaning "not set").
    OptPath,
    Int {
        min: i64,
        max: i64,
    },
    Float,
    Bool,
    /// Seconds; accepts "30s", "10m", "24h", "7d" or an integer.
    Duration,
    Choice(&'static [&'static str]),
    StrList,
    /// A list of TCP ports (1-65535).
    PortList,
    /// An array of tables validated by the module that owns it.
    Tables,
}

pub struct KeyDef {
    pub section: &'static str,
    pub key: &'static str,
    pub full: &'static str,
    pub kind: Kind,
    pub default: fn(&Context) -> toml::Value,
    pub help: &'static str,
}

impl KeyDef {
    pub fn full_name(&self) -> String {
        self.full.to_string()
    }

    pub(crate) fn name_static(&self) -> &'static str {
        self.full
    }

    /// `BANGUI_<SECTION>_<KEY>`, upper case, dots and dashes as underscores.
    pub fn env_name(&self) -> String {
        format!("BANGUI_{}_{}", self.section, self.key)
            .to_uppercase()
            .replace(['.', '-'], "_")
    }

    /// Parse a value given as a string (flag or environment variable).
    pub fn parse_str(&self, raw: &str) -> Result<toml::Value, String> {
        let v = match self.kind {
            Kind::Str | Kind::Path | Kind::OptPath | Kind::Choice(_) => {
                toml::Value::String(raw.to_string())
            }
            Kind::Int { .. } => toml::Value::Integer(
                raw.trim()
                    .parse()
                    .map_err(|_| format!("expected an integer, got {raw:?}"))?,
            ),
            Kind::Float => toml::Value::Float(
                raw.trim()
                    .parse()
                    .map_err(|_| format!("expected a number, got {raw:?}"))?,
            ),
            Kind::Bool => toml::Value::Boolean(match raw.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" | "" => false,
                _ => return Err(format!("expected true or false, got {raw:?}")),
            }),
            Kind::Duration => toml::Value::String(raw.trim().to_string()),
            Kind::StrList => toml::Value::Array(
                raw.split([',', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| toml::Value::String(s.to_string()))
                    .collect(),
            ),
            Kind::PortList => toml::Value::Array(
                raw.split([',', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        s.parse::<i64>()
                            .map(toml::Value::Integer)
                            .map_err(|_| format!("expected a port number, got {s:?}"))
                    })
                    .collect::<Result<Vec<_>, String>>()?,
            ),
            Kind::Tables => {
                return Err("can only be set in the configuration file".to_string());
            }
        };
        self.check_value(v)
    }

    /// Check a value's type and range and normalise it (durations → seconds).
    pub fn check_value(&self, v: toml::Value) -> Result<toml::Value, String> {
        match (self.kind, v) {
            (Kind::Str | Kind::Path | Kind::OptPath, toml::Value::String(s)) => {
                if matches!(self.kind, Kind::Path) && s.is_empty() {
                    return Err("expected a non-empty path".into());
                }
                Ok(toml::Value::String(s))
            }
            (Kind::Choice(choices), toml::Value::String(s)) => {
                if choices.contains(&s.as_str()) {
                    Ok(toml::Value::String(s))
                } else {
                    Err(format!("expected one of {}, got {s:?}", choices.join(", ")))
                }
            }
            (Kind::Int { min, max }, toml::Value::Integer(i)) => {
                if i < min || i > max {
                    Err(format!("expected an integer from {min} to {max}, got {i}"))
                } else {
                    Ok(toml::Value::Integer(i))
                }
            }
            (Kind::Float, toml::Value::Float(f)) => Ok(toml::Value::Float(f)),
            (Kind::Float, toml::Value::Integer(i)) => Ok(toml::Value::Float(i as f64)),
            (Kind::Bool, toml::Value::Boolean(b)) => Ok(toml::Value::Boolean(b)),
            (Kind::Duration, v) => duration_value(&v).map(toml::Value::Integer),
            (Kind::StrList, toml::Value::Array(a)) => {
                if a.iter().all(|v| v.is_str()) {
                    Ok(toml::Value::Array(a))
                } else {
                    Err("expected a list of strings".into())
                }
            }
            (Kind::PortList, toml::Value::Array(a)) => {
                if a.iter()
                    .all(|v| v.as_integer().is_some_and(|p| (1..=65535).contains(&p)))
                {
                    Ok(toml::Value::Array(a))
                } else {
                    Err("expected a list of port numbers (1-65535)".into())
                }
            }
            (Kind::Tables, toml::Value::Array(a)) => {
                if a.iter().all(|v| v.is_table()) {
                    Ok(toml::Value::Array(a))
                } else {
                    Err("expected an array of tables ([[...]])".into())
                }
            }
            (kind, v) => Err(format!(
                "expected {}, got {}",
                kind_name(kind),
                v.type_str()
            )),
        }
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Str | Kind::Choice(_) => "a string",
        Kind::Path | Kind::OptPath => "a path string",
        Kind::Int { .. } => "an integer",
        Kind::Float => "a number",
        Kind::Bool => "true or false",
        Kind::Duration => "a duration",
        Kind::StrList => "a list of strings",
        Kind::PortList => "a list of port numbers",
        Kind::Tables => "an array of tables",
    }
}

fn s(v: &str) -> toml::Value {
    toml::Value::String(v.to_string())
}
fn i(v: i64) -> toml::Value {
    toml::Value::Integer(v)
}

fn default_db(ctx: &Context) -> toml::Value {
    let p = if ctx.is_root {
        PathBuf::from("/var/lib/bangui/bangui.db")
    } else if let Some(x) = &ctx.xdg_data_home {
        x.join("bangui/bangui.db")
    } else if let Some(h) = &ctx.home {
        h.join(".local/share/bangui/bangui.db")
    } else {
        PathBuf::from("bangui.db")
    };
    s(&p.to_string_lossy())
}

const DAY: i64 = 86_400;

macro_rules! key {
    ($section:literal, $key:literal, $kind:expr, $default:expr, $help:literal) => {
        KeyDef {
            section: $section,
            key: $key,
            full: concat!($section, ".", $key),
            kind: $kind,
            default: $default,
            help: $help,
        }
    };
}

const ANY_POSITIVE: Kind = Kind::Int {
    min: 1,
    max: i64::MAX,
};

pub static KEYS: &[KeyDef] = &[
    key!(
        "database",
        "path",
        Kind::Path,
        default_db,
        "bangui's SQLite database (root: /var/lib/bangui/bangui.db, others: XDG data dir)"
    ),
    key!(
        "database",
        "busy_timeout_ms",
        Kind::Int {
            min: 0,
            max: 600_000
        },
        |_| i(5000),
        "how long to wait for a locked database"
    ),
    key!(
        "database",
        "cache_size_kib",
        Kind::Int {
            min: 256,
            max: 4_194_304
        },
        |_| i(16_384),
        "SQLite page cache size"
    ),
    key!(
        "database",
        "backup_before_migrate",
        Kind::Bool,
        |_| toml::Value::Boolean(true),
        "back up an existing database before migrations run"
    ),
    key!(
        "fail2ban",
        "socket",
        Kind::Path,
        |_| s("/var/run/fail2ban/fail2ban.sock"),
        "fail2ban's control socket"
    ),
    key!(
        "fail2ban",
        "config_dir",
        Kind::Path,
        |_| s("/etc/fail2ban"),
        "fail2ban's configuration directory"
    ),
    key!(
        "fail2ban",
        "db_file",
        Kind::OptPath,
        |_| s(""),
        "fail2ban's database (empty: ask the server)"
    ),
    key!(
        "fail2ban",
        "client",
        Kind::Path,
        |_| s("fail2ban-client"),
        "fail2ban-client, used only for reload/restart/start and config tests"
    ),
    key!(
        "fail2ban",
        "connect_timeout",
        Kind::Duration,
        |_| i(5),
        "socket connect timeout"
    ),
    key!(
        "fail2ban",
        "timeout",
        Kind::Duration,
        |_| i(30),
        "socket read timeout (bans run actions synchronously)"
    ),
    key!(
        "fail2ban",
        "connect_retries",
        Kind::Int { min: 0, max: 100 },
        |_| i(5),
        "retries when the socket's backlog is full"
    ),
    key!(
        "fail2ban",
        "ban_batch_size",
        ANY_POSITIVE,
        |_| i(1000),
        "IPs per banip/unbanip command"
    ),
    key!(
        "fail2ban",
        "max_reply_bytes",
        Kind::Int {
            min: 1024,
            max: 1 << 34
        },
        |_| i(64 << 20),
        "largest reply accepted from the socket"
    ),
    key!(
        "safety",
        "safelist",
        Kind::StrList,
        |_| toml::Value::Array(vec![]),
        "IPs and networks that are never banned"
    ),
    key!(
        "safety",
        "ssh_ports",
        Kind::PortList,
        |_| toml::Value::Array(vec![]),
        "SSH ports whose established peers are never banned (empty: sshd_config's Port, else 22)"
    ),
    key!(
        "safety",
        "max_prefix_v4",
        Kind::Int { min: 0, max: 32 },
        |_| i(16),
        "widest IPv4 prefix a blocklist may ban"
    ),
    key!(
        "safety",
        "max_prefix_v6",
        Kind::Int { min: 0, max: 128 },
        |_| i(32),
        "widest IPv6 prefix a blocklist may ban"
    ),
    key!(
        "geo",
        "country_db",
        Kind::Path,
        |_| s("/var/lib/GeoIP/GeoLite2-Country.mmdb"),
        "MaxMind-format Country database"
    ),
    key!(
        "geo",
        "city_db",
        Kind::Path,
        |_| s("/var/lib/GeoIP/GeoLite2-City.mmdb"),
        "MaxMind-format City database"
    ),
    key!(
        "geo",
        "asn_db",
        Kind::Path,
        |_| s("/var/lib/GeoIP/GeoLite2-ASN.mmdb"),
        "MaxMind-format ASN database"
    ),
    key!(
        "geo",
        "max_age",
        Kind::Duration,
        |_| i(45 * DAY),
        "age after which the geo database is reported stale"
    ),
    key!(
        "geo",
        "cache_retention",
        Kind::Duration,
        |_| i(90 * DAY),
        "keep unreferenced geo cache entries this long"
    ),
    key!(
        "geo",
        "batch_size",
        ANY_POSITIVE,
        |_| i(1000),
        "IPs resolved per transaction"
    ),
    key!(
        "blocklist",
        "connect_timeout",
        Kind::Duration,
        |_| i(10),
        "HTTP connect timeout"
    ),
    key!(
        "blocklist",
        "read_timeout",
        Kind::Duration,
        |_| i(60),
        "HTTP read timeout"
    ),
    key!(
        "blocklist",
        "max_body_bytes",
        Kind::Int {
            min: 1,
            max: 1 << 40
        },
        |_| i(64 << 20),
        "largest blocklist body accepted"
    ),
    key!(
        "blocklist",
        "max_invalid_ratio",
        Kind::Float,
        |_| toml::Value::Float(0.10),
        "abort an import when more lines than this are invalid"
    ),
    key!(
        "blocklist",
        "max_shrink_ratio",
        Kind::Float,
        |_| toml::Value::Float(0.50),
        "abort an import when the list shrinks more than this"
    ),
    key!(
        "blocklist",
        "batch_size",
        ANY_POSITIVE,
        |_| i(1000),
        "entries per ban/unban command"
    ),
    key!(
        "blocklist",
        "user_agent",
        Kind::Str,
        |_| s(concat!("bangui/", env!("CARGO_PKG_VERSION"))),
        "HTTP User-Agent"
    ),
    key!(
        "blocklist",
        "ca_file",
        Kind::OptPath,
        |_| s(""),
        "PEM file of CA certificates that HTTPS feeds are checked against instead of the built-in Mozilla roots"
    ),
    key!(
        "blocklist",
        "nft",
        Kind::Str,
        |_| s("nft"),
        "the nft program that loads sources with target nft"
    ),
    key!(
        "blocklist",
        "sources",
        Kind::Tables,
        |_| toml::Value::Array(vec![]),
        "sources declared in the file ([[blocklist.sources]])"
    ),
    key!(
        "jobs",
        "heartbeat",
        Kind::Duration,
        |_| i(5),
        "scheduler lock heartbeat interval"
    ),
    key!(
        "jobs",
        "lock_ttl",
        Kind::Duration,
        |_| i(60),
        "a lock whose heartbeat is older is stale (≥ 3 × heartbeat)"
    ),
    key!(
        "jobs",
        "grace",
        Kind::Duration,
        |_| i(25),
        "how long a stopping run may finish its current unit"
    ),
    key!(
        "jobs",
        "run_due_interval",
        Kind::Duration,
        |_| i(60),
        "how often the timer calls run-due"
    ),
    key!(
        "jobs",
        "textfile_dir",
        Kind::OptPath,
        |_| s(""),
        "node_exporter textfile collector directory"
    ),
    key!(
        "jobs",
        "blocklist_import_interval",
        Kind::Duration,
        |_| i(3600),
        "how often blocklist-import looks for due sources"
    ),
    key!(
        "jobs",
        "history_sync_interval",
        Kind::Duration,
        |_| i(600),
        "history-sync interval"
    ),
    key!(
        "jobs",
        "expire_bans_interval",
        Kind::Duration,
        |_| i(60),
        "how often expire-bans unbans what `ban --for/--until` let expire"
    ),
    key!(
        "jobs",
        "fleet_push_interval",
        Kind::Duration,
        |_| i(60),
        "fleet-push interval (the outbox and new history rows)"
    ),
    key!(
        "jobs",
        "geo_refresh_interval",
        Kind::Duration,
        |_| i(3600),
        "geo-refresh interval"
    ),
    key!(
        "jobs",
        "geo_cleanup_interval",
        Kind::Duration,
        |_| i(DAY),
        "geo-cleanup interval"
    ),
    key!(
        "jobs",
        "db_maintenance_interval",
        Kind::Duration,
        |_| i(DAY),
        "db-maintenance interval"
    ),
    key!(
        "jobs",
        "verify_interval",
        Kind::Duration,
        |_| i(300),
        "verify interval (is every ban in the kernel firewall?)"
    ),
    key!(
        "jobs",
        "job_runs_retention",
        Kind::Duration,
        |_| i(30 * DAY),
        "keep job runs this long"
    ),
    key!(
        "jobs",
        "audit_retention",
        Kind::Duration,
        |_| i(365 * DAY),
        "keep audit rows this long"
    ),
    key!(
        "jobs",
        "imports_retention",
        Kind::Duration,
        |_| i(90 * DAY),
        "keep blocklist import records this long"
    ),
    key!(
        "jobs",
        "history_retention",
        Kind::Duration,
        |_| i(0),
        "keep ban history this long (0: forever)"
    ),
    key!(
        "jobs",
        "maintenance_batch_size",
        Kind::Int {
            min: 1,
            max: 1_000_000
        },
        |_| i(5000),
        "rows db-maintenance deletes per committed batch"
    ),
    key!(
        "jobs",
        "vacuum_free_ratio",
        Kind::Float,
        |_| toml::Value::Float(0.25),
        "db-maintenance runs VACUUM when free pages exceed this share of the file (1.0: never)"
    ),
    key!(
        "health",
        "listen",
        Kind::Str,
        |_| s("127.0.0.1:9191"),
        "serve-health listen address"
    ),
    key!(
        "health",
        "cache_ms",
        Kind::Int {
            min: 0,
            max: 60_000
        },
        |_| i(2000),
        "how long check results are reused"
    ),
    key!(
        "health",
        "rate_limit_per_minute",
        Kind::Int {
            min: 0,
            max: 1_000_000
        },
        |_| i(200),
        "requests per client IP per minute (0: off)"
    ),
    key!(
        "health",
        "workers",
        Kind::Int { min: 1, max: 32 },
        |_| i(4),
        "serve-health worker threads"
    ),
    key!(
        "health",
        "max_connections",
        Kind::Int {
            min: 1,
            max: 100_000
        },
        |_| i(512),
        "open serve-health connections at most; beyond, the longest-waiting idle one is closed"
    ),
    key!(
        "health",
        "client_timeout",
        Kind::Duration,
        |_| i(10),
        "serve-health closes a client that sends nothing, or no whole request head, for this long"
    ),
    key!(
        "health",
        "grace",
        Kind::Duration,
        |_| i(10),
        "how long in-flight requests may finish on shutdown"
    ),
    key!(
        "health",
        "allow_remote",
        Kind::Bool,
        |_| toml::Value::Boolean(false),
        "let serve-health listen on a non-loopback address (no authentication!)"
    ),
    key!(
        "log",
        "level",
        Kind::Choice(&["error", "warn", "info", "debug", "trace"]),
        |_| s("warn"),
        "log level (BANGUI_LOG and -v take precedence)"
    ),
    key!(
        "log",
        "format",
        Kind::Choice(&["text", "json"]),
        |_| s("text"),
        "stderr log format"
    ),
    key!(
        "log",
        "file",
        Kind::OptPath,
        |_| s(""),
        "external JSON log file, reopened on SIGHUP"
    ),
    key!(
        "log",
        "external_required",
        Kind::Bool,
        |_| toml::Value::Boolean(false),
        "fail (exit 78) when the log file cannot be opened"
    ),
    key!(
        "fleet",
        "url",
        Kind::Str,
        |_| s(""),
        "the fleet's PostgreSQL, postgres://user@host/db (empty: no fleet)"
    ),
    key!(
        "fleet",
        "host_id",
        Kind::Str,
        |_| s(""),
        "this host's name in the fleet (empty: the hostname)"
    ),
    key!(
        "fleet",
        "password_file",
        Kind::OptPath,
        |_| s(""),
        "a file holding the password (else the URL, PGPASSFILE or ~/.pgpass)"
    ),
    key!(
        "fleet",
        "sslmode",
        Kind::Choice(&["disable", "prefer", "require", "verify-full"]),
        |_| s("prefer"),
        "TLS: require encrypts, verify-full also checks the certificate and name"
    ),
    key!(
        "fleet",
        "ca_file",
        Kind::OptPath,
        |_| s(""),
        "PEM CA certificates for sslmode = verify-full (empty: the system roots)"
    ),
    key!(
        "fleet",
        "connect_timeout",
        Kind::Duration,
        |_| i(5),
        "how long to wait for the fleet store"
    ),
    key!(
        "fleet",
        "statement_timeout",
        Kind::Duration,
        |_| i(60),
        "longest statement on the fleet store"
    ),
    key!(
        "fleet",
        "push_batch_rows",
        Kind::Int {
            min: 1,
            max: 10_000_000
        },
        |_| i(50_000),
        "history rows per pushed (committed) batch"
    ),
];
