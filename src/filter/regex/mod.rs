//! fail2ban regex dialect → fancy-regex: tag expansion (`<HOST>`, `<F-USER>…`) and the
//! Python-to-Rust syntax rewrites (in `dialect`), then compilation and group lookup.
//! Owns compilation and group lookup, not matching policy.

use std::collections::HashMap;

use crate::{Error, Result};

mod dialect;

pub use dialect::{CIDR, DNS, IP4, IP6, expand_tags, map_tag_to_opt, python_to_rust};

/// A compiled fail2ban regex with its named groups indexed once.
#[derive(Debug, Clone)]
pub struct CompiledRegex {
    /// The regex as fail2ban shows it (tags not expanded).
    pub source: String,
    /// The fancy-regex form, compiled on first use (most regexes never need it).
    re: Lazy,
    /// (group name, group index) for every named group.
    pub names: Vec<(String, usize)>,
    /// `alt_x[_N]` groups → target name; `tuple_x[_N]` likewise.
    pub alt: Vec<(usize, String)>,
    pub tuple: Vec<(usize, String)>,
    pub skiplines: Vec<usize>,
    /// A literal every match must start with (the regex is `^literal…`); lets most
    /// lines skip the regex engine entirely.
    pub prefix: Option<String>,
    /// An equivalent plain regex (see `plain`), run on the regex crate's automata.
    fast: Option<Fast>,
    /// A plain regex that matches wherever this one does (for regex-set prefilters).
    approx: Option<String>,
    /// Every match starts at the start of the text.
    anchored: bool,
    /// Number of capture groups, group 0 included.
    slots: usize,
    /// For a prefregex ending in `(?P<content>.+)$`: the part before the content.
    head: Option<Head>,
}

/// A fancy-regex compiled on first use. Its syntax is checked up front.
#[derive(Debug, Clone)]
pub(super) struct Lazy {
    pattern: String,
    re: std::sync::OnceLock<Option<fancy_regex::Regex>>,
}

impl Lazy {
    /// Compile `pattern` on first use.
    pub(super) fn later(pattern: &str) -> Lazy {
        Lazy {
            pattern: pattern.to_string(),
            re: std::sync::OnceLock::new(),
        }
    }

    fn build(pattern: &str) -> std::result::Result<fancy_regex::Regex, fancy_regex::Error> {
        fancy_regex::RegexBuilder::new(pattern)
            .backtrack_limit(1_000_000)
            .build()
    }

    /// Compile now (if not done yet); the compile error, if any.
    pub(super) fn check(&self) -> std::result::Result<(), fancy_regex::Error> {
        match self.get() {
            Some(_) => Ok(()),
            // Compiled and failed: again, for the error.
            None => Self::build(&self.pattern).map(|_| ()),
        }
    }

    pub(super) fn get(&self) -> Option<&fancy_regex::Regex> {
        self.re
            .get_or_init(|| Self::build(&self.pattern).ok())
            .as_ref()
    }
}

/// Named groups (name, index) in index order and the number of groups (group 0
/// included), from the parse tree alone.
pub(super) fn tree_groups(
    pattern: &str,
) -> std::result::Result<(Vec<(String, usize)>, usize), fancy_regex::Error> {
    let tree = fancy_regex::Expr::parse_tree(pattern)?;
    fn count(e: &fancy_regex::Expr) -> usize {
        let own = usize::from(matches!(e, fancy_regex::Expr::Group(_)));
        own + e.children_iter().map(count).sum::<usize>()
    }
    let mut names: Vec<(String, usize)> = tree
        .named_groups
        .iter()
        .flat_map(|(n, idx)| idx.iter().map(move |i| (n.clone(), *i)))
        .collect();
    names.sort_by_key(|(_, i)| *i);
    Ok((names, count(&tree.expr) + 1))
}

#[derive(Debug, Clone)]
struct Head {
    re: super::plain::Dual,
    map: Vec<Option<usize>>,
    content: usize,
    /// `^P` for a head `^(?P<g>P)T` (see `plain::head::ContentHead::lead`), and g.
    lead: Option<(super::plain::Dual, usize)>,
}

#[derive(Debug, Clone)]
struct Fast {
    re: super::plain::Dual,
    form: super::plain::Exact,
}

/// Reusable match scratch for one [`CompiledRegex`]: the span of every (original) group
/// of the last successful [`CompiledRegex::find`].
#[derive(Debug, Clone, Default)]
pub struct Spans {
    spans: Vec<Option<(usize, usize)>>,
    caps: Option<super::plain::DualCaps>,
    head_caps: Option<super::plain::DualCaps>,
    lead_caps: Option<super::plain::DualCaps>,
}

impl Spans {
    /// The span of group `i` (0 = the whole match), None when it did not take part.
    pub fn get(&self, i: usize) -> Option<(usize, usize)> {
        self.spans.get(i).copied().flatten()
    }

    /// The text of group `i` in `text` (the text that was searched).
    pub fn text<'t>(&self, text: &'t str, i: usize) -> Option<&'t str> {
        self.get(i).and_then(|(s, e)| text.get(s..e))
    }
}

/// The literal text right after a leading `^`, when the regex has no top-level `|`, no
/// case-insensitive flag and is not multi-line. Conservative: None when unsure.
pub fn literal_prefix(expanded: &str, multiline: bool) -> Option<String> {
    if multiline || expanded.contains("(?i") || expanded.contains("(?x") {
        return None;
    }
    // A top-level alternation would let other branches match anywhere.
    let (mut depth, mut in_class, mut esc) = (0i32, false, false);
    for c in expanded.chars() {
        if esc {
            esc = false;
            continue;
        }
        match c {
            '\\' => esc = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => depth -= 1,
            '|' if !in_class && depth == 0 => return None,
            _ => {}
        }
    }
    let rest = expanded.strip_prefix('^')?;
    let chars: Vec<char> = rest.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (lit, len) = match c {
            '\\' => match chars.get(i + 1) {
                Some(&e) if e.is_ascii_punctuation() => (e, 2),
                _ => break,
            },
            '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' => break,
            c => (c, 1),
        };
        // A quantifier after this character makes it optional or repeated.
        if matches!(chars.get(i + len), Some('?' | '*' | '{' | '+')) {
            break;
        }
        out.push(lit);
        i += len;
    }
    (!out.is_empty()).then_some(out)
}

/// Captured groups of one match: name → value (None when the group did not take part).
pub type Groups = HashMap<String, Option<String>>;

impl CompiledRegex {
    /// Expand tags, rewrite, compile. A bad regex is `Error::BadInput`.
    pub fn new(source: &str, usedns_no: bool, multiline: bool) -> Result<CompiledRegex> {
        let expanded = expand_tags(source, usedns_no);
        if expanded.trim().is_empty() {
            return Err(Error::bad_input("cannot add an empty regex"));
        }
        let mut rust = python_to_rust(&expanded);
        if multiline {
            rust = format!("(?m){rust}");
        }
        let bad = |e: fancy_regex::Error| {
            Error::bad_input(format!("cannot compile regex {source:?}: {e}"))
        };
        let (tree_names, tree_slots) = tree_groups(&rust).map_err(bad)?;
        // With an exact plain form (the usual case) the fancy form is rarely needed: it
        // compiles on first use. Other regexes compile now so that errors show up at once.
        // One parse for every plain form.
        let parsed = super::plain::Parsed::new(&rust);
        let fast = parsed
            .as_ref()
            .and_then(|p| p.exact(tree_slots - 1))
            .and_then(|form| {
                let re = super::plain::Dual::new(&form.pattern)?;
                (re.group_len() == form.map.len() + 1).then_some(Fast { re, form })
            });
        let (lazy, all_names, slots) = if fast.is_some() {
            (
                Lazy {
                    pattern: rust.clone(),
                    re: std::sync::OnceLock::new(),
                },
                tree_names,
                tree_slots,
            )
        } else {
            let re = Lazy::build(&rust).map_err(bad)?;
            let names = re
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect();
            let slots = re.captures_len();
            (
                Lazy {
                    pattern: rust.clone(),
                    re: std::sync::OnceLock::from(Some(re)),
                },
                names,
                slots,
            )
        };
        let mut names = Vec::new();
        let mut alt = Vec::new();
        let mut tuple = Vec::new();
        let mut skiplines = Vec::new();
        for (name, idx) in all_names {
            let name = name.as_str();
            names.push((name.to_string(), idx));
            if name.starts_with("skiplines") {
                skiplines.push(idx);
            }
            for (pre, list) in [("alt_", &mut alt), ("tuple_", &mut tuple)] {
                if let Some(rest) = name.strip_prefix(pre) {
                    // `^(alt_|tuple_)(.*?)(?:_\d+)?$`
                    let base = match rest.rsplit_once('_') {
                        Some((b, d)) if !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()) => b,
                        _ => rest,
                    };
                    list.push((idx, map_tag_to_opt(base)));
                }
            }
        }
        let prefix = literal_prefix(&expanded, multiline);
        let approx = parsed.as_ref().and_then(|p| p.approx());
        let anchored = parsed.as_ref().is_some_and(|p| p.anchored());
        let head = if multiline {
            None
        } else {
            parsed
                .as_ref()
                .and_then(|p| p.content_head(slots - 1))
                .and_then(|h| {
                    let re = super::plain::Dual::new(&h.pattern)?;
                    let lead = match (&h.lead, h.map.as_slice()) {
                        (Some(l), [Some(g)]) => super::plain::Dual::new(l)
                            .filter(|d| d.group_len() == 1)
                            .map(|d| (d, *g)),
                        _ => None,
                    };
                    (re.group_len() == h.map.len() + 1).then_some(Head {
                        re,
                        map: h.map,
                        content: h.content,
                        lead,
                    })
                })
        };
        alt.sort_by(|a, b| names_of(&names, a.0).cmp(names_of(&names, b.0)));
        tuple.sort_by(|a, b| names_of(&names, a.0).cmp(names_of(&names, b.0)));
        Ok(CompiledRegex {
            source: source.to_string(),
            re: lazy,
            names,
            alt,
            tuple,
            skiplines,
            prefix,
            fast,
            approx,
            anchored,
            slots,
            head,
        })
    }

    /// A plain regex that matches wherever this one does (None when unknown).
    pub fn approx_pattern(&self) -> Option<&str> {
        self.approx.as_deref()
    }

    /// Whether every match starts at the start of the text.
    pub fn is_anchored(&self) -> bool {
        self.anchored
    }

    /// The exact plain form that `find` runs, when there is one (for tests and tuning).
    pub fn plain_pattern(&self) -> Option<&str> {
        self.fast.as_ref().map(|f| f.form.pattern.as_str())
    }

    /// Whether matching avoids fancy-regex's backtracking VM (for tests and tuning).
    pub fn is_fast(&self) -> bool {
        self.fast.is_some()
    }

    /// Scratch for [`CompiledRegex::find`].
    pub fn new_spans(&self) -> Spans {
        Spans {
            spans: vec![None; self.slots],
            caps: None,
            head_caps: None,
            lead_caps: None,
        }
    }

    /// Search `text`, recording group spans in `spans` (made by `new_spans` of this
    /// regex). Same result as `search`, mostly without the backtracking VM.
    pub fn find(&self, text: &str, spans: &mut Spans) -> bool {
        if let Some(p) = &self.prefix
            && !text.starts_with(p.as_str())
        {
            return false;
        }
        if spans.spans.len() != self.slots {
            *spans = self.new_spans();
        }
        spans.spans.iter_mut().for_each(|s| *s = None);
        if let Some(h) = &self.head
            && !text.as_bytes().contains(&b'\n')
            && let Some(end) =
                h.re.anchored_end(text, spans.head_caps.get_or_insert_with(Default::default))
        {
            let Some(e) = end else {
                // The content needs the head to match.
                return false;
            };
            let Spans {
                spans: out,
                head_caps,
                lead_caps,
                ..
            } = spans;
            let head_caps = head_caps.get_or_insert_with(Default::default);
            if e < text.len()
                && let Some((lead, g)) = &h.lead
                && let Some(Some(le)) =
                    lead.anchored_end(text, lead_caps.get_or_insert_with(Default::default))
                && le <= e
                && *g < out.len()
                && h.content < out.len()
            {
                out[0] = Some((0, text.len()));
                out[*g] = Some((0, le));
                out[h.content] = Some((e, text.len()));
                return true;
            }
            if e < text.len()
                && let Some(c) = h.re.captures_upto(text, e, head_caps)
                && c.get_match().is_some_and(|m| m.end() == e)
            {
                out[0] = Some((0, text.len()));
                for (pi, orig) in h.map.iter().enumerate() {
                    if let Some(o) = orig
                        && let Some(m) = c.get_group(pi + 1)
                        && let Some(slot) = out.get_mut(*o)
                    {
                        *slot = Some((m.start, m.end));
                    }
                }
                if let Some(slot) = out.get_mut(h.content) {
                    *slot = Some((e, text.len()));
                }
                return true;
            }
        }
        if let Some(f) = &self.fast {
            let caps = spans.caps.get_or_insert_with(|| f.re.create_captures());
            if let Some(caps) = f.re.captures(text, caps) {
                if !caps.is_match() {
                    // The plain form matches wherever the original does.
                    return false;
                }
                let span = |g: usize| caps.get_group(g).map(|m| (m.start, m.end));
                if !f.form.holds(text, span) {
                    return self.find_fancy(text, spans);
                }
                spans.spans[0] = span(0);
                for (pi, orig) in f.form.map.iter().enumerate() {
                    if let Some(o) = orig
                        && let Some(sp) = span(pi + 1)
                        && let Some(slot) = spans.spans.get_mut(*o)
                    {
                        *slot = Some(sp);
                    }
                }
                return true;
            }
        }
        self.find_fancy(text, spans)
    }

    fn find_fancy(&self, text: &str, spans: &mut Spans) -> bool {
        // A regex that exceeds the backtrack limit counts as no match.
        let Some(c) = self.re.get().and_then(|r| r.captures(text).ok().flatten()) else {
            return false;
        };
        for (i, slot) in spans.spans.iter_mut().enumerate() {
            *slot = c.get(i).map(|m| (m.start(), m.end()));
        }
        true
    }

    /// `groups` for a successful `find` on `text`.
    pub fn groups_of(&self, text: &str, spans: &Spans) -> Groups {
        self.groups_with(|i| spans.text(text, i))
    }

    /// `skipped_lines` for a successful `find` on `text`.
    pub fn skipped_lines_of(&self, text: &str, spans: &Spans) -> Vec<String> {
        let mut s = String::new();
        for idx in &self.skiplines {
            if let Some(m) = spans.text(text, *idx) {
                s.push_str(m);
            }
        }
        s.lines().map(str::to_string).collect()
    }

    /// The number of the named group `name`.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, i)| *i)
    }

    pub fn has_group(&self, name: &str) -> bool {
        self.names.iter().any(|(n, _)| n == name)
    }

    /// Search; a regex that exceeds the backtrack limit counts as no match.
    pub fn search<'t>(&self, text: &'t str) -> Option<fancy_regex::Captures<'t, str>> {
        if let Some(p) = &self.prefix
            && !text.starts_with(p.as_str())
        {
            return None;
        }
        if let Some(f) = &self.fast
            && f.re.is_match(text) == Some(false)
        {
            return None;
        }
        // A plain match test is much cheaper than captures, and most lines miss.
        let re = self.re.get()?;
        if !re.is_match(text).unwrap_or(false) {
            return None;
        }
        re.captures(text).ok().flatten()
    }

    /// fail2ban's `getGroups`, including ALT_ and TUPLE_ merging.
    pub fn groups(&self, caps: &fancy_regex::Captures<'_, str>) -> Groups {
        self.groups_with(|i| caps.get(i).map(|m| m.as_str()))
    }

    fn groups_with<'t>(&self, get: impl Fn(usize) -> Option<&'t str>) -> Groups {
        let mut g: Groups = HashMap::with_capacity(self.names.len());
        for (name, idx) in &self.names {
            g.insert(name.clone(), get(*idx).map(str::to_string));
        }
        for (idx, target) in &self.alt {
            let v = get(*idx);
            let has_target = g
                .get(target)
                .is_some_and(|t| t.as_ref().is_some_and(|s| !s.is_empty()));
            if let Some(v) = v
                && !v.is_empty()
                && !has_target
            {
                g.insert(target.clone(), Some(v.to_string()));
            }
        }
        for (idx, target) in &self.tuple {
            // Python builds a tuple; its text form is what ends up as an id.
            let v = get(*idx);
            let t = g.get(target).cloned().flatten();
            let joined = match t {
                Some(t) if t.starts_with('(') && t.ends_with(')') && t.len() > 2 => {
                    format!("{}, {})", &t[..t.len() - 1], py_repr(v))
                }
                t => format!("({}, {})", py_repr(t.as_deref()), py_repr(v)),
            };
            g.insert(target.clone(), Some(joined));
        }
        g
    }

    pub fn skipped_lines(&self, caps: &fancy_regex::Captures<'_, str>) -> Vec<String> {
        let mut s = String::new();
        for idx in &self.skiplines {
            if let Some(m) = caps.get(*idx) {
                s.push_str(m.as_str());
            }
        }
        s.lines().map(str::to_string).collect()
    }
}

fn names_of(names: &[(String, usize)], idx: usize) -> &str {
    names
        .iter()
        .find(|(_, i)| *i == idx)
        .map(|(n, _)| n.as_str())
        .unwrap_or("")
}

pub(super) fn py_repr(v: Option<&str>) -> String {
    match v {
        Some(s) => format!("'{s}'"),
        None => "None".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_matches_like_python() {
        let r = CompiledRegex::new(r"^Failed for (?P<u>\w+) from <HOST>$", false, false).unwrap();
        let c = r.search("Failed for bob from 192.0.2.1\n").unwrap();
        let g = r.groups(&c);
        assert_eq!(g["ip4"].as_deref(), Some("192.0.2.1"));
        let r = CompiledRegex::new(r"^(?P<a>x)?(?(a)y|z)$", false, false).unwrap();
        assert!(r.search("xy").is_some());
        assert!(r.search("z").is_some());
        assert!(r.search("xz").is_none());
        let r = CompiledRegex::new("from <HOST>", false, false).unwrap();
        let c = r.search("from 2001:db8::1").unwrap();
        assert_eq!(r.groups(&c)["ip6"].as_deref(), Some("2001:db8::1"));
        assert!(CompiledRegex::new("(", false, false).is_err());
        assert_eq!(
            literal_prefix(r"^Failed \S+ for", false).as_deref(),
            Some("Failed ")
        );
        assert_eq!(literal_prefix(r"^ab?c", false).as_deref(), Some("a"));
        assert_eq!(literal_prefix(r"^a\.b|c", false), None);
        assert_eq!(
            literal_prefix(r"^a\.b(?:c|d)", false).as_deref(),
            Some("a.b")
        );
        assert_eq!(literal_prefix(r"^abc", true), None);
        assert_eq!(literal_prefix(r"a", false), None);
    }
}
