//! Country, city and AS number for IP addresses from local MaxMind-format
//! `.mmdb` files (GeoLite2/GeoIP2, DB-IP Lite), and the `geo_cache` table
//! behind the geo columns of history and bans. Everything is answered from
//! files on this host: no IP address is ever sent to a network service.

pub mod job;

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use maxminddb::Reader;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use crate::config::GeoConfig;
use crate::error::{Error, Result};
use crate::net::Target;
use crate::util::rfc3339;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DbKind {
    Country,
    City,
    Asn,
}

impl DbKind {
    /// From the metadata's `database_type`: GeoLite2-City, GeoIP2-Country,
    /// DBIP-ASN-Lite, and anything naming City, Country or ASN.
    pub fn detect(database_type: &str) -> Option<DbKind> {
        let t = database_type.to_ascii_lowercase();
        if t.contains("city") || t.contains("enterprise") {
            Some(DbKind::City)
        } else if t.contains("asn") || t.contains("isp") {
            Some(DbKind::Asn)
        } else if t.contains("country") {
            Some(DbKind::Country)
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            DbKind::Country => "country",
            DbKind::City => "city",
            DbKind::Asn => "asn",
        }
    }
}

/// One opened database.
pub struct GeoDb {
    pub path: PathBuf,
    pub kind: DbKind,
    pub database_type: String,
    pub build_epoch: i64,
    pub ip_version: u16,
    reader: Reader<Vec<u8>>,
}

impl std::fmt::Debug for GeoDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeoDb")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("database_type", &self.database_type)
            .field("build_epoch", &self.build_epoch)
            .finish()
    }
}

impl GeoDb {
    /// Open one file: missing is `NoInput` (66), unreadable as a MaxMind
    /// database or of an unknown type is `BadInput` (65).
    pub fn open(path: &Path) -> Result<GeoDb> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoInput {
                    what: "geo database".into(),
                    path: path.to_path_buf(),
                });
            }
            Err(e) => {
                return Err(Error::io(
                    format!("reading geo database {}", path.display()),
                    path,
                    e,
                ));
            }
        };
        let reader = Reader::from_source(bytes).map_err(|e| {
            Error::bad_input(format!(
                "{} is not a valid MaxMind database ({e}); download it again",
                path.display()
            ))
        })?;
        let md = reader.metadata();
        let kind = DbKind::detect(&md.database_type).ok_or_else(|| {
            Error::bad_input(format!(
                "{} is a {:?} database; bangui reads Country, City and ASN databases",
                path.display(),
                md.database_type
            ))
        })?;
        Ok(GeoDb {
            path: path.to_path_buf(),
            kind,
            database_type: md.database_type.clone(),
            build_epoch: i64::try_from(md.build_epoch).unwrap_or(i64::MAX),
            ip_version: md.ip_version,
            reader,
        })
    }
}

/// Only the fields bangui shows: decoding less is faster than the full
/// geoip2 structs, and City databases are a superset of Country ones.
#[derive(Deserialize, Default)]
struct LocRecord<'a> {
    #[serde(borrow, default)]
    country: Option<Place<'a>>,
    #[serde(borrow, default)]
    registered_country: Option<Place<'a>>,
    #[serde(borrow, default)]
    city: Option<Place<'a>>,
}

#[derive(Deserialize, Default)]
struct Place<'a> {
    #[serde(borrow, default)]
    iso_code: Option<&'a str>,
    #[serde(borrow, default)]
    names: Option<Names<'a>>,
}

#[derive(Deserialize, Default)]
struct Names<'a> {
    #[serde(borrow, default)]
    en: Option<&'a str>,
}

#[derive(Deserialize, Default)]
struct AsnRecord<'a> {
    #[serde(default)]
    autonomous_system_number: Option<u32>,
    #[serde(borrow, default)]
    autonomous_system_organization: Option<&'a str>,
}

/// What the databases say about one address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GeoInfo {
    pub ip: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    /// English name.
    pub country_name: Option<String>,
    pub city: Option<String>,
    pub asn: Option<u32>,
    pub as_org: Option<String>,
}

/// The databases in use: at most one of each kind (the first given wins).
#[derive(Debug, Default)]
pub struct GeoSet {
    pub dbs: Vec<GeoDb>,
}

/// A configured database that could not be used (for warnings and status).
#[derive(Debug, Clone, Serialize)]
pub struct GeoProblem {
    pub path: String,
    /// The exit code of the error that made it unusable.
    pub exit_code: i32,
    pub message: String,
}

impl GeoProblem {
    /// The file is not there (as opposed to there but unreadable or corrupt).
    pub fn is_missing(&self) -> bool {
        self.exit_code == crate::error::exit::NO_INPUT
    }
}

impl GeoSet {
    /// Open exactly these files (`--mmdb`); every one must open.
    pub fn open_paths(paths: &[PathBuf]) -> Result<GeoSet> {
        let mut set = GeoSet::default();
        for p in paths {
            set.add(GeoDb::open(p)?);
        }
        Ok(set)
    }

    /// Open the configured files. Files that do not exist are skipped (a
    /// host often has City and ASN but no Country); a file that exists but
    /// cannot be read is an error. `Err` also when nothing could be opened.
    pub fn open_configured(cfg: &GeoConfig) -> (GeoSet, Vec<GeoProblem>) {
        let mut set = GeoSet::default();
        let mut problems = Vec::new();
        for p in [&cfg.city_db, &cfg.country_db, &cfg.asn_db] {
            match GeoDb::open(p) {
                Ok(db) => set.add(db),
                Err(e) => problems.push(GeoProblem {
                    path: p.display().to_string(),
                    exit_code: e.exit_code(),
                    message: e.to_string(),
                }),
            }
        }
        (set, problems)
    }

    /// The configured set for a geo command: corrupt files are errors (65),
    /// and so is having no database at all (66).
    pub fn require_configured(cfg: &GeoConfig) -> Result<GeoSet> {
        let (set, problems) = GeoSet::open_configured(cfg);
        if let Some(p) = problems.iter().find(|p| !p.is_missing()) {
            return Err(Error::bad_input(p.message.clone()));
        }
        if set.dbs.is_empty() {
            return Err(Error::NoInput {
                what: format!(
                    "no geo database at {}, {} or {}: install geoipupdate's databases, or pass --mmdb PATH",
                    cfg.city_db.display(),
                    cfg.country_db.display(),
                    cfg.asn_db.display()
                ),
                path: PathBuf::new(),
            });
        }
        Ok(set)
    }

    fn add(&mut self, db: GeoDb) {
        if !self.dbs.iter().any(|d| d.kind == db.kind) {
            self.dbs.push(db);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.dbs.is_empty()
    }

    fn get(&self, kind: DbKind) -> Option<&GeoDb> {
        self.dbs.iter().find(|d| d.kind == kind)
    }

    /// The newest build among the databases: cache entries answered by an
    /// older build are resolved again.
    pub fn build_epoch(&self) -> Option<i64> {
        self.dbs.iter().map(|d| d.build_epoch).max()
    }

    /// Look one address up. IPv4-mapped IPv6 is looked up as IPv4.
    pub fn lookup(&self, ip: IpAddr) -> Result<GeoInfo> {
        let ip = ip.to_canonical();
        let mut info = GeoInfo {
            ip: ip.to_string(),
            ..GeoInfo::default()
        };
        for kind in [DbKind::City, DbKind::Country] {
            let Some(db) = self.get(kind) else { continue };
            if info.country_code.is_some() {
                break;
            }
            let rec: Option<LocRecord<'_>> = db
                .reader
                .lookup(ip)
                .and_then(|r| r.decode())
                .map_err(|e| corrupt(db, e))?;
            let Some(rec) = rec else { continue };
            let place = rec.country.or(rec.registered_country);
            if let Some(c) = place {
                info.country_code = c.iso_code.map(str::to_ascii_uppercase);
                info.country_name = c.names.and_then(|n| n.en).map(str::to_string);
            }
            if info.city.is_none() {
                info.city = rec
                    .city
                    .and_then(|c| c.names)
                    .and_then(|n| n.en)
                    .map(str::to_string);
            }
        }
        if let Some(db) = self.get(DbKind::Asn) {
            let rec: Option<AsnRecord<'_>> = db
                .reader
                .lookup(ip)
                .and_then(|r| r.decode())
                .map_err(|e| corrupt(db, e))?;
            if let Some(a) = rec {
                info.asn = a.autonomous_system_number;
                info.as_org = a.autonomous_system_organization.map(str::to_string);
            }
        }
        Ok(info)
    }
}

fn corrupt(db: &GeoDb, e: maxminddb::MaxMindDbError) -> Error {
    Error::bad_input(format!(
        "geo database {} is corrupt ({e}); download it again",
        db.path.display()
    ))
}

/// Cached geo columns for these IPs (for `banned` and friends). IPs without
/// an entry are absent from the map.
pub fn cached(conn: &Connection, ips: &[IpAddr]) -> Result<HashMap<IpAddr, GeoInfo>> {
    let mut out = HashMap::new();
    let mut st = conn
        .prepare_cached(
            "SELECT country_code, country_name, city, asn, as_org FROM geo_cache WHERE ip = ?1",
        )
        .map_err(|e| Error::db("reading the geo cache", e))?;
    for ip in ips {
        let key = Target::from_ip(*ip).to_string();
        let row = st
            .query_row([&key], |r| {
                Ok(GeoInfo {
                    ip: key.clone(),
                    country_code: r.get(0)?,
                    country_name: r.get(1)?,
                    city: r.get(2)?,
                    asn: r
                        .get::<_, Option<i64>>(3)?
                        .and_then(|a| u32::try_from(a).ok()),
                    as_org: r.get(4)?,
                })
            })
            .optional()
            .map_err(|e| Error::db("reading the geo cache", e))?;
        if let Some(g) = row {
            out.insert(*ip, g);
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
pub struct RefreshOptions {
    /// IPs per transaction.
    pub batch_size: usize,
    /// Also resolve these (e.g. current bans from the fail2ban socket).
    pub extra: Vec<IpAddr>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RefreshReport {
    /// IPs that needed resolving (no entry, or one from an older build).
    pub candidates: u64,
    pub resolved: u64,
    /// Of those, how many no database knew anything about.
    pub unknown: u64,
    pub batches: u64,
    pub build_epoch: Option<i64>,
    pub stopped: bool,
    pub changed: bool,
}

/// Resolve every IP of the history (and `extra`) that has no cache entry or
/// one answered by an older database build, one transaction per batch.
pub fn refresh(
    conn: &mut Connection,
    geo: &GeoSet,
    opts: &RefreshOptions,
    now: i64,
    should_stop: &dyn Fn() -> bool,
) -> Result<RefreshReport> {
    let epoch = geo.build_epoch().unwrap_or(0);
    let mut report = RefreshReport {
        build_epoch: geo.build_epoch(),
        ..RefreshReport::default()
    };
    let ctx = "finding IPs to resolve";
    let mut todo: Vec<String> = {
        let mut st = conn
            .prepare(
                "SELECT h.ip FROM (SELECT DISTINCT ip FROM ban_history) h
                 LEFT JOIN geo_cache g ON g.ip = h.ip
                 WHERE g.ip IS NULL OR g.db_build_epoch IS NULL OR g.db_build_epoch < ?1",
            )
            .map_err(|e| Error::db(ctx, e))?;
        st.query_map([epoch], |r| r.get::<_, String>(0))
            .map_err(|e| Error::db(ctx, e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| Error::db(ctx, e))?
    };
    if !opts.extra.is_empty() {
        let mut st = conn
            .prepare_cached("SELECT db_build_epoch FROM geo_cache WHERE ip = ?1")
            .map_err(|e| Error::db(ctx, e))?;
        for ip in &opts.extra {
            let key = Target::from_ip(*ip).to_string();
            let have: Option<Option<i64>> = st
                .query_row([&key], |r| r.get(0))
                .optional()
                .map_err(|e| Error::db(ctx, e))?;
            if !matches!(have, Some(Some(e)) if e >= epoch) {
                todo.push(key);
            }
        }
        todo.sort();
        todo.dedup();
    }
    report.candidates = todo.len() as u64;
    for chunk in todo.chunks(opts.batch_size.max(1)) {
        if should_stop() {
            report.stopped = true;
            break;
        }
        // Resolve outside the transaction: the write lock is held only for
        // the inserts.
        let mut resolved = Vec::with_capacity(chunk.len());
        for ip in chunk {
            // Stored values are validated; anything else is left alone.
            let Ok(t) = Target::parse(ip) else { continue };
            let mut info = geo.lookup(t.net().addr())?;
            info.ip = ip.clone();
            resolved.push(info);
        }
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::db("writing the geo cache", e))?;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO geo_cache (ip, country_code, country_name, city, asn, as_org, db_build_epoch, resolved_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (ip) DO UPDATE SET country_code = excluded.country_code,
                       country_name = excluded.country_name, city = excluded.city, asn = excluded.asn,
                       as_org = excluded.as_org, db_build_epoch = excluded.db_build_epoch,
                       resolved_at = excluded.resolved_at",
                )
                .map_err(|e| Error::db("writing the geo cache", e))?;
            for g in &resolved {
                st.execute(params![
                    g.ip,
                    g.country_code,
                    g.country_name,
                    g.city,
                    g.asn,
                    g.as_org,
                    epoch,
                    now
                ])
                .map_err(|e| Error::db("writing the geo cache", e))?;
                if g.country_code.is_none() && g.asn.is_none() {
                    report.unknown += 1;
                }
            }
        }
        tx.commit()
            .map_err(|e| Error::db("writing the geo cache", e))?;
        report.resolved += resolved.len() as u64;
        report.batches += 1;
    }
    report.changed = report.resolved > 0;
    Ok(report)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CleanupReport {
    pub removed: u64,
    pub batches: u64,
    pub stopped: bool,
    pub changed: bool,
}

/// Drop cache entries for IPs no longer in the history and resolved more
/// than `retention_s` ago, one transaction per batch.
pub fn cleanup(
    conn: &mut Connection,
    retention_s: u64,
    batch_size: usize,
    now: i64,
    should_stop: &dyn Fn() -> bool,
) -> Result<CleanupReport> {
    let cutoff = now.saturating_sub(i64::try_from(retention_s).unwrap_or(i64::MAX));
    let mut report = CleanupReport::default();
    loop {
        if should_stop() {
            report.stopped = true;
            break;
        }
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::db("cleaning the geo cache", e))?;
        let n = tx
            .execute(
                "DELETE FROM geo_cache WHERE ip IN (
                   SELECT g.ip FROM geo_cache g
                   WHERE g.resolved_at < ?1
                     AND NOT EXISTS (SELECT 1 FROM ban_history h WHERE h.ip = g.ip)
                   LIMIT ?2)",
                params![cutoff, batch_size.max(1) as i64],
            )
            .map_err(|e| Error::db("cleaning the geo cache", e))?;
        tx.commit()
            .map_err(|e| Error::db("cleaning the geo cache", e))?;
        if n == 0 {
            break;
        }
        report.removed += n as u64;
        report.batches += 1;
    }
    report.changed = report.removed > 0;
    Ok(report)
}

#[derive(Debug, Clone, Serialize)]
pub struct DbStatus {
    pub path: String,
    pub kind: Option<DbKind>,
    pub database_type: Option<String>,
    pub built_at: Option<String>,
    pub build_epoch: Option<i64>,
    pub ip_version: Option<u16>,
    pub age_s: Option<i64>,
    pub stale: bool,
    /// Why the file cannot be used, if it cannot.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub databases: Vec<DbStatus>,
    pub cache_entries: i64,
    /// Distinct history IPs with no cache entry.
    pub unresolved: i64,
    /// Cache entries answered by an older build than the newest database.
    pub outdated: i64,
}

/// Database files, their builds, and the cache's state.
pub fn status(
    conn: &Connection,
    set: &GeoSet,
    problems: &[GeoProblem],
    max_age_s: u64,
    now: i64,
) -> Result<Status> {
    let max_age = i64::try_from(max_age_s).unwrap_or(i64::MAX);
    let mut databases: Vec<DbStatus> = set
        .dbs
        .iter()
        .map(|d| DbStatus {
            path: d.path.display().to_string(),
            kind: Some(d.kind),
            database_type: Some(d.database_type.clone()),
            built_at: Some(rfc3339(d.build_epoch)),
            build_epoch: Some(d.build_epoch),
            ip_version: Some(d.ip_version),
            age_s: Some(now - d.build_epoch),
            stale: now - d.build_epoch > max_age,
            error: None,
        })
        .collect();
    databases.extend(problems.iter().map(|p| DbStatus {
        path: p.path.clone(),
        kind: None,
        database_type: None,
        built_at: None,
        build_epoch: None,
        ip_version: None,
        age_s: None,
        stale: false,
        error: Some(p.message.clone()),
    }));
    let ctx = "reading the geo cache";
    let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<i64> {
        conn.query_row(sql, p, |r| r.get(0))
            .map_err(|e| Error::db(ctx, e))
    };
    let cache_entries = one("SELECT COUNT(*) FROM geo_cache", &[])?;
    let unresolved = one(
        "SELECT COUNT(*) FROM (SELECT DISTINCT ip FROM ban_history) h
         WHERE NOT EXISTS (SELECT 1 FROM geo_cache g WHERE g.ip = h.ip)",
        &[],
    )?;
    let outdated = match set.build_epoch() {
        Some(e) => one(
            "SELECT COUNT(*) FROM geo_cache WHERE db_build_epoch IS NULL OR db_build_epoch < ?1",
            &[&e],
        )?,
        None => 0,
    };
    Ok(Status {
        databases,
        cache_entries,
        unresolved,
        outdated,
    })
}

#[cfg(test)]
pub(crate) mod tests;
