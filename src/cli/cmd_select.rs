//! `unban` by selector: pick current bans by origin, source, country, AS,
//! network and age (AND), list them, and unban them through the same path
//! as `unban` (history saved first, result verified).

use std::collections::BTreeMap;
use std::io::IsTerminal;

use bangui::bans::{self, UnbanOutcome};
use bangui::insight::selector::{BanData, Selector};
use bangui::net::Target;
use bangui::util::now_unix;
use bangui::{Error, Result};

use super::app::App;
use super::args::{SelectorArgs, UnbanArgs};
use super::output::{Report, table};

/// Whether any selector was given.
pub fn given(s: &SelectorArgs) -> bool {
    s.origin.is_some()
        || s.source.is_some()
        || s.country.is_some()
        || s.asn.is_some()
        || s.network.is_some()
        || s.banned_before.is_some()
}

fn selector(s: &SelectorArgs, now: i64) -> Result<Selector> {
    Ok(Selector {
        origin: s.origin.map(|o| o.as_str().to_string()),
        source: s.source.clone(),
        country: s
            .country
            .as_deref()
            .map(Selector::parse_country)
            .transpose()?,
        asn: s.asn,
        network: s
            .network
            .as_deref()
            .map(|n| Target::parse(n).map_err(|e| Error::bad_input(format!("--network: {e}"))))
            .transpose()?,
        banned_before: s
            .banned_before
            .as_deref()
            .map(|b| Selector::parse_before(b, now))
            .transpose()?,
    })
}

/// fail2ban's newest `data` per (jail, ip), read read-only; empty when its
/// database is not reachable (origins then rest on bangui's records alone).
fn ban_data(app: &App, client: &mut bangui::fail2ban::Client, ips: &[String]) -> BanData {
    let Some(path) = super::cmd_bans::fail2ban_db_path(app, client) else {
        return BanData::new();
    };
    let opts = bangui::history::SyncOptions::default();
    let rows = bangui::history::source::Source::open(&path, opts.retry())
        .and_then(|src| src.rows_for_ips(None, ips));
    match rows {
        Ok(rows) => {
            let mut newest: BTreeMap<(String, String), (i64, String)> = BTreeMap::new();
            for r in rows {
                let (Some(ip), Some(d)) = (r.ip, r.data) else {
                    continue;
                };
                let slot = newest
                    .entry((r.jail, ip))
                    .or_insert((r.timeofban, d.clone()));
                if r.timeofban >= slot.0 {
                    *slot = (r.timeofban, d);
                }
            }
            newest.into_iter().map(|(k, (_, d))| (k, d)).collect()
        }
        Err(e) => {
            tracing::debug!(event = "ban_data_unavailable", error = %e);
            BanData::new()
        }
    }
}

fn confirm(n: usize, max: usize) -> Result<()> {
    let refuse = || {
        Error::Usage(format!(
            "the selection holds {n} bans, more than --max {max}"
        ))
        .with_hint("check it with --dry-run, then add --yes (or raise --max)")
    };
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(refuse());
    }
    eprint!("bangui: unban {n} bans (more than --max {max})? [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::io("reading the answer", "stdin", e))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(refuse())
    }
}

pub fn unban(app: &App, a: UnbanArgs) -> Result<Report> {
    if !given(&a.select) {
        return Err(Error::Usage(
            "--all-jails needs a selector (--origin, --source, --country, --asn, --network, --banned-before)"
                .into(),
        ));
    }
    if a.all {
        return Err(Error::Usage("--all takes no selectors".into()));
    }
    if a.jail.is_none() && !a.all_jails {
        return Err(Error::Usage(
            "selectors need --jail JAIL or --all-jails".into(),
        ));
    }
    let now = now_unix();
    let sel = selector(&a.select, now)?;
    let batch = app.cfg.fail2ban.ban_batch_size;
    let mut client = app.client()?;
    let list = bans::list_bans(&mut client, a.jail.as_deref())?;
    let ips: Vec<String> = list.iter().map(|b| b.ip.clone()).collect();
    let data = if sel.origin.is_some() || sel.source.is_some() {
        ban_data(app, &mut client, &ips)
    } else {
        BanData::new()
    };
    let conn = app.db()?;
    let selected = bangui::insight::selector::select(&conn, &list, &data, &sel)?;
    drop(conn);
    if selected.len() > a.max && !a.yes && !a.dry_run {
        confirm(selected.len(), a.max)?;
    }
    let mut by_jail: BTreeMap<&str, Vec<Target>> = BTreeMap::new();
    for s in &selected {
        if let Ok(t) = Target::parse(&s.ip) {
            by_jail.entry(&s.jail).or_default().push(t);
        }
    }
    let f2b_db = super::cmd_bans::fail2ban_db_path(app, &mut client);
    let mut keep = |pairs: &[(String, String)]| {
        super::cmd_bans::preserve_history_before_unban(app, f2b_db.as_deref(), pairs)
    };
    let mut out = UnbanOutcome {
        jail: a.jail.clone().map(String::from),
        dry_run: a.dry_run,
        changed: false,
        would_change: false,
        unbanned: 0,
        not_banned: 0,
        items: Vec::new(),
    };
    for (jail, targets) in &by_jail {
        let o = bans::unban(
            &mut client,
            Some(jail),
            targets,
            batch,
            a.dry_run,
            &mut keep,
        )?;
        out.changed |= o.changed;
        out.would_change |= o.would_change;
        out.unbanned += o.unbanned;
        out.not_banned += o.not_banned;
        out.items.extend(o.items);
    }
    out.items
        .sort_by(|x, y| (sort_key(&x.ip), &x.jails).cmp(&(sort_key(&y.ip), &y.jails)));
    let outcome = if a.dry_run { "dry-run" } else { "ok" };
    super::cmd_bans::audit_unban(app, "unban --select", a.jail.as_deref(), outcome, &out);
    let rows = out
        .items
        .iter()
        .map(|i| vec![i.ip.clone(), i.status.words(), i.jails.join(",")])
        .collect();
    let mut data = serde_json::to_value(&out).unwrap_or_default();
    data["selected"] = serde_json::to_value(&selected).unwrap_or_default();
    let mut rep = Report::new("unban", data, table(&["ip", "result", "jails"], rows));
    if selected.is_empty() {
        rep = rep.note("nothing selected: no current ban matches every selector");
    }
    Ok(rep)
}

fn sort_key(ip: &str) -> (Option<Target>, String) {
    (Target::parse(ip).ok(), ip.to_string())
}
