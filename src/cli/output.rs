//! The one output layer: a command returns a `Report`; this renders it as a
//! table (tabled), plain tab-separated lines, or one JSON document. stdout
//! carries data only.

use std::io::{self, Write};

use serde_json::{Value, json};
use tabled::builder::Builder;
use tabled::settings::Style;

use bangui::error::Outcome;
use bangui::util::sanitize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Table,
    Plain,
    Json,
}

/// What a human sees; JSON comes from `Report::data`.
#[derive(Debug, Clone)]
pub enum View {
    /// Rows under headers; in plain mode the rows only, tab-separated.
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Two columns; plain mode prints `key<TAB>value`.
    KeyValue(Vec<(String, String)>),
    /// Titled parts, printed one after another.
    Sections(Vec<(String, View)>),
    /// Free text (already formatted); control characters are replaced.
    Text(String),
    /// Bytes we generated ourselves (completion scripts), printed verbatim.
    Raw(String),
}

#[derive(Debug, Clone)]
pub struct Report {
    pub command: String,
    pub data: Value,
    pub view: View,
    pub exit_code: i32,
    /// Short notes for stderr (not data), e.g. "nothing to do".
    pub notes: Vec<String>,
    /// The command already wrote its own stream to stdout (`history
    /// export`): render nothing.
    pub streamed: bool,
}

impl Report {
    pub fn new(command: impl Into<String>, data: Value, view: View) -> Report {
        Report {
            command: command.into(),
            data,
            view,
            exit_code: 0,
            notes: Vec::new(),
            streamed: false,
        }
    }

    /// For a command that wrote its own stream to stdout.
    pub fn streamed(command: impl Into<String>) -> Report {
        let mut r = Report::new(command, Value::Null, View::Text(String::new()));
        r.streamed = true;
        r
    }

    /// What the command achieved; its exit code comes from the one table,
    /// [`Outcome::exit_code`].
    pub fn with_outcome(mut self, outcome: Outcome) -> Report {
        self.exit_code = outcome.exit_code();
        self
    }

    pub fn note(mut self, n: impl Into<String>) -> Report {
        self.notes.push(n.into());
        self
    }
}

pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> View {
    View::Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

pub fn kv(pairs: Vec<(&str, String)>) -> View {
    View::KeyValue(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Text for an optional value in tables: "-" for nothing.
pub fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

/// Write the report to stdout. A closed pipe is not an error.
pub fn emit(report: &Report, mode: Mode) -> io::Result<()> {
    if report.streamed {
        return Ok(());
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match mode {
        Mode::Json => {
            let doc = json!({
                "schema_version": SCHEMA_VERSION,
                "command": report.command,
                "data": report.data,
            });
            bangui::util::write_json(&mut out, &doc, true)?;
            writeln!(out)?;
        }
        Mode::Table => render_table(&mut out, &report.view, true)?,
        Mode::Plain => render_plain(&mut out, &report.view)?,
    }
    out.flush()
}

fn render_table(out: &mut impl Write, view: &View, top: bool) -> io::Result<()> {
    match view {
        View::Table { headers, rows } => {
            if rows.is_empty() {
                if top {
                    writeln!(out, "(none)")?;
                }
                return Ok(());
            }
            let mut b = Builder::default();
            b.push_record(headers.iter().map(|h| h.to_uppercase()));
            for r in rows {
                b.push_record(r.iter().map(|c| sanitize(c)));
            }
            let mut t = b.build();
            t.with(Style::blank());
            writeln!(out, "{t}")?;
        }
        View::KeyValue(pairs) => {
            let width = pairs
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            for (k, v) in pairs {
                writeln!(out, "{k:<width$}  {}", sanitize(v))?;
            }
        }
        View::Sections(parts) => {
            for (i, (title, v)) in parts.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                if !title.is_empty() {
                    writeln!(out, "{title}")?;
                }
                render_table(out, v, false)?;
                if let View::Table { rows, .. } = v
                    && rows.is_empty()
                {
                    writeln!(out, "(none)")?;
                }
            }
        }
        View::Text(t) => write_text(out, t)?,
        View::Raw(t) => write!(out, "{t}")?,
    }
    Ok(())
}

fn render_plain(out: &mut impl Write, view: &View) -> io::Result<()> {
    match view {
        View::Table { rows, .. } => {
            for r in rows {
                writeln!(out, "{}", plain_row(r))?;
            }
        }
        View::KeyValue(pairs) => {
            for (k, v) in pairs {
                writeln!(out, "{}\t{}", plain_cell(k), plain_cell(v))?;
            }
        }
        View::Sections(parts) => {
            for (_, v) in parts {
                render_plain(out, v)?;
            }
        }
        View::Text(t) => write_text(out, t)?,
        View::Raw(t) => write!(out, "{t}")?,
    }
    Ok(())
}

/// Free text as table and plain mode show it: sanitised, newlines kept,
/// ending in one.
fn write_text(out: &mut impl Write, t: &str) -> io::Result<()> {
    write!(out, "{}", sanitize_keep_newlines(t))?;
    if !t.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

fn plain_row(r: &[String]) -> String {
    r.iter()
        .map(|c| plain_cell(c))
        .collect::<Vec<_>>()
        .join("\t")
}

/// One cell of a TSV line: no tabs or newlines inside.
fn plain_cell(c: &str) -> String {
    sanitize(c).replace(['\t', '\n'], " ")
}

fn sanitize_keep_newlines(t: &str) -> String {
    t.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// The JSON error document for `--output json`.
/// The name a flag value has on the command line (`--log-format json`).
pub fn value_name<T: clap::ValueEnum>(v: &T) -> Option<String> {
    v.to_possible_value().map(|p| p.get_name().to_string())
}

/// The name serde gives a unit variant, as JSON spells it.
pub fn serde_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

pub fn error_json(kind: &str, message: &str, exit_code: i32, hint: Option<&str>) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "error": {
            "kind": kind,
            "message": message,
            "exit_code": exit_code,
            "hint": hint,
        }
    })
}

pub fn emit_json_value(v: &Value) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    bangui::util::write_json(&mut out, v, true)?;
    writeln!(out)?;
    out.flush()
}
