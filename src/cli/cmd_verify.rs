//! `bangui verify`: does the kernel hold every ban fail2ban reports?

use serde_json::json;

use bangui::Result;
use bangui::audit::AuditRecord;
use bangui::enforce::{self, Kernel, SystemKernel};
use bangui::error::Outcome;
use bangui::util::now_unix;

use super::app::App;
use super::args::VerifyArgs;
use super::output::{Report, View, opt, table};

pub fn run(app: &App, a: VerifyArgs) -> Result<Report> {
    let mut client = app.client()?;
    let out = enforce::verify(
        &mut client,
        &mut || Box::new(SystemKernel::new()) as Box<dyn Kernel>,
        &a.jails.iter().map(|j| j.to_string()).collect::<Vec<_>>(),
        a.repair,
        a.dry_run,
    )?;
    if let Some(repairs) = &out.repairs
        && !a.dry_run
        && !repairs.is_empty()
    {
        let targets: Vec<String> = repairs.iter().map(|r| r.ip.clone()).collect();
        app.audit(&AuditRecord {
            at: now_unix(),
            actor: &app.actor(),
            command: "verify --repair",
            jail: None,
            targets: &targets,
            outcome: if repairs.iter().all(|r| r.status == "repaired") {
                "ok"
            } else {
                "partial"
            },
            changed: out.changed,
            detail: Some(json!({ "repairs": repairs })),
        });
    }
    let nft = nft_targets(app, &a)?;
    let nft_missing: usize = nft
        .iter()
        .map(|c| c.missing.len() + usize::from(!c.present))
        .sum();
    let failed = out.missing() > 0 || nft_missing > 0 || (a.strict && out.uninspectable() > 0);
    let rows = out
        .jails
        .iter()
        .map(|j| {
            vec![
                j.jail.clone(),
                j.banned.to_string(),
                opt(j.enforced),
                j.missing.join(","),
                j.stray.join(","),
                j.actions
                    .iter()
                    .map(|x| match &x.reason {
                        None => x.name.clone(),
                        Some(r) => format!("{} (not inspectable: {r})", x.name),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    let mut view = table(
        &["jail", "banned", "enforced", "missing", "stray", "actions"],
        rows,
    );
    if let Some(repairs) = &out.repairs {
        let rows = repairs
            .iter()
            .map(|r| {
                vec![
                    r.ip.clone(),
                    r.action.clone(),
                    r.status.replace('_', " "),
                    r.error.clone().unwrap_or_default(),
                ]
            })
            .collect();
        view = View::Sections(vec![
            ("verify".into(), view),
            (
                "repair".into(),
                table(&["ip", "action", "result", "error"], rows),
            ),
        ]);
    }
    if !nft.is_empty() {
        let rows = nft
            .iter()
            .map(|c| {
                vec![
                    c.source.clone(),
                    c.set.clone(),
                    c.present.to_string(),
                    c.missing.len().to_string(),
                    c.stray.len().to_string(),
                ]
            })
            .collect();
        let nft_view = table(&["source", "set", "present", "missing", "stray"], rows);
        view = match view {
            View::Sections(mut v) => {
                v.push(("nft target".into(), nft_view));
                View::Sections(v)
            }
            v => View::Sections(vec![("verify".into(), v), ("nft target".into(), nft_view)]),
        };
    }
    let mut data = serde_json::to_value(&out).unwrap_or_default();
    data["nft_sources"] = json!(
        nft.iter()
            .map(|c| json!({
                "source": c.source,
                "set": c.set,
                "present": c.present,
                "missing_count": c.missing.len(),
                "stray_count": c.stray.len(),
                "missing": c.missing.iter().take(NFT_LIST_MAX).collect::<Vec<_>>(),
                "stray": c.stray.iter().take(NFT_LIST_MAX).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()
    );
    let mut rep = Report::new("verify", data, view).with_outcome(if failed {
        Outcome::No
    } else {
        Outcome::Ok
    });
    if nft_missing > 0 {
        rep = rep.note(
            "an nft-target source's set lacks what the database says it holds; \
             `bangui blocklist restore` rebuilds table inet bangui"
                .to_string(),
        );
    }
    if out.missing() > 0 {
        rep = rep.note(format!(
            "{} ban(s) missing from the kernel; `bangui verify --repair` puts them back through fail2ban",
            out.missing()
        ));
    }
    if out.uninspectable() > 0 {
        rep = rep.note(format!(
            "{} action(s) could not be inspected{}",
            out.uninspectable(),
            if a.strict {
                ""
            } else {
                " (--strict makes this an error)"
            }
        ));
    }
    Ok(rep)
}

/// How many networks of an nft set's `missing`/`stray` the JSON lists (the
/// counts are always whole).
const NFT_LIST_MAX: usize = 1000;

/// The sets of sources with target nft compared with the database; only
/// when no `--jail` narrows the check and some source has target nft.
fn nft_targets(
    app: &App,
    a: &VerifyArgs,
) -> Result<Vec<bangui::blocklist::nft::apply::SetComparison>> {
    if !a.jails.is_empty() {
        return Ok(Vec::new());
    }
    // The jails' check needs no database: one that cannot be read skips
    // only this part, with a warning.
    if !app.cfg.database.path.exists() {
        return Ok(Vec::new());
    }
    let conn = match app.db() {
        Ok(c) => c,
        Err(e) => {
            app.warn(&format!("sources with target nft not checked: {e}"));
            return Ok(Vec::new());
        }
    };
    if bangui::blocklist::nft::apply::nft_sources(&conn)?.is_empty() {
        return Ok(Vec::new());
    }
    let mut kernel = bangui::blocklist::nft::System::new(&app.cfg.blocklist.nft);
    bangui::blocklist::nft::apply::compare(&conn, &mut kernel)
}
