//! Blocklist sources: validation (names, URL schemes, formats), their rows in
//! the database, and the merge of sources declared in the config file (origin
//! `config`). It fetches nothing and talks to no fail2ban.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};
use serde::Serialize;

use super::nft::{Action, Hook};
use super::parse::Format;
use crate::error::{Error, Result};
use crate::util::{rfc3339, sanitize};

/// One source as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    #[serde(skip)]
    pub id: i64,
    pub name: String,
    pub url: String,
    pub jail: String,
    #[serde(serialize_with = "ser_display")]
    pub format: Format,
    pub interval_s: u64,
    pub min_interval_s: u64,
    pub max_entries: Option<u64>,
    pub allow_http: bool,
    pub allow_file: bool,
    pub enabled: bool,
    /// `cli` (added with `source add`) or `config` (declared in the file).
    pub origin: String,
    /// `jail` (bans through fail2ban) or `nft` (bangui's own nftables sets).
    pub target: String,
    /// nft targets: `input`, `forward` or `both`; null for jails.
    pub hook: Option<String>,
    /// nft targets: `drop` or `reject`; null for jails.
    pub action: Option<String>,
    #[serde(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    pub last_modified: Option<String>,
    #[serde(serialize_with = "ser_time")]
    pub created_at: i64,
    #[serde(serialize_with = "ser_time")]
    pub updated_at: i64,
}

impl Source {
    /// The hook and action of an nft target; `None` for a jail target.
    pub fn nft(&self) -> Option<(Hook, Action)> {
        if self.target != "nft" {
            return None;
        }
        let hook = self.hook.as_deref().and_then(|h| h.parse().ok());
        let action = self.action.as_deref().and_then(|a| a.parse().ok());
        Some((hook.unwrap_or(Hook::Input), action.unwrap_or(Action::Drop)))
    }
}

fn ser_display<S: serde::Serializer>(f: &Format, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(f)
}

fn ser_time<S: serde::Serializer>(t: &i64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*t))
}

/// What `source add` (or a config table) asks for.
#[derive(Debug, Clone)]
pub struct NewSource {
    pub name: String,
    pub url: String,
    /// Empty for a source that targets nftables.
    pub jail: String,
    pub format: Format,
    pub enabled: bool,
    pub allow_http: bool,
    pub allow_file: bool,
    /// Seconds between scheduled imports.
    pub interval_s: u64,
    /// The fetch limit: no fetch sooner than this after the last one.
    pub min_interval_s: u64,
    /// More networks than this abort the import (unless forced).
    pub max_entries: Option<u64>,
    /// `Some` for a source that targets nftables instead of a jail.
    pub nft: Option<(Hook, Action)>,
}

impl NewSource {
    pub fn new(name: &str, url: &str, jail: &str) -> NewSource {
        NewSource {
            name: name.into(),
            url: url.into(),
            jail: jail.into(),
            format: Format::Auto,
            interval_s: 86_400,
            // The minimum interval spares a provider; a local file has none.
            min_interval_s: if scheme(url).as_deref() == Some("file") {
                0
            } else {
                3_600
            },
            max_entries: None,
            allow_http: false,
            allow_file: false,
            enabled: true,
            nft: None,
        }
    }

    /// A source that loads into bangui's nftables table.
    pub fn new_nft(name: &str, url: &str, hook: Hook, action: Action) -> NewSource {
        let mut s = NewSource::new(name, url, "");
        s.nft = Some((hook, action));
        s
    }

    pub fn validate(&self) -> Result<()> {
        validate_name(&self.name)?;
        if self.nft.is_some() {
            crate::blocklist::nft::validate_name(&self.name)?;
            if !self.jail.is_empty() {
                return Err(Error::bad_input(format!(
                    "source {} targets nft and a jail: a source has exactly one target",
                    self.name
                )));
            }
        } else {
            crate::jail::JailName::parse(&self.jail)?;
        }
        check_url(&self.url, self.allow_http, self.allow_file)?;
        if self.interval_s == 0 {
            return Err(Error::bad_input("the interval must be longer than 0s"));
        }
        Ok(())
    }
}

/// Source names are used in rate-limit buckets, logs and file names.
pub fn validate_name(name: &str) -> Result<()> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        || name.starts_with(['.', '-'])
    {
        return Err(Error::bad_input(format!(
            "invalid source name {:?}: use 1-64 characters from A-Z a-z 0-9 . _ -, not starting with . or -",
            sanitize(name)
        )));
    }
    Ok(())
}

/// The URL's scheme, lower-cased, when it has one bangui may fetch.
pub fn scheme(url: &str) -> Option<String> {
    let (s, rest) = url.split_once("://")?;
    if rest.is_empty() || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(s.to_ascii_lowercase())
}

/// https always; http only with `allow_http`; file only with `allow_file`.
pub fn check_url(url: &str, allow_http: bool, allow_file: bool) -> Result<()> {
    if url.len() > 2048 || url.chars().any(|c| c.is_control() || c == ' ') {
        return Err(Error::bad_input(format!("invalid URL {:?}", sanitize(url))));
    }
    if let Some(class) = crate::fleet::source_class(url) {
        return class.map_or(Ok(()), crate::fleet::check_class);
    }
    match scheme(url).as_deref() {
        Some("https") => Ok(()),
        Some("http") if allow_http => Ok(()),
        Some("http") => Err(Error::bad_input(format!(
            "{} is plain http: add --allow-http to accept an unauthenticated download",
            sanitize(url)
        ))),
        Some("file") if allow_file => match url.strip_prefix("file://") {
            Some(p) if p.starts_with('/') => Ok(()),
            _ => Err(Error::bad_input(format!(
                "{} must be an absolute file:///path",
                sanitize(url)
            ))),
        },
        Some("file") => Err(Error::bad_input(format!(
            "{} is a local file: add --allow-file to read it",
            sanitize(url)
        ))),
        _ => Err(Error::bad_input(format!(
            "unsupported URL {:?}: use https:// (or http:// with --allow-http, file:/// with --allow-file)",
            sanitize(url)
        ))),
    }
}

const COLUMNS: &str = "id, name, url, jail, format, interval_s, min_interval_s, max_entries, \
     allow_http, allow_file, enabled, origin, etag, last_modified, created_at, updated_at, \
     target, nft_hook, nft_action";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Source> {
    let format: String = r.get(4)?;
    let target: String = r.get(16)?;
    let is_nft = target == "nft";
    Ok(Source {
        id: r.get(0)?,
        name: r.get(1)?,
        url: r.get(2)?,
        jail: r.get(3)?,
        // Stored values were validated on the way in; an edited row falls back to auto.
        format: format.parse().unwrap_or(Format::Auto),
        interval_s: r.get::<_, i64>(5)?.max(0) as u64,
        min_interval_s: r.get::<_, i64>(6)?.max(0) as u64,
        max_entries: r.get::<_, Option<i64>>(7)?.map(|v| v.max(0) as u64),
        allow_http: r.get(8)?,
        allow_file: r.get(9)?,
        enabled: r.get(10)?,
        origin: r.get(11)?,
        etag: r.get(12)?,
        last_modified: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        hook: is_nft.then(|| r.get(17)).transpose()?,
        action: is_nft.then(|| r.get(18)).transpose()?,
        target,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Source>> {
    let mut st = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM blocklist_sources ORDER BY name"
        ))
        .map_err(|e| Error::db("listing blocklist sources", e))?;
    let rows = st
        .query_map([], from_row)
        .map_err(|e| Error::db("listing blocklist sources", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::db("listing blocklist sources", e))
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Source>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM blocklist_sources WHERE name = ?1"),
        [name],
        from_row,
    )
    .optional()
    .map_err(|e| Error::db("reading a blocklist source", e))
}

/// The source, or a configuration error naming the known ones.
pub fn get(conn: &Connection, name: &str) -> Result<Source> {
    match find(conn, name)? {
        Some(s) => Ok(s),
        None => {
            let known: Vec<String> = list(conn)?.into_iter().map(|s| s.name).collect();
            Err(Error::config(format!(
                "no blocklist source named {:?}{}",
                sanitize(name),
                if known.is_empty() {
                    "; `bangui blocklist source add` creates one".to_string()
                } else {
                    format!("; sources: {}", known.join(", "))
                }
            )))
        }
    }
}

pub fn rate_bucket(name: &str) -> String {
    format!("blocklist:fetch:{name}")
}

/// The values `add` and a config sync both write, computed once.
struct Columns {
    format: String,
    interval_s: i64,
    min_interval_s: i64,
    max_entries: Option<i64>,
    target: &'static str,
    hook: String,
    action: String,
}

impl Columns {
    fn of(s: &NewSource) -> Columns {
        Columns {
            format: s.format.to_string(),
            interval_s: s.interval_s as i64,
            min_interval_s: s.min_interval_s as i64,
            max_entries: s.max_entries.map(|v| v as i64),
            target: if s.nft.is_some() { "nft" } else { "jail" },
            hook: s
                .nft
                .map(|n| n.0.to_string())
                .unwrap_or_else(|| "input".into()),
            action: s
                .nft
                .map(|n| n.1.to_string())
                .unwrap_or_else(|| "drop".into()),
        }
    }

    /// The named parameters of a source row; `extra` adds the statement's own.
    fn bind<'a>(
        &'a self,
        s: &'a NewSource,
        now: &'a i64,
        extra: &[(&'static str, &'a dyn ToSql)],
    ) -> Vec<(&'static str, &'a dyn ToSql)> {
        let mut v: Vec<(&'static str, &'a dyn ToSql)> = vec![
            (":url", &s.url),
            (":jail", &s.jail),
            (":format", &self.format),
            (":interval_s", &self.interval_s),
            (":min_interval_s", &self.min_interval_s),
            (":max_entries", &self.max_entries),
            (":allow_http", &s.allow_http),
            (":allow_file", &s.allow_file),
            (":enabled", &s.enabled),
            (":now", now),
            (":target", &self.target),
            (":hook", &self.hook),
            (":action", &self.action),
        ];
        v.extend_from_slice(extra);
        v
    }
}

fn insert(conn: &Connection, s: &NewSource, origin: &str, now: i64) -> Result<()> {
    let c = Columns::of(s);
    conn.execute(
        "INSERT INTO blocklist_sources (name, url, jail, format, interval_s, min_interval_s,
             max_entries, allow_http, allow_file, enabled, origin, created_at, updated_at,
             target, nft_hook, nft_action)
         VALUES (:name, :url, :jail, :format, :interval_s, :min_interval_s, :max_entries,
             :allow_http, :allow_file, :enabled, :origin, :now, :now, :target, :hook, :action)",
        &*c.bind(s, &now, &[(":name", &s.name), (":origin", &origin)]),
    )
    .map_err(|e| Error::db("adding a blocklist source", e))?;
    // A re-added name starts without the old rate-limit window: the first
    // import after `add` is never limited.
    conn.execute(
        "DELETE FROM rate_limits WHERE bucket = ?1",
        [rate_bucket(&s.name)],
    )
    .map_err(|e| Error::db("resetting the fetch rate limit", e))?;
    Ok(())
}

/// Add a source. Fetches nothing.
pub fn add(conn: &Connection, s: &NewSource, now: i64) -> Result<Source> {
    s.validate()?;
    if find(conn, &s.name)?.is_some() {
        return Err(Error::bad_input(format!(
            "a blocklist source named {:?} exists already (`bangui blocklist source show {}`)",
            s.name, s.name
        )));
    }
    insert(conn, s, "cli", now)?;
    get(conn, &s.name)
}

/// Enable or disable; returns whether anything changed.
pub fn set_enabled(conn: &Connection, name: &str, enabled: bool, now: i64) -> Result<bool> {
    let s = get(conn, name)?;
    if s.enabled == enabled {
        return Ok(false);
    }
    conn.execute(
        "UPDATE blocklist_sources SET enabled = ?1, updated_at = ?2 WHERE id = ?3",
        params![enabled, now, s.id],
    )
    .map_err(|e| Error::db("updating a blocklist source", e))?;
    Ok(true)
}

/// Remember the validators of the last complete import.
pub fn set_validators(
    conn: &Connection,
    id: i64,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE blocklist_sources SET etag = ?1, last_modified = ?2 WHERE id = ?3",
        params![etag, last_modified, id],
    )
    .map_err(|e| Error::db("storing the feed's ETag", e))?;
    Ok(())
}

/// Delete the row (its entries go with it) and its rate-limit window.
pub fn delete(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.execute("DELETE FROM blocklist_sources WHERE id = ?1", [id])
        .map_err(|e| Error::db("removing a blocklist source", e))?;
    conn.execute(
        "DELETE FROM rate_limits WHERE bucket = ?1",
        [rate_bucket(name)],
    )
    .map_err(|e| Error::db("removing the fetch rate limit", e))?;
    Ok(())
}

/// Read one `[[blocklist.sources]]` table.
pub fn from_toml(v: &toml::Value) -> Result<NewSource> {
    let bad = |m: String| Error::config(format!("[[blocklist.sources]]: {m}"));
    let t = v
        .as_table()
        .ok_or_else(|| bad("each entry must be a table".into()))?;
    let string = |k: &str| -> Result<Option<String>> {
        match t.get(k) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad(format!("{k} must be a string"))),
        }
    };
    let boolean = |k: &str| -> Result<Option<bool>> {
        match t.get(k) {
            None => Ok(None),
            Some(toml::Value::Boolean(b)) => Ok(Some(*b)),
            Some(_) => Err(bad(format!("{k} must be true or false"))),
        }
    };
    let duration = |k: &str| -> Result<Option<u64>> {
        match t.get(k) {
            None => Ok(None),
            Some(toml::Value::Integer(i)) if *i >= 0 => Ok(Some(*i as u64)),
            Some(toml::Value::String(s)) => crate::util::parse_duration(s)
                .map(Some)
                .map_err(|e| bad(format!("{k}: {e}"))),
            Some(_) => Err(bad(format!("{k} must be a duration such as \"24h\""))),
        }
    };
    for k in t.keys() {
        if ![
            "name",
            "url",
            "jail",
            "format",
            "interval",
            "min_interval",
            "max_entries",
            "allow_http",
            "allow_file",
            "enabled",
            "target",
            "hook",
            "action",
        ]
        .contains(&k.as_str())
        {
            return Err(bad(format!("unknown key {:?}", sanitize(k))));
        }
    }
    let name = string("name")?.ok_or_else(|| bad("name is required".into()))?;
    let url = string("url")?.ok_or_else(|| bad(format!("{name}: url is required")))?;
    let target = string("target")?.unwrap_or_else(|| "jail".into());
    let mut s = match target.as_str() {
        "jail" => {
            let jail = string("jail")?.ok_or_else(|| bad(format!("{name}: jail is required")))?;
            if t.contains_key("hook") || t.contains_key("action") {
                return Err(bad(format!(
                    "{name}: hook and action apply to target = \"nft\" only"
                )));
            }
            NewSource::new(&name, &url, &jail)
        }
        "nft" => {
            if t.contains_key("jail") {
                return Err(bad(format!(
                    "{name}: target = \"nft\" takes no jail (a source has exactly one target)"
                )));
            }
            let hook = match string("hook")? {
                Some(h) => h.parse().map_err(|e| bad(format!("{name}: {e}")))?,
                None => Hook::Input,
            };
            let action = match string("action")? {
                Some(a) => a.parse().map_err(|e| bad(format!("{name}: {e}")))?,
                None => Action::Drop,
            };
            NewSource::new_nft(&name, &url, hook, action)
        }
        other => {
            return Err(bad(format!(
                "{name}: unknown target {:?}: use \"jail\" or \"nft\"",
                sanitize(other)
            )));
        }
    };
    if let Some(f) = string("format")? {
        s.format = f.parse().map_err(|e| bad(format!("{name}: {e}")))?;
    }
    if let Some(v) = duration("interval")? {
        s.interval_s = v;
    }
    if let Some(v) = duration("min_interval")? {
        s.min_interval_s = v;
    }
    s.max_entries = match t.get("max_entries") {
        None => None,
        Some(toml::Value::Integer(i)) if *i > 0 => Some(*i as u64),
        Some(_) => {
            return Err(bad(format!(
                "{name}: max_entries must be a positive integer"
            )));
        }
    };
    s.allow_http = boolean("allow_http")?.unwrap_or(false);
    s.allow_file = boolean("allow_file")?.unwrap_or(false);
    s.enabled = boolean("enabled")?.unwrap_or(true);
    s.validate().map_err(|e| bad(format!("{name}: {e}")))?;
    Ok(s)
}

/// Bring config-declared sources into the database (origin `config`): new
/// ones are inserted, changed ones updated. A source that left the file is
/// kept (it owns bans) but disabled; the returned warnings say so.
pub fn sync_config(conn: &Connection, declared: &[toml::Value], now: i64) -> Result<Vec<String>> {
    let mut wanted = Vec::new();
    for v in declared {
        let s = from_toml(v)?;
        if wanted.iter().any(|w: &NewSource| w.name == s.name) {
            return Err(Error::config(format!(
                "[[blocklist.sources]]: {} is declared twice",
                s.name
            )));
        }
        wanted.push(s);
    }
    let mut warnings = Vec::new();
    for s in &wanted {
        match find(conn, &s.name)? {
            None => insert(conn, s, "config", now)?,
            Some(cur) => {
                let same = cur.url == s.url
                    && cur.jail == s.jail
                    && cur.format == s.format
                    && cur.interval_s == s.interval_s
                    && cur.min_interval_s == s.min_interval_s
                    && cur.max_entries == s.max_entries
                    && cur.allow_http == s.allow_http
                    && cur.allow_file == s.allow_file
                    && cur.enabled == s.enabled
                    && cur.origin == "config"
                    && cur.nft() == s.nft;
                if !same {
                    if cur.jail != s.jail {
                        warnings.push(format!(
                            "blocklist source {} moved from jail {} to {}: the bans it made in {} stay until `bangui blocklist source rm`",
                            s.name, cur.jail, s.jail, cur.jail
                        ));
                    }
                    let c = Columns::of(s);
                    conn.execute(
                        "UPDATE blocklist_sources SET url = :url, jail = :jail, format = :format,
                             interval_s = :interval_s, min_interval_s = :min_interval_s,
                             max_entries = :max_entries, allow_http = :allow_http,
                             allow_file = :allow_file, enabled = :enabled, origin = 'config',
                             updated_at = :now,
                             etag = CASE WHEN url = :url THEN etag END,
                             last_modified = CASE WHEN url = :url THEN last_modified END,
                             target = :target, nft_hook = :hook, nft_action = :action
                         WHERE id = :id",
                        &*c.bind(s, &now, &[(":id", &cur.id)]),
                    )
                    .map_err(|e| Error::db("updating a config-declared source", e))?;
                }
            }
        }
    }
    for cur in list(conn)? {
        if cur.origin == "config" && cur.enabled && !wanted.iter().any(|w| w.name == cur.name) {
            set_enabled(conn, &cur.name, false, now)?;
            warnings.push(format!(
                "blocklist source {} is no longer in the config file: disabled (its bans stay; `bangui blocklist source rm {}` removes them)",
                cur.name, cur.name
            ));
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sources_have_no_default_minimum_interval() {
        assert_eq!(
            NewSource::new("a", "file:///srv/list.txt", "j").min_interval_s,
            0
        );
        assert_eq!(
            NewSource::new("a", "FILE:///srv/list.txt", "j").min_interval_s,
            0
        );
        assert_eq!(
            NewSource::new("a", "https://x.example/l", "j").min_interval_s,
            3600
        );
    }

    fn mem_db() -> Connection {
        crate::db::test_db()
    }

    #[test]
    fn names_and_urls() {
        for ok in ["spamhaus", "blocklist.de-ssh", "a_1"] {
            validate_name(ok).unwrap();
        }
        for bad in ["", "a b", "a/b", "-x", ".x", "é", "a:b"] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
        check_url("https://x.example/list.txt", false, false).unwrap();
        assert!(check_url("http://x.example/", false, false).is_err());
        check_url("http://x.example/", true, false).unwrap();
        assert!(check_url("file:///tmp/x", false, false).is_err());
        check_url("file:///tmp/x", false, true).unwrap();
        assert!(check_url("file://tmp/x", false, true).is_err());
        assert!(check_url("ftp://x.example/", true, true).is_err());
        assert!(check_url("x.example/list", true, true).is_err());
    }

    #[test]
    fn crud_and_config_merge() {
        let conn = mem_db();
        let s = add(
            &conn,
            &NewSource::new("one", "https://a.example/x", "sshd"),
            100,
        )
        .unwrap();
        assert_eq!(s.origin, "cli");
        assert!(
            add(
                &conn,
                &NewSource::new("one", "https://a.example/x", "sshd"),
                100
            )
            .is_err()
        );
        assert!(set_enabled(&conn, "one", false, 101).unwrap());
        assert!(!set_enabled(&conn, "one", false, 101).unwrap());
        assert!(matches!(get(&conn, "nope"), Err(Error::Config { .. })));

        let decl: toml::Value = toml::from_str(
            "[[s]]\nname = \"two\"\nurl = \"https://b.example/\"\njail = \"j\"\ninterval = \"6h\"\nformat = \"csv:2\"\n",
        )
        .unwrap();
        let decl = decl["s"].as_array().unwrap().clone();
        assert!(sync_config(&conn, &decl, 200).unwrap().is_empty());
        let two = get(&conn, "two").unwrap();
        assert_eq!(
            (two.origin.as_str(), two.interval_s, two.format),
            ("config", 21600, Format::Csv(2))
        );
        let w = sync_config(&conn, &[], 300).unwrap();
        assert_eq!(w.len(), 1);
        assert!(!get(&conn, "two").unwrap().enabled);

        let bad: toml::Value =
            toml::from_str("[[s]]\nname = \"x\"\nurl = \"http://b/\"\njail = \"j\"\n").unwrap();
        assert!(matches!(
            sync_config(&conn, bad["s"].as_array().unwrap(), 1),
            Err(Error::Config { .. })
        ));
    }
}
