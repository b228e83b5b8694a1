//! Ban history: an incremental, read-only copy of fail2ban's `bans` table
//! into bangui's `ban_history` (fail2ban deletes its rows on unban and after
//! `dbpurgeage`), with the origin of every ban, and the queries behind
//! `history list/stats/recidive/export`. Never prints; never writes to
//! fail2ban's database.

pub mod job;
pub mod origin;
pub mod query;
pub mod source;
pub mod sync;

pub use query::{
    Filter, HistoryRow, Order, Recidivist, Stats, StatsBy, StatsGroup, for_each, list, recidive,
    stats,
};
pub use sync::{
    OriginCounts, STATE_NAME, SyncOptions, SyncReport, SyncState, load_state, sync, sync_ips,
    unbanned_hosts,
};

/// Where fail2ban's database is: the configured `fail2ban.db_file`, else
/// what the running server answers to `get dbfile`.
pub fn resolve_db_path(cfg: &crate::config::Config) -> crate::Result<std::path::PathBuf> {
    let configured = cfg.fail2ban.db_file.as_deref();
    let found = match configured {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let mut client = crate::fail2ban::Client::connect(
                crate::fail2ban::ClientOptions::from_config(&cfg.fail2ban),
            )?;
            crate::fail2ban::db::locate(None, &mut client)?
        }
    };
    found.ok_or_else(|| {
        crate::Error::config(
            "fail2ban runs without a database (dbfile is None), so it keeps no ban history to sync",
        )
    })
}

#[cfg(test)]
mod tests;
