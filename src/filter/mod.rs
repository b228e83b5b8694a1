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
pub use engine::{FilterEngine, FilterSpec, Found, LineOutcome, Scan, Scanner};

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
    /// The failregex that matched, numbered from 1 as fail2ban-regex numbers them.
    pub regex_index: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegexHits {
    /// Numbered from 1, as fail2ban-regex numbers them.
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
    /// Scanning threads; None: one per CPU available to the process (one-line filters
    /// only; 1 scans on the calling thread).
    pub threads: Option<usize>,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            now: Utc::now(),
            zone: Box::new(SystemZone),
            per_line: false,
            skip_unterminated_last_line: true,
            threads: None,
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

/// Bytes of log (whole lines) read and scanned at a time.
const BLOCK_BYTES: usize = 128 << 10;

/// Scanning threads at most (the main thread finishes lines in order meanwhile).
const MAX_WORKERS: usize = 8;

/// Run `spec` over `input` (a log file or stdin), fail2ban-regex style: empty lines and
/// lines starting with `#` are skipped and not counted.
///
/// One-line filters are scanned on every available core: the stateless per-line work
/// (date, prefregex, failregexes) runs in worker threads on blocks of lines, and the
/// engine finishes each line in order (connection merging, last date), so the result
/// is the same as one thread's.
pub fn run_test(
    spec: &FilterSpec,
    input: impl BufRead,
    opts: TestOptions,
) -> Result<FilterTestReport> {
    let start = Instant::now();
    let mut engine = FilterEngine::new(spec, opts.now, opts.zone)?;
    let mut tally = Tally::new(&engine, opts.per_line);
    let mut reader = BlockReader {
        input,
        carry: Vec::new(),
        skip_unterminated: opts.skip_unterminated_last_line,
        skipped_last: false,
        lines: 0,
    };
    let workers = if engine.maxlines() > 1 {
        1
    } else {
        opts.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .clamp(1, MAX_WORKERS)
    };
    if workers > 1 {
        run_parallel(&mut engine, &mut reader, &mut tally, workers)?;
    } else {
        let mut block = Vec::new();
        while let Some(base) = reader.next_block(&mut block)? {
            for_each_line(&block, |no, line| {
                let out = engine.process_line(&line);
                tally.add(base + no, out);
            });
        }
    }
    Ok(tally.report(&engine, reader.skipped_last, start))
}

/// One block's lines as scanned by a worker: (line number in the block, span of the
/// line in the block, scan).
type Scanned = Vec<(u64, (usize, usize), engine::Scan)>;

/// Scan blocks of lines in `workers` threads, round robin, and finish them in order.
fn run_parallel(
    engine: &mut FilterEngine,
    reader: &mut BlockReader<impl BufRead>,
    tally: &mut Tally,
    workers: usize,
) -> Result<()> {
    use std::sync::mpsc;
    std::thread::scope(|s| {
        let mut to = Vec::with_capacity(workers);
        let mut from = Vec::with_capacity(workers);
        for _ in 0..workers {
            // Blocks go out with an empty result list; both come back, to be reused.
            let (tx, rx) = mpsc::channel::<(Vec<u8>, Scanned)>();
            let (rtx, rrx) = mpsc::channel::<(Vec<u8>, Scanned)>();
            let mut scanner = engine.scanner();
            s.spawn(move || {
                for (block, mut scanned) in rx {
                    for_each_span(&block, |no, span, line| {
                        scanned.push((no, span, scanner.scan(&line)));
                    });
                    if rtx.send((block, scanned)).is_err() {
                        break;
                    }
                }
            });
            to.push(tx);
            from.push(rrx);
        }
        let lost = || Error::Other("a filter scanning thread stopped".into());
        // Line number before each block in flight, oldest first.
        let mut bases = std::collections::VecDeque::new();
        let mut spare: Vec<(Vec<u8>, Scanned)> = Vec::new();
        let (mut sent, mut done, mut eof) = (0usize, 0usize, false);
        loop {
            // Keep every worker two blocks ahead, memory bounded.
            while !eof && sent - done < 2 * workers {
                let (mut block, scanned) = spare.pop().unwrap_or_default();
                match reader.next_block(&mut block)? {
                    Some(base) => {
                        bases.push_back(base);
                        to[sent % workers]
                            .send((block, scanned))
                            .map_err(|_| lost())?;
                        sent += 1;
                    }
                    None => eof = true,
                }
            }
            let Some(base) = bases.pop_front() else {
                return Ok(());
            };
            let (block, mut scanned) = from[done % workers].recv().map_err(|_| lost())?;
            done += 1;
            for (no, (a, b), scan) in scanned.drain(..) {
                let out = engine.commit(scan, || String::from_utf8_lossy(&block[a..b]));
                tally.add(base + no, out);
            }
            spare.push((block, scanned));
        }
    })
}

/// Call `f(line number in block, span, line)` for every line of `block` that
/// fail2ban-regex tests: without its line end, not empty, not a `#` comment.
fn for_each_span(block: &[u8], mut f: impl FnMut(u64, (usize, usize), std::borrow::Cow<'_, str>)) {
    let mut no = 0u64;
    let mut start = 0;
    while start < block.len() {
        let end = memchr::memchr(b'\n', &block[start..]).map_or(block.len(), |p| start + p);
        no += 1;
        let mut e = end;
        while e > start && block[e - 1] == b'\r' {
            e -= 1;
        }
        let raw = &block[start..e];
        if !raw.is_empty() && raw[0] != b'#' {
            f(no, (start, e), String::from_utf8_lossy(raw));
        }
        start = end + 1;
    }
}

fn for_each_line(block: &[u8], mut f: impl FnMut(u64, std::borrow::Cow<'_, str>)) {
    for_each_span(block, |no, _, line| f(no, line));
}

/// The input in blocks of whole lines.
struct BlockReader<R> {
    input: R,
    /// The start of a line that the last block cut off.
    carry: Vec<u8>,
    skip_unterminated: bool,
    skipped_last: bool,
    /// Lines handed out so far.
    lines: u64,
}

impl<R: BufRead> BlockReader<R> {
    /// Fill `block` with the next whole lines (about [`BLOCK_BYTES`]); the number of
    /// lines before them, None at the end. A last line without a newline is left out
    /// when `skip_unterminated` (fail2ban-regex treats it as still being written).
    fn next_block(&mut self, block: &mut Vec<u8>) -> Result<Option<u64>> {
        block.clear();
        block.append(&mut self.carry);
        let mut eof = false;
        let mut want = BLOCK_BYTES;
        loop {
            while block.len() < want {
                let buf = self.input.fill_buf().map_err(|e| Error::Io {
                    context: "reading log input".into(),
                    source: e,
                })?;
                if buf.is_empty() {
                    eof = true;
                    break;
                }
                let n = buf.len();
                block.extend_from_slice(buf);
                self.input.consume(n);
            }
            if eof {
                break;
            }
            match memchr::memrchr(b'\n', block) {
                Some(p) => {
                    self.carry.extend_from_slice(&block[p + 1..]);
                    block.truncate(p + 1);
                    break;
                }
                // One line longer than a block: read on.
                None => want = block.len() + BLOCK_BYTES,
            }
        }
        if eof && block.last().is_some_and(|b| *b != b'\n') && self.skip_unterminated {
            self.skipped_last = true;
            let keep = memchr::memrchr(b'\n', block).map_or(0, |p| p + 1);
            block.truncate(keep);
        }
        if block.is_empty() {
            return Ok(None);
        }
        let base = self.lines;
        self.lines += memchr::memchr_iter(b'\n', block).count() as u64;
        if block.last() != Some(&b'\n') {
            self.lines += 1;
        }
        Ok(Some(base))
    }
}

/// fail2ban-regex's counting, line by line.
struct Tally {
    fail_hits: Vec<u64>,
    ign_hits: Vec<u64>,
    lines: u64,
    matched: u64,
    ignored: u64,
    missed: u64,
    per_line: Option<Vec<LineResult>>,
    /// Engine line id → index in per_line, for multi-line re-counting.
    id_to_idx: Vec<usize>,
}

impl Tally {
    fn new(engine: &FilterEngine, per_line: bool) -> Tally {
        Tally {
            fail_hits: vec![0; engine.failregex().len()],
            ign_hits: vec![0; engine.ignoreregex().len()],
            lines: 0,
            matched: 0,
            ignored: 0,
            missed: 0,
            per_line: per_line.then(Vec::new),
            id_to_idx: Vec::new(),
        }
    }

    fn add(&mut self, line_no: u64, out: LineOutcome) {
        if let Some(p) = &self.per_line {
            self.id_to_idx.push(p.len());
        }
        for f in &out.found {
            if let Some(h) = self.fail_hits.get_mut(f.regex_index) {
                *h += 1;
            }
        }
        for i in &out.ignore_hits {
            if let Some(h) = self.ign_hits.get_mut(*i) {
                *h += 1;
            }
        }
        for id in &out.consumed {
            self.matched += 1;
            self.missed = self.missed.saturating_sub(1);
            if let Some(per_line) = &mut self.per_line
                && let Some(&idx) = self.id_to_idx.get(*id as usize)
                && let Some(r) = per_line.get_mut(idx)
                && r.status == LineStatus::Missed
            {
                r.status = LineStatus::Matched;
            }
        }
        self.lines += 1;
        let is_ignored = !out.ignore_hits.is_empty() || out.found.iter().any(|f| f.nofail);
        let first = out.found.iter().find(|f| !f.nofail);
        let status = if is_ignored {
            self.ignored += 1;
            LineStatus::Ignored
        } else if first.is_some() {
            self.matched += 1;
            LineStatus::Matched
        } else {
            self.missed += 1;
            LineStatus::Missed
        };
        if let Some(per_line) = &mut self.per_line {
            per_line.push(LineResult {
                line_no,
                status,
                host: first.and_then(|f| f.fid.clone()),
                user: first.and_then(|f| f.user.clone()),
                time: out.time.and_then(format_time),
                regex_index: first.map(|f| f.regex_index + 1),
            });
        }
    }

    fn report(self, engine: &FilterEngine, skipped_last: bool, start: Instant) -> FilterTestReport {
        let hits = |res: &[regex::CompiledRegex], counts: &[u64]| -> Vec<RegexHits> {
            res.iter()
                .zip(counts)
                .enumerate()
                .map(|(i, (r, h))| RegexHits {
                    index: i + 1,
                    regex: r.source.clone(),
                    hits: *h,
                })
                .collect()
        };
        FilterTestReport {
            lines: self.lines,
            matched: self.matched,
            ignored: self.ignored,
            missed: self.missed,
            failregex_hits: hits(engine.failregex(), &self.fail_hits),
            ignoreregex_hits: hits(engine.ignoreregex(), &self.ign_hits),
            date_template_hits: engine
                .dates()
                .hits()
                .into_iter()
                .map(|(template, hits)| TemplateHits { template, hits })
                .collect(),
            per_line: self.per_line,
            skipped_unterminated_last_line: skipped_last,
            elapsed_ms: start.elapsed().as_millis() as u64,
        }
    }
}

#[cfg(test)]
mod robust_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn spec() -> FilterSpec {
        FilterSpec {
            prefregex: Some(
                r"^<F-MLFID>\s*(?:\S+\s+)?(?:sshd(?:\[\d+\])?:\s+)?</F-MLFID>(?:error: )?<F-CONTENT>.+</F-CONTENT>$"
                    .into(),
            ),
            failregex: vec![
                r"^Failed \S+ for (?:invalid user )?<F-USER>\S+</F-USER> from <HOST>(?: port \d+)?".into(),
                r"^<F-MLFFORGET>Connection closed</F-MLFFORGET> by <HOST>".into(),
                r"^<F-NOFAIL>Accepted \w+</F-NOFAIL> for <F-USER>\S+</F-USER> from <HOST>".into(),
            ],
            ignoreregex: vec![r"for ignored from".into()],
            maxlines: 1,
            ..FilterSpec::default()
        }
    }

    /// A log that exercises the reader and the date state: several date formats (the
    /// template changes, so scanned choices must be checked), undated lines, comments,
    /// blank lines, CRLF, invalid UTF-8, a line longer than a block, and a last line
    /// without its newline.
    fn log() -> Vec<u8> {
        let mut out = Vec::new();
        let mut x: u64 = 7;
        for i in 0..6000u64 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (x >> 33) % 100;
            let ip = format!(
                "10.{}.{}.{}",
                (x >> 8) % 256,
                (x >> 16) % 256,
                1 + (x >> 24) % 250
            );
            let date = match (i / 700) % 3 {
                0 => format!("Jan {:2} 12:{:02}:{:02}", 1 + i % 28, i % 60, (i * 7) % 60),
                1 => format!(
                    "2026-01-{:02} 12:{:02}:{:02}",
                    1 + i % 28,
                    i % 60,
                    (i * 7) % 60
                ),
                _ => String::new(),
            };
            let msg = match r {
                0..=29 => format!("Failed password for root from {ip} port 22"),
                30..=39 => format!("Failed password for ignored from {ip}"),
                40..=54 => format!("Connection closed by {ip}"),
                55..=64 => format!("Accepted publickey for git from {ip}"),
                65..=69 => String::new(),
                70..=72 => "# a comment".into(),
                _ => "session opened for user root".into(),
            };
            let line = if msg.is_empty() {
                String::new()
            } else if msg.starts_with('#') {
                msg
            } else {
                format!("{date} host sshd[{}]: {msg}", 100 + i % 7)
            };
            out.extend_from_slice(line.as_bytes());
            if i % 97 == 0 {
                out.extend_from_slice(b" \xff\xfe");
            }
            out.extend_from_slice(if i % 13 == 0 { b"\r\n" } else { b"\n" });
            if i == 3000 {
                out.extend_from_slice(b"Jan  2 00:00:00 host sshd[1]: Failed password for ");
                out.extend(std::iter::repeat_n(b'x', 3 * BLOCK_BYTES));
                out.extend_from_slice(b" from 10.9.9.9\n");
            }
        }
        out.extend_from_slice(
            b"Jan  2 00:00:00 host sshd[1]: Failed password for root from 10.1.1.1",
        );
        out
    }

    fn run(threads: usize, input: &[u8]) -> FilterTestReport {
        let opts = TestOptions {
            now: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap(),
            zone: Box::new(FixedZone(3600)),
            per_line: true,
            skip_unterminated_last_line: true,
            threads: Some(threads),
        };
        let mut r = run_test(&spec(), input, opts).unwrap();
        r.elapsed_ms = 0;
        r
    }

    #[test]
    fn threads_give_the_same_report_as_one() {
        let input = log();
        let one = run(1, &input);
        assert!(
            one.matched > 1000 && one.ignored > 500 && one.missed > 500,
            "{one:?}"
        );
        assert!(one.skipped_unterminated_last_line);
        assert!(one.date_template_hits.len() >= 2);
        for threads in [2, 3, 8] {
            assert_eq!(run(threads, &input), one, "{threads} threads");
        }
    }

    #[test]
    fn empty_and_tiny_inputs() {
        for input in [&b""[..], b"\n", b"# only a comment\n", b"no newline"] {
            assert_eq!(run(3, input), run(1, input), "{input:?}");
        }
    }
}
