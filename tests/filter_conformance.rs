//! Conformance of bangui's native filter engine with fail2ban's own sample logs
//! (`fail2ban/tests/files/logs`, interpreted as `samplestestcase.py` does) and with
//! `fail2ban-regex`. Needs the `fail2ban` package; fails loudly without it.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use bangui::f2bconf::ConfigTree;
use bangui::filter::{FilterEngine, FilterSpec, LocalZone, TestOptions, run_test};
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc, Weekday,
};

const F2B_PY: &str = "/usr/lib/python3/dist-packages/fail2ban";
const CONF: &str = "/etc/fail2ban";
/// fail2ban's TEST_NOW: Sun Aug 14 12:00:00 CEST 2005.
const TEST_NOW: i64 = 1_124_013_600;

fn require_fail2ban() -> PathBuf {
    let logs = Path::new(F2B_PY).join("tests/files/logs");
    assert!(
        logs.is_dir() && Path::new(CONF).join("filter.d").is_dir(),
        "fail2ban is not installed ({F2B_PY} or {CONF}/filter.d missing): install the `fail2ban` \
         package (apt-get install fail2ban); CI installs it"
    );
    logs
}

/// The test suite's zone: `TZ=CET-01CEST-02,M3.5.0,M10.5.0` (DST from the last Sunday of
/// March 02:00 standard time to the last Sunday of October 02:00 summer time).
struct TestZone;

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or_default() - Duration::days(1);
    while d.weekday() != Weekday::Sun {
        d -= Duration::days(1);
    }
    d
}

impl TestZone {
    fn is_dst_utc(utc: i64) -> bool {
        let Some(d) = DateTime::from_timestamp(utc, 0) else {
            return false;
        };
        let y = d.year();
        let start = last_sunday(y, 3)
            .and_hms_opt(1, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp();
        let end = last_sunday(y, 10)
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp();
        utc >= start && utc < end
    }
}

impl LocalZone for TestZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        let as_utc = local.and_utc().timestamp();
        let dst = as_utc - 7200;
        if Self::is_dst_utc(dst) {
            Some(dst)
        } else {
            Some(as_utc - 3600)
        }
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        let off = if Self::is_dst_utc(utc) { 7200 } else { 3600 };
        DateTime::from_timestamp(utc + off, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }
}

/// The Python expressions used in `constraint`/`test.condition`:
/// `name == 'x'`, `opts.get('k') != 'v'`.
fn eval_cond(expr: &str, name: &str, opts: &BTreeMap<String, String>) -> bool {
    let (op, eq) = if expr.contains("!=") {
        ("!=", false)
    } else {
        ("==", true)
    };
    let Some((lhs, rhs)) = expr.split_once(op) else {
        return true;
    };
    let rhs = rhs.trim().trim_matches(|c| c == '\'' || c == '"');
    let lhs = lhs.trim();
    let value = if lhs == "name" {
        Some(name.to_string())
    } else if let Some(k) = lhs
        .strip_prefix("opts.get(")
        .and_then(|s| s.strip_suffix(')'))
    {
        opts.get(k.trim_matches(|c| c == '\'' || c == '"')).cloned()
    } else {
        None
    };
    (value.as_deref() == Some(rhs)) == eq
}

fn json_opts(v: &serde_json::Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string()),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Default)]
struct Score {
    total: u64,
    agree: u64,
    /// Every disagreement: (filter key, why, line).
    differ: Vec<(String, String, String)>,
    /// Filters that could not be read or compiled: always a failure.
    load_errors: Vec<String>,
}

/// Where bangui knowingly differs from fail2ban's annotations: (filter, a
/// piece of the log line, why). Anything else that differs fails the test,
/// and so does an entry here that no longer differs.
const KNOWN_LINE_DIFFERENCES: &[(&str, &str, &str)] = &[(
    "sendmail-reject",
    "[IPv6:2001:DB8::1]",
    "bangui gives IPv6 addresses in canonical form (RFC 5952, lower case: 2001:db8::1); \
     the annotation keeps the log's upper-case spelling, which fail2ban passes through",
)];

/// Where the matched count of `filter test` knowingly differs from
/// fail2ban-regex's: (filter, why). Empty: every stock filter agrees.
const KNOWN_COUNT_DIFFERENCES: &[(&str, &str)] = &[];

fn parse_json_time(t: &str) -> Option<f64> {
    let dt = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f"))
        .ok()?;
    let frac = f64::from(dt.nanosecond() / 1000) / 1e6;
    let whole = dt.with_nanosecond(0).unwrap_or(dt);
    Some(TestZone.to_utc(whole)? as f64 + frac)
}

fn load_filter(
    tree: &ConfigTree,
    name: &str,
    filters: &mut HashMap<String, FilterEngine>,
    key: &str,
    opts: &BTreeMap<String, String>,
    score: &mut Score,
) -> bool {
    if filters.contains_key(key) {
        return true;
    }
    let now = Utc.timestamp_opt(TEST_NOW, 0).single().unwrap_or_default();
    let params: BTreeMap<String, String> = opts
        .iter()
        .filter(|(k, _)| !k.starts_with("test."))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let resolved = match tree.filter(name, &params) {
        Ok(r) => r,
        Err(e) => {
            score
                .load_errors
                .push(format!("cannot read filter {key}: {e}"));
            return false;
        }
    };
    match FilterEngine::new(&FilterSpec::from(&resolved), now, Box::new(TestZone)) {
        Ok(engine) => {
            filters.insert(key.to_string(), engine);
            true
        }
        Err(e) => {
            score
                .load_errors
                .push(format!("cannot compile filter {key}: {e}"));
            false
        }
    }
}

fn check_filter(tree: &ConfigTree, logs: &Path, name: &str) -> Score {
    let mut score = Score::default();
    let mut filters: HashMap<String, FilterEngine> = HashMap::new();
    let mut tests: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut files = vec![name.to_string()];
    let mut common: BTreeMap<String, String> = BTreeMap::new();
    let mut i = 0;
    while i < files.len() {
        let path = logs.join(&files[i]);
        i += 1;
        let Ok(f) = File::open(&path) else { continue };
        let lines: Vec<String> = BufReader::new(f)
            .split(b'\n')
            .map_while(|l| l.ok())
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .collect();
        let mut ignore_block = false;
        let mut li = 0;
        while li < lines.len() {
            let mut line = lines[li].clone();
            li += 1;
            let mut faildata = serde_json::Value::Object(Default::default());
            let directive = if line.starts_with('#') {
                let t = line.trim_start_matches('#');
                let t = t.strip_prefix(' ').unwrap_or(t);
                ["failJSON", "fileOptions", "filterOptions", "addFILE"]
                    .iter()
                    .find_map(|d| {
                        t.strip_prefix(d)
                            .and_then(|r| r.strip_prefix(':'))
                            .map(|r| (*d, r.to_string()))
                    })
            } else {
                None
            };
            if let Some((kind, body)) = directive {
                let data =
                    match serde_json::from_str::<serde_json::Value>(body.trim_end_matches('\r')) {
                        Ok(d) => d,
                        Err(e) => {
                            score.load_errors.push(format!(
                                "{}: unreadable {kind} annotation ({e}): {line}",
                                files[i - 1]
                            ));
                            continue;
                        }
                    };
                match kind {
                    "fileOptions" => {
                        common = json_opts(&data);
                        continue;
                    }
                    "filterOptions" => {
                        tests.clear();
                        ignore_block = false;
                        let list = match &data {
                            serde_json::Value::Array(a) => a.clone(),
                            v => vec![v.clone()],
                        };
                        for o in list {
                            let mut opts = common.clone();
                            opts.extend(json_opts(&o));
                            if let Some(c) = opts.get("test.condition") {
                                ignore_block = !eval_cond(c, name, &opts);
                            }
                            if !ignore_block {
                                let flt_opts: BTreeMap<_, _> = opts
                                    .iter()
                                    .filter(|(k, _)| !k.starts_with("test."))
                                    .collect();
                                let key = match opts.get("test.filter-name") {
                                    Some(n) => format!("{name}{n}"),
                                    None if flt_opts.is_empty() => name.to_string(),
                                    None => format!("{name}{flt_opts:?}"),
                                };
                                if load_filter(tree, name, &mut filters, &key, &opts, &mut score) {
                                    tests.push((key, opts));
                                }
                            }
                        }
                        continue;
                    }
                    "addFILE" => {
                        if let Some(s) = data.as_str() {
                            files.push(s.to_string());
                        }
                        continue;
                    }
                    _ => {
                        faildata = data;
                        if li >= lines.len() {
                            break;
                        }
                        line = lines[li].clone();
                        li += 1;
                    }
                }
            } else if ignore_block || line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if ignore_block {
                continue;
            }
            if tests.is_empty()
                && load_filter(tree, name, &mut filters, name, &BTreeMap::new(), &mut score)
            {
                tests.push((name.to_string(), BTreeMap::new()));
            }
            let line = line.trim_end_matches(['\r', '\n']).to_string();
            let annotated = faildata.as_object().is_some_and(|o| !o.is_empty());
            for (key, opts) in &tests {
                if let Some(c) = faildata.get("constraint").and_then(|c| c.as_str())
                    && !eval_cond(c, name, opts)
                {
                    continue;
                }
                let Some(engine) = filters.get_mut(key) else {
                    continue;
                };
                let out = if opts.get("logtype").map(String::as_str) != Some("journal") {
                    engine.process_line(&line)
                } else {
                    let prefixed = format!(
                        "{}{line}",
                        opts.get("test.prefix-line").cloned().unwrap_or_default()
                    );
                    engine.process_line_with_time(&prefixed, TEST_NOW as f64)
                };
                if !annotated {
                    continue;
                }
                let found: Vec<_> = out
                    .found
                    .iter()
                    .filter(|f| f.fid.is_some() && !f.nofail)
                    .collect();
                let expect = faildata
                    .get("match")
                    .and_then(|m| m.as_bool())
                    .unwrap_or(false);
                let mut why = None;
                if found.is_empty() {
                    if expect {
                        why = Some("not matched".to_string());
                    }
                } else if !expect {
                    why = Some(format!(
                        "matched by regex {} but should not",
                        found[0].regex_index
                    ));
                } else if found.len() != 1 {
                    why = Some(format!("{} regexes matched", found.len()));
                } else {
                    let f = found[0];
                    if let Some(h) = faildata.get("host").and_then(|h| h.as_str())
                        && f.fid.as_deref() != Some(h)
                    {
                        why = Some(format!("host {:?} != {h:?}", f.fid));
                    }
                    if let Some(t) = faildata.get("time").and_then(|t| t.as_str()) {
                        let want = parse_json_time(t);
                        let ok =
                            matches!((f.time, want), (Some(a), Some(b)) if (a - b).abs() < 1e-3);
                        if !ok {
                            why = Some(format!(
                                "time {:?} != {t}",
                                f.time.and_then(bangui::filter::format_time)
                            ));
                        }
                    }
                }
                score.total += 1;
                match why {
                    None => score.agree += 1,
                    Some(w) => score.differ.push((key.clone(), w, line.clone())),
                }
            }
        }
    }
    score
}

fn stock_filters_with_logs(logs: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(CONF).join("filter.d"))
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| n.ends_with(".conf") && !n.ends_with("common.conf"))
                .map(|n| n.trim_end_matches(".conf").to_string())
                .filter(|n| logs.join(n).is_file())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn sample_logs_agree_with_fail2ban_annotations() {
    let logs = require_fail2ban();
    let tree = ConfigTree::open(CONF).expect("open /etc/fail2ban");
    let (mut total, mut agree) = (0u64, 0u64);
    let mut unexpected = Vec::new();
    let mut known_seen = vec![false; KNOWN_LINE_DIFFERENCES.len()];
    let mut load_errors = Vec::new();
    println!("{:<28} {:>6} {:>6}", "filter", "lines", "agree");
    for name in stock_filters_with_logs(&logs) {
        let s = check_filter(&tree, &logs, &name);
        total += s.total;
        agree += s.agree;
        println!("{name:<28} {:>6} {:>6}", s.total, s.agree);
        load_errors.extend(s.load_errors);
        for (key, why, line) in s.differ {
            let known = KNOWN_LINE_DIFFERENCES
                .iter()
                .position(|(f, piece, _)| *f == name && line.contains(piece));
            match known {
                Some(k) => {
                    known_seen[k] = true;
                    println!(
                        "  known difference: {key}: {why}\n    because {}",
                        KNOWN_LINE_DIFFERENCES[k].2
                    );
                }
                None => unexpected.push(format!("{key}: {why}: {line}")),
            }
        }
    }
    println!("\n{agree}/{total} annotated checks agree");
    let stale: Vec<String> = KNOWN_LINE_DIFFERENCES
        .iter()
        .zip(&known_seen)
        .filter(|(_, seen)| !**seen)
        .map(|((f, piece, _), _)| format!("{f}: {piece}"))
        .collect();
    assert!(total > 500, "too few annotated lines found ({total})");
    assert!(
        load_errors.is_empty(),
        "filters or annotations that could not be read:\n  {}",
        load_errors.join("\n  ")
    );
    assert!(
        unexpected.is_empty(),
        "{} annotated lines disagree with fail2ban:\n  {}",
        unexpected.len(),
        unexpected.join("\n  ")
    );
    assert!(
        stale.is_empty(),
        "known differences that no longer differ (remove them from the list):\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn matched_counts_agree_with_fail2ban_regex() {
    let logs = require_fail2ban();
    let names = stock_filters_with_logs(&logs);
    let tree = ConfigTree::open(CONF).expect("open /etc/fail2ban");
    let mut native: BTreeMap<String, Option<u64>> = BTreeMap::new();
    for n in &names {
        let r = tree.filter(n, &BTreeMap::new()).ok().and_then(|f| {
            let file = File::open(logs.join(n)).ok()?;
            run_test(
                &FilterSpec::from(&f),
                BufReader::new(file),
                TestOptions::default(),
            )
            .ok()
        });
        native.insert(n.clone(), r.map(|r| r.matched));
    }
    // fail2ban-regex costs ~0.3 s a run: two workers (the machine has two cores).
    let chunks: Vec<Vec<String>> = names
        .chunks(names.len().div_ceil(2).max(1))
        .map(|c| c.to_vec())
        .collect();
    let handles: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let logs = logs.clone();
            std::thread::spawn(move || {
                chunk
                    .into_iter()
                    .map(|n| {
                        let conf = Path::new(CONF).join("filter.d").join(format!("{n}.conf"));
                        let out = bangui::filter::external::command(
                            "fail2ban-regex",
                            None,
                            &logs.join(&n),
                            &conf.to_string_lossy(),
                        )
                        .output()
                        .ok();
                        let s = out.and_then(|o| {
                            bangui::filter::external::parse_summary(&String::from_utf8_lossy(
                                &o.stdout,
                            ))
                        });
                        (n, s.map(|s| s.matched))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut f2b: BTreeMap<String, Option<u64>> = BTreeMap::new();
    for h in handles {
        for (n, m) in h.join().expect("fail2ban-regex worker") {
            f2b.insert(n, m);
        }
    }
    let mut same = 0;
    let mut differ = Vec::new();
    for n in &names {
        let (a, b) = (
            native.get(n).copied().flatten(),
            f2b.get(n).copied().flatten(),
        );
        if a.is_some() && a == b {
            same += 1;
            continue;
        }
        let d = format!("{n}: native {a:?}, fail2ban-regex {b:?}");
        match KNOWN_COUNT_DIFFERENCES.iter().find(|(f, _)| f == n) {
            // A filter that fails on either side is never a known difference.
            Some((_, why)) if a.is_some() && b.is_some() => {
                println!("  known difference: {d}\n    because {why}");
            }
            _ => differ.push(d),
        }
    }
    println!(
        "fail2ban-regex matched-count agreement: {same}/{} filters",
        names.len()
    );
    assert!(
        names.len() > 50,
        "too few stock filters with sample logs ({})",
        names.len()
    );
    assert!(
        differ.is_empty(),
        "matched counts differ (None: the filter failed to load or run):\n  {}",
        differ.join("\n  ")
    );
}
