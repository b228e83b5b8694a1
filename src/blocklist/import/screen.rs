//! The safety screen over a parsed list: the policy (special ranges,
//! safelist, ignoreip, own addresses, SSH clients, prefix limits) as sorted
//! ranges, aggregation of what passes, the networks a jail cannot hold, and
//! the thresholds that stop a broken feed. It reads no database and sends
//! nothing.

use std::collections::BTreeMap;

use ipnet::IpNet;

use super::{ImportOptions, ImportReport, RefusedEntry, SAMPLES, Settings};
use crate::blocklist::aggregate::{self, Addr, Nets, last_of, to_cidrs};
use crate::blocklist::parse;
use crate::blocklist::source::Source;
use crate::error::Result;
use crate::net::{Policy, Refusal, Target};

use super::Applier;

/// The screened, aggregated set and its counts.
#[derive(Debug, Clone, Default)]
pub struct Screened {
    pub nets: Nets,
    pub refused: BTreeMap<String, u64>,
    pub refused_samples: Vec<RefusedEntry>,
}

impl Screened {
    /// Count a refusal by its code; the first [`SAMPLES`] are kept by name.
    fn refuse(
        &mut self,
        code: &str,
        target: impl FnOnce() -> String,
        reason: impl FnOnce() -> String,
    ) {
        *self.refused.entry(code.to_string()).or_insert(0) += 1;
        if self.refused_samples.len() < SAMPLES {
            self.refused_samples.push(RefusedEntry {
                target: target(),
                reason: reason(),
            });
        }
    }

    fn refuse_target(&mut self, t: &Target, r: &Refusal) {
        self.refuse(r.code(), || t.to_string(), || r.to_string());
    }
}

/// The safety policy as sorted, merged ranges, so that a million entries are
/// checked by binary search; only entries that touch a refused range (or are
/// too wide) go through [`Policy::check`] for the exact reason.
pub struct Screen {
    policy: Policy,
    bad4: Vec<(u32, u32)>,
    bad6: Vec<(u128, u128)>,
    min4: u8,
    min6: u8,
}

fn overlaps<T: Addr>(bad: &[(T, T)], s: T, e: T) -> bool {
    let i = bad.partition_point(|r| r.1 < s);
    i < bad.len() && bad[i].0 <= e
}

impl Screen {
    pub fn new(policy: Policy) -> Screen {
        let mut bad4 = Vec::new();
        let mut bad6 = Vec::new();
        let mut add = |n: &IpNet| match n {
            IpNet::V4(n) => bad4.push(aggregate::v4_range(n)),
            IpNet::V6(n) => bad6.push(aggregate::v6_range(n)),
        };
        for (n, _) in crate::net::special_ranges() {
            add(&n);
        }
        for (n, _) in policy.safelist.iter().chain(policy.ignoreip.iter()) {
            add(n);
        }
        if !policy.force {
            for ip in policy
                .own_addresses
                .iter()
                .chain(policy.ssh_client.iter())
                .chain(policy.ssh_peers.iter())
            {
                add(&Target::from_ip(*ip).net());
            }
        }
        aggregate::merge(&mut bad4);
        aggregate::merge(&mut bad6);
        let min4 = policy.max_prefix_v4.unwrap_or(0);
        let min6 = policy.max_prefix_v6.unwrap_or(0);
        Screen {
            policy,
            bad4,
            bad6,
            min4,
            min6,
        }
    }

    /// The exact verdict; "everything" is named as such even when it also
    /// covers a safelisted address.
    fn check(&self, t: &Target) -> std::result::Result<(), Refusal> {
        if t.net().prefix_len() == 0 {
            return Err(Refusal::AllAddresses);
        }
        self.policy.check(t)
    }

    /// Screen parsed entries and aggregate what passes, never emitting a
    /// network wider than the prefix limits (merging narrow entries must not
    /// produce a ban the limit would refuse).
    ///
    /// A range line is screened whole: one wider than the widest allowed
    /// prefix is refused, never cut into pieces whose narrow tail would be
    /// banned. Refused (bad input) when aggregation would exceed
    /// [`aggregate::MAX_NETWORKS`]. The parsed list is dropped before the
    /// aggregation so both never occupy memory at once.
    pub fn run(&self, p: parse::Parsed) -> Result<Screened> {
        let mut out = Screened::default();
        let parse::Parsed { v4, v6, .. } = p;
        let ok4 = self.family(v4, &self.bad4, self.min4, &mut out);
        let ok6 = self.family(v6, &self.bad6, self.min6, &mut out);
        out.nets = aggregate::aggregate_ranges(ok4, ok6, self.min4, self.min6)?;
        Ok(out)
    }

    /// The ranges of one family that pass: those narrower than the limit
    /// and clear of every refused range as they are, the others network by
    /// network (a range wider than the limit that is not one network is
    /// refused whole). Screened in place: what passes whole keeps its slot
    /// (a million ranges are never copied), the pieces of a range that
    /// touches a refused one are appended after.
    fn family<T: Addr>(
        &self,
        mut ranges: Vec<(T, T)>,
        bad: &[(T, T)],
        min: u8,
        out: &mut Screened,
    ) -> Vec<(T, T)> {
        let width = T::BITS - u32::from(min.min(T::BITS as u8));
        let mut pieces = Vec::new();
        let mut kept = 0;
        for i in 0..ranges.len() {
            let (s, e) = ranges[i];
            let narrow = width >= 128 || (e.to_u128() - s.to_u128()) < (1u128 << width);
            if narrow && !overlaps(bad, s, e) {
                ranges[kept] = (s, e);
                kept += 1;
                continue;
            }
            if !narrow && !is_cidr(s, e) {
                let host = T::BITS as u8;
                let (a, b) = (s.net(host), e.net(host));
                let r = Refusal::PrefixTooWide(min);
                out.refuse(
                    r.code(),
                    || format!("{} - {}", a.addr(), b.addr()),
                    || format!("range {r}"),
                );
                continue;
            }
            to_cidrs(s, e, 0, |a, l| {
                let t = Target::from_net(a.net(l));
                match self.check(&t) {
                    Ok(()) => pieces.push((a, last_of(a, l))),
                    Err(r) => out.refuse_target(&t, &r),
                }
            });
        }
        ranges.truncate(kept);
        ranges.append(&mut pieces);
        ranges
    }
}

/// Whether `[s, e]` is exactly one aligned network.
fn is_cidr<T: Addr>(s: T, e: T) -> bool {
    let (s, e) = (s.to_u128(), e.to_u128());
    let span = e - s;
    // span + 1 is a power of two and s is aligned to it.
    span == u128::MAX || ((span & (span + 1)) == 0 && (s & span) == 0)
}

/// Networks the jail's firewall actions cannot hold (an nftables set without
/// `flags interval`, …) are refused like unsafe entries, with one warning.
pub(super) fn refuse_unenforceable(applier: &mut dyn Applier, jail: &str, s: &mut Screened) {
    if s.nets.iter().all(|n| Target::from_net(n).is_host()) {
        return;
    }
    let Some(check) = applier.enforceable(jail) else {
        return;
    };
    let mut refused = Vec::new();
    s.nets.retain(|n| {
        let t = Target::from_net(n);
        match check(&t) {
            Some(r) => {
                refused.push((t, r));
                false
            }
            None => true,
        }
    });
    if let Some((_, first)) = refused.first() {
        tracing::warn!(
            event = "blocklist_networks_not_enforceable",
            jail,
            count = refused.len(),
            "{} network(s) refused: {first}",
            refused.len()
        );
    }
    for (t, r) in refused {
        s.refuse_target(&t, &r);
    }
}

/// The policy a blocklist import applies (never `force`: a feed cannot
/// override the safety rules).
pub fn policy(settings: &Settings, ignoreip: &[String]) -> Policy {
    Policy {
        force: false,
        ignoreip: Policy::parse_list(ignoreip),
        safelist: Policy::parse_list(&settings.safelist),
        own_addresses: settings.own_addresses.clone(),
        ssh_client: settings.ssh_client,
        ssh_peers: settings.ssh_peers.clone(),
        max_prefix_v4: Some(settings.max_prefix_v4),
        max_prefix_v6: Some(settings.max_prefix_v6),
    }
}

/// Why the screened list must not be applied (a broken feed must not unban
/// half the list), or None. `last_good` (the `valid` count of the last full
/// import) is read only when the cheaper checks pass.
pub(super) fn threshold_abort(
    r: &ImportReport,
    src: &Source,
    settings: &Settings,
    opts: ImportOptions,
    last_good: impl FnOnce() -> Result<Option<u64>>,
) -> Result<Option<String>> {
    let checked = r.valid + r.invalid;
    Ok(if r.valid == 0 && r.invalid > 0 {
        Some(format!(
            "every line of {} is invalid ({} lines; first: {}); nothing was applied",
            src.name,
            r.invalid,
            r.invalid_samples
                .first()
                .map(|l| format!("line {}: {:?}", l.line, l.text))
                .unwrap_or_default()
        ))
    } else if !opts.force
        && checked > 0
        && (r.invalid as f64 / checked as f64) > settings.max_invalid_ratio
    {
        Some(format!(
            "{} of {} entries of {} are invalid ({:.1}% > blocklist.max_invalid_ratio {:.1}%); nothing was applied (--force applies anyway)",
            r.invalid,
            checked,
            src.name,
            100.0 * r.invalid as f64 / checked as f64,
            100.0 * settings.max_invalid_ratio
        ))
    } else if !opts.force
        && let Some(max) = src.max_entries
        && r.aggregated > max
    {
        Some(format!(
            "{} lists {} networks, more than its --max-entries {max}; nothing was applied (--force applies anyway)",
            src.name, r.aggregated
        ))
    } else if !opts.force
        && crate::fleet::source_class(&src.url).is_none()
        && let Some(prev) = last_good()?
        && (1.0 - r.valid as f64 / prev as f64) > settings.max_shrink_ratio
    {
        Some(format!(
            "{} shrank from {prev} to {} entries ({:.0}% > blocklist.max_shrink_ratio {:.0}%); nothing was applied (--force applies anyway)",
            src.name,
            r.valid,
            100.0 * (1.0 - r.valid as f64 / prev as f64),
            100.0 * settings.max_shrink_ratio
        ))
    } else {
        None
    })
}
