//! bangui's configuration: one registry of known keys, resolved from flags,
//! environment, the TOML file and built-in defaults (in that order of
//! precedence) into a typed `Config`, with the origin of every value kept for
//! `config show`. This is the only module that looks at environment variables,
//! and it receives them as an argument so it stays testable.

mod keys;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::util::parse_duration;

pub use keys::{KEYS, KeyDef, Kind};

/// Where the system-wide configuration file lives.
pub const DEFAULT_CONFIG_PATH: &str = "/etc/bangui/bangui.toml";

/// Environment variables bangui reads that are not `BANGUI_<SECTION>_<KEY>`.
pub const GLOBAL_ENV: &[&str] = &[
    "BANGUI_CONFIG",
    "BANGUI_DB",
    "BANGUI_SOCKET",
    "BANGUI_OUTPUT",
    "BANGUI_LOG",
    "BANGUI_LOG_FORMAT",
    "BANGUI_COLOR",
    "BANGUI_QUIET",
    "BANGUI_NO_PROGRESS",
];

/// Short environment twins of config keys, as the global flags name them.
/// The long form `BANGUI_<SECTION>_<KEY>` wins when both are set.
pub const ENV_ALIASES: &[(&str, &str)] = &[
    ("BANGUI_DB", "database.path"),
    ("BANGUI_SOCKET", "fail2ban.socket"),
];

/// Where a value came from, highest precedence first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Flag,
    Environment,
    File,
    Default,
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Flag => "flag",
            Origin::Environment => "environment",
            Origin::File => "file",
            Origin::Default => "default",
        }
    }
}

/// One effective value, as `config show` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub key: String,
    pub value: serde_json::Value,
    pub origin: Origin,
    /// The variable name, the file and line, or the flag.
    pub origin_detail: Option<String>,
}

/// Facts about the process that defaults depend on.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub is_root: bool,
    pub home: Option<PathBuf>,
    pub xdg_data_home: Option<PathBuf>,
}

/// What the caller found on the command line; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_path: Option<PathBuf>,
    pub config_from_env: bool,
    /// `section.key` → raw string value from a flag, e.g. `database.path`.
    pub values: BTreeMap<String, String>,
}

/// The resolved configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub file: Option<PathBuf>,
    pub database: DatabaseConfig,
    pub fail2ban: Fail2banConfig,
    pub safety: SafetyConfig,
    pub geo: GeoConfig,
    pub blocklist: BlocklistConfig,
    pub jobs: JobsConfig,
    pub health: HealthConfig,
    pub log: LogConfig,
    pub fleet: FleetConfig,
    #[serde(skip)]
    pub entries: Vec<Entry>,
    /// Unknown `BANGUI_*` variables and similar: warn, do not fail.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DatabaseConfig {
    pub path: PathBuf,
    /// True when `path` is the built-in default: only then is its directory created.
    pub path_is_default: bool,
    pub busy_timeout_ms: u64,
    pub cache_size_kib: i64,
    pub backup_before_migrate: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fail2banConfig {
    pub socket: PathBuf,
    pub config_dir: PathBuf,
    pub db_file: Option<PathBuf>,
    pub client: PathBuf,
    pub connect_timeout_s: u64,
    pub timeout_s: u64,
    pub connect_retries: u32,
    pub ban_batch_size: usize,
    pub max_reply_bytes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SafetyConfig {
    pub safelist: Vec<String>,
    /// Configured SSH ports; empty means sshd_config's, else 22.
    pub ssh_ports: Vec<u16>,
    pub max_prefix_v4: u8,
    pub max_prefix_v6: u8,
    /// The client of the SSH session this process runs in
    /// (`SSH_CONNECTION`/`SSH_CLIENT`), for every path that bans.
    #[serde(skip)]
    pub session_ssh_client: Option<std::net::IpAddr>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GeoConfig {
    pub country_db: PathBuf,
    pub city_db: PathBuf,
    pub asn_db: PathBuf,
    pub max_age_s: u64,
    pub cache_retention_s: u64,
    pub batch_size: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlocklistConfig {
    pub connect_timeout_s: u64,
    pub read_timeout_s: u64,
    pub max_body_bytes: u64,
    pub max_invalid_ratio: f64,
    pub max_shrink_ratio: f64,
    pub batch_size: usize,
    pub user_agent: String,
    pub ca_file: Option<PathBuf>,
    /// The `nft` program for sources with target nft.
    pub nft: String,
    /// `[[blocklist.sources]]` tables, validated by the blocklist module.
    pub sources: Vec<toml::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JobsConfig {
    pub heartbeat_s: u64,
    pub lock_ttl_s: u64,
    pub grace_s: u64,
    pub run_due_interval_s: u64,
    pub textfile_dir: Option<PathBuf>,
    pub blocklist_import_interval_s: u64,
    pub history_sync_interval_s: u64,
    pub expire_bans_interval_s: u64,
    pub fleet_push_interval_s: u64,
    pub geo_refresh_interval_s: u64,
    pub geo_cleanup_interval_s: u64,
    pub db_maintenance_interval_s: u64,
    pub verify_interval_s: u64,
    pub job_runs_retention_s: u64,
    pub audit_retention_s: u64,
    pub imports_retention_s: u64,
    pub history_retention_s: u64,
    pub maintenance_batch_size: usize,
    pub vacuum_free_ratio: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthConfig {
    pub listen: String,
    pub cache_ms: u64,
    pub rate_limit_per_minute: u32,
    pub workers: usize,
    pub grace_s: u64,
    pub allow_remote: bool,
    pub max_connections: usize,
    pub client_timeout_s: u64,
}

/// `[fleet]`: the optional shared PostgreSQL store.
#[derive(Debug, Clone, Serialize)]
pub struct FleetConfig {
    /// Empty when no fleet is configured.
    #[serde(skip)]
    pub url: String,
    /// Resolved: the configured id or the hostname.
    pub host_id: String,
    pub password_file: Option<PathBuf>,
    /// `PGPASSFILE`, else `~/.pgpass`: read when neither the URL nor
    /// `password_file` gives a password.
    pub pgpass: Option<PathBuf>,
    pub sslmode: String,
    pub ca_file: Option<PathBuf>,
    pub connect_timeout_s: u64,
    pub statement_timeout_s: u64,
    pub push_batch_rows: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogConfig {
    pub level: String,
    pub format: String,
    pub file: Option<PathBuf>,
    pub external_required: bool,
}

/// Resolve the configuration. `env` is the process environment (or a test's).
/// The built-in defaults alone: no file, no environment (benchmarks, fuzzing).
pub fn defaults() -> Result<Config> {
    load(
        &Context {
            is_root: false,
            home: None,
            xdg_data_home: None,
        },
        &Overrides {
            config_path: None,
            config_from_env: false,
            values: Default::default(),
        },
        &BTreeMap::new(),
    )
}

pub fn load(
    ctx: &Context,
    overrides: &Overrides,
    env: &BTreeMap<String, String>,
) -> Result<Config> {
    let (file, required) = match &overrides.config_path {
        Some(p) => (p.clone(), true),
        None => (PathBuf::from(DEFAULT_CONFIG_PATH), false),
    };
    let parsed = match std::fs::read_to_string(&file) {
        Ok(text) => Some((parse_file(&file, &text)?, text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoInput {
                what: "configuration file".into(),
                path: file,
            });
        }
        Err(e) => return Err(Error::io(format!("reading {}", file.display()), &file, e)),
    };
    let file_used = parsed.as_ref().map(|_| file.clone());
    let file_values = parsed.map(|(v, _)| v).unwrap_or_default();

    let mut warnings = Vec::new();
    let known_env: BTreeMap<String, &KeyDef> = KEYS.iter().map(|k| (k.env_name(), k)).collect();
    for name in env.keys() {
        if name.starts_with("BANGUI_")
            && !known_env.contains_key(name)
            && !GLOBAL_ENV.contains(&name.as_str())
        {
            warnings.push(format!("ignoring unknown environment variable {name}"));
        }
    }

    let mut resolved: BTreeMap<&'static str, toml::Value> = BTreeMap::new();
    let mut entries = Vec::new();
    for def in KEYS {
        let full = def.full_name();
        let (value, origin, detail) = if let Some(raw) = overrides.values.get(&full) {
            (
                def.parse_str(raw).map_err(|e| bad_value(def, "flag", &e))?,
                Origin::Flag,
                None,
            )
        } else if let Some((var, raw)) = env_value(def, env) {
            let v = def
                .parse_str(raw)
                .map_err(|e| bad_value(def, &format!("environment variable {var}"), &e))?;
            (v, Origin::Environment, Some(var))
        } else if let Some((v, line)) = file_values.get(&full) {
            let v = def
                .check_value(v.clone())
                .map_err(|e| Error::config(format!("{}:{}: {full}: {e}", file.display(), line)))?;
            (
                v,
                Origin::File,
                Some(format!("{}:{}", file.display(), line)),
            )
        } else {
            ((def.default)(ctx), Origin::Default, None)
        };
        entries.push(Entry {
            key: full.clone(),
            value: match value.as_str() {
                // A password in the URL is never shown.
                Some(u) if full == "fleet.url" && !u.is_empty() => {
                    serde_json::Value::String(redact_url_password(u))
                }
                _ => toml_to_json(&value),
            },
            origin,
            origin_detail: detail,
        });
        resolved.insert(def.name_static(), value);
    }
    let _ = overrides.config_from_env;
    let get = |k: &str| {
        resolved
            .get(k)
            .cloned()
            .unwrap_or(toml::Value::String(String::new()))
    };
    let s = |k: &str| match get(k) {
        toml::Value::String(s) => s,
        other => other.to_string(),
    };
    let opt_path = |k: &str| {
        let v = s(k);
        if v.is_empty() {
            None
        } else {
            Some(PathBuf::from(v))
        }
    };
    let int = |k: &str| match get(k) {
        toml::Value::Integer(i) => i,
        _ => 0,
    };
    let float = |k: &str| match get(k) {
        toml::Value::Float(f) => f,
        toml::Value::Integer(i) => i as f64,
        _ => 0.0,
    };
    let boolean = |k: &str| matches!(get(k), toml::Value::Boolean(true));
    let list = |k: &str| match get(k) {
        toml::Value::Array(a) => a
            .iter()
            .map(|v| match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let secs = |k: &str| int(k).max(0) as u64;

    let db_origin = entries
        .iter()
        .find(|e| e.key == "database.path")
        .map(|e| e.origin.clone());
    let cfg = Config {
        file: file_used,
        database: DatabaseConfig {
            path: PathBuf::from(s("database.path")),
            path_is_default: db_origin == Some(Origin::Default),
            busy_timeout_ms: secs("database.busy_timeout_ms"),
            cache_size_kib: int("database.cache_size_kib"),
            backup_before_migrate: boolean("database.backup_before_migrate"),
        },
        fail2ban: Fail2banConfig {
            socket: PathBuf::from(s("fail2ban.socket")),
            config_dir: PathBuf::from(s("fail2ban.config_dir")),
            db_file: opt_path("fail2ban.db_file"),
            client: PathBuf::from(s("fail2ban.client")),
            connect_timeout_s: secs("fail2ban.connect_timeout"),
            timeout_s: secs("fail2ban.timeout"),
            connect_retries: int("fail2ban.connect_retries").clamp(0, 100) as u32,
            ban_batch_size: int("fail2ban.ban_batch_size").max(1) as usize,
            max_reply_bytes: int("fail2ban.max_reply_bytes").max(1024) as usize,
        },
        safety: SafetyConfig {
            safelist: list("safety.safelist"),
            ssh_ports: list("safety.ssh_ports")
                .iter()
                .filter_map(|p| p.parse().ok())
                .collect(),
            session_ssh_client: crate::net::ssh_client_from(
                env.get("SSH_CONNECTION").map(String::as_str),
                env.get("SSH_CLIENT").map(String::as_str),
            ),
            max_prefix_v4: int("safety.max_prefix_v4").clamp(0, 32) as u8,
            max_prefix_v6: int("safety.max_prefix_v6").clamp(0, 128) as u8,
        },
        geo: GeoConfig {
            country_db: PathBuf::from(s("geo.country_db")),
            city_db: PathBuf::from(s("geo.city_db")),
            asn_db: PathBuf::from(s("geo.asn_db")),
            max_age_s: secs("geo.max_age"),
            cache_retention_s: secs("geo.cache_retention"),
            batch_size: int("geo.batch_size").max(1) as usize,
        },
        blocklist: BlocklistConfig {
            connect_timeout_s: secs("blocklist.connect_timeout"),
            read_timeout_s: secs("blocklist.read_timeout"),
            max_body_bytes: int("blocklist.max_body_bytes").max(0) as u64,
            max_invalid_ratio: float("blocklist.max_invalid_ratio"),
            max_shrink_ratio: float("blocklist.max_shrink_ratio"),
            batch_size: int("blocklist.batch_size").max(1) as usize,
            user_agent: s("blocklist.user_agent"),
            ca_file: opt_path("blocklist.ca_file"),
            nft: s("blocklist.nft"),
            sources: match get("blocklist.sources") {
                toml::Value::Array(a) => a,
                _ => Vec::new(),
            },
        },
        jobs: JobsConfig {
            heartbeat_s: secs("jobs.heartbeat"),
            lock_ttl_s: secs("jobs.lock_ttl"),
            grace_s: secs("jobs.grace"),
            run_due_interval_s: secs("jobs.run_due_interval"),
            textfile_dir: opt_path("jobs.textfile_dir"),
            blocklist_import_interval_s: secs("jobs.blocklist_import_interval"),
            history_sync_interval_s: secs("jobs.history_sync_interval"),
            expire_bans_interval_s: secs("jobs.expire_bans_interval"),
            fleet_push_interval_s: secs("jobs.fleet_push_interval"),
            geo_refresh_interval_s: secs("jobs.geo_refresh_interval"),
            geo_cleanup_interval_s: secs("jobs.geo_cleanup_interval"),
            db_maintenance_interval_s: secs("jobs.db_maintenance_interval"),
            verify_interval_s: secs("jobs.verify_interval"),
            job_runs_retention_s: secs("jobs.job_runs_retention"),
            audit_retention_s: secs("jobs.audit_retention"),
            imports_retention_s: secs("jobs.imports_retention"),
            history_retention_s: secs("jobs.history_retention"),
            maintenance_batch_size: int("jobs.maintenance_batch_size").max(1) as usize,
            vacuum_free_ratio: float("jobs.vacuum_free_ratio"),
        },
        health: HealthConfig {
            listen: s("health.listen"),
            cache_ms: secs("health.cache_ms"),
            rate_limit_per_minute: int("health.rate_limit_per_minute").clamp(0, u32::MAX as i64)
                as u32,
            workers: int("health.workers").clamp(1, 32) as usize,
            grace_s: secs("health.grace"),
            allow_remote: boolean("health.allow_remote"),
            max_connections: int("health.max_connections").clamp(1, 100_000) as usize,
            client_timeout_s: secs("health.client_timeout").max(1),
        },
        log: LogConfig {
            level: s("log.level"),
            format: s("log.format"),
            file: opt_path("log.file"),
            external_required: boolean("log.external_required"),
        },
        fleet: FleetConfig {
            url: s("fleet.url"),
            host_id: match s("fleet.host_id") {
                id if id.is_empty() => crate::util::hostname(),
                id => id,
            },
            password_file: opt_path("fleet.password_file"),
            pgpass: env
                .get("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| ctx.home.as_ref().map(|h| h.join(".pgpass"))),
            sslmode: s("fleet.sslmode"),
            ca_file: opt_path("fleet.ca_file"),
            connect_timeout_s: secs("fleet.connect_timeout").max(1),
            statement_timeout_s: secs("fleet.statement_timeout"),
            push_batch_rows: int("fleet.push_batch_rows").max(1) as usize,
        },
        entries,
        warnings,
    };
    cfg.validate()?;
    Ok(cfg)
}

impl Config {
    /// Cross-key rules that a single key's parser cannot check.
    fn validate(&self) -> Result<()> {
        let j = &self.jobs;
        if j.heartbeat_s == 0 {
            return Err(Error::config("jobs.heartbeat must be at least 1s"));
        }
        if j.lock_ttl_s < 3 * j.heartbeat_s {
            return Err(Error::config(format!(
                "jobs.lock_ttl ({}s) must be at least 3 × jobs.heartbeat ({}s)",
                j.lock_ttl_s, j.heartbeat_s
            )));
        }
        for (k, v) in [
            (
                "blocklist.max_invalid_ratio",
                self.blocklist.max_invalid_ratio,
            ),
            (
                "blocklist.max_shrink_ratio",
                self.blocklist.max_shrink_ratio,
            ),
            ("jobs.vacuum_free_ratio", self.jobs.vacuum_free_ratio),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::config(format!(
                    "{k} must be between 0.0 and 1.0, got {v}"
                )));
            }
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(Error::config(format!(
                "log.format must be text or json, got {:?}",
                self.log.format
            )));
        }
        let id = &self.fleet.host_id;
        if id.is_empty()
            || id.len() > 128
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        {
            return Err(Error::config(format!(
                "fleet.host_id {:?} must be 1-128 characters from A-Z a-z 0-9 . _ -",
                crate::util::sanitize(id)
            )));
        }
        for item in &self.safety.safelist {
            crate::net::Target::parse(item)
                .map_err(|e| Error::config(format!("safety.safelist: {e}")))?;
        }
        Ok(())
    }

    /// The effective value of one key, as `config show KEY` prints it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_url_password(v: &str) -> String {
    let Some((scheme, rest)) = v.split_once("://") else {
        return v.to_string();
    };
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match rest[..auth_end].rfind('@') {
        Some(at) => match rest[..at].split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
            None => v.to_string(),
        },
        None => v.to_string(),
    }
}

fn env_value<'a>(def: &KeyDef, env: &'a BTreeMap<String, String>) -> Option<(String, &'a str)> {
    let long = def.env_name();
    if let Some(v) = env.get(&long) {
        return Some((long, v));
    }
    ENV_ALIASES
        .iter()
        .filter(|(_, key)| *key == def.full)
        .find_map(|(var, _)| env.get(*var).map(|v| (var.to_string(), v.as_str())))
}

fn bad_value(def: &KeyDef, origin: &str, e: &str) -> Error {
    Error::config(format!("{} (from {origin}): {e}", def.full_name()))
}

/// Parse the file into `section.key` → (value, line). Unknown sections and keys
/// are errors that name the key and its line.
fn parse_file(path: &Path, text: &str) -> Result<BTreeMap<String, (toml::Value, usize)>> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        Error::config(format!(
            "{}:{line}:{col}: invalid TOML: {}",
            path.display(),
            e.message().trim()
        ))
    })?;
    // A second, span-keeping parse gives the line of every key for messages.
    let spans = toml::de::DeTable::parse(text).ok();
    let key_line = |section: &str, key: Option<&str>| -> usize {
        let Some(spans) = &spans else { return 0 };
        for (k, v) in spans.get_ref().iter() {
            if k.get_ref().as_ref() != section {
                continue;
            }
            let Some(key) = key else {
                return line_col(text, k.span().start).0;
            };
            if let toml::de::DeValue::Table(t) = v.get_ref() {
                for (k2, _) in t.iter() {
                    if k2.get_ref().as_ref() == key {
                        return line_col(text, k2.span().start).0;
                    }
                }
            }
            return line_col(text, k.span().start).0;
        }
        0
    };
    let mut out = BTreeMap::new();
    let sections: Vec<&str> = {
        let mut s: Vec<&str> = KEYS.iter().map(|k| k.section).collect();
        s.dedup();
        s
    };
    for (section, value) in &table {
        let toml::Value::Table(inner) = value else {
            return Err(Error::config(format!(
                "{}:{}: `{section}` must be a section ([{section}]); known sections: {}",
                path.display(),
                key_line(section, None),
                sections.join(", ")
            )));
        };
        if !sections.contains(&section.as_str()) {
            return Err(Error::config(format!(
                "{}:{}: unknown section [{section}]; known sections: {}",
                path.display(),
                key_line(section, None),
                sections.join(", ")
            )));
        }
        for (key, v) in inner {
            let full = format!("{section}.{key}");
            let line = key_line(section, Some(key));
            if !KEYS.iter().any(|k| k.full_name() == full) {
                let known: Vec<&str> = KEYS
                    .iter()
                    .filter(|k| k.section == section)
                    .map(|k| k.key)
                    .collect();
                return Err(Error::config(format!(
                    "{}:{line}: unknown key `{full}`; known keys in [{section}]: {}",
                    path.display(),
                    known.join(", ")
                )));
            }
            out.insert(full, (v.clone(), line));
        }
    }
    Ok(out)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map(|i| offset - i).unwrap_or(offset + 1);
    (line, col)
}

pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => {
            if s.is_empty() {
                serde_json::Value::Null
            } else {
                serde_json::Value::String(s.clone())
            }
        }
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Value::from(*f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Parse a duration value given as a string ("10m") or integer seconds.
pub(crate) fn duration_value(v: &toml::Value) -> std::result::Result<i64, String> {
    match v {
        toml::Value::Integer(i) if *i >= 0 => Ok(*i),
        toml::Value::String(s) => parse_duration(s).map(|d| d as i64),
        other => Err(format!(
            "expected a duration such as \"30s\", \"10m\", \"24h\" or \"7d\", got {other}"
        )),
    }
}

#[cfg(test)]
mod tests;
