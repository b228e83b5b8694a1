//! The native filter-test engine: fail2ban regexes, dates and the per-line pipeline,
//! and the `filter test` report. Streams input; never prints, never resolves DNS.

pub mod date;
pub mod engine;
pub mod external;
mod plain;
pub mod regex;

use std::io::BufRead;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use date::{FixedZone, LocalZone, SystemZone};
pub use engine::{FilterEngine, FilterSpec, Found, LineOutcome};

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Matched,
    Ignored,
    Missed,
}

/// One tested line (only with `per_line`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LineResult {
    pub line_no: u64,
    pub status: LineStatus,
    pub host: Option<String>,
    pub user: Option<String>,
    /// RFC 3339, UTC.
    pub time: Option<String>,
    pub regex_index: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegexHits {
    pub index: usize,
    pub regex: String,
    pub hits: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TemplateHits {
    pub template: String,
    pub hits: u64,
}

/// The result of `filter test`, counted the way fail2ban-regex counts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FilterTestReport {
    pub lines: u64,
    pub matched: u64,
    pub ignored: u64,
    pub missed: u64,
    pub failregex_hits: Vec<RegexHits>,
    pub ignoreregex_hits: Vec<RegexHits>,
    pub date_template_hits: Vec<TemplateHits>,
    pub per_line: Option<Vec<LineResult>>,
    /// The input ended without a newline and that last line was not tested.
    pub skipped_unterminated_last_line: bool,
    pub elapsed_ms: u64,
}

/// Options for a test run.
pub struct TestOptions {
    pub now: DateTime<Utc>,
    pub zone: Box<dyn LocalZone>,
    pub per_line: bool,
    /// Skip a last line that has no newline, as fail2ban-regex does with files (it
    /// treats it as still being written).
    pub skip_unterminated_last_line: bool,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            now: Utc::now(),
            zone: Box::new(SystemZone),
            per_line: false,
            skip_unterminated_last_line: true,
        }
    }
}

/// RFC 3339 UTC text for a fail2ban timestamp.
pub fn format_time(t: f64) -> Option<String> {
    let secs = t.floor() as i64;
    let nanos = ((t - t.floor()) * 1e9).round() as u32;
    let d = DateTime::from_timestamp(secs, nanos.min(999_999_999))?;
    Some(if nanos == 0 {
        d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        d.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    })
}

/// Run `spec` over `input` (a log file or stdin), fail2ban-regex style: empty lines and
/// lines starting with `#` are skipped and not counted.
pub fn run_test(
    spec: &FilterSpec,
    input: impl BufRead,
    opts: TestOptions,
) -> Result<FilterTestReport> {
    let start = Instant::now();
    let mut engine = FilterEngine::new(spec, opts.now, opts.zone)?;
    let mut fail_hits = vec![0u64; engine.failregex.len()];
    let mut ign_hits = vec![0u64; engine.ignoreregex.len()];
    let (mut lines, mut matched, mut ignored, mut missed) = (0u64, 0u64, 0u64, 0u64);
    let mut per_line: Vec<LineResult> = Vec::new();
    // Engine line id → index in per_line, for multi-line re-counting.
    let mut id_to_idx: Vec<usize> = Vec::new();
    let mut input = input;
    let mut raw = Vec::with_capacity(512);
    let mut line_no = 0u64;
    let mut skipped_last = false;
    loop {
        raw.clear();
        let n = input.read_until(b'\n', &mut raw).map_err(|e| Error::Io {
            context: "reading log input".into(),
            source: e,
        })?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if raw.last() != Some(&b'\n') && opts.skip_unterminated_last_line {
            skipped_last = true;
            break;
        }
        while matches!(raw.last(), Some(b'\n' | b'\r')) {
            raw.pop();
        }
        let text = String::from_utf8_lossy(&raw);
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let out = engine.process_line(&text);
        id_to_idx.push(per_line.len());
        for f in &out.found {
            if let Some(h) = fail_hits.get_mut(f.regex_index) {
                *h += 1;
            }
        }
        for i in &out.ignore_hits {
            if let Some(h) = ign_hits.get_mut(*i) {
                *h += 1;
            }
        }
        for id in &out.consumed {
            matched += 1;
            missed = missed.saturating_sub(1);
            if opts.per_line
                && let Some(&idx) = id_to_idx.get(*id as usize)
                && let Some(r) = per_line.get_mut(idx)
                && r.status == LineStatus::Missed
            {
                r.status = LineStatus::Matched;
            }
        }
        lines += 1;
        let is_ignored = !out.ignore_hits.is_empty() || out.found.iter().any(|f| f.nofail);
        let first = out.found.iter().find(|f| !f.nofail);
        let status = if is_ignored {
            ignored += 1;
            LineStatus::Ignored
        } else if first.is_some() {
            matched += 1;
            LineStatus::Matched
        } else {
            missed += 1;
            LineStatus::Missed
        };
        if opts.per_line {
            per_line.push(LineResult {
                line_no,
                status,
                host: first.and_then(|f| f.fid.clone()),
                user: first.and_then(|f| f.user.clone()),
                time: out.time.and_then(format_time),
                regex_index: first.map(|f| f.regex_index),
            });
        }
    }
    let failregex_hits = engine
        .failregex
        .iter()
        .zip(&fail_hits)
        .enumerate()
        .map(|(index, (r, h))| RegexHits {
            index,
            regex: r.source.clone(),
            hits: *h,
        })
        .collect();
    let ignoreregex_hits = engine
        .ignoreregex
        .iter()
        .zip(&ign_hits)
        .enumerate()
        .map(|(index, (r, h))| RegexHits {
            index,
            regex: r.source.clone(),
            hits: *h,
        })
        .collect();
    let date_template_hits = engine
        .dates
        .hits()
        .into_iter()
        .map(|(template, hits)| TemplateHits { template, hits })
        .collect();
    Ok(FilterTestReport {
        lines,
        matched,
        ignored,
        missed,
        failregex_hits,
        ignoreregex_hits,
        date_template_hits,
        per_line: opts.per_line.then_some(per_line),
        skipped_unterminated_last_line: skipped_last,
        elapsed_ms: start.elapsed().as_millis() as u64,
    })
}
