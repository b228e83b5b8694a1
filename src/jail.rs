//! Jails as bangui names and changes them: the one rule for a jail name
//! ([`JailName`]) and the table of runtime settings `jail set` may change, with how
//! each value is checked. Pure: no socket, no files.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use serde::Serialize;

use crate::net::Target;
use crate::util::{parse_duration, sanitize};
use crate::{Error, Result};

/// The longest jail name bangui accepts.
pub const MAX_JAIL_NAME: usize = 100;

/// A jail name that is safe everywhere bangui puts one: a socket argument (never read
/// as an option), a config section of `jail.d/zz-bangui.local` (not fail2ban's
/// `DEFAULT` or `INCLUDES`), a path component (no `/`, not hidden), and the chain and
/// set names fail2ban's actions derive from it. That is 1-100 characters from
/// `A-Z a-z 0-9 . _ - @`, not starting with `.` or `-`, the names of every jail
/// fail2ban ships.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct JailName(String);

impl JailName {
    /// Check `name` against the rule; the error is bad input (65).
    pub fn parse(name: &str) -> Result<JailName> {
        let ok = !name.is_empty()
            && name.len() <= MAX_JAIL_NAME
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-@".contains(&b))
            && !name.starts_with(['.', '-'])
            && !name.eq_ignore_ascii_case("default")
            && !name.eq_ignore_ascii_case("includes");
        if !ok {
            return Err(Error::bad_input(format!(
                "invalid jail name {:?}: use 1-{MAX_JAIL_NAME} characters from A-Z a-z 0-9 . _ - @, \
                 not starting with . or -, and not DEFAULT or INCLUDES",
                sanitize(name)
            )));
        }
        Ok(JailName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl FromStr for JailName {
    type Err = Error;
    fn from_str(s: &str) -> Result<JailName> {
        JailName::parse(s)
    }
}

impl Deref for JailName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for JailName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JailName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<JailName> for String {
    fn from(j: JailName) -> String {
        j.0
    }
}

/// How `jail set` checks a value before it reaches the socket or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Seconds, or a duration like 10m; `permanent` allows -1.
    Duration {
        permanent: bool,
    },
    Count,
    Choice(&'static [&'static str]),
    Bool,
    Number,
    Text,
    Ip,
    Index,
}

/// Every setting `jail set` may change, with its rule.
pub const SET_KEYS: &[(&str, Rule)] = &[
    ("bantime", Rule::Duration { permanent: true }),
    ("findtime", Rule::Duration { permanent: false }),
    ("maxretry", Rule::Count),
    ("maxmatches", Rule::Count),
    ("maxlines", Rule::Count),
    ("usedns", Rule::Choice(&["yes", "no", "warn", "raw"])),
    ("logencoding", Rule::Text),
    ("ignoreself", Rule::Bool),
    ("addignoreip", Rule::Ip),
    ("delignoreip", Rule::Ip),
    ("ignorecommand", Rule::Text),
    ("datepattern", Rule::Text),
    ("prefregex", Rule::Text),
    ("addfailregex", Rule::Text),
    ("delfailregex", Rule::Index),
    ("addignoreregex", Rule::Text),
    ("delignoreregex", Rule::Index),
    ("bantime.increment", Rule::Bool),
    ("bantime.factor", Rule::Number),
    ("bantime.formula", Rule::Text),
    ("bantime.multipliers", Rule::Text),
    ("bantime.maxtime", Rule::Duration { permanent: false }),
    ("bantime.rndtime", Rule::Duration { permanent: false }),
    ("bantime.overalljails", Rule::Bool),
];

/// The setting whose value `jail set KEY` changes, for before/after comparison and
/// for the option written to a config file.
pub fn readback_key(key: &str) -> &str {
    match key {
        "addignoreip" | "delignoreip" => "ignoreip",
        "addfailregex" | "delfailregex" => "failregex",
        "addignoreregex" | "delignoreregex" => "ignoreregex",
        k => k,
    }
}

/// Check `value` for the settable `key` and return it in the form fail2ban takes
/// (durations in seconds, booleans as true/false). An unknown key is a usage error.
pub fn validate(key: &str, value: &str) -> Result<String> {
    let rule = SET_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, r)| *r)
        .ok_or_else(|| {
            Error::Usage(format!(
                "unknown or read-only setting `{key}`; settable: {}",
                SET_KEYS
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let bad = |what: &str| Error::bad_input(format!("{key}: expected {what}, got {value:?}"));
    let v = value.trim();
    Ok(match rule {
        Rule::Duration { permanent } => {
            if permanent && v == "-1" {
                "-1".into()
            } else {
                parse_duration(v)
                    .map_err(|_| bad("a duration (600, 10m, 1h, 1d) or -1 for permanent"))?
                    .to_string()
            }
        }
        Rule::Count => {
            let n: u64 = v.parse().map_err(|_| bad("a positive integer"))?;
            if n == 0 {
                return Err(bad("a positive integer"));
            }
            n.to_string()
        }
        Rule::Choice(c) => {
            if !c.contains(&v) {
                return Err(bad(&format!("one of {}", c.join(", "))));
            }
            v.to_string()
        }
        Rule::Bool => match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => "true".into(),
            "false" | "no" | "off" | "0" => "false".into(),
            _ => return Err(bad("true or false")),
        },
        Rule::Number => {
            let f: f64 = v.parse().map_err(|_| bad("a number"))?;
            if !f.is_finite() || f <= 0.0 {
                return Err(bad("a positive number"));
            }
            v.to_string()
        }
        Rule::Text => {
            if v.contains('\n') || v.contains("<F2B_END_COMMAND>") {
                return Err(bad("a single line"));
            }
            value.to_string()
        }
        Rule::Ip => Target::parse(v).map_err(|e| bad(&e))?.to_string(),
        Rule::Index => v
            .parse::<u32>()
            .map_err(|_| bad("a 0-based index"))?
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jail_names_follow_one_rule() {
        for ok in [
            "sshd",
            "nginx-http-auth",
            "t12-x",
            "a.b_c@d",
            "3proxy",
            "DEFAULTS",
        ] {
            assert_eq!(JailName::parse(ok).unwrap().as_str(), ok);
        }
        let long = "a".repeat(MAX_JAIL_NAME + 1);
        for bad in [
            "",
            "..",
            ".hidden",
            "-x",
            "a/b",
            "../../etc/passwd",
            "a b",
            "a[b]",
            "50%",
            "default",
            "INCLUDES",
            "tab\there",
            "ünï",
            long.as_str(),
        ] {
            let e = JailName::parse(bad).unwrap_err();
            assert!(matches!(e, Error::BadInput { .. }), "{bad:?}: {e:?}");
            assert!(e.to_string().starts_with("invalid jail name"), "{e}");
        }
        assert!("sshd".parse::<JailName>().is_ok());
        assert_eq!(JailName::parse("sshd").unwrap().to_string(), "sshd");
    }

    #[test]
    fn validates_per_key() {
        assert_eq!(validate("bantime", "1h").unwrap(), "3600");
        assert_eq!(validate("bantime", "-1").unwrap(), "-1");
        assert!(validate("findtime", "-1").is_err());
        assert!(validate("maxretry", "0").is_err());
        assert_eq!(validate("usedns", "no").unwrap(), "no");
        assert!(validate("usedns", "maybe").is_err());
        assert_eq!(validate("addignoreip", "10.0.0.0/8").unwrap(), "10.0.0.0/8");
        assert!(validate("addignoreip", "bogus").is_err());
        assert!(matches!(validate("nosuchkey", "1"), Err(Error::Usage(_))));
        assert!(validate("ignoreself", "perhaps").is_err());
        assert_eq!(readback_key("delignoreip"), "ignoreip");
        assert_eq!(readback_key("bantime"), "bantime");
    }
}
