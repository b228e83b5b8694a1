//! Running a plain form: [`Dual`] (ASCII and Unicode automata, a bounded
//! backtracker, PCRE2's JIT) and the translation of a pattern into PCRE2 syntax.

use regex_automata::util::primitives::NonMaxUsize;

/// A plain regex compiled for ASCII haystacks, and (lazily, on the first non-ASCII
/// haystack) as written. On ASCII text every class, boundary, `.` and case fold behaves
/// the same with or without Unicode, and the ASCII automata are many times smaller (a
/// Unicode `\w` alone is hundreds of UTF-8 states), so building and searching are
/// faster. A single anchored pattern also gets a bounded backtracker on the ASCII NFA:
/// for captures it skips the DFA pass that the meta regex makes first; and when the
/// pattern reads the same in PCRE2 ([`to_pcre`]), PCRE2's JIT does that search, many
/// times faster per step, with the backtracker as the fallback. Every automaton is
/// built on first use.
#[derive(Debug, Clone)]
pub struct Dual {
    patterns: Vec<String>,
    /// The patterns for the ASCII automata; None when they need Unicode.
    ascii_patterns: Option<Vec<String>>,
    config: regex_automata::meta::Config,
    uni: std::sync::OnceLock<Option<regex_automata::meta::Regex>>,
    ascii: std::sync::OnceLock<Option<regex_automata::meta::Regex>>,
    bt: std::sync::OnceLock<Option<regex_automata::nfa::thompson::backtrack::BoundedBacktracker>>,
    /// PCRE2 (JIT-compiled) for the backtracker's job: the same leftmost-first search,
    /// many times faster per step.
    pcre: std::sync::OnceLock<Option<pcre2::bytes::Regex>>,
    groups: usize,
}

/// The regex crate's syntax, as printed here, in PCRE2's: None for anything whose
/// meaning could differ (flags other than `i` and `s`, Unicode classes, class set
/// operations, special escapes). `$` without multi-line is the end of the text in the
/// regex crate but may match before a final newline in PCRE2, so it becomes `\z`.
fn to_pcre(p: &str) -> Option<String> {
    let b = p.as_bytes();
    let mut out = String::with_capacity(p.len() + 16);
    let (mut i, mut class) = (0, false);
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' if !class && p[i..].starts_with("\\b{") => {
                // The regex crate's half boundaries as look-arounds.
                let (pat, rep) = if p[i..].starts_with("\\b{start-half}") {
                    ("\\b{start-half}", "(?<!\\w)")
                } else if p[i..].starts_with("\\b{end-half}") {
                    ("\\b{end-half}", "(?!\\w)")
                } else {
                    return None;
                };
                out.push_str(rep);
                i += pat.len();
                continue;
            }
            b'\\' => {
                let e = *b.get(i + 1)?;
                // Escapes both engines read alike; anything else is left alone.
                if !(e.is_ascii_punctuation() && e != b'<' && e != b'>' && e != b'_'
                    || b"dDwWsSbBntrfvaz".contains(&e))
                    || (e == b'b' || e == b'B') && class
                {
                    return None;
                }
                out.push('\\');
                out.push(e as char);
                i += 2;
                continue;
            }
            b'[' if !class => {
                class = true;
                out.push('[');
                if b.get(i + 1) == Some(&b'^') {
                    out.push('^');
                    i += 1;
                }
                if b.get(i + 1) == Some(&b']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            b'[' if class => {
                // Only `[:name:]` may nest.
                if b.get(i + 1) != Some(&b':') {
                    return None;
                }
                let e = p[i..].find(":]")?;
                out.push_str(&p[i..i + e + 2]);
                i += e + 2;
                continue;
            }
            b']' if class => {
                class = false;
                out.push(']');
            }
            b'&' | b'-' | b'~' if class && b.get(i + 1) == Some(&c) => return None,
            b'$' if !class => out.push_str("\\z"),
            b'(' if !class && b.get(i + 1) == Some(&b'?') => {
                let rest = &b[i + 2..];
                if rest.starts_with(b"P<") || rest.starts_with(b"<") || rest.starts_with(b":") {
                    out.push('(');
                } else {
                    // A flag group: `(?flags)` or `(?flags:`.
                    let n = rest
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic() || **c == b'-')
                        .count();
                    if !rest[..n].iter().all(|c| matches!(c, b'i' | b's' | b'-'))
                        || !matches!(rest.get(n), Some(b')' | b':'))
                    {
                        return None;
                    }
                    out.push('(');
                }
            }
            c if c.is_ascii() => out.push(c as char),
            _ => return None,
        }
        i += 1;
    }
    (!class).then_some(out)
}

fn ascii_syntax() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .unicode(false)
        .utf8(false)
}

/// Capture groups in a regex crate pattern, group 0 included: every `(` that is not
/// escaped, not in a class and not `(?…` other than a named group.
fn count_groups(p: &str) -> usize {
    let b = p.as_bytes();
    let (mut n, mut i, mut class) = (1, 0, false);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !class => {
                class = true;
                // `[]…]` and `[^]…]` start with a literal `]`.
                if b.get(i + 1) == Some(&b'^') {
                    i += 1;
                }
                if b.get(i + 1) == Some(&b']') {
                    i += 1;
                }
            }
            b'[' if class && b.get(i + 1) == Some(&b':') => {
                // `[:alpha:]` inside a class.
                if let Some(e) = p[i..].find(":]") {
                    i += e + 1;
                }
            }
            b']' if class => class = false,
            b'(' if !class => {
                let named = b[i + 1..].starts_with(b"?P<") || b[i + 1..].starts_with(b"?<");
                if b.get(i + 1) != Some(&b'?') || named {
                    n += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

/// Does a flag group (`(?u)`, `(?su:`, …) switch Unicode on?
fn enables_unicode(p: &str) -> bool {
    let b = p.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'('
            && b.get(i + 1) == Some(&b'?')
            && (i == 0 || b[i - 1] != b'\\')
            && b[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .any(|c| *c == b'u')
    })
}

/// Search scratch for a [`Dual`]: captures and caches of its own, so that threads
/// never share (or rebuild) the regexes' internal caches.
#[derive(Debug, Clone, Default)]
pub struct DualCaps {
    uni: Option<regex_automata::util::captures::Captures>,
    ascii: Option<regex_automata::util::captures::Captures>,
    uni_cache: Option<regex_automata::meta::Cache>,
    ascii_cache: Option<regex_automata::meta::Cache>,
    bt: Option<(
        regex_automata::nfa::thompson::backtrack::Cache,
        regex_automata::util::captures::Captures,
    )>,
    pcre: Option<pcre2::bytes::CaptureLocations>,
}

impl Dual {
    pub fn new(pattern: &str) -> Option<Dual> {
        Self::many(&[pattern], regex_automata::meta::Config::new())
    }

    pub fn many(patterns: &[&str], config: regex_automata::meta::Config) -> Option<Dual> {
        // `(?u)` would switch Unicode back on; the other flags stay.
        let ascii_pats: Vec<String> = patterns
            .iter()
            .map(|p| p.replace("(?iu)", "(?i)"))
            .collect();
        // Nothing is compiled here: the automata are built on first use, as most of a
        // filter's regexes (and date templates) never see a line. A pattern that turns
        // out not to build, or to count its groups otherwise, is simply not used.
        let ascii_ok = !ascii_pats.iter().any(|p| enables_unicode(p));
        let uni = std::sync::OnceLock::new();
        let groups = if ascii_ok {
            count_groups(&ascii_pats[0])
        } else {
            let u = regex_automata::meta::Regex::builder()
                .configure(config.clone())
                .build_many(patterns)
                .ok()?;
            let g = u.group_info().group_len(regex_automata::PatternID::ZERO);
            let _ = uni.set(Some(u));
            g
        };
        Some(Dual {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            ascii_patterns: ascii_ok.then_some(ascii_pats),
            config,
            uni,
            ascii: std::sync::OnceLock::new(),
            bt: std::sync::OnceLock::new(),
            pcre: std::sync::OnceLock::new(),
            groups,
        })
    }

    fn ascii(&self) -> Option<&regex_automata::meta::Regex> {
        let pats = self.ascii_patterns.as_ref()?;
        self.ascii
            .get_or_init(|| {
                regex_automata::meta::Regex::builder()
                    .configure(self.config.clone().utf8_empty(false))
                    .syntax(ascii_syntax())
                    .build_many(pats)
                    .ok()
                    .filter(|a| {
                        a.group_info().group_len(regex_automata::PatternID::ZERO) == self.groups
                    })
            })
            .as_ref()
    }

    /// A bounded backtracker for a single pattern that is always anchored at the start.
    fn bt(&self) -> Option<&regex_automata::nfa::thompson::backtrack::BoundedBacktracker> {
        use regex_automata::nfa::thompson::{self, backtrack::BoundedBacktracker};
        let pats = self.ascii_patterns.as_ref().filter(|p| p.len() == 1)?;
        self.bt
            .get_or_init(|| {
                thompson::Compiler::new()
                    .syntax(ascii_syntax())
                    .configure(thompson::Config::new().utf8(false))
                    .build_many(pats)
                    .ok()
                    .filter(|nfa| nfa.is_always_start_anchored())
                    .and_then(|nfa| BoundedBacktracker::builder().build_from_nfa(nfa).ok())
            })
            .as_ref()
    }

    /// The pattern on PCRE2 with JIT, for what the backtracker would do.
    fn pcre(&self) -> Option<&pcre2::bytes::Regex> {
        let pats = self.ascii_patterns.as_ref().filter(|p| p.len() == 1)?;
        self.pcre
            .get_or_init(|| {
                let p = to_pcre(&pats[0])?;
                pcre2::bytes::RegexBuilder::new()
                    .jit_if_available(true)
                    .build(&p)
                    .ok()
                    .filter(|r| r.captures_len() == self.groups)
            })
            .as_ref()
    }

    /// Capture groups of the first pattern, group 0 included.
    pub fn group_len(&self) -> usize {
        self.groups
    }

    fn uni(&self) -> Option<&regex_automata::meta::Regex> {
        self.uni
            .get_or_init(|| {
                regex_automata::meta::Regex::builder()
                    .configure(self.config.clone())
                    .build_many(&self.patterns)
                    .ok()
                    .filter(|u| {
                        u.group_info().group_len(regex_automata::PatternID::ZERO) == self.groups
                    })
            })
            .as_ref()
    }

    fn pick(&self, text: &str) -> Option<&regex_automata::meta::Regex> {
        if text.is_ascii() { self.ascii() } else { None }
    }

    /// None when the regex cannot be built for this haystack.
    pub fn is_match(&self, text: &str) -> Option<bool> {
        match self.pick(text) {
            Some(a) => Some(a.is_match(text.as_bytes())),
            None => Some(self.uni()?.is_match(text)),
        }
    }

    pub fn create_captures(&self) -> DualCaps {
        DualCaps::default()
    }

    /// Search with captures (see `Captures::is_match`); None when the regex cannot be
    /// built for this haystack.
    pub fn captures<'c>(
        &self,
        text: &str,
        caps: &'c mut DualCaps,
    ) -> Option<&'c regex_automata::util::captures::Captures> {
        self.captures_upto(text, text.len(), caps)
    }

    /// `captures` of a match that ends by `end` (assertions still see the whole text).
    pub fn captures_upto<'c>(
        &self,
        text: &str,
        end: usize,
        caps: &'c mut DualCaps,
    ) -> Option<&'c regex_automata::util::captures::Captures> {
        use regex_automata::{Anchored, Input};
        if let Some(a) = self.pick(text) {
            if let Some(bt) = self.bt()
                && end <= bt.max_haystack_len()
            {
                let (cache, c) = caps
                    .bt
                    .get_or_insert_with(|| (bt.create_cache(), bt.create_captures()));
                if end == text.len()
                    && let Some(re) = self.pcre()
                {
                    let locs = caps.pcre.get_or_insert_with(|| re.capture_locations());
                    // A JIT stack overflow or a match limit: the backtracker decides.
                    if let Ok(m) = re.captures_read(locs, text.as_bytes()) {
                        c.set_pattern(m.map(|_| regex_automata::PatternID::ZERO));
                        if m.is_some() {
                            let slots = c.slots_mut();
                            for (g, pair) in slots.chunks_mut(2).enumerate() {
                                let span = locs.get(g);
                                pair[0] = span.and_then(|(s, _)| NonMaxUsize::new(s));
                                if let Some(e) = pair.get_mut(1) {
                                    *e = span.and_then(|(_, e)| NonMaxUsize::new(e));
                                }
                            }
                        }
                        return Some(c);
                    }
                }
                let input = Input::new(text.as_bytes())
                    .range(..end)
                    .anchored(Anchored::Yes);
                if bt.try_search(cache, &input, c).is_ok() {
                    return Some(c);
                }
            }
            let c = caps.ascii.get_or_insert_with(|| a.create_captures());
            let cache = caps.ascii_cache.get_or_insert_with(|| a.create_cache());
            a.search_captures_with(cache, &Input::new(text.as_bytes()).range(..end), c);
            return Some(c);
        }
        let u = self.uni()?;
        let c = caps.uni.get_or_insert_with(|| u.create_captures());
        let cache = caps.uni_cache.get_or_insert_with(|| u.create_cache());
        u.search_captures_with(cache, &Input::new(text).range(..end), c);
        Some(c)
    }

    /// Where the (leftmost-first) match that starts at 0 ends, without captures; the
    /// outer None when the regex cannot be built for this haystack.
    pub fn anchored_end(&self, text: &str, caps: &mut DualCaps) -> Option<Option<usize>> {
        use regex_automata::{Anchored, Input};
        let m = match self.pick(text) {
            Some(a) => a.search_half_with(
                caps.ascii_cache.get_or_insert_with(|| a.create_cache()),
                &Input::new(text.as_bytes()).anchored(Anchored::Yes),
            ),
            None => {
                let u = self.uni()?;
                u.search_half_with(
                    caps.uni_cache.get_or_insert_with(|| u.create_cache()),
                    &Input::new(text).anchored(Anchored::Yes),
                )
            }
        };
        Some(m.map(|h| h.offset()))
    }

    /// Which patterns match somewhere (only at the start with `anchored`: patterns
    /// that can match nowhere else then stop the scan as soon as none can match);
    /// false when the regex cannot be built.
    pub fn which_overlapping(
        &self,
        text: &str,
        anchored: bool,
        hits: &mut regex_automata::PatternSet,
        caps: &mut DualCaps,
    ) -> bool {
        use regex_automata::{Anchored, Input};
        let anchored = if anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        hits.clear();
        match self.pick(text) {
            Some(a) => a.which_overlapping_matches_with(
                caps.ascii_cache.get_or_insert_with(|| a.create_cache()),
                &Input::new(text.as_bytes()).anchored(anchored),
                hits,
            ),
            None => match self.uni() {
                Some(u) => u.which_overlapping_matches_with(
                    caps.uni_cache.get_or_insert_with(|| u.create_cache()),
                    &Input::new(text).anchored(anchored),
                    hits,
                ),
                None => return false,
            },
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pcre_form_matches_like_the_regex_crate() {
        let cases: &[(&str, &[&str])] = &[
            (r"^a(b+)$", &["abb", "abb\n", "ab\nx"]),
            (
                r"^(?i)f(o+)(?P<x>\d)?\s*$",
                &["FOO1 ", "fo", "foo\n", "fooo2\t"],
            ),
            (
                r"^(\S+) from ([\w\-.^_]*\w)(?: port \d+)?\z",
                &["a from h.x port 2", "a from -"],
            ),
            (
                r"^x(?:\b{start-half}|\b{end-half})(\w*)",
                &["x y", "xy", "x"],
            ),
            (r"^[]a](b)[^]c]", &["]bd", "abc"]),
            (r"^([[:digit:]]+)(?s:.)(.)", &["12\nx", "1ab"]),
            (r"^(a|ab)(c|bcd)(d*)", &["abcd", "abcdd"]),
            (r"^(?:(x)|y)+$", &["xyx", "yx"]),
        ];
        for (p, texts) in cases {
            let rx = regex::bytes::RegexBuilder::new(p)
                .unicode(false)
                .build()
                .unwrap();
            let pc = to_pcre(p).unwrap_or_else(|| panic!("no PCRE2 form: {p}"));
            let pc = pcre2::bytes::Regex::new(&pc).unwrap();
            assert_eq!(rx.captures_len(), pc.captures_len(), "{p}");
            for t in *texts {
                let a = rx.captures(t.as_bytes());
                let b = pc.captures(t.as_bytes()).unwrap();
                let spans = |n: usize, get: &dyn Fn(usize) -> Option<(usize, usize)>| {
                    (0..n).map(get).collect::<Vec<_>>()
                };
                let a = a.map(|c| {
                    spans(rx.captures_len(), &|g| {
                        c.get(g).map(|m| (m.start(), m.end()))
                    })
                });
                let b = b.map(|c| {
                    spans(pc.captures_len(), &|g| {
                        c.get(g).map(|m| (m.start(), m.end()))
                    })
                });
                assert_eq!(a, b, "{p} on {t:?}");
            }
        }
        // Anything whose meaning could differ stays on the regex crate.
        for p in [
            r"(?m)^a$",
            r"(?u)\w",
            r"\p{L}",
            r"[a-z&&[^x]]",
            r"\x41",
            r"\b{start}a",
            "é",
        ] {
            assert_eq!(to_pcre(p), None, "{p}");
        }
        assert_eq!(to_pcre(r"a$").as_deref(), Some(r"a\z"));
    }

    #[test]
    fn group_count_matches_the_regex_crate() {
        for p in [
            r"^(a)(?:b)(?P<c>d)(?<e>f)\(g\)[(](h)",
            r"[^]()](x)[]()](y)[[:alpha:](](z)",
            r"(?i)(a|(b))?(?s:.)",
            r"[\]](a)",
        ] {
            let want = regex::Regex::new(p).unwrap().captures_len();
            assert_eq!(count_groups(p), want, "{p}");
        }
    }
}
