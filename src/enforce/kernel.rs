//! Reading kernel firewall state: `nft -j list set`, `iptables-save` /
//! `ip6tables-save`, `ipset save`. The [`Kernel`] trait is the seam; the
//! parsers are pure functions over the tools' output. Read-only: nothing
//! here ever changes a ruleset.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::IpAddr;
use std::process::{Command, Stdio};

use ipnet::{IpNet, Ipv4Subnets, Ipv6Subnets};

use super::KernelObject;
use crate::net::Target;

/// What a kernel object holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectState {
    /// The table, set or chain does not exist (the action did not start,
    /// or another tool flushed it).
    Absent,
    Present {
        entries: Vec<IpNet>,
        /// nftables: whether the set has `flags interval`.
        interval: Option<bool>,
        /// ipset: the set type, e.g. `hash:ip`.
        set_type: Option<String>,
    },
}

impl ObjectState {
    pub fn entries(&self) -> &[IpNet] {
        match self {
            ObjectState::Absent => &[],
            ObjectState::Present { entries, .. } => entries,
        }
    }
}

/// Reads kernel objects; `Err` carries why the object cannot be inspected.
pub trait Kernel {
    fn read(&mut self, obj: &KernelObject) -> Result<ObjectState, String>;
}

/// The real kernel, through the nft, iptables-save and ipset programs.
#[derive(Default)]
pub struct SystemKernel {
    /// iptables-save output per (v6, table), read once per run.
    saves: HashMap<(bool, String), Result<String, String>>,
    /// `nft -j list table` per (family, table); None = no such table.
    tables: HashMap<(String, String), Result<Option<String>, String>>,
}

impl SystemKernel {
    fn save(&mut self, v6: bool, table: &str) -> Result<String, String> {
        self.saves
            .entry((v6, table.to_string()))
            .or_insert_with(|| {
                let prog = if v6 {
                    "ip6tables-save"
                } else {
                    "iptables-save"
                };
                match run(prog, &["-t", table]) {
                    Ok((true, out, _)) => Ok(out),
                    Ok((false, _, err)) => Err(format!("{prog}: {}", first_line(&err))),
                    Err(e) => Err(e),
                }
            })
            .clone()
    }

    fn nft_table(&mut self, family: &str, table: &str) -> Result<Option<String>, String> {
        self.tables
            .entry((family.to_string(), table.to_string()))
            .or_insert_with(|| {
                let (ok, out, err) = run("nft", &["-j", "list", "table", family, table])?;
                if ok {
                    Ok(Some(out))
                } else if err.contains("No such file or directory") {
                    Ok(None)
                } else {
                    Err(format!("nft: {}", first_line(&err)))
                }
            })
            .clone()
    }
}

impl SystemKernel {
    pub fn new() -> SystemKernel {
        SystemKernel::default()
    }
}

/// Run a read-only tool; Ok((success, stdout, stderr)) or why it could not run.
fn run(program: &str, args: &[&str]) -> Result<(bool, String, String), String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => format!("{program} is not installed"),
            ErrorKind::PermissionDenied => format!("{program}: permission denied"),
            _ => format!("{program}: {e}"),
        })?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stderr.contains("Operation not permitted") || stderr.contains("Permission denied") {
        return Err(format!(
            "{program}: not permitted to read the ruleset (bangui verify needs root)"
        ));
    }
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    ))
}

fn first_line(s: &str) -> String {
    crate::util::sanitize(
        s.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim(),
    )
}

impl Kernel for SystemKernel {
    fn read(&mut self, obj: &KernelObject) -> Result<ObjectState, String> {
        match obj {
            KernelObject::NftSet { family, table, set } => match self.nft_table(family, table)? {
                None => Ok(ObjectState::Absent),
                Some(json) => parse_nft_table(&json, set),
            },
            KernelObject::IptablesChain { v6, table, chain } => {
                let save = self.save(*v6, table)?;
                Ok(parse_iptables_chain(&save, chain))
            }
            KernelObject::IpsetSet { set } => {
                let (ok, out, err) = run("ipset", &["save", set])?;
                if !ok {
                    if err.contains("does not exist") {
                        return Ok(ObjectState::Absent);
                    }
                    return Err(format!("ipset: {}", first_line(&err)));
                }
                let state = parse_ipset_save(&out, set);
                // A set no rule matches on drops nothing.
                let v6 = out.contains("family inet6");
                let save = self.save(v6, "filter")?;
                if !matches!(state, ObjectState::Absent) && !ipset_referenced(&save, set) {
                    return Ok(ObjectState::Absent);
                }
                Ok(state)
            }
        }
    }
}

fn nft_entry(v: &serde_json::Value, out: &mut Vec<IpNet>) {
    use serde_json::Value as J;
    match v {
        J::String(s) => {
            if let Ok(t) = Target::parse(s) {
                out.push(t.net());
            }
        }
        J::Object(m) => {
            if let Some(e) = m.get("elem") {
                // {"elem": {"val": …, "timeout": …}}
                if let Some(val) = e.get("val") {
                    nft_entry(val, out);
                }
            } else if let Some(p) = m.get("prefix") {
                let addr = p.get("addr").and_then(J::as_str);
                let len = p.get("len").and_then(J::as_u64);
                if let (Some(a), Some(l)) = (addr, len)
                    && let Ok(t) = Target::parse(&format!("{a}/{l}"))
                {
                    out.push(t.net());
                }
            } else if let Some(J::Array(r)) = m.get("range")
                && let [J::String(a), J::String(b)] = r.as_slice()
            {
                out.extend(range_nets(a, b));
            }
        }
        _ => {}
    }
}

/// `a`..=`b` as the smallest list of networks.
fn range_nets(a: &str, b: &str) -> Vec<IpNet> {
    match (a.parse::<IpAddr>(), b.parse::<IpAddr>()) {
        (Ok(IpAddr::V4(a)), Ok(IpAddr::V4(b))) => {
            Ipv4Subnets::new(a, b, 0).map(IpNet::V4).collect()
        }
        (Ok(IpAddr::V6(a)), Ok(IpAddr::V6(b))) => {
            Ipv6Subnets::new(a, b, 0).map(IpNet::V6).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether some rule matches on ipset `set` (`-m set --match-set SET`).
pub fn ipset_referenced(save: &str, set: &str) -> bool {
    save.lines().any(|l| {
        l.starts_with("-A ")
            && l.split_whitespace()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[0] == "--match-set" && w[1] == set)
    })
}

/// The items of `nft -j list …` output.
fn nft_items(json: &str) -> Result<Vec<serde_json::Value>, String> {
    let mut v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("nft sent JSON bangui cannot read: {e}"))?;
    match v.get_mut("nftables").map(serde_json::Value::take) {
        Some(serde_json::Value::Array(items)) => Ok(items),
        _ => Err("nft sent JSON without an `nftables` list".into()),
    }
}

/// `nft -j list table …` output: set `set`, counted only when a rule of
/// the table looks it up (`@set`); a set no rule uses drops nothing.
pub fn parse_nft_table(json: &str, set: &str) -> Result<ObjectState, String> {
    let items = nft_items(json)?;
    let lookup = serde_json::Value::String(format!("@{set}"));
    let used = items
        .iter()
        .filter_map(|it| it.get("rule"))
        .any(|r| json_contains(r, &lookup));
    let found = items
        .iter()
        .filter_map(|it| it.get("set"))
        .find(|s| s.get("name").and_then(|n| n.as_str()) == Some(set));
    match found {
        Some(s) if used => nft_set_state(s),
        _ => Ok(ObjectState::Absent),
    }
}

fn json_contains(v: &serde_json::Value, needle: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    v == needle
        || match v {
            J::Array(a) => a.iter().any(|x| json_contains(x, needle)),
            J::Object(m) => m.values().any(|x| json_contains(x, needle)),
            _ => false,
        }
}

fn nft_set_state(set: &serde_json::Value) -> Result<ObjectState, String> {
    let mut entries = Vec::new();
    if let Some(elems) = set.get("elem").and_then(|e| e.as_array()) {
        for e in elems {
            nft_entry(e, &mut entries);
        }
    }
    let interval = set
        .get("flags")
        .and_then(|f| f.as_array())
        .is_some_and(|f| f.iter().any(|x| x.as_str() == Some("interval")));
    Ok(ObjectState::Present {
        entries,
        interval: Some(interval),
        set_type: set.get("type").and_then(|t| t.as_str()).map(str::to_string),
    })
}

/// The source addresses of chain `chain`'s rules in `iptables-save` output.
/// A chain no rule jumps to drops nothing: it counts as absent.
pub fn parse_iptables_chain(save: &str, chain: &str) -> ObjectState {
    let declared = format!(":{chain} ");
    let Some(decl) = save.lines().find(|l| l.starts_with(&declared)) else {
        return ObjectState::Absent;
    };
    // A built-in chain (INPUT …) has a policy instead of `-`: the kernel runs it.
    let builtin = decl.split_whitespace().nth(1) != Some("-");
    let hooked = builtin
        || save.lines().any(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w.first() == Some(&"-A")
                && w.get(1) != Some(&chain)
                && w.windows(2)
                    .any(|p| (p[0] == "-j" || p[0] == "-g") && p[1] == chain)
        });
    if !hooked {
        return ObjectState::Absent;
    }
    let mut entries = Vec::new();
    for line in save.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 2 || words[0] != "-A" || words[1] != chain {
            continue;
        }
        if let Some(i) = words.iter().position(|w| *w == "-s" || *w == "--source")
            && let Some(src) = words.get(i + 1)
            && words.get(i.wrapping_sub(1)) != Some(&"!")
        {
            for s in src.split(',') {
                if let Ok(t) = Target::parse(s) {
                    entries.push(t.net());
                }
            }
        }
    }
    ObjectState::Present {
        entries,
        interval: None,
        set_type: None,
    }
}

/// `ipset save SET` output.
pub fn parse_ipset_save(save: &str, set: &str) -> ObjectState {
    let mut set_type = None;
    let mut entries = Vec::new();
    for line in save.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["create", name, t, ..] if *name == set => set_type = Some(t.to_string()),
            ["add", name, e, ..] if *name == set => match e.split_once('-') {
                Some((a, b)) if !e.contains(':') => entries.extend(range_nets(a, b)),
                _ => {
                    if let Ok(t) = Target::parse(e) {
                        entries.push(t.net());
                    }
                }
            },
            _ => {}
        }
    }
    if set_type.is_none() {
        return ObjectState::Absent;
    }
    ObjectState::Present {
        entries,
        interval: None,
        set_type,
    }
}
