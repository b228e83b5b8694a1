//! Operator insight: why an IP is (not) banned (`explain`), which current
//! bans a selector picks (unban by selector), bans with bangui's own expiry
//! (`ban --for/--until` and the `expire-bans` job), and the numbers behind
//! the live view (`top`). Gathers and decides; never prints or exits, and
//! takes `now` from its caller.

pub mod expiry;
pub mod explain;
pub mod selector;
pub mod top;

pub use expiry::ExpireBans;
