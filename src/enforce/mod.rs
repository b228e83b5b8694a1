//! Enforcement: does the kernel hold what fail2ban says it bans? Resolves a
//! jail's running actions to the kernel objects they manage (nftables set,
//! iptables chain, ipset set), reads those objects through the [`Kernel`]
//! seam, and compares them with fail2ban's ban list as networks. Repairs go
//! back through fail2ban, never into the firewall directly. No output here.

pub mod job;
pub mod kernel;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use ipnet::IpNet;
use serde::Serialize;

use crate::bans::strings;
use crate::error::{Error, Result};
use crate::f2bconf::tags::substitute_recursive_tags;
use crate::fail2ban::{Arg, Transport, api};
use crate::net::Target;

pub use kernel::{Kernel, ObjectState, SystemKernel};

/// What kind of firewall an action drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Nftables,
    Iptables,
    Ipset,
    Unknown,
}

/// One kernel object an action keeps its bans in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum KernelObject {
    /// `nft add element FAMILY TABLE SET { ip }`.
    NftSet {
        family: String,
        table: String,
        set: String,
    },
    /// `iptables -I CHAIN … -s ip …` (ip6tables when `v6`).
    IptablesChain {
        v6: bool,
        table: String,
        chain: String,
    },
    /// `ipset add SET ip`.
    IpsetSet { set: String },
}

impl fmt::Display for KernelObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelObject::NftSet { family, table, set } => {
                write!(f, "nftables set {family} {table} {set}")
            }
            KernelObject::IptablesChain { v6, table, chain } => write!(
                f,
                "{} chain {chain} (table {table})",
                if *v6 { "ip6tables" } else { "iptables" }
            ),
            KernelObject::IpsetSet { set } => write!(f, "ipset set {set}"),
        }
    }
}

/// A running action, resolved from its properties.
#[derive(Debug, Clone)]
pub struct ActionSpec {
    pub name: String,
    pub kind: ActionKind,
    /// The object that holds IPv4 bans and the one for IPv6 bans.
    pub v4: Option<KernelObject>,
    pub v6: Option<KernelObject>,
    /// `actionstart` with every tag resolved, per family (v4, v6): tells how
    /// a set that does not exist yet will be created.
    pub start: [String; 2],
}

impl ActionSpec {
    fn object(&self, v6: bool) -> Option<&KernelObject> {
        if v6 {
            self.v6.as_ref()
        } else {
            self.v4.as_ref()
        }
    }
}

fn arg(s: &str) -> Arg {
    Arg::Str(s.to_string())
}

/// The jail's actions, resolved to kernel objects.
pub fn resolve_actions(t: &mut dyn Transport, jail: &str) -> Result<Vec<ActionSpec>> {
    let names = strings(&api::jail_get(t, jail, "actions")?);
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(resolve_action(t, jail, &name)?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn resolve_action(t: &mut dyn Transport, jail: &str, name: &str) -> Result<ActionSpec> {
    let props = match t.call(&[arg("get"), arg(jail), arg("actionproperties"), arg(name)]) {
        Ok(v) => strings(&v),
        Err(Error::Fail2ban { .. }) => Vec::new(),
        Err(e) => return Err(e),
    };
    let mut tags = BTreeMap::new();
    for p in &props {
        if p.starts_with("ESCAPE") || p == "banEpoch" {
            continue;
        }
        match t.call(&[arg("get"), arg(jail), arg("action"), arg(name), arg(p)]) {
            Ok(v) => {
                if let Some(s) = v.as_str() {
                    tags.insert(p.clone(), s.to_string());
                }
            }
            Err(Error::Fail2ban { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(spec_from_properties(name, &tags))
}

/// Tags fail2ban fills in per ban: never resolve them from properties.
const DYNAMIC: &[&str] = &["ip", "ip-rev", "family", "fid", "F-ID", "time", "bantime"];

/// The action's properties → what it manages. Pure: unit tested.
pub fn spec_from_properties(name: &str, tags: &BTreeMap<String, String>) -> ActionSpec {
    let ignore: HashSet<String> = DYNAMIC.iter().map(|s| s.to_string()).collect();
    let resolved = |key: &str, v6: bool| -> String {
        let cond = if v6 { "family=inet6" } else { "" };
        let start = if v6 {
            tags.get(&format!("{key}?{cond}")).or_else(|| tags.get(key))
        } else {
            tags.get(key)
        };
        let Some(start) = start else {
            return String::new();
        };
        let mut all = tags.clone();
        all.insert("__value".into(), start.clone());
        substitute_recursive_tags(&all, cond, &ignore, &mut |_| Ok(None))
            .ok()
            .and_then(|m| m.get("__value").cloned())
            // fail2ban's own escapes for a space and a line break.
            .map(|v| v.replace("<sp>", " ").replace("<br>", "\n"))
            .unwrap_or_default()
    };
    let ban4 = resolved("actionban", false);
    let ban6 = resolved("actionban", true);
    let start = [
        resolved("actionstart", false),
        resolved("actionstart", true),
    ];
    let v4 = object_of_ban(&ban4);
    let v6 = object_of_ban(&ban6);
    let kind = match v4.as_ref().or(v6.as_ref()) {
        Some(KernelObject::NftSet { .. }) => ActionKind::Nftables,
        Some(KernelObject::IptablesChain { .. }) => ActionKind::Iptables,
        Some(KernelObject::IpsetSet { .. }) => ActionKind::Ipset,
        None => ActionKind::Unknown,
    };
    ActionSpec {
        name: name.to_string(),
        kind,
        v4,
        v6,
        start,
    }
}

/// Split a resolved shell command text into simple commands' words.
fn commands(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in text.split(['\n', ';']) {
        for part in line.split("&&").flat_map(|p| p.split("||")) {
            let words: Vec<String> = part
                .split_whitespace()
                .map(|w| w.trim_matches(|c| matches!(c, '\\' | '{' | '}' | '(' | ')')))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    out
}

fn program(w: &str) -> &str {
    w.rsplit('/').next().unwrap_or(w)
}

/// The object the (resolved) `actionban` adds `<ip>` to.
fn object_of_ban(ban: &str) -> Option<KernelObject> {
    for words in commands(ban) {
        if !words.iter().any(|w| w.contains("<ip>")) {
            continue;
        }
        let Some(p) = words.iter().position(|w| {
            matches!(
                program(w),
                "nft"
                    | "ipset"
                    | "iptables"
                    | "ip6tables"
                    | "iptables-nft"
                    | "ip6tables-nft"
                    | "iptables-legacy"
                    | "ip6tables-legacy"
            )
        }) else {
            continue;
        };
        let prog = program(&words[p]);
        let rest = &words[p + 1..];
        let find = |name: &str| rest.iter().position(|w| w == name);
        if prog == "nft" {
            if let Some(i) = find("element")
                && i > 0
                && rest[i - 1] == "add"
                && rest.len() > i + 3
            {
                return Some(KernelObject::NftSet {
                    family: rest[i + 1].clone(),
                    table: rest[i + 2].clone(),
                    set: rest[i + 3].clone(),
                });
            }
        } else if prog == "ipset" {
            if let Some(i) = find("add")
                && let Some(set) = rest[i + 1..].iter().find(|w| !w.starts_with('-'))
            {
                return Some(KernelObject::IpsetSet { set: set.clone() });
            }
        } else {
            let chain = rest
                .iter()
                .position(|w| w == "-I" || w == "-A" || w == "--insert" || w == "--append")
                .and_then(|i| rest.get(i + 1));
            let table = rest
                .iter()
                .position(|w| w == "-t" || w == "--table")
                .and_then(|i| rest.get(i + 1))
                .cloned()
                .unwrap_or_else(|| "filter".to_string());
            if let Some(chain) = chain {
                return Some(KernelObject::IptablesChain {
                    v6: prog.starts_with("ip6"),
                    table,
                    chain: chain.clone(),
                });
            }
        }
    }
    None
}

/// `entries` merged into disjoint networks, sorted: what [`covered_merged`]
/// and [`overlaps_merged`] search in O(log n).
pub fn merge(entries: &[IpNet]) -> Vec<IpNet> {
    let mut m = IpNet::aggregate(&entries.to_vec());
    m.sort();
    m
}

/// Whether `net` lies inside the union of the merged networks.
pub fn covered_merged(merged: &[IpNet], net: &IpNet) -> bool {
    let i = merged.partition_point(|e| e.network() <= net.network());
    i > 0 && merged[i - 1].contains(net)
}

/// Whether any part of `net` lies inside the merged networks.
pub fn overlaps_merged(merged: &[IpNet], net: &IpNet) -> bool {
    let i = merged.partition_point(|e| e.network() <= net.network());
    (i > 0 && merged[i - 1].contains(&net.network()))
        || merged.get(i).is_some_and(|e| net.contains(&e.network()))
}

/// Whether `net` is covered by the union of `entries`.
pub fn covered(entries: &[IpNet], net: &IpNet) -> bool {
    covered_merged(&merge(entries), net)
}

/// Why a prefix cannot be held by this action's object, or None when it
/// can (or bangui cannot tell).
pub fn cidr_refusal(spec: &ActionSpec, state: Option<&ObjectState>, t: &Target) -> Option<String> {
    if t.is_host() {
        return None;
    }
    let v6 = !t.is_ipv4();
    let obj = spec.object(v6)?;
    let start = &spec.start[usize::from(v6)];
    match obj {
        KernelObject::IptablesChain { .. } => None,
        KernelObject::NftSet { family, table, set } => {
            let interval = match state {
                Some(ObjectState::Present { interval, .. }) => *interval,
                _ => None,
            }
            .or_else(|| nft_set_created_with_interval(start, family, table, set));
            match interval {
                Some(false) => Some(format!(
                    "{} of action {} has no `flags interval`: the kernel refuses a network in it",
                    obj, spec.name
                )),
                _ => None,
            }
        }
        KernelObject::IpsetSet { .. } => {
            let set_type = match state {
                Some(ObjectState::Present { set_type, .. }) => set_type.clone(),
                _ => None,
            }
            .or_else(|| ipset_type_created(start));
            let set_type = set_type?;
            if set_type.starts_with("hash:net") {
                return None;
            }
            if set_type == "hash:ip" {
                // The kernel expands an IPv4 network into its hosts (at most
                // 65536 in one go); an IPv6 prefix is a syntax error.
                if !v6 && t.net().prefix_len() >= 16 {
                    return None;
                }
                return Some(format!(
                    "{obj} of action {} is hash:ip: it holds {}",
                    spec.name,
                    if v6 {
                        "single IPv6 addresses only"
                    } else {
                        "IPv4 networks of /16 or narrower only"
                    }
                ));
            }
            None
        }
    }
}

/// From a resolved actionstart: was the set created with `flags interval`?
fn nft_set_created_with_interval(
    start: &str,
    family: &str,
    table: &str,
    set: &str,
) -> Option<bool> {
    let flat = start.replace(['\\', '{', '}', ';'], " ");
    for line in flat.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(i) = words.windows(2).position(|w| w == ["add", "set"])
            && words.get(i + 2) == Some(&family)
            && words.get(i + 3) == Some(&table)
            && words.get(i + 4) == Some(&set)
        {
            return Some(
                words[i + 5..]
                    .windows(2)
                    .any(|w| w[0] == "flags" && w[1].split(',').any(|f| f == "interval")),
            );
        }
    }
    None
}

fn ipset_type_created(start: &str) -> Option<String> {
    for words in commands(start) {
        if let Some(i) = words
            .iter()
            .position(|w| w == "create" || w == "-N" || w == "n")
        {
            if program(words.first()?) != "ipset" {
                continue;
            }
            return words.get(i + 2).cloned();
        }
    }
    None
}

/// One action in a verify report.
#[derive(Debug, Clone, Serialize)]
pub struct ActionReport {
    pub name: String,
    pub kind: ActionKind,
    pub inspectable: bool,
    /// Why it is not inspectable.
    pub reason: Option<String>,
    /// The kernel objects it manages, as text.
    pub objects: Vec<String>,
}

/// One jail in a verify report.
#[derive(Debug, Clone, Serialize)]
pub struct JailReport {
    pub jail: String,
    pub actions: Vec<ActionReport>,
    /// How many entries fail2ban bans.
    pub banned: usize,
    /// How many of them every inspectable action holds; null when no
    /// action is inspectable.
    pub enforced: Option<usize>,
    /// Banned by fail2ban, absent from at least one inspectable action.
    pub missing: Vec<String>,
    /// In a kernel object, not banned by fail2ban.
    pub stray: Vec<String>,
}

impl JailReport {
    pub fn uninspectable(&self) -> usize {
        self.actions.iter().filter(|a| !a.inspectable).count()
    }
}

/// A jail's actions with the kernel state each of their objects is in.
pub struct JailState {
    pub specs: Vec<ActionSpec>,
    /// Per action: the state of its (v4, v6) objects, or why it cannot be read.
    pub states: Vec<std::result::Result<[Option<ObjectState>; 2], String>>,
    /// Per action: its (v4, v6) entries merged (empty when not inspectable).
    merged: Vec<[Vec<IpNet>; 2]>,
}

impl JailState {
    /// Resolve the jail's actions and read their objects.
    pub fn read(t: &mut dyn Transport, kernel: &mut dyn Kernel, jail: &str) -> Result<JailState> {
        let specs = resolve_actions(t, jail)?;
        Ok(JailState::read_specs(specs, kernel))
    }

    pub fn read_specs(specs: Vec<ActionSpec>, kernel: &mut dyn Kernel) -> JailState {
        let states = specs
            .iter()
            .map(|s| {
                if s.kind == ActionKind::Unknown {
                    return Err("not an nftables, iptables or ipset action".to_string());
                }
                let mut pair = [None, None];
                for (i, obj) in [&s.v4, &s.v6].into_iter().enumerate() {
                    if let Some(obj) = obj {
                        pair[i] = Some(kernel.read(obj)?);
                    }
                }
                Ok(pair)
            })
            .collect::<Vec<_>>();
        let merged = states
            .iter()
            .map(
                |st: &std::result::Result<[Option<ObjectState>; 2], String>| match st {
                    Ok(pair) => pair
                        .each_ref()
                        .map(|o| o.as_ref().map(|o| merge(o.entries())).unwrap_or_default()),
                    Err(_) => [Vec::new(), Vec::new()],
                },
            )
            .collect();
        JailState {
            specs,
            states,
            merged,
        }
    }

    /// The merged entries of every inspectable action for `t`'s family;
    /// None when no action is inspectable.
    fn inspectable_entries(&self, t: &Target) -> Option<Vec<&[IpNet]>> {
        let v6 = usize::from(!t.is_ipv4());
        let all: Vec<&[IpNet]> = self
            .states
            .iter()
            .zip(&self.merged)
            .filter(|(st, _)| st.is_ok())
            .map(|(_, m)| m[v6].as_slice())
            .collect();
        (!all.is_empty()).then_some(all)
    }

    /// Whether every inspectable action holds `t`; None when none is inspectable.
    pub fn enforced(&self, t: &Target) -> Option<bool> {
        let all = self.inspectable_entries(t)?;
        Some(all.iter().all(|m| covered_merged(m, &t.net())))
    }

    /// Whether no inspectable action holds any part of `t` (after an unban).
    pub fn absent(&self, t: &Target) -> Option<bool> {
        let all = self.inspectable_entries(t)?;
        Some(all.iter().all(|m| !overlaps_merged(m, &t.net())))
    }

    /// The first action that cannot hold the network `t`, with why.
    pub fn cidr_refusal(&self, t: &Target) -> Option<String> {
        self.specs.iter().zip(&self.states).find_map(|(spec, st)| {
            let state = st
                .as_ref()
                .ok()
                .and_then(|pair| pair[usize::from(!t.is_ipv4())].as_ref());
            cidr_refusal(spec, state, t)
        })
    }

    /// Compare with fail2ban's ban list.
    pub fn report(&self, jail: &str, banned: &[Target]) -> JailReport {
        let actions = self
            .specs
            .iter()
            .zip(&self.states)
            .map(|(s, st)| ActionReport {
                name: s.name.clone(),
                kind: s.kind,
                inspectable: st.is_ok(),
                reason: st.as_ref().err().cloned(),
                objects: [&s.v4, &s.v6]
                    .into_iter()
                    .flatten()
                    .map(ToString::to_string)
                    .collect(),
            })
            .collect::<Vec<_>>();
        let inspectable = actions.iter().any(|a| a.inspectable);
        let mut missing: Vec<Target> = banned
            .iter()
            .filter(|t| self.enforced(t) == Some(false))
            .copied()
            .collect();
        missing.sort();
        let nets = merge(&banned.iter().map(Target::net).collect::<Vec<_>>());
        let mut stray: BTreeSet<Target> = BTreeSet::new();
        for st in self.states.iter().flatten() {
            for obj in st.iter().flatten() {
                for e in obj.entries() {
                    if !covered_merged(&nets, e) {
                        stray.insert(Target::from_net(*e));
                    }
                }
            }
        }
        JailReport {
            jail: jail.to_string(),
            actions,
            banned: banned.len(),
            enforced: inspectable.then(|| banned.len() - missing.len()),
            missing: missing.iter().map(Target::to_string).collect(),
            stray: stray.iter().map(Target::to_string).collect(),
        }
    }
}

/// fail2ban's ban list of `jail` as networks (entries that are not IPs are skipped).
pub fn banned_targets(t: &mut dyn Transport, jail: &str) -> Result<Vec<Target>> {
    Ok(targets_of(&api::jail_status(t, jail)?.banned))
}

fn targets_of(list: &[String]) -> Vec<Target> {
    let mut out: Vec<Target> = list.iter().filter_map(|s| Target::parse(s).ok()).collect();
    out.sort();
    out.dedup();
    out
}

/// Verify one jail.
pub fn verify_jail(
    t: &mut dyn Transport,
    kernel: &mut dyn Kernel,
    jail: &str,
) -> Result<JailReport> {
    let state = JailState::read(t, kernel, jail)?;
    let banned = banned_targets(t, jail)?;
    Ok(state.report(jail, &banned))
}

/// What `--repair` did for one missing entry.
#[derive(Debug, Clone, Serialize)]
pub struct RepairItem {
    pub ip: String,
    pub action: String,
    /// `repaired`, `would_repair`, `failed`.
    pub status: &'static str,
    pub error: Option<String>,
}

/// Put `missing` entries back: ask fail2ban to run each inspectable action's
/// own ban command for them (`set JAIL action ACT ban {...}`), so the rule is
/// the one the action writes. Strays are left alone.
fn repair_missing(
    t: &mut dyn Transport,
    state: &JailState,
    jail: &str,
    missing: &[Target],
    dry_run: bool,
) -> Vec<RepairItem> {
    let mut out = Vec::new();
    for tg in missing {
        let v6 = !tg.is_ipv4();
        for ((spec, st), merged) in state.specs.iter().zip(&state.states).zip(&state.merged) {
            if st.is_err() || covered_merged(&merged[usize::from(v6)], &tg.net()) {
                continue;
            }
            let mut item = RepairItem {
                ip: tg.to_string(),
                action: spec.name.clone(),
                status: "would_repair",
                error: None,
            };
            if !dry_run {
                let info = serde_json::json!({"aInfo": {
                    "ip": tg.to_string(),
                    "family": if v6 { "inet6" } else { "inet4" },
                }});
                match t.call(&[
                    arg("set"),
                    arg(jail),
                    arg("action"),
                    arg(&spec.name),
                    arg("ban"),
                    Arg::Str(info.to_string()),
                ]) {
                    Ok(_) => item.status = "repaired",
                    Err(e) => {
                        item.status = "failed";
                        item.error = Some(e.to_string());
                    }
                }
            }
            out.push(item);
        }
    }
    out
}

/// The outcome of `verify` over several jails.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyOutcome {
    pub jails: Vec<JailReport>,
    /// What `--repair` did (or would do); null without `--repair`.
    pub repairs: Option<Vec<RepairItem>>,
    pub dry_run: bool,
    pub changed: bool,
}

impl VerifyOutcome {
    pub fn missing(&self) -> usize {
        self.jails.iter().map(|j| j.missing.len()).sum()
    }

    pub fn uninspectable(&self) -> usize {
        self.jails.iter().map(JailReport::uninspectable).sum()
    }
}

/// Verify `jails` (every jail when empty); with `repair`, put missing bans
/// back through fail2ban and report the state after. `kernel` makes a fresh
/// reader (state read before a repair must not be reused after it).
pub fn verify(
    t: &mut dyn Transport,
    kernel: &mut dyn FnMut() -> Box<dyn Kernel>,
    jails: &[String],
    repair: bool,
    dry_run: bool,
) -> Result<VerifyOutcome> {
    // Every jail: one `status --all` on 1.1; a `status JAIL` each on 1.0.
    let all = if jails.is_empty() {
        api::status_all(t)?
    } else {
        None
    };
    let mut names = match (&all, jails.is_empty()) {
        (Some(all), _) => all.keys().cloned().collect(),
        (None, true) => api::status(t)?,
        (None, false) => jails.to_vec(),
    };
    names.sort();
    names.dedup();
    let mut reports = Vec::with_capacity(names.len());
    let mut repairs = repair.then(Vec::new);
    for jail in &names {
        let mut k = kernel();
        let state = JailState::read(t, k.as_mut(), jail)?;
        let banned = match all.as_ref().and_then(|a| a.get(jail)) {
            Some(st) => targets_of(&st.banned),
            None => banned_targets(t, jail)?,
        };
        let mut report = state.report(jail, &banned);
        if let Some(done) = repairs.as_mut()
            && !report.missing.is_empty()
        {
            let missing: Vec<Target> = report
                .missing
                .iter()
                .filter_map(|m| Target::parse(m).ok())
                .collect();
            let items = repair_missing(t, &state, jail, &missing, dry_run);
            let did = items.iter().any(|i| i.status == "repaired");
            done.extend(items);
            if did {
                let mut k = kernel();
                let after = JailState::read(t, k.as_mut(), jail)?;
                report = after.report(jail, &banned_targets(t, jail)?);
            }
        }
        reports.push(report);
    }
    let changed = repairs
        .as_ref()
        .is_some_and(|r| r.iter().any(|i| i.status == "repaired"));
    Ok(VerifyOutcome {
        jails: reports,
        repairs,
        dry_run,
        changed,
    })
}

#[cfg(test)]
mod tests;
