//! `ban --for/--until`: the bound is parsed before anything is touched,
//! checked against the jail's bantime, and recorded (or cleared, for a ban
//! renewed without one) after fail2ban has the ban.

use bangui::bans::{BanOutcome, BanStatus};
use bangui::fail2ban::{Client, api};
use bangui::insight::expiry;
use bangui::{Error, Result};

use super::app::App;
use super::args::BanArgs;

/// bangui's end of the ban, if one was asked for (65 for a bad one).
pub fn parse(a: &BanArgs, now: i64) -> Result<Option<i64>> {
    match (&a.for_, &a.until) {
        (Some(d), _) => expiry::parse_for(d, now).map(Some),
        (None, Some(t)) => expiry::parse_until(t, now).map(Some),
        (None, None) => Ok(None),
    }
}

/// Refuse an end the jail's bantime would come to first, unless --force.
pub fn check(client: &mut Client, a: &BanArgs, until: Option<i64>, now: i64) -> Result<()> {
    let Some(until) = until else { return Ok(()) };
    if a.force {
        return Ok(());
    }
    let v = api::jail_get(client, &a.jail, "bantime")?;
    let bantime = v
        .as_int()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        .ok_or_else(|| {
            Error::Protocol(format!("unexpected bantime of {}: {}", a.jail, v.repr()))
        })?;
    expiry::check_bantime(&a.jail, bantime, now, until)
}

/// Record the end of what is now banned, or clear it when none was given.
pub fn apply(app: &App, jail: &str, out: &BanOutcome, until: Option<i64>, now: i64) -> Result<()> {
    if out.dry_run {
        return Ok(());
    }
    let held: Vec<_> = out
        .items
        .iter()
        .filter(|i| matches!(i.status, BanStatus::Banned | BanStatus::AlreadyBanned))
        .map(|i| i.ip)
        .collect();
    if held.is_empty() || (until.is_none() && !app.cfg.database.path.exists()) {
        return Ok(());
    }
    let mut conn = app.db()?;
    match until {
        Some(t) => expiry::record(&mut conn, jail, &held, t, &app.actor(), now),
        None => expiry::clear(&conn, jail, &held).map(|_| ()),
    }
    .map_err(|e| {
        Error::Other(format!(
            "the ban is in place, but its expiry could not be recorded: {e}"
        ))
        .with_hint("unban it by hand when it should end, or ban again with --for")
    })
}
