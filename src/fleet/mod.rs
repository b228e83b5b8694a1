//! The fleet: an optional PostgreSQL shared by many hosts. It holds shared
//! bans (decisions), every host's ban history and feeds fetched once for all.
//! Each host keeps its own SQLite database and works without the store:
//! writes go through a local outbox that `fleet-push` publishes. This module
//! connects (TLS through rustls) and maps PostgreSQL's errors; it never
//! prints, exits or reads the environment (the config module resolved it).

pub mod feed;
pub mod history;
pub mod job;
pub mod outbox;
mod pgpass;
pub mod push;
pub mod schema;
pub mod status;
mod tls;

use std::str::FromStr;
use std::time::Duration;

use crate::config::FleetConfig;
use crate::error::{Error, Result};
use crate::util::sanitize;

pub use postgres::Client;

/// Whether a fleet store is configured at all.
pub fn configured(cfg: &FleetConfig) -> bool {
    !cfg.url.trim().is_empty()
}

/// The error for a command that needs the store when none is configured.
pub fn not_configured() -> Error {
    Error::config(
        "no fleet is configured: set fleet.url (or BANGUI_FLEET_URL) to the fleet's postgres:// URL",
    )
}

/// A decision class is a jail name: the same rule ([`crate::jail::JailName`]).
pub fn check_class(class: &str) -> Result<()> {
    match crate::jail::JailName::parse(class) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::bad_input(format!(
            "invalid fleet class {:?}: use fleet: or fleet:JAIL",
            sanitize(class)
        ))),
    }
}

/// `fleet:` (every class) → `Some(None)`, `fleet:sshd` → `Some(Some("sshd"))`.
pub fn source_class(url: &str) -> Option<Option<&str>> {
    url.strip_prefix("fleet:")
        .map(|c| if c.is_empty() { None } else { Some(c) })
}

/// What a PostgreSQL failure means for the operator: the store unreachable
/// or gone mid-way (69), a refused login (77), or anything else (1).
pub fn pg_error(context: &str, e: postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        let msg = format!("{context}: {}", sanitize(db.message()));
        return if code == "42501" || code.starts_with("28") {
            Error::PermissionDenied {
                path: "fleet store".into(),
                detail: msg,
            }
        } else if ["08", "57", "53"].iter().any(|c| code.starts_with(c)) {
            Error::FleetUnavailable { message: msg }
        } else {
            Error::Other(msg)
        };
    }
    let mut detail = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        src = s.source();
    }
    Error::FleetUnavailable {
        message: format!("{context}: {}", sanitize(&detail)),
    }
}

/// Split `sslmode` and `sslrootcert` off the URL (the postgres crate does
/// not know verify-full); the rest is the crate's own syntax.
fn split_url(url: &str) -> (String, Option<String>, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None, None);
    };
    let mut keep = Vec::new();
    let (mut mode, mut ca) = (None, None);
    for kv in query.split('&').filter(|s| !s.is_empty()) {
        match kv.split_once('=') {
            Some(("sslmode", v)) => mode = Some(v.to_string()),
            Some(("sslrootcert", v)) => ca = Some(v.to_string()),
            _ => keep.push(kv),
        }
    }
    let url = if keep.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", keep.join("&"))
    };
    (url, mode, ca)
}

/// Connect to the store with the configured TLS mode, password sources and
/// timeouts. Nothing is read from the environment here.
pub fn connect(cfg: &FleetConfig) -> Result<Client> {
    if !configured(cfg) {
        return Err(not_configured());
    }
    let (url, url_mode, url_ca) = split_url(cfg.url.trim());
    let mut pg = postgres::Config::from_str(&url).map_err(|e| {
        Error::config(format!(
            "fleet.url is not a valid PostgreSQL URL: {}",
            sanitize(&e.to_string())
        ))
    })?;
    if pg.get_user().is_none() {
        return Err(Error::config(
            "fleet.url names no user: postgres://USER@HOST/DB",
        ));
    }
    pg.application_name("bangui");
    pg.connect_timeout(Duration::from_secs(cfg.connect_timeout_s.max(1)));
    pg.tcp_user_timeout(Duration::from_secs(cfg.connect_timeout_s.max(1) * 4));
    if cfg.statement_timeout_s > 0 {
        pg.options(&format!(
            "-c statement_timeout={}",
            cfg.statement_timeout_s.saturating_mul(1000)
        ));
    }
    if pg.get_password().is_none()
        && let Some(p) = pgpass::password(cfg, &pg)?
    {
        pg.password(p);
    }
    let mode = url_mode.unwrap_or_else(|| cfg.sslmode.clone());
    let ca = url_ca
        .map(std::path::PathBuf::from)
        .or_else(|| cfg.ca_file.clone());
    let client = match mode.as_str() {
        "disable" => pg.connect(postgres::NoTls),
        "prefer" | "require" => {
            pg.ssl_mode(if mode == "prefer" {
                postgres::config::SslMode::Prefer
            } else {
                postgres::config::SslMode::Require
            });
            pg.connect(tls::unverified()?)
        }
        "verify-full" => {
            let ca = ca.ok_or_else(|| {
                Error::config(
                    "fleet.sslmode = verify-full needs fleet.ca_file (or sslrootcert= in the URL)",
                )
            })?;
            pg.ssl_mode(postgres::config::SslMode::Require);
            pg.connect(tls::verified(&ca)?)
        }
        other => {
            return Err(Error::config(format!(
                "fleet.sslmode {:?}: use disable, prefer, require or verify-full",
                sanitize(other)
            )));
        }
    };
    client.map_err(|e| pg_error("connecting to the fleet store", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssl_parameters_are_split_off_the_url() {
        let (u, m, c) = split_url(
            "postgres://a@h:5/db?sslmode=verify-full&sslrootcert=/x/ca.pem&connect_timeout=3",
        );
        assert_eq!(u, "postgres://a@h:5/db?connect_timeout=3");
        assert_eq!(m.as_deref(), Some("verify-full"));
        assert_eq!(c.as_deref(), Some("/x/ca.pem"));
        assert_eq!(split_url("postgres://a@h/db").0, "postgres://a@h/db");
    }

    #[test]
    fn classes_are_jail_names() {
        assert_eq!(source_class("fleet:"), Some(None));
        assert_eq!(source_class("fleet:sshd"), Some(Some("sshd")));
        assert_eq!(source_class("https://x"), None);
        assert!(check_class("sshd").is_ok());
        assert!(check_class("a'b").is_err());
    }
}
