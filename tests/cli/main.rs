//! Integration tests: the built `bangui` binary, run in an isolated
//! environment, against a real fail2ban-server and real SQLite files.

// Not every helper is used by every branch's tests; the fail2ban watchdog
// is never waited for on purpose (it outlives the test to clean up).
#[allow(dead_code, clippy::zombie_processes)]
mod support;

mod bans;
mod blocklist;
mod config;
mod db;
mod generated;
mod health;
mod jails;
mod jobs;
mod output;
mod status;
