//! `bangui ban`, `bangui unban`, `bangui banned`: read and validate items,
//! call the library, audit the change, and build the report.

use std::io::BufRead;
use std::path::Path;

use serde_json::json;

use bangui::audit::AuditRecord;
use bangui::bans::{self, BanStatus, UnbanStatus};
use bangui::enforce::{JailState, SystemKernel};
use bangui::error::Outcome;
use bangui::net::{self, Policy, Refusal, Target};
use bangui::util::{format_duration, now_unix, rfc3339_opt};
use bangui::{Error, Result};

use super::app::App;
use super::args::{BanArgs, BannedArgs, UnbanArgs};
use super::output::{Report, opt, table};

/// Command-line items plus `--from-file` lines (`-` is stdin), with line
/// numbers for file items. `#` starts a comment.
fn read_items(args: &[String], file: Option<&Path>) -> Result<Vec<(Option<usize>, String)>> {
    let mut items: Vec<(Option<usize>, String)> = args.iter().map(|a| (None, a.clone())).collect();
    let Some(path) = file else { return Ok(items) };
    let reader: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NoInput {
                what: "input file".into(),
                path: path.to_path_buf(),
            },
            _ => Error::io(format!("reading {}", path.display()), path, e),
        })?;
        Box::new(std::io::BufReader::new(f))
    };
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|e| Error::io(format!("reading {}", path.display()), path, e))?;
        let text = String::from_utf8_lossy(&line);
        // A UTF-8 byte-order mark, as the blocklist parser accepts it.
        let text = if i == 0 {
            text.trim_start_matches('\u{feff}')
        } else {
            &text
        };
        let text = text.split('#').next().unwrap_or("").trim();
        if !text.is_empty() {
            items.push((Some(i + 1), text.to_string()));
        }
    }
    Ok(items)
}

fn targets(args: &[String], file: Option<&Path>) -> Result<Vec<Target>> {
    let items = read_items(args, file)?;
    if items.is_empty() {
        return Err(Error::Usage(
            "no IPs given: name them as arguments or with --from-file".into(),
        ));
    }
    bans::parse_targets(&items).map_err(|bad| bans::invalid_error(&bad))
}

pub(super) fn policy(app: &App, ignoreip: Vec<String>, force: bool) -> Policy {
    Policy {
        force,
        ignoreip: Policy::parse_list(&ignoreip),
        safelist: Policy::parse_list(&app.cfg.safety.safelist),
        own_addresses: net::own_addresses(),
        ssh_client: app.cfg.safety.session_ssh_client,
        ssh_peers: net::ssh_peers(&net::ssh_ports(&app.cfg.safety.ssh_ports)),
        max_prefix_v4: None,
        max_prefix_v6: None,
    }
}

pub fn ban(app: &App, a: BanArgs) -> Result<Report> {
    if a.share {
        super::cmd_fleet::require_configured(app)?;
    }
    let list = targets(&a.targets, a.from_file.as_deref())?;
    let now = now_unix();
    let until = super::cmd_expire::parse(&a, now)?;
    let mut client = app.client()?;
    let ignoreip = bans::jail_ignoreip(&mut client, &a.jail)?;
    super::cmd_expire::check(&mut client, &a, until, now)?;
    let pol = policy(app, ignoreip, a.force);
    // Networks the jail's firewall actions cannot hold are refused up front.
    let before = if list.iter().any(|t| !t.is_host()) {
        Some(JailState::read(
            &mut client,
            &mut SystemKernel::new(),
            &a.jail,
        )?)
    } else {
        None
    };
    let mut out = bans::ban_checked(
        &mut client,
        &a.jail,
        &list,
        &pol,
        &|t| {
            before
                .as_ref()
                .and_then(|s| s.cidr_refusal(t))
                .map(Refusal::CidrNotEnforceable)
        },
        app.cfg.fail2ban.ban_batch_size,
        a.dry_run,
    )?;
    // Check after acting: does the kernel hold what fail2ban accepted?
    if !a.dry_run && out.banned + out.already_banned > 0 {
        let after = JailState::read(&mut client, &mut SystemKernel::new(), &a.jail)?;
        out.check_enforced(&|t| after.enforced(t));
    }
    let result = out.outcome();
    let outcome = match (a.dry_run, result) {
        (true, _) => "dry-run",
        (_, Outcome::Ok) => "ok",
        _ if out.not_enforced > 0 => "not_enforced",
        (_, Outcome::Partial) => "partial",
        _ => "refused",
    };
    let targets: Vec<String> = list.iter().map(Target::to_string).collect();
    app.audit(
        &AuditRecord {
            at: now_unix(),
            actor: &app.actor(),
            command: "ban",
            jail: Some(&a.jail),
            targets: &targets,
            outcome,
            changed: out.changed,
            detail: Some(json!({
                "banned": out.items.iter().filter(|i| i.status == BanStatus::Banned).map(|i| i.ip.to_string()).collect::<Vec<_>>(),
                "already_banned": out.already_banned,
                "expires_at": until,
                "refused": out.items.iter().filter(|i| i.status == BanStatus::Refused).map(|i| json!({"ip": i.ip, "reason": i.reason_code})).collect::<Vec<_>>(),
                "not_enforced": out.items.iter().filter(|i| i.status == BanStatus::NotEnforced).map(|i| i.ip.to_string()).collect::<Vec<_>>(),
            })),
        },
    );
    super::cmd_expire::apply(app, &a.jail, &out, until, now)?;
    let rows = out
        .items
        .iter()
        .map(|i| {
            vec![
                i.ip.to_string(),
                status_word(i.status).to_string(),
                opt(i.enforced.map(|e| if e { "yes" } else { "no" })),
                i.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut data = serde_json::to_value(&out).unwrap_or_default();
    data["expires_at"] = rfc3339_opt(until);
    if a.share && !a.dry_run {
        // The decision lasts as long as the ban here: bangui's own expiry when
        // --for/--until gave one, else the jail's bantime.
        let until = until.or_else(|| {
            let bantime = bangui::fail2ban::api::jail_get(&mut client, &a.jail, "bantime")
                .ok()
                .and_then(|v| {
                    v.as_int()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                });
            super::cmd_fleet::until_from_bantime(bantime, now_unix())
        });
        let shared: Vec<Target> = out
            .items
            .iter()
            .filter(|i| i.status != BanStatus::Refused)
            .map(|i| i.ip)
            .collect();
        data["fleet"] = super::cmd_fleet::publish(
            app,
            &shared,
            true,
            Some(&a.jail),
            a.reason.as_deref(),
            until,
        )?;
    }
    let mut rep = Report::new(
        "ban",
        data,
        table(&["ip", "result", "enforced", "reason"], rows),
    )
    .with_outcome(result);
    if out.not_enforced > 0 {
        rep = rep.note(format!(
            "{} item(s) accepted by fail2ban but not held by the kernel firewall; see `bangui verify --jail {}` and fail2ban's log",
            out.not_enforced, a.jail
        ));
    }
    if out
        .items
        .iter()
        .any(|i| i.reason_code == Some("cidr_not_enforceable"))
    {
        rep = rep.note(
            "hint: give the jail's nftables set `flags interval` (the README's action.d/nftables.local \
             override), ban single addresses, or use --force to send the networks anyway",
        );
    }
    // The --force hint only when --force would change the outcome.
    let forceable = out
        .items
        .iter()
        .filter(|i| i.status == BanStatus::Refused)
        .filter(|i| {
            i.reason_code
                .is_some_and(bangui::net::Refusal::code_overridable)
        })
        .count();
    if out.refused > 0 && result == Outcome::Refused {
        rep = rep.note(format!(
            "error: every item was refused; nothing was banned in {}{}",
            a.jail,
            if a.force || forceable == 0 {
                String::new()
            } else {
                format!(" (--force overrides {forceable} of these refusals)")
            }
        ));
    } else if out.refused > 0 {
        rep = rep.note(format!(
            "{} item(s) refused; see the reason column",
            out.refused
        ));
    }
    Ok(rep)
}

/// The audit detail of an unban: which IPs left which jails.
fn status_word(s: BanStatus) -> &'static str {
    match s {
        BanStatus::Banned => "banned",
        BanStatus::AlreadyBanned => "already banned",
        BanStatus::WouldBan => "would ban",
        BanStatus::Refused => "refused",
        BanStatus::NotEnforced => "not enforced",
    }
}

pub fn unban(app: &App, a: UnbanArgs) -> Result<Report> {
    let selecting = a.all_jails || super::cmd_select::given(&a.select);
    if a.share {
        if selecting {
            return Err(Error::Usage(
                "--share takes the IPs to unban, not selectors: run `unban --share IP…`".into(),
            ));
        }
        super::cmd_fleet::require_configured(app)?;
    }
    if selecting {
        return super::cmd_select::unban(app, a);
    }
    let batch = app.cfg.fail2ban.ban_batch_size;
    let mut client = app.client()?;
    // fail2ban deletes the history of what it unbans: keep it first.
    let f2b_db = fail2ban_db_path(app, &mut client);
    let mut keep_history =
        |pairs: &[(String, String)]| preserve_history_before_unban(app, f2b_db.as_deref(), pairs);
    let mut out = if a.all {
        let jail = a
            .jail
            .as_deref()
            .ok_or_else(|| Error::Usage("--all needs --jail".into()))?;
        bans::unban_all_in_jail(&mut client, jail, batch, a.dry_run, &mut keep_history)?
    } else {
        let list = targets(&a.targets, a.from_file.as_deref())?;
        bans::unban(
            &mut client,
            a.jail.as_deref(),
            &list,
            batch,
            a.dry_run,
            &mut keep_history,
        )?
    };
    // Check after acting: has the kernel let go of what fail2ban unbanned?
    if !a.dry_run {
        let mut jails: Vec<String> = out
            .items
            .iter()
            .filter(|i| i.status == UnbanStatus::Unbanned)
            .flat_map(|i| i.jails.clone())
            .collect();
        jails.sort();
        jails.dedup();
        let mut states = std::collections::BTreeMap::new();
        for j in jails {
            let st = JailState::read(&mut client, &mut SystemKernel::new(), &j)?;
            states.insert(j, st);
        }
        out.check_enforced(&|j, ip| {
            let t = Target::parse(ip).ok()?;
            states.get(j)?.absent(&t)
        });
    }
    let outcome = if a.dry_run {
        "dry-run"
    } else if out.not_enforced() > 0 {
        "not_enforced"
    } else {
        "ok"
    };
    let command = if a.all { "unban --all" } else { "unban" };
    audit_unban(app, command, a.jail.as_deref(), outcome, &out);
    let rows = out
        .items
        .iter()
        .map(|i| {
            vec![
                i.ip.clone(),
                i.status.words(),
                i.jails.join(","),
                opt(i.enforced.map(|e| if e { "yes" } else { "no" })),
            ]
        })
        .collect();
    let mut data = serde_json::to_value(&out).unwrap_or_default();
    if a.share && !a.dry_run {
        // Every item asked for, banned here or not: the fleet may hold it.
        let list: Vec<Target> = out
            .items
            .iter()
            .filter_map(|i| Target::parse(&i.ip).ok())
            .collect();
        data["fleet"] =
            super::cmd_fleet::publish(app, &list, false, a.jail.as_deref(), None, None)?;
    }
    let mut rep = Report::new(
        "unban",
        data,
        table(&["ip", "result", "jails", "enforced"], rows),
    );
    if out.not_enforced() > 0 {
        rep = rep.with_outcome(out.outcome()).note(format!(
            "{} item(s) unbanned by fail2ban but still held by the kernel firewall; see fail2ban's log",
            out.not_enforced()
        ));
    }
    if out.unbanned == 0 && !out.items.is_empty() {
        rep = rep.note("nothing to unban: none of these was banned");
    }
    Ok(rep)
}

/// fail2ban's database: configured, or as the server reports it.
pub(super) fn fail2ban_db_path(
    app: &App,
    client: &mut bangui::fail2ban::Client,
) -> Option<std::path::PathBuf> {
    match &app.cfg.fail2ban.db_file {
        Some(p) => Some(p.clone()),
        None => bangui::fail2ban::api::get_dbfile(client)
            .ok()
            .flatten()
            .map(std::path::PathBuf::from),
    }
}

/// The audit row of an unban: every item, and where each is still banned.
pub(super) fn audit_unban(
    app: &App,
    command: &str,
    jail: Option<&str>,
    outcome: &str,
    out: &bans::UnbanOutcome,
) {
    let targets: Vec<String> = out.items.iter().map(|i| i.ip.clone()).collect();
    app.audit(&AuditRecord {
        at: now_unix(),
        actor: &app.actor(),
        command,
        jail,
        targets: &targets,
        outcome,
        changed: out.changed,
        detail: Some(json!({
            "left": out.items.iter().filter(|i| !i.jails.is_empty()).map(|i| json!({"ip": i.ip, "jails": i.jails})).collect::<Vec<_>>(),
        })),
    });
}

/// The one place `unban` keeps fail2ban's history rows of the affected IPs
/// before fail2ban deletes them. A failure here is a loud warning, not a
/// refusal: an operator who unbans (often themselves) must not be blocked.
pub(super) fn preserve_history_before_unban(
    app: &App,
    f2b_db: Option<&std::path::Path>,
    pairs: &[(String, String)],
) -> Result<()> {
    let Some(path) = f2b_db else { return Ok(()) };
    let ips = bangui::history::unbanned_hosts(pairs);
    if ips.is_empty() {
        return Ok(());
    }
    let result = app.db().and_then(|mut conn| {
        bangui::history::sync_ips(
            &mut conn,
            path,
            None,
            &ips,
            &bangui::history::SyncOptions::default(),
            now_unix(),
        )
    });
    match result {
        Ok(r) => tracing::info!(
            event = "history_saved_before_unban",
            component = "history",
            inserted = r.inserted,
            read = r.read
        ),
        Err(e) => app.warn(&format!(
            "could not save the ban history of {} IP(s) before unbanning (fail2ban deletes it): {e}",
            ips.len()
        )),
    }
    Ok(())
}

pub fn banned(app: &App, a: BannedArgs) -> Result<Report> {
    let mut client = app.client()?;
    if !a.targets.is_empty() {
        let list = targets(&a.targets, None)?;
        let answers = bans::query(&mut client, &list, a.jail.as_deref(), a.exact)?;
        let any = answers.iter().any(|x| x.banned);
        let rows = answers
            .iter()
            .map(|x| {
                vec![
                    x.ip.to_string(),
                    if x.banned { "yes".into() } else { "no".into() },
                    x.jails.join(","),
                    x.within
                        .iter()
                        .map(|c| format!("{} ({})", c.network, c.jail))
                        .collect::<Vec<_>>()
                        .join(","),
                ]
            })
            .collect();
        return Ok(Report::new(
            "banned",
            json!({ "query": answers, "any_banned": any }),
            table(&["ip", "banned", "jails", "within"], rows),
        )
        .with_outcome(if any { Outcome::Ok } else { Outcome::No }));
    }
    let mut list = bans::list_bans(&mut client, a.jail.as_deref())?;
    add_ban_counts(app, &mut client, &mut list);
    let geo = cached_geo(app, &list);
    let expiries = if app.cfg.database.path.exists() {
        app.db()
            .and_then(|c| bangui::insight::expiry::all(&c))
            .unwrap_or_default()
    } else {
        Default::default()
    };
    let bangui_end = |b: &bans::BanEntry| {
        expiries
            .get(&(b.jail.clone(), b.ip.clone()))
            .map(|e| e.expires_at)
    };
    let now = now_unix();
    let data: Vec<serde_json::Value> = list
        .iter()
        .map(|b| {
            json!({
                "jail": b.jail,
                "ip": b.ip,
                "banned_at": rfc3339_opt(b.start),
                "ends_at": rfc3339_opt(b.end),
                "bantime": b.bantime,
                "time_left": b.end.map(|e| (e - now).max(0)),
                "permanent": b.end.is_none(),
                "bangui_expires_at": rfc3339_opt(bangui_end(b)),
                "ban_count": b.ban_count,
                "country_code": geo.get(&b.ip).and_then(|g| g.country_code.clone()),
                "country_name": geo.get(&b.ip).and_then(|g| g.country_name.clone()),
                "asn": geo.get(&b.ip).and_then(|g| g.asn),
                "as_org": geo.get(&b.ip).and_then(|g| g.as_org.clone()),
            })
        })
        .collect();
    let rows = list
        .iter()
        .map(|b| {
            vec![
                b.jail.clone(),
                b.ip.clone(),
                opt(b.start.map(bangui::util::rfc3339)),
                match b.end {
                    Some(e) => bangui::util::rfc3339(e),
                    None => "never".into(),
                },
                match b.end {
                    Some(e) => format_duration((e - now).max(0)),
                    None => "permanent".into(),
                },
                opt(b.ban_count),
                opt(geo.get(&b.ip).and_then(|g| g.country_code.clone())),
                opt(geo.get(&b.ip).and_then(|g| g.asn).map(|a| format!("AS{a}"))),
                opt(bangui_end(b).map(bangui::util::rfc3339)),
            ]
        })
        .collect();
    Ok(Report::new(
        "banned",
        serde_json::Value::Array(data),
        table(
            &[
                "jail",
                "ip",
                "banned_at",
                "ends_at",
                "time_left",
                "ban_count",
                "country",
                "asn",
                "bangui_expires_at",
            ],
            rows,
        ),
    ))
}

/// fail2ban keeps the ban count per (ip, jail) in its own database; read it
/// read-only in one short query when that database is reachable.
pub(super) fn add_ban_counts(
    app: &App,
    client: &mut bangui::fail2ban::Client,
    list: &mut [bans::BanEntry],
) {
    if list.is_empty() {
        return;
    }
    let Some(path) = fail2ban_db_path(app, client) else {
        return;
    };
    match bangui::fail2ban::db::ban_counts(&path) {
        Ok(counts) => {
            for b in list.iter_mut() {
                b.ban_count = counts.get(&(b.jail.clone(), b.ip.clone())).copied();
            }
        }
        Err(e) => tracing::debug!(event = "ban_count_unavailable", error = %e),
    }
}

/// Country and ASN from bangui's geo cache (filled by `geo refresh`); empty
/// when the database does not exist yet.
pub(super) fn cached_geo(
    app: &App,
    list: &[bans::BanEntry],
) -> std::collections::HashMap<String, bangui::geo::GeoInfo> {
    if list.is_empty() || !app.cfg.database.path.exists() {
        return Default::default();
    }
    let ips: Vec<std::net::IpAddr> = list.iter().filter_map(|b| b.ip.parse().ok()).collect();
    match app.db().and_then(|conn| bangui::geo::cached(&conn, &ips)) {
        Ok(m) => m
            .into_iter()
            .map(|(ip, g)| (Target::from_ip(ip).to_string(), g))
            .collect(),
        Err(e) => {
            app.warn(&format!("geo columns unavailable: {e}"));
            Default::default()
        }
    }
}
