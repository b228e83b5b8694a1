//! bangui's one fail2ban override file, `jail.d/zz-bangui.local`: its model (each
//! section and option once), rendering (`%` escaped, continuation lines indented, no
//! inline comments), a line diff, the writer lock and timestamped backups. It never
//! touches any other config file. Validating a change with fail2ban and applying it
//! belongs to [`engine`].

pub mod engine;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::f2bconf::ini;
use crate::{Error, Result};

/// The file bangui owns; `zz-` sorts it after every other `.local` in `jail.d`, so its
/// values win.
pub const FILE_NAME: &str = "zz-bangui.local";

const HEADER: &str = "\
# Written by bangui (`bangui jail set --persist`, `bangui jail enable|disable`).
# bangui rewrites this file on every change: options edited here by hand are kept,
# comments are not. Previous versions: `bangui config-backups list`.
";

/// `DIR/jail.d/zz-bangui.local`.
pub fn file_in(config_dir: &Path) -> PathBuf {
    config_dir.join("jail.d").join(FILE_NAME)
}

/// The override file as sections of options. Values are kept in config syntax (`%%`
/// for `%`, `%(known/x)s` references intact); `set` escapes plain values itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverrideFile {
    pub sections: Vec<(String, BTreeMap<String, String>)>,
}

/// Escape a plain value for a fail2ban config file.
pub fn escape(value: &str) -> String {
    value.replace('%', "%%")
}

/// Refuse what configparser would read back differently: an inline `;` comment, a
/// continuation line that reads as a comment, or a line break in a one-line option.
pub fn check_writable(key: &str, value: &str, multiline: bool) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::bad_input(format!(
            "{key}: {value:?} cannot be written to a fail2ban config file: {why}"
        )))
    };
    if value.contains('\r') || (!multiline && value.contains('\n')) {
        return bad("it contains a line break");
    }
    for line in value.split('\n') {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with(';') {
            return bad("a line may not start with # or ; (fail2ban reads it as a comment)");
        }
        let b = line.as_bytes();
        if b.windows(2)
            .any(|w| w[1] == b';' && (w[0] == b' ' || w[0] == b'\t'))
        {
            return bad("\" ;\" starts an inline comment in fail2ban's config syntax");
        }
    }
    Ok(())
}

impl OverrideFile {
    /// Parse the file's current text (strict: a duplicate section or option is an error,
    /// as it is for fail2ban).
    pub fn parse(path: &Path, text: &str) -> Result<OverrideFile> {
        let f = ini::parse(path, text)?;
        let mut sections = Vec::new();
        if !f.defaults.is_empty() {
            sections.push((
                "DEFAULT".to_string(),
                f.defaults
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value.clone()))
                    .collect(),
            ));
        }
        for (name, opts) in f.sections {
            sections.push((name, opts.into_iter().map(|(k, v)| (k, v.value)).collect()));
        }
        Ok(OverrideFile { sections })
    }

    fn section_mut(&mut self, section: &str) -> &mut BTreeMap<String, String> {
        let i = match self.sections.iter().position(|(n, _)| n == section) {
            Some(i) => i,
            None => {
                self.sections.push((section.to_string(), BTreeMap::new()));
                self.sections.len() - 1
            }
        };
        &mut self.sections[i].1
    }

    /// The raw (config-syntax) value of an option, if this file sets it.
    pub fn get_raw(&self, section: &str, key: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(n, _)| n == section)
            .and_then(|(_, o)| o.get(key))
            .map(String::as_str)
    }

    /// Set an option to a plain value (escaped here).
    pub fn set(&mut self, section: &str, key: &str, plain: &str) {
        self.set_raw(section, key, &escape(plain));
    }

    /// Set an option to a value already in config syntax.
    pub fn set_raw(&mut self, section: &str, key: &str, raw: &str) {
        self.section_mut(section)
            .insert(key.to_lowercase(), raw.to_string());
    }

    /// The file's text: one header, each section once, options sorted, continuation
    /// lines indented by four spaces, blank lines inside values dropped.
    pub fn render(&self) -> String {
        let mut out = String::from(HEADER);
        for (name, opts) in &self.sections {
            if opts.is_empty() {
                continue;
            }
            out.push('\n');
            out.push_str(&format!("[{name}]\n"));
            for (k, v) in opts {
                let mut lines = v.split('\n').map(str::trim).filter(|l| !l.is_empty());
                match lines.next() {
                    Some(first) => out.push_str(&format!("{k} = {first}\n")),
                    None => out.push_str(&format!("{k} =\n")),
                }
                for l in lines {
                    out.push_str(&format!("    {l}\n"));
                }
            }
        }
        out
    }
}

/// A line diff of two texts, unified style (`---`/`+++` headers, then every line
/// prefixed with ` `, `-` or `+`). Empty when the texts are equal.
pub fn diff(old: &str, new: &str, label: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Longest common subsequence table; the files are small.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = format!("--- {label} (before)\n+++ {label} (after)\n");
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!(" {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] > lcs[i + 1][j]) {
            out.push_str(&format!("+{}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("-{}\n", a[i]));
            i += 1;
        }
    }
    out
}

/// Hold the writer lock: an exclusive `flock` on the `jail.d` directory itself, so no
/// lock file is left in `/etc`. Waits up to `wait`, then "try again later" (75).
pub fn lock(jail_d: &Path, wait: Duration) -> Result<File> {
    let f = File::open(jail_d).map_err(|e| {
        Error::io(
            format!("opening {} to lock it", jail_d.display()),
            jail_d,
            e,
        )
    })?;
    let t0 = Instant::now();
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(f),
            Err(std::fs::TryLockError::WouldBlock) if t0.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::try_later(format!(
                    "another bangui is changing {} (its lock is held); try again",
                    jail_d.display()
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(
                    format!("locking {}", jail_d.display()),
                    jail_d,
                    e,
                ));
            }
        }
    }
}

/// One saved previous version of the override file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Backup {
    pub id: String,
    /// RFC 3339 UTC.
    pub created: String,
    /// The file this is a version of.
    pub target: PathBuf,
    /// False when the file did not exist: restoring removes it.
    pub existed: bool,
    pub size: u64,
    /// What was about to change when this copy was taken.
    pub reason: String,
    /// Where the copy is (null when the file did not exist).
    pub content_file: Option<PathBuf>,
}

/// Timestamped backups in one directory: `ID.local` (the bytes) and `ID.json`.
pub struct BackupStore {
    pub dir: PathBuf,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() < 64
        && id
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'T' | 'Z' | '-' | '.'))
        && !id.starts_with('.')
}

impl BackupStore {
    pub fn new(dir: impl Into<PathBuf>) -> BackupStore {
        BackupStore { dir: dir.into() }
    }

    /// `config-backups` beside bangui's database (`/var/lib/bangui/config-backups` for
    /// root); beside the working directory when the database path has no directory.
    pub fn beside_database(db: &Path) -> BackupStore {
        let dir = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        BackupStore::new(dir.join("config-backups"))
    }

    /// Save `previous` (None: the file did not exist) as a new backup.
    pub fn save(
        &self,
        target: &Path,
        previous: Option<&[u8]>,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Backup> {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(|e| {
                Error::io(
                    format!("creating the backup directory {}", self.dir.display()),
                    &self.dir,
                    e,
                )
            })?;
        let base = now.format("%Y%m%dT%H%M%S%.3fZ").to_string();
        let mut id = base.clone();
        let mut n = 1;
        while self.dir.join(format!("{id}.json")).exists() {
            n += 1;
            id = format!("{base}-{n}");
        }
        let content_file = previous.map(|_| self.dir.join(format!("{id}.local")));
        if let (Some(p), Some(bytes)) = (&content_file, previous) {
            crate::util::write_atomic(p, bytes, 0o600)
                .map_err(|e| Error::io(format!("writing the backup {}", p.display()), p, e))?;
        }
        let b = Backup {
            id: id.clone(),
            created: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            target: target.to_path_buf(),
            existed: previous.is_some(),
            size: previous.map(|p| p.len() as u64).unwrap_or(0),
            reason: reason.to_string(),
            content_file,
        };
        let meta = self.dir.join(format!("{id}.json"));
        let json = serde_json::to_vec_pretty(&b).unwrap_or_default();
        crate::util::write_atomic(&meta, &json, 0o600)
            .map_err(|e| Error::io(format!("writing {}", meta.display()), &meta, e))?;
        Ok(b)
    }

    /// Forget a backup (after a rolled-back change, whose "previous version" is current
    /// again).
    pub fn remove(&self, b: &Backup) -> Result<()> {
        if !valid_id(&b.id) {
            return Err(Error::bad_input(format!("invalid backup id {:?}", b.id)));
        }
        for ext in ["local", "json"] {
            let p = self.dir.join(format!("{}.{ext}", b.id));
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(format!("removing {}", p.display()), &p, e)),
            }
        }
        Ok(())
    }

    /// Every backup, oldest first.
    pub fn list(&self) -> Result<Vec<Backup>> {
        let rd = match std::fs::read_dir(&self.dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(Error::io(
                    format!("reading {}", self.dir.display()),
                    &self.dir,
                    e,
                ));
            }
        };
        let mut out = Vec::new();
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) != Some("json") {
                continue;
            }
            if let Ok(text) = std::fs::read(&p)
                && let Ok(b) = serde_json::from_slice::<Backup>(&text)
            {
                out.push(b);
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// One backup and its bytes (None: the file did not exist then).
    pub fn get(&self, id: &str) -> Result<(Backup, Option<Vec<u8>>)> {
        if !valid_id(id) {
            return Err(Error::bad_input(format!(
                "invalid backup id {id:?}; `bangui config-backups list` shows the ids"
            )));
        }
        let b = self
            .list()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| {
                Error::config(format!(
                    "no config backup {id:?} in {}; `bangui config-backups list` shows them",
                    self.dir.display()
                ))
            })?;
        let bytes = match &b.content_file {
            Some(p) => Some(
                std::fs::read(p)
                    .map_err(|e| Error::io(format!("reading the backup {}", p.display()), p, e))?,
            ),
            None => None,
        };
        Ok((b, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_escapes_indents_and_keeps_one_of_each() {
        let mut f = OverrideFile::default();
        f.set("sshd", "bantime", "3600");
        f.set("sshd", "datepattern", "%Y-%m-%d");
        f.set("sshd", "BANTIME", "7200");
        f.set_raw("sshd", "failregex", "%(known/failregex)s\n^x <HOST>$");
        f.set("web", "enabled", "false");
        let text = f.render();
        assert!(text.contains("[sshd]\nbantime = 7200\ndatepattern = %%Y-%%m-%%d\n"));
        assert!(text.contains("failregex = %(known/failregex)s\n    ^x <HOST>$\n"));
        assert_eq!(text.matches("[sshd]").count(), 1);
        let back = OverrideFile::parse(Path::new("x.local"), &text).unwrap();
        assert_eq!(back, f);
        assert_eq!(back.render(), text);
    }

    #[test]
    fn refuses_what_would_read_back_differently() {
        assert!(check_writable("ignorecommand", "/bin/x ;y", false).is_err());
        assert!(check_writable("failregex", "a\n# b", true).is_err());
        assert!(check_writable("bantime", "1\n2", false).is_err());
        assert!(check_writable("failregex", "^a;b <HOST> # c", false).is_ok());
    }

    #[test]
    fn diff_marks_changes() {
        let d = diff("a\nb\nc\n", "a\nx\nc\nd\n", "f");
        assert_eq!(d, "--- f (before)\n+++ f (after)\n a\n-b\n+x\n c\n+d\n");
        assert_eq!(diff("a\n", "a\n", "f"), "");
    }

    #[test]
    fn backups_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let s = BackupStore::new(dir.path().join("b"));
        let now = chrono::Utc::now();
        let a = s.save(Path::new("/x"), Some(b"one"), "r", now).unwrap();
        let b = s.save(Path::new("/x"), None, "r", now).unwrap();
        assert_ne!(a.id, b.id);
        assert_eq!(s.list().unwrap().len(), 2);
        assert_eq!(s.get(&a.id).unwrap().1.as_deref(), Some(&b"one"[..]));
        assert_eq!(s.get(&b.id).unwrap().1, None);
        assert!(matches!(s.get("../x"), Err(Error::BadInput { .. })));
        s.remove(&b).unwrap();
        assert_eq!(s.list().unwrap().len(), 1);
        let jd = dir.path().join("jail.d");
        std::fs::create_dir(&jd).unwrap();
        let _held = lock(&jd, Duration::from_secs(1)).unwrap();
        assert!(matches!(
            lock(&jd, Duration::from_millis(200)),
            Err(Error::TryLater { .. })
        ));
    }
}
