//! The `fleet-push` job: publish the outbox and new history rows under the
//! scheduler lock. Without `fleet.url` it has nothing to do and says so.

use std::time::Duration;

use serde_json::{Value, json};

use super::{configured, connect, push};
use crate::config::Config;
use crate::error::Result;
use crate::jobs::{Job, JobContext};

pub struct FleetPush;

impl Job for FleetPush {
    fn name(&self) -> &'static str {
        "fleet-push"
    }

    fn description(&self) -> &'static str {
        "publish shared decisions and new history rows to the fleet store"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.fleet_push_interval_s.max(1))
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let cfg = ctx.config().fleet.clone();
        if !configured(&cfg) {
            return Ok(json!({"changed": false, "skipped": "fleet.url is not set"}));
        }
        let ctx: &JobContext<'_> = ctx;
        let mut client = match connect(&cfg) {
            Ok(c) => c,
            Err(e) => {
                let _ = super::outbox::note_failure(ctx.conn(), &e.to_string());
                return Err(e);
            }
        };
        let report = push::push(
            ctx.conn(),
            &mut client,
            &cfg.host_id,
            env!("CARGO_PKG_VERSION"),
            cfg.push_batch_rows,
            &|| ctx.should_stop(),
            ctx.now(),
        )?;
        ctx.checkpoint()?;
        Ok(serde_json::to_value(&report).unwrap_or(Value::Null))
    }
}
