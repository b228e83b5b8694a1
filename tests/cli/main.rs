//! Integration tests: the built `bangui` binary, run in an isolated
//! environment, against a real fail2ban-server and real SQLite files.

mod support;

mod bans;
mod config;
mod db;
mod filters;
mod generated;
mod jails;
mod jobs;
mod output;
mod persist;
mod status;
