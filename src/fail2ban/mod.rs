//! Native control of a running fail2ban over its Unix socket: the pickle codec,
//! the socket client and typed commands. It never shells out, prints or reads
//! the environment; delegating `reload`/`start` to `fail2ban-client` is the
//! caller's business.

pub mod api;
pub mod client;
pub mod db;
pub mod pickle;

pub use api::{BanTime, JailStats, JailStatus, ServerVersion};
pub use client::{Client, ClientOptions, Transport, interpret_reply};
pub use pickle::{Arg, Value, decode, encode_request};

#[cfg(test)]
pub(crate) mod testdata;
