//! How a filter's regex groups land in slots shared by the prefregex and every
//! failregex (fail2ban's group dicts, with ALT_/TUPLE_ merging), and the slot helpers.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::filter::regex::{CompiledRegex, Spans, py_repr};

/// Group values by slot (see [`Slots`]); None = absent or did not take part (fail2ban
/// treats both alike everywhere except when one regex's groups override another's,
/// which [`Plan::apply`] handles by clearing the regex's whole key set first).
pub(super) type Vals = Vec<Option<Arc<str>>>;

// Slots every filter has, in this order.
pub(super) const FID: usize = 0;
pub(super) const IP4: usize = 1;
pub(super) const IP6: usize = 2;
pub(super) const DNS: usize = 3;
pub(super) const CIDR: usize = 4;
pub(super) const MLFID: usize = 5;
pub(super) const USER: usize = 6;
pub(super) const NOFAIL: usize = 7;
pub(super) const MLFGAINED: usize = 8;
pub(super) const MLFFORGET: usize = 9;
pub(super) const MLFPENDING: usize = 10;
pub(super) const CONTENT: usize = 11;
pub(super) const FIXED: [&str; 12] = [
    "fid",
    "ip4",
    "ip6",
    "dns",
    "cidr",
    "mlfid",
    "user",
    "nofail",
    "mlfgained",
    "mlfforget",
    "mlfpending",
    "content",
];

/// Group name → slot, shared by the prefregex and every failregex of one filter.
#[derive(Default)]
pub(super) struct Slots(pub(super) Vec<String>);

impl Slots {
    pub(super) fn new() -> Slots {
        Slots(FIXED.iter().map(|s| s.to_string()).collect())
    }
    fn id(&mut self, name: &str) -> usize {
        match self.0.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.0.push(name.to_string());
                self.0.len() - 1
            }
        }
    }
}

/// How one regex's groups land in slots: `getGroups` with ALT_/TUPLE_ merging.
#[derive(Default)]
pub(super) struct Plan {
    /// Every slot the regex's group dict has a key for.
    keys: Vec<usize>,
    direct: Vec<(usize, usize)>,
    alt: Vec<(usize, usize)>,
    tuple: Vec<(usize, usize)>,
}

impl Plan {
    pub(super) fn new(re: &CompiledRegex, slots: &mut Slots) -> Plan {
        let mut p = Plan::default();
        for (name, idx) in &re.names {
            p.direct.push((*idx, slots.id(name)));
        }
        for (idx, target) in &re.alt {
            p.alt.push((*idx, slots.id(target)));
        }
        for (idx, target) in &re.tuple {
            p.tuple.push((*idx, slots.id(target)));
        }
        p.keys = p
            .direct
            .iter()
            .chain(&p.alt)
            .chain(&p.tuple)
            .map(|(_, s)| *s)
            .collect();
        p.keys.sort_unstable();
        p.keys.dedup();
        p
    }

    /// `vals.update(re.getGroups())` for a successful find on `text`.
    pub(super) fn apply(&self, text: &str, spans: &Spans, vals: &mut Vals) {
        for k in &self.keys {
            vals[*k] = None;
        }
        for (idx, slot) in &self.direct {
            vals[*slot] = spans.text(text, *idx).map(Arc::from);
        }
        for (idx, slot) in &self.alt {
            if let Some(v) = spans.text(text, *idx)
                && !v.is_empty()
                && !truthy(vals, *slot)
            {
                vals[*slot] = Some(Arc::from(v));
            }
        }
        for (idx, slot) in &self.tuple {
            // Python builds a tuple; its text form is what ends up as an id.
            let v = spans.text(text, *idx);
            let joined = match vals[*slot].as_deref() {
                Some(t) if t.starts_with('(') && t.ends_with(')') && t.len() > 2 => {
                    format!("{}, {})", &t[..t.len() - 1], py_repr(v))
                }
                t => format!("({}, {})", py_repr(t), py_repr(v)),
            };
            vals[*slot] = Some(Arc::from(joined));
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Fail {
    pub(super) groups: Vals,
    pub(super) users: Option<BTreeSet<Arc<str>>>,
}

pub(super) fn truthy(g: &Vals, k: usize) -> bool {
    g[k].as_ref().is_some_and(|s| !s.is_empty())
}

pub(super) fn pop_truthy(g: &mut Vals, k: usize) -> bool {
    g[k].take().is_some_and(|s| !s.is_empty())
}

pub(super) fn get(g: &Vals, k: usize) -> Option<Arc<str>> {
    g[k].clone()
}

/// A failregex's own groups over the prefregex's: fail2ban's `fail.update(...)`.
pub(super) fn with_pre(pre: Option<&Vals>, mut own: Vals, plan: &Plan) -> Vals {
    match pre {
        Some(pre) => {
            let mut g = pre.clone();
            for k in &plan.keys {
                g[*k] = own[*k].take();
            }
            g
        }
        None => own,
    }
}
