//! Typed fail2ban commands over any [`Transport`]: builds each wire request and
//! turns the reply's shape into plain serialisable structs. It validates only
//! what could change a command's meaning (option-like names); IP policy,
//! output and `fail2ban-client` delegation belong to the caller.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeZone};
use serde::Serialize;

use super::client::Transport;
use super::pickle::{Arg, Value};
use crate::{Error, Result};

/// The version string of the running server, parsed for feature gating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
    /// As the server sent it, e.g. `1.1.2.dev1`.
    pub raw: String,
}

impl ServerVersion {
    /// Parse `1.0.2`, `0.11.2`, `1.1.2.dev1`, `1.1`…; missing parts count as 0.
    pub fn parse(raw: &str) -> Result<ServerVersion> {
        let mut parts = raw.trim().split('.').map(|p| {
            let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        });
        let bad = || Error::Protocol(format!("unrecognised fail2ban version {raw:?}"));
        let major = parts.next().flatten().ok_or_else(bad)?;
        let minor = parts.next().flatten().unwrap_or(0);
        let patch = parts.next().flatten().unwrap_or(0);
        Ok(ServerVersion {
            major,
            minor,
            patch,
            raw: raw.trim().to_owned(),
        })
    }

    pub fn at_least(&self, major: u32, minor: u32, patch: u32) -> bool {
        (self.major, self.minor, self.patch) >= (major, minor, patch)
    }

    /// `stats` and `status --all` arrived in 1.1.0.
    pub fn has_stats(&self) -> bool {
        self.at_least(1, 1, 0)
    }
}

/// The reply to `status <jail>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JailStatus {
    pub currently_failed: u64,
    pub total_failed: u64,
    /// Empty for a systemd jail.
    pub file_list: Vec<String>,
    /// Only for a systemd jail.
    pub journal_matches: Option<Vec<String>>,
    pub currently_banned: u64,
    pub total_banned: u64,
    pub banned: Vec<String>,
}

/// Counters for one jail. `backend` and `idle` are `None` when the server does
/// not report them (1.0.x has no `stats` command and no way to read `idle`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JailStats {
    pub jail: String,
    pub backend: Option<String>,
    pub currently_failed: u64,
    pub total_failed: u64,
    pub currently_banned: u64,
    pub total_banned: u64,
    pub idle: Option<bool>,
}

/// One ban from `get <jail> banip --with-time`, times in Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BanTime {
    pub ip: String,
    pub start: i64,
    /// Seconds; -1 (or any negative value) means permanent.
    pub bantime: i64,
    /// `None` for a permanent ban.
    pub end: Option<i64>,
}

fn short_repr(v: &Value) -> String {
    let r = v.repr();
    match r.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &r[..i]),
        None => r,
    }
}

fn unexpected(what: &str, v: &Value) -> Error {
    Error::Protocol(format!("unexpected reply to {what}: {}", short_repr(v)))
}

/// fail2ban reads a leading `--` as an option (`stop --all`, `unban --all`),
/// so a name or IP that looks like one would widen what the command does.
fn plain(kind: &str, s: &str) -> Result<Arg> {
    if s.is_empty() || s.starts_with('-') {
        return Err(Error::bad_input(format!(
            "invalid {kind} {s:?}: empty or starts with '-'"
        )));
    }
    Ok(Arg::Str(s.to_owned()))
}

fn count(what: &str, v: &Value) -> Result<u64> {
    v.as_int()
        .and_then(|i| u64::try_from(i).ok())
        .ok_or_else(|| unexpected(what, v))
}

fn strings(what: &str, v: &Value) -> Result<Vec<String>> {
    v.as_list()
        .ok_or_else(|| unexpected(what, v))?
        .iter()
        .map(|x| {
            x.as_str()
                .map(str::to_owned)
                .ok_or_else(|| unexpected(what, v))
        })
        .collect()
}

/// A list of `(name, value)` tuples, fail2ban's shape for status replies.
fn pairs<'v>(what: &str, v: &'v Value) -> Result<Vec<(&'v str, &'v Value)>> {
    v.as_list()
        .ok_or_else(|| unexpected(what, v))?
        .iter()
        .map(|p| match p.as_list() {
            Some([k, val]) => k
                .as_str()
                .map(|k| (k, val))
                .ok_or_else(|| unexpected(what, v)),
            _ => Err(unexpected(what, v)),
        })
        .collect()
}

fn field<'v>(what: &str, ps: &[(&str, &'v Value)], key: &str) -> Result<&'v Value> {
    ps.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
        .ok_or_else(|| Error::Protocol(format!("reply to {what} lacks {key:?}")))
}

/// Run a command that names a jail; if the jail is unknown, fill in the names
/// of the running jails so the error can list them.
fn jail_call(t: &mut dyn Transport, args: &[Arg]) -> Result<Value> {
    let r = t.call(args);
    with_known_jails(t, r)
}

/// Fill `known` of a [`Error::NoSuchJail`] from `status`; other results pass through.
pub fn with_known_jails<T>(t: &mut dyn Transport, r: Result<T>) -> Result<T> {
    match r {
        Err(Error::NoSuchJail { jail, known }) if known.is_empty() => {
            // If listing fails too, the original error is still the useful one.
            let known = status(t).unwrap_or_default();
            Err(Error::NoSuchJail { jail, known })
        }
        other => other,
    }
}

fn s(x: &str) -> Arg {
    Arg::Str(x.to_owned())
}

pub fn ping(t: &mut dyn Transport) -> Result<()> {
    let v = t.call(&[s("ping")])?;
    match v.as_str() {
        Some("pong") => Ok(()),
        _ => Err(unexpected("ping", &v)),
    }
}

pub fn version(t: &mut dyn Transport) -> Result<String> {
    let v = t.call(&[s("version")])?;
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| unexpected("version", &v))
}

pub fn server_version(t: &mut dyn Transport) -> Result<ServerVersion> {
    ServerVersion::parse(&version(t)?)
}

/// The running jails, sorted.
pub fn status(t: &mut dyn Transport) -> Result<Vec<String>> {
    parse_status(&t.call(&[s("status")])?)
}

/// `[('Number of jail', n), ('Jail list', 'a, b')]`; the list is one string.
pub fn parse_status(v: &Value) -> Result<Vec<String>> {
    let ps = pairs("status", v)?;
    let list = field("status", &ps, "Jail list")?;
    let list = list.as_str().ok_or_else(|| unexpected("status", v))?;
    let mut jails: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|j| !j.is_empty())
        .map(str::to_owned)
        .collect();
    jails.sort();
    Ok(jails)
}

/// Every jail's status in one call: `status --all` (1.1+). None on servers
/// without it (1.0.x takes `--all` for a jail name and finds none).
pub fn status_all(t: &mut dyn Transport) -> Result<Option<BTreeMap<String, JailStatus>>> {
    match t.call(&[s("status"), s("--all")]) {
        Ok(v) => parse_status_all(&v).map(Some),
        Err(Error::Fail2ban { .. } | Error::NoSuchJail { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `[('Number of jail', n), ('Jail list', '…'), {jail: <status jail>, …}]`.
pub fn parse_status_all(v: &Value) -> Result<BTreeMap<String, JailStatus>> {
    const WHAT: &str = "status --all";
    let items = v.as_list().ok_or_else(|| unexpected(WHAT, v))?;
    let Some(Value::Dict(kv)) = items.iter().find(|i| matches!(i, Value::Dict(_))) else {
        return Err(unexpected(WHAT, v));
    };
    let mut out = BTreeMap::new();
    for (k, st) in kv {
        let jail = k.as_str().ok_or_else(|| unexpected(WHAT, v))?;
        out.insert(jail.to_owned(), parse_jail_status(st)?);
    }
    Ok(out)
}

pub fn jail_status(t: &mut dyn Transport, jail: &str) -> Result<JailStatus> {
    let v = jail_call(t, &[s("status"), plain("jail name", jail)?])?;
    parse_jail_status(&v)
}

/// `[('Filter', [...]), ('Actions', [...])]`, with either `File list` or
/// `Journal matches` in the filter part.
pub fn parse_jail_status(v: &Value) -> Result<JailStatus> {
    const WHAT: &str = "status <jail>";
    let top = pairs(WHAT, v)?;
    let filter = pairs(WHAT, field(WHAT, &top, "Filter")?)?;
    let actions = pairs(WHAT, field(WHAT, &top, "Actions")?)?;
    let optional = |ps: &[(&str, &Value)], key: &str| -> Result<Option<Vec<String>>> {
        match ps.iter().find(|(k, _)| *k == key) {
            Some((_, x)) => strings(WHAT, x).map(Some),
            None => Ok(None),
        }
    };
    let file_list = optional(&filter, "File list")?;
    let journal_matches = optional(&filter, "Journal matches")?;
    if file_list.is_none() && journal_matches.is_none() {
        return Err(unexpected(WHAT, v));
    }
    Ok(JailStatus {
        currently_failed: count(WHAT, field(WHAT, &filter, "Currently failed")?)?,
        total_failed: count(WHAT, field(WHAT, &filter, "Total failed")?)?,
        file_list: file_list.unwrap_or_default(),
        journal_matches,
        currently_banned: count(WHAT, field(WHAT, &actions, "Currently banned")?)?,
        total_banned: count(WHAT, field(WHAT, &actions, "Total banned")?)?,
        banned: strings(WHAT, field(WHAT, &actions, "Banned IP list")?)?,
    })
}

/// Counters for every jail, sorted by name. Uses `stats` (1.1+), or one
/// `status <jail>` per jail on servers without it.
pub fn jail_stats_all(t: &mut dyn Transport) -> Result<Vec<JailStats>> {
    match t.call(&[s("stats")]) {
        Ok(v) => parse_stats(&v),
        // 1.0.x answers Exception('Invalid command'); trying is cheaper and
        // more reliable than trusting a version string (dev builds, backports).
        Err(Error::Fail2ban { .. }) => {
            let mut out = Vec::new();
            for jail in status(t)? {
                let st = match jail_status(t, &jail) {
                    Ok(st) => st,
                    // Stopped between the two commands: it no longer has stats.
                    Err(Error::NoSuchJail { .. }) => continue,
                    Err(e) => return Err(e),
                };
                out.push(JailStats {
                    jail,
                    backend: None,
                    currently_failed: st.currently_failed,
                    total_failed: st.total_failed,
                    currently_banned: st.currently_banned,
                    total_banned: st.total_banned,
                    idle: None,
                });
            }
            Ok(out)
        }
        Err(e) => Err(e),
    }
}

/// `{jail: [backend, (cur_failed, total_failed), (cur_banned, total_banned)]}`.
pub fn parse_stats(v: &Value) -> Result<Vec<JailStats>> {
    const WHAT: &str = "stats";
    let Value::Dict(kv) = v else {
        return Err(unexpected(WHAT, v));
    };
    let pair = |x: &Value| -> Result<(u64, u64)> {
        match x.as_list() {
            Some([a, b]) => Ok((count(WHAT, a)?, count(WHAT, b)?)),
            _ => Err(unexpected(WHAT, v)),
        }
    };
    let mut out = Vec::with_capacity(kv.len());
    for (k, row) in kv {
        let jail = k.as_str().ok_or_else(|| unexpected(WHAT, v))?;
        let Some([backend, failed, banned, ..]) = row.as_list() else {
            return Err(unexpected(WHAT, v));
        };
        let (currently_failed, total_failed) = pair(failed)?;
        let (currently_banned, total_banned) = pair(banned)?;
        out.push(JailStats {
            jail: jail.to_owned(),
            backend: backend.as_str().map(str::to_owned),
            currently_failed,
            total_failed,
            currently_banned,
            total_banned,
            idle: None,
        });
    }
    out.sort_by(|a, b| a.jail.cmp(&b.jail));
    Ok(out)
}

/// Every jail and its banned IPs (in the server's order).
pub fn banned_all(t: &mut dyn Transport) -> Result<BTreeMap<String, Vec<String>>> {
    parse_banned_all(&t.call(&[s("banned")])?)
}

/// `[{'J1': IPs}, {'J2': []}]`: a list of one-key dicts.
pub fn parse_banned_all(v: &Value) -> Result<BTreeMap<String, Vec<String>>> {
    const WHAT: &str = "banned";
    let mut out = BTreeMap::new();
    for d in v.as_list().ok_or_else(|| unexpected(WHAT, v))? {
        let Value::Dict(kv) = d else {
            return Err(unexpected(WHAT, v));
        };
        for (k, ips) in kv {
            let jail = k.as_str().ok_or_else(|| unexpected(WHAT, v))?;
            let ips = strings(WHAT, ips)?;
            out.entry(jail.to_owned())
                .or_insert_with(Vec::new)
                .extend(ips);
        }
    }
    Ok(out)
}

/// For each IP, the jails that ban it (same order as `ips`).
pub fn banned_ips(t: &mut dyn Transport, ips: &[String]) -> Result<Vec<Vec<String>>> {
    if ips.is_empty() {
        // `["banned"]` alone means "everything", a different reply shape.
        return Ok(Vec::new());
    }
    let mut args = vec![s("banned")];
    for ip in ips {
        args.push(plain("IP", ip)?);
    }
    let v = t.call(&args)?;
    let rows = v.as_list().ok_or_else(|| unexpected("banned <ip>", &v))?;
    if rows.len() != ips.len() {
        return Err(unexpected("banned <ip>", &v));
    }
    rows.iter().map(|r| strings("banned <ip>", r)).collect()
}

fn jail_ip_command(t: &mut dyn Transport, jail: &str, verb: &str, ips: &[String]) -> Result<u64> {
    if ips.is_empty() {
        return Ok(0);
    }
    let mut args = vec![s("set"), plain("jail name", jail)?, s(verb)];
    for ip in ips {
        args.push(plain("IP", ip)?);
    }
    let v = jail_call(t, &args)?;
    count(verb, &v)
}

/// Ban `ips` in `jail` in one command; returns how many were not banned before
/// (re-banning prolongs a ban and counts 0). fail2ban bans any string, so the
/// caller validates the IPs first.
pub fn ban(t: &mut dyn Transport, jail: &str, ips: &[String]) -> Result<u64> {
    jail_ip_command(t, jail, "banip", ips)
}

/// Unban `ips` in `jail`; IPs that were not banned are ignored and not counted.
pub fn unban_in_jail(t: &mut dyn Transport, jail: &str, ips: &[String]) -> Result<u64> {
    jail_ip_command(t, jail, "unbanip", ips)
}

/// Unban `ips` in every jail (this also deletes them from fail2ban's database).
pub fn unban_everywhere(t: &mut dyn Transport, ips: &[String]) -> Result<u64> {
    if ips.is_empty() {
        return Ok(0);
    }
    let mut args = vec![s("unban")];
    for ip in ips {
        args.push(plain("IP", ip)?);
    }
    let v = t.call(&args)?;
    count("unban", &v)
}

/// The jail's bans with start, duration and end, as the server's local time
/// converted to Unix seconds.
pub fn banip_with_time(t: &mut dyn Transport, jail: &str) -> Result<Vec<BanTime>> {
    let args = [
        s("get"),
        plain("jail name", jail)?,
        s("banip"),
        s("--with-time"),
    ];
    let v = jail_call(t, &args)?;
    let lines = v
        .as_list()
        .ok_or_else(|| unexpected("get <jail> banip --with-time", &v))?;
    lines
        .iter()
        .map(|l| {
            let l = l
                .as_str()
                .ok_or_else(|| unexpected("get <jail> banip --with-time", &v))?;
            // fail2ban formats in its own local time; bangui runs on the same host.
            parse_ban_time(l, &chrono::Local)
        })
        .collect()
}

/// Parse `'IP \t2026-11-24 04:34:12 + 600 = 2026-11-24 04:44:12'`, reading the
/// times in `tz`. The end is computed from start and duration rather than
/// parsed, because the printed end is ambiguous around DST changes.
pub fn parse_ban_time<Tz: TimeZone>(line: &str, tz: &Tz) -> Result<BanTime> {
    let bad = || Error::Protocol(format!("unrecognised ban line {line:?}"));
    let (ip, rest) = line.split_once('\t').ok_or_else(bad)?;
    let (start, rest) = rest.split_once(" + ").ok_or_else(bad)?;
    let (bantime, _end) = rest.split_once(" = ").ok_or_else(bad)?;
    let ip = ip.trim();
    if ip.is_empty() {
        return Err(bad());
    }
    let naive =
        NaiveDateTime::parse_from_str(start.trim(), "%Y-%m-%d %H:%M:%S").map_err(|_| bad())?;
    let start = match tz.from_local_datetime(&naive).earliest() {
        Some(dt) => dt.timestamp(),
        // A time in a DST gap cannot be local; fail2ban would print the hour
        // after the jump, so read it one hour later and step back.
        None => {
            tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
                .ok_or_else(bad)?
                .timestamp()
                - 3600
        }
    };
    let bantime_text = bantime.trim();
    let bantime = match bantime_text.parse::<i64>() {
        Ok(b) => b,
        Err(_) => bantime_text
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| f as i64)
            .ok_or_else(bad)?,
    };
    let end = if bantime < 0 {
        None
    } else {
        Some(start.saturating_add(bantime))
    };
    Ok(BanTime {
        ip: ip.to_owned(),
        start,
        bantime,
        end,
    })
}

/// `get <jail> <key>`, the raw value (see [`Value::to_json`] for output).
pub fn jail_get(t: &mut dyn Transport, jail: &str, key: &str) -> Result<Value> {
    jail_get_with(t, jail, key, &[])
}

/// `get <jail> <key> <extra…>`, e.g. `get J action A actionban`.
pub fn jail_get_with(t: &mut dyn Transport, jail: &str, key: &str, extra: &[Arg]) -> Result<Value> {
    let mut args = vec![s("get"), plain("jail name", jail)?, plain("setting", key)?];
    args.extend_from_slice(extra);
    jail_call(t, &args)
}

/// A jail's `ignoreip` entries, the one reading of them: fail2ban answers
/// with a list; a single string is split on whitespace.
pub fn jail_ignoreip(t: &mut dyn Transport, jail: &str) -> Result<Vec<String>> {
    jail_get(t, jail, "ignoreip").map(|v| ignoreip_entries(&v))
}

fn ignoreip_entries(v: &Value) -> Vec<String> {
    match v.as_list() {
        Some(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        None => v
            .as_str()
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
    }
}

/// `set <jail> <key> <values…>`; the reply is the new value as fail2ban reports it.
pub fn jail_set(t: &mut dyn Transport, jail: &str, key: &str, values: &[Arg]) -> Result<Value> {
    let mut args = vec![s("set"), plain("jail name", jail)?, plain("setting", key)?];
    args.extend_from_slice(values);
    jail_call(t, &args)
}

/// Switch a jail's idle mode; returns the new state as the server reports it.
pub fn set_idle(t: &mut dyn Transport, jail: &str, idle: bool) -> Result<bool> {
    let v = jail_set(t, jail, "idle", &[s(if idle { "on" } else { "off" })])?;
    v.as_bool().ok_or_else(|| unexpected("set <jail> idle", &v))
}

/// Stop and remove a running jail (its bans stay in fail2ban's database).
pub fn stop_jail(t: &mut dyn Transport, jail: &str) -> Result<()> {
    jail_call(t, &[s("stop"), plain("jail name", jail)?]).map(drop)
}

/// Create an empty jail at runtime; configure it with [`jail_set`], then [`start_jail`].
pub fn add_jail(t: &mut dyn Transport, jail: &str, backend: &str) -> Result<()> {
    t.call(&[
        s("add"),
        plain("jail name", jail)?,
        plain("backend", backend)?,
    ])
    .map(drop)
}

pub fn start_jail(t: &mut dyn Transport, jail: &str) -> Result<()> {
    jail_call(t, &[s("start"), plain("jail name", jail)?]).map(drop)
}

/// fail2ban's database path, or `None` when it runs without one.
pub fn get_dbfile(t: &mut dyn Transport) -> Result<Option<String>> {
    let v = t.call(&[s("get"), s("dbfile")])?;
    match &v {
        Value::None => Ok(None),
        other => other
            .as_str()
            .map(|p| Some(p.to_owned()))
            .ok_or_else(|| unexpected("get dbfile", &v)),
    }
}

#[cfg(test)]
mod tests;
