//! Small shared helpers: durations, times, atomic file writes, and
//! sanitising untrusted text for a terminal. No I/O beyond the file it is
//! asked to write.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};

/// Parse "90", "30s", "10m", "24h", "7d", "2w" or combinations like "1h30m".
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let err =
        || format!("expected a duration such as \"30s\", \"10m\", \"24h\" or \"7d\", got {s:?}");
    if t.is_empty() {
        return Err(err());
    }
    if let Ok(n) = t.parse::<u64>() {
        return Ok(n);
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    let mut saw_unit = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let mult = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return Err(err()),
        };
        let n: u64 = num.parse().map_err(|_| err())?;
        total = n
            .checked_mul(mult)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(err)?;
        num.clear();
        saw_unit = true;
    }
    if !num.is_empty() || !saw_unit {
        return Err(err());
    }
    Ok(total)
}

/// "1d2h", "10m", "45s": the compact form operators type.
pub fn format_duration(secs: i64) -> String {
    if secs < 0 {
        return "permanent".into();
    }
    if secs == 0 {
        return "0s".into();
    }
    let mut s = secs;
    let mut out = String::new();
    for (unit, len) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] {
        if s >= len {
            out.push_str(&format!("{}{unit}", s / len));
            s %= len;
        }
    }
    out
}

pub fn now_unix() -> i64 {
    Utc::now().timestamp()
}

/// RFC 3339 in UTC with a `Z`, seconds precision.
pub fn rfc3339(ts: i64) -> String {
    match Utc.timestamp_opt(ts, 0).single() {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => ts.to_string(),
    }
}

pub fn rfc3339_opt(ts: Option<i64>) -> serde_json::Value {
    match ts {
        Some(t) => serde_json::Value::String(rfc3339(t)),
        None => serde_json::Value::Null,
    }
}

/// Parse an RFC 3339 time, a date (`2026-11-24`), or a duration meaning "that long ago".
pub fn parse_since(s: &str, now: i64) -> Result<i64, String> {
    if let Ok(d) = parse_duration(s) {
        return Ok(now - d as i64);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        && let Some(t) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(Utc.from_utc_datetime(&t).timestamp());
    }
    Err(format!(
        "expected a duration (7d), a date (2026-11-24) or an RFC 3339 time, got {s:?}"
    ))
}

/// Replace control characters so text from logs, feeds or the network cannot
/// drive the terminal.
/// How many bytes of a bad input line an error message quotes.
pub const QUOTE_MAX: usize = 200;

/// At most `max` bytes of `s`, cut at a character boundary, with `…` when
/// something was left out: error messages never echo a whole huge line.
pub fn clip(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}…", &s[..end]))
}

pub fn sanitize(s: &str) -> String {
    if !s.chars().any(|c| c.is_control()) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Write a file atomically: temp file in the same directory, fsync, rename,
/// then fsync the directory. `mode` applies to the new file.
pub fn write_atomic(path: &Path, contents: &[u8], mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Who is doing this, for the audit log: SUDO_USER, else USER, else the uid.
pub fn actor_from(sudo_user: Option<&str>, user: Option<&str>, uid: u32) -> String {
    sudo_user
        .filter(|s| !s.is_empty())
        .or(user.filter(|s| !s.is_empty()))
        .map(str::to_string)
        .unwrap_or_else(|| format!("uid:{uid}"))
}

pub fn hostname() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

pub fn uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Whether a process with this pid exists on this host.
pub fn pid_alive(pid: i64) -> bool {
    if pid <= 0 || pid > i32::MAX as i64 {
        return false;
    }
    match rustix::process::Pid::from_raw(pid as i32) {
        Some(p) => match rustix::process::test_kill_process(p) {
            Ok(()) => true,
            Err(e) => e == rustix::io::Errno::PERM,
        },
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert_eq!(parse_duration("10m").unwrap(), 600);
        assert_eq!(parse_duration("1h30m").unwrap(), 5400);
        assert_eq!(parse_duration("7d").unwrap(), 604_800);
        assert!(parse_duration("").is_err());
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("5m3").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
        assert_eq!(format_duration(5400), "1h30m");
        assert_eq!(format_duration(-1), "permanent");
    }

    #[test]
    fn times() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_since("1h", 10_000).unwrap(), 6400);
        assert_eq!(parse_since("1970-01-02", 0).unwrap(), 86_400);
        assert_eq!(parse_since("1970-01-01T00:01:00Z", 0).unwrap(), 60);
        assert!(parse_since("yesterday", 0).is_err());
    }

    #[test]
    fn clip_cuts_at_a_character_boundary() {
        assert_eq!(clip("short", 200), "short");
        assert_eq!(clip("aé", 2), "a…");
        assert_eq!(clip(&"x".repeat(1000), 200).len(), 200 + '…'.len_utf8());
    }

    #[test]
    fn sanitizes_control_characters() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(sanitize("plain"), "plain");
    }

    #[test]
    fn actor() {
        assert_eq!(actor_from(Some("alice"), Some("root"), 0), "alice");
        assert_eq!(actor_from(None, Some("root"), 0), "root");
        assert_eq!(actor_from(Some(""), None, 1000), "uid:1000");
    }

    #[test]
    fn atomic_write_replaces_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        write_atomic(&p, b"one", 0o600).unwrap();
        write_atomic(&p, b"two", 0o600).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
