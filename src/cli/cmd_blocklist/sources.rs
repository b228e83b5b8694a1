//! `bangui blocklist source …`: add, list, show, enable, disable, rm.

use serde_json::json;

use bangui::blocklist::import::{self, RemoveReport};
use bangui::blocklist::{Fail2banApplier, NewSource, Settings, nft, source};
use bangui::fail2ban::Transport;
use bangui::util::{format_duration, parse_duration};
use bangui::{Error, Result, audit};

use super::super::app::App;
use super::super::args::{HookArg, NftActionArg, SourceAddArgs, SourceCommand, TargetArg};
use super::super::output::{Report, kv, opt, table};
use super::{Offline, kernel, settings};

fn dur(s: &str, what: &str) -> Result<u64> {
    parse_duration(s).map_err(|e| Error::Usage(format!("{what}: {e}")))
}

fn audit_source(
    app: &App,
    conn: &rusqlite::Connection,
    command: &str,
    src: &source::Source,
    changed: bool,
    now: i64,
) -> Result<()> {
    audit::append(
        conn,
        &audit::AuditRecord {
            at: now,
            actor: &app.actor(),
            command,
            jail: Some(&src.jail),
            targets: std::slice::from_ref(&src.name),
            outcome: "ok",
            changed,
            detail: Some(json!({ "url": src.url })),
        },
    )?;
    Ok(())
}

fn source_view(s: &source::Source) -> Vec<(&'static str, String)> {
    vec![
        ("name", s.name.clone()),
        ("url", s.url.clone()),
        ("jail", s.jail.clone()),
        ("target", s.target.clone()),
        ("hook", opt(s.hook.clone())),
        ("action", opt(s.action.clone())),
        ("format", s.format.to_string()),
        ("interval", format_duration(s.interval_s as i64)),
        ("min_interval", format_duration(s.min_interval_s as i64)),
        ("max_entries", opt(s.max_entries)),
        ("allow_http", s.allow_http.to_string()),
        ("allow_file", s.allow_file.to_string()),
        ("enabled", s.enabled.to_string()),
        ("origin", s.origin.clone()),
    ]
}

pub(super) fn run_source(
    app: &App,
    conn: &rusqlite::Connection,
    c: SourceCommand,
    now: i64,
) -> Result<Report> {
    match c {
        SourceCommand::Add(a) => add(app, conn, a, now),
        SourceCommand::List => {
            let all = source::list(conn)?;
            let rows = all
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.jail.clone(),
                        s.enabled.to_string(),
                        s.format.to_string(),
                        format_duration(s.interval_s as i64),
                        s.origin.clone(),
                        s.url.clone(),
                    ]
                })
                .collect();
            Ok(Report::new(
                "blocklist source list",
                json!({ "sources": all }),
                table(
                    &[
                        "name", "jail", "enabled", "format", "interval", "origin", "url",
                    ],
                    rows,
                ),
            ))
        }
        SourceCommand::Show { name } => {
            let s = source::get(conn, &name)?;
            let st = import::status(conn, now)?
                .into_iter()
                .find(|x| x.name == s.name);
            let mut pairs = source_view(&s);
            if let Some(st) = &st {
                pairs.push(("entries", st.entries.to_string()));
                pairs.push(("last_success", opt(st.last_success.clone())));
                pairs.push(("last_failure", opt(st.last_failure.clone())));
                pairs.push(("last_error", opt(st.last_error.clone())));
                pairs.push(("stale", st.stale.to_string()));
            }
            Ok(Report::new(
                "blocklist source show",
                json!({ "source": s, "status": st }),
                kv(pairs),
            ))
        }
        SourceCommand::Enable { name } => toggle(app, conn, &name, true, now),
        SourceCommand::Disable { name } => toggle(app, conn, &name, false, now),
        SourceCommand::Rm { name, keep_bans } => {
            let s = source::get(conn, &name)?;
            let st = settings(app);
            let r: RemoveReport = if s.nft().is_some() {
                if keep_bans {
                    return Err(Error::Usage(
                        "--keep-bans does not apply to a source with target nft: its sets go with it".into(),
                    ));
                }
                remove_nft(app, conn, &s, &st, now)?
            } else if keep_bans {
                import::remove_source(conn, &mut Offline, &s, true, &st, now)?
            } else {
                let mut client = app.client()?;
                let t: &mut dyn Transport = &mut client;
                import::remove_source(conn, &mut Fail2banApplier(t), &s, false, &st, now)?
            };
            let view = kv(vec![
                ("source", r.source.clone()),
                ("jail", r.jail.clone()),
                ("unbanned", r.unbanned.to_string()),
                (
                    "kept_for_other_sources",
                    r.kept_for_other_sources.to_string(),
                ),
                ("kept", r.kept.to_string()),
            ]);
            Ok(Report::new(
                "blocklist source rm",
                serde_json::to_value(&r).unwrap_or_default(),
                view,
            ))
        }
    }
}

/// `source rm` of an nft source: its sets, counter and chains leave the
/// kernel first (the table too when it is empty), then the source and its
/// entries leave the database.
fn remove_nft(
    app: &App,
    conn: &rusqlite::Connection,
    s: &source::Source,
    st: &Settings,
    now: i64,
) -> Result<RemoveReport> {
    import::check_removable(s, st)?;
    let entries = import::entries(conn, s.id)?.len() as u64;
    nft::apply::uninstall(&mut kernel(app), &s.name)?;
    let mut r = import::remove_source(conn, &mut Offline, s, true, st, now)?;
    r.kept = 0;
    r.unbanned = if s.enabled { entries } else { 0 };
    r.changed = true;
    Ok(r)
}

fn add(app: &App, conn: &rusqlite::Connection, a: SourceAddArgs, now: i64) -> Result<Report> {
    let mut n = match (a.target, a.jail.as_deref()) {
        (Some(TargetArg::Nft), Some(_)) => {
            return Err(Error::Usage(
                "--target nft takes no --jail: a source has exactly one target".into(),
            ));
        }
        (Some(TargetArg::Nft), None) => NewSource::new_nft(
            &a.name,
            &a.url,
            match a.hook {
                HookArg::Input => nft::Hook::Input,
                HookArg::Forward => nft::Hook::Forward,
                HookArg::Both => nft::Hook::Both,
            },
            match a.action {
                NftActionArg::Drop => nft::Action::Drop,
                NftActionArg::Reject => nft::Action::Reject,
            },
        ),
        (_, Some(j)) => NewSource::new(&a.name, &a.url, j),
        (_, None) => {
            return Err(Error::Usage("--jail is required (or --target nft)".into()));
        }
    };
    n.format = a.format.parse().map_err(Error::Usage)?;
    n.interval_s = dur(&a.interval, "--interval")?;
    if let Some(m) = &a.min_interval {
        n.min_interval_s = dur(m, "--min-interval")?;
    }
    n.max_entries = a.max_entries;
    n.allow_http = a.allow_http;
    n.allow_file = a.allow_file;
    super::super::cmd_fleet::check_source_url(app, &a.url)?;
    if bangui::fleet::source_class(&a.url).is_some() {
        // The store, not a feed's maintainers: no fetch limit.
        n.min_interval_s = 0;
    }
    let s = source::add(conn, &n, now)?;
    if a.fleet_shared {
        bangui::fleet::outbox::set_shared(conn, s.id)?;
    }
    audit_source(app, conn, "blocklist source add", &s, true, now)?;
    Ok(Report::new(
        "blocklist source add",
        json!({ "changed": true, "source": s }),
        kv(source_view(&s)),
    )
    .note(format!(
        "added source {}; `bangui blocklist import {}` fetches it",
        s.name, s.name
    )))
}

fn toggle(
    app: &App,
    conn: &rusqlite::Connection,
    name: &str,
    on: bool,
    now: i64,
) -> Result<Report> {
    let before = source::get(conn, name)?;
    if before.nft().is_some() && before.enabled != on {
        // The kernel first: a refusal leaves the source as it was.
        let mut k = kernel(app);
        if on {
            let mut s = before.clone();
            s.enabled = true;
            nft::apply::install(conn, &mut k, &s)?;
        } else {
            nft::apply::uninstall(&mut k, &before.name)?;
        }
    }
    let changed = source::set_enabled(conn, name, on, now)?;
    let s = source::get(conn, name)?;
    // A disabled source is not imported again soon: settle what an
    // interrupted run left pending now.
    if !on && import::has_pending(conn, s.id)? {
        let mut client = app.client()?;
        let t: &mut dyn Transport = &mut client;
        import::reconcile_pending(conn, &mut Fail2banApplier(t), &s)?;
    }
    let command = if on {
        "blocklist source enable"
    } else {
        "blocklist source disable"
    };
    if changed {
        audit_source(app, conn, command, &s, true, now)?;
    }
    Ok(Report::new(
        command,
        json!({ "changed": changed, "source": s.name, "enabled": s.enabled }),
        kv(vec![
            ("source", s.name.clone()),
            ("enabled", s.enabled.to_string()),
            ("changed", changed.to_string()),
        ]),
    ))
}
