//! The `blocklist-import` job: import every enabled source that is due,
//! under the scheduler lock, stopping between sources and batches when the
//! run is asked to stop or loses its lock.

use std::time::Duration;

use serde_json::Value;

use super::import::{Applier, Fail2banApplier, Settings, import_due};
use crate::config::Config;
use crate::error::Result;
use crate::fail2ban::{Client, ClientOptions};
use crate::jobs::{Job, JobContext};

pub struct BlocklistImport;

impl Job for BlocklistImport {
    fn name(&self) -> &'static str {
        "blocklist-import"
    }

    fn description(&self) -> &'static str {
        "import every enabled blocklist source that is due"
    }

    fn interval(&self, cfg: &Config) -> Duration {
        Duration::from_secs(cfg.jobs.blocklist_import_interval_s.max(1))
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let mut settings = Settings::from_config(ctx.config());
        settings.own_addresses = crate::net::own_addresses();
        settings.ssh_peers =
            crate::net::ssh_peers(&crate::net::ssh_ports(&ctx.config().safety.ssh_ports));
        settings.actor = "bangui jobs".into();
        let mut applier = LazyApplier {
            opts: ClientOptions::from_config(&ctx.config().fail2ban),
            client: None,
        };
        let ctx: &JobContext<'_> = ctx;
        let summary = import_due(
            ctx.conn(),
            &mut applier,
            &settings,
            &|| ctx.should_stop(),
            ctx.now(),
        )?;
        // A stop requested mid-way is reported by the runner as interrupted.
        ctx.checkpoint()?;
        Ok(serde_json::to_value(&summary).unwrap_or(Value::Null))
    }
}

/// Connects to fail2ban only when a source is actually due, so a run with
/// nothing to do does not need the socket.
struct LazyApplier {
    opts: ClientOptions,
    client: Option<Client>,
}

impl LazyApplier {
    fn client(&mut self) -> Result<&mut Client> {
        if self.client.is_none() {
            self.client = Some(Client::connect(self.opts.clone())?);
        }
        // Just set above when it was missing.
        self.client
            .as_mut()
            .ok_or_else(|| crate::Error::Other("fail2ban connection missing".into()))
    }
}

impl Applier for LazyApplier {
    fn ban(&mut self, jail: &str, targets: &[String]) -> Result<u64> {
        Fail2banApplier(self.client()?).ban(jail, targets)
    }
    fn unban(&mut self, jail: &str, targets: &[String]) -> Result<u64> {
        Fail2banApplier(self.client()?).unban(jail, targets)
    }
    fn ignoreip(&mut self, jail: &str) -> Result<Vec<String>> {
        Fail2banApplier(self.client()?).ignoreip(jail)
    }
    fn enforceable(&mut self, jail: &str) -> Option<super::import::Enforceable> {
        Fail2banApplier(self.client().ok()?).enforceable(jail)
    }
    fn jail_bans(&mut self, jail: &str) -> Result<Option<Vec<String>>> {
        Fail2banApplier(self.client()?).jail_bans(jail)
    }
}

/// `jobs run-due` puts bangui's nftables table back when another tool
/// flushed it (or a reboot emptied it): a cheap check every run, a restore
/// from the database only when something is missing.
pub struct NftRestore;

impl Job for NftRestore {
    fn name(&self) -> &'static str {
        "blocklist-restore"
    }

    fn description(&self) -> &'static str {
        "restore table inet bangui from the database when it is missing"
    }

    fn interval(&self, _cfg: &Config) -> Duration {
        Duration::from_secs(60)
    }

    fn run(&self, ctx: &mut JobContext<'_>) -> Result<Value> {
        let conn = ctx.conn();
        if !super::nft::apply::nft_sources(conn)?
            .iter()
            .any(|s| s.enabled)
        {
            return Ok(serde_json::json!({ "changed": false, "restored": null }));
        }
        let mut kernel = super::nft::System::new(&ctx.config().blocklist.nft);
        let restored = super::nft::apply::ensure(conn, &mut kernel)?;
        ctx.checkpoint()?;
        Ok(serde_json::json!({
            "changed": restored.is_some(),
            "restored": restored,
        }))
    }
}
