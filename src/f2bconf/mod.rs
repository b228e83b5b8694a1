//! Reads fail2ban's configuration tree (`/etc/fail2ban`): filters, actions and jails,
//! resolved the way fail2ban-client resolves them. Read-only: it never writes config,
//! never talks to the server and never runs fail2ban.

pub mod ini;
pub mod merged;
pub mod tags;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{Error, Result};
use merged::{FileCache, Merged, config_files};

/// Options a filter's `[Definition]` may set (fail2ban's `FilterReader._configOpts`).
pub const FILTER_OPTIONS: &[&str] = &[
    "usedns",
    "prefregex",
    "ignoreregex",
    "failregex",
    "maxlines",
    "datepattern",
    "journalmatch",
];

/// Commands an action's `[Definition]` may set (`ActionReader._configOpts`).
pub const ACTION_COMMANDS: &[&str] = &[
    "actionstart",
    "actionstart_on_demand",
    "actionstop",
    "actionflush",
    "actionreload",
    "actioncheck",
    "actionrepair",
    "actionrepair_on_unban",
    "actionban",
    "actionprolong",
    "actionreban",
    "actionunban",
    "norestored",
];

/// A filter file and the jails that use it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FilterInfo {
    pub name: String,
    pub files: Vec<PathBuf>,
    pub jails: Vec<String>,
}

/// An action file and the jails that use it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ActionInfo {
    pub name: String,
    pub files: Vec<PathBuf>,
    /// `true` for Python actions (`action.d/NAME.py`), which bangui cannot resolve.
    pub python: bool,
    pub jails: Vec<String>,
}

/// A filter with includes, interpolation and tags resolved.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ResolvedFilter {
    pub name: String,
    pub params: BTreeMap<String, String>,
    pub prefregex: Option<String>,
    pub failregex: Vec<String>,
    pub ignoreregex: Vec<String>,
    pub datepattern: Option<String>,
    pub maxlines: Option<usize>,
    pub usedns: Option<String>,
    pub journalmatch: Vec<String>,
    /// Option name → "file:line" where it was defined (after overrides).
    pub sources: BTreeMap<String, String>,
    pub files: Vec<PathBuf>,
}

/// An action with its commands resolved (dynamic tags such as `<ip>` remain).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ResolvedAction {
    pub name: String,
    pub params: BTreeMap<String, String>,
    pub commands: BTreeMap<String, String>,
    pub init: BTreeMap<String, String>,
    pub sources: BTreeMap<String, String>,
    pub files: Vec<PathBuf>,
}

/// One jail section as written in jail.conf/jail.local/jail.d (interpolated).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JailConfig {
    pub name: String,
    pub enabled: bool,
    /// The filter entry, e.g. `sshd[mode=normal]`; `None` if the jail names none.
    pub filter: Option<String>,
    pub filter_name: Option<String>,
    pub filter_params: BTreeMap<String, String>,
    pub actions: Vec<String>,
    pub backend: Option<String>,
    pub logpath: Vec<String>,
    pub port: Option<String>,
    pub maxretry: Option<String>,
    pub findtime: Option<String>,
    pub bantime: Option<String>,
    /// Every option of the section (interpolated where possible, raw otherwise).
    pub options: BTreeMap<String, String>,
    /// Option name → "file:line".
    pub sources: BTreeMap<String, String>,
}

/// A fail2ban configuration directory.
pub struct ConfigTree {
    dir: PathBuf,
    cache: std::cell::RefCell<FileCache>,
}

/// Refuse names that could leave the tree: fail2ban takes them as paths.
pub fn check_name(name: &str) -> Result<()> {
    let bad = name.is_empty()
        || name.contains('/')
        || name.contains('\\')
        || name.contains('\0')
        || name == "."
        || name == ".."
        || name.starts_with('.');
    if bad {
        return Err(Error::bad_input(format!(
            "refusing config name {name:?}: only plain names inside the config directory are allowed"
        )));
    }
    Ok(())
}

fn names_in(dir: &Path, exts: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if !p.is_file() {
                continue;
            }
            let (Some(stem), Some(ext)) = (
                p.file_stem().and_then(|s| s.to_str()),
                p.extension().and_then(|s| s.to_str()),
            ) else {
                continue;
            };
            if exts.contains(&ext) && !stem.starts_with('.') {
                out.insert(stem.to_string());
            }
        }
    }
    out
}

fn split_lines(v: &str) -> Vec<String> {
    v.split('\n')
        .map(str::to_string)
        .filter(|s| !s.is_empty())
        .collect()
}

impl ConfigTree {
    /// Open a config directory such as `/etc/fail2ban`.
    pub fn open(dir: impl Into<PathBuf>) -> Result<ConfigTree> {
        let dir = dir.into();
        if !dir.is_dir() {
            return Err(Error::NoInput {
                what: "fail2ban config directory".into(),
                path: dir,
            });
        }
        Ok(ConfigTree {
            dir,
            cache: Default::default(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Read `rel` (e.g. `filter.d/sshd`) with fail2ban's read order and includes.
    pub fn read(&self, rel: &str) -> Result<Merged> {
        let base = self.dir.join(rel);
        let files = config_files(&base);
        if files.is_empty() {
            return Err(Error::config(format!(
                "no config files for '{rel}' under {} (looked for {rel}.conf and {rel}.local)",
                self.dir.display()
            )));
        }
        Merged::read(&mut self.cache.borrow_mut(), &files)
    }

    /// Every filter: basenames of `filter.d/*.conf|*.local`, without the include-only
    /// `common`/`*-common` files, each with the jails that reference it.
    pub fn list_filters(&self) -> Result<Vec<FilterInfo>> {
        let names = names_in(&self.dir.join("filter.d"), &["conf", "local"]);
        let users = self.users_by("filter");
        let mut out = Vec::new();
        for name in names {
            if name == "common" || name.ends_with("-common") {
                continue;
            }
            let files = config_files(&self.dir.join("filter.d").join(&name));
            out.push(FilterInfo {
                jails: users.get(&name).cloned().unwrap_or_default(),
                name,
                files,
            });
        }
        Ok(out)
    }

    /// Every action: `action.d/*.conf|*.local|*.py`.
    pub fn list_actions(&self) -> Result<Vec<ActionInfo>> {
        let dir = self.dir.join("action.d");
        let names = names_in(&dir, &["conf", "local", "py"]);
        let users = self.users_by("action");
        let mut out = Vec::new();
        for name in names {
            let mut files = config_files(&dir.join(&name));
            let py = dir.join(format!("{name}.py"));
            let python = files.is_empty() && py.is_file();
            if py.is_file() {
                files.push(py);
            }
            out.push(ActionInfo {
                jails: users.get(&name).cloned().unwrap_or_default(),
                name,
                files,
                python,
            });
        }
        Ok(out)
    }

    /// Jail names by the filter/action base name they use; jails that fail to resolve
    /// are left out so one broken section does not hide the list.
    fn users_by(&self, what: &str) -> BTreeMap<String, Vec<String>> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let Ok(jails) = self.jails() else {
            return map;
        };
        for j in jails {
            let names: Vec<String> = if what == "filter" {
                j.filter_name.iter().cloned().collect()
            } else {
                j.actions
                    .iter()
                    .filter_map(|a| tags::parse_with_params(a).ok().map(|(n, _)| n))
                    .collect()
            };
            for n in names {
                let v = map.entry(n).or_default();
                if !v.contains(&j.name) {
                    v.push(j.name.clone());
                }
            }
        }
        map
    }

    /// Resolve `filter.d/NAME` with `params` (as in `sshd[mode=aggressive]`).
    pub fn filter(&self, name: &str, params: &BTreeMap<String, String>) -> Result<ResolvedFilter> {
        check_name(name)?;
        self.filter_at(&format!("filter.d/{name}"), name, params)
    }

    /// Resolve a filter file given by path (`fail2ban-regex LOG /x/filter.d/f.conf`):
    /// its includes are read relative to its own directory, as fail2ban does.
    pub fn filter_file(path: &Path, params: &BTreeMap<String, String>) -> Result<ResolvedFilter> {
        if !path.is_file() {
            return Err(Error::NoInput {
                what: "filter file".into(),
                path: path.to_path_buf(),
            });
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| Error::bad_input(format!("invalid filter file name {path:?}")))?;
        ConfigTree::open(dir)?.filter_at(stem, stem, params)
    }

    fn filter_at(
        &self,
        rel: &str,
        name: &str,
        params: &BTreeMap<String, String>,
    ) -> Result<ResolvedFilter> {
        let m = self.read(rel)?;
        let (opts, sources) = resolve_definition(&m, params, FILTER_OPTIONS, &HashSet::new())?;
        let get = |k: &str| opts.get(k).cloned().filter(|v| !v.is_empty());
        let maxlines = match get("maxlines") {
            Some(v) => Some(v.trim().parse::<usize>().map_err(|_| {
                Error::config(format!(
                    "{}: maxlines must be a number, not {v:?}",
                    sources.get("maxlines").map(String::as_str).unwrap_or(name)
                ))
            })?),
            None => None,
        };
        Ok(ResolvedFilter {
            name: name.to_string(),
            params: params.clone(),
            prefregex: get("prefregex"),
            failregex: opts
                .get("failregex")
                .map(|v| split_lines(v))
                .unwrap_or_default(),
            ignoreregex: opts
                .get("ignoreregex")
                .map(|v| split_lines(v))
                .unwrap_or_default(),
            datepattern: get("datepattern"),
            maxlines,
            usedns: get("usedns"),
            journalmatch: opts
                .get("journalmatch")
                .map(|v| split_lines(v))
                .unwrap_or_default(),
            sources,
            files: m.files.clone(),
        })
    }

    /// Resolve `action.d/NAME` with `params`.
    pub fn action(&self, name: &str, params: &BTreeMap<String, String>) -> Result<ResolvedAction> {
        check_name(name)?;
        let m = self.read(&format!("action.d/{name}"))?;
        let (opts, sources) = resolve_definition(&m, params, ACTION_COMMANDS, &HashSet::new())?;
        let mut commands = BTreeMap::new();
        let mut init = BTreeMap::new();
        let init_keys: HashSet<String> = m.options("Init").into_iter().collect();
        for (k, v) in opts {
            if ACTION_COMMANDS.contains(&k.as_str()) {
                commands.insert(k, v);
            } else if init_keys.contains(&k) || params.contains_key(&k) {
                init.insert(k, v);
            }
        }
        Ok(ResolvedAction {
            name: name.to_string(),
            params: params.clone(),
            commands,
            init,
            sources,
            files: m.files.clone(),
        })
    }

    /// Every jail section of jail.conf, jail.d/*, jail.local (in first-seen order).
    pub fn jails(&self) -> Result<Vec<JailConfig>> {
        let m = self.read("jail")?;
        let mut vars = BTreeMap::new();
        vars.insert(
            "fail2ban_confpath".to_string(),
            self.dir.display().to_string(),
        );
        let mut out = Vec::new();
        for name in m.user_sections() {
            out.push(jail_from(&m, name, &vars)?);
        }
        Ok(out)
    }

    /// One jail by section name.
    pub fn jail(&self, name: &str) -> Result<JailConfig> {
        self.jails()?
            .into_iter()
            .find(|j| j.name == name)
            .ok_or_else(|| {
                Error::config(format!("no jail [{name}] in {}/jail.*", self.dir.display()))
            })
    }
}

fn jail_from(m: &Merged, name: &str, vars: &BTreeMap<String, String>) -> Result<JailConfig> {
    let mut options = BTreeMap::new();
    let mut sources = BTreeMap::new();
    for k in m.options(name) {
        if k.contains('?') {
            continue;
        }
        let v = m.get(name, &k, vars)?.unwrap_or_default();
        if let Some(o) = m.origin(name, &k) {
            sources.insert(k.clone(), o.origin());
        }
        options.insert(k, v);
    }
    let get = |k: &str| -> Result<Option<String>> {
        if let Some(v) = options.get(k) {
            return Ok(Some(v.clone()));
        }
        m.get(name, k, vars)
    };
    let enabled = get("enabled")?
        .map(|v| {
            matches!(
                v.trim().to_lowercase().as_str(),
                "true" | "yes" | "on" | "1"
            )
        })
        .unwrap_or(false);
    let filter = get("filter")?.filter(|s| !s.trim().is_empty());
    let (filter_name, filter_params) = match &filter {
        Some(f) => {
            let (n, p) = tags::parse_with_params(f).map_err(|e| {
                Error::config(format!(
                    "{}: {e}",
                    m.origin(name, "filter")
                        .map(|o| o.origin())
                        .unwrap_or_default()
                ))
            })?;
            (Some(n), p)
        }
        None => (None, BTreeMap::new()),
    };
    let actions = get("action")?
        .map(|v| tags::split_entries(&v))
        .unwrap_or_default();
    let logpath = get("logpath")?
        .map(|v| {
            v.split('\n')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok(JailConfig {
        name: name.to_string(),
        enabled,
        filter,
        filter_name,
        filter_params,
        actions,
        backend: get("backend")?,
        logpath,
        port: get("port")?,
        maxretry: get("maxretry")?,
        findtime: get("findtime")?,
        bantime: get("bantime")?,
        options,
        sources,
    })
}

/// fail2ban's `DefinitionInitConfigReader.getOptions` + `getCombined`: read the
/// `[Definition]` options with the parameters as interpolation variables, add `[Init]`
/// (parameters win, `known/x` keeps the file's value) and substitute `<tags>`.
fn resolve_definition(
    m: &Merged,
    params: &BTreeMap<String, String>,
    wanted: &[&str],
    extra_ignore: &HashSet<String>,
) -> Result<(BTreeMap<String, String>, BTreeMap<String, String>)> {
    let mut sources = BTreeMap::new();
    let mut opts: BTreeMap<String, String> = BTreeMap::new();
    for &o in wanted {
        if params.contains_key(o) {
            continue;
        }
        if let Some(v) = m.get("Definition", o, params)? {
            if let Some(rv) = m.origin("Definition", o) {
                sources.insert(o.to_string(), rv.origin());
            }
            opts.insert(o.to_string(), v);
        }
    }
    let mut init: BTreeMap<String, String> = params.clone();
    for k in params.keys() {
        sources.insert(k.clone(), "parameter".into());
    }
    if m.sections.contains_key("Init") {
        for k in m.options("Init") {
            let v = m.get("Init", &k, &BTreeMap::new())?.unwrap_or_default();
            if !k.starts_with("known/") {
                init.insert(format!("known/{k}"), v.clone());
            }
            if let std::collections::btree_map::Entry::Vacant(e) = init.entry(k.clone()) {
                if let Some(rv) = m.origin("Init", &k) {
                    sources.insert(k, rv.origin());
                }
                e.insert(v);
            }
        }
    }
    let mut combined = opts;
    combined.extend(init);
    let mut ignore: HashSet<String> = extra_ignore.clone();
    ignore.extend(merged::conditional_bases(combined.keys()));
    let mut addrepl = |tag: &str| -> Result<Option<String>> {
        // A tag that cannot be read (bad interpolation in an unrelated option) stays
        // unresolved, as fail2ban's getCombOption swallows those errors.
        Ok(m.get_ex("Definition", tag, params).unwrap_or(None))
    };
    let resolved = tags::substitute_recursive_tags(&combined, "", &ignore, &mut addrepl)?;
    Ok((resolved, sources))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree(files: &[(&str, &str)]) -> (tempfile::TempDir, ConfigTree) {
        let dir = tempfile::tempdir().unwrap();
        for (p, body) in files {
            let path = dir.path().join(p);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, body).unwrap();
        }
        let t = ConfigTree::open(dir.path()).unwrap();
        (dir, t)
    }

    fn none() -> BTreeMap<String, String> {
        BTreeMap::new()
    }

    #[test]
    fn read_order_includes_and_known() {
        let (_d, t) = tree(&[
            (
                "filter.d/common.conf",
                "[DEFAULT]\n_daemon = \\S*\nbase = common\n",
            ),
            ("filter.d/common.local", "[DEFAULT]\nbase = common-local\n"),
            (
                "filter.d/f.conf",
                "[INCLUDES]\nbefore = common.conf\n[Definition]\nfailregex = ^a <HOST>\n    ^b %(base)s\nignoreregex =\nx = conf\n",
            ),
            ("filter.d/f.d/10.conf", "[Definition]\nx = d-conf\n"),
            ("filter.d/f.local", "[Definition]\nx = local\n"),
            (
                "filter.d/f.d/20.local",
                "[Definition]\nx = d-local %(known/x)s\nfailregex = %(known/failregex)s\n  ^c <x>\n",
            ),
        ]);
        let m = t.read("filter.d/f").unwrap();
        assert_eq!(
            m.get("Definition", "x", &none()).unwrap().unwrap(),
            "d-local local"
        );
        let f = t.filter("f", &none()).unwrap();
        assert_eq!(
            f.failregex,
            vec!["^a <HOST>", "^b common-local", "^c d-local local"]
        );
        assert!(f.sources["failregex"].ends_with("20.local:3"));
        assert!(f.ignoreregex.is_empty());
    }

    #[test]
    fn syntax_comments_continuation_percent() {
        let (_d, t) = tree(&[(
            "filter.d/s.conf",
            "# comment\n; comment\n[Definition]\nA = one ; inline\nb = two # not a comment\nc = 100%%\nd = x\n  y\n\n  z\ndatepattern = %%Y-%%m\nprefregex = %(__name__)s\n",
        )]);
        let m = t.read("filter.d/s").unwrap();
        let g = |k: &str| m.get("Definition", k, &none()).unwrap().unwrap();
        assert_eq!(g("a"), "one");
        assert_eq!(g("b"), "two # not a comment");
        assert_eq!(g("c"), "100%");
        assert_eq!(g("d"), "x\ny\n\nz");
        assert_eq!(g("datepattern"), "%Y-%m");
        assert_eq!(g("prefregex"), "Definition");
    }

    #[test]
    fn errors_name_file_and_line() {
        let (_d, t) = tree(&[("filter.d/bad.conf", "[Definition]\nx = 1\nx = 2\n")]);
        let e = t.filter("bad", &none()).unwrap_err().to_string();
        assert!(e.contains("bad.conf:3"), "{e}");
        let (_d, t) = tree(&[("filter.d/p.conf", "[Definition]\n\nfailregex = 5% off\n")]);
        let e = t.filter("p", &none()).unwrap_err();
        assert!(matches!(e, Error::Config { .. }));
        assert!(e.to_string().contains("p.conf:3"), "{e}");
        let (_d, t) = tree(&[(
            "filter.d/l.conf",
            "[Definition]\na = %(b)s\nb = %(a)s\nfailregex = %(a)s\n",
        )]);
        assert!(
            t.filter("l", &none())
                .unwrap_err()
                .to_string()
                .contains("deeper")
        );
        let (_d, t) = tree(&[("filter.d/m.conf", "[Definition]\nfailregex = %(nope)s\n")]);
        assert!(
            t.filter("m", &none())
                .unwrap_err()
                .to_string()
                .contains("m.conf:2")
        );
    }

    #[test]
    fn traversal_is_refused() {
        let (_d, t) = tree(&[]);
        for n in ["../../etc/passwd", "/", "..", "a/b", ""] {
            assert!(
                matches!(t.filter(n, &none()), Err(Error::BadInput { .. })),
                "{n}"
            );
            assert!(
                matches!(t.action(n, &none()), Err(Error::BadInput { .. })),
                "{n}"
            );
        }
        assert!(matches!(
            t.filter("missing", &none()),
            Err(Error::Config { .. })
        ));
    }

    #[test]
    fn params_mode_and_nested_tags() {
        let (_d, t) = tree(&[(
            "filter.d/sshd.conf",
            "[DEFAULT]\nlogtype = file\n__prefix = <lt_<logtype>/pre>\n[lt_file]\npre = FILE\n[lt_journal]\npre = JOURNAL\n\
             [Definition]\nmode = normal\nnormal = ^n\naggressive = ^a\nfailregex = %(__prefix)s<<mode>>\n[Init]\nmode = normal\n",
        )]);
        assert_eq!(t.filter("sshd", &none()).unwrap().failregex, vec!["FILE^n"]);
        let (n, p) = tags::parse_with_params("sshd[mode=aggressive, logtype=\"journal\"]").unwrap();
        assert_eq!(n, "sshd");
        assert_eq!(t.filter(&n, &p).unwrap().failregex, vec!["JOURNAL^a"]);
        let (_, p) = tags::parse_with_params(r#"x[port="ssh, http", name=y]"#).unwrap();
        assert_eq!(p["port"], "ssh, http");
        assert_eq!(p["name"], "y");
    }

    #[test]
    fn actions_conditional_init_and_jails() {
        let (_d, t) = tree(&[
            (
                "action.d/fw.conf",
                "[Definition]\nactionban = add <name> <ip> <chain>\n[Init]\nname = default\nchain = INPUT\n[Init?family=inet6]\nchain = INPUT6\n",
            ),
            ("action.d/mail.py", "# python action\n"),
            (
                "jail.conf",
                "[DEFAULT]\nmode = normal\nfilter = %(__name__)s[mode=%(mode)s]\naction = fw[name=%(__name__)s]\n[sshd]\nenabled = false\nport = ssh\n[web]\nfilter = apache-auth\n",
            ),
            (
                "jail.d/local.local",
                "[sshd]\nenabled = true\nmode = aggressive\n",
            ),
            ("filter.d/sshd.conf", "[Definition]\nfailregex = x <HOST>\n"),
        ]);
        let a = t
            .action("fw", &[("name".to_string(), "ssh".to_string())].into())
            .unwrap();
        assert_eq!(a.commands["actionban"], "add ssh <ip> <chain>");
        assert_eq!(a.init["chain?family=inet6"], "INPUT6");
        let jails = t.jails().unwrap();
        let sshd = jails.iter().find(|j| j.name == "sshd").unwrap();
        assert!(sshd.enabled);
        assert_eq!(sshd.filter.as_deref(), Some("sshd[mode=aggressive]"));
        assert_eq!(sshd.actions, vec!["fw[name=sshd]"]);
        let filters = t.list_filters().unwrap();
        assert_eq!(filters[0].name, "sshd");
        assert_eq!(filters[0].jails, vec!["sshd"]);
        let actions = t.list_actions().unwrap();
        assert!(actions.iter().any(|a| a.name == "mail" && a.python));
        assert_eq!(
            actions.iter().find(|a| a.name == "fw").unwrap().jails,
            vec!["sshd", "web"]
        );
    }
}
