//! IP and CIDR types and the safety policy. Every address bangui sends to
//! fail2ban, writes to a file or stores in SQL is parsed here first; sets are
//! compared as networks, and a single host is shown bare, as fail2ban shows it.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde::Serialize;

/// A validated IP address or network, host bits cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target(IpNet);

impl Target {
    /// Parse an IP or CIDR. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes IPv4;
    /// host bits are cleared (`1.2.3.4/24` → `1.2.3.0/24`).
    pub fn parse(s: &str) -> Result<Target, String> {
        let t = s.trim();
        if t.is_empty() {
            return Err("empty address".into());
        }
        if t.len() > 64
            || !t
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b".:/".contains(&b))
        {
            return Err(invalid(t));
        }
        let net = if t.contains('/') {
            let n = IpNet::from_str(t).map_err(|_| invalid(t))?;
            match n {
                IpNet::V6(v6) => match v6.addr().to_ipv4_mapped() {
                    Some(v4) if v6.prefix_len() >= 96 => IpNet::V4(
                        Ipv4Net::new(v4, v6.prefix_len() - 96)
                            .map_err(|_| format!("bad prefix in {t:?}"))?,
                    ),
                    _ => n,
                },
                n => n,
            }
            .trunc()
        } else {
            let ip = IpAddr::from_str(t).map_err(|_| invalid(t))?;
            IpNet::from(canonical_ip(ip))
        };
        Ok(Target(net))
    }

    pub fn from_ip(ip: IpAddr) -> Target {
        Target(IpNet::from(canonical_ip(ip)))
    }

    pub fn from_net(net: IpNet) -> Target {
        Target(net.trunc())
    }

    pub fn net(&self) -> IpNet {
        self.0
    }

    pub fn is_host(&self) -> bool {
        self.0.prefix_len() == self.0.max_prefix_len()
    }

    pub fn is_ipv4(&self) -> bool {
        matches!(self.0, IpNet::V4(_))
    }

    pub fn contains(&self, other: &Target) -> bool {
        self.0.contains(&other.0)
    }

    pub fn overlaps(&self, other: &IpNet) -> bool {
        self.0.contains(other) || other.contains(&self.0)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_host() {
            write!(f, "{}", self.0.addr())
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// "not an IP address or CIDR" and why: the part that is wrong.
fn invalid(t: &str) -> String {
    let shown = crate::util::sanitize(&t.chars().take(64).collect::<String>());
    format!("not an IP address or CIDR: {shown:?}: {}", why_invalid(t))
}

fn why_invalid(t: &str) -> String {
    if t.len() > 64 {
        return "too long for an address".into();
    }
    if let Some(i) = t.find('%') {
        return format!(
            "zone ids ({:?}) are not accepted: a ban is for an address, not an interface",
            crate::util::sanitize(&t[i..])
        );
    }
    if let Some(c) = t
        .chars()
        .find(|c| !(c.is_ascii_hexdigit() || ".:/".contains(*c)))
    {
        return format!(
            "{:?} is not part of any IP address",
            crate::util::sanitize(&c.to_string())
        );
    }
    let (addr, prefix) = match t.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (t, None),
    };
    let v6 = addr.contains(':');
    if let Some(p) = prefix {
        let max = if v6 { 128 } else { 32 };
        match p.parse::<u32>() {
            Err(_) => return format!("the prefix {p:?} is not a number"),
            Ok(n) if n > max => {
                return format!(
                    "the prefix /{n} is too long for IPv{} (at most /{max})",
                    if v6 { 6 } else { 4 }
                );
            }
            Ok(_) => {}
        }
    }
    if v6 {
        if addr.matches("::").count() > 1 {
            return "\"::\" may appear only once in an IPv6 address".into();
        }
        if let Some(g) = addr.split(':').find(|g| g.len() > 4 && !g.contains('.')) {
            return format!("the group {g:?} has more than 4 hex digits");
        }
        return "not a valid IPv6 address".into();
    }
    let parts: Vec<&str> = addr.split('.').collect();
    if parts.len() != 4 {
        return format!("an IPv4 address has 4 octets, this has {}", parts.len());
    }
    for o in parts {
        if o.is_empty() {
            return "an octet is empty".into();
        }
        if !o.bytes().all(|b| b.is_ascii_digit()) {
            return format!("the octet {o:?} is not a decimal number");
        }
        if o.len() > 1 && o.starts_with('0') {
            return format!("the octet {o:?} has a leading zero (octal or decimal?)");
        }
        if o.parse::<u32>().map_or(true, |n| n > 255) {
            return format!("the octet {o} is out of range (0-255)");
        }
    }
    "not a valid IPv4 address".into()
}

impl FromStr for Target {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::parse(s)
    }
}

fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// Why an item is not banned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case", tag = "reason", content = "detail")]
pub enum Refusal {
    AllAddresses,
    Unspecified,
    Loopback,
    LinkLocal,
    Multicast,
    Private,
    Cgnat,
    Documentation,
    Reserved,
    PrefixTooWide(u8),
    IgnoreIp(String),
    Safelist(String),
    OwnAddress,
    SshClient,
    /// A network that one of the jail's actions cannot hold (why).
    CidrNotEnforceable(String),
}

impl Refusal {
    /// A stable snake_case name, used as the key of refused counts.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::AllAddresses => "all_addresses",
            Refusal::Unspecified => "unspecified",
            Refusal::Loopback => "loopback",
            Refusal::LinkLocal => "link_local",
            Refusal::Multicast => "multicast",
            Refusal::Private => "private",
            Refusal::Cgnat => "cgnat",
            Refusal::Documentation => "documentation",
            Refusal::Reserved => "reserved",
            Refusal::PrefixTooWide(_) => "prefix_too_wide",
            Refusal::IgnoreIp(_) => "ignoreip",
            Refusal::Safelist(_) => "safelist",
            Refusal::OwnAddress => "own_address",
            Refusal::SshClient => "ssh_client",
            Refusal::CidrNotEnforceable(_) => "cidr_not_enforceable",
        }
    }

    /// Refusals that `--force` on a manual ban may override.
    pub fn overridable(&self) -> bool {
        Refusal::code_overridable(self.code())
    }

    /// [`Refusal::overridable`] by [`Refusal::code`].
    pub fn code_overridable(code: &str) -> bool {
        !matches!(
            code,
            "all_addresses" | "unspecified" | "loopback" | "ignoreip" | "safelist"
        )
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::AllAddresses => write!(f, "covers every address"),
            Refusal::Unspecified => write!(f, "unspecified address"),
            Refusal::Loopback => write!(f, "loopback range"),
            Refusal::LinkLocal => write!(f, "link-local range"),
            Refusal::Multicast => write!(f, "multicast range"),
            Refusal::Private => write!(f, "private range"),
            Refusal::Cgnat => write!(f, "carrier-grade NAT range"),
            Refusal::Documentation => write!(f, "documentation range"),
            Refusal::Reserved => write!(f, "reserved range"),
            Refusal::PrefixTooWide(max) => write!(f, "prefix wider than /{max}"),
            Refusal::IgnoreIp(e) => write!(f, "in the jail's ignoreip ({e})"),
            Refusal::Safelist(e) => write!(f, "in the safelist ({e})"),
            Refusal::OwnAddress => write!(f, "an address of this host"),
            Refusal::SshClient => write!(f, "the client of the current SSH session"),
            Refusal::CidrNotEnforceable(why) => write!(f, "cannot be enforced: {why}"),
        }
    }
}

fn v4(a: [u8; 4], p: u8) -> IpNet {
    IpNet::V4(Ipv4Net::new(Ipv4Addr::from(a), p).expect("static prefix"))
}

fn v6(a: [u16; 8], p: u8) -> IpNet {
    IpNet::V6(Ipv6Net::new(Ipv6Addr::from(a), p).expect("static prefix"))
}

/// Special-purpose ranges (IANA registries), most specific reason first
/// (public so bulk screens such as blocklist imports can index them once).
pub fn special_ranges() -> Vec<(IpNet, Refusal)> {
    vec![
        (v4([0, 0, 0, 0], 32), Refusal::Unspecified),
        (v4([127, 0, 0, 0], 8), Refusal::Loopback),
        (v4([169, 254, 0, 0], 16), Refusal::LinkLocal),
        (v4([224, 0, 0, 0], 4), Refusal::Multicast),
        (v4([10, 0, 0, 0], 8), Refusal::Private),
        (v4([172, 16, 0, 0], 12), Refusal::Private),
        (v4([192, 168, 0, 0], 16), Refusal::Private),
        (v4([100, 64, 0, 0], 10), Refusal::Cgnat),
        (v4([192, 0, 2, 0], 24), Refusal::Documentation),
        (v4([198, 51, 100, 0], 24), Refusal::Documentation),
        (v4([203, 0, 113, 0], 24), Refusal::Documentation),
        (v4([0, 0, 0, 0], 8), Refusal::Reserved),
        (v4([192, 0, 0, 0], 24), Refusal::Reserved),
        (v4([192, 88, 99, 0], 24), Refusal::Reserved),
        (v4([198, 18, 0, 0], 15), Refusal::Reserved),
        (v4([240, 0, 0, 0], 4), Refusal::Reserved),
        (v6([0, 0, 0, 0, 0, 0, 0, 0], 128), Refusal::Unspecified),
        (v6([0, 0, 0, 0, 0, 0, 0, 1], 128), Refusal::Loopback),
        (v6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10), Refusal::LinkLocal),
        (v6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8), Refusal::Multicast),
        (v6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7), Refusal::Private),
        (
            v6([0x2001, 0x0db8, 0, 0, 0, 0, 0, 0], 32),
            Refusal::Documentation,
        ),
        (
            v6([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20),
            Refusal::Documentation,
        ),
        (v6([0x0100, 0, 0, 0, 0, 0, 0, 0], 64), Refusal::Reserved),
        (
            v6([0x0064, 0xff9b, 0, 0, 0, 0, 0, 0], 96),
            Refusal::Reserved,
        ),
        (v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 23), Refusal::Reserved),
        (v6([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10), Refusal::Reserved),
        (v6([0, 0, 0, 0, 0, 0, 0, 0], 96), Refusal::Reserved),
    ]
}

/// The special-purpose range a target lies in or overlaps, if any.
pub fn special_range(t: &Target) -> Option<Refusal> {
    if t.net().prefix_len() == 0 {
        return Some(Refusal::AllAddresses);
    }
    special_ranges()
        .into_iter()
        .find(|(net, _)| t.overlaps(net))
        .map(|(_, r)| r)
}

/// What must never be banned, gathered once per command.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// `--force`: allow private, reserved, own and SSH-client addresses.
    pub force: bool,
    pub ignoreip: Vec<(IpNet, String)>,
    pub safelist: Vec<(IpNet, String)>,
    pub own_addresses: Vec<IpAddr>,
    pub ssh_client: Option<IpAddr>,
    /// Peers with an established connection to this host's SSH ports
    /// ([`ssh_peers`]): refused as `ssh_client` too.
    pub ssh_peers: Vec<IpAddr>,
    /// Widest prefix allowed (blocklists); `None` means no limit.
    pub max_prefix_v4: Option<u8>,
    pub max_prefix_v6: Option<u8>,
}

impl Policy {
    /// Parse ignoreip/safelist entries; entries that are not IPs (host names in
    /// a jail's ignoreip) cannot be compared and are skipped.
    pub fn parse_list(items: &[String]) -> Vec<(IpNet, String)> {
        items
            .iter()
            .filter_map(|s| Target::parse(s).ok().map(|t| (t.net(), s.clone())))
            .collect()
    }

    pub fn check(&self, t: &Target) -> Result<(), Refusal> {
        for (net, src) in &self.safelist {
            if t.overlaps(net) {
                return Err(Refusal::Safelist(src.clone()));
            }
        }
        for (net, src) in &self.ignoreip {
            if t.overlaps(net) {
                return Err(Refusal::IgnoreIp(src.clone()));
            }
        }
        if let Some(r) = special_range(t)
            && (!self.force || !r.overridable())
        {
            return Err(r);
        }
        if !self.force {
            if self.own_addresses.iter().any(|a| t.net().contains(a)) {
                return Err(Refusal::OwnAddress);
            }
            if self
                .ssh_client
                .iter()
                .chain(self.ssh_peers.iter())
                .any(|ssh| t.net().contains(ssh))
            {
                return Err(Refusal::SshClient);
            }
        }
        let max = if t.is_ipv4() {
            self.max_prefix_v4
        } else {
            self.max_prefix_v6
        };
        if let Some(max) = max
            && t.net().prefix_len() < max
        {
            return Err(Refusal::PrefixTooWide(max));
        }
        Ok(())
    }
}

/// The addresses of this host's interfaces, read from /proc (no network calls).
pub fn own_addresses() -> Vec<IpAddr> {
    let mut out = Vec::new();
    if let Ok(trie) = std::fs::read_to_string("/proc/net/fib_trie") {
        // A "/32 host LOCAL" line follows the address it describes.
        let mut last: Option<Ipv4Addr> = None;
        for line in trie.lines() {
            let l = line.trim_start_matches([' ', '|', '-', '+']).trim();
            if let Ok(ip) = Ipv4Addr::from_str(l.split_whitespace().next().unwrap_or("")) {
                last = Some(ip);
            } else if l.contains("host LOCAL")
                && let Some(ip) = last
                && !out.contains(&IpAddr::V4(ip))
            {
                out.push(IpAddr::V4(ip));
            }
        }
    }
    if let Ok(v6) = std::fs::read_to_string("/proc/net/if_inet6") {
        for line in v6.lines() {
            if let Some(hex) = line.split_whitespace().next()
                && hex.len() == 32
                && let Ok(n) = u128::from_str_radix(hex, 16)
            {
                let ip = IpAddr::V6(Ipv6Addr::from(n));
                if !out.contains(&ip) {
                    out.push(ip);
                }
            }
        }
    }
    out
}

/// The SSH ports to protect: the configured ones, else the `Port` lines of
/// sshd's configuration when it is readable, else 22.
pub fn ssh_ports(configured: &[u16]) -> Vec<u16> {
    if !configured.is_empty() {
        return configured.to_vec();
    }
    let from_sshd = std::fs::read_to_string("/etc/ssh/sshd_config")
        .map(|t| sshd_ports(&t))
        .unwrap_or_default();
    if from_sshd.is_empty() {
        vec![22]
    } else {
        from_sshd
    }
}

/// `Port` lines of an sshd_config (before any `Match` block).
pub fn sshd_ports(text: &str) -> Vec<u16> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some(k) if k.eq_ignore_ascii_case("match") => break,
            Some(k) if k.eq_ignore_ascii_case("port") => {
                if let Some(p) = words.next().and_then(|p| p.parse::<u16>().ok())
                    && p > 0
                    && !out.contains(&p)
                {
                    out.push(p);
                }
            }
            _ => {}
        }
    }
    out
}

/// Every peer with an established TCP connection to one of `ports` on this
/// host, read from the kernel's socket tables (`/proc/net/tcp`,
/// `/proc/net/tcp6`). A timer has no SSH session: this is what keeps an
/// operator's live connection from being banned by a scheduled job.
pub fn ssh_peers(ports: &[u16]) -> Vec<IpAddr> {
    let mut out = Vec::new();
    for path in ["/proc/net/tcp", "/proc/net/tcp6"] {
        if let Ok(text) = std::fs::read_to_string(path) {
            for ip in established_peers(&text, ports) {
                if !out.contains(&ip) {
                    out.push(ip);
                }
            }
        }
    }
    out
}

/// Parse one kernel TCP table: remote addresses of `ESTABLISHED` (01)
/// sockets whose local port is one of `ports`. Addresses are printed as
/// 32-bit words in host byte order.
pub fn established_peers(table: &str, ports: &[u16]) -> Vec<IpAddr> {
    fn addr(hex: &str) -> Option<(IpAddr, u16)> {
        let (a, p) = hex.split_once(':')?;
        let port = u16::from_str_radix(p, 16).ok()?;
        let mut bytes = Vec::with_capacity(16);
        for i in (0..a.len()).step_by(8) {
            let word = u32::from_str_radix(a.get(i..i + 8)?, 16).ok()?;
            bytes.extend_from_slice(&word.to_ne_bytes());
        }
        let ip = match bytes.len() {
            4 => IpAddr::V4(Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3])),
            16 => {
                let mut b = [0u8; 16];
                b.copy_from_slice(&bytes);
                IpAddr::V6(Ipv6Addr::from(b))
            }
            _ => return None,
        };
        Some((canonical_ip(ip), port))
    }
    let mut out = Vec::new();
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(local), Some(remote), Some(state)) = (f.get(1), f.get(2), f.get(3)) else {
            continue;
        };
        if *state != "01" {
            continue;
        }
        if let (Some((_, lport)), Some((rip, _))) = (addr(local), addr(remote))
            && ports.contains(&lport)
            && !out.contains(&rip)
        {
            out.push(rip);
        }
    }
    out
}

/// The client address of the current SSH session, from SSH_CONNECTION or
/// SSH_CLIENT values (the caller reads the environment).
pub fn ssh_client_from(ssh_connection: Option<&str>, ssh_client: Option<&str>) -> Option<IpAddr> {
    ssh_connection
        .or(ssh_client)
        .and_then(|v| v.split_whitespace().next())
        .and_then(|s| IpAddr::from_str(s).ok())
        .map(canonical_ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Target {
        Target::parse(s).unwrap()
    }

    #[test]
    fn invalid_addresses_say_why() {
        for (input, why) in [
            ("1.2.3.256", "the octet 256 is out of range (0-255)"),
            ("1.2.3", "4 octets, this has 3"),
            ("1.2.3.04", "leading zero"),
            (
                "1.2.3.4/33",
                "the prefix /33 is too long for IPv4 (at most /32)",
            ),
            ("2001:db8::/129", "the prefix /129 is too long for IPv6"),
            ("1.2.3.4/x", "\"x\" is not part of any IP address"),
            ("fe80::1%eth0", "zone ids (\"%eth0\") are not accepted"),
            ("1::2::3", "may appear only once"),
            ("2001:db8:12345::1", "more than 4 hex digits"),
            ("host.example", "\"h\" is not part of any IP address"),
        ] {
            let e = Target::parse(input).unwrap_err();
            assert!(e.starts_with("not an IP address or CIDR: "), "{e}");
            assert!(e.contains(why), "{input}: {e}");
        }
    }

    #[test]
    fn parses_and_normalises() {
        assert_eq!(t("1.2.3.4").to_string(), "1.2.3.4");
        assert_eq!(t("1.2.3.4/32").to_string(), "1.2.3.4");
        assert_eq!(t("1.2.3.4/24").to_string(), "1.2.3.0/24");
        assert_eq!(t(" 2001:DB8::1 ").to_string(), "2001:db8::1");
        assert_eq!(t("::ffff:1.2.3.4").to_string(), "1.2.3.4");
        assert_eq!(t("::ffff:1.2.3.0/120").to_string(), "1.2.3.0/24");
        for bad in [
            "",
            "not-an-ip",
            "1.2.3",
            "1.2.3.4/33",
            "01.2.3.4",
            "1.2.3.4; rm -rf /",
            "fe80::1%eth0",
            "1.2.3.4/",
            "/24",
            "::/129",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad} should be invalid");
        }
    }

    #[test]
    fn established_ssh_peers_from_the_kernel_tables() {
        let tcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 10 0
   1: 0100630B:0016 0200630B:D431 01 00000000:00000000 02:0009D5A1 00000000     0        0 2 1 0 20 4 30 10 -1
   2: 0100630B:0016 0300630B:D432 06 00000000:00000000 00:00000000 00000000     0        0 0 3 0
   3: 0100630B:C350 0400630B:0016 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1
   4: 0100630B:08AE 0500630B:D433 01 00000000:00000000 00:00000000 00000000     0        0 5 1 0 20 4 30 10 -1
";
        let v4 = |a, b, c, d| IpAddr::V4(Ipv4Addr::new(a, b, c, d));
        // Listening, TIME_WAIT and outgoing connections are not peers.
        assert_eq!(established_peers(tcp, &[22]), vec![v4(11, 99, 0, 2)]);
        assert_eq!(
            established_peers(tcp, &[22, 2222]),
            vec![v4(11, 99, 0, 2), v4(11, 99, 0, 5)]
        );
        let tcp6 =
            "  sl  local_address                         remote_address                        st
   0: 00000000000000000000000001000000:0016 00000000000000000000000001000000:A1B2 01 0
   1: 0000000000000000FFFF00000100630B:0016 0000000000000000FFFF00000600630B:A1B3 01 0
   2: B80D0120000000000000000001000000:0016 B80D0120000000000000000002000000:A1B4 01 0
";
        assert_eq!(
            established_peers(tcp6, &[22]),
            vec![
                IpAddr::V6(Ipv6Addr::LOCALHOST),
                v4(11, 99, 0, 6),
                "2001:db8::2".parse().unwrap()
            ]
        );
        assert!(established_peers("garbage\n1: zz:zz yy:yy 01", &[22]).is_empty());
    }

    #[test]
    fn sshd_config_ports() {
        assert_eq!(
            sshd_ports("# Port 99\nPort 2222\nport 22\nPort x\nMatch User a\nPort 7\n"),
            [2222, 22]
        );
        assert!(sshd_ports("").is_empty());
        assert_eq!(ssh_ports(&[2200]), [2200]);
    }

    #[test]
    fn ssh_peers_are_refused_unless_forced() {
        let p = Policy {
            ssh_peers: vec!["11.99.0.2".parse().unwrap()],
            ..Policy::default()
        };
        assert_eq!(p.check(&t("11.99.0.2")), Err(Refusal::SshClient));
        assert_eq!(p.check(&t("11.99.0.0/24")), Err(Refusal::SshClient));
        assert!(p.check(&t("11.99.0.3")).is_ok());
        let forced = Policy { force: true, ..p };
        assert!(forced.check(&t("11.99.0.2")).is_ok());
    }

    #[test]
    fn special_ranges_are_refused() {
        let p = Policy::default();
        assert_eq!(p.check(&t("127.0.0.1")), Err(Refusal::Loopback));
        assert_eq!(p.check(&t("0.0.0.0")), Err(Refusal::Unspecified));
        assert_eq!(p.check(&t("0.0.0.0/0")), Err(Refusal::AllAddresses));
        assert_eq!(p.check(&t("::/0")), Err(Refusal::AllAddresses));
        assert_eq!(p.check(&t("10.1.2.3")), Err(Refusal::Private));
        assert_eq!(p.check(&t("100.64.0.1")), Err(Refusal::Cgnat));
        assert_eq!(p.check(&t("192.0.2.1")), Err(Refusal::Documentation));
        assert_eq!(p.check(&t("2001:db8::1")), Err(Refusal::Documentation));
        assert_eq!(p.check(&t("fe80::1")), Err(Refusal::LinkLocal));
        assert_eq!(p.check(&t("::1")), Err(Refusal::Loopback));
        assert_eq!(p.check(&t("10.0.0.0/7")), Err(Refusal::Private));
        assert_eq!(p.check(&t("8.0.0.0/4")), Err(Refusal::Unspecified));
        assert!(p.check(&t("1.2.3.4")).is_ok());
        assert!(p.check(&t("2a00:1450::1")).is_ok());
        let forced = Policy {
            force: true,
            ..Policy::default()
        };
        assert!(forced.check(&t("10.1.2.3")).is_ok());
        assert_eq!(forced.check(&t("127.0.0.1")), Err(Refusal::Loopback));
    }

    #[test]
    fn lists_and_prefix_limits() {
        let p = Policy {
            ignoreip: Policy::parse_list(&["5.6.7.0/24".into(), "example.org".into()]),
            safelist: Policy::parse_list(&["9.9.9.9".into()]),
            ssh_client: Some("4.4.4.4".parse().unwrap()),
            own_addresses: vec!["3.3.3.3".parse().unwrap()],
            max_prefix_v4: Some(16),
            ..Policy::default()
        };
        assert!(matches!(p.check(&t("5.6.7.8")), Err(Refusal::IgnoreIp(_))));
        assert!(matches!(
            p.check(&t("9.9.0.0/16")),
            Err(Refusal::Safelist(_))
        ));
        assert_eq!(p.check(&t("4.4.4.4")), Err(Refusal::SshClient));
        assert_eq!(p.check(&t("3.3.3.0/24")), Err(Refusal::OwnAddress));
        assert_eq!(p.check(&t("20.0.0.0/8")), Err(Refusal::PrefixTooWide(16)));
        assert!(p.check(&t("20.1.0.0/16")).is_ok());
    }

    #[test]
    fn ssh_client_parsing() {
        assert_eq!(
            ssh_client_from(Some("203.0.113.5 51234 10.0.0.1 22"), None),
            Some("203.0.113.5".parse().unwrap())
        );
        assert_eq!(
            ssh_client_from(None, Some("::1 5 22")),
            Some("::1".parse().unwrap())
        );
        assert_eq!(ssh_client_from(None, None), None);
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Target::parse(&s);
        }

        #[test]
        fn display_round_trips(a in proptest::prelude::any::<u32>(), p in 0u8..=32) {
            let net = Ipv4Net::new(Ipv4Addr::from(a), p).unwrap();
            let t1 = Target::from_net(IpNet::V4(net));
            let t2 = Target::parse(&t1.to_string()).unwrap();
            proptest::prop_assert_eq!(t1, t2);
        }
    }
}
