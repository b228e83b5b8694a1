//! Ban history: an incremental, read-only copy of fail2ban's `bans` table
//! into bangui's `ban_history` (fail2ban deletes its rows on unban and after
//! `dbpurgeage`), with the origin of every ban, and the queries behind
//! `history list/stats/recidive/export`. Never prints; never writes to
//! fail2ban's database.

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
};

#[cfg(test)]
mod tests;
