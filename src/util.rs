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

/// Replace control characters so text from logs, feeds or the network cannot
/// drive the terminal, nor disguise itself: C0, DEL and C1 controls, bidi
/// overrides, embeddings and isolates, and zero-width characters become
/// U+FFFD (a tab becomes a space).
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_invisible_format(c)) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() || is_invisible_format(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Characters that change how the text around them reads without showing
/// themselves: bidirectional marks, embeddings, overrides and isolates, and
/// zero-width spaces and joiners (and the byte-order mark).
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A serde_json formatter that also escapes DEL and the C1 controls
/// (U+007F–U+009F) as `\u` sequences: serde_json escapes only C0, and some
/// terminals act on C1 controls (U+009B is CSI).
pub struct C1Escaping<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for C1Escaping<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if ('\u{7f}'..='\u{9f}').contains(&c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write JSON with C1 controls escaped (see [`C1Escaping`]), indented or on one line.
pub fn write_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    w: W,
    v: &T,
    pretty: bool,
) -> std::io::Result<()> {
    let r = if pretty {
        let f = C1Escaping(serde_json::ser::PrettyFormatter::new());
        v.serialize(&mut serde_json::Serializer::with_formatter(w, f))
    } else {
        let f = C1Escaping(serde_json::ser::CompactFormatter);
        v.serialize(&mut serde_json::Serializer::with_formatter(w, f))
    };
    r.map_err(std::io::Error::other)
}

/// One line of JSON with C1 controls escaped.
pub fn json_line<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let mut out = Vec::new();
    // Writing to a Vec fails only for a value that cannot be serialised.
    let _ = write_json(&mut out, v, false);
    String::from_utf8(out).unwrap_or_default()
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

/// Who is doing this, for the audit log: a login name. SUDO_USER (the
/// person behind sudo), else LOGNAME, else USER, else the uid's name in
/// `passwd` (the text of /etc/passwd, read only when needed); `uid:N` only
/// for a uid without a name, and never for root.
pub fn actor_from(
    sudo_user: Option<&str>,
    logname: Option<&str>,
    user: Option<&str>,
    uid: u32,
    passwd: impl FnOnce() -> String,
) -> String {
    let usable = |s: &&str| !s.is_empty() && s.len() <= 256 && !s.chars().any(char::is_control);
    if let Some(name) = [sudo_user, logname, user]
        .into_iter()
        .flatten()
        .find(usable)
    {
        return name.to_string();
    }
    passwd_name(&passwd(), uid).unwrap_or_else(|| match uid {
        0 => "root".to_string(),
        n => format!("uid:{n}"),
    })
}

/// The login name of `uid` in the text of an /etc/passwd file.
pub fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
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
    fn sanitize_covers_controls_bidi_and_zero_width() {
        assert_eq!(sanitize("plain ünïcode"), "plain ünïcode");
        assert_eq!(sanitize("a\x1b[2Jb\tc"), "a\u{FFFD}[2Jb c");
        assert_eq!(sanitize("x\u{9b}31m"), "x\u{FFFD}31m");
        // "evil\u{202E}txt.exe" reads as "evilexe.txt" on a terminal.
        assert_eq!(sanitize("evil\u{202E}txt.exe"), "evil\u{FFFD}txt.exe");
        for c in [
            '\u{200B}', '\u{200D}', '\u{2066}', '\u{2069}', '\u{061C}', '\u{FEFF}', '\u{200F}',
        ] {
            assert_eq!(
                sanitize(&format!("a{c}b")),
                "a\u{FFFD}b",
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn json_escapes_c1_controls() {
        let v = serde_json::json!({"k\u{85}": "a\u{9b}b\u{7f}\u{1b}ü\u{a0}"});
        let line = json_line(&v);
        assert_eq!(
            line,
            r#"{"k\u0085":"a\u009bb\u007f\u001bü\u{a0}"}"#.replace("\\u{a0}", "\u{a0}")
        );
        assert!(!line.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)));
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back, v, "the escapes read back as the same text");
        let mut pretty = Vec::new();
        write_json(&mut pretty, &v, true).unwrap();
        let pretty = String::from_utf8(pretty).unwrap();
        assert!(pretty.contains("\n  \"k\\u0085\": "), "{pretty}");
    }

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
        let passwd = || {
            "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n".to_string()
        };
        let none = || -> String { panic!("/etc/passwd read although a name was given") };
        assert_eq!(
            actor_from(Some("alice"), Some("root"), Some("root"), 0, none),
            "alice"
        );
        assert_eq!(actor_from(None, Some("bob"), Some("root"), 0, none), "bob");
        assert_eq!(actor_from(None, None, Some("root"), 0, none), "root");
        assert_eq!(actor_from(Some(""), Some(""), None, 1000, passwd), "alice");
        assert_eq!(actor_from(None, None, None, 0, passwd), "root");
        assert_eq!(
            actor_from(None, None, None, 0, String::new),
            "root",
            "never uid:0"
        );
        assert_eq!(
            actor_from(Some("a\x1bb"), None, None, 4242, passwd),
            "uid:4242"
        );
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
