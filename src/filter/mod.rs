//! The native filter-test engine: fail2ban regexes, dates and the per-line pipeline.
pub mod date;
pub mod regex;
