//! bangui: administer fail2ban from the shell. The library core shared by every
//! subcommand. It never prints, never reads the environment outside `config`,
//! and never exits: it returns values and typed errors.

pub mod audit;
pub mod bans;
pub mod blocklist;
pub mod config;
pub mod db;
pub mod enforce;
pub mod error;
pub mod f2btools;
pub mod fail2ban;
pub mod fleet;
pub mod geo;
pub mod health;
pub mod history;
pub mod insight;
pub mod jail;
pub mod jobs;
pub mod logfile;
pub mod net;
pub mod persist;
pub mod util;

pub use error::{Error, Result};
pub mod f2bconf;
pub mod filter;
