//! fail2ban's regex dialect: tag expansion (`<HOST>`, `<F-USER>…`) and the
//! Python-to-Rust syntax rewrites, text to text.

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
}
