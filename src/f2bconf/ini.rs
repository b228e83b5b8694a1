//! One fail2ban INI file, parsed the way Python's `configparser` (strict mode, `;` inline
//! comments) reads it. Owns syntax only: no includes, no merging, no interpolation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::{Error, Result};

/// A value and where it was written, so later errors can name the file and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawValue {
    pub value: String,
    pub file: Rc<PathBuf>,
    pub line: usize,
}

impl RawValue {
    pub fn origin(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }
}

pub type Options = BTreeMap<String, RawValue>;

/// The sections of one file, in file order. `[DEFAULT]` is kept apart, as configparser does.
#[derive(Debug, Default, Clone)]
pub struct IniFile {
    pub path: PathBuf,
    pub defaults: Options,
    pub sections: Vec<(String, Options)>,
}

impl IniFile {
    pub fn section(&self, name: &str) -> Option<&Options> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, o)| o)
    }
}

/// Read and parse one file. A missing file is `Error::NoInput`.
pub fn read_file(path: &Path) -> Result<IniFile> {
    let text = std::fs::read(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::NoInput {
                what: "fail2ban config file".into(),
                path: path.to_path_buf(),
            }
        } else {
            Error::io(format!("reading {}", path.display()), path, e)
        }
    })?;
    // fail2ban reads its config as UTF-8; a broken byte should not make the whole tree
    // unreadable, so decode lossily like a tolerant reader would.
    let text = String::from_utf8_lossy(&text);
    parse(path, &text)
}

/// Parse `text` as the content of `path`.
pub fn parse(path: &Path, text: &str) -> Result<IniFile> {
    let file = Rc::new(path.to_path_buf());
    let mut out = IniFile {
        path: path.to_path_buf(),
        ..IniFile::default()
    };
    // Current section: None before the first header, Some(usize::MAX) for DEFAULT.
    let mut cur: Option<usize> = None;
    let mut cur_opt: Option<String> = None;
    // Lines of the current option's value; joined when the option ends.
    let mut acc: Vec<String> = Vec::new();
    let mut indent_level = usize::MAX;
    let mut seen_sections: Vec<String> = Vec::new();
    let err =
        |lineno: usize, msg: &str| Error::config(format!("{}:{}: {}", path.display(), lineno, msg));

    fn flush(
        out: &mut IniFile,
        cur: Option<usize>,
        cur_opt: &mut Option<String>,
        acc: &mut Vec<String>,
    ) {
        if let Some(name) = cur_opt.as_ref() {
            // configparser joins with newlines and strips trailing blank lines.
            let joined = acc.join("\n");
            let value = joined.trim_end().to_string();
            let target = match cur {
                Some(usize::MAX) => Some(&mut out.defaults),
                Some(i) => out.sections.get_mut(i).map(|(_, o)| o),
                None => None,
            };
            if let Some(opts) = target
                && let Some(rv) = opts.get_mut(name)
            {
                rv.value = value;
            }
        }
        acc.clear();
        *cur_opt = None;
    }

    for (idx, raw_line) in text.lines().enumerate() {
        let lineno = idx + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let comment_start = comment_start(line);
        let value = match comment_start {
            Some(c) => line[..c].trim(),
            None => line.trim(),
        };
        if value.is_empty() {
            // A blank line inside a multi-line value is kept (configparser's
            // empty_lines_in_values); a comment-only line is not.
            if comment_start.is_none() && cur_opt.is_some() {
                acc.push(String::new());
            }
            continue;
        }
        let cur_indent = line.len() - line.trim_start().len();
        if cur.is_some() && cur_opt.is_some() && cur_indent > indent_level {
            acc.push(value.to_string());
            continue;
        }
        indent_level = cur_indent;
        flush(&mut out, cur, &mut cur_opt, &mut acc);
        if value.starts_with('[') && value.ends_with(']') && value.len() >= 2 {
            let name = &value[1..value.len() - 1];
            if seen_sections.iter().any(|s| s == name) {
                return Err(err(lineno, &format!("section '{name}' already exists")));
            }
            seen_sections.push(name.to_string());
            if name == "DEFAULT" {
                cur = Some(usize::MAX);
            } else {
                out.sections.push((name.to_string(), Options::new()));
                cur = Some(out.sections.len() - 1);
            }
            continue;
        }
        let Some(section) = cur else {
            return Err(err(lineno, "option outside of any [section]"));
        };
        let Some(pos) = value.find(['=', ':']) else {
            return Err(err(lineno, &format!("cannot parse line: {value}")));
        };
        let name = value[..pos].trim_end().to_lowercase();
        if name.is_empty() {
            return Err(err(lineno, &format!("option without a name: {value}")));
        }
        let val = value[pos + 1..].trim().to_string();
        let opts = if section == usize::MAX {
            &mut out.defaults
        } else {
            match out.sections.get_mut(section) {
                Some((_, o)) => o,
                None => return Err(err(lineno, "internal: lost section")),
            }
        };
        if opts.contains_key(&name) {
            return Err(err(
                lineno,
                &format!("option '{name}' already exists in this section"),
            ));
        }
        opts.insert(
            name.clone(),
            RawValue {
                value: val.clone(),
                file: file.clone(),
                line: lineno,
            },
        );
        acc.push(val);
        cur_opt = Some(name);
    }
    flush(&mut out, cur, &mut cur_opt, &mut acc);
    Ok(out)
}

/// Where a comment starts: `#`/`;` as the first non-blank character, or `;` after
/// whitespace. `#` later in a line is part of the value (fail2ban's configparser setup).
fn comment_start(line: &str) -> Option<usize> {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with(';') {
        return Some(0);
    }
    let bytes = line.as_bytes();
    (1..bytes.len()).find(|&i| bytes[i] == b';' && bytes[i - 1].is_ascii_whitespace())
}
