//! Integration tests: the built `bangui` binary, run in an isolated
//! environment, against a real fail2ban-server and real SQLite files.

mod support;

mod config;
mod db;
mod generated;
mod health;
mod output;
