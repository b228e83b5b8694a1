//! Blocklists: sources, fetching, parsing, aggregation and the import
//! pipeline that applies only the difference to a jail. The library part:
//! it never prints, exits or reads the environment; the CLI passes the SSH
//! client, own addresses and proxy in through [`import::Settings`].

pub mod aggregate;
pub mod fetch;
pub mod import;
pub mod job;
pub mod nft;
pub mod parse;
pub mod source;

pub use import::{
    Applier, Fail2banApplier, ImportOptions, ImportReport, Settings, import_due, import_source,
};
pub use parse::Format;
pub use source::{NewSource, Source};
