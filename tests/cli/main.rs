//! Integration tests: the built `bangui` binary, run in an isolated
//! environment, against a real fail2ban-server and real SQLite files.

// Helpers serve every group of tests; not each is used by each branch.
#[allow(dead_code)]
mod support;

mod config;
mod db;
mod generated;
mod geo;
mod history;
mod output;
