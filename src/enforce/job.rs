//! The `verify` job: run `verify` over every jail on a schedule and keep the
//! per-jail count of missing bans (a watermark), which the `verify` health
//! check and the `bangui_enforcement_missing` metric read. It never repairs.

use std::collections::BTreeMap;
use std::time::Duration;

use rusqlite::Connection;
use serde_json::{Value, json};

use super::{Kernel, SystemKernel, verify};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::fail2ban::{Client, ClientOptions};
use crate::jobs::{Job, JobContext, read_watermark, save_watermark};

pub const JOB: &str = "verify";
const KEY: &str = "last";

pub struct VerifyJob;

impl Job for VerifyJob {
    fn name(&self) -> &'static str {
        JOB
    }

    fn description(&self) -> &'static str {
        "check that the kernel firewall holds every ban fail2ban reports"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.verify_interval_s)
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        // fail2ban down is the fail2ban check's finding, not this job's:
        // skip, and keep the last findings.
        let mut client = match Client::connect(ClientOptions::from_config(&ctx.config().fail2ban)) {
            Ok(c) => c,
            Err(e @ Error::Fail2banUnavailable { .. }) => {
                return Ok(json!({"changed": false, "skipped": e.to_string()}));
            }
            Err(e) => return Err(e),
        };
        ctx.checkpoint()?;
        let out = verify(
            &mut client,
            &mut || Box::new(SystemKernel::new()) as Box<dyn Kernel>,
            &[],
            false,
            false,
        )?;
        let missing: BTreeMap<String, usize> = out
            .jails
            .iter()
            .map(|j| (j.jail.clone(), j.missing.len()))
            .collect();
        let now = ctx.now();
        let last = json!({
            "at": now,
            "missing": missing,
            "uninspectable": out.uninspectable(),
        });
        ctx.unit(|tx| save_watermark(tx, JOB, KEY, &last, now))?;
        Ok(json!({
            "changed": false,
            "jails": out.jails.len(),
            "missing": out.missing(),
            "missing_by_jail": missing,
            "uninspectable": out.uninspectable(),
        }))
    }
}

/// What the last `verify` job found: when, and missing bans per jail.
#[derive(Debug, Clone, PartialEq)]
pub struct LastVerify {
    pub at: i64,
    pub missing: Vec<(String, i64)>,
}

/// The last `verify` job's findings, None before the first run.
pub fn last(conn: &Connection) -> Result<Option<LastVerify>> {
    let Some(v) = read_watermark(conn, JOB, KEY)? else {
        return Ok(None);
    };
    let mut missing: Vec<(String, i64)> = v["missing"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(j, n)| (j.clone(), n.as_i64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    missing.sort();
    Ok(Some(LastVerify {
        at: v["at"].as_i64().unwrap_or(0),
        missing,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_reads_what_the_job_saved() {
        let mut conn = crate::db::test_db();
        assert_eq!(last(&conn).unwrap(), None);
        let tx = conn.transaction().unwrap();
        let v = json!({"at": 100, "missing": {"nft": 2, "ipt": 0}, "uninspectable": 0});
        save_watermark(&tx, JOB, KEY, &v, 100).unwrap();
        tx.commit().unwrap();
        let l = last(&conn).unwrap().unwrap();
        assert_eq!(l.at, 100);
        assert_eq!(l.missing, [("ipt".to_string(), 0), ("nft".to_string(), 2)]);
    }
}
