//! The password for the fleet store when the URL has none:
//! `fleet.password_file` (the whole file, trimmed), else the first matching
//! line of a libpq password file (`host:port:db:user:password`, `*` matches
//! anything, `\:` and `\\` escape). Like libpq, a password file readable by
//! group or others is ignored.

use std::path::Path;

use crate::config::FleetConfig;
use crate::error::{Error, Result};

pub fn password(cfg: &FleetConfig, pg: &postgres::Config) -> Result<Option<Vec<u8>>> {
    if let Some(p) = &cfg.password_file {
        let text = std::fs::read_to_string(p)
            .map_err(|e| Error::io(format!("reading fleet.password_file {}", p.display()), p, e))?;
        return Ok(Some(
            text.trim_end_matches(['\n', '\r']).as_bytes().to_vec(),
        ));
    }
    let Some(file) = &cfg.pgpass else {
        return Ok(None);
    };
    let host = match pg.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = pg.get_ports().first().copied().unwrap_or(5432).to_string();
    let db = pg
        .get_dbname()
        .or(pg.get_user())
        .unwrap_or_default()
        .to_string();
    let user = pg.get_user().unwrap_or_default().to_string();
    Ok(lookup(file, &[&host, &port, &db, &user]))
}

fn lookup(file: &Path, want: &[&str; 4]) -> Option<Vec<u8>> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(file).ok()?;
    if meta.permissions().mode() & 0o077 != 0 {
        tracing::warn!(
            event = "fleet_pgpass_ignored",
            component = "fleet",
            "password file {} is readable by group or others: ignored",
            file.display()
        );
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|l| {
            let f = fields(l);
            (f.len() == 5 && (0..4).all(|i| f[i] == "*" || f[i] == want[i]))
                .then(|| f[4].as_bytes().to_vec())
        })
}

fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(s)) = (chars.next(), out.last_mut()) {
                    s.push(n);
                }
            }
            ':' if out.len() < 5 => out.push(String::new()),
            c => {
                if let Some(s) = out.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_with_wildcards_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pgpass");
        std::fs::write(
            &f,
            "# comment\nother:5432:*:*:no\n127.0.0.1:*:fleet:host\\:a:s\\:e\\\\cret\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        let got = lookup(&f, &["127.0.0.1", "5433", "fleet", "host:a"]);
        assert_eq!(got.as_deref(), Some(&b"s:e\\cret"[..]));
        assert_eq!(lookup(&f, &["127.0.0.1", "5433", "other", "host:a"]), None);
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(lookup(&f, &["127.0.0.1", "5433", "fleet", "host:a"]), None);
    }
}
