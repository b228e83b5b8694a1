//! The library's error type and the one place that maps errors to exit codes.
//! It never prints and never exits: the binary turns an `Error` into output.

use std::path::PathBuf;

/// Exit codes, exactly as documented in the README and `bangui --help`.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const PARTIAL: i32 = 3;
    pub const DATA_ERR: i32 = 65;
    pub const NO_INPUT: i32 = 66;
    pub const UNAVAILABLE: i32 = 69;
    /// An internal error (a bug): bangui panicked.
    pub const SOFTWARE: i32 = 70;
    pub const IO_ERR: i32 = 74;
    pub const TEMP_FAIL: i32 = 75;
    pub const NO_PERM: i32 = 77;
    pub const CONFIG: i32 = 78;
    pub const SIGINT: i32 = 130;
    pub const SIGTERM: i32 = 143;
}

/// What a command achieved. The library and the command modules return it;
/// [`Outcome::exit_code`] is the one table that turns it into an exit code
/// (errors have theirs in [`Error::exit_code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, or nothing to do.
    Ok,
    /// The "no" of a question: nobody bans the IP, a degraded health check,
    /// a verification that found problems.
    No,
    /// Every item failed (the errors are in the output).
    Failed,
    /// Some items done, some failed, refused or not enforced.
    Partial,
    /// Every item refused by the safety policy or invalid.
    Refused,
    /// What was asked about is unreachable (fail2ban, for `health`).
    Unavailable,
    /// bangui's own database failed its checks.
    Damaged,
    /// Stopped by SIGINT (true) or SIGTERM (false) after a clean shutdown.
    Stopped { sigint: bool },
    /// A monitoring plugin's own status code (0 OK … 3 UNKNOWN), for
    /// `health --nagios`.
    Plugin(i32),
    /// Ended by an error: its kind and exit code, from [`Error::kind`] and
    /// [`Error::exit_code`].
    Error { kind: &'static str, code: i32 },
}

impl Outcome {
    /// The exit code, as documented.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Ok => exit::OK,
            Outcome::No | Outcome::Failed => exit::FAILURE,
            Outcome::Partial => exit::PARTIAL,
            Outcome::Refused => exit::DATA_ERR,
            Outcome::Unavailable => exit::UNAVAILABLE,
            Outcome::Damaged => exit::IO_ERR,
            Outcome::Stopped { sigint: true } => exit::SIGINT,
            Outcome::Stopped { sigint: false } => exit::SIGTERM,
            Outcome::Plugin(code) | Outcome::Error { code, .. } => code,
        }
    }

    /// `error.kind` of an outcome that ended by an error.
    pub fn error_kind(self) -> Option<&'static str> {
        match self {
            Outcome::Error { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// The outcome of several items: all alike → that one, some done and
    /// some not → partial, none done → the first failure.
    pub fn combine(all: impl IntoIterator<Item = Outcome>) -> Outcome {
        let mut seen: Vec<Outcome> = Vec::new();
        for o in all {
            if !seen.contains(&o) {
                seen.push(o);
            }
        }
        match seen.as_slice() {
            [] => Outcome::Ok,
            [one] => *one,
            _ if seen.contains(&Outcome::Ok) => Outcome::Partial,
            _ => seen
                .iter()
                .copied()
                .find(|o| *o != Outcome::Ok)
                .unwrap_or(Outcome::Failed),
        }
    }
}

impl From<&Error> for Outcome {
    fn from(e: &Error) -> Outcome {
        Outcome::Error {
            kind: e.kind(),
            code: e.exit_code(),
        }
    }
}

/// Every failure the library reports. Variants carry the context an operator
/// needs to act on the message.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Wrong usage that clap could not catch (conflicting values and the like).
    #[error("{0}")]
    Usage(String),

    /// Bad input data: an invalid IP, a malformed file, refused by policy.
    #[error("{message}")]
    BadInput { message: String },

    /// An input file does not exist (an empty `path`: `what` says it all).
    #[error("{}", no_input_message(what, path))]
    NoInput { what: String, path: PathBuf },

    /// fail2ban's socket is missing, refuses connections or times out.
    #[error("fail2ban is unreachable at {}: {reason}", socket.display())]
    Fail2banUnavailable { socket: PathBuf, reason: String },

    /// fail2ban answered with an error (an exception object or "ERROR: …").
    #[error("fail2ban refused the command: {message}")]
    Fail2ban { class: String, message: String },

    /// fail2ban answered something we cannot decode.
    #[error("fail2ban sent a reply bangui cannot read: {0}")]
    Protocol(String),

    /// The jail does not exist in the running server.
    #[error("no such jail '{jail}'{}", known_suffix(known))]
    NoSuchJail { jail: String, known: Vec<String> },

    /// Local file I/O failed.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    /// The database failed (corrupt, full, unreadable).
    #[error("{context}: {source}")]
    Database {
        context: String,
        #[source]
        source: rusqlite::Error,
    },

    /// The scheduler lock is held, a rate limit was hit, or the database stayed busy.
    #[error("{message}")]
    TryLater { message: String },

    /// Permission denied on a path (socket, config dir, database).
    #[error("permission denied: {}{}", path.display(), detail_suffix(detail))]
    PermissionDenied { path: PathBuf, detail: String },

    /// bangui's configuration, fail2ban's configuration, or an unknown name.
    #[error("{message}")]
    Config { message: String },

    /// nftables is missing, refused bangui (77), or rejected a change (65, 74).
    #[error("{message}")]
    Firewall { message: String, code: i32 },

    /// Stopped by a signal after a clean shutdown.
    #[error("stopped by {signal}")]
    Interrupted { signal: &'static str, code: i32 },

    /// A blocklist download failed; `http_status` is the server's answer
    /// when it gave one.
    #[error("{message}")]
    Fetch {
        message: String,
        http_status: Option<u16>,
    },

    /// The fleet's PostgreSQL is unreachable or went away mid-way.
    #[error("{message}")]
    FleetUnavailable { message: String },

    /// Anything else.
    #[error("{0}")]
    Other(String),

    /// Another error with the next step for the operator.
    #[error("{source}")]
    Hinted { source: Box<Error>, hint: String },
}

fn no_input_message(what: &str, path: &std::path::Path) -> String {
    if path.as_os_str().is_empty() {
        what.to_string()
    } else {
        format!("{what} not found: {}", path.display())
    }
}

fn known_suffix(known: &[String]) -> String {
    if known.is_empty() {
        String::new()
    } else {
        format!("; jails: {}", known.join(", "))
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn bad_input(message: impl Into<String>) -> Self {
        Error::BadInput {
            message: message.into(),
        }
    }

    pub fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// This error with `hint` as the next step.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        Error::Hinted {
            source: Box::new(self),
            hint: hint.into(),
        }
    }

    pub fn try_later(message: impl Into<String>) -> Self {
        Error::TryLater {
            message: message.into(),
        }
    }

    /// Wrap an I/O error with what was being done; permission and not-found
    /// errors become their own variants so they get their own exit codes.
    pub fn io(
        context: impl Into<String>,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        match source.kind() {
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied {
                path: path.into(),
                detail: context.into(),
            },
            _ => Error::Io {
                context: context.into(),
                source,
            },
        }
    }

    /// Wrap a database error; a busy or locked database is "try again later".
    pub fn db(context: impl Into<String>, source: rusqlite::Error) -> Self {
        let context = context.into();
        if let Some(code) = source.sqlite_error_code() {
            match code {
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                    return Error::TryLater {
                        message: format!("{context}: the database is busy ({source})"),
                    };
                }
                rusqlite::ErrorCode::PermissionDenied | rusqlite::ErrorCode::ReadOnly => {
                    return Error::PermissionDenied {
                        path: PathBuf::from(context),
                        detail: source.to_string(),
                    };
                }
                _ => {}
            }
        }
        Error::Database { context, source }
    }

    /// The exit code, chosen here and nowhere else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => exit::USAGE,
            Error::BadInput { .. } => exit::DATA_ERR,
            Error::NoInput { .. } => exit::NO_INPUT,
            Error::Fail2banUnavailable { .. } | Error::FleetUnavailable { .. } => exit::UNAVAILABLE,
            Error::Fail2ban { .. } | Error::Protocol(_) | Error::Fetch { .. } | Error::Other(_) => {
                exit::FAILURE
            }
            Error::NoSuchJail { .. } | Error::Config { .. } => exit::CONFIG,
            Error::Io { .. } | Error::Database { .. } => exit::IO_ERR,
            Error::TryLater { .. } => exit::TEMP_FAIL,
            Error::PermissionDenied { .. } => exit::NO_PERM,
            Error::Interrupted { code, .. } => *code,
            Error::Hinted { source, .. } => source.exit_code(),
            Error::Firewall { code, .. } => *code,
        }
    }

    /// A stable snake_case name for `error.kind` in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::BadInput { .. } => "bad_input",
            Error::NoInput { .. } => "no_input",
            Error::Fail2banUnavailable { .. } => "fail2ban_unavailable",
            Error::Fail2ban { .. } => "fail2ban_error",
            Error::Protocol(_) => "protocol",
            Error::NoSuchJail { .. } => "no_such_jail",
            Error::Io { .. } => "io",
            Error::Database { .. } => "database",
            Error::TryLater { .. } => "try_later",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::Config { .. } => "config",
            Error::Interrupted { .. } => "interrupted",
            Error::FleetUnavailable { .. } => "fleet_unavailable",
            Error::Firewall { .. } => "firewall",
            Error::Fetch { .. } | Error::Other(_) => "failure",
            Error::Hinted { source, .. } => source.kind(),
        }
    }

    /// The HTTP status a failed download got, when the server answered.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Fetch { http_status, .. } => *http_status,
            Error::Hinted { source, .. } => source.http_status(),
            _ => None,
        }
    }

    /// The next step for the operator, when there is an obvious one.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Fail2banUnavailable { socket, .. } => Some(format!(
                "is fail2ban running? socket: {} (set --socket or BANGUI_SOCKET)",
                socket.display()
            )),
            Error::PermissionDenied { .. } => {
                Some("run as root, or as the user that owns the file".into())
            }
            Error::NoSuchJail { .. } => Some("`bangui jail list` shows the running jails".into()),
            Error::Hinted { hint, .. } => Some(hint.clone()),
            Error::FleetUnavailable { .. } => Some(
                "is the fleet's PostgreSQL running and reachable? (fleet.url; local commands work without it)".into(),
            ),
            _ => None,
        }
    }
}
