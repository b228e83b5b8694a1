//! The `geo-refresh` and `geo-cleanup` jobs. A host without any geo database
//! is not an error for them: they report that there is nothing to do.

use std::time::Duration;

use serde_json::{Value, json};

use super::{GeoSet, RefreshOptions, cleanup, refresh};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::jobs::{Job, JobContext};

pub struct GeoRefresh;

impl Job for GeoRefresh {
    fn name(&self) -> &'static str {
        "geo-refresh"
    }

    fn description(&self) -> &'static str {
        "resolve countries and ASNs of banned IPs from the local geo databases"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.geo_refresh_interval_s.max(1))
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let (set, problems) = GeoSet::open_configured(&ctx.config().geo);
        if let Some(p) = problems.iter().find(|p| !p.is_missing()) {
            return Err(Error::bad_input(p.message.clone()));
        }
        if set.is_empty() {
            return Ok(json!({
                "changed": false,
                "skipped": "no geo database is installed (see geo.city_db, geo.country_db, geo.asn_db)",
            }));
        }
        let opts = RefreshOptions {
            batch_size: ctx.config().geo.batch_size,
            extra: current_bans(ctx.config()),
        };
        let stop = ctx.stopper();
        let now = ctx.now();
        let report = refresh(ctx.conn_mut(), &set, &opts, now, &stop)?;
        ctx.checkpoint()?;
        Ok(serde_json::to_value(&report).unwrap_or(Value::Null))
    }
}

/// IPs fail2ban bans right now, when it answers; history covers the rest.
fn current_bans(cfg: &Config) -> Vec<std::net::IpAddr> {
    let opts = crate::fail2ban::ClientOptions::from_config(&cfg.fail2ban);
    let Ok(mut client) = crate::fail2ban::Client::connect(opts) else {
        return Vec::new();
    };
    match crate::fail2ban::api::banned_all(&mut client) {
        Ok(all) => all
            .values()
            .flatten()
            .filter_map(|s| s.parse().ok())
            .collect(),
        Err(_) => Vec::new(),
    }
}

pub struct GeoCleanup;

impl Job for GeoCleanup {
    fn name(&self) -> &'static str {
        "geo-cleanup"
    }

    fn description(&self) -> &'static str {
        "drop geo cache entries of IPs no longer referenced"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.geo_cleanup_interval_s.max(1))
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let retention = ctx.config().geo.cache_retention_s;
        let batch = ctx.config().geo.batch_size;
        let stop = ctx.stopper();
        let now = ctx.now();
        let report = cleanup(ctx.conn_mut(), retention, batch, now, &stop)?;
        ctx.checkpoint()?;
        Ok(serde_json::to_value(&report).unwrap_or(Value::Null))
    }
}
