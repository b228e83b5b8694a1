//! The `history-sync` job: copy new bans from fail2ban's database under the
//! scheduler lock, one batch (with its watermark) at a time.

use std::time::Duration;

use serde_json::Value;

use super::{SyncOptions, resolve_db_path, sync};
use crate::config::Config;
use crate::error::Result;
use crate::jobs::{Job, JobContext};

pub struct HistorySync;

impl Job for HistorySync {
    fn name(&self) -> &'static str {
        "history-sync"
    }

    fn description(&self) -> &'static str {
        "copy new bans from fail2ban's database into the history"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.history_sync_interval_s.max(1))
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let path = resolve_db_path(ctx.config())?;
        let stop = ctx.stopper();
        let now = ctx.now();
        let report = sync(ctx.conn_mut(), &path, &SyncOptions::default(), now, &stop)?;
        ctx.checkpoint()?;
        let mut v = serde_json::to_value(&report).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.insert("changed".into(), Value::Bool(report.inserted > 0));
        }
        Ok(v)
    }
}
