//! Date detection as fail2ban's `datedetector.py`/`datetemplate.py`/`strptime.py` do
//! it: templates, `{^LN-BEG}`, `%Ex*`, EPOCH/LEPOCH/TAI64N, missing years. Owns turning a
//! log line into (date span, timestamp); "now" and the local zone are injected.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

use super::regex::python_to_rust;
use crate::{Error, Result};

/// How naive local times map to UTC (fail2ban uses the process's local zone).
pub trait LocalZone: Send + Sync {
    /// `time.mktime` for a local wall-clock time.
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64>;
    /// `datetime.fromtimestamp`.
    fn to_local(&self, utc: i64) -> NaiveDateTime;
}

/// The system's local zone (what fail2ban itself uses).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemZone;

impl LocalZone for SystemZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        chrono::Local
            .from_local_datetime(&local)
            .earliest()
            .map(|d| d.timestamp())
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        DateTime::from_timestamp(utc, 0)
            .map(|d| d.with_timezone(&chrono::Local).naive_local())
            .unwrap_or_default()
    }
}

/// A fixed UTC offset in seconds (tests, `logtimezone = UTC+0200` style setups).
#[derive(Debug, Clone, Copy, Default)]
pub struct FixedZone(pub i32);

impl LocalZone for FixedZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        Some(local.and_utc().timestamp() - i64::from(self.0))
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        DateTime::from_timestamp(utc + i64::from(self.0), 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }
}

/// A [`LocalZone`] that remembers what it learnt: the local time of one instant ("now")
/// and the UTC offset of every local date-hour whose offset is the same at its first
/// and last second (so DST changes, gaps and folds still go to the wrapped zone).
pub(crate) struct CachedZone {
    inner: std::sync::Arc<dyn LocalZone>,
    now: (i64, NaiveDateTime),
    /// (days from CE, hour) → offset in seconds, None when the hour is not uniform.
    hours: std::sync::Mutex<HourCache>,
}

#[derive(Default)]
struct HourCache {
    last: Option<((i32, u32), Option<i64>)>,
    map: std::collections::HashMap<(i32, u32), Option<i64>>,
}

impl CachedZone {
    pub(crate) fn new(inner: Box<dyn LocalZone>, now: i64) -> CachedZone {
        let now_local = inner.to_local(now);
        CachedZone {
            inner: std::sync::Arc::from(inner),
            now: (now, now_local),
            hours: std::sync::Mutex::new(HourCache::default()),
        }
    }

    /// The same zone with a cache of its own (one per thread).
    pub(crate) fn fork(&self) -> CachedZone {
        CachedZone {
            inner: self.inner.clone(),
            now: self.now,
            hours: std::sync::Mutex::new(HourCache::default()),
        }
    }

    fn hour_offset(&self, date: NaiveDate, hour: u32) -> Option<i64> {
        let key = (date.num_days_from_ce(), hour);
        let mut c = self.hours.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, v)) = c.last
            && k == key
        {
            return v;
        }
        let v = match c.map.get(&key) {
            Some(v) => *v,
            None => {
                let start = date.and_hms_opt(hour, 0, 0);
                let end = date.and_hms_opt(hour, 59, 59);
                let off = |t: Option<NaiveDateTime>| {
                    let t = t?;
                    Some(t.and_utc().timestamp() - self.inner.to_utc(t)?)
                };
                let (a, b) = (off(start), off(end));
                let v = if a.is_some() && a == b { a } else { None };
                c.map.insert(key, v);
                v
            }
        };
        c.last = Some((key, v));
        v
    }
}

impl LocalZone for CachedZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        match self.hour_offset(local.date(), local.hour()) {
            Some(off) => Some(local.and_utc().timestamp() - off),
            None => self.inner.to_utc(local),
        }
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        if utc == self.now.0 {
            self.now.1
        } else {
            self.inner.to_local(utc)
        }
    }
}

/// fail2ban's DEFAULT_TEMPLATES, in order.
pub const DEFAULT_TEMPLATES: &[&str] = &[
    r"%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\s*%z)?",
    r"(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?",
    r"(?:%a )?%b %d %ExY %k:%M:%S(?:\.%f)?",
    r"%d(?P<_sep>[-/])%m(?P=_sep)(?:%ExY|%Exy) %k:%M:%S",
    r"%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\.%f)?(?: %z)?",
    r"%m/%d/%ExY:%H:%M:%S",
    r"%m-%d-%ExY %k:%M:%S(?:\.%f)?",
    r"EPOCH",
    r"{^LN-BEG}%H:%M:%S",
    r"^<%m/%d/%Exy@%H:%M:%S>",
    r"%Exy%Exm%Exd  ?%H:%M:%S",
    r"%b %d, %ExY %I:%M:%S %p",
    r"^%b-%d-%Exy %k:%M:%S",
    r"%ExY%Exm%Exd(?:T|  ?)%ExH%ExM%ExS(?:[.,]%f)?(?:\s*%z)?",
    r"(?:%Z )?(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?",
    r"(?:%z )?(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?",
    r"TAI64N",
];

/// Placeholder for fail2ban's `(?=^|\b|\W)` / `(?=\b|\W|$)` bounds; replaced after the
/// Python→Rust rewrite.
const WORD_EDGE: &str = "\u{0}WB\u{0}";
/// Both bounds hold unless a word character is on each side; Rust's half boundaries say
/// exactly that without look-around (so the template stays on the fast regex engine).
const RUST_WORD_EDGE: &str = r"(?:\b{start-half}|\b{end-half})";

const TZ_ABBR: &str = r"[A-Z](?:[A-Z]{2,4})?";

/// strptime directive → (regex, display name). `%ExY` accepts 1960–2099 (fail2ban-regex
/// accepts "every date" from the epoch to the end of the century).
fn directive(key: &str) -> Option<(String, &'static str)> {
    let months = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
    Some(match key {
        "a" => ("(?P<a>mon|tue|wed|thu|fri|sat|sun)".into(), "DAY"),
        "A" => (
            "(?P<A>wednesday|thursday|saturday|tuesday|monday|friday|sunday)".into(),
            "DAYNAME",
        ),
        "b" => (format!("(?P<b>{months})"), "MON"),
        "B" => (
            "(?P<B>september|february|november|december|january|october|august|march|april|june|july|may)".into(),
            "MONTH",
        ),
        "d" => (r"(?P<d>[1-2]\d|[0 ]?[1-9]|3[0-1])".into(), "Day"),
        "f" => ("(?P<f>[0-9]{1,6})".into(), "Microseconds"),
        "H" => (r"(?P<H>[0-1]?\d|2[0-3])".into(), "24hour"),
        "I" => ("(?P<I>1[0-2]|0[1-9]|[1-9])".into(), "12hour"),
        "j" => (
            r"(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])".into(),
            "Yearday",
        ),
        "m" => ("(?P<m>0?[1-9]|1[0-2])".into(), "Month"),
        "M" => (r"(?P<M>[0-5]?\d)".into(), "Minute"),
        "p" => ("(?P<p>am|pm)".into(), "AMPM"),
        "S" => (r"(?P<S>[0-5]?\d|6[0-1])".into(), "Second"),
        "w" => ("(?P<w>[0-6])".into(), "Weekday"),
        "y" => (r"(?P<y>\d\d)".into(), "Year2"),
        "Y" => (r"(?P<Y>\d{4})".into(), "Year"),
        "z" => (r"(?P<z>Z|UTC|GMT|[+-][01]\d(?::?\d{2})?)".into(), "Zone offset"),
        "Z" => ("(?P<Z>Z|[A-Z]{3,5})".into(), "Zone name"),
        "k" => (r" ?(?P<H>[0-2]?\d)".into(), "%k"),
        "l" => (r" ?(?P<I>1?\d)".into(), "%l"),
        "ExY" => (r"(?P<Y>(?:19[6-9]|20\d)\d)".into(), "ExYear"),
        "Exy" => (r"(?P<y>\d{2})".into(), "ExYear2"),
        "Exd" => (r"(?P<d>[1-2]\d|0[1-9]|3[0-1])".into(), "ExDay"),
        "Exm" => ("(?P<m>0[1-9]|1[0-2])".into(), "ExMonth"),
        "ExH" => (r"(?P<H>[0-1]\d|2[0-3])".into(), "Ex24hour"),
        "Exk" => (r" ?(?P<H>[0-1]?\d|2[0-3])".into(), "%Exk"),
        "Exl" => (r" ?(?P<I>1[0-2]|\d)".into(), "%Exl"),
        "ExM" => (r"(?P<M>[0-5]\d)".into(), "ExMinute"),
        "ExS" => (r"(?P<S>[0-5]\d|6[0-1])".into(), "ExSecond"),
        "ExZ" => (format!("(?P<Z>{TZ_ABBR})"), "ExZone name"),
        "Exz" => (
            format!(r"(?P<z>(?:{TZ_ABBR})?[+-][01]\d(?::?\d{{2}})?|{TZ_ABBR})"),
            "ExZone offset",
        ),
        _ => return None,
    })
}

/// Replace `%X` directives: (regex, name, has an alphabetic directive).
/// An unknown directive or a lone `%` is refused, as fail2ban refuses it.
fn expand_directives(pattern: &str) -> Result<(String, String, bool)> {
    let mut re = String::new();
    let mut name = String::new();
    let mut alpha = false;
    let mut rest = pattern;
    while let Some(p) = rest.find('%') {
        re.push_str(&rest[..p]);
        name.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        if let Some(a) = after.strip_prefix('%') {
            re.push('%');
            name.push('%');
            rest = a;
            continue;
        }
        let mut found = None;
        // `get`: a third byte inside a multi-byte character is no directive.
        if after.starts_with("Ex")
            && let Some(key) = after.get(..3)
            && let Some(d) = directive(key)
        {
            found = Some((d, 3));
        }
        if found.is_none()
            && let Some(c) = after.chars().next()
            && let Some(d) = directive(&after[..c.len_utf8()])
        {
            if "aAbBpc".contains(c) {
                alpha = true;
            }
            found = Some((d, c.len_utf8()));
        }
        match found {
            Some(((r, n), len)) => {
                re.push_str(&r);
                name.push_str(n);
                rest = &after[len..];
            }
            None => {
                let shown: String = after.chars().take(3).collect();
                return Err(Error::bad_input(format!(
                    "invalid datepattern {:?}: unknown directive %{} (write %% for a literal percent sign)",
                    crate::util::sanitize(&crate::util::clip(pattern, crate::util::QUOTE_MAX)),
                    crate::util::sanitize(&shown)
                )));
            }
        }
    }
    re.push_str(rest);
    name.push_str(rest);
    Ok((re, name, alpha))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Pattern,
    Epoch { long: bool, grp: usize },
    Tai64n,
}

/// One compiled date template.
#[derive(Debug, Clone)]
pub struct DateTemplate {
    pub name: String,
    pub line_begin: bool,
    re: super::regex::Lazy,
    /// The same regex on the regex crate's automata, when it has no fancy features.
    fast: Option<super::plain::Dual>,
    kind: Kind,
    /// Index of the group that spans the date (cut out of the line).
    grp: usize,
    fields: Vec<(char, usize)>,
}

#[derive(PartialEq)]
enum WordBegin {
    No,
    Yes,
    Start,
}

fn has_plain_group(re: &str) -> bool {
    // `(?<!(?:\(\?))(?<!\\)\((?!\?)`
    let b = re.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'('
            && b.get(i + 1) != Some(&b'?')
            && !(i >= 1 && b[i - 1] == b'\\')
            && !(i >= 2 && &b[i - 2..i] == b"(?")
    })
}

fn leading_flags(re: &str) -> usize {
    // `(?\w+)` at the start
    if let Some(r) = re.strip_prefix("(?") {
        let n = r
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
            .count();
        if n > 0 && r.as_bytes().get(n) == Some(&b')') {
            return n + 3;
        }
    }
    0
}

impl DateTemplate {
    /// `DateTemplate.setRegex`: add word or line boundaries and the date group.
    fn build(
        mut name: String,
        regex: &str,
        word_begin: WordBegin,
        word_end: bool,
        kind: Kind,
    ) -> Result<DateTemplate> {
        let mut regex = regex.trim().to_string();
        // A global flag group moves to the front.
        let mut gf = String::new();
        if let Some(p) = regex.find("(?") {
            let l = leading_flags(&regex[p..]);
            if l > 0
                && regex[p + 2..p + l - 1]
                    .bytes()
                    .all(|c| c.is_ascii_lowercase())
            {
                gf = regex[p..p + l].to_string();
                regex.replace_range(p..p + l, "");
            }
        }
        let no_bound_beg = {
            let t = regex.trim_start_matches('(');
            let t = &t[leading_flags(t)..];
            t.starts_with('^')
                || t.trim_start_matches('(').starts_with("**")
                || t.starts_with("(^")
                || t.starts_with("(?:^")
        };
        let no_bound_end = {
            let t = regex.trim_end_matches(')');
            (regex.ends_with('$') || regex.ends_with("$)")) && !regex.ends_with("\\$")
                || regex.ends_with("\\b")
                || regex.ends_with("\\s")
                || t.ends_with("**")
        };
        let bound_begin = word_begin != WordBegin::No && !no_bound_beg;
        let bound_end = word_end && !no_bound_end;
        if !has_plain_group(&regex) {
            let lf = leading_flags(&regex);
            let mut head = regex[..lf].to_string();
            let mut body = &regex[lf..];
            if let Some(b) = body.strip_prefix('^') {
                head.push('^');
                body = b;
            }
            let lf2 = leading_flags(body);
            head.push_str(&body[..lf2]);
            body = &body[lf2..];
            let (body, tail) = match body.strip_suffix('$') {
                Some(b) => (b, "$"),
                None => (body, ""),
            };
            regex = format!("{head}({body}){tail}");
        }
        let mut line_begin = false;
        if bound_begin {
            if word_begin == WordBegin::Start {
                line_begin = true;
                regex = format!(r"^(?:\W{{0,2}})?{regex}");
                if !name.starts_with("{^LN-BEG}") {
                    name = format!("{{^LN-BEG}}{name}");
                }
            } else {
                regex = format!("{WORD_EDGE}{regex}");
            }
        }
        if bound_end {
            regex.push_str(WORD_EDGE);
        }
        if !line_begin {
            let t = &regex[leading_flags(&regex)..];
            line_begin = t.starts_with('^')
                || ((t.starts_with("(^") || t.starts_with("(?:^"))
                    && !t
                        .trim_start_matches("(?:")
                        .trim_start_matches('(')
                        .starts_with("^|"));
        }
        let regex = format!("{gf}{}", regex.replace("**", ""));
        let rust = python_to_rust(&regex).replace(WORD_EDGE, RUST_WORD_EDGE);
        let bad = |e: fancy_regex::Error| {
            Error::bad_input(format!(
                "cannot compile date pattern {name:?} ({regex}): {e}"
            ))
        };
        let (names, slots) = super::regex::tree_groups(&rust).map_err(bad)?;
        // Plain templates run on the regex crate; their fancy form compiles on first use.
        let fast = super::plain::Parsed::new(&rust)
            .is_some_and(|p| p.is_plain(slots - 1))
            .then(|| super::plain::Dual::new(&rust))
            .flatten()
            .filter(|d| d.group_len() == slots);
        // The fancy form compiles on first use (built-in templates are known to
        // compile; `DateDetector::new` checks a filter's own patterns at once).
        let re = super::regex::Lazy::later(&rust);
        let mut fields = Vec::new();
        for (n, idx) in names {
            if n.len() == 1
                && let Some(c) = n.chars().next()
            {
                fields.push((c, idx));
            }
        }
        let grp = match kind {
            Kind::Epoch { grp, .. } => grp,
            _ => 1,
        };
        Ok(DateTemplate {
            name,
            line_begin,
            re,
            fast,
            kind,
            grp,
            fields,
        })
    }

    /// Compile the fancy form now, so that a bad pattern is reported at once.
    fn check(&self) -> Result<()> {
        if self.fast.is_some() {
            return Ok(());
        }
        self.re.check().map_err(|e| {
            Error::bad_input(format!("cannot compile date pattern {:?}: {e}", self.name))
        })
    }

    /// `DatePatternRegex(pattern)`.
    pub fn pattern(pattern: &str) -> Result<DateTemplate> {
        let mut pat = pattern;
        let mut wb = WordBegin::Yes;
        let mut we = true;
        if let Some(p) = pat.strip_prefix("{UNB}") {
            pat = p;
            wb = WordBegin::No;
            we = false;
        }
        if wb == WordBegin::Yes
            && let Some(p) = pat.strip_prefix("{^LN-BEG}")
        {
            pat = p;
            wb = WordBegin::Start;
        }
        let (mut re, name, alpha) = expand_directives(pat)?;
        if alpha {
            re = format!("(?iu){re}");
        }
        Self::build(name, &re, wb, we, Kind::Pattern)
    }

    fn epoch(line_begin_only: bool, long: bool) -> Result<DateTemplate> {
        let epoch = if long {
            r"\d{10,11}(?:\d{3}(?:\.\d{1,6}|\d{3})?)?"
        } else {
            r"\d{10,11}\b(?:\.\d{3,6})?"
        };
        let name = if long { "LongEpoch" } else { "Epoch" }.to_string();
        let kind = Kind::Epoch { long, grp: 1 };
        if !line_begin_only {
            let re = r"((?:^|(?P<square>(?<=^\[))|(?P<selinux>(?<=\baudit\()))%E)(?:(?(selinux)(?=:\d+\)))|(?(square)(?=\])))"
                .replace("%E", epoch);
            Self::build(name, &re, WordBegin::No, true, kind)
        } else {
            let re = r"((?P<square>(?<=^\[))?%E)(?(square)(?=\]))".replace("%E", epoch);
            Self::build(name, &re, WordBegin::Start, true, kind)
        }
    }

    fn tai64n(line_begin: bool) -> Result<DateTemplate> {
        let wb = if line_begin {
            WordBegin::Start
        } else {
            WordBegin::No
        };
        Self::build("TAI64N".into(), "@[0-9a-f]{24}", wb, true, Kind::Tai64n)
    }

    /// fail2ban's `_getPatternTemplate`.
    pub fn from_spec(pattern: &str) -> Result<DateTemplate> {
        let key = if pattern.contains('%') {
            pattern.to_string()
        } else {
            pattern.to_uppercase()
        };
        match key.as_str() {
            "EPOCH" => Self::epoch(false, false),
            "{^LN-BEG}EPOCH" | "^EPOCH" => Self::epoch(true, false),
            "LEPOCH" => Self::epoch(false, true),
            "{^LN-BEG}LEPOCH" | "^LEPOCH" => Self::epoch(true, true),
            "TAI64N" => Self::tai64n(false),
            "{^LN-BEG}TAI64N" | "^TAI64N" => Self::tai64n(true),
            _ => Self::pattern(pattern),
        }
    }

    fn anchored(spec: &str) -> Result<DateTemplate> {
        Self::from_spec(&format!("{{^LN-BEG}}{spec}"))
    }

    pub fn search<'t>(&self, line: &'t str) -> Option<fancy_regex::Captures<'t, str>> {
        self.re.get()?.captures(line).ok().flatten()
    }

    /// The date span to cut out (`match.start(1)`, `match.end(1)`).
    pub fn span(&self, caps: &fancy_regex::Captures<'_, str>) -> Option<(usize, usize)> {
        caps.get(self.grp).map(|m| (m.start(), m.end()))
    }

    /// `span` for spans recorded by [`DateDetector::locate`].
    pub fn span_of(&self, spans: &[Option<(usize, usize)>]) -> Option<(usize, usize)> {
        spans.get(self.grp).copied().flatten()
    }

    /// `time` for spans recorded by [`DateDetector::locate`] on `line`.
    pub fn time_of(
        &self,
        line: &str,
        spans: &[Option<(usize, usize)>],
        ctx: &TimeContext<'_>,
    ) -> Option<f64> {
        self.time_with(
            |i| {
                spans
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|(s, e)| line.get(s..e))
            },
            ctx,
        )
    }

    /// `getDate`: the timestamp, or None when the fields do not form a valid date.
    pub fn time(
        &self,
        caps: &fancy_regex::Captures<'_, str>,
        ctx: &TimeContext<'_>,
    ) -> Option<f64> {
        self.time_with(|i| caps.get(i).map(|m| m.as_str()), ctx)
    }

    fn time_with<'t>(
        &self,
        get: impl Fn(usize) -> Option<&'t str>,
        ctx: &TimeContext<'_>,
    ) -> Option<f64> {
        match self.kind {
            Kind::Epoch { long, grp } => {
                let v = get(grp)?;
                let f: f64 = v.parse().ok()?;
                if long && v.len() >= 13 {
                    if v.len() >= 16 && !v.contains('.') {
                        Some(f / 1_000_000.0)
                    } else {
                        Some(f / 1000.0)
                    }
                } else {
                    Some(f)
                }
            }
            Kind::Tai64n => {
                let v = get(1)?;
                let secs = i64::from_str_radix(v.get(2..17)?, 16).ok()?;
                Some(secs as f64)
            }
            Kind::Pattern => strptime(
                self.fields
                    .iter()
                    .filter_map(|(c, i)| get(*i).map(|m| (*c, m))),
                ctx,
            ),
        }
    }
}

/// What date parsing needs from outside: now, the local zone, `logtimezone`.
pub struct TimeContext<'a> {
    pub now: DateTime<Utc>,
    pub zone: &'a dyn LocalZone,
    /// Offset in minutes applied when a line has no zone of its own.
    pub default_tz: Option<i32>,
}

fn month_index(v: &str, full: bool) -> Option<u32> {
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const LONG: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let list: &[&str] = if full { &LONG } else { &SHORT };
    list.iter()
        .position(|m| m.eq_ignore_ascii_case(v))
        .map(|p| p as u32 + 1)
}

/// Zone abbreviation → offset in minutes (fail2ban's TZ_STR table).
fn tz_abbr_offset(abbr: &str) -> Option<i32> {
    const TABLE: &[(f32, &str)] = &[
        (-12.0, "Y"),
        (-11.0, "X NUT SST"),
        (-10.0, "W CKT HAST HST TAHT TKT"),
        (-9.0, "V AKST GAMT GIT HADT HNY"),
        (-8.0, "U AKDT CIST HAY HNP PST PT"),
        (-7.0, "T HAP HNR MST PDT"),
        (-6.0, "S CST EAST GALT HAR HNC MDT"),
        (-5.0, "R CDT COT EASST ECT EST ET HAC HNE PET"),
        (-4.0, "Q AST BOT CLT COST EDT FKT GYT HAE HNA PYT"),
        (
            -3.0,
            "P ADT ART BRT CLST FKST GFT HAA PMST PYST SRT UYT WGT",
        ),
        (-2.0, "O BRST FNT PMDT UYST WGST"),
        (-1.0, "N AZOT CVT EGT"),
        (0.0, "Z EGST GMT UTC WET WT"),
        (1.0, "A CET DFT WAT WEDT WEST"),
        (2.0, "B CAT CEDT CEST EET SAST WAST"),
        (3.0, "C EAT EEDT EEST IDT MSK"),
        (4.0, "D AMT AZT GET GST KUYT MSD MUT RET SAMT SCT"),
        (
            5.0,
            "E AMST AQTT AZST HMT MAWT MVT PKT TFT TJT TMT UZT YEKT",
        ),
        (6.0, "F ALMT BIOT BTT IOT KGT NOVT OMST YEKST"),
        (7.0, "G CXT DAVT HOVT ICT KRAT NOVST OMSST THA WIB"),
        (
            8.0,
            "H ACT AWST BDT BNT CAST HKT IRKT KRAST MYT PHT SGT ULAT WITA WST",
        ),
        (9.0, "I AWDT IRKST JST KST PWT TLT WDT WIT YAKT"),
        (10.0, "K AEST ChST PGT VLAT YAKST YAPT"),
        (11.0, "L AEDT LHDT MAGT NCT PONT SBT VLAST VUT"),
        (
            12.0,
            "M ANAST ANAT FJT GILT MAGST MHT NZST PETST PETT TVT WFT",
        ),
        (13.0, "FJST NZDT"),
        (11.5, "NFT"),
        (10.5, "ACDT LHST"),
        (9.5, "ACST"),
        (6.5, "CCT MMT"),
        (5.75, "NPT"),
        (5.5, "SLT"),
        (4.5, "AFT IRDT"),
        (3.5, "IRST"),
        (-2.5, "HAT NDT"),
        (-3.5, "HNT NST NT"),
        (-4.5, "HLV VET"),
        (-9.5, "MART MIT"),
    ];
    if abbr.is_empty() {
        return Some(0);
    }
    TABLE
        .iter()
        .find(|(_, names)| names.split(' ').any(|n| n == abbr))
        .map(|(h, _)| (h * 60.0) as i32)
}

/// `zone2offset`: `CET`, `+0200`, `UTC-05:00`, … → minutes east of UTC.
pub fn zone_offset(z: &str) -> Option<i32> {
    if matches!(z, "Z" | "UTC" | "GMT") {
        return Some(0);
    }
    let split = z.find(['+', '-']).unwrap_or(z.len());
    let (abbr, off) = z.split_at(split);
    let base = tz_abbr_offset(abbr)?;
    if off.is_empty() {
        return Some(base);
    }
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits = &off[1..];
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else if let Some((h, m)) = digits.split_once(':') {
        (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)
    } else {
        (
            digits.get(..2)?.parse().ok()?,
            digits.get(2..)?.parse().ok()?,
        )
    };
    Some(base + sign * (h * 60 + m))
}

/// fail2ban's `reGroupDictStrptime` (fractions are ignored, as fail2ban does).
fn strptime<'a>(
    fields: impl Iterator<Item = (char, &'a str)>,
    ctx: &TimeContext<'_>,
) -> Option<f64> {
    let mut year: Option<i32> = None;
    let (mut month, mut day): (Option<u32>, Option<u32>) = (None, None);
    let (mut hour, mut minute, mut second) = (0u32, 0u32, 0u32);
    let mut tzoffset: Option<i32> = None;
    let mut julian: Option<u32> = None;
    let mut ampm: Option<String> = None;
    let mut hour12: Option<u32> = None;
    for (k, v) in fields {
        match k {
            'y' => {
                let y: i32 = v.trim().parse().ok()?;
                year = Some(if y <= 2000 { y + 2000 } else { y });
            }
            'Y' => year = Some(v.parse().ok()?),
            'm' => month = Some(v.trim().parse().ok()?),
            'b' => month = Some(month_index(v, false)?),
            'B' => month = Some(month_index(v, true)?),
            'd' => day = Some(v.trim().parse().ok()?),
            'H' => hour = v.trim().parse().ok()?,
            'I' => hour12 = Some(v.trim().parse().ok()?),
            'p' => ampm = Some(v.to_lowercase()),
            'M' => minute = v.parse().ok()?,
            'S' => second = v.parse().ok()?,
            'j' => julian = Some(v.parse().ok()?),
            'z' | 'Z' => tzoffset = Some(zone_offset(v)?),
            _ => {}
        }
    }
    if let Some(h) = hour12 {
        hour = match ampm.as_deref() {
            Some("pm") if h != 12 => h + 12,
            Some("pm") => h,
            _ if h == 12 => 0,
            _ => h,
        };
    }
    let now_local = ctx.zone.to_local(ctx.now.timestamp());
    let assume_year = year.is_none();
    let mut year = year.unwrap_or(now_local.year());
    if (month.is_none() || day.is_none())
        && let Some(j) = julian
    {
        let d = NaiveDate::from_ymd_opt(year, 1, 1)? + Duration::days(i64::from(j) - 1);
        year = d.year();
        month = Some(d.month());
        day = Some(d.day());
    }
    let mut assume_today = false;
    if month.is_none() && day.is_none() {
        month = Some(now_local.month());
        day = Some(now_local.day());
        assume_today = true;
    }
    let (month, day) = (month?, day?);
    let mut result =
        NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    if tzoffset.is_none() {
        tzoffset = ctx.default_tz;
    }
    if let Some(off) = tzoffset {
        result -= Duration::minutes(i64::from(off));
    }
    if assume_today && result > now_local {
        result -= Duration::days(1);
    }
    if assume_year && result > now_local + Duration::days(1) {
        result = NaiveDate::from_ymd_opt(year - 1, month, day)?.and_time(result.time());
    }
    let ts = match tzoffset {
        Some(_) => result.and_utc().timestamp(),
        None => ctx.zone.to_utc(result)?,
    };
    Some(ts as f64)
}

#[derive(Clone)]
struct Slot {
    t: std::sync::Arc<DateTemplate>,
    hits: u64,
    distance: usize,
    /// Group spans of this template's last successful `locate` search.
    spans: Vec<Option<(usize, usize)>>,
    caps: Option<super::plain::DualCaps>,
}

impl Slot {
    /// Search `line`, recording group spans; the start of the match.
    fn locate(&mut self, line: &str) -> Option<usize> {
        if let Some(f) = &self.t.fast
            && let Some(c) = f.captures(line, self.caps.get_or_insert_with(Default::default))
        {
            if !c.is_match() {
                return None;
            }
            self.spans.clear();
            self.spans
                .extend((0..c.group_len()).map(|g| c.get_group(g).map(|m| (m.start, m.end))));
        } else {
            let c = self.t.search(line)?;
            self.spans.clear();
            self.spans
                .extend(c.iter().map(|m| m.map(|m| (m.start(), m.end()))));
        }
        self.spans.first().copied().flatten().map(|(s, _)| s)
    }
}

/// Which template a [`DateDetector`] chose for a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// (template index, start of its match in the line); None: no template matched.
    pub found: Option<(usize, usize)>,
    /// Chosen on the detector's last template alone (see [`DateDetector::accept`]).
    pub on_last: bool,
}

/// The list of templates for one filter, with fail2ban's search preferences.
#[derive(Clone)]
pub struct DateDetector {
    slots: Vec<Slot>,
    last_idx: Option<usize>,
    last_pos: usize,
    /// `{NONE}`: never look for a date; lines get "now".
    pub none: bool,
}

fn default_templates() -> Result<(Vec<DateTemplate>, Vec<DateTemplate>)> {
    // fail2ban caches an anchored copy (weight 100, tried first) of every template that
    // is not anchored itself.
    let mut anchored = Vec::new();
    let mut plain = Vec::new();
    for spec in DEFAULT_TEMPLATES {
        let t = DateTemplate::from_spec(spec)?;
        if !spec.starts_with("{^LN-BEG}") && !spec.starts_with('^') {
            let a = DateTemplate::anchored(spec)?;
            if a.name != t.name {
                anchored.push(a);
            }
        }
        plain.push(t);
    }
    Ok((anchored, plain))
}

impl DateDetector {
    /// Build from a filter's `datepattern` (None = fail2ban's defaults). Several
    /// patterns may be given, one per line.
    pub fn new(datepattern: Option<&str>) -> Result<DateDetector> {
        let mut det = DateDetector {
            slots: Vec::new(),
            last_idx: None,
            last_pos: 1,
            none: false,
        };
        let push = |det: &mut DateDetector, t: DateTemplate| {
            if !det.slots.iter().any(|s| s.t.name == t.name) {
                det.slots.push(Slot {
                    t: std::sync::Arc::new(t),
                    hits: 0,
                    distance: usize::MAX,
                    spans: Vec::new(),
                    caps: None,
                });
            }
        };
        let patterns: Vec<&str> = match datepattern {
            None => vec!["{DEFAULT}"],
            Some(p) => p
                .split('\n')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
        };
        for p in patterns {
            let key = if p.contains('%') {
                p.to_string()
            } else {
                p.to_uppercase()
            };
            match key.as_str() {
                "{^LN-BEG}" | "{DEFAULT}" => {
                    let (a, plain) = default_templates()?;
                    for t in a.into_iter().chain(plain) {
                        if key == "{DEFAULT}" || t.line_begin {
                            push(&mut det, t);
                        }
                    }
                }
                "{NONE}" => det.none = true,
                _ if key.contains("{DATE}") => {
                    for spec in DEFAULT_TEMPLATES {
                        if matches!(*spec, "EPOCH" | "TAI64N") {
                            continue;
                        }
                        let inner = spec.trim_start_matches("{^LN-BEG}").trim_start_matches('^');
                        let full = format!("{{UNB}}{}", p.replace("{DATE}", inner));
                        let t = DateTemplate::pattern(&full)?;
                        t.check()?;
                        push(&mut det, t);
                    }
                }
                _ => {
                    let t = DateTemplate::from_spec(p)?;
                    t.check()?;
                    push(&mut det, t);
                }
            }
        }
        Ok(det)
    }

    /// Find the date: (template index, captures). Follows fail2ban's preferences: the
    /// last anchored template first, anchored templates win at once, otherwise the
    /// earliest match in the line.
    pub fn find<'t>(&mut self, line: &'t str) -> Option<(usize, fancy_regex::Captures<'t, str>)> {
        let c = self.choose(line, |slot, line| {
            slot.t
                .search(line)
                .map(|c| c.get(0).map(|m| m.start()).unwrap_or(0))
        });
        self.commit(&c);
        let i = c.found?.0;
        let c = self.slots[i].t.search(line)?;
        Some((i, c))
    }

    /// `find` without fancy-regex captures: the template index; its group spans are
    /// then in [`DateDetector::spans`].
    pub fn locate(&mut self, line: &str) -> Option<usize> {
        let c = self.probe(line);
        self.commit(&c);
        c.found.map(|(i, _)| i)
    }

    /// The template fail2ban would choose for `line` in the detector's present state,
    /// without recording it (see [`DateDetector::accept`]); its group spans are then in
    /// [`DateDetector::spans`].
    pub fn probe(&mut self, line: &str) -> Choice {
        self.choose(line, |slot, line| slot.locate(line))
    }

    /// Group spans of template `i` from the last `locate` that returned it.
    pub fn spans(&self, i: usize) -> &[Option<(usize, usize)>] {
        self.slots.get(i).map(|s| s.spans.as_slice()).unwrap_or(&[])
    }

    /// Record `c`, a choice made by this detector or by a copy of it, when it is the
    /// choice this detector makes in its present state; false (nothing recorded) when
    /// that cannot be told without searching again.
    ///
    /// A choice holds whatever the state when no template matched (every one was
    /// tried), and when it was made on the last template alone and that template is
    /// still the last one and still qualifies.
    pub fn accept(&mut self, c: &Choice) -> bool {
        let Some((i, start)) = c.found else {
            return true;
        };
        if !c.on_last || self.last_idx != Some(i) {
            return false;
        }
        let n = self.slots.len();
        let Some(slot) = self.slots.get(i) else {
            return false;
        };
        if !(slot.t.line_begin || n == 1 || start == slot.distance) {
            return false;
        }
        self.hit(i, start);
        true
    }

    /// fail2ban's template choice; `search` gives a template's match start in the line.
    /// Nothing is recorded: the detector after `choose` + `accept` is as before `pick`.
    fn choose(
        &mut self,
        line: &str,
        mut search: impl FnMut(&mut Slot, &str) -> Option<usize>,
    ) -> Choice {
        let mut choice = Choice {
            found: None,
            on_last: false,
        };
        if self.none || self.slots.is_empty() {
            return choice;
        }
        let mut skip = None;
        let n = self.slots.len();
        // A collision of the last template is kept as the fallback, as fail2ban does.
        let mut best: Option<(usize, usize)> = None;
        if let Some(i) = self.last_idx
            && let Some(slot) = self.slots.get_mut(i)
        {
            if let Some(start) = search(slot, line) {
                if slot.t.line_begin || n == 1 || start == slot.distance {
                    choice.found = Some((i, start));
                    choice.on_last = true;
                    return choice;
                }
                best = Some((i, start));
            }
            skip = Some(i);
        }
        for i in 0..n {
            if Some(i) == skip {
                continue;
            }
            let Some(distance) = search(&mut self.slots[i], line) else {
                continue;
            };
            if i + 1 >= n || self.slots[i].t.line_begin {
                choice.found = Some((i, distance));
                return choice;
            }
            if distance == 0 && self.slots[i].hits > 0 && self.slots[i + 1].hits == 0 {
                choice.found = Some((i, distance));
                return choice;
            }
            if (self.slots[i].distance != usize::MAX && distance > self.slots[i].distance)
                || distance > self.last_pos
            {
                if best.is_none_or(|(_, d)| distance < d) {
                    best = Some((i, distance));
                }
                continue;
            }
            choice.found = Some((i, distance));
            return choice;
        }
        if let Some((i, _)) = best
            && let Some(start) = search(&mut self.slots[i], line)
        {
            choice.found = Some((i, start));
        }
        choice
    }

    /// Record a choice this detector made (by `probe`) in its present state.
    pub fn commit(&mut self, c: &Choice) {
        if let Some((i, start)) = c.found {
            self.hit(i, start);
        }
    }

    fn hit(&mut self, i: usize, start: usize) {
        if let Some(s) = self.slots.get_mut(i) {
            s.hits += 1;
            s.distance = start;
        }
        self.last_pos = start;
        self.last_idx = Some(i);
    }

    pub fn template(&self, i: usize) -> Option<&DateTemplate> {
        self.slots.get(i).map(|s| s.t.as_ref())
    }

    /// (template name, hits) for templates that matched at least once, list order.
    pub fn hits(&self) -> Vec<(String, u64)> {
        self.slots
            .iter()
            .filter(|s| s.hits > 0)
            .map(|s| (s.t.name.clone(), s.hits))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(zone: &FixedZone) -> TimeContext<'_> {
        TimeContext {
            now: Utc.with_ymd_and_hms(2005, 8, 14, 10, 0, 0).unwrap(),
            zone,
            default_tz: None,
        }
    }

    fn parse(det: &mut DateDetector, line: &str, zone: &FixedZone) -> Option<(String, f64)> {
        let (i, c) = det.find(line)?;
        let t = det.template(i)?;
        let (s, e) = t.span(&c)?;
        Some((line[s..e].to_string(), t.time(&c, &ctx(zone))?))
    }

    #[test]
    fn syslog_without_year_uses_now_year_or_previous() {
        let z = FixedZone(0);
        let mut d = DateDetector::new(Some("{^LN-BEG}")).unwrap();
        let (text, t) = parse(&mut d, "Aug 14 11:59:59 host sshd[1]: x", &z).unwrap();
        assert_eq!(text, "Aug 14 11:59:59");
        assert_eq!(
            t as i64,
            Utc.with_ymd_and_hms(2005, 8, 14, 11, 59, 59)
                .unwrap()
                .timestamp()
        );
        // More than a day in the future → last year.
        let (_, t) = parse(&mut d, "Dec 24 10:00:00 host x", &z).unwrap();
        assert_eq!(
            t as i64,
            Utc.with_ymd_and_hms(2004, 12, 24, 10, 0, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(
            d.hits()[0].0,
            "{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second(?:\\.Microseconds)?(?: ExYear)?"
        );
    }

    #[test]
    fn iso_with_zone_and_epoch() {
        let z = FixedZone(3600);
        let mut d = DateDetector::new(None).unwrap();
        let (_, t) = parse(&mut d, "2005-08-14 12:00:00 +0200 x", &z).unwrap();
        assert_eq!(
            t as i64,
            Utc.with_ymd_and_hms(2005, 8, 14, 10, 0, 0)
                .unwrap()
                .timestamp()
        );
        let (_, t) = parse(&mut d, "2005-08-14 12:00:00 x", &z).unwrap();
        assert_eq!(
            t as i64,
            Utc.with_ymd_and_hms(2005, 8, 14, 11, 0, 0)
                .unwrap()
                .timestamp()
        );
        let mut d = DateDetector::new(Some("EPOCH")).unwrap();
        let (_, t) = parse(&mut d, "1124013600.123 x", &z).unwrap();
        assert!((t - 1124013600.123).abs() < 1e-6);
        let mut d = DateDetector::new(Some("LEPOCH")).unwrap();
        let (_, t) = parse(&mut d, "1124013600123 x", &z).unwrap();
        assert!((t - 1124013600.123).abs() < 1e-6);
    }

    #[test]
    fn a_copy_s_choice_is_accepted_only_when_it_is_the_same_choice() {
        let mut main = DateDetector::new(None).unwrap();
        let iso = "2005-08-14 12:00:00 x";
        let syslog = "Aug 14 12:00:00 host x";
        let i_iso = main.locate(iso).unwrap();
        let mut copy = main.clone();
        // The copy's last template (ISO) misses: a search over all templates.
        let c = copy.probe(syslog);
        let (i_sys, _) = c.found.unwrap();
        assert_ne!(i_sys, i_iso);
        assert!(!c.on_last);
        assert!(!main.accept(&c));
        copy.commit(&c);
        // Made on the copy's last template, which is not the main detector's last.
        let c2 = copy.probe(syslog);
        assert!(c2.on_last);
        assert!(!main.accept(&c2));
        let own = main.probe(syslog);
        main.commit(&own);
        assert!(main.accept(&c2));
        // No template at all: the same in every state.
        let none = copy.probe("no date here");
        assert_eq!(none.found, None);
        assert!(main.accept(&none));
        let hits: u64 = main.hits().iter().map(|(_, h)| h).sum();
        assert_eq!(hits, 3);
    }

    #[test]
    fn custom_patterns() {
        let z = FixedZone(0);
        let mut d = DateDetector::new(Some("^%%d/%%b/%%Y:%%H:%%M:%%S".replace("%%", "%").as_str()))
            .unwrap();
        let (text, _) = parse(&mut d, "14/Aug/2005:09:00:00 x", &z).unwrap();
        assert_eq!(text, "14/Aug/2005:09:00:00");
        let mut d = DateDetector::new(Some("%ExY-%Exm-%Exd %ExH:%ExM:%ExS")).unwrap();
        assert!(parse(&mut d, "2005-8-14 09:00:00", &z).is_none());
        let mut d = DateDetector::new(Some("{NONE}")).unwrap();
        assert!(d.find("2005-08-14 09:00:00").is_none());
        let mut d = DateDetector::new(Some("%b %d, %ExY %I:%M:%S %p")).unwrap();
        let (_, t) = parse(&mut d, "Aug 14, 2005 1:00:00 PM x", &z).unwrap();
        assert_eq!(
            t as i64,
            Utc.with_ymd_and_hms(2005, 8, 14, 13, 0, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(zone_offset("CEST"), Some(120));
        assert_eq!(zone_offset("-05:30"), Some(-330));
    }
}
