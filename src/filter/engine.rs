//! The per-line pipeline of fail2ban's `Filter.processLine`/`findFailure`: date cut,
//! line buffer, prefregex, failregex, ignoreregex, mlfid merging, host extraction.
//! Never resolves DNS (hosts stay raw) and never reads files.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::date::{CachedZone, Choice, DateDetector, LocalZone, TimeContext};
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

/// The compiled, read-only part of a filter, shared by every [`Scanner`].
struct Compiled {
    prefregex: Option<CompiledRegex>,
    failregex: Vec<CompiledRegex>,
    ignoreregex: Vec<CompiledRegex>,
    fail_set: Option<FailSet>,
    starts: Option<Starts>,
    nslots: usize,
    pre_plan: Plan,
    fail_plans: Vec<Plan>,
    maxlines: usize,
    default_tz: Option<i32>,
    now: DateTime<Utc>,
}

impl Compiled {
    /// A failregex's own groups for a find on `text`, and the failure id among them
    /// (fail2ban's fallback id).
    fn own_groups(&self, plan: &Plan, text: &str, spans: &Spans) -> (Vals, Option<Arc<str>>) {
        let mut own: Vals = vec![None; self.nslots];
        plan.apply(text, spans, &mut own);
        let fid = [FID, IP4, IP6, DNS].iter().find_map(|g| own[*g].clone());
        (own, fid)
    }

    /// The prefregex's groups (without `content`) for a successful find on `full`.
    fn pre_groups(&self, full: &str, spans: &Spans) -> Vals {
        let mut g: Vals = vec![None; self.nslots];
        self.pre_plan.apply(full, spans, &mut g);
        g[CONTENT] = None;
        g
    }
}

/// A failregex's own groups over the prefregex's: fail2ban's `fail.update(...)`.
fn with_pre(pre: Option<&Vals>, mut own: Vals, plan: &Plan) -> Vals {
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

/// One pass of a plain regex set over a line tells which failregexes can match at all.
struct FailSet {
    re: super::plain::Dual,
    /// Failregex index → pattern in the set (None: not in the set, always tried).
    pattern: Vec<Option<regex_automata::PatternID>>,
    len: usize,
    /// Every pattern in the set matches only at the start of the text.
    anchored: bool,
}

impl FailSet {
    fn new(failregex: &[CompiledRegex]) -> Option<FailSet> {
        let mut pats = Vec::new();
        let mut pattern = Vec::with_capacity(failregex.len());
        let mut anchored = true;
        for r in failregex {
            match r.approx_pattern() {
                Some(p) => {
                    anchored &= r.is_anchored();
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
        Some(FailSet {
            re,
            pattern,
            len: pats.len(),
            anchored,
        })
    }

    /// Scan `text` into `hits`; false when the scan could not run (every failregex may
    /// then match).
    fn scan(&self, text: &str, hits: &mut SetHits) -> bool {
        self.re
            .which_overlapping(text, self.anchored, &mut hits.0, &mut hits.1)
    }

    fn may_match(&self, i: usize, hits: &SetHits) -> bool {
        match self.pattern.get(i) {
            Some(Some(p)) => hits.0.contains(*p),
            _ => true,
        }
    }
}

/// The literals every match of each failregex starts with, when every failregex is
/// anchored at the start and has such a finite set: on ASCII text a look at the first
/// bytes then rules out most failregexes, cheaper than the [`FailSet`] scan. (On other
/// text the set scan runs: case folding can match non-ASCII characters.)
struct Starts {
    /// First byte → the failregexes (bit i) with a literal starting with it.
    first: Vec<u64>,
    lits: Vec<Vec<Vec<u8>>>,
}

impl Starts {
    fn new(failregex: &[CompiledRegex]) -> Option<Starts> {
        if failregex.is_empty() || failregex.len() > 64 {
            return None;
        }
        let mut first = vec![0u64; 256];
        let mut lits = Vec::with_capacity(failregex.len());
        for (i, r) in failregex.iter().enumerate() {
            if !r.is_anchored() {
                return None;
            }
            let l = literal_prefixes(r.approx_pattern()?)?;
            for lit in &l {
                first[usize::from(lit[0])] |= 1 << i;
            }
            lits.push(l);
        }
        Some(Starts { first, lits })
    }

    fn may_match(&self, i: usize, text: &[u8]) -> bool {
        text.first()
            .is_some_and(|b| self.first[usize::from(*b)] & (1 << i) != 0)
            && self.lits[i].iter().any(|l| text.starts_with(l))
    }
}

/// The finite set of literals that every match of `pattern` (ASCII semantics) starts
/// with; None when there is none or it includes the empty string.
fn literal_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let lits: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
    (!lits.is_empty() && lits.iter().all(|l| !l.is_empty())).then_some(lits)
}

/// Scratch for a [`FailSet`] scan: the patterns that matched, and search caches.
struct SetHits(regex_automata::PatternSet, super::plain::DualCaps);

fn ignore_hit(
    res: &[CompiledRegex],
    spans: &mut [Spans],
    buf: &str,
    hits: &mut impl FnMut(usize),
) -> bool {
    let mut hit = false;
    for (i, (r, sp)) in res.iter().zip(spans.iter_mut()).enumerate() {
        if r.find(buf, sp) {
            hits(i);
            hit = true;
        }
    }
    hit
}

/// What one line yields on its own, in order: ignoreregex hits and failregex matches.
#[derive(Debug)]
enum Event {
    Ignore(usize),
    Match {
        index: usize,
        groups: Vals,
        /// The failure id the regex itself captured (fail2ban's fallback id).
        fid_from_regex: Option<Arc<str>>,
    },
}

/// A line scanned by a [`Scanner`], to be finished in line order by
/// [`FilterEngine::commit`].
#[derive(Debug)]
pub struct Scan {
    choice: Choice,
    /// A non-empty date was found and cut out of the line.
    dated: bool,
    /// The time of that date.
    time: Option<f64>,
    /// Multi-line filters: the line without its date, searched when committed.
    text: Option<String>,
    events: Vec<Event>,
}

/// The per-line work that needs no filter state: date search and parse, prefregex,
/// failregexes and ignoreregexes with their groups. Each thread has its own scanner
/// (see [`FilterEngine::scanner`]); the only state it consults is its date detector's
/// choice of template, which [`FilterEngine::commit`] checks against the engine's.
pub struct Scanner {
    c: Arc<Compiled>,
    dates: DateDetector,
    zone: CachedZone,
    pre_spans: Spans,
    fail_spans: Vec<Spans>,
    ign_spans: Vec<Spans>,
    set_hits: Option<SetHits>,
}

impl Scanner {
    fn new(c: Arc<Compiled>, dates: DateDetector, zone: CachedZone) -> Scanner {
        Scanner {
            pre_spans: c
                .prefregex
                .as_ref()
                .map(CompiledRegex::new_spans)
                .unwrap_or_default(),
            fail_spans: c.failregex.iter().map(CompiledRegex::new_spans).collect(),
            ign_spans: c.ignoreregex.iter().map(CompiledRegex::new_spans).collect(),
            set_hits: c
                .fail_set
                .as_ref()
                .map(|s| SetHits(regex_automata::PatternSet::new(s.len), Default::default())),
            c,
            dates,
            zone,
        }
    }

    fn fork(&self) -> Scanner {
        Scanner::new(self.c.clone(), self.dates.clone(), self.zone.fork())
    }

    /// Scan one log line (without its newline). The scanner's date detector records
    /// the template it chose, so that it guesses the next line the same way.
    pub fn scan(&mut self, line: &str) -> Scan {
        let choice = self.dates.probe(line);
        self.dates.commit(&choice);
        let mut scan = Scan {
            choice,
            dated: false,
            time: None,
            text: None,
            events: Vec::new(),
        };
        let mut cut = None;
        if let Some((ti, _)) = choice.found
            && let Some(tmpl) = self.dates.template(ti)
        {
            let caps = self.dates.spans(ti);
            if let Some((s, e)) = tmpl.span_of(caps)
                && e > s
            {
                scan.dated = true;
                let ctx = TimeContext {
                    now: self.c.now,
                    zone: &self.zone,
                    default_tz: self.c.default_tz,
                };
                scan.time = tmpl.time_of(line, caps, &ctx);
                let mut text = String::with_capacity(line.len());
                text.push_str(&line[..s]);
                text.push_str(&line[e..]);
                cut = Some(text);
            }
        }
        if self.c.maxlines > 1 {
            scan.text = Some(cut.unwrap_or_else(|| line.to_string()));
        } else {
            self.search(cut.as_deref().unwrap_or(line), &mut scan.events);
        }
        scan
    }

    /// `findFailure` for a one-line buffer, up to (not including) the mlfid merge.
    fn search(&mut self, full: &str, events: &mut Vec<Event>) {
        let c = &*self.c;
        let mut ignored = |i| events.push(Event::Ignore(i));
        if !c.ignoreregex.is_empty()
            && c.ignoreregex.len() + 2 < c.failregex.len()
            && ignore_hit(&c.ignoreregex, &mut self.ign_spans, full, &mut ignored)
        {
            return;
        }
        let mut cur = full;
        if let Some(p) = &c.prefregex {
            if !p.find(full, &mut self.pre_spans) {
                return;
            }
            if let Some((s, e)) = p
                .group_index("content")
                .and_then(|i| self.pre_spans.get(i))
                .filter(|(s, e)| e > s)
            {
                cur = &full[s..e];
            }
        }
        let starts = c.starts.as_ref().filter(|_| cur.is_ascii());
        let set = match (&c.fail_set, &mut self.set_hits) {
            (Some(set), Some(hits)) if starts.is_none() => {
                set.scan(cur, hits).then_some((set, &*hits))
            }
            _ => None,
        };
        let mut pre: Option<Vals> = None;
        for (i, fr) in c.failregex.iter().enumerate() {
            if let Some(st) = starts
                && !st.may_match(i, cur.as_bytes())
            {
                continue;
            }
            if let Some((set, hits)) = set
                && !set.may_match(i, hits)
            {
                continue;
            }
            let spans = &mut self.fail_spans[i];
            if !fr.find(cur, spans) {
                continue;
            }
            let plan = &c.fail_plans[i];
            let (own, fid_from_regex) = c.own_groups(plan, cur, spans);
            if !c.ignoreregex.is_empty()
                && ignore_hit(&c.ignoreregex, &mut self.ign_spans, cur, &mut |i| {
                    events.push(Event::Ignore(i))
                })
            {
                continue;
            }
            if pre.is_none() && c.prefregex.is_some() {
                pre = Some(c.pre_groups(full, &self.pre_spans));
            }
            events.push(Event::Match {
                index: i,
                groups: with_pre(pre.as_ref(), own, plan),
                fid_from_regex,
            });
        }
    }
}

/// A compiled filter plus its running state (line buffer, mlfid cache, last date).
pub struct FilterEngine {
    scanner: Scanner,
    buffer: Vec<BufLine>,
    mlfid_cache: HashMap<String, Fail>,
    /// Insertion order of `mlfid_cache`: fail2ban keeps at most 100 connections and
    /// evicts the oldest (its `Utils.Cache(maxCount=100)`), which changes results.
    mlfid_order: std::collections::VecDeque<String>,
    last_date: Option<f64>,
    next_id: u64,
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
        let (fail_set, starts) = if multiline {
            (None, None)
        } else {
            (FailSet::new(&failregex), Starts::new(&failregex))
        };
        let mut slots = Slots::new();
        let pre_plan = prefregex
            .as_ref()
            .map(|p| Plan::new(p, &mut slots))
            .unwrap_or_default();
        let fail_plans = failregex.iter().map(|r| Plan::new(r, &mut slots)).collect();
        let compiled = Compiled {
            nslots: slots.0.len(),
            pre_plan,
            fail_plans,
            fail_set,
            starts,
            prefregex,
            failregex,
            ignoreregex,
            maxlines,
            default_tz,
            now,
        };
        let dates = DateDetector::new(spec.datepattern.as_deref())?;
        let zone = CachedZone::new(zone, now.timestamp());
        Ok(FilterEngine {
            scanner: Scanner::new(Arc::new(compiled), dates, zone),
            buffer: Vec::new(),
            mlfid_cache: HashMap::new(),
            mlfid_order: std::collections::VecDeque::new(),
            last_date: None,
            next_id: 0,
        })
    }

    pub fn maxlines(&self) -> usize {
        self.scanner.c.maxlines
    }

    pub fn prefregex(&self) -> Option<&CompiledRegex> {
        self.scanner.c.prefregex.as_ref()
    }

    pub fn failregex(&self) -> &[CompiledRegex] {
        &self.scanner.c.failregex
    }

    pub fn ignoreregex(&self) -> &[CompiledRegex] {
        &self.scanner.c.ignoreregex
    }

    /// The date templates and their counts so far.
    pub fn dates(&self) -> &DateDetector {
        &self.scanner.dates
    }

    /// A scanner for another thread, starting from this engine's date state. Lines it
    /// scans are finished with [`FilterEngine::commit`], in line order.
    pub fn scanner(&self) -> Scanner {
        self.scanner.fork()
    }

    fn now_ts(&self) -> f64 {
        self.scanner.c.now.timestamp() as f64
    }

    /// Process one log line (without its newline); dates are detected in the line.
    pub fn process_line(&mut self, line: &str) -> LineOutcome {
        let scan = self.scanner.scan(line);
        self.finish(scan)
    }

    /// Finish a line scanned by a scanner from [`FilterEngine::scanner`]: the same
    /// outcome as `process_line` of that line. Lines must come in order, each once.
    /// When the scanner's choice of date template cannot be confirmed, the line (from
    /// `line`) is processed again here.
    pub fn commit<'a>(&mut self, scan: Scan, line: impl FnOnce() -> Cow<'a, str>) -> LineOutcome {
        if self.scanner.dates.accept(&scan.choice) {
            self.finish(scan)
        } else {
            self.process_line(&line())
        }
    }

    /// The stateful half of a line: its time, then the failures found.
    fn finish(&mut self, scan: Scan) -> LineOutcome {
        let mut out = LineOutcome {
            date_template: scan.choice.found.map(|(i, _)| i),
            ..LineOutcome::default()
        };
        let recent = self.last_date.filter(|d| *d > self.now_ts() - 60.0);
        let date = match scan.choice.found {
            Some(_) if scan.dated => {
                if scan.time.is_some() {
                    self.last_date = scan.time;
                }
                scan.time
            }
            Some(_) => Some(recent.unwrap_or_else(|| self.now_ts())),
            None => self.scanner.dates.none.then(|| self.now_ts()),
        }
        // No time of its own: the last date if recent (unchanged above when None).
        .or(recent);
        out.time = date;
        match scan.text {
            Some(text) => self.find_failure_multi(text, date, &mut out),
            None => {
                self.next_id += 1;
                self.emit_all(scan.events, date, &mut out);
            }
        }
        out
    }

    /// Process a line whose time is already known (journal entries).
    pub fn process_line_with_time(&mut self, line: &str, time: f64) -> LineOutcome {
        let mut out = LineOutcome {
            time: Some(time),
            ..LineOutcome::default()
        };
        self.last_date = Some(time);
        if self.maxlines() > 1 {
            self.find_failure_multi(line.to_string(), Some(time), &mut out);
        } else {
            self.next_id += 1;
            let mut events = Vec::new();
            self.scanner.search(line, &mut events);
            self.emit_all(events, Some(time), &mut out);
        }
        out
    }

    fn emit_all(&mut self, events: Vec<Event>, date: Option<f64>, out: &mut LineOutcome) {
        for ev in events {
            match ev {
                Event::Ignore(i) => out.ignore_hits.push(i),
                Event::Match {
                    index,
                    groups,
                    fid_from_regex,
                } => self.emit(index, groups, fid_from_regex, date, out),
            }
        }
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
        // Python's buffer has a trailing newline. Python counts characters
        // and the spans are bytes: search for the newline byte in bytes, so
        // a match that starts or ends in a multi-byte character (a
        // non-breaking space, `josé`) never cuts one.
        let s = format!("{buf}\n");
        let b = s.as_bytes();
        let upto = (m_start + 1).min(b.len());
        let line_start = memchr::memrchr(b'\n', &b[..upto]).map_or(0, |p| p + 1);
        let from = m_end.saturating_sub(1).min(b.len());
        let line_end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |p| from + p + 1);
        let lc1 = memchr::memchr_iter(b'\n', &b[..line_start])
            .count()
            .min(org.len());
        let lc2 = memchr::memchr_iter(b'\n', &b[..line_end])
            .count()
            .min(org.len())
            .max(lc1);
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

    /// `findFailure` over the multi-line buffer, which each match trims.
    fn find_failure_multi(&mut self, text: String, date: Option<f64>, out: &mut LineOutcome) {
        let id = self.next_id;
        self.next_id += 1;
        let before = self.buffer.clone();
        self.buffer.push(BufLine { id, text });
        if self.buffer.len() > self.maxlines() {
            let cut = self.buffer.len() - self.maxlines();
            self.buffer.drain(..cut);
        }
        let org = self.buffer.clone();
        let full = Self::join(&org);
        let c = self.scanner.c.clone();
        let mut ignored = |i| out.ignore_hits.push(i);
        if !c.ignoreregex.is_empty()
            && c.ignoreregex.len() + 2 < c.failregex.len()
            && ignore_hit(
                &c.ignoreregex,
                &mut self.scanner.ign_spans,
                &full,
                &mut ignored,
            )
        {
            self.note_consumed(&before, out);
            return;
        }
        let mut cur: Cow<'_, str> = Cow::Borrowed(&full);
        let mut pre: Option<Vals> = None;
        if let Some(p) = &c.prefregex {
            if !p.find(&full, &mut self.scanner.pre_spans) {
                self.note_consumed(&before, out);
                return;
            }
            if let Some((s, e)) = p
                .group_index("content")
                .and_then(|i| self.scanner.pre_spans.get(i))
                .filter(|(s, e)| e > s)
            {
                self.buffer = vec![BufLine {
                    id,
                    text: full[s..e].to_string(),
                }];
                cur = Cow::Owned(Self::join(&self.buffer));
            }
        }
        for (i, fr) in c.failregex.iter().enumerate() {
            let spans = &mut self.scanner.fail_spans[i];
            if !fr.find(&cur, spans) {
                continue;
            }
            let plan = &c.fail_plans[i];
            let (matched, unmatched) = Self::split_matched(fr, spans, &cur, &org);
            let (own, fid_from_regex) = c.own_groups(plan, &cur, spans);
            let ignore = !c.ignoreregex.is_empty()
                && ignore_hit(
                    &c.ignoreregex,
                    &mut self.scanner.ign_spans,
                    &Self::join(&matched),
                    &mut |i| out.ignore_hits.push(i),
                );
            self.buffer = unmatched;
            cur = Cow::Owned(Self::join(&self.buffer));
            if ignore {
                continue;
            }
            if pre.is_none() && c.prefregex.is_some() {
                pre = Some(c.pre_groups(&full, &self.scanner.pre_spans));
            }
            let groups = with_pre(pre.as_ref(), own, plan);
            self.emit(i, groups, fid_from_regex, date, out);
        }
        self.note_consumed(&before, out);
    }

    /// The end of `findFailure` for one failregex match: merge lines of one connection
    /// (mlfid), pick the failure id and record the failure.
    fn emit(
        &mut self,
        i: usize,
        groups: Vals,
        fid_from_regex: Option<Arc<str>>,
        date: Option<f64>,
        out: &mut LineOutcome,
    ) {
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
                    None => return,
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

    /// fail2ban-regex re-counts earlier missed lines that a multi-line match used up.
    fn note_consumed(&self, before: &[BufLine], out: &mut LineOutcome) {
        if self.maxlines() <= 1 {
            return;
        }
        let full = before.len() >= self.maxlines();
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
    let (mut parts, mut val, mut digits) = (0, 0u32, 0);
    for &c in ip.as_bytes().iter().chain(std::iter::once(&b'.')) {
        match c {
            b'0'..=b'9' => {
                // No leading zero, at most three digits.
                if digits == 3 || (digits == 1 && val == 0) {
                    return false;
                }
                val = val * 10 + u32::from(c - b'0');
                digits += 1;
            }
            b'.' => {
                if digits == 0 || val > 255 || parts == 4 {
                    return false;
                }
                parts += 1;
                val = 0;
                digits = 0;
            }
            _ => return false,
        }
    }
    parts == 4
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
    fn literal_prefixes_cover_every_match() {
        let cases: &[(&str, &[&str])] = &[
            (r"^[aA]uth (x|y)", &["Auth x", "auth y"]),
            (r"^(?i)ab+c", &["ABC", "aBbbc"]),
            (
                r"^(?:Connection (?:closed|reset)|Disconnected) by",
                &["Connection reset by", "Disconnected by"],
            ),
            (r"^pam_[a-z]+\(sshd:auth\)", &["pam_unix(sshd:auth)"]),
            (r"^\d+x", &["12x", "7x"]),
        ];
        for (p, texts) in cases {
            let lits = literal_prefixes(p).unwrap_or_else(|| panic!("no literals: {p}"));
            let re = regex::Regex::new(p).unwrap();
            for t in *texts {
                assert!(re.is_match(t), "{p} {t}");
                assert!(
                    lits.iter().any(|l| t.as_bytes().starts_with(l)),
                    "{p} {t} {lits:?}"
                );
            }
        }
        for p in [r"^.x", r"^x?", r"^(?:a|)b?"] {
            assert_eq!(literal_prefixes(p), None, "{p}");
        }
    }

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
            "1.2.3.4.",
            ".1.2.3",
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
        // Every dotted form of a few awkward parts.
        let parts = [
            "", "0", "00", "1", "01", "9", "99", "255", "256", "999", "1000", "x",
        ];
        for n in 3..=5 {
            let mut idx = vec![0usize; n];
            loop {
                let ip: Vec<&str> = idx.iter().map(|i| parts[*i]).collect();
                let ip = ip.join(".");
                assert_eq!(
                    is_canonical_ipv4(&ip),
                    ip.parse::<Ipv4Addr>().is_ok(),
                    "{ip}"
                );
                let Some(k) = idx.iter().rposition(|i| *i + 1 < parts.len()) else {
                    break;
                };
                idx[k] += 1;
                idx[k + 1..].iter_mut().for_each(|i| *i = 0);
            }
        }
    }
}
