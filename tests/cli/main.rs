//! Integration tests: the built `bangui` binary, run in an isolated
//! environment, against a real fail2ban-server and real SQLite files.

// Helpers serve every group of tests; not each is used by each group.
#[allow(dead_code)]
mod support;

mod bans;
mod blocklist;
mod config;
mod db;
mod enforce;
mod filters;
mod fleet;
mod generated;
mod geo;
mod health;
mod history;
mod insight;
mod integrity;
mod jails;
mod jobs;
mod nft;
mod output;
mod persist;
mod status;
