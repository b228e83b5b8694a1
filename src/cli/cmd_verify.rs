//! `bangui verify`: does the kernel hold every ban fail2ban reports?

use serde_json::json;

use bangui::Result;
use bangui::audit::AuditRecord;
use bangui::enforce::{self, Kernel, SystemKernel};
use bangui::error::exit;
use bangui::util::now_unix;

use super::app::App;
use super::args::VerifyArgs;
use super::output::{Report, View, opt, table};

pub fn run(app: &App, a: VerifyArgs) -> Result<Report> {
    let mut client = app.client()?;
    let out = enforce::verify(
        &mut client,
        &mut || Box::new(SystemKernel::new()) as Box<dyn Kernel>,
        &a.jails,
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
    let failed = out.missing() > 0 || (a.strict && out.uninspectable() > 0);
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
    let mut rep = Report::new(
        "verify",
        serde_json::to_value(&out).unwrap_or_default(),
        view,
    )
    .with_exit(if failed { exit::FAILURE } else { exit::OK });
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
