//! `bangui fleet init|status|push`, and the `--share` step of `ban` and
//! `unban`: queue in the local outbox, then try to publish right away; an
//! unreachable store is a warning, never a failure of the local command.

use serde_json::{Value, json};

use bangui::fleet::{self, outbox, push, schema, status};
use bangui::net::Target;
use bangui::util::{now_unix, sanitize};
use bangui::{Error, Result};

use super::app::App;
use super::args::FleetCommand;
use super::output::{Report, kv, opt, table};

const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn run(app: &App, cmd: FleetCommand) -> Result<Report> {
    match cmd {
        FleetCommand::Init => init(app),
        FleetCommand::Status => fleet_status(app),
        FleetCommand::Push => push_now(app),
    }
}

/// A connection to a store of this bangui's schema.
pub fn client(app: &App) -> Result<fleet::Client> {
    require_configured(app)?;
    let mut c = fleet::connect(&app.cfg.fleet)?;
    schema::check(&mut c)?;
    Ok(c)
}

/// Refuse `--share` before anything changes when there is no fleet.
pub fn require_configured(app: &App) -> Result<()> {
    if fleet::configured(&app.cfg.fleet) {
        Ok(())
    } else {
        Err(fleet::not_configured())
    }
}

fn init(app: &App) -> Result<Report> {
    let mut client = fleet::connect(&app.cfg.fleet)?;
    let r = schema::init(&mut client)?;
    let note = if r.changed {
        format!(
            "fleet schema migrated from version {} to {}",
            r.from_version, r.to_version
        )
    } else {
        format!("fleet schema already at version {}", r.to_version)
    };
    Ok(Report::new(
        "fleet init",
        serde_json::to_value(&r).unwrap_or_default(),
        kv(vec![
            ("from_version", r.from_version.to_string()),
            ("to_version", r.to_version.to_string()),
            ("applied", r.applied.join(",")),
            ("changed", r.changed.to_string()),
        ]),
    )
    .note(note))
}

fn fleet_status(app: &App) -> Result<Report> {
    let conn = app.db()?;
    let local_pending = outbox::count(&conn)?;
    let mut client = fleet::connect(&app.cfg.fleet)?;
    let s = status::status(&mut client)?;
    let rows = s
        .hosts
        .iter()
        .map(|h| {
            vec![
                h.host_id.clone(),
                h.version.clone(),
                h.last_seen.clone(),
                opt(h.last_push.as_deref()),
                h.pending_outbox.to_string(),
                h.history_rows.to_string(),
                h.lag_s.map(|l| l.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let mut data = serde_json::to_value(&s).unwrap_or_default();
    if let Value::Object(m) = &mut data {
        m.insert("host_id".into(), json!(app.cfg.fleet.host_id));
        m.insert("local_pending_outbox".into(), json!(local_pending));
    }
    Ok(Report::new(
        "fleet status",
        data,
        table(
            &[
                "host_id",
                "version",
                "last_seen",
                "last_push",
                "pending",
                "history_rows",
                "lag_s",
            ],
            rows,
        ),
    )
    .note(format!(
        "{} active decision(s) in {} class(es); {} shared feed(s)",
        s.active_decisions,
        s.decisions.len(),
        s.feeds.len()
    )))
}

fn push_now(app: &App) -> Result<Report> {
    let conn = app.db()?;
    let cfg = &app.cfg.fleet;
    let mut client = match fleet::connect(cfg) {
        Ok(c) => c,
        Err(e) => {
            let _ = outbox::note_failure(&conn, &e.to_string());
            return Err(e);
        }
    };
    let r = push::push(
        &conn,
        &mut client,
        &cfg.host_id,
        VERSION,
        cfg.push_batch_rows,
        &|| false,
        now_unix(),
    )?;
    Ok(push_report("fleet push", &r))
}

fn push_report(command: &str, r: &push::PushReport) -> Report {
    Report::new(
        command,
        serde_json::to_value(r).unwrap_or_default(),
        kv(vec![
            ("host_id", r.host_id.clone()),
            ("decisions_published", r.decisions_published.to_string()),
            ("decisions_revoked", r.decisions_revoked.to_string()),
            ("history_rows", r.history_rows.to_string()),
            ("history_watermark", r.history_watermark.to_string()),
            ("pending_outbox", r.pending_outbox.to_string()),
            ("changed", r.changed.to_string()),
        ]),
    )
}

/// Queue shares (or revocations) for `targets`, then try to publish the
/// whole outbox. Returns the `fleet` object of the command's JSON.
pub fn publish(
    app: &App,
    targets: &[Target],
    share: bool,
    class: Option<&str>,
    reason: Option<&str>,
    until: Option<i64>,
) -> Result<Value> {
    let conn = app.db()?;
    let cfg = &app.cfg.fleet;
    let actor = app.actor();
    let now = now_unix();
    let ids = outbox::enqueue(
        &conn,
        &cfg.host_id,
        targets,
        &outbox::NewEntry {
            share,
            class,
            actor: &actor,
            reason,
            until,
        },
        now,
    )?;
    let mut r = push::PushReport::default();
    let result = fleet::connect(cfg).and_then(|mut client| {
        push::push_outbox(&conn, &mut client, &cfg.host_id, VERSION, &mut r)
    });
    match result {
        Ok(()) => Ok(json!({
            "queued": ids.len(),
            "published": r.decisions_published,
            "revoked": r.decisions_revoked,
            "pending_outbox": r.pending_outbox,
            "error": null,
        })),
        Err(e) => {
            let msg = sanitize(&e.to_string());
            let _ = outbox::note_failure(&conn, &msg);
            let pending = outbox::count(&conn)?;
            app.warn(&format!(
                "the fleet store did not take it ({msg}); {pending} item(s) wait in the local outbox for `bangui fleet push` or the fleet-push job"
            ));
            Ok(json!({
                "queued": ids.len(),
                "published": 0,
                "revoked": 0,
                "pending_outbox": pending,
                "error": msg,
            }))
        }
    }
}

/// The decision's end: the jail's bantime from now (`None`: permanent or unknown).
pub fn until_from_bantime(bantime: Option<i64>, now: i64) -> Option<i64> {
    bantime.filter(|b| *b > 0).map(|b| now.saturating_add(b))
}

/// `fleet:` sources need the store; a clear error otherwise.
pub fn check_source_url(app: &App, url: &str) -> Result<()> {
    if fleet::source_class(url).is_some() && !fleet::configured(&app.cfg.fleet) {
        return Err(Error::config(
            "a fleet: source needs fleet.url (or BANGUI_FLEET_URL)",
        ));
    }
    Ok(())
}
