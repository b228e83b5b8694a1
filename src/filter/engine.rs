//! The per-line pipeline of fail2ban's `Filter.processLine`/`findFailure`: date cut,
//! line buffer, prefregex, failregex, ignoreregex, mlfid merging, host extraction.
//! Never resolves DNS (hosts stay raw) and never reads files.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::date::{CachedZone, DateDetector, LocalZone, TimeContext};
use super::regex::{CompiledRegex, Spans};
use crate::Result;

const MLFID_CACHE_MAX: usize = 100;

/// What a filter consists of, independent of where it came from.
#[derive(Debug, Clone, Default)]
pub struct FilterSpec {
    pub prefregex: Option<String>,
    pub failregex: Vec<String>,
    pub ignoreregex: Vec<String>,
    pub datepattern: Option<String>,
    pub maxlines: usize,
    pub usedns: Option<String>,
    /// `logtimezone`, e.g. `UTC+0200`.
    pub logtimezone: Option<String>,
}

impl From<&crate::f2bconf::ResolvedFilter> for FilterSpec {
    fn from(f: &crate::f2bconf::ResolvedFilter) -> Self {
        FilterSpec {
            prefregex: f.prefregex.clone(),
            failregex: f.failregex.clone(),
            ignoreregex: f.ignoreregex.clone(),
            datepattern: f.datepattern.clone(),
            maxlines: f.maxlines.unwrap_or(1),
            usedns: f.usedns.clone(),
            logtimezone: None,
        }
    }
}

/// One failure found on a line (fail2ban's `[regex index, fid, time, fail]`).
#[derive(Debug, Clone)]
pub struct Found {
    pub regex_index: usize,
    /// The failure id: normalised IP, raw DNS name or `<F-ID>`; None while pending.
    pub fid: Option<String>,
    pub time: Option<f64>,
    pub nofail: bool,
    pub user: Option<String>,
}

/// The outcome of one line.
#[derive(Debug, Clone, Default)]
pub struct LineOutcome {
    pub found: Vec<Found>,
    /// An ignoreregex matched.
    pub ignore_hits: Vec<usize>,
    /// Earlier lines (by id) that a multi-line match consumed.
    pub consumed: Vec<u64>,
    pub date_template: Option<usize>,
    pub time: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
struct BufLine {
    id: u64,
    text: String,
}

/// Group values by slot (see [`Slots`]); None = absent or did not take part (fail2ban
/// treats both alike everywhere except when one regex's groups override another's,
/// which [`Plan::apply`] handles by clearing the regex's whole key set first).
type Vals = Vec<Option<Arc<str>>>;

// Slots every filter has, in this order.
const FID: usize = 0;
const IP4: usize = 1;
const IP6: usize = 2;
const DNS: usize = 3;
const CIDR: usize = 4;
const MLFID: usize = 5;
const USER: usize = 6;
const NOFAIL: usize = 7;
const MLFGAINED: usize = 8;
const MLFFORGET: usize = 9;
const MLFPENDING: usize = 10;
const CONTENT: usize = 11;
const FIXED: [&str; 12] = [
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
struct Slots(Vec<String>);

impl Slots {
    fn new() -> Slots {
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
struct Plan {
    /// Every slot the regex's group dict has a key for.
    keys: Vec<usize>,
    direct: Vec<(usize, usize)>,
    alt: Vec<(usize, usize)>,
    tuple: Vec<(usize, usize)>,
}

impl Plan {
    fn new(re: &CompiledRegex, slots: &mut Slots) -> Plan {
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
    fn apply(&self, text: &str, spans: &Spans, vals: &mut Vals) {
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

fn py_repr(v: Option<&str>) -> String {
    match v {
        Some(s) => format!("'{s}'"),
        None => "None".into(),
    }
}

#[derive(Debug, Clone, Default)]
struct Fail {
    groups: Vals,
    users: Option<BTreeSet<Arc<str>>>,
}

fn truthy(g: &Vals, k: usize) -> bool {
    g[k].as_ref().is_some_and(|s| !s.is_empty())
}

fn pop_truthy(g: &mut Vals, k: usize) -> bool {
    g[k].take().is_some_and(|s| !s.is_empty())
}

fn get(g: &Vals, k: usize) -> Option<Arc<str>> {
    g[k].clone()
}

/// A compiled filter plus its running state (line buffer, mlfid cache, last date).
pub struct FilterEngine {
    pub prefregex: Option<CompiledRegex>,
    pub failregex: Vec<CompiledRegex>,
    pub ignoreregex: Vec<CompiledRegex>,
    pub dates: DateDetector,
    maxlines: usize,
    default_tz: Option<i32>,
    now: DateTime<Utc>,
    zone: CachedZone,
    buffer: Vec<BufLine>,
    mlfid_cache: HashMap<String, Fail>,
    /// Insertion order of `mlfid_cache`: fail2ban keeps at most 100 connections and
    /// evicts the oldest (its `Utils.Cache(maxCount=100)`), which changes results.
    mlfid_order: std::collections::VecDeque<String>,
    last_date: Option<f64>,
    next_id: u64,
    /// Match scratch for the prefregex, failregexes and ignoreregexes.
    pre_spans: Spans,
    fail_spans: Vec<Spans>,
    ign_spans: Vec<Spans>,
    fail_set: Option<FailSet>,
    nslots: usize,
    pre_plan: Plan,
    fail_plans: Vec<Plan>,
}

/// One pass of a plain regex set over a line tells which failregexes can match at all.
struct FailSet {
    re: super::plain::Dual,
    /// Failregex index → pattern in the set (None: not in the set, always tried).
    pattern: Vec<Option<regex_automata::PatternID>>,
    hits: regex_automata::PatternSet,
    /// The last scan could not run: every failregex may match.
    all: bool,
}

impl FailSet {
    fn new(failregex: &[CompiledRegex]) -> Option<FailSet> {
        let mut pats = Vec::new();
        let mut pattern = Vec::with_capacity(failregex.len());
        for r in failregex {
            match r.approx_pattern() {
                Some(p) => {
                    pattern.push(regex_automata::PatternID::new(pats.len()).ok());
                    pats.push(p);
                }
                None => pattern.push(None),
            }
        }
        if pats.is_empty() {
            return None;
        }
        let re = super::plain::Dual::many(
            &pats,
            regex_automata::meta::Config::new()
                .match_kind(regex_automata::MatchKind::All)
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(8 << 20),
        )?;
        let hits = regex_automata::PatternSet::new(pats.len());
        Some(FailSet {
            re,
            pattern,
            hits,
            all: false,
        })
    }

    fn scan(&mut self, text: &str) {
        self.all = !self.re.which_overlapping(text, &mut self.hits);
    }

    fn may_match(&self, i: usize) -> bool {
        match self.pattern.get(i) {
            Some(Some(p)) => self.all || self.hits.contains(*p),
            _ => true,
        }
    }
}

fn ignore_hit(
    res: &[CompiledRegex],
    spans: &mut [Spans],
    buf: &str,
    out: &mut LineOutcome,
) -> bool {
    let mut hit = false;
    for (i, (r, sp)) in res.iter().zip(spans.iter_mut()).enumerate() {
        if r.find(buf, sp) {
            out.ignore_hits.push(i);
            hit = true;
        }
    }
    hit
}

impl FilterEngine {
    /// Compile a filter. `now` decides missing years; `zone` is the logs' local zone.
    pub fn new(spec: &FilterSpec, now: DateTime<Utc>, zone: Box<dyn LocalZone>) -> Result<Self> {
        let usedns_no = spec.usedns.as_deref() == Some("no");
        let maxlines = spec.maxlines.max(1);
        let multiline = maxlines > 1;
        let prefregex = match &spec.prefregex {
            Some(p) if !p.trim().is_empty() => Some(CompiledRegex::new(p, usedns_no, multiline)?),
            _ => None,
        };
        let failregex = spec
            .failregex
            .iter()
            .map(|r| CompiledRegex::new(r, usedns_no, multiline))
            .collect::<Result<Vec<_>>>()?;
        let ignoreregex = spec
            .ignoreregex
            .iter()
            .map(|r| CompiledRegex::new(r, usedns_no, multiline))
            .collect::<Result<Vec<_>>>()?;
        let default_tz = match &spec.logtimezone {
            Some(z) => Some(
                super::date::zone_offset(z.trim_start_matches("UTC")).ok_or_else(|| {
                    crate::Error::bad_input(format!("unknown or unsupported time zone {z:?}"))
                })?,
            ),
            None => None,
        };
        let pre_spans = prefregex
            .as_ref()
            .map(CompiledRegex::new_spans)
            .unwrap_or_default();
        let fail_spans = failregex.iter().map(CompiledRegex::new_spans).collect();
        let ign_spans = ignoreregex.iter().map(CompiledRegex::new_spans).collect();
        let fail_set = if multiline {
            None
        } else {
            FailSet::new(&failregex)
        };
        let mut slots = Slots::new();
        let pre_plan = prefregex
            .as_ref()
            .map(|p| Plan::new(p, &mut slots))
            .unwrap_or_default();
        let fail_plans = failregex.iter().map(|r| Plan::new(r, &mut slots)).collect();
        Ok(FilterEngine {
            nslots: slots.0.len(),
            pre_plan,
            fail_plans,
            pre_spans,
            fail_spans,
            ign_spans,
            fail_set,
            prefregex,
            failregex,
            ignoreregex,
            dates: DateDetector::new(spec.datepattern.as_deref())?,
            maxlines,
            default_tz,
            now,
            zone: CachedZone::new(zone, now.timestamp()),
            buffer: Vec::new(),
            mlfid_cache: HashMap::new(),
            mlfid_order: std::collections::VecDeque::new(),
            last_date: None,
            next_id: 0,
        })
    }

    pub fn maxlines(&self) -> usize {
        self.maxlines
    }

    fn now_ts(&self) -> f64 {
        self.now.timestamp() as f64
    }

    /// Process one log line (without its newline); dates are detected in the line.
    pub fn process_line(&mut self, line: &str) -> LineOutcome {
        let mut out = LineOutcome::default();
        let mut date: Option<f64> = None;
        let mut text: String;
        let found = self.dates.locate(line);
        match found {
            Some(ti) => {
                out.date_template = Some(ti);
                let tmpl = self.dates.template(ti);
                let caps = self.dates.spans(ti);
                let span = tmpl.and_then(|t| t.span_of(caps));
                let (s, e) = span.unwrap_or((0, 0));
                text = String::with_capacity(line.len());
                text.push_str(&line[..s]);
                text.push_str(&line[e..]);
                if e > s {
                    let ctx = TimeContext {
                        now: self.now,
                        zone: &self.zone,
                        default_tz: self.default_tz,
                    };
                    date = tmpl.and_then(|t| t.time_of(line, caps, &ctx));
                    if let Some(d) = date {
                        self.last_date = Some(d);
                    }
                } else if let Some(d) = &self.last_date
                    && *d > self.now_ts() - 60.0
                {
                    date = Some(*d);
                } else {
                    date = Some(self.now_ts());
                }
            }
            None => {
                text = line.to_string();
                if self.dates.none {
                    date = Some(self.now_ts());
                }
            }
        }
        if date.is_none()
            && let Some(d) = &self.last_date
            && *d > self.now_ts() - 60.0
        {
            date = Some(*d);
        }
        out.time = date;
        self.find_failure(text, date, &mut out);
        out
    }

    /// Process a line whose time is already known (journal entries).
    pub fn process_line_with_time(&mut self, line: &str, time: f64) -> LineOutcome {
        let mut out = LineOutcome {
            time: Some(time),
            ..LineOutcome::default()
        };
        self.last_date = Some(time);
        self.find_failure(line.to_string(), Some(time), &mut out);
        out
    }

    fn join(lines: &[BufLine]) -> String {
        let mut s = String::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&l.text);
        }
        s
    }

    /// Which buffered lines a match covers (fail2ban's `Regex.search` bookkeeping).
    fn split_matched(
        re: &CompiledRegex,
        spans: &Spans,
        buf: &str,
        org: &[BufLine],
    ) -> (Vec<BufLine>, Vec<BufLine>) {
        if org.len() <= 1 {
            return (org.to_vec(), Vec::new());
        }
        let Some((m_start, m_end)) = spans.get(0) else {
            return (org.to_vec(), Vec::new());
        };
        // Python's buffer has a trailing newline.
        let s = format!("{buf}\n");
        let upto = (m_start + 1).min(s.len());
        let line_start = s[..upto].rfind('\n').map(|p| p + 1).unwrap_or(0);
        let from = m_end.saturating_sub(1);
        let line_end = s[from..]
            .find('\n')
            .map(|p| from + p + 1)
            .unwrap_or(s.len());
        let lc1 = s[..line_start].matches('\n').count().min(org.len());
        let lc2 = s[..line_end].matches('\n').count().min(org.len()).max(lc1);
        let mut matched: Vec<BufLine> = org[lc1..lc2].to_vec();
        let mut unmatched: Vec<BufLine> = org[..lc1].to_vec();
        let mut n = 0;
        for skipped in re.skipped_lines_of(buf, spans) {
            if let Some(p) = matched[n.min(matched.len())..]
                .iter()
                .position(|l| l.text == skipped)
            {
                unmatched.push(matched.remove(n + p));
                n += p;
            }
        }
        unmatched.extend_from_slice(&org[lc2..]);
        (matched, unmatched)
    }

    fn find_failure(&mut self, text: String, date: Option<f64>, out: &mut LineOutcome) {
        let id = self.next_id;
        self.next_id += 1;
        let multi = self.maxlines > 1;
        // With one line there is no buffer to keep: the line is the buffer.
        let (before, org, full) = if multi {
            let before = self.buffer.clone();
            self.buffer.push(BufLine { id, text });
            if self.buffer.len() > self.maxlines {
                let cut = self.buffer.len() - self.maxlines;
                self.buffer.drain(..cut);
            }
            let org = self.buffer.clone();
            let full = Self::join(&org);
            (before, org, full)
        } else {
            (Vec::new(), Vec::new(), text)
        };

        if !self.ignoreregex.is_empty()
            && self.ignoreregex.len() + 2 < self.failregex.len()
            && ignore_hit(&self.ignoreregex, &mut self.ign_spans, &full, out)
        {
            self.note_consumed(&before, out);
            return;
        }
        let mut cur: Cow<'_, str> = Cow::Borrowed(&full);
        let mut pre: Option<Vals> = None;
        if let Some(p) = &self.prefregex {
            if !p.find(&full, &mut self.pre_spans) {
                self.note_consumed(&before, out);
                return;
            }
            if let Some(content) = p
                .group_index("content")
                .and_then(|i| self.pre_spans.get(i))
                .filter(|(s, e)| e > s)
            {
                if multi {
                    self.buffer = vec![BufLine {
                        id,
                        text: full[content.0..content.1].to_string(),
                    }];
                    cur = Cow::Owned(Self::join(&self.buffer));
                } else {
                    cur = Cow::Borrowed(&full[content.0..content.1]);
                }
            }
        }
        if let Some(set) = &mut self.fail_set {
            set.scan(&cur);
        }
        for i in 0..self.failregex.len() {
            if !multi
                && let Some(set) = &self.fail_set
                && !set.may_match(i)
            {
                continue;
            }
            let fr = &self.failregex[i];
            if !fr.find(&cur, &mut self.fail_spans[i]) {
                continue;
            }
            let spans = &self.fail_spans[i];
            let plan = &self.fail_plans[i];
            let (matched, unmatched) = if multi {
                Self::split_matched(fr, spans, &cur, &org)
            } else {
                (Vec::new(), Vec::new())
            };
            // The regex's own values (fail2ban's `fail` before merging).
            let mut own: Vals = vec![None; self.nslots];
            plan.apply(&cur, spans, &mut own);
            let fid_from_regex = [FID, IP4, IP6, DNS].iter().find_map(|g| own[*g].clone());
            if !self.ignoreregex.is_empty() {
                let ib = if multi {
                    Cow::Owned(Self::join(&matched))
                } else {
                    Cow::Borrowed(&*cur)
                };
                if ignore_hit(&self.ignoreregex, &mut self.ign_spans, &ib, out) {
                    if multi {
                        self.buffer = unmatched;
                        cur = Cow::Owned(Self::join(&self.buffer));
                    }
                    continue;
                }
            }
            if multi {
                self.buffer = unmatched;
                cur = Cow::Owned(Self::join(&self.buffer));
            }
            if pre.is_none() && self.prefregex.is_some() {
                let mut g: Vals = vec![None; self.nslots];
                self.pre_plan.apply(&full, &self.pre_spans, &mut g);
                g[CONTENT] = None;
                pre = Some(g);
            }
            let groups = match &pre {
                Some(pre) => {
                    let mut g = pre.clone();
                    for k in &plan.keys {
                        g[*k] = own[*k].take();
                    }
                    g
                }
                None => own,
            };
            let mlfid = groups[MLFID].clone();
            let mut fail = Fail {
                groups,
                users: None,
            };
            if let Some(ml) = &mlfid {
                fail = self.merge_failure(ml, fail);
            }
            let g = &fail.groups;
            let mut fid = get(g, FID);
            let mut cidr_default = None;
            let ip: Option<Arc<str>> = if let Some(ip) = get(g, IP4) {
                cidr_default = Some(32);
                Some(ip)
            } else if let Some(ip) = get(g, IP6) {
                cidr_default = Some(128);
                Some(ip)
            } else if let Some(d) = get(g, DNS) {
                Some(d)
            } else {
                if fid.is_none() && mlfid.is_none() {
                    // fail2ban raises here and skips the regex when no id group matched.
                    match &fid_from_regex {
                        Some(f) => fid = Some(f.clone()),
                        None => continue,
                    }
                }
                fid.clone()
            };
            let cidr = g[CIDR].as_deref().and_then(|c| c.parse::<u8>().ok());
            let fid_out = match &ip {
                None => {
                    if let Some(ml) = &mlfid
                        && let Some(c) = self.mlfid_cache.get_mut(&**ml)
                    {
                        c.groups[MLFPENDING] = Some(Arc::from("1"));
                    }
                    None
                }
                Some(ip) => {
                    let norm = match cidr_default {
                        Some(def) => normalise_ip(ip, cidr.unwrap_or(def)),
                        None => ip.to_string(),
                    };
                    match &fid {
                        Some(f) if f != ip => Some(f.to_string()),
                        _ => Some(norm),
                    }
                }
            };
            let nofail = truthy(&fail.groups, NOFAIL);
            let user = fail.groups[USER].as_deref().map(str::to_string);
            out.found.push(Found {
                regex_index: i,
                fid: fid_out,
                time: date,
                nofail,
                user,
            });
        }
        self.note_consumed(&before, out);
    }

    /// fail2ban-regex re-counts earlier missed lines that a multi-line match used up.
    fn note_consumed(&self, before: &[BufLine], out: &mut LineOutcome) {
        if self.maxlines <= 1 {
            return;
        }
        let full = before.len() >= self.maxlines;
        for l in before.iter().skip(usize::from(full)) {
            if !self.buffer.contains(l) {
                out.consumed.push(l.id);
            }
        }
    }

    /// fail2ban's `_mergeFailure`: combine lines of one connection (mlfid).
    fn merge_failure(&mut self, mlfid: &str, mut fail: Fail) -> Fail {
        let mut nfflgs = 0u8;
        if truthy(&fail.groups, MLFGAINED) {
            nfflgs |= 8 | 1;
            if !truthy(&fail.groups, NOFAIL) {
                fail.groups[NOFAIL] = fail.groups[MLFGAINED].clone();
            }
        } else if truthy(&fail.groups, NOFAIL) {
            nfflgs |= 1;
        }
        if pop_truthy(&mut fail.groups, MLFFORGET) {
            nfflgs |= 2;
        }
        let user = get(&fail.groups, USER).filter(|u| !u.is_empty());
        let users;
        let in_cache;
        let mut merged = if let Some(cached) = self.mlfid_cache.get_mut(mlfid) {
            if let Some(u) = &user {
                cached
                    .users
                    .get_or_insert_with(BTreeSet::new)
                    .insert(u.clone());
            }
            users = cached.users.as_ref().map(BTreeSet::len);
            if pop_truthy(&mut cached.groups, NOFAIL) {
                nfflgs |= 4;
            }
            if pop_truthy(&mut cached.groups, MLFGAINED) {
                nfflgs |= 4;
            }
            if nfflgs & 8 != 0 {
                cached.groups[MLFPENDING] = None;
            }
            for (k, v) in fail.groups.into_iter().enumerate() {
                if v.is_some() {
                    cached.groups[k] = v;
                }
            }
            in_cache = nfflgs & 2 == 0;
            let m = cached.clone();
            if nfflgs & 2 != 0 {
                self.mlfid_cache.remove(mlfid);
                self.mlfid_order.retain(|k| k != mlfid);
            }
            m
        } else if nfflgs & 2 == 0 {
            if let Some(u) = &user {
                fail.users
                    .get_or_insert_with(BTreeSet::new)
                    .insert(u.clone());
            }
            users = fail.users.as_ref().map(BTreeSet::len);
            while self.mlfid_cache.len() >= MLFID_CACHE_MAX {
                let Some(old) = self.mlfid_order.pop_front() else {
                    break;
                };
                self.mlfid_cache.remove(&old);
            }
            self.mlfid_order.push_back(mlfid.to_string());
            self.mlfid_cache.insert(mlfid.to_string(), fail.clone());
            in_cache = true;
            fail
        } else {
            users = None;
            in_cache = false;
            fail
        };
        let pending = pop_truthy(&mut merged.groups, MLFPENDING);
        // Python pops from the dict it shares with the cache.
        if in_cache && let Some(c) = self.mlfid_cache.get_mut(mlfid) {
            c.groups[MLFPENDING] = None;
        }
        if pending || users.is_some_and(|u| u > 1) {
            merged.groups[NOFAIL] = None;
            merged.groups[MLFGAINED] = None;
            if in_cache && let Some(c) = self.mlfid_cache.get_mut(mlfid) {
                c.groups[MLFPENDING] = None;
                c.groups[NOFAIL] = None;
                c.groups[MLFGAINED] = None;
            }
        }
        merged
    }
}

/// Dotted decimal exactly as `Ipv4Addr`'s `Display` writes it (four octets ≤ 255, no
/// leading zeros), so normalising it changes nothing.
fn is_canonical_ipv4(ip: &str) -> bool {
    let mut n = 0;
    for part in ip.split('.') {
        n += 1;
        let b = part.as_bytes();
        if n > 4
            || b.is_empty()
            || b.len() > 3
            || !b.iter().all(u8::is_ascii_digit)
            || (b.len() > 1 && b[0] == b'0')
            || part.parse::<u16>().map_or(true, |v| v > 255)
        {
            return false;
        }
    }
    n == 4
}

/// fail2ban's `str(IPAddr(ip, cidr))`: canonical text, or the network for a prefix.
pub fn normalise_ip(ip: &str, cidr: u8) -> String {
    if cidr >= 32 && is_canonical_ipv4(ip) {
        return ip.to_string();
    }
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            if cidr >= 32 {
                v4.to_string()
            } else {
                let mask = if cidr == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(cidr))
                };
                format!("{}/{cidr}", Ipv4Addr::from(u32::from(v4) & mask))
            }
        }
        Ok(IpAddr::V6(v6)) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4.to_string();
            }
            if cidr >= 128 {
                v6.to_string()
            } else {
                let mask = if cidr == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(cidr))
                };
                format!("{}/{cidr}", Ipv6Addr::from(u128::from(v6) & mask))
            }
        }
        Err(_) => ip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ipv4_shortcut_agrees_with_parsing() {
        for ip in [
            "1.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "a.b.c.d",
            "192.168.001.1",
        ] {
            let parsed = match ip.parse::<IpAddr>() {
                Ok(a) => a.to_string(),
                Err(_) => ip.to_string(),
            };
            assert_eq!(normalise_ip(ip, 32), parsed, "{ip}");
            assert_eq!(
                is_canonical_ipv4(ip),
                ip.parse::<Ipv4Addr>().is_ok(),
                "{ip}"
            );
        }
    }
}
