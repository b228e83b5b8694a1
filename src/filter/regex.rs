//! fail2ban regex dialect → fancy-regex: tag expansion (`<HOST>`, `<F-USER>…`) and the
//! Python-to-Rust syntax rewrites. Owns compilation and group lookup, not matching policy.

use std::collections::HashMap;

use crate::{Error, Result};

pub const IP4: &str = r"(?:::f{4,6}:)?(?P<ip4>(?:\d{1,3}\.){3}\d{1,3})";
/// fail2ban writes the last alternative as `(?<=:):`; every repetition before it ends in
/// `:`, so the look-behind always holds. Dropping it keeps `<HOST>` regexes free of
/// look-around, which lets fancy-regex hand them to the (much faster) regex crate.
pub const IP6: &str = r"(?P<ip6>(?:[0-9a-fA-F]{1,4}::?|::){1,7}(?:[0-9a-fA-F]{1,4}|:))";
pub const DNS: &str = r"(?P<dns>[\w\-.^_]*\w)";
pub const CIDR: &str = r"(?P<cidr>\d+)";

fn addr() -> String {
    format!(r"\[?(?:{IP4}|{IP6})\]?")
}

fn host_tag(tn: &str) -> Option<String> {
    Some(match tn {
        "IP4" | "F-IP4/" => IP4.to_string(),
        "IP6" | "F-IP6/" => IP6.to_string(),
        "ADDR" | "F-ADDR/" => addr(),
        "CIDR" | "F-CIDR/" => CIDR.to_string(),
        "SUBNET" | "F-SUBNET/" => format!(r"\[?(?:{IP4}|{IP6})(?:/{CIDR})?\]?"),
        "DNS" | "F-DNS/" => DNS.to_string(),
        "F-ID/" => r"(?P<fid>\S+)".to_string(),
        "F-PORT/" => r"(?P<fport>\w+)".to_string(),
        _ => return None,
    })
}

/// `F-USER` → `user`, with fail2ban's two renames (`id` → `fid`, `port` → `fport`).
pub fn map_tag_to_opt(tag: &str) -> String {
    let t = tag.to_lowercase();
    match t.as_str() {
        "id" => "fid".into(),
        "port" => "fport".into(),
        _ => t,
    }
}

/// Expand fail2ban's tags (`failregex.py` `_resolveHostTag`). `usedns = no` makes
/// `<HOST>` an address only.
pub fn expand_tags(regex: &str, usedns_no: bool) -> String {
    let mut out = String::with_capacity(regex.len() * 2);
    let mut open: Vec<String> = Vec::new();
    let mut nl = 0;
    let b = regex.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        // `</?[\w\-]+/?>`
        let mut j = i + 1;
        if j < b.len() && b[j] == b'/' {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-') {
            j += 1;
        }
        if j == name_start {
            i += 1;
            continue;
        }
        if j < b.len() && b[j] == b'/' {
            j += 1;
        }
        if j >= b.len() || b[j] != b'>' {
            i += 1;
            continue;
        }
        let tag = &regex[i..=j];
        let tn = &tag[1..tag.len() - 1];
        let repl: Option<String> = if tn == "HOST" {
            Some(if usedns_no {
                addr()
            } else {
                format!("(?:{}|{DNS})", addr())
            })
        } else if tn == "SKIPLINES" {
            let r = format!(r"\n(?P<skiplines{nl}>(?:(?:.*\n)*?))");
            nl += 1;
            Some(r)
        } else if let Some(h) = host_tag(tn) {
            Some(h)
        } else {
            // `^(/?)F-([A-Z0-9_\-]+)$`
            let (closing, rest) = match tn.strip_prefix('/') {
                Some(r) => (true, r),
                None => (false, tn),
            };
            match rest.strip_prefix("F-") {
                Some(name)
                    if !name.is_empty()
                        && name.bytes().all(|c| {
                            c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_' || c == b'-'
                        }) =>
                {
                    if closing {
                        if open.iter().any(|o| o == name) {
                            Some(")".into())
                        } else {
                            None
                        }
                    } else {
                        open.push(name.to_string());
                        Some(format!("(?P<{}>", map_tag_to_opt(name)))
                    }
                }
                _ => None,
            }
        };
        if let Some(r) = repl {
            out.push_str(&regex[last..i]);
            out.push_str(&r);
            last = j + 1;
        }
        i = j + 1;
    }
    out.push_str(&regex[last..]);
    out
}

/// Characters that stay escaped in Rust; other escaped punctuation becomes a plain
/// literal (Rust reads `\<`/`\>` as word boundaries, Python as literals).
fn rust_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.'
            | '+'
            | '*'
            | '?'
            | '('
            | ')'
            | '|'
            | '['
            | ']'
            | '{'
            | '}'
            | '^'
            | '$'
            | '#'
            | '&'
            | '-'
            | '~'
    )
}

/// Rewrite Python `re` syntax to fancy-regex syntax.
pub fn python_to_rust(re: &str) -> String {
    let chars: Vec<char> = re.chars().collect();
    let mut out = String::with_capacity(re.len() + 16);
    let mut i = 0;
    let n = chars.len();
    let starts = |i: usize, s: &str| -> bool {
        s.chars()
            .enumerate()
            .all(|(o, c)| chars.get(i + o) == Some(&c))
    };
    while i < n {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    out.push_str("\\\\");
                    i += 1;
                    continue;
                };
                push_escape(&mut out, e);
                i += 2;
            }
            '[' => {
                // Character class: copy with Rust-safe escaping.
                out.push('[');
                i += 1;
                if i < n && chars[i] == '^' {
                    out.push('^');
                    i += 1;
                }
                if i < n && chars[i] == ']' {
                    out.push_str("\\]");
                    i += 1;
                }
                while i < n && chars[i] != ']' {
                    let c = chars[i];
                    match c {
                        '\\' => {
                            if let Some(&e) = chars.get(i + 1) {
                                push_escape(&mut out, e);
                                i += 2;
                                continue;
                            }
                            out.push_str("\\\\");
                        }
                        '[' | '&' | '~' => {
                            out.push('\\');
                            out.push(c);
                        }
                        '-' if chars.get(i + 1) == Some(&'-') => out.push_str("\\-"),
                        _ => out.push(c),
                    }
                    i += 1;
                }
                out.push(']');
                i += 1;
            }
            '(' => {
                if starts(i, "(?P=") {
                    if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                        let name: String = chars[i + 4..i + end].iter().collect();
                        out.push_str(&format!("\\k<{name}>"));
                        i += end + 1;
                        continue;
                    }
                } else if starts(i, "(?(") {
                    if let Some(end) = chars[i + 3..].iter().position(|&c| c == ')') {
                        let name: String = chars[i + 3..i + 3 + end].iter().collect();
                        if name.chars().all(|c| c.is_ascii_digit()) {
                            out.push_str(&format!("(?({name})"));
                        } else {
                            out.push_str(&format!("(?(<{name}>)"));
                        }
                        i += 3 + end + 1;
                        continue;
                    }
                } else if starts(i, "(?#") {
                    if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                        i += end + 1;
                        continue;
                    }
                } else if let Some((flags, len)) = global_flags_at(&chars, i) {
                    // `((?i)` / `(?:(?i)` → `(?i:`, as fail2ban does; a bare `(?i)` keeps
                    // its Rust meaning (the rest of the group).
                    let f: String = flags.chars().filter(|c| "imsux".contains(*c)).collect();
                    if f.is_empty() {
                        out.push_str("(?:");
                    } else {
                        out.push_str(&format!("(?{f}:"));
                    }
                    i += len;
                    continue;
                } else if starts(i, "(?") {
                    // Bare flag group: drop flags Rust lacks (`a`, `L`).
                    let mut k = i + 2;
                    while k < n && chars[k].is_ascii_alphabetic() {
                        k += 1;
                    }
                    if k < n && chars[k] == ')' && k > i + 2 {
                        let f: String = chars[i + 2..k]
                            .iter()
                            .filter(|c| "imsux".contains(**c))
                            .collect();
                        if !f.is_empty() {
                            out.push_str(&format!("(?{f})"));
                        }
                        i = k + 1;
                        continue;
                    }
                }
                out.push('(');
                i += 1;
            }
            '{' => {
                // `{m,n}` quantifier (with Python's `{,n}`), else a literal brace.
                let mut k = i + 1;
                let mut min = String::new();
                while k < n && chars[k].is_ascii_digit() {
                    min.push(chars[k]);
                    k += 1;
                }
                let mut max: Option<String> = None;
                if k < n && chars[k] == ',' {
                    k += 1;
                    let mut m = String::new();
                    while k < n && chars[k].is_ascii_digit() {
                        m.push(chars[k]);
                        k += 1;
                    }
                    max = Some(m);
                }
                if k < n && chars[k] == '}' && !(min.is_empty() && max.is_none()) && i > 0 {
                    let min = if min.is_empty() { "0".to_string() } else { min };
                    match max {
                        Some(m) => out.push_str(&format!("{{{min},{m}}}")),
                        None => out.push_str(&format!("{{{min}}}")),
                    }
                    i = k + 1;
                } else {
                    out.push_str("\\{");
                    i += 1;
                }
            }
            '}' => {
                out.push_str("\\}");
                i += 1;
            }
            '$' => {
                // Python's `$` also matches before a trailing newline.
                out.push_str("(?:\\n?\\z)");
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn global_flags_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    // `\((?:\?:)?(\(\?[a-z]+)\)`
    let mut k = i + 1;
    if chars.get(k) == Some(&'?') && chars.get(k + 1) == Some(&':') {
        k += 2;
    }
    if chars.get(k) != Some(&'(') || chars.get(k + 1) != Some(&'?') {
        return None;
    }
    let fs = k + 2;
    let mut e = fs;
    while e < chars.len() && chars[e].is_ascii_lowercase() {
        e += 1;
    }
    if e == fs || chars.get(e) != Some(&')') {
        return None;
    }
    Some((chars[fs..e].iter().collect(), e + 1 - i))
}

fn push_escape(out: &mut String, e: char) {
    match e {
        'Z' => out.push_str("\\z"),
        c if c.is_ascii_alphanumeric() => {
            out.push('\\');
            out.push(c);
        }
        c if rust_meta(c) => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

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
    /// `^P` for a head `^(?P<g>P)T` (see `plain::ContentHead::lead`), and g.
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

fn py_repr(v: Option<&str>) -> String {
    match v {
        Some(s) => format!("'{s}'"),
        None => "None".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_expand() {
        let r = expand_tags("^<F-USER>.*</F-USER> from <HOST>$", false);
        assert!(r.starts_with("^(?P<user>.*) from (?:\\[?(?:"));
        assert!(r.contains("(?P<dns>"));
        let r = expand_tags("<HOST>", true);
        assert!(!r.contains("dns"));
        assert_eq!(
            expand_tags("<F-ID/> <F-PORT/>", false),
            r"(?P<fid>\S+) (?P<fport>\w+)"
        );
        assert_eq!(expand_tags("</F-X>", false), "</F-X>");
        assert_eq!(
            expand_tags("<F-ALT_USER1>a</F-ALT_USER1>", false),
            "(?P<alt_user1>a)"
        );
        assert!(expand_tags("a<SKIPLINES>b<SKIPLINES>", false).contains("skiplines1"));
        assert_eq!(
            expand_tags("<unknown> <F-lower>", false),
            "<unknown> <F-lower>"
        );
    }

    #[test]
    fn python_rewrites() {
        assert_eq!(python_to_rust(r"(?P<x>a)(?P=x)"), r"(?P<x>a)\k<x>");
        assert_eq!(python_to_rust(r"(?(x)a|b)"), r"(?(<x>)a|b)");
        assert_eq!(python_to_rust(r"(?(1)a|b)"), r"(?(1)a|b)");
        assert_eq!(python_to_rust(r"\d{,3}"), r"\d{0,3}");
        assert_eq!(python_to_rust(r"a{2,}"), r"a{2,}");
        assert_eq!(python_to_rust(r"{x}"), r"\{x\}");
        assert_eq!(python_to_rust(r"a(?:(?i)b)"), r"a(?i:b)");
        assert_eq!(python_to_rust(r"\<\>\/"), r"<>/");
        assert_eq!(python_to_rust(r"[[&]"), r"[\[\&]");
        assert_eq!(python_to_rust(r"x$"), r"x(?:\n?\z)");
        assert_eq!(python_to_rust(r"[$]\Z"), r"[$]\z");
    }

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
