//! A prefregex `^…(?P<content>.+)$` split at its content group, so that the head is
//! matched on its own and the content found without captures.

use fancy_regex::{Assertion, Expr};

use super::{Node, Parsed, Printer, is_plain_node};

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
mod tests {
    use super::*;

    fn content_head(pattern: &str, groups: usize) -> Option<ContentHead> {
        Parsed::new(pattern)?.content_head(groups)
    }

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
