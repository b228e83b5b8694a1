//! `bangui jobs list|run|run-due|status|history|unlock`: wires signals and
//! the runner together and renders the results; the scheduling logic lives
//! in `bangui::jobs`.

use std::sync::Arc;

use serde_json::{Value, json};

use bangui::error::Outcome;
use bangui::jobs::{self, RunOutcome, RunRecord, Runner, Shutdown};
use bangui::util::{format_duration, now_unix, rfc3339, rfc3339_opt};
use bangui::{Error, Result};

use super::app::App;
use super::args::JobsCommand;
use super::output::{Report, View, kv, opt, table};

pub fn run(app: &App, cmd: JobsCommand) -> Result<Report> {
    match cmd {
        JobsCommand::List => list(app),
        JobsCommand::Run { name } => run_one(app, &name),
        JobsCommand::RunDue => run_due(app),
        JobsCommand::Status { limit } => status(app, limit),
        JobsCommand::History { job, limit } => history(app, job.as_deref(), limit),
        JobsCommand::Unlock { force } => unlock(app, force),
    }
}

/// Signals go to the shutdown token from here on; a second signal that the
/// run cannot honour in time ends the process from the supervisor thread.
fn runner(app: &App) -> Result<(Runner<'_>, jobs::SignalListener)> {
    let shutdown = Shutdown::new();
    // SIGHUP reopens the external log file (logrotate) and nothing else.
    shutdown.on_reopen(Arc::new(|| {
        let _ = super::logging::reopen();
    }));
    let listener = shutdown.install()?;
    let mut r = Runner::new(&app.cfg, shutdown);
    r.hard_exit = Some(Arc::new(|code| {
        eprintln!("bangui: error: stopped at once by a second signal; the lock was released");
        std::process::exit(code)
    }));
    Ok((r, listener))
}

fn secs(ms: i64) -> f64 {
    ms as f64 / 1000.0
}

fn outcome_json(o: &RunOutcome) -> Value {
    json!({
        "run_id": o.id,
        "job": o.job,
        "status": o.status,
        "started_at": rfc3339(o.started_at),
        "finished_at": rfc3339(o.finished_at),
        "duration_seconds": secs(o.duration_ms),
        "summary": o.summary,
        "error": o.error,
        "changed": o.changed,
    })
}

fn record_json(r: &RunRecord) -> Value {
    json!({
        "run_id": r.id,
        "job": r.job,
        "status": r.status,
        "started_at": rfc3339(r.started_at),
        "finished_at": rfc3339_opt(r.finished_at),
        "duration_seconds": r.duration_ms.map(secs),
        "summary": r.summary,
        "error": r.error,
        "holder_id": r.holder_id,
    })
}

fn record_row(r: &RunRecord) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.job.clone(),
        rfc3339(r.started_at),
        r.status.clone(),
        opt(r.duration_ms.map(|ms| format!("{:.3}s", secs(ms)))),
        opt(r.error.clone()),
    ]
}

const RECORD_HEADERS: &[&str] = &["id", "job", "started", "status", "duration", "error"];

fn list(app: &App) -> Result<Report> {
    let conn = app.db()?;
    let now = now_unix();
    let jobs = jobs::runner::list(&conn, &app.cfg, now)?;
    let data: Vec<Value> = jobs
        .iter()
        .map(|j| {
            json!({
                "name": j.name,
                "description": j.description,
                "interval_seconds": j.interval_s,
                "last_run_at": rfc3339_opt(j.last_run.as_ref().map(|r| r.started_at)),
                "last_status": j.last_run.as_ref().map(|r| r.status.clone()),
                "next_due_at": rfc3339_opt(j.next_due_at),
                "due": j.due,
            })
        })
        .collect();
    let rows = jobs
        .iter()
        .map(|j| {
            vec![
                j.name.clone(),
                format_duration(j.interval_s as i64),
                opt(j.last_run.as_ref().map(|r| rfc3339(r.started_at))),
                opt(j.last_run.as_ref().map(|r| r.status.clone())),
                match j.next_due_at {
                    Some(t) if !j.due => rfc3339(t),
                    _ => "now".into(),
                },
            ]
        })
        .collect();
    Ok(Report::new(
        "jobs list",
        Value::Array(data),
        table(
            &["name", "interval", "last_run", "last_status", "next_due"],
            rows,
        ),
    ))
}

fn run_one(app: &App, name: &str) -> Result<Report> {
    // Unknown names fail before signals or the lock are touched.
    jobs::find(name)?;
    let mut conn = app.db()?;
    let (runner, _signals) = runner(app)?;
    let o = runner.run_job(&mut conn, name)?;
    let mut pairs = vec![
        ("job".to_string(), o.job.clone()),
        ("run_id".into(), o.id.to_string()),
        ("status".into(), o.status.clone()),
        ("started".into(), rfc3339(o.started_at)),
        ("duration".into(), format!("{:.3}s", secs(o.duration_ms))),
        ("changed".into(), o.changed.to_string()),
    ];
    // The summary one fact a line (`pruned.audit_log  120`), not a JSON blob.
    flatten_summary("", &o.summary, &mut pairs);
    let view = View::KeyValue(pairs);
    Ok(Report::new("jobs run", outcome_json(&o), view))
}

/// `summary` as key/value lines: nested keys joined with dots, lists of
/// plain values joined with commas, null as `-`. `changed` is shown once.
fn flatten_summary(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if prefix.is_empty() && k == "changed" {
                    continue;
                }
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten_summary(&key, v, out);
            }
        }
        Value::Array(a) if a.iter().all(|x| !x.is_object() && !x.is_array()) => {
            let items: Vec<String> = a.iter().map(scalar).collect();
            out.push((prefix.to_string(), items.join(", ")));
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten_summary(&format!("{prefix}[{i}]"), x, out);
            }
        }
        v if prefix.is_empty() => out.push(("summary".into(), scalar(v))),
        v => out.push((prefix.to_string(), scalar(v))),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

fn run_due(app: &App) -> Result<Report> {
    let mut conn = app.db()?;
    let (runner, _signals) = runner(app)?;
    let r = runner.run_due(&mut conn)?;
    let mut rows: Vec<Vec<String>> = r
        .runs
        .iter()
        .map(|o| {
            vec![
                o.job.clone(),
                o.status.clone(),
                format!("{:.3}s", secs(o.duration_ms)),
                opt(o.error.clone()),
            ]
        })
        .collect();
    rows.extend(r.not_due.iter().map(|(name, at)| {
        vec![
            name.clone(),
            "not-due".into(),
            "-".into(),
            format!("next due {}", rfc3339(*at)),
        ]
    }));
    let mut not_due: Vec<Value> = r
        .not_due
        .iter()
        .map(|(n, at)| json!({"job": n, "next_due_at": rfc3339(*at)}))
        .collect();
    not_due.sort_by_key(|v| v["job"].as_str().map(str::to_string));
    let data = json!({
        "run": outcome_json(&r.run),
        "runs": r.runs.iter().map(outcome_json).collect::<Vec<_>>(),
        "not_due": not_due,
        "failed": r.failed,
        "changed": r.run.changed,
    });
    let outcome = match (r.failed, r.runs.len()) {
        (0, _) => Outcome::Ok,
        (f, n) if f >= n => Outcome::Failed,
        _ => Outcome::Partial,
    };
    let mut rep = Report::new(
        "jobs run-due",
        data,
        table(&["job", "status", "duration", "detail"], rows),
    )
    .with_outcome(outcome);
    if r.runs.is_empty() {
        rep = rep.note("nothing due");
    }
    Ok(rep)
}

fn status(app: &App, limit: u32) -> Result<Report> {
    let conn = app.db()?;
    let now = now_unix();
    let st = jobs::runner::status(&conn, &app.cfg, now, limit)?;
    let lock = st.holder.as_ref().map(|h| {
        let mut v = holder_json(h);
        v["heartbeat_age_seconds"] = json!(st.heartbeat_age_s);
        v["age_seconds"] = json!(st.lock_age_s);
        v["stale"] = json!(st.stale);
        v["holder_alive"] = json!(st.holder_alive);
        v
    });
    let data = json!({
        "lock": lock,
        "lock_ttl_seconds": st.lock_ttl_s,
        "last_run_due": st.last_run_due.as_ref().map(record_json),
        "last_successful_run_due": st.last_successful_run_due.as_ref().map(record_json),
        "recent": st.recent.iter().map(record_json).collect::<Vec<_>>(),
    });
    let lock_view = match &st.holder {
        None => kv(vec![("lock", "free".into())]),
        Some(h) => kv(vec![
            (
                "lock",
                if st.stale == Some(true) {
                    "stale".into()
                } else {
                    "held".into()
                },
            ),
            ("holder", format!("pid {} on {}", h.pid, h.hostname)),
            ("job", opt(h.job.clone())),
            ("acquired", rfc3339(h.acquired_at)),
            ("heartbeat_age", format!("{}s", h.heartbeat_age(now))),
            ("holder_alive", opt(st.holder_alive)),
        ]),
    };
    let view = View::Sections(vec![
        (String::new(), lock_view),
        (
            "recent runs".into(),
            table(RECORD_HEADERS, st.recent.iter().map(record_row).collect()),
        ),
    ]);
    Ok(Report::new("jobs status", data, view))
}

/// Who holds (or held) the scheduler lock, as `jobs status` and `jobs unlock` show it.
fn holder_json(h: &jobs::LockHolder) -> Value {
    json!({
        "holder_id": h.holder_id,
        "pid": h.pid,
        "hostname": h.hostname,
        "job": h.job,
        "acquired_at": rfc3339(h.acquired_at),
        "heartbeat_at": rfc3339(h.heartbeat_at),
    })
}

fn history(app: &App, job: Option<&str>, limit: u32) -> Result<Report> {
    let conn = app.db()?;
    let runs = jobs::runner::history(&conn, job, limit)?;
    Ok(Report::new(
        "jobs history",
        Value::Array(runs.iter().map(record_json).collect()),
        table(RECORD_HEADERS, runs.iter().map(record_row).collect()),
    ))
}

fn unlock(app: &App, force: bool) -> Result<Report> {
    if !force {
        return Err(Error::Usage(
            "`jobs unlock` needs --force: it removes the scheduler lock; `bangui jobs status` shows the holder".into(),
        ));
    }
    let mut conn = app.db()?;
    let out = jobs::runner::force_unlock(&mut conn, now_unix())?;
    let removed = out.removed.as_ref().map(holder_json);
    let view = match &out.removed {
        Some(h) => kv(vec![
            ("removed", format!("pid {} on {}", h.pid, h.hostname)),
            ("job", opt(h.job.clone())),
        ]),
        None => kv(vec![("removed", "nothing (the lock was free)".into())]),
    };
    Ok(Report::new(
        "jobs unlock",
        json!({"removed": removed, "changed": out.changed}),
        view,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn summaries_read_as_lines() {
        let mut out = Vec::new();
        super::flatten_summary(
            "",
            &serde_json::json!({"changed": true, "pruned": {"audit_log": 3, "ban_history": null},
                "sources": ["a", "b"], "runs": [{"x": 1}]}),
            &mut out,
        );
        let got: Vec<(&str, &str)> = out.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("pruned.audit_log", "3"),
                ("pruned.ban_history", "-"),
                ("sources", "a, b"),
                ("runs[0].x", "1"),
            ]
        );
    }
}
