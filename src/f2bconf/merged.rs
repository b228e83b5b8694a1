//! The merged view of several fail2ban INI files: read order, `[INCLUDES]`, per-option
//! override with `known/` memory, and `%(…)s` interpolation. Owns no knowledge of what
//! filters, actions or jails mean.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::ini::{self, IniFile, Options, RawValue};
use crate::{Error, Result};

/// How deep `[INCLUDES]` may nest before we call it a loop or a mistake.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// configparser's `MAX_INTERPOLATION_DEPTH`.
pub const MAX_INTERPOLATION_DEPTH: usize = 10;

/// All sections after merging. `KNOWN/<section>` holds the values that a later file
/// overrode, which is what `%(known/opt)s` reads.
#[derive(Debug, Default, Clone)]
pub struct Merged {
    pub defaults: Options,
    pub sections: BTreeMap<String, Options>,
    /// Section names in first-seen order (jail order matters to people reading output).
    pub order: Vec<String>,
    /// Files actually read, in read order.
    pub files: Vec<PathBuf>,
}

/// Parses files once per tree; fail2ban shares the same cache between readers.
#[derive(Default)]
pub struct FileCache {
    files: HashMap<PathBuf, Rc<IniFile>>,
}

impl FileCache {
    fn get(&mut self, path: &Path) -> Result<Option<Rc<IniFile>>> {
        if let Some(f) = self.files.get(path) {
            return Ok(Some(f.clone()));
        }
        if !path.is_file() {
            return Ok(None);
        }
        let parsed = Rc::new(ini::read_file(path)?);
        self.files.insert(path.to_path_buf(), parsed.clone());
        Ok(Some(parsed))
    }
}

/// The files fail2ban reads for `base` (a path without extension):
/// `.conf`, `.d/*.conf`, `.local`, `.d/*.local`, only those that exist.
pub fn config_files(base: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let with_ext = |ext: &str| {
        let mut s = base.as_os_str().to_owned();
        s.push(ext);
        PathBuf::from(s)
    };
    let dir = with_ext(".d");
    let listed = |suffix: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.is_file()
                            && p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.ends_with(suffix))
                    })
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    out.push(with_ext(".conf"));
    out.extend(listed(".conf"));
    out.push(with_ext(".local"));
    out.extend(listed(".local"));
    out.retain(|p| p.is_file());
    out
}

fn local_of(path: &Path) -> PathBuf {
    path.with_extension("local")
}

/// Each file followed by its `.local` (if it exists and is not already listed).
fn expand_with_local(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for f in files {
        out.push(f.clone());
        let local = local_of(f);
        if !files.contains(&local) && local.is_file() && local != *f {
            out.push(local);
        }
    }
    out
}

fn includes(
    cache: &mut FileCache,
    files: &[PathBuf],
    seen: &[PathBuf],
    depth: usize,
) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for f in expand_with_local(files) {
        out.extend(includes_of(cache, &f, seen, depth)?);
    }
    Ok(out)
}

fn includes_of(
    cache: &mut FileCache,
    resource: &Path,
    seen: &[PathBuf],
    depth: usize,
) -> Result<Vec<PathBuf>> {
    let Some(parsed) = cache.get(resource)? else {
        // fail2ban silently skips an include that does not exist (common.local).
        return Ok(Vec::new());
    };
    let dir = resource.parent().unwrap_or(Path::new(""));
    let mut before = Vec::new();
    let mut after = Vec::new();
    if let Some(sec) = parsed.section("INCLUDES") {
        for (key, list) in [("before", &mut before), ("after", &mut after)] {
            let Some(rv) = sec.get(key) else { continue };
            for item in rv.value.split('\n') {
                let item = item.trim().replace("%%", "%");
                if item.is_empty() {
                    continue;
                }
                let r = if Path::new(&item).is_absolute() {
                    PathBuf::from(&item)
                } else {
                    dir.join(&item)
                };
                if seen.contains(&r) {
                    continue;
                }
                if depth >= MAX_INCLUDE_DEPTH {
                    return Err(Error::config(format!(
                        "{}: [INCLUDES] nested deeper than {MAX_INCLUDE_DEPTH} levels",
                        rv.origin()
                    )));
                }
                let mut s = seen.to_vec();
                s.push(resource.to_path_buf());
                list.extend(includes(cache, &[r], &s, depth + 1)?);
            }
        }
    }
    let mut out = before;
    out.push(resource.to_path_buf());
    out.extend(after);
    Ok(out)
}

/// `^(\w+)(\?.+)$`: a conditional section such as `Init?family=inet6`.
fn split_conditional(name: &str) -> Option<(&str, &str)> {
    let q = name.find('?')?;
    let (base, cond) = name.split_at(q);
    if base.is_empty() || cond.len() < 2 || !base.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    Some((base, cond))
}

impl Merged {
    /// Read `files` (with their includes and `.local` companions) and merge them.
    pub fn read(cache: &mut FileCache, files: &[PathBuf]) -> Result<Merged> {
        let all = includes(cache, files, &[], 0)?;
        let mut m = Merged::default();
        for path in all {
            let Some(f) = cache.get(&path)? else { continue };
            m.files.push(path.clone());
            for (k, v) in &f.defaults {
                m.defaults.insert(k.clone(), v.clone());
            }
            for (name, opts) in &f.sections {
                let (name, opts) = match split_conditional(name) {
                    Some((base, cond)) => (
                        base.to_string(),
                        opts.iter()
                            .map(|(k, v)| (format!("{k}{cond}"), v.clone()))
                            .collect::<Options>(),
                    ),
                    None => (name.clone(), opts.clone()),
                };
                match m.sections.get_mut(&name) {
                    Some(existing) => {
                        let known: Options = existing
                            .iter()
                            .filter(|(k, _)| opts.contains_key(*k))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        m.sections
                            .entry(format!("KNOWN/{name}"))
                            .or_default()
                            .extend(known);
                        if let Some(existing) = m.sections.get_mut(&name) {
                            existing.extend(opts);
                        }
                    }
                    None => {
                        m.order.push(name.clone());
                        m.sections.insert(name, opts);
                    }
                }
            }
        }
        Ok(m)
    }

    pub fn has_section(&self, section: &str) -> bool {
        section == "DEFAULT" || self.sections.contains_key(section)
    }

    /// The raw (uninterpolated) value: vars, then the section, then DEFAULT.
    pub fn raw<'a>(
        &'a self,
        section: &str,
        opt: &str,
        vars: &'a BTreeMap<String, String>,
    ) -> Option<(&'a str, Option<&'a RawValue>)> {
        if let Some(v) = vars.get(opt) {
            return Some((v.as_str(), None));
        }
        if let Some(v) = self.sections.get(section).and_then(|s| s.get(opt)) {
            return Some((v.value.as_str(), Some(v)));
        }
        self.defaults.get(opt).map(|v| (v.value.as_str(), Some(v)))
    }

    /// configparser's `get(section, option, vars=…)` with fail2ban's extensions.
    /// `Ok(None)` when the section or the option does not exist.
    pub fn get(
        &self,
        section: &str,
        opt: &str,
        vars: &BTreeMap<String, String>,
    ) -> Result<Option<String>> {
        let opt = opt.to_lowercase();
        if !self.has_section(section) {
            return Ok(None);
        }
        let Some((raw, rv)) = self.raw(section, &opt, vars) else {
            return Ok(None);
        };
        let origin = rv.map(|r| r.origin()).unwrap_or_else(|| "parameter".into());
        self.interpolate(raw, section, vars, 1, &origin).map(Some)
    }

    /// fail2ban's `get_ex`: `sec/opt`, `known/opt` (the overridden value, then the
    /// current one) and `default/opt`, else a plain `get`.
    pub fn get_ex(
        &self,
        section: &str,
        opt: &str,
        vars: &BTreeMap<String, String>,
    ) -> Result<Option<String>> {
        if let Some((sec, o)) = split_section_opt(opt) {
            let lower = sec.to_lowercase();
            let candidates: Vec<String> = if lower == "known" {
                vec![format!("KNOWN/{section}"), section.to_string()]
            } else if lower == "default" {
                vec!["DEFAULT".into()]
            } else {
                vec![sec.to_string()]
            };
            for c in candidates {
                if let Some(v) = self.get(&c, o, &BTreeMap::new())? {
                    return Ok(Some(v));
                }
            }
        }
        self.get(section, opt, vars)
    }

    fn interpolate(
        &self,
        rest: &str,
        section: &str,
        vars: &BTreeMap<String, String>,
        depth: usize,
        origin: &str,
    ) -> Result<String> {
        if depth > MAX_INTERPOLATION_DEPTH {
            return Err(Error::config(format!(
                "{origin}: interpolation nested deeper than {MAX_INTERPOLATION_DEPTH} levels (a %(…)s loop?)"
            )));
        }
        if !rest.contains('%') {
            return Ok(rest.to_string());
        }
        let mut out = String::with_capacity(rest.len());
        let mut s = rest;
        while let Some(p) = s.find('%') {
            out.push_str(&s[..p]);
            s = &s[p..];
            let next = s.as_bytes().get(1).copied();
            match next {
                Some(b'%') => {
                    out.push('%');
                    s = &s[2..];
                }
                Some(b'(') => {
                    let Some(end) = s.find(")s") else {
                        return Err(Error::config(format!(
                            "{origin}: bad interpolation syntax in {rest:?} (use %% for a literal %)"
                        )));
                    };
                    let name = s[2..end].to_lowercase();
                    s = &s[end + 2..];
                    let value = self.lookup(&name, section, vars).ok_or_else(|| {
                        Error::config(format!(
                            "{origin}: '%({name})s' refers to an option that is not defined (section [{section}])"
                        ))
                    })?;
                    if value.contains('%') {
                        out.push_str(&self.interpolate(
                            &value,
                            section,
                            vars,
                            depth + 1,
                            origin,
                        )?);
                    } else {
                        out.push_str(&value);
                    }
                }
                _ => {
                    return Err(Error::config(format!(
                        "{origin}: '%' must be followed by '%' or '(' in {rest:?} (write %% for a literal %)"
                    )));
                }
            }
        }
        out.push_str(s);
        Ok(out)
    }

    fn lookup(&self, name: &str, section: &str, vars: &BTreeMap<String, String>) -> Option<String> {
        if name == "__name__" {
            return Some(section.to_string());
        }
        if let Some(v) = vars.get(name) {
            return Some(v.clone());
        }
        if let Some(v) = self.sections.get(section).and_then(|s| s.get(name)) {
            return Some(v.value.clone());
        }
        if let Some(v) = self.defaults.get(name) {
            return Some(v.value.clone());
        }
        let (sec, opt) = split_section_opt(name)?;
        let lower = sec.to_lowercase();
        let found = if lower == "default" {
            None
        } else if lower == "known" {
            self.sections
                .get(&format!("KNOWN/{section}"))
                .and_then(|s| s.get(opt))
        } else {
            self.sections.get(sec).and_then(|s| s.get(opt))
        };
        found
            .or_else(|| self.defaults.get(opt))
            .map(|v| v.value.clone())
    }

    /// Section names other than INCLUDES and the KNOWN/ bookkeeping, first-seen order.
    pub fn user_sections(&self) -> impl Iterator<Item = &str> {
        self.order
            .iter()
            .map(String::as_str)
            .filter(|n| *n != "INCLUDES" && !n.starts_with("KNOWN/"))
    }

    /// Option names of a section without DEFAULT.
    pub fn options(&self, section: &str) -> Vec<String> {
        self.sections
            .get(section)
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The file and line that set `opt` as seen from `section`.
    pub fn origin(&self, section: &str, opt: &str) -> Option<&RawValue> {
        self.sections
            .get(section)
            .and_then(|s| s.get(opt))
            .or_else(|| self.defaults.get(opt))
    }
}

/// `^([\w\-]+)/([^\s>]+)$`
pub fn split_section_opt(name: &str) -> Option<(&str, &str)> {
    let (sec, opt) = name.split_once('/')?;
    if sec.is_empty()
        || opt.is_empty()
        || !sec
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        || opt.chars().any(|c| c.is_whitespace() || c == '>')
    {
        return None;
    }
    Some((sec, opt))
}

/// Lower-cased set helper used by readers that skip conditional keys.
pub fn conditional_bases<'a>(keys: impl Iterator<Item = &'a String>) -> HashSet<String> {
    keys.filter_map(|k| split_conditional(k).map(|(b, _)| b.to_string()))
        .collect()
}
