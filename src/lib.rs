//! bangui: administer fail2ban from the shell. The library core shared by every
//! subcommand. It never prints, never reads the environment outside `config`,
//! and never exits: it returns values and typed errors.

pub mod audit;
pub mod config;
pub mod db;
pub mod error;
pub mod geo;
pub mod history;
pub mod net;
pub mod util;

pub use error::{Error, Result};
