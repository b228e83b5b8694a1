//! The checks that do not need bangui's database: fail2ban answers, its config
//! directory is readable, the external log sink works, the geo databases are fresh.

use std::path::{Path, PathBuf};

use super::{CheckName, Pending, ago, fail, ok};
use crate::fail2ban::{Client, ClientOptions, JailStats, api};
use crate::logfile::LogFile;
use crate::util::format_duration;

type Probe = (String, Option<Vec<JailStats>>);

pub(super) fn probe_fail2ban(opts: &ClientOptions, stats: bool) -> crate::Result<Probe> {
    let mut c = Client::connect(opts.clone())?;
    api::ping(&mut c)?;
    let v = api::version(&mut c)?;
    // Jail counters are for /metrics; failing to read them does not make
    // fail2ban unhealthy (it answered ping), the gauges are just absent.
    let jails = if stats {
        api::jail_stats_all(&mut c).ok()
    } else {
        None
    };
    Ok((v, jails))
}

pub(super) fn check_config_dir(dir: &Path) -> Pending {
    let name = CheckName::ConfigDir;
    if let Err(e) = std::fs::read_dir(dir) {
        return fail(name, format!("cannot read {}: {e}", dir.display()));
    }
    for f in ["jail.conf", "fail2ban.conf", "jail.local"] {
        let p = dir.join(f);
        match std::fs::File::open(&p) {
            Ok(_) => return ok(name, format!("{} is readable", p.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return fail(name, format!("cannot read {}: {e}", p.display())),
        }
    }
    fail(
        name,
        format!(
            "{} has no jail.conf or fail2ban.conf: is fail2ban.config_dir right?",
            dir.display()
        ),
    )
}

pub(super) fn check_external_logging(sink: Option<&LogFile>) -> Pending {
    let name = CheckName::ExternalLogging;
    match sink {
        None => ok(name, "not configured (log.file is unset)"),
        Some(s) => {
            let st = s.status();
            if st.open {
                ok(name, format!("writing to {}", st.path.display()))
            } else {
                fail(
                    name,
                    format!(
                        "cannot write {}: {}",
                        st.path.display(),
                        st.last_error.as_deref().unwrap_or("closed")
                    ),
                )
            }
        }
    }
}

pub(super) fn check_geo(paths: &[PathBuf], required: bool, max_age_s: u64, now: i64) -> Pending {
    let name = CheckName::Geo;
    let mut present = Vec::new();
    for p in paths {
        if let Ok(m) = std::fs::metadata(p) {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            present.push((p, now.saturating_sub(mtime)));
        }
    }
    if present.is_empty() {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        if !required {
            return ok(
                name,
                format!(
                    "not in use: no geo database at the default paths ({}); set geo.*_db to require one",
                    list.join(", ")
                ),
            );
        }
        return fail(name, format!("no geo database at {}", list.join(", ")));
    }
    // A file that is there must also be a database: open each one.
    let broken: Vec<String> = present
        .iter()
        .filter_map(|(p, _)| crate::geo::GeoDb::open(p).err().map(|e| e.to_string()))
        .collect();
    if !broken.is_empty() {
        return fail(name, broken.join("; "));
    }
    let stale: Vec<String> = present
        .iter()
        .filter(|(_, age)| *age > max_age_s as i64)
        .map(|(p, age)| format!("{} is {} old", p.display(), ago(*age)))
        .collect();
    if stale.is_empty() {
        let newest = present.iter().map(|(_, a)| *a).min().unwrap_or(0);
        ok(
            name,
            format!("{} database(s), newest {} old", present.len(), ago(newest)),
        )
    } else {
        fail(
            name,
            format!(
                "{} (geo.max_age {})",
                stale.join("; "),
                format_duration(max_age_s as i64)
            ),
        )
    }
}
