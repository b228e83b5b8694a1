//! Plain-regex forms of fancy (backtracking-only) regexes, so that matching runs on the
//! regex crate's automata instead of fancy-regex's backtracking VM.
//!
//! Two forms are derived from a fancy-regex parse tree:
//!
//! * [`exact`]: an equivalent plain regex. Conditionals `(?(g)A|B)` are removed by
//!   distributing the rest of the pattern over the alternation that decides whether `g`
//!   took part: `(A|B)R` ≡ `AR|BR` and `X?R` ≡ `XR|R` under leftmost-first (backtracking)
//!   priority, so every branch knows `g` and the conditional resolves. Capture groups
//!   copied by the distribution are mapped back to their original numbers. A loop
//!   `(?:(?!L).)*` (L a literal) becomes a capture group around `.*`; after a match the
//!   caller checks that no `L` starts inside that group's span ([`Exact::holds`]). The
//!   relaxed regex has a superset of the paths, in the same priority order, so when its
//!   first successful path satisfies the look-aheads it is also the first successful path
//!   of the original; otherwise the caller falls back to fancy-regex.
//! * [`approx`]: a plain regex that matches whenever the original does (look-arounds
//!   dropped, conditionals as alternations, back-references as `.*`), for `is_match`
//!   prefilters and regex sets.
//!
//! Anything not understood gives `None`; callers then keep using fancy-regex.
//!
//! [`Dual`] runs a plain form: DFAs for matching and prefilters, and for capture
//! groups a leftmost-first backtracking search (PCRE2's JIT, or regex-automata's
//! bounded backtracker), which is what fail2ban's Python `re` computes.

use std::collections::{BTreeMap, BTreeSet};

use fancy_regex::{Assertion, Expr, LookAround};
use regex_automata::util::primitives::NonMaxUsize;

/// Patterns bigger than this after distribution are left to fancy-regex.
const MAX_PATTERN: usize = 64 * 1024;

#[derive(Debug, Clone)]
enum Node {
    /// A plain leaf, printed by fancy-regex.
    Leaf(Expr),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    /// A capture group with its original number.
    Group(usize, Box<Node>),
    Repeat {
        child: Box<Node>,
        lo: usize,
        hi: usize,
        greedy: bool,
    },
    Cond {
        group: usize,
        yes: Box<Node>,
        no: Box<Node>,
    },
    /// `(?:(?!lit).){lo,hi}`.
    Avoid {
        lit: String,
        lo: usize,
        hi: usize,
        greedy: bool,
    },
    /// A zero-width note that these groups did (true) or did not take part.
    Mark(Vec<(usize, bool)>),
    /// Look-around, back-reference, atomic group: no exact plain form.
    Fancy(Box<Expr>),
}

fn literal_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Literal { val, casei: false } => Some(val.clone()),
        Expr::Concat(v) => v.iter().map(literal_text).collect(),
        _ => None,
    }
}

/// `(?:(?!lit).)` with `.` not matching newlines.
fn avoid_body(e: &Expr) -> Option<String> {
    let Expr::Concat(v) = e else { return None };
    match v.as_slice() {
        [
            Expr::LookAround(inner, LookAround::LookAheadNeg),
            Expr::Any {
                newline: false,
                crlf: false,
            },
        ] => {
            let lit = literal_text(inner)?;
            (!lit.is_empty() && !lit.contains('\n')).then_some(lit)
        }
        _ => None,
    }
}

fn plain_assertion(a: &Assertion) -> bool {
    matches!(
        a,
        Assertion::StartText
            | Assertion::EndText
            | Assertion::StartLine { crlf: false }
            | Assertion::EndLine { crlf: false }
            | Assertion::WordBoundary
            | Assertion::NotWordBoundary
            | Assertion::LeftWordHalfBoundary
            | Assertion::RightWordHalfBoundary
    )
}

struct Conv {
    next_group: usize,
}

impl Conv {
    fn node(&mut self, e: &Expr) -> Option<Node> {
        Some(match e {
            Expr::Empty | Expr::Any { .. } | Expr::Literal { .. } | Expr::Delegate { .. } => {
                Node::Leaf(e.clone())
            }
            Expr::Assertion(a) if plain_assertion(a) => Node::Leaf(e.clone()),
            Expr::Concat(v) => Node::Concat(v.iter().map(|c| self.node(c)).collect::<Option<_>>()?),
            Expr::Alt(v) => Node::Alt(v.iter().map(|c| self.node(c)).collect::<Option<_>>()?),
            Expr::Group(c) => {
                self.next_group += 1;
                let idx = self.next_group;
                Node::Group(idx, Box::new(self.node(c)?))
            }
            Expr::Repeat {
                child,
                lo,
                hi,
                greedy,
            } => {
                if let Some(lit) = avoid_body(child) {
                    Node::Avoid {
                        lit,
                        lo: *lo,
                        hi: *hi,
                        greedy: *greedy,
                    }
                } else {
                    Node::Repeat {
                        child: Box::new(self.node(child)?),
                        lo: *lo,
                        hi: *hi,
                        greedy: *greedy,
                    }
                }
            }
            Expr::Conditional {
                condition,
                true_branch,
                false_branch,
            } => match condition.as_ref() {
                Expr::BackrefExistsCondition {
                    group,
                    relative_recursion_level: None,
                } => Node::Cond {
                    group: *group,
                    yes: Box::new(self.node(true_branch)?),
                    no: Box::new(self.node(false_branch)?),
                },
                _ => return None,
            },
            Expr::LookAround(..) | Expr::Backref { casei: false, .. } => {
                if contains_group(e) {
                    return None;
                }
                Node::Fancy(Box::new(e.clone()))
            }
            Expr::AtomicGroup(c) => {
                if contains_group(c) {
                    return None;
                }
                Node::Fancy(Box::new(e.clone()))
            }
            _ => return None,
        })
    }
}

fn contains_group(e: &Expr) -> bool {
    matches!(e, Expr::Group(_)) || e.children_iter().any(contains_group)
}

fn cond_groups(n: &Node, out: &mut BTreeSet<usize>) {
    match n {
        Node::Cond { group, yes, no } => {
            out.insert(*group);
            cond_groups(yes, out);
            cond_groups(no, out);
        }
        Node::Concat(v) | Node::Alt(v) => v.iter().for_each(|c| cond_groups(c, out)),
        Node::Group(_, c) | Node::Repeat { child: c, .. } => cond_groups(c, out),
        _ => {}
    }
}

/// Does `n` define a group in `rel`, or hold a conditional?
fn involved(n: &Node, rel: &BTreeSet<usize>) -> bool {
    match n {
        Node::Cond { .. } => true,
        Node::Group(i, c) => rel.contains(i) || involved(c, rel),
        Node::Concat(v) | Node::Alt(v) => v.iter().any(|c| involved(c, rel)),
        Node::Repeat { child, .. } => involved(child, rel),
        Node::Mark(_) => true,
        _ => false,
    }
}

fn defines(n: &Node, rel: &BTreeSet<usize>) -> bool {
    match n {
        Node::Group(i, c) => rel.contains(i) || defines(c, rel),
        Node::Concat(v) | Node::Alt(v) => v.iter().any(|c| defines(c, rel)),
        Node::Repeat { child, .. } => defines(child, rel),
        Node::Cond { yes, no, .. } => defines(yes, rel) || defines(no, rel),
        Node::Mark(_) => true,
        _ => false,
    }
}

fn all_groups(n: &Node, out: &mut Vec<usize>) {
    match n {
        Node::Group(i, c) => {
            out.push(*i);
            all_groups(c, out);
        }
        Node::Concat(v) | Node::Alt(v) => v.iter().for_each(|c| all_groups(c, out)),
        Node::Repeat { child, .. } => all_groups(child, out),
        Node::Cond { yes, no, .. } => {
            all_groups(yes, out);
            all_groups(no, out);
        }
        _ => {}
    }
}

type State = BTreeMap<usize, bool>;

/// The relevant groups `n` sets on every path (None when that depends on the path).
fn definite(n: &Node, rel: &BTreeSet<usize>, st: &mut State) -> bool {
    match n {
        Node::Mark(v) => {
            st.extend(v.iter().copied());
            true
        }
        Node::Group(i, c) => {
            if rel.contains(i) {
                st.insert(*i, true);
            }
            definite(c, rel, st)
        }
        Node::Concat(v) => v.iter().all(|c| definite(c, rel, st)),
        Node::Alt(v) => !v.iter().any(|c| defines(c, rel)),
        Node::Repeat { child, .. } => !defines(child, rel),
        Node::Cond { yes, no, .. } => !defines(yes, rel) && !defines(no, rel),
        _ => true,
    }
}

/// Replace conditionals by the branch the known state selects.
fn resolve(n: &Node, st: &State) -> Option<Node> {
    Some(match n {
        Node::Cond { group, yes, no } => match st.get(group) {
            Some(true) => resolve(yes, st)?,
            Some(false) => resolve(no, st)?,
            None => return None,
        },
        Node::Concat(v) => Node::Concat(v.iter().map(|c| resolve(c, st)).collect::<Option<_>>()?),
        Node::Alt(v) => Node::Alt(v.iter().map(|c| resolve(c, st)).collect::<Option<_>>()?),
        Node::Group(i, c) => Node::Group(*i, Box::new(resolve(c, st)?)),
        Node::Repeat {
            child,
            lo,
            hi,
            greedy,
        } => Node::Repeat {
            child: Box::new(resolve(child, st)?),
            lo: *lo,
            hi: *hi,
            greedy: *greedy,
        },
        Node::Mark(_) => Node::Concat(Vec::new()),
        other => other.clone(),
    })
}

/// Branch `k` of an alternation is taken: the groups only other branches hold did not
/// take part.
fn others_unset(v: &[Node], k: usize) -> Node {
    let mut mine = Vec::new();
    all_groups(&v[k], &mut mine);
    let mut others = Vec::new();
    for (j, b) in v.iter().enumerate() {
        if j != k {
            all_groups(b, &mut others);
        }
    }
    others.retain(|g| !mine.contains(g));
    Node::Mark(others.into_iter().map(|g| (g, false)).collect())
}

/// `n` as alternatives (each a sequence), in priority order, or None.
fn split(n: &Node) -> Option<Vec<Vec<Node>>> {
    match n {
        Node::Concat(v) => Some(vec![v.clone()]),
        Node::Alt(v) => Some(
            (0..v.len())
                .map(|k| vec![others_unset(v, k), v[k].clone()])
                .collect(),
        ),
        Node::Group(i, c) => match c.as_ref() {
            Node::Alt(v) => Some(
                (0..v.len())
                    .map(|k| vec![others_unset(v, k), Node::Group(*i, Box::new(v[k].clone()))])
                    .collect(),
            ),
            _ => None,
        },
        Node::Cond { .. } => None,
        Node::Repeat {
            child,
            lo: 0,
            hi: 1,
            greedy,
        } => {
            let mut gs = Vec::new();
            all_groups(child, &mut gs);
            let take = vec![(**child).clone()];
            let skip = vec![Node::Mark(gs.into_iter().map(|g| (g, false)).collect())];
            Some(if *greedy {
                vec![take, skip]
            } else {
                vec![skip, take]
            })
        }
        _ => None,
    }
}

/// The sequence `items` with every conditional resolved (state `st` on entry).
fn expand(items: &[Node], st: &State, rel: &BTreeSet<usize>, budget: &mut usize) -> Option<Node> {
    *budget = budget.checked_sub(1)?;
    let mut out = Vec::new();
    let mut st = st.clone();
    for (j, it) in items.iter().enumerate() {
        if let Node::Cond { group, yes, no } = it {
            let b = match st.get(group) {
                Some(true) => yes,
                Some(false) => no,
                None => return None,
            };
            let mut seq = vec![(**b).clone()];
            seq.extend_from_slice(&items[j + 1..]);
            out.push(expand(&seq, &st, rel, budget)?);
            return Some(Node::Concat(out));
        }
        if !involved(it, rel) {
            out.push(it.clone());
            continue;
        }
        let mut st2 = st.clone();
        if definite(it, rel, &mut st2)
            && let Some(r) = resolve(it, &st)
        {
            out.push(r);
            st = st2;
            continue;
        }
        let alts = split(it)?;
        let mut branches = Vec::with_capacity(alts.len());
        for mut seq in alts {
            seq.extend_from_slice(&items[j + 1..]);
            branches.push(expand(&seq, &st, rel, budget)?);
        }
        out.push(Node::Alt(branches));
        return Some(Node::Concat(out));
    }
    Some(Node::Concat(out))
}

/// An exact plain form: the regex, which original group each of its groups stands for,
/// and the look-ahead constraints to check on a match.
#[derive(Debug, Clone)]
pub struct Exact {
    pub pattern: String,
    /// Plain group number → original group number (None: a constraint group).
    pub map: Vec<Option<usize>>,
    /// (plain group number, literal): no `literal` may start inside the group's span.
    pub avoid: Vec<(usize, String)>,
}

impl Exact {
    /// Whether the look-aheads hold for a match with these (plain) group spans.
    pub fn holds(&self, text: &str, span: impl Fn(usize) -> Option<(usize, usize)>) -> bool {
        self.avoid.iter().all(|(g, lit)| match span(*g) {
            None => true,
            Some((s, e)) => match memchr::memmem::find(&text.as_bytes()[s..], lit.as_bytes()) {
                Some(p) => s + p >= e,
                None => true,
            },
        })
    }
}

struct Printer {
    buf: String,
    map: Vec<Option<usize>>,
    avoid: Vec<(usize, String)>,
    exact: bool,
}

fn quantifier(buf: &mut String, lo: usize, hi: usize, greedy: bool) {
    match (lo, hi) {
        (0, usize::MAX) => buf.push('*'),
        (1, usize::MAX) => buf.push('+'),
        (0, 1) => buf.push('?'),
        (lo, usize::MAX) => buf.push_str(&format!("{{{lo},}}")),
        (lo, hi) if lo == hi => buf.push_str(&format!("{{{lo}}}")),
        (lo, hi) => buf.push_str(&format!("{{{lo},{hi}}}")),
    }
    if !greedy {
        buf.push('?');
    }
}

impl Printer {
    fn new(exact: bool) -> Printer {
        Printer {
            buf: String::new(),
            map: Vec::new(),
            avoid: Vec::new(),
            exact,
        }
    }

    fn print(&mut self, n: &Node, in_loop: bool) -> Option<()> {
        match n {
            Node::Leaf(e) => {
                self.buf.push_str("(?:");
                e.to_str(&mut self.buf, 0);
                self.buf.push(')');
            }
            Node::Concat(v) => {
                self.buf.push_str("(?:");
                for c in v {
                    self.print(c, in_loop)?;
                }
                self.buf.push(')');
            }
            Node::Alt(v) => {
                self.buf.push_str("(?:");
                for (i, c) in v.iter().enumerate() {
                    if i > 0 {
                        self.buf.push('|');
                    }
                    self.print(c, in_loop)?;
                }
                self.buf.push(')');
            }
            Node::Group(i, c) => {
                self.map.push(Some(*i));
                self.buf.push('(');
                self.print(c, in_loop)?;
                self.buf.push(')');
            }
            Node::Repeat {
                child,
                lo,
                hi,
                greedy,
            } => {
                self.buf.push_str("(?:");
                self.print(child, in_loop || *hi > 1)?;
                self.buf.push(')');
                quantifier(&mut self.buf, *lo, *hi, *greedy);
            }
            Node::Avoid {
                lit,
                lo,
                hi,
                greedy,
            } => {
                if self.exact {
                    if in_loop {
                        return None;
                    }
                    self.map.push(None);
                    self.avoid.push((self.map.len(), lit.clone()));
                    self.buf.push('(');
                }
                self.buf.push_str("(?:.)");
                quantifier(&mut self.buf, *lo, *hi, *greedy);
                if self.exact {
                    self.buf.push(')');
                }
            }
            Node::Mark(_) => {}
            Node::Cond { yes, no, .. } => {
                if self.exact {
                    return None;
                }
                self.print(&Node::Alt(vec![(**yes).clone(), (**no).clone()]), in_loop)?;
            }
            Node::Fancy(e) => {
                if self.exact {
                    return None;
                }
                match e.as_ref() {
                    Expr::LookAround(..) => {}
                    Expr::Backref { .. } => self.buf.push_str("(?s:.*)"),
                    Expr::AtomicGroup(c) => {
                        let n = Conv { next_group: 0 }.node(c)?;
                        self.print(&n, in_loop)?;
                    }
                    _ => return None,
                }
            }
        }
        (self.buf.len() <= MAX_PATTERN).then_some(())
    }
}

fn parse(pattern: &str) -> Option<(Node, usize)> {
    let tree = Expr::parse_tree(pattern).ok()?;
    let mut conv = Conv { next_group: 0 };
    let node = conv.node(&tree.expr)?;
    Some((node, conv.next_group))
}

/// A fancy-regex pattern parsed once for every form derived from it.
pub struct Parsed<'p> {
    pattern: &'p str,
    node: Node,
    /// Capture groups, group 0 not included.
    groups: usize,
}

impl<'p> Parsed<'p> {
    /// None when the pattern has something these forms do not understand.
    pub fn new(pattern: &'p str) -> Option<Parsed<'p>> {
        let (node, groups) = parse(pattern)?;
        Some(Parsed {
            pattern,
            node,
            groups,
        })
    }
}

/// Is the pattern free of fancy features (then it is its own plain form)?
fn is_plain_node(n: &Node) -> bool {
    match n {
        Node::Leaf(_) | Node::Mark(_) => true,
        Node::Concat(v) | Node::Alt(v) => v.iter().all(is_plain_node),
        Node::Group(_, c) | Node::Repeat { child: c, .. } => is_plain_node(c),
        Node::Cond { .. } | Node::Avoid { .. } | Node::Fancy(_) => false,
    }
}

/// An exact plain form of a fancy-regex `pattern` with `groups` capture groups.
#[cfg(test)]
pub fn exact(pattern: &str, groups: usize) -> Option<Exact> {
    Parsed::new(pattern)?.exact(groups)
}

impl Parsed<'_> {
    /// The exact plain form, when the pattern has `groups` capture groups.
    pub fn exact(&self, groups: usize) -> Option<Exact> {
        exact_form(self.pattern, self.node.clone(), self.groups, groups)
    }

    /// Whether every match starts at the start of the text (conservative).
    pub fn anchored(&self) -> bool {
        anchored(&self.node)
    }

    /// A plain regex matching (at least) wherever the pattern matches.
    pub fn approx(&self) -> Option<String> {
        if is_plain_node(&self.node) {
            return Some(self.pattern.to_string());
        }
        let mut p = Printer::new(false);
        p.print(&self.node, false)?;
        Some(p.buf)
    }

    /// Is the pattern (with `groups` capture groups) free of fancy features?
    pub fn is_plain(&self, groups: usize) -> bool {
        self.groups == groups && is_plain_node(&self.node)
    }
}

fn exact_form(pattern: &str, node: Node, n: usize, groups: usize) -> Option<Exact> {
    if n != groups {
        return None;
    }
    if is_plain_node(&node) {
        return Some(Exact {
            pattern: pattern.to_string(),
            map: (1..=n).map(Some).collect(),
            avoid: Vec::new(),
        });
    }
    let mut rel = BTreeSet::new();
    cond_groups(&node, &mut rel);
    let node = if rel.is_empty() {
        node
    } else {
        let items = match node {
            Node::Concat(v) => v,
            other => vec![other],
        };
        let mut budget = 256;
        expand(&items, &State::new(), &rel, &mut budget)?
    };
    let mut p = Printer::new(true);
    p.print(&node, false)?;
    Some(Exact {
        pattern: p.buf,
        map: p.map,
        avoid: p.avoid,
    })
}

/// Does every match of `n` start at the start of the text (`^` without multi-line)?
fn anchored(n: &Node) -> bool {
    match n {
        Node::Leaf(Expr::Assertion(Assertion::StartText)) => true,
        Node::Concat(v) => v
            .iter()
            .find(|c| !matches!(c, Node::Mark(_)))
            .is_some_and(anchored),
        Node::Alt(v) => !v.is_empty() && v.iter().all(anchored),
        Node::Group(_, c) => anchored(c),
        Node::Repeat { child, lo, .. } => *lo > 0 && anchored(child),
        Node::Cond { yes, no, .. } => anchored(yes) && anchored(no),
        _ => false,
    }
}

/// Whether `pattern` can only match at the start of the text (conservative).
#[cfg(test)]
pub fn anchored_at_start(pattern: &str) -> bool {
    Parsed::new(pattern).is_some_and(|p| p.anchored())
}

/// A plain regex matching (at least) wherever `pattern` matches.
#[cfg(test)]
pub fn approx(pattern: &str) -> Option<String> {
    Parsed::new(pattern)?.approx()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compare the plain form with fancy-regex on `texts`: same match and groups.
    fn same(pattern: &str, texts: &[&str]) {
        let fancy = fancy_regex::Regex::new(pattern).unwrap();
        let groups = fancy.captures_len() - 1;
        let ex = exact(pattern, groups).unwrap_or_else(|| panic!("no exact form: {pattern}"));
        let plain = regex::Regex::new(&ex.pattern).unwrap();
        let apx = regex::Regex::new(&approx(pattern).unwrap()).unwrap();
        for t in texts {
            let f = fancy.captures(t).unwrap();
            if f.is_some() {
                assert!(apx.is_match(t), "approx misses {t:?}");
            }
            let Some(p) = plain.captures(t) else {
                // A miss of the plain form is final (no fallback): the original must miss too.
                assert!(
                    f.is_none(),
                    "plain form misses, fancy matches: {pattern} on {t:?}"
                );
                continue;
            };
            if !ex.holds(t, |g| p.get(g).map(|m| (m.start(), m.end()))) {
                // A look-ahead fails: the caller asks fancy-regex instead.
                continue;
            }
            let f = f.unwrap_or_else(|| panic!("plain matches, fancy does not: {t:?}"));
            for g in 0..=groups {
                let want = f.get(g).map(|m| (m.start(), m.end()));
                let got = if g == 0 {
                    p.get(0).map(|m| (m.start(), m.end()))
                } else {
                    ex.map
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| **o == Some(g))
                        .find_map(|(pi, _)| p.get(pi + 1).map(|m| (m.start(), m.end())))
                };
                assert_eq!(got, want, "group {g} of {pattern} on {t:?}");
            }
        }
    }

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
    fn start_anchoring() {
        for (p, want) in [
            (r"^a", true),
            (r"(?:^a|^b)c", true),
            (r"(^a)+", true),
            (r"a|^b", false),
            (r"(?m)^a", false),
            (r"(?:^a)?b", false),
            (r"x", false),
        ] {
            assert_eq!(anchored_at_start(p), want, "{p}");
        }
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

    #[test]
    fn conditionals_and_avoid_loops() {
        let sshd = r"^Failed (?:(?P<nofail>publickey)|\S+) for (?P<cond_inv>invalid user )?(?P<user>(?P<cond_user>\S+)|(?(<cond_inv>)(?:(?! from ).)*?|[^:]+)) from (?P<ip4>(?:\d{1,3}\.){3}\d{1,3})(?: (?:port \d+|on \S+)){0,2}(?: ssh\d*)?(?(<cond_user>): |(?:(?:(?! from ).)*)(?:\n?\z))";
        same(
            sshd,
            &[
                "Failed password for root from 1.2.3.4 port 22 ssh2",
                "Failed password for invalid user a b from 1.2.3.4 port 22 ssh2",
                "Failed password for invalid user from from 1.2.3.4 port 22 ssh2",
                "Failed password for a from b from 1.2.3.4 port 22 ssh2",
                "Failed publickey for root from 1.2.3.4 port 22 ssh2: RSA x",
                "Failed publickey for root from 1.2.3.4 port 22 ssh2 from x",
                "Failed none for invalid user  from 1.2.3.4",
                "Failed password for x:y from 1.2.3.4 port 1 ssh2: from 5.6.7.8",
                "Accepted password for root from 1.2.3.4",
            ],
        );
        same(r"^(?P<a>x)?(?(<a>)y|z)$", &["xy", "z", "xz", "y", "xyz"]);
        same(r"^a(?:(?!bc).)*c", &["abxbc", "axc", "abc"]);
    }
}

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

/// A prefregex `^…(?P<content>.+)$` split at its content group.
#[derive(Debug, Clone)]
pub struct ContentHead {
    /// The plain pattern before the content group.
    pub pattern: String,
    /// Plain group number → original group number.
    pub map: Vec<Option<usize>>,
    /// The content group's number.
    pub content: usize,
    /// When the head is `^(?P<g>P)T` with no other group in it and `T` able to match
    /// the empty string anywhere: `^P`. The first path of the head then takes P's
    /// first (leftmost-first) match, so group g spans from 0 to the end of `^P`'s
    /// match and no captures are needed (the usual `^<F-MLFID>…</F-MLFID>` prefix).
    pub lead: Option<String>,
}

/// Can `n` match the empty string by a path without assertions (conservative)?
fn matches_empty(n: &Node) -> bool {
    match n {
        Node::Repeat { lo: 0, .. } | Node::Mark(_) => true,
        Node::Concat(v) => v.iter().all(matches_empty),
        Node::Alt(v) => v.iter().any(matches_empty),
        Node::Group(_, c) => matches_empty(c),
        _ => false,
    }
}

#[cfg(test)]
pub fn content_head(pattern: &str, groups: usize) -> Option<ContentHead> {
    Parsed::new(pattern)?.content_head(groups)
}

impl Parsed<'_> {
    /// A prefregex `^…(?P<content>.+)$` split at its content group (see
    /// [`ContentHead`]). For a one-line text the content then starts where the
    /// leftmost-first match of the head ends, provided that is before the end of the
    /// text (`.+$` takes any non-empty rest of a line).
    pub fn content_head(&self, groups: usize) -> Option<ContentHead> {
        head_of(&self.node, self.groups, groups)
    }
}

fn head_of(node: &Node, n: usize, groups: usize) -> Option<ContentHead> {
    if n != groups {
        return None;
    }
    let Node::Concat(items) = node else {
        return None;
    };
    let mut flat = Vec::new();
    for it in items {
        match it {
            Node::Concat(v) => flat.extend(v.iter().cloned()),
            other => flat.push(other.clone()),
        }
    }
    let k = flat.len().checked_sub(3)?;
    let content = match &flat[k] {
        Node::Group(g, c) if *g == groups => match c.as_ref() {
            Node::Repeat {
                child,
                lo: 1,
                hi: usize::MAX,
                greedy: true,
            } if matches!(
                child.as_ref(),
                Node::Leaf(Expr::Any {
                    newline: false,
                    crlf: false
                })
            ) =>
            {
                *g
            }
            _ => return None,
        },
        _ => return None,
    };
    let newline_opt = matches!(&flat[k + 1], Node::Repeat { child, lo: 0, hi: 1, greedy: true }
        if matches!(child.as_ref(), Node::Leaf(Expr::Literal { val, casei: false }) if val == "\n"));
    let end = matches!(
        &flat[k + 2],
        Node::Leaf(Expr::Assertion(Assertion::EndText))
    );
    let head = Node::Concat(flat[..k].to_vec());
    if !newline_opt || !end || !is_plain_node(&head) {
        return None;
    }
    let mut p = Printer::new(true);
    p.print(&head, false)?;
    let lead = match &flat[..k] {
        [
            Node::Leaf(Expr::Assertion(Assertion::StartText)),
            Node::Group(_, inner),
            rest @ ..,
        ] if p.map.len() == 1 && rest.iter().all(matches_empty) => {
            let mut l = Printer::new(true);
            l.buf.push('^');
            l.print(inner, false)?;
            l.map.is_empty().then_some(l.buf)
        }
        _ => None,
    };
    Some(ContentHead {
        pattern: p.buf,
        map: p.map,
        content,
        lead,
    })
}

#[cfg(test)]
mod head_tests {
    use super::*;

    #[test]
    fn prefregex_head_split() {
        let p = r"^(?P<mlfid>\s*(?:\S+\s+)?(?:sshd(?:\[\d+\])?:\s+)?)(?:(?:error|fatal): )?(?P<content>.+)(?:\n?\z)";
        let ContentHead {
            pattern: head,
            map,
            content,
            lead,
        } = content_head(p, 2).unwrap();
        assert_eq!(content, 2);
        assert_eq!(map, vec![Some(1)]);
        let full = regex::Regex::new(p).unwrap();
        let head = regex::Regex::new(&head).unwrap();
        let lead = regex::Regex::new(&lead.unwrap()).unwrap();
        for t in [
            " srv sshd[1]: Failed password",
            " srv sshd[1]: error: x",
            "sshd[1]: ",
            " a",
            "x",
        ] {
            let f = full.captures(t).unwrap();
            let h = head.captures(t).unwrap();
            let e = h.get(0).unwrap().end();
            if e < t.len() {
                assert_eq!(f.get(2).map(|m| m.start()), Some(e), "{t:?}");
                assert_eq!(f.get(1).map(|m| m.range()), h.get(1).map(|m| m.range()));
                assert_eq!(
                    f.get(1).map(|m| m.range()),
                    lead.find(t).map(|m| m.range()),
                    "{t:?}"
                );
            }
        }
        assert!(content_head(r"^(?P<content>.+) x$", 1).is_none());
    }
}
