//! `<tag>` substitution as fail2ban's filter and action readers do it, and the
//! `name[key=value, …]` parameter syntax. Pure string work: no file access.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::{Error, Result};

/// fail2ban's `MAX_TAG_REPLACE_COUNT`: how often one tag may be replaced inside one value.
pub const MAX_TAG_REPLACE_COUNT: usize = 25;

/// The next `<tag>` (a run of characters other than space, `<`, `>`) at or after `from`.
fn find_tag(value: &str, from: usize) -> Option<(usize, usize, &str)> {
    let b = value.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i] == b'<' {
            let mut j = i + 1;
            while j < b.len() && !matches!(b[j], b' ' | b'<' | b'>') {
                j += 1;
            }
            if j < b.len() && b[j] == b'>' && j > i + 1 {
                return Some((i, j + 1, &value[i + 1..j]));
            }
            // Restart at the character after '<' (a nested '<' may open the real tag).
            i += 1;
            continue;
        }
        i += 1;
    }
    None
}

/// Replace `<tag>` references between the values of `tags` until nothing changes.
/// Unknown tags (such as `<HOST>`) stay as they are; `addrepl` supplies values that are
/// not in `tags` (fail2ban looks them up in the filter's `[Definition]`).
pub fn substitute_recursive_tags(
    tags: &BTreeMap<String, String>,
    conditional: &str,
    ignore: &HashSet<String>,
    addrepl: &mut dyn FnMut(&str) -> Result<Option<String>>,
) -> Result<BTreeMap<String, String>> {
    let mut tags = tags.clone();
    let mut done: HashSet<String> = HashSet::new();
    let mut rep_counts: HashMap<String, HashMap<String, usize>> = HashMap::new();
    let keys: Vec<String> = tags.keys().cloned().collect();
    let mut extra_cache: HashMap<String, Option<String>> = HashMap::new();
    loop {
        let mut rep_flag = false;
        for tag in &keys {
            if ignore.contains(tag) || done.contains(tag) {
                continue;
            }
            let orgval = tags.get(tag).cloned().unwrap_or_default();
            let mut value = orgval.clone();
            let mut rplc = rep_counts.get(tag).cloned().unwrap_or_default();
            let mut m = find_tag(&value, 0).map(|(s, e, t)| (s, e, t.to_string()));
            while let Some((start, end, rtag)) = m {
                if ignore.contains(&rtag) {
                    m = find_tag(&value, end).map(|(s, e, t)| (s, e, t.to_string()));
                    continue;
                }
                if rtag == *tag || rplc.get(&rtag).copied().unwrap_or(1) > MAX_TAG_REPLACE_COUNT {
                    return Err(Error::config(format!(
                        "option '{tag}' refers to itself through <{rtag}> and cannot be resolved: {value}"
                    )));
                }
                let mut repl = None;
                if !conditional.is_empty() {
                    repl = tags.get(&format!("{rtag}?{conditional}")).cloned();
                }
                if repl.is_none() {
                    repl = tags.get(&rtag).cloned();
                }
                if repl.is_none() {
                    repl = match extra_cache.get(&rtag) {
                        Some(v) => v.clone(),
                        None => {
                            let v = addrepl(&rtag)?;
                            extra_cache.insert(rtag.clone(), v.clone());
                            v
                        }
                    };
                }
                let Some(repl) = repl else {
                    m = find_tag(&value, end).map(|(s, e, t)| (s, e, t.to_string()));
                    continue;
                };
                value = value.replace(&format!("<{rtag}>"), &repl);
                *rplc.entry(rtag).or_insert(0) += 1;
                m = find_tag(&value, start).map(|(s, e, t)| (s, e, t.to_string()));
            }
            if orgval != value {
                if find_tag(&value, 0).is_some() {
                    rep_counts.insert(tag.clone(), rplc);
                    rep_flag = true;
                }
                tags.insert(tag.clone(), value.clone());
            }
            if !value.contains('<') {
                done.insert(tag.clone());
            }
        }
        if !rep_flag {
            break;
        }
    }
    Ok(tags)
}

/// Split `name[key=value, key2="v, w"]` into the name and its parameters.
pub fn parse_with_params(spec: &str) -> Result<(String, BTreeMap<String, String>)> {
    let spec = spec.trim();
    let bad = |why: &str| Error::bad_input(format!("cannot parse {spec:?}: {why}"));
    let Some(open) = spec.find('[') else {
        return Ok((spec.to_string(), BTreeMap::new()));
    };
    let name = spec[..open].trim().to_string();
    let rest = spec[open + 1..].trim_end();
    let Some(body) = rest.strip_suffix(']') else {
        return Err(bad("missing ']'"));
    };
    let mut params = BTreeMap::new();
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let ks = i;
        while i < b.len() && b[i] != b'=' {
            i += 1;
        }
        if i >= b.len() {
            return Err(bad("expected key=value"));
        }
        let key = body[ks..i].trim().to_string();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Err(bad("bad parameter name"));
        }
        i += 1;
        let value;
        if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            let q = b[i];
            let vs = i + 1;
            i += 1;
            while i < b.len() && b[i] != q {
                i += 1;
            }
            if i >= b.len() {
                return Err(bad("unterminated quote"));
            }
            value = body[vs..i].to_string();
            i += 1;
        } else {
            let vs = i;
            while i < b.len() && b[i] != b',' {
                i += 1;
            }
            value = body[vs..i].trim().to_string();
        }
        params.insert(key, value);
    }
    Ok((name, params))
}

/// Split a multi-line `action =`/`filter =` value into its entries (one per line, but a
/// parameter list may span lines inside brackets).
pub fn split_entries(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for line in value.split('\n') {
        let line = line.trim();
        if line.is_empty() && depth == 0 {
            continue;
        }
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '"' | '\'') if depth > 0 => quote = Some(c),
                (None, '[') => depth += 1,
                (None, ']') => depth -= 1,
                _ => {}
            }
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(line);
        if depth <= 0 && quote.is_none() {
            out.push(std::mem::take(&mut cur));
            depth = 0;
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}
