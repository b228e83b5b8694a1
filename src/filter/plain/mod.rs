//! Plain-regex forms of fancy (backtracking-only) regexes, so that matching runs on the
//! regex crate's automata instead of fancy-regex's backtracking VM.
//!
//! Two forms are derived from a fancy-regex parse tree:
//!
//! * [`Parsed::exact`]: an equivalent plain regex. Conditionals `(?(g)A|B)` are removed by
//!   distributing the rest of the pattern over the alternation that decides whether `g`
//!   took part: `(A|B)R` ≡ `AR|BR` and `X?R` ≡ `XR|R` under leftmost-first (backtracking)
//!   priority, so every branch knows `g` and the conditional resolves. Capture groups
//!   copied by the distribution are mapped back to their original numbers. A loop
//!   `(?:(?!L).)*` (L a literal) becomes a capture group around `.*`; after a match the
//!   caller checks that no `L` starts inside that group's span ([`Exact::holds`]). The
//!   relaxed regex has a superset of the paths, in the same priority order, so when its
//!   first successful path satisfies the look-aheads it is also the first successful path
//!   of the original; otherwise the caller falls back to fancy-regex.
//! * [`Parsed::approx`]: a plain regex that matches whenever the original does (look-arounds
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

mod dual;
mod head;

pub use dual::{Dual, DualCaps};

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

#[cfg(test)]
mod tests;
