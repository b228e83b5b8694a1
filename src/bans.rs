//! Bans as an operator means them: validated targets, the safety policy,
//! batched `banip`/`unbanip` through the native client, and an exact account
//! of what changed. Input reading and output belong to the CLI.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::{Error, Outcome, Result};
use crate::fail2ban::{Arg, Transport, Value, api};
use crate::net::{Policy, Refusal, Target};

/// An item that is not an IP or CIDR, with where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct InvalidItem {
    pub item: String,
    /// 1-based line number when the item came from a file.
    pub line: Option<usize>,
    pub error: String,
}

/// Parse every item first; any invalid item rejects the whole request so
/// that mixed input never changes anything.
pub fn parse_targets(
    items: &[(Option<usize>, String)],
) -> std::result::Result<Vec<Target>, Vec<InvalidItem>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut seen = BTreeSet::new();
    for (line, raw) in items {
        match Target::parse(raw) {
            Ok(t) => {
                if seen.insert(t) {
                    out.push(t);
                }
            }
            Err(e) => bad.push(InvalidItem {
                item: crate::util::sanitize(&crate::util::clip(raw, crate::util::QUOTE_MAX)),
                line: *line,
                error: e,
            }),
        }
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

/// Turn a list of invalid items into the one error the CLI prints (exit 65).
pub fn invalid_error(bad: &[InvalidItem]) -> Error {
    let shown: Vec<String> = bad
        .iter()
        .take(20)
        .map(|b| match b.line {
            Some(l) => format!("line {l}: {:?}", b.item),
            None => format!("{:?}", b.item),
        })
        .collect();
    let more = if bad.len() > 20 {
        format!(" (and {} more)", bad.len() - 20)
    } else {
        String::new()
    };
    Error::bad_input(format!(
        "{} invalid item{}: {}{more}; nothing was changed",
        bad.len(),
        if bad.len() == 1 { "" } else { "s" },
        shown.join(", ")
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BanStatus {
    Banned,
    AlreadyBanned,
    WouldBan,
    Refused,
    /// fail2ban accepted it, the kernel does not hold it.
    NotEnforced,
}

#[derive(Debug, Clone, Serialize)]
pub struct BanItem {
    pub ip: Target,
    pub status: BanStatus,
    pub reason: Option<String>,
    pub reason_code: Option<&'static str>,
    /// Whether the jail's inspectable firewall actions hold it after the
    /// ban; null when none is inspectable (or nothing was sent).
    pub enforced: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BanOutcome {
    pub jail: String,
    pub dry_run: bool,
    pub changed: bool,
    /// What `changed` would be without --dry-run.
    pub would_change: bool,
    pub banned: usize,
    pub already_banned: usize,
    pub refused: usize,
    /// Accepted by fail2ban, absent from the kernel.
    pub not_enforced: usize,
    pub items: Vec<BanItem>,
}

pub use crate::fail2ban::api::jail_ignoreip;

/// The strings of a list reply, or a single string as a list of one.
pub(crate) fn strings(v: &Value) -> Vec<String> {
    match v.as_list() {
        Some(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        None => v.as_str().map(|s| vec![s.to_string()]).unwrap_or_default(),
    }
}

/// Above this many targets the jail's whole list is asked for once and
/// compared locally: fail2ban answers `get J banned IP…` by scanning its list
/// for every IP, so an Ansible re-run of 10,000 bans took seconds.
const LIST_ONCE_ABOVE: usize = 32;

/// Which of `targets` the jail bans now (exact entries, as fail2ban matches).
pub fn banned_in_jail(
    t: &mut dyn Transport,
    jail: &str,
    targets: &[Target],
    batch: usize,
) -> Result<Vec<bool>> {
    if targets.len() > LIST_ONCE_ABOVE {
        let v = api::jail_get(t, jail, "banned")?;
        let live: std::collections::HashSet<Target> = strings(&v)
            .iter()
            .filter_map(|s| Target::parse(s).ok())
            .collect();
        return Ok(targets.iter().map(|x| live.contains(x)).collect());
    }
    let mut out = Vec::with_capacity(targets.len());
    for chunk in targets.chunks(batch.max(1)) {
        let args: Vec<Arg> = chunk.iter().map(|t| Arg::Str(t.to_string())).collect();
        let v = api::jail_get_with(t, jail, "banned", &args)?;
        match (v.as_list(), v.as_int()) {
            (Some(list), _) if list.len() == chunk.len() => {
                out.extend(list.iter().map(|x| x.as_int().unwrap_or(0) != 0))
            }
            (None, Some(i)) if chunk.len() == 1 => out.push(i != 0),
            _ => {
                return Err(Error::Protocol(format!(
                    "unexpected reply to get {jail} banned: {}",
                    v.repr()
                )));
            }
        }
    }
    Ok(out)
}

/// Ban `targets` in `jail` under `policy`, in batches.
pub fn ban(
    t: &mut dyn Transport,
    jail: &str,
    targets: &[Target],
    policy: &Policy,
    batch: usize,
    dry_run: bool,
) -> Result<BanOutcome> {
    ban_checked(t, jail, targets, policy, &|_| None, batch, dry_run)
}

/// [`ban`], refusing also what `enforceable` refuses (a network the jail's
/// actions cannot hold) unless the policy is forced.
pub fn ban_checked(
    t: &mut dyn Transport,
    jail: &str,
    targets: &[Target],
    policy: &Policy,
    enforceable: &dyn Fn(&Target) -> Option<Refusal>,
    batch: usize,
    dry_run: bool,
) -> Result<BanOutcome> {
    let mut items: Vec<BanItem> = Vec::with_capacity(targets.len());
    let mut allowed = Vec::new();
    for tg in targets {
        let r = policy.check(tg).and_then(|()| match enforceable(tg) {
            Some(r) if !policy.force => Err(r),
            _ => Ok(()),
        });
        match r {
            Ok(()) => allowed.push(*tg),
            Err(r) => items.push(refused(*tg, &r)),
        }
    }
    let already = banned_in_jail(t, jail, &allowed, batch)?;
    let mut to_ban = Vec::new();
    for (tg, is_banned) in allowed.iter().zip(already) {
        if is_banned {
            items.push(BanItem {
                ip: *tg,
                status: BanStatus::AlreadyBanned,
                reason: Some("already banned; fail2ban extends the ban".into()),
                reason_code: None,
                enforced: None,
            });
        } else {
            to_ban.push(*tg);
        }
    }
    let mut newly = 0u64;
    if !dry_run {
        for chunk in to_ban.chunks(batch.max(1)) {
            let ips: Vec<String> = chunk.iter().map(Target::to_string).collect();
            newly += api::ban(t, jail, &ips)?;
        }
        // Re-banning an already banned IP extends it; send those too so the
        // operator's intent (a fresh ban) holds, but they do not count as changes.
        let again: Vec<String> = items
            .iter()
            .filter(|i| i.status == BanStatus::AlreadyBanned)
            .map(|i| i.ip.to_string())
            .collect();
        for chunk in again.chunks(batch.max(1)) {
            api::ban(t, jail, chunk)?;
        }
    }
    for tg in &to_ban {
        items.push(BanItem {
            ip: *tg,
            status: if dry_run {
                BanStatus::WouldBan
            } else {
                BanStatus::Banned
            },
            reason: None,
            reason_code: None,
            enforced: None,
        });
    }
    if !dry_run && newly != to_ban.len() as u64 {
        tracing::warn!(
            event = "ban_count_mismatch",
            expected = to_ban.len(),
            reported = newly,
            "fail2ban reported a different number of new bans"
        );
    }
    items.sort_by_key(|i| i.ip);
    let count = |s: BanStatus| items.iter().filter(|i| i.status == s).count();
    Ok(BanOutcome {
        jail: jail.to_string(),
        dry_run,
        changed: !dry_run && !to_ban.is_empty(),
        would_change: !to_ban.is_empty(),
        banned: count(BanStatus::Banned) + count(BanStatus::WouldBan),
        already_banned: count(BanStatus::AlreadyBanned),
        refused: count(BanStatus::Refused),
        not_enforced: 0,
        items,
    })
}

fn refused(ip: Target, r: &Refusal) -> BanItem {
    BanItem {
        ip,
        status: BanStatus::Refused,
        reason: Some(r.to_string()),
        reason_code: Some(r.code()),
        enforced: None,
    }
}

impl BanOutcome {
    /// Partial when some items were refused or not enforced beside others
    /// applied; refused when every item was refused.
    pub fn outcome(&self) -> Outcome {
        if self.not_enforced > 0 {
            Outcome::Partial
        } else if self.refused == 0 {
            Outcome::Ok
        } else if self.banned + self.already_banned > 0 {
            Outcome::Partial
        } else {
            Outcome::Refused
        }
    }

    /// Record the check after acting: `enforced(ip)` for each item fail2ban
    /// holds; an item the kernel lacks becomes `not_enforced`.
    pub fn check_enforced(&mut self, enforced: &dyn Fn(&Target) -> Option<bool>) {
        for i in &mut self.items {
            if matches!(i.status, BanStatus::Banned | BanStatus::AlreadyBanned) {
                i.enforced = enforced(&i.ip);
                if i.enforced == Some(false) {
                    i.status = BanStatus::NotEnforced;
                    i.reason = Some(
                        "fail2ban accepted it, but the kernel firewall does not hold it".into(),
                    );
                    i.reason_code = Some("not_enforced");
                }
            }
        }
        self.not_enforced = self
            .items
            .iter()
            .filter(|i| i.status == BanStatus::NotEnforced)
            .count();
    }
}

/// What an unban did to one IP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnbanStatus {
    Unbanned,
    WouldUnban,
    /// No jail (of those asked) banned it.
    NotBanned,
    /// The jail still bans it after the unban.
    StillBanned,
    /// fail2ban let go of it, the kernel still holds it.
    NotEnforced,
}

impl UnbanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UnbanStatus::Unbanned => "unbanned",
            UnbanStatus::WouldUnban => "would_unban",
            UnbanStatus::NotBanned => "not_banned",
            UnbanStatus::StillBanned => "still_banned",
            UnbanStatus::NotEnforced => "not_enforced",
        }
    }

    /// The status in words, for a table ("not banned").
    pub fn words(self) -> String {
        self.as_str().replace('_', " ")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnbanItem {
    pub ip: String,
    /// Jails the IP left (or would leave, with --dry-run).
    pub jails: Vec<String>,
    pub status: UnbanStatus,
    /// Whether the kernel firewall let go of it too; null when no action
    /// of those jails is inspectable (or nothing was unbanned).
    pub enforced: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnbanOutcome {
    pub jail: Option<String>,
    pub dry_run: bool,
    pub changed: bool,
    /// What `changed` would be without --dry-run.
    pub would_change: bool,
    pub unbanned: usize,
    pub not_banned: usize,
    pub items: Vec<UnbanItem>,
}

/// Called with (jail, ip) pairs right before they are unbanned, because
/// fail2ban deletes their history rows on unban.
pub type BeforeUnban<'a> = &'a mut dyn FnMut(&[(String, String)]) -> Result<()>;

impl UnbanOutcome {
    /// Record the check after acting: `absent(jail, ip)` for each unbanned
    /// item; one the kernel still holds becomes `not_enforced`.
    pub fn check_enforced(&mut self, absent: &dyn Fn(&str, &str) -> Option<bool>) {
        for i in &mut self.items {
            if i.status != UnbanStatus::Unbanned {
                continue;
            }
            let checks: Vec<Option<bool>> = i.jails.iter().map(|j| absent(j, &i.ip)).collect();
            i.enforced = if checks.contains(&Some(false)) {
                Some(false)
            } else if checks.contains(&Some(true)) {
                Some(true)
            } else {
                None
            };
            if i.enforced == Some(false) {
                i.status = UnbanStatus::NotEnforced;
            }
        }
    }

    pub fn not_enforced(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status == UnbanStatus::NotEnforced)
            .count()
    }

    /// Partial when the kernel still holds something fail2ban let go of.
    pub fn outcome(&self) -> Outcome {
        if self.not_enforced() > 0 {
            Outcome::Partial
        } else {
            Outcome::Ok
        }
    }
}

/// Unban targets from one jail, or from every jail that bans them.
pub fn unban(
    t: &mut dyn Transport,
    jail: Option<&str>,
    targets: &[Target],
    batch: usize,
    dry_run: bool,
    before: BeforeUnban<'_>,
) -> Result<UnbanOutcome> {
    let names: Vec<String> = targets.iter().map(Target::to_string).collect();
    // Who bans what before: this is what we report, and what we verify after.
    let before_map: BTreeMap<String, Vec<String>> = match jail {
        Some(j) => {
            let flags = banned_in_jail(t, j, targets, batch)?;
            names
                .iter()
                .zip(flags)
                .map(|(n, b)| (n.clone(), if b { vec![j.to_string()] } else { vec![] }))
                .collect()
        }
        None => {
            let mut m = BTreeMap::new();
            for chunk in names.chunks(batch.max(1)) {
                let jails = api::banned_ips(t, chunk)?;
                for (n, js) in chunk.iter().zip(jails) {
                    let mut js = js;
                    js.sort();
                    m.insert(n.clone(), js);
                }
            }
            m
        }
    };
    let pairs: Vec<(String, String)> = before_map
        .iter()
        .flat_map(|(ip, js)| js.iter().map(move |j| (j.clone(), ip.clone())))
        .collect();
    let affected: Vec<String> = before_map
        .iter()
        .filter(|(_, js)| !js.is_empty())
        .map(|(ip, _)| ip.clone())
        .collect();
    if !dry_run && !affected.is_empty() {
        before(&pairs)?;
        for chunk in affected.chunks(batch.max(1)) {
            match jail {
                Some(j) => api::unban_in_jail(t, j, chunk)?,
                None => api::unban_everywhere(t, chunk)?,
            };
        }
    }
    finish_unban(t, jail, before_map, batch, dry_run)
}

fn finish_unban(
    t: &mut dyn Transport,
    jail: Option<&str>,
    before_map: BTreeMap<String, Vec<String>>,
    batch: usize,
    dry_run: bool,
) -> Result<UnbanOutcome> {
    // Verify: report what actually left, not what we hoped would.
    let after: BTreeMap<String, Vec<String>> = if dry_run {
        BTreeMap::new()
    } else {
        let still: Vec<String> = before_map
            .iter()
            .filter(|(_, js)| !js.is_empty())
            .map(|(ip, _)| ip.clone())
            .collect();
        let mut m = BTreeMap::new();
        for chunk in still.chunks(batch.max(1)) {
            for (n, js) in chunk.iter().zip(api::banned_ips(t, chunk)?) {
                m.insert(n.clone(), js);
            }
        }
        m
    };
    Ok(unban_outcome(
        jail,
        before_map,
        &after,
        dry_run,
        UnbanStatus::NotBanned,
    ))
}

/// The account of an unban: per IP, the jails it left (`before`, less the
/// jails that ban it `after`); `none_left` when it left none.
fn unban_outcome(
    jail: Option<&str>,
    before: BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
    dry_run: bool,
    none_left: UnbanStatus,
) -> UnbanOutcome {
    let mut items = Vec::new();
    for (ip, js) in before {
        let remaining = after.get(&ip);
        let left: Vec<String> = js
            .into_iter()
            .filter(|j| remaining.is_none_or(|r| !r.contains(j)))
            .collect();
        let status = if left.is_empty() {
            none_left
        } else if dry_run {
            UnbanStatus::WouldUnban
        } else {
            UnbanStatus::Unbanned
        };
        items.push(UnbanItem {
            ip,
            jails: left,
            status,
            enforced: None,
        });
    }
    let unbanned = items.iter().filter(|i| !i.jails.is_empty()).count();
    UnbanOutcome {
        jail: jail.map(str::to_string),
        dry_run,
        changed: !dry_run && unbanned > 0,
        would_change: unbanned > 0,
        unbanned,
        not_banned: items.len() - unbanned,
        items,
    }
}

/// Unban everything in one jail. fail2ban 1.0 has no per-jail "unban all"
/// (`set J unbanip --all` takes `--all` as an IP), and its global
/// `unban --all` empties every jail: so list the jail's bans and send them.
pub fn unban_all_in_jail(
    t: &mut dyn Transport,
    jail: &str,
    batch: usize,
    dry_run: bool,
    before: BeforeUnban<'_>,
) -> Result<UnbanOutcome> {
    let st = api::jail_status(t, jail)?;
    let mut ips = st.banned.clone();
    ips.sort();
    ips.dedup();
    let pairs: Vec<(String, String)> = ips
        .iter()
        .map(|ip| (jail.to_string(), ip.clone()))
        .collect();
    if !dry_run && !ips.is_empty() {
        before(&pairs)?;
        for chunk in ips.chunks(batch.max(1)) {
            api::unban_in_jail(t, jail, chunk)?;
        }
    }
    // Verify: what the jail still bans stays, with no jail left.
    let after: BTreeMap<String, Vec<String>> = if dry_run {
        BTreeMap::new()
    } else {
        api::jail_status(t, jail)?
            .banned
            .into_iter()
            .map(|ip| (ip, vec![jail.to_string()]))
            .collect()
    };
    let before_map = ips
        .into_iter()
        .map(|ip| (ip, vec![jail.to_string()]))
        .collect();
    Ok(unban_outcome(
        Some(jail),
        before_map,
        &after,
        dry_run,
        UnbanStatus::StillBanned,
    ))
}

/// One current ban.
#[derive(Debug, Clone, Serialize)]
pub struct BanEntry {
    pub jail: String,
    pub ip: String,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub bantime: Option<i64>,
    pub ban_count: Option<i64>,
}

/// Every current ban, per jail, with start and end times.
pub fn list_bans(t: &mut dyn Transport, jail: Option<&str>) -> Result<Vec<BanEntry>> {
    let jails = match jail {
        Some(j) => vec![j.to_string()],
        None => api::status(t)?,
    };
    let mut out = Vec::new();
    for j in jails {
        for b in api::banip_with_time(t, &j)? {
            out.push(BanEntry {
                jail: j.clone(),
                ip: b.ip,
                start: Some(b.start),
                end: b.end,
                bantime: Some(b.bantime),
                ban_count: None,
            });
        }
    }
    out.sort_by(|a, b| (&a.jail, sort_key(&a.ip)).cmp(&(&b.jail, sort_key(&b.ip))));
    Ok(out)
}

fn sort_key(ip: &str) -> (u8, Option<Target>, String) {
    match Target::parse(ip) {
        Ok(t) => (0, Some(t), String::new()),
        Err(_) => (1, None, ip.to_string()),
    }
}

/// The answer to "is this banned?" for one queried item.
#[derive(Debug, Clone, Serialize)]
pub struct BannedAnswer {
    pub ip: Target,
    pub banned: bool,
    /// Jails whose ban list has this exact entry.
    pub jails: Vec<String>,
    /// Wider banned networks that contain it (they ban it too, unless
    /// `--exact` was asked).
    pub within: Vec<Containing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Containing {
    pub jail: String,
    pub network: String,
}

/// Is each target banned: an exact entry, or (unless `exact`) a banned
/// network that covers it.
pub fn query(
    t: &mut dyn Transport,
    targets: &[Target],
    jail: Option<&str>,
    exact: bool,
) -> Result<Vec<BannedAnswer>> {
    let all = match jail {
        Some(j) => {
            let st = api::jail_status(t, j)?;
            BTreeMap::from([(j.to_string(), st.banned)])
        }
        None => api::banned_all(t)?,
    };
    let mut parsed: Vec<(String, Target)> = Vec::new();
    for (j, ips) in &all {
        for ip in ips {
            if let Ok(tg) = Target::parse(ip) {
                parsed.push((j.clone(), tg));
            }
        }
    }
    let mut out = Vec::new();
    for q in targets {
        let mut jails: Vec<String> = parsed
            .iter()
            .filter(|(_, tg)| tg == q)
            .map(|(j, _)| j.clone())
            .collect();
        jails.sort();
        jails.dedup();
        let within: Vec<Containing> = parsed
            .iter()
            .filter(|(_, tg)| tg != q && tg.contains(q))
            .map(|(j, tg)| Containing {
                jail: j.clone(),
                network: tg.to_string(),
            })
            .collect();
        out.push(BannedAnswer {
            ip: *q,
            banned: !jails.is_empty() || (!exact && !within.is_empty()),
            jails,
            within,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_items_reject_everything_and_are_named() {
        let items = vec![
            (None, "1.2.3.4".to_string()),
            (Some(3), "not-an-ip".to_string()),
            (Some(4), "5.6.7.8".to_string()),
            (Some(5), "1.2.3.4/40".to_string()),
        ];
        let bad = parse_targets(&items).unwrap_err();
        assert_eq!(bad.len(), 2);
        let e = invalid_error(&bad);
        assert_eq!(e.exit_code(), 65);
        let m = e.to_string();
        assert!(
            m.contains("line 3") && m.contains("not-an-ip") && m.contains("line 5"),
            "{m}"
        );
    }

    #[test]
    fn duplicates_are_merged() {
        let items = vec![
            (None, "1.2.3.4".to_string()),
            (None, "1.2.3.4/32".to_string()),
            (None, "::ffff:1.2.3.4".to_string()),
        ];
        assert_eq!(parse_targets(&items).unwrap().len(), 1);
    }
}
