//! Interval arithmetic for address sets: merge overlapping and adjacent
//! ranges, and cut a range into the fewest CIDRs. It works on integers (u32
//! for IPv4, u128 for IPv6) because sorting 8-byte pairs is what makes a
//! million entries cheap; it knows nothing about policy or feeds.

use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

/// An address family as an unsigned integer.
pub trait Addr: Copy + Ord + std::fmt::Debug {
    const BITS: u32;
    const MAX: Self;
    fn to_u128(self) -> u128;
    fn from_u128(v: u128) -> Self;
    /// The network of this address and prefix length.
    fn net(self, prefix: u8) -> IpNet;
}

impl Addr for u32 {
    const BITS: u32 = 32;
    const MAX: Self = u32::MAX;
    fn to_u128(self) -> u128 {
        u128::from(self)
    }
    fn from_u128(v: u128) -> Self {
        // Callers only pass values that came from a u32.
        (v & u128::from(u32::MAX)) as u32
    }
    fn net(self, prefix: u8) -> IpNet {
        v4_net(self, prefix)
    }
}

impl Addr for u128 {
    const BITS: u32 = 128;
    const MAX: Self = u128::MAX;
    fn to_u128(self) -> u128 {
        self
    }
    fn from_u128(v: u128) -> Self {
        v
    }
    fn net(self, prefix: u8) -> IpNet {
        v6_net(self, prefix)
    }
}

/// The inclusive range a network covers.
pub fn v4_range(n: &Ipv4Net) -> (u32, u32) {
    (u32::from(n.network()), u32::from(n.broadcast()))
}

pub fn v6_range(n: &Ipv6Net) -> (u128, u128) {
    (u128::from(n.network()), u128::from(n.broadcast()))
}

/// Sort, count exact repeats, and drop them. Returns the number dropped.
pub fn sort_dedup<T: Addr>(v: &mut Vec<(T, T)>) -> u64 {
    v.sort_unstable();
    let before = v.len();
    v.dedup();
    (before - v.len()) as u64
}

/// Merge overlapping and adjacent ranges in place; the result is sorted and
/// disjoint with gaps between neighbours.
pub fn merge<T: Addr>(v: &mut Vec<(T, T)>) {
    if v.len() < 2 {
        return;
    }
    v.sort_unstable();
    let mut w = 0usize;
    for r in 1..v.len() {
        let (s, e) = v[r];
        let cur_end = v[w].1;
        // Adjacent when the next start is exactly one past the current end.
        let touches = cur_end == T::MAX || s.to_u128() <= cur_end.to_u128() + 1;
        if touches {
            if e > cur_end {
                v[w].1 = e;
            }
        } else {
            w += 1;
            v[w] = (s, e);
        }
    }
    v.truncate(w + 1);
}

/// Cut `[start, end]` into the fewest aligned blocks, none wider than
/// `min_prefix` (0 = no limit). Calls `emit(network, prefix_len)` in order.
pub fn to_cidrs<T: Addr>(start: T, end: T, min_prefix: u8, mut emit: impl FnMut(T, u8)) {
    let bits = T::BITS;
    let max_k = bits - u32::from(min_prefix.min(bits as u8));
    let mut s = start.to_u128();
    let e = end.to_u128();
    if s > e {
        return;
    }
    loop {
        let align = if s == 0 {
            bits
        } else {
            s.trailing_zeros().min(bits)
        };
        // Largest k with 2^k <= e - s + 1 (the count may be 2^128, which does
        // not fit: then every k fits).
        let span = e - s; // count - 1
        let fit = if span == u128::MAX {
            128
        } else {
            127 - (span + 1).leading_zeros()
        };
        let k = align.min(fit).min(max_k);
        emit(T::from_u128(s), (bits - k) as u8);
        let size_minus_1 = if k >= 128 {
            u128::MAX
        } else {
            (1u128 << k) - 1
        };
        let last = s + size_minus_1;
        if last >= e {
            break;
        }
        s = last + 1;
    }
}

pub fn v4_net(a: u32, p: u8) -> IpNet {
    // A prefix from `to_cidrs` is at most 32, so this cannot fail; fall back
    // to the host rather than panic.
    IpNet::V4(
        Ipv4Net::new(Ipv4Addr::from(a), p).unwrap_or_else(|_| Ipv4Net::from(Ipv4Addr::from(a))),
    )
}

pub fn v6_net(a: u128, p: u8) -> IpNet {
    IpNet::V6(
        Ipv6Net::new(Ipv6Addr::from(a), p).unwrap_or_else(|_| Ipv6Net::from(Ipv6Addr::from(a))),
    )
}

/// The most networks an aggregation may produce. Cutting a wide range into
/// narrow blocks multiplies them (`::/1` at /32 is two billion): past this
/// bound aggregation refuses instead of allocating.
pub const MAX_NETWORKS: u128 = 1 << 22;

/// How many full-size blocks [`to_cidrs`] emits for `[s, e]` at least: a
/// lower bound, cheap to sum, that catches a range cut into billions.
fn full_blocks<T: Addr>(s: T, e: T, min_prefix: u8) -> u128 {
    let bits = T::BITS;
    let max_k = bits - u32::from(min_prefix.min(bits as u8));
    let span = e.to_u128().saturating_sub(s.to_u128());
    if max_k >= 128 { 0 } else { span >> max_k }
}

fn too_many(n: u128) -> crate::Error {
    crate::Error::bad_input(format!(
        "aggregating this list would take at least {n} networks, more than {MAX_NETWORKS}: its ranges are too wide for the prefix limits"
    ))
}

/// Aggregate networks: merge adjacent and overlapping ones, drop covered
/// ones, and return the fewest CIDRs (sorted, IPv4 first), none wider than
/// the given prefix lengths (0 = no limit). Refused (bad input) when that
/// would take more than [`MAX_NETWORKS`] networks.
pub fn aggregate(
    nets: impl IntoIterator<Item = IpNet>,
    min_v4: u8,
    min_v6: u8,
) -> crate::Result<Nets> {
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    for n in nets {
        match n {
            IpNet::V4(n) => v4.push(v4_range(&n)),
            IpNet::V6(n) => v6.push(v6_range(&n)),
        }
    }
    aggregate_ranges(v4, v6, min_v4, min_v6)
}

/// Like [`aggregate`], on ranges already split by family (consumed).
pub fn aggregate_ranges(
    mut v4: Vec<(u32, u32)>,
    mut v6: Vec<(u128, u128)>,
    min_v4: u8,
    min_v6: u8,
) -> crate::Result<Nets> {
    merge(&mut v4);
    merge(&mut v6);
    // The cheap lower bound first, so that no single range is cut into more
    // than the bound (plus its unaligned ends) before the count below stops it.
    let bound = v4
        .iter()
        .map(|&(s, e)| full_blocks(s, e, min_v4))
        .chain(v6.iter().map(|&(s, e)| full_blocks(s, e, min_v6)))
        .fold(0u128, u128::saturating_add);
    if bound > MAX_NETWORKS {
        return Err(too_many(bound));
    }
    // Count first, then fill vectors of exactly that size: a million
    // networks grown by doubling would hold the old and the new buffer at
    // once, twice the list's size, at the peak of the import.
    let v4 = cidrs_of(v4, min_v4)?;
    let v6 = cidrs_of(v6, min_v6)?;
    if (v4.len() + v6.len()) as u128 > MAX_NETWORKS {
        return Err(too_many((v4.len() + v6.len()) as u128));
    }
    Ok(Nets { v4, v6 })
}

/// The CIDRs of merged ranges, in a vector of exactly their number.
fn cidrs_of<T: Addr>(ranges: Vec<(T, T)>, min_prefix: u8) -> crate::Result<Vec<(T, u8)>> {
    let mut count = 0u128;
    for &(s, e) in &ranges {
        to_cidrs(s, e, min_prefix, |_, _| count += 1);
    }
    if count > MAX_NETWORKS {
        return Err(too_many(count));
    }
    let mut out = Vec::with_capacity(count as usize);
    for (s, e) in ranges {
        to_cidrs(s, e, min_prefix, |a, p| out.push((a, p)));
    }
    Ok(out)
}

/// A sorted list of networks (IPv4 first) held compactly: 8 bytes an IPv4
/// network and 32 an IPv6 one, where an `IpNet` takes 18 whatever its family.
/// A million-entry list is mostly IPv4, so this is less than half the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nets {
    v4: Vec<(u32, u8)>,
    v6: Vec<(u128, u8)>,
}

impl Nets {
    pub fn len(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The networks in order.
    pub fn iter(&self) -> impl Iterator<Item = IpNet> + '_ {
        let v4 = self.v4.iter().map(|&(a, p)| v4_net(a, p));
        v4.chain(self.v6.iter().map(|&(a, p)| v6_net(a, p)))
    }

    /// Keep only the networks `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(IpNet) -> bool) {
        self.v4.retain(|&(a, p)| keep(v4_net(a, p)));
        self.v6.retain(|&(a, p)| keep(v6_net(a, p)));
    }

    /// The inclusive IPv4 address ranges of the networks, merged.
    pub fn v4_ranges(&self) -> Vec<(u32, u32)> {
        ranges_of(&self.v4)
    }

    /// The inclusive IPv6 address ranges of the networks, merged.
    pub fn v6_ranges(&self) -> Vec<(u128, u128)> {
        ranges_of(&self.v6)
    }
}

/// The last address of the network `a/l`.
pub fn last_of<T: Addr>(a: T, l: u8) -> T {
    let host = u128::MAX
        .checked_shr(128 - T::BITS + u32::from(l))
        .unwrap_or(0);
    T::from_u128(a.to_u128() | host)
}

/// Sorted networks as merged ranges.
fn ranges_of<T: Addr>(nets: &[(T, u8)]) -> Vec<(T, T)> {
    let mut out: Vec<(T, T)> = Vec::with_capacity(nets.len());
    for &(a, p) in nets {
        let last = last_of(a, p);
        match out.last_mut() {
            Some(prev) if prev.1 != T::MAX && prev.1.to_u128() + 1 == a.to_u128() => prev.1 = last,
            _ => out.push((a, last)),
        }
    }
    out.shrink_to_fit();
    out
}

impl FromIterator<IpNet> for Nets {
    /// Collect networks (sorted, IPv4 first, as an aggregation yields them).
    fn from_iter<I: IntoIterator<Item = IpNet>>(it: I) -> Nets {
        let mut out = Nets::default();
        for n in it {
            match n {
                IpNet::V4(n) => out.v4.push((u32::from(n.network()), n.prefix_len())),
                IpNet::V6(n) => out.v6.push((u128::from(n.network()), n.prefix_len())),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    fn agg(items: &[&str]) -> Vec<String> {
        aggregate(items.iter().map(|s| n(s)), 0, 0)
            .unwrap()
            .iter()
            .map(|n| n.to_string())
            .collect()
    }

    #[test]
    fn merges_adjacent_overlapping_and_covered() {
        assert_eq!(agg(&["1.2.3.0/25", "1.2.3.128/25"]), ["1.2.3.0/24"]);
        assert_eq!(agg(&["1.2.3.0/24", "1.2.3.7/32"]), ["1.2.3.0/24"]);
        assert_eq!(agg(&["1.2.3.4/32", "1.2.3.5/32"]), ["1.2.3.4/31"]);
        assert_eq!(
            agg(&["1.2.3.5/32", "1.2.3.6/32"]),
            ["1.2.3.5/32", "1.2.3.6/32"]
        );
        assert_eq!(agg(&["0.0.0.0/1", "128.0.0.0/1"]), ["0.0.0.0/0"]);
        assert_eq!(agg(&["::/1", "8000::/1"]), ["::/0"]);
        assert_eq!(
            agg(&["255.255.255.255/32", "255.255.255.254/32"]),
            ["255.255.255.254/31"]
        );
        assert_eq!(
            agg(&["2001:db8::/33", "2001:db8:8000::/33", "1.1.1.1/32"]),
            ["1.1.1.1/32", "2001:db8::/32"]
        );
    }

    #[test]
    fn ranges_become_fewest_cidrs() {
        let mut out = Vec::new();
        to_cidrs(
            u32::from(Ipv4Addr::new(1, 2, 3, 1)),
            u32::from(Ipv4Addr::new(1, 2, 3, 6)),
            0,
            |a, p| out.push(v4_net(a, p).to_string()),
        );
        assert_eq!(
            out,
            ["1.2.3.1/32", "1.2.3.2/31", "1.2.3.4/31", "1.2.3.6/32"]
        );
        let mut out = Vec::new();
        to_cidrs(0u32, u32::MAX, 16, |a, p| out.push(v4_net(a, p)));
        assert_eq!(out.len(), 65536);
        let mut out = Vec::new();
        to_cidrs(0u128, u128::MAX, 0, |a, p| {
            out.push(v6_net(a, p).to_string())
        });
        assert_eq!(out, ["::/0"]);
    }

    #[test]
    fn capped_width() {
        let got = aggregate(["20.0.0.0/16", "20.1.0.0/16"].iter().map(|s| n(s)), 16, 32).unwrap();
        assert_eq!(
            got.iter().collect::<Vec<_>>(),
            [n("20.0.0.0/16"), n("20.1.0.0/16")]
        );
        // The ranges of capped networks are merged again.
        assert_eq!(got.v4_ranges(), [(0x1400_0000, 0x1401_ffff)]);
    }

    #[test]
    fn work_beyond_the_bound_is_refused_not_allocated() {
        // `::/1` at /32 would be 2^31 networks.
        let e = aggregate([n("::/1")], 0, 32).unwrap_err();
        assert_eq!(e.exit_code(), 65);
        assert!(e.to_string().contains("too wide"), "{e}");
        // Exactly at the bound is fine: 2^22 - (slack) /32s in a /10.
        assert_eq!(aggregate([n("1.0.0.0/12")], 0, 32).unwrap().len(), 1);
        assert_eq!(aggregate([n("1.0.0.0/12")], 32, 0).unwrap().len(), 1 << 20);
    }
}

#[cfg(test)]
mod props {
    //! parse + aggregate against a naive reference: membership of every
    //! address in a small window, and minimality of the output.
    use super::*;
    use crate::blocklist::parse::{Format, parse_str};
    use proptest::prelude::*;

    const BASE: u32 = 0x1400_0000; // 20.0.0.0
    const SPAN: u32 = 4096;

    #[derive(Debug, Clone)]
    enum E {
        Host(u32),
        Cidr(u32, u8),
        Range(u32, u32),
        Junk(String),
    }

    fn entry() -> impl Strategy<Value = E> {
        prop_oneof![
            (0..SPAN).prop_map(|o| E::Host(BASE + o)),
            (0..SPAN, 20u8..=32).prop_map(|(o, p)| E::Cidr(BASE + o, p)),
            (0..SPAN, 0..300u32)
                .prop_map(|(o, l)| E::Range(BASE + o, BASE + (o + l).min(SPAN - 1))),
            "[a-z#; ]{0,8}".prop_map(E::Junk),
        ]
    }

    fn render(es: &[E]) -> (String, Vec<(u32, u32)>) {
        let mut text = String::new();
        let mut reference = Vec::new();
        for e in es {
            match e {
                E::Host(a) => {
                    text.push_str(&format!("{}\n", Ipv4Addr::from(*a)));
                    reference.push((*a, *a));
                }
                E::Cidr(a, p) => {
                    text.push_str(&format!("{}/{p} # c\n", Ipv4Addr::from(*a)));
                    let host = if *p == 32 { 0 } else { (1u32 << (32 - p)) - 1 };
                    reference.push((a & !host, (a & !host) | host));
                }
                E::Range(a, b) => {
                    text.push_str(&format!(
                        "{} - {} x\r\n",
                        Ipv4Addr::from(*a),
                        Ipv4Addr::from(*b)
                    ));
                    reference.push((*a, *b));
                }
                E::Junk(j) => {
                    text.push_str(j);
                    text.push('\n');
                }
            }
        }
        (text, reference)
    }

    proptest! {
        #[test]
        fn aggregate_matches_naive_membership(es in proptest::collection::vec(entry(), 0..60)) {
            let (text, reference) = render(&es);
            let parsed = parse_str(&text, Format::Auto);
            prop_assert_eq!(parsed.stats.valid as usize, reference.len());
            let agg = aggregate_ranges(parsed.v4.clone(), Vec::new(), 0, 0).unwrap();
            // Its ranges are the merged input, exactly.
            let mut merged = reference.clone();
            merge(&mut merged);
            prop_assert_eq!(&agg.v4_ranges(), &merged);
            let nets: Vec<IpNet> = agg.iter().collect();
            prop_assert_eq!(agg.iter().collect::<Nets>(), agg.clone());
            // Disjoint, sorted, and no two neighbours that could merge.
            for w in nets.windows(2) {
                prop_assert!(w[0].broadcast() < w[1].network());
                prop_assert!(w[0].supernet() != w[1].supernet() || w[0].prefix_len() != w[1].prefix_len());
            }
            for probe in BASE.saturating_sub(8)..BASE + SPAN + 8 {
                let naive = reference.iter().any(|&(s, e)| s <= probe && probe <= e);
                let ip = IpAddr::V4(Ipv4Addr::from(probe));
                let got = nets.iter().any(|n| n.contains(&ip));
                prop_assert_eq!(naive, got, "probe {}", Ipv4Addr::from(probe));
            }
        }

        #[test]
        fn to_cidrs_is_exact_and_aligned(s in any::<u32>(), len in 0u32..100_000) {
            let e = s.saturating_add(len);
            let mut next = u64::from(s);
            to_cidrs(s, e, 0, |a, p| {
                assert_eq!(u64::from(a), next);
                let size = 1u64 << (32 - u32::from(p));
                assert_eq!(u64::from(a) % size, 0);
                next += size;
            });
            prop_assert_eq!(next, u64::from(e) + 1);
        }
    }

    use std::net::IpAddr;
}
