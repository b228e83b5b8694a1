//! The per-line pipeline of fail2ban's `Filter.processLine`/`findFailure`: date cut,
//! line buffer, prefregex, failregex, ignoreregex, mlfid merging, host extraction.
//! Never resolves DNS (hosts stay raw) and never reads files.
//!
//! Parts: `scan` is the stateless per-line work (date, regexes, groups) that runs on
//! any thread; `multiline` is the state kept across lines (the `maxlines` buffer and
//! the mlfid cache); `groups` maps regex groups to slots; `ip` normalises addresses.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::date::{CachedZone, DateDetector, LocalZone};
use super::regex::CompiledRegex;
use crate::Result;

mod groups;
mod ip;
mod multiline;
mod scan;

use groups::{
    CIDR, DNS, FID, Fail, IP4, IP6, MLFID, MLFPENDING, NOFAIL, Plan, Slots, USER, Vals, get, truthy,
};
pub use ip::normalise_ip;
use multiline::BufLine;
use scan::{Compiled, Event, FailSet, Starts};
pub use scan::{Scan, Scanner};

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
}
