//! The nftables target: bangui's own table `inet bangui`, with per source
//! two interval sets (`NAME-v4`, `NAME-v6`), a counter object `NAME`, and a
//! base chain per hook (`NAME-input`, `NAME-forward`) holding one rule per
//! set. It never touches another table.
//!
//! The kernel is reached only through the [`Kernel`] trait; [`System`] is the
//! real one: the `nft` program for structure (one `nft -f -` script is one
//! transaction) and netlink for element changes of existing sets and for
//! counters, which nft would do by reading every element back first.
//! [`apply`] ties this to the database.

pub mod apply;
pub mod netlink;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::str::FromStr;

use ipnet::IpNet;
use serde::Serialize;

use super::aggregate::{self, Addr};
use crate::error::{Error, Result, exit};
use crate::net::Target;
use crate::util::sanitize;

/// bangui's table (family inet).
pub const TABLE: &str = "bangui";

/// The priority of bangui's base chains: `filter - 10`, so they run before
/// fail2ban's nftables actions (`chain_priority = -1`) and before a stock
/// `inet filter` table (priority `filter`, 0).
pub const PRIORITY: i32 = -10;

/// Where a source's rules hook in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hook {
    Input,
    Forward,
    Both,
}

impl Hook {
    /// The netfilter hooks, in chain order.
    pub fn hooks(self) -> &'static [&'static str] {
        match self {
            Hook::Input => &["input"],
            Hook::Forward => &["forward"],
            Hook::Both => &["input", "forward"],
        }
    }
}

impl fmt::Display for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hook::Input => "input",
            Hook::Forward => "forward",
            Hook::Both => "both",
        })
    }
}

impl FromStr for Hook {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Hook, String> {
        match s {
            "input" => Ok(Hook::Input),
            "forward" => Ok(Hook::Forward),
            "both" => Ok(Hook::Both),
            _ => Err(format!(
                "unknown hook {:?}: use input, forward or both",
                sanitize(s)
            )),
        }
    }
}

/// What a rule does with a listed source address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Drop,
    Reject,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Drop => "drop",
            Action::Reject => "reject",
        })
    }
}

impl FromStr for Action {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Action, String> {
        match s {
            "drop" => Ok(Action::Drop),
            "reject" => Ok(Action::Reject),
            _ => Err(format!(
                "unknown action {:?}: use drop or reject",
                sanitize(s)
            )),
        }
    }
}

/// A source name is also an nft identifier, which must start with a letter.
pub fn validate_name(name: &str) -> Result<()> {
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(Error::bad_input(format!(
            "source {:?} cannot target nft: its sets are named after it, and nft names start with a letter",
            sanitize(name)
        )));
    }
    Ok(())
}

pub fn set_name(source: &str, v6: bool) -> String {
    format!("{source}-{}", if v6 { "v6" } else { "v4" })
}

pub fn chain_name(source: &str, hook: &str) -> String {
    format!("{source}-{hook}")
}

/// Merged address intervals, sorted and disjoint with gaps between them:
/// exactly what an interval set holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intervals {
    pub v4: Vec<(u32, u32)>,
    pub v6: Vec<(u128, u128)>,
}

impl Intervals {
    pub fn from_nets(nets: impl IntoIterator<Item = IpNet>) -> Intervals {
        let mut iv = Intervals::default();
        for n in nets {
            match n {
                IpNet::V4(n) => iv.v4.push(aggregate::v4_range(&n)),
                IpNet::V6(n) => iv.v6.push(aggregate::v6_range(&n)),
            }
        }
        aggregate::merge(&mut iv.v4);
        aggregate::merge(&mut iv.v6);
        iv
    }

    /// From stored networks; rows that do not parse are skipped.
    pub fn from_stored(rows: &[String]) -> Intervals {
        Intervals::from_nets(
            rows.iter()
                .filter_map(|s| Target::parse(s).ok().map(|t| t.net())),
        )
    }

    pub fn len(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The merged ranges of aggregated networks.
    pub fn of(nets: &aggregate::Nets) -> Intervals {
        Intervals {
            v4: nets.v4_ranges(),
            v6: nets.v6_ranges(),
        }
    }

    pub fn v4_wide(&self) -> Vec<(u128, u128)> {
        self.v4
            .iter()
            .map(|&(s, e)| (u128::from(s), u128::from(e)))
            .collect()
    }

    /// The intervals of `self` that `other` does not hold exactly.
    pub fn minus(&self, other: &Intervals) -> Intervals {
        Intervals {
            v4: minus(&self.v4, &other.v4),
            v6: minus(&self.v6, &other.v6),
        }
    }

    /// Addresses ranges as text, `a-b` form for ranges (for reports).
    pub fn to_strings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.v4.iter().map(|&(s, e)| elem_v4(s, e)).collect();
        out.extend(self.v6.iter().map(|&(s, e)| elem_v6(s, e)));
        out
    }
}

/// Sorted-pair difference: entries of `a` not in `b`.
fn minus<T: Ord + Copy>(a: &[(T, T)], b: &[(T, T)]) -> Vec<(T, T)> {
    let mut out = Vec::new();
    let mut j = 0;
    for x in a {
        while j < b.len() && b[j] < *x {
            j += 1;
        }
        if j < b.len() && b[j] == *x {
            continue;
        }
        out.push(*x);
    }
    out
}

/// The element text nft reads for an interval: a host, a CIDR when the
/// interval is one, else `a-b`.
fn elem<T: Addr>(s: T, e: T, show: impl Fn(T) -> String) -> String {
    if s == e {
        return show(s);
    }
    let mut one = None;
    let mut count = 0;
    aggregate::to_cidrs(s, e, 0, |a, p| {
        count += 1;
        one = Some((a, p));
    });
    match (count, one) {
        (1, Some((a, p))) => format!("{}/{p}", show(a)),
        _ => format!("{}-{}", show(s), show(e)),
    }
}

fn elem_v4(s: u32, e: u32) -> String {
    elem(s, e, |a| Ipv4Addr::from(a).to_string())
}

fn elem_v6(s: u128, e: u128) -> String {
    elem(s, e, |a| Ipv6Addr::from(a).to_string())
}

/// How one source is laid out in the kernel.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: String,
    pub hook: Hook,
    pub action: Action,
    /// The set's `size` (from `--max-entries`); none = no limit.
    pub size: Option<u64>,
}

/// `add element` lines, a bounded number of elements per line.
fn push_elements(out: &mut String, set: &str, items: impl Iterator<Item = String>) {
    let mut n = 0;
    for it in items {
        if n % 10_000 == 0 {
            if n > 0 {
                out.push_str(" }\n");
            }
            let _ = write!(out, "add element inet {TABLE} {set} {{ ");
        } else {
            out.push_str(", ");
        }
        out.push_str(&it);
        n += 1;
    }
    if n > 0 {
        out.push_str(" }\n");
    }
}

/// The script lines that create a source's sets, counter, chains and rules
/// and load `iv` into the (new or emptied) sets.
pub fn install_script(out: &mut String, l: &Layout, iv: &Intervals) {
    let size = l.size.map(|s| format!(" size {s};")).unwrap_or_default();
    for v6 in [false, true] {
        let set = set_name(&l.name, v6);
        let ty = if v6 { "ipv6_addr" } else { "ipv4_addr" };
        let _ = writeln!(
            out,
            "add set inet {TABLE} {set} {{ type {ty}; flags interval;{size} }}\nflush set inet {TABLE} {set}"
        );
    }
    let _ = writeln!(out, "add counter inet {TABLE} {}", l.name);
    for hook in l.hook.hooks() {
        let chain = chain_name(&l.name, hook);
        let _ = writeln!(
            out,
            "add chain inet {TABLE} {chain} {{ type filter hook {hook} priority {PRIORITY}; policy accept; }}\nflush chain inet {TABLE} {chain}"
        );
        for (proto, v6) in [("ip", false), ("ip6", true)] {
            let _ = writeln!(
                out,
                "add rule inet {TABLE} {chain} {proto} saddr @{} counter name \"{}\" {}",
                set_name(&l.name, v6),
                l.name,
                l.action
            );
        }
    }
    push_elements(
        out,
        &set_name(&l.name, false),
        iv.v4.iter().map(|&(s, e)| elem_v4(s, e)),
    );
    push_elements(
        out,
        &set_name(&l.name, true),
        iv.v6.iter().map(|&(s, e)| elem_v6(s, e)),
    );
}

/// The script lines that remove a source's objects, given the chains the
/// table holds now.
pub fn uninstall_script(out: &mut String, name: &str, chains: &[String]) {
    let mine: Vec<&String> = chains
        .iter()
        .filter(|c| {
            ["input", "forward"]
                .iter()
                .any(|h| **c == chain_name(name, h))
        })
        .collect();
    for c in &mine {
        let _ = writeln!(
            out,
            "flush chain inet {TABLE} {c}\ndelete chain inet {TABLE} {c}"
        );
    }
    if !mine.is_empty() {
        for v6 in [false, true] {
            let _ = writeln!(out, "delete set inet {TABLE} {}", set_name(name, v6));
        }
        let _ = writeln!(out, "delete counter inet {TABLE} {name}");
    }
}

/// The first lines of a script that rebuilds the table from nothing, in the
/// same transaction that removes what it held.
pub fn reset_script() -> String {
    format!("add table inet {TABLE}\ndelete table inet {TABLE}\nadd table inet {TABLE}\n")
}

/// Additions and deletions of one set's elements.
#[derive(Debug, Clone)]
pub struct SetChange {
    pub set: String,
    pub v6: bool,
    pub delete: Ranges,
    pub add: Ranges,
}

/// The ranges of one family, each kept at its own width (a million IPv4
/// intervals are 8 MB as `u32` pairs and four times that widened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ranges {
    V4(Vec<(u32, u32)>),
    V6(Vec<(u128, u128)>),
}

impl Ranges {
    pub fn len(&self) -> usize {
        match self {
            Ranges::V4(v) => v.len(),
            Ranges::V6(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ranges widened to `u128` (IPv4 values in the low 32 bits).
    pub fn iter(&self) -> impl Iterator<Item = netlink::Range> + Clone + '_ {
        let (v4, v6) = match self {
            Ranges::V4(v) => (Some(v.iter()), None),
            Ranges::V6(v) => (None, Some(v.iter())),
        };
        let v4 = v4.into_iter().flatten();
        let v4 = v4.map(|&(s, e)| (u128::from(s), u128::from(e)));
        v4.chain(v6.into_iter().flatten().copied())
    }
}

/// Packets and bytes a source's rules matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counter {
    pub packets: u64,
    pub bytes: u64,
}

/// Everything bangui does to the kernel's firewall.
pub trait Kernel {
    /// Run an nft script as one transaction (`nft -f -`).
    fn run_script(&mut self, script: &str) -> Result<()>;
    /// Delete and add elements of existing sets, all in one transaction.
    fn change_elements(&mut self, changes: &[SetChange]) -> Result<()>;
    /// The chains of table `inet bangui`; `None` when the table is missing.
    fn chains(&mut self) -> Result<Option<Vec<String>>>;
    /// Every set of the table with its merged intervals (IPv4 values in the
    /// low 32 bits); `None` when the table is missing.
    fn sets(&mut self) -> Result<Option<BTreeMap<String, Vec<netlink::Range>>>>;
    /// The counter objects of the table; empty when it is missing.
    fn counters(&mut self) -> Result<BTreeMap<String, Counter>>;
}

/// The real kernel: the `nft` program and netlink.
pub struct System {
    pub nft: PathBuf,
}

impl System {
    pub fn new(nft: impl Into<PathBuf>) -> System {
        System { nft: nft.into() }
    }

    fn spawn_error(&self, e: std::io::Error) -> Error {
        let code = exit::NO_PERM;
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "nft not found ({}): install nftables (the nftables package) or set blocklist.nft; nothing was applied",
                self.nft.display()
            )
        } else {
            format!(
                "cannot run nft ({}): {e}; nothing was applied",
                self.nft.display()
            )
        };
        Error::Firewall { message, code }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Result<String> {
        let mut cmd = Command::new(&self.nft);
        cmd.args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| self.spawn_error(e))?;
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            // A write error shows up as nft's own failure below.
            let _ = pipe.write_all(text.as_bytes());
        }
        let out = child.wait_with_output().map_err(|e| self.spawn_error(e))?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let err = String::from_utf8_lossy(&out.stderr);
        Err(nft_failure(&err))
    }
}

/// An nft error message as bangui's error: not permitted → 77, a full set
/// → 65, anything else → 74.
pub fn nft_failure(stderr: &str) -> Error {
    let first = stderr
        .lines()
        .find(|l| l.starts_with("Error:"))
        .or_else(|| stderr.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("nft failed")
        .trim();
    let first = sanitize(first);
    if stderr.contains("Operation not permitted") {
        Error::Firewall {
            message: format!(
                "nft is not permitted to change the firewall ({first}): run as root (CAP_NET_ADMIN); nothing was applied"
            ),
            code: exit::NO_PERM,
        }
    } else if stderr.contains("Too many open files in system") {
        Error::Firewall {
            message: format!(
                "the set is full at its size (--max-entries) ({first}); nothing was applied"
            ),
            code: exit::DATA_ERR,
        }
    } else {
        Error::Firewall {
            message: format!("nft rejected the change: {first}; nothing was applied"),
            code: exit::IO_ERR,
        }
    }
}

/// A failed netlink batch as bangui's error.
pub fn batch_failure(e: netlink::BatchError) -> Error {
    let set = e.set.map(|s| format!(" (set {s})")).unwrap_or_default();
    let os = std::io::Error::from_raw_os_error(e.errno);
    match e.errno {
        1 | 13 => Error::Firewall {
            message: format!(
                "the kernel did not permit the change{set}: {os}: run as root (CAP_NET_ADMIN); nothing was applied"
            ),
            code: exit::NO_PERM,
        },
        23 => Error::Firewall {
            message: format!(
                "the set is full at its size (--max-entries){set}; nothing was applied"
            ),
            code: exit::DATA_ERR,
        },
        2 | 17 => Error::Firewall {
            message: format!(
                "the kernel's set does not hold what the database recorded{set} ({os}); nothing was applied: `bangui blocklist restore` rebuilds it"
            ),
            code: exit::IO_ERR,
        },
        _ => Error::Firewall {
            message: format!("the kernel rejected the change{set}: {os}; nothing was applied"),
            code: exit::IO_ERR,
        },
    }
}

impl Kernel for System {
    fn run_script(&mut self, script: &str) -> Result<()> {
        self.run(&["-f", "-"], Some(script)).map(|_| ())
    }

    fn change_elements(&mut self, changes: &[SetChange]) -> Result<()> {
        let seq = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as u32)
            .unwrap_or(1);
        let mut batch = netlink::Batch::new(seq);
        for c in changes {
            batch.elements(false, TABLE, &c.set, c.delete.iter(), c.delete.len(), c.v6);
        }
        for c in changes {
            batch.elements(true, TABLE, &c.set, c.add.iter(), c.add.len(), c.v6);
        }
        if batch.is_empty() {
            return Ok(());
        }
        netlink::send_batch(batch).map_err(batch_failure)
    }

    fn chains(&mut self) -> Result<Option<Vec<String>>> {
        let out = self.run(&["-j", "list", "chains", "inet"], None)?;
        let doc: serde_json::Value = serde_json::from_str(&out)
            .map_err(|e| Error::Other(format!("nft printed JSON bangui cannot read: {e}")))?;
        let mut table = false;
        let mut chains = Vec::new();
        for item in doc["nftables"].as_array().into_iter().flatten() {
            let c = &item["chain"];
            if c["table"] == TABLE && c["family"] == "inet" {
                table = true;
                if let Some(n) = c["name"].as_str() {
                    chains.push(n.to_string());
                }
            }
        }
        if !table {
            // A table without chains is still bangui's table.
            let out = self.run(&["-j", "list", "tables", "inet"], None)?;
            table = out.contains(&format!("\"name\": \"{TABLE}\""));
        }
        Ok(table.then_some(chains))
    }

    fn sets(&mut self) -> Result<Option<BTreeMap<String, Vec<netlink::Range>>>> {
        if self.chains()?.is_none() {
            return Ok(None);
        }
        let out = self.run(&["-j", "list", "sets", "inet"], None)?;
        let doc: serde_json::Value = serde_json::from_str(&out)
            .map_err(|e| Error::Other(format!("nft printed JSON bangui cannot read: {e}")))?;
        parse_sets(&doc).map(Some)
    }

    fn counters(&mut self) -> Result<BTreeMap<String, Counter>> {
        let got = netlink::counters(TABLE).map_err(|e| Error::Firewall {
            message: format!("cannot read nftables counters: {e}"),
            code: if e.kind() == std::io::ErrorKind::PermissionDenied {
                exit::NO_PERM
            } else {
                exit::IO_ERR
            },
        })?;
        Ok(got
            .unwrap_or_default()
            .into_iter()
            .map(|(n, packets, bytes)| (n, Counter { packets, bytes }))
            .collect())
    }
}

fn addr_value(s: &str) -> Option<(u128, bool)> {
    match s.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(a) => Some((u128::from(u32::from(a)), false)),
        std::net::IpAddr::V6(a) => Some((u128::from(a), true)),
    }
}

/// One element of nft's JSON as an inclusive range.
fn element_range(v: &serde_json::Value) -> Option<netlink::Range> {
    if let Some(s) = v.as_str() {
        let (a, _) = addr_value(s)?;
        return Some((a, a));
    }
    if let Some(inner) = v.get("elem") {
        return element_range(inner.get("val").unwrap_or(inner));
    }
    if let Some(p) = v.get("prefix") {
        let (a, v6) = addr_value(p["addr"].as_str()?)?;
        let bits = if v6 { 128 } else { 32 };
        let len = u32::try_from(p["len"].as_u64()?).ok()?.min(bits);
        let host = if len == 0 {
            if v6 { u128::MAX } else { u128::from(u32::MAX) }
        } else {
            (1u128 << (bits - len)).wrapping_sub(1)
        };
        return Some((a & !host, (a & !host) | host));
    }
    if let Some(r) = v.get("range").and_then(|r| r.as_array()) {
        let (a, _) = addr_value(r.first()?.as_str()?)?;
        let (b, _) = addr_value(r.get(1)?.as_str()?)?;
        return Some((a, b));
    }
    None
}

/// Sets of table `inet bangui` from `nft -j list sets`, merged.
pub fn parse_sets(doc: &serde_json::Value) -> Result<BTreeMap<String, Vec<netlink::Range>>> {
    let mut out = BTreeMap::new();
    for item in doc["nftables"].as_array().into_iter().flatten() {
        let s = &item["set"];
        if s["table"] != TABLE || s["family"] != "inet" {
            continue;
        }
        let Some(name) = s["name"].as_str() else {
            continue;
        };
        let mut ranges: Vec<netlink::Range> = Vec::new();
        for e in s["elem"].as_array().into_iter().flatten() {
            match element_range(e) {
                Some(r) => ranges.push(r),
                None => {
                    return Err(Error::Other(format!(
                        "set {name} holds an element bangui cannot read: {}",
                        sanitize(&e.to_string())
                    )));
                }
            }
        }
        aggregate::merge(&mut ranges);
        out.insert(name.to_string(), ranges);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(items: &[&str]) -> Vec<IpNet> {
        items.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn intervals_merge_and_differ() {
        let a = Intervals::from_nets(nets(&[
            "1.2.3.0/25",
            "1.2.3.128/25",
            "9.9.9.9/32",
            "2001:db8::/64",
        ]));
        assert_eq!(a.to_strings(), ["1.2.3.0/24", "9.9.9.9", "2001:db8::/64"]);
        let b = Intervals::from_nets(nets(&["1.2.3.0/24", "9.9.9.8/31"]));
        assert_eq!(a.minus(&b).to_strings(), ["9.9.9.9", "2001:db8::/64"]);
        assert_eq!(b.minus(&a).to_strings(), ["9.9.9.8/31"]);
        assert_eq!(elem_v4(1, 6), "0.0.0.1-0.0.0.6");
    }

    #[test]
    fn install_script_text() {
        let l = Layout {
            name: "feed".into(),
            hook: Hook::Both,
            action: Action::Reject,
            size: Some(10),
        };
        let mut s = String::new();
        install_script(
            &mut s,
            &l,
            &Intervals::from_nets(nets(&["1.2.3.0/24", "2001:db8::1/128"])),
        );
        assert!(
            s.contains("add set inet bangui feed-v4 { type ipv4_addr; flags interval; size 10; }")
        );
        assert!(s.contains("add chain inet bangui feed-forward { type filter hook forward priority -10; policy accept; }"));
        assert!(s.contains(
            "add rule inet bangui feed-input ip6 saddr @feed-v6 counter name \"feed\" reject"
        ));
        assert!(s.contains("add element inet bangui feed-v4 { 1.2.3.0/24 }"));
        assert!(s.contains("add element inet bangui feed-v6 { 2001:db8::1 }"));
        let mut u = String::new();
        uninstall_script(&mut u, "feed", &["feed-input".into(), "other-input".into()]);
        assert_eq!(
            u,
            "flush chain inet bangui feed-input\ndelete chain inet bangui feed-input\ndelete set inet bangui feed-v4\ndelete set inet bangui feed-v6\ndelete counter inet bangui feed\n"
        );
    }

    #[test]
    fn nft_json_sets() {
        let doc: serde_json::Value = serde_json::from_str(
            r#"{"nftables": [{"metainfo": {}}, {"set": {"family": "inet", "name": "feed-v4", "table": "bangui",
            "elem": [{"prefix": {"addr": "1.2.3.0", "len": 24}}, "1.2.4.0", {"range": ["9.0.0.1", "9.0.0.6"]},
            {"elem": {"val": "10.0.0.1", "counter": {"packets": 0}}}]}},
            {"set": {"family": "ip", "name": "x", "table": "other"}}]}"#,
        )
        .unwrap();
        let s = parse_sets(&doc).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            s["feed-v4"],
            vec![
                (0x0102_0300, 0x0102_0400),
                (0x0900_0001, 0x0900_0006),
                (0x0a00_0001, 0x0a00_0001)
            ]
        );
    }

    #[test]
    fn errors_have_codes() {
        assert_eq!(
            nft_failure("Error: Could not process rule: Operation not permitted\n").exit_code(),
            77
        );
        assert_eq!(
            nft_failure("Error: Could not process rule: Too many open files in system\n")
                .exit_code(),
            65
        );
        assert_eq!(nft_failure("Error: syntax error\n").exit_code(), 74);
        let e = batch_failure(netlink::BatchError {
            errno: 23,
            set: Some("feed-v4".into()),
        });
        assert_eq!(e.exit_code(), 65);
        assert!(e.to_string().contains("feed-v4"));
        assert_eq!(
            batch_failure(netlink::BatchError {
                errno: 2,
                set: None
            })
            .exit_code(),
            74
        );
    }
}

#[cfg(test)]
mod import_tests;
