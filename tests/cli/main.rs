//! Integration tests: the built `bangui` binary, run in an isolated
//! environment, against a real fail2ban-server and real SQLite files.

mod support;

mod bans;
mod blocklist;
mod config;
mod db;
mod generated;
mod jails;
mod jobs;
mod output;
mod status;
