//! One date template: fail2ban's default patterns, `%` directives expanded into a
//! regex with its word or line bounds, EPOCH/LEPOCH/TAI64N, and reading a match's
//! fields back as a time.

use super::strptime::{TimeContext, strptime};
use crate::filter::regex::python_to_rust;
use crate::{Error, Result};

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
    re: crate::filter::regex::Lazy,
    /// The same regex on the regex crate's automata, when it has no fancy features.
    pub(super) fast: Option<crate::filter::plain::Dual>,
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
        let (names, slots) = crate::filter::regex::tree_groups(&rust).map_err(bad)?;
        // Plain templates run on the regex crate; their fancy form compiles on first use.
        let fast = crate::filter::plain::Parsed::new(&rust)
            .is_some_and(|p| p.is_plain(slots - 1))
            .then(|| crate::filter::plain::Dual::new(&rust))
            .flatten()
            .filter(|d| d.group_len() == slots);
        // The fancy form compiles on first use (built-in templates are known to
        // compile; `DateDetector::new` checks a filter's own patterns at once).
        let re = crate::filter::regex::Lazy::later(&rust);
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
    pub(super) fn check(&self) -> Result<()> {
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

    pub(super) fn anchored(spec: &str) -> Result<DateTemplate> {
        Self::from_spec(&format!("{{^LN-BEG}}{spec}"))
    }

    pub fn search<'t>(&self, line: &'t str) -> Option<fancy_regex::Captures<'t, str>> {
        self.re.get()?.captures(line).ok().flatten()
    }

    /// The date span to cut out (`match.start(1)`, `match.end(1)`).
    pub fn span(&self, caps: &fancy_regex::Captures<'_, str>) -> Option<(usize, usize)> {
        caps.get(self.grp).map(|m| (m.start(), m.end()))
    }

    /// `span` for spans recorded by [`DateDetector::locate`](super::DateDetector::locate).
    pub fn span_of(&self, spans: &[Option<(usize, usize)>]) -> Option<(usize, usize)> {
        spans.get(self.grp).copied().flatten()
    }

    /// `time` for spans recorded by
    /// [`DateDetector::locate`](super::DateDetector::locate) on `line`.
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
