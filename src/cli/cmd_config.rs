//! `bangui config show|check`.

use serde_json::json;

use bangui::Result;

use super::app::App;
use super::args::ConfigCommand;
use super::output::{Report, kv, table};

pub fn run(app: &App, cmd: ConfigCommand) -> Result<Report> {
    match cmd {
        ConfigCommand::Show { key } => show(app, key.as_deref()),
        ConfigCommand::Check => check(app),
    }
}

fn show(app: &App, key: Option<&str>) -> Result<Report> {
    let entries: Vec<_> = match key {
        Some(k) => {
            let e = app.cfg.entry(k).ok_or_else(|| {
                bangui::Error::config(format!(
                    "unknown key `{k}`; `bangui config show` lists every key"
                ))
            })?;
            vec![e.clone()]
        }
        None => app.cfg.entries.clone(),
    };
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                e.key.clone(),
                display_value(&e.value),
                e.origin.as_str().to_string(),
                e.origin_detail.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let data = json!({
        "file": app.cfg.file.as_ref().map(|p| p.display().to_string()),
        "entries": entries,
    });
    Ok(Report::new(
        "config show",
        data,
        table(&["key", "value", "origin", "where"], rows),
    ))
}

fn display_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "-".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn check(app: &App) -> Result<Report> {
    // Loading already validated every key; reaching here means it is valid.
    let file = app.cfg.file.as_ref().map(|p| p.display().to_string());
    let data = json!({
        "valid": true,
        "file": file,
        "warnings": app.cfg.warnings,
    });
    let view = kv(vec![
        ("valid", "yes".into()),
        (
            "file",
            file.unwrap_or_else(|| "(none: built-in defaults)".into()),
        ),
        ("warnings", app.cfg.warnings.len().to_string()),
    ]);
    Ok(Report::new("config check", data, view))
}
