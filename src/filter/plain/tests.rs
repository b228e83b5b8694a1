use super::*;

/// An exact plain form of a fancy-regex `pattern` with `groups` capture groups.
fn exact(pattern: &str, groups: usize) -> Option<Exact> {
    Parsed::new(pattern)?.exact(groups)
}

/// Whether `pattern` can only match at the start of the text (conservative).
fn anchored_at_start(pattern: &str) -> bool {
    Parsed::new(pattern).is_some_and(|p| p.anchored())
}

/// A plain regex matching (at least) wherever `pattern` matches.
fn approx(pattern: &str) -> Option<String> {
    Parsed::new(pattern)?.approx()
}

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
