//! The stateless half of the per-line pipeline: date search and cut, prefregex,
//! failregexes (with their set and literal prefilters) and ignoreregexes. Runs on any
//! thread; what a line yields is finished in order by the engine.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::groups::{CONTENT, DNS, FID, IP4, IP6, Plan, Vals, with_pre};
use crate::filter::date::{CachedZone, Choice, DateDetector, TimeContext};
use crate::filter::plain::{Dual, DualCaps};
use crate::filter::regex::{CompiledRegex, Spans};

/// The compiled, read-only part of a filter, shared by every [`Scanner`].
pub(super) struct Compiled {
    pub(super) prefregex: Option<CompiledRegex>,
    pub(super) failregex: Vec<CompiledRegex>,
    pub(super) ignoreregex: Vec<CompiledRegex>,
    pub(super) fail_set: Option<FailSet>,
    pub(super) starts: Option<Starts>,
    pub(super) nslots: usize,
    pub(super) pre_plan: Plan,
    pub(super) fail_plans: Vec<Plan>,
    pub(super) maxlines: usize,
    pub(super) default_tz: Option<i32>,
    pub(super) now: DateTime<Utc>,
}

impl Compiled {
    /// A failregex's own groups for a find on `text`, and the failure id among them
    /// (fail2ban's fallback id).
    pub(super) fn own_groups(
        &self,
        plan: &Plan,
        text: &str,
        spans: &Spans,
    ) -> (Vals, Option<Arc<str>>) {
        let mut own: Vals = vec![None; self.nslots];
        plan.apply(text, spans, &mut own);
        let fid = [FID, IP4, IP6, DNS].iter().find_map(|g| own[*g].clone());
        (own, fid)
    }

    /// The prefregex's groups (without `content`) for a successful find on `full`.
    pub(super) fn pre_groups(&self, full: &str, spans: &Spans) -> Vals {
        let mut g: Vals = vec![None; self.nslots];
        self.pre_plan.apply(full, spans, &mut g);
        g[CONTENT] = None;
        g
    }
}

/// One pass of a plain regex set over a line tells which failregexes can match at all.
pub(super) struct FailSet {
    re: Dual,
    /// Failregex index → pattern in the set (None: not in the set, always tried).
    pattern: Vec<Option<regex_automata::PatternID>>,
    len: usize,
    /// Every pattern in the set matches only at the start of the text.
    anchored: bool,
}

impl FailSet {
    pub(super) fn new(failregex: &[CompiledRegex]) -> Option<FailSet> {
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
        let re = Dual::many(
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
pub(super) struct Starts {
    /// First byte → the failregexes (bit i) with a literal starting with it.
    first: Vec<u64>,
    lits: Vec<Vec<Vec<u8>>>,
}

impl Starts {
    pub(super) fn new(failregex: &[CompiledRegex]) -> Option<Starts> {
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
pub(super) fn literal_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
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
pub(super) struct SetHits(regex_automata::PatternSet, DualCaps);

pub(super) fn ignore_hit(
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
pub(super) enum Event {
    Ignore(usize),
    Match {
        index: usize,
        groups: Vals,
        /// The failure id the regex itself captured (fail2ban's fallback id).
        fid_from_regex: Option<Arc<str>>,
    },
}

/// A line scanned by a [`Scanner`], to be finished in line order by
/// [`FilterEngine::commit`](super::FilterEngine::commit).
#[derive(Debug)]
pub struct Scan {
    pub(super) choice: Choice,
    /// A non-empty date was found and cut out of the line.
    pub(super) dated: bool,
    /// The time of that date.
    pub(super) time: Option<f64>,
    /// Multi-line filters: the line without its date, searched when committed.
    pub(super) text: Option<String>,
    pub(super) events: Vec<Event>,
}

/// The per-line work that needs no filter state: date search and parse, prefregex,
/// failregexes and ignoreregexes with their groups. Each thread has its own scanner
/// (see [`FilterEngine::scanner`]); the only state it consults is its date detector's
/// choice of template, which [`FilterEngine::commit`] checks against the engine's.
///
/// [`FilterEngine::scanner`]: super::FilterEngine::scanner
/// [`FilterEngine::commit`]: super::FilterEngine::commit
pub struct Scanner {
    pub(super) c: Arc<Compiled>,
    pub(super) dates: DateDetector,
    pub(super) zone: CachedZone,
    pub(super) pre_spans: Spans,
    pub(super) fail_spans: Vec<Spans>,
    pub(super) ign_spans: Vec<Spans>,
    pub(super) set_hits: Option<SetHits>,
}

impl Scanner {
    pub(super) fn new(c: Arc<Compiled>, dates: DateDetector, zone: CachedZone) -> Scanner {
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

    pub(super) fn fork(&self) -> Scanner {
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
    pub(super) fn search(&mut self, full: &str, events: &mut Vec<Event>) {
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
}
