//! `bangui filter list|show|test` and `bangui action list|show`: fail2ban's config tree
//! read through `f2bconf`, filters tested with the native engine or delegated to
//! `fail2ban-regex`. Reads files only; never talks to the server.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value as Json, json};

use bangui::f2bconf::{ConfigTree, ResolvedFilter, check_name, tags};
use bangui::filter::{self, FilterSpec, LineStatus, TestOptions};
use bangui::{Error, Result};

use super::app::App;
use super::args::{ActionCommand, Engine, FilterCommand, FilterTestArgs, ShowLines};
use super::output::{Report, View, kv, opt, table};

pub fn run(app: &App, cmd: FilterCommand) -> Result<Report> {
    match cmd {
        FilterCommand::List => list(app),
        FilterCommand::Show { name, mode } => show(app, &name, mode.as_deref()),
        FilterCommand::Test(a) => test(app, a),
    }
}

pub fn run_action(app: &App, cmd: ActionCommand) -> Result<Report> {
    match cmd {
        ActionCommand::List => action_list(app),
        ActionCommand::Show { name } => action_show(app, &name),
    }
}

fn tree(app: &App) -> Result<ConfigTree> {
    ConfigTree::open(&app.cfg.fail2ban.config_dir).map_err(|e| match e {
        Error::NoInput { path, .. } => Error::config(format!(
            "fail2ban config directory {} does not exist; set fail2ban.config_dir \
             (--fail2ban-config-dir or BANGUI_FAIL2BAN_CONFIG_DIR)",
            path.display()
        )),
        e => e,
    })
}

fn files_text(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(app: &App) -> Result<Report> {
    let t = tree(app)?;
    let filters = t.list_filters()?;
    let rows = filters
        .iter()
        .map(|f| vec![f.name.clone(), f.jails.join(","), files_text(&f.files)])
        .collect();
    Ok(Report::new(
        "filter list",
        serde_json::to_value(&filters).unwrap_or_default(),
        table(&["filter", "jails", "files"], rows),
    ))
}

/// Name and parameters from `sshd[mode=x]`, with `--mode` folded in; path-like names are
/// refused (65) before anything is opened.
fn name_and_params(spec: &str, mode: Option<&str>) -> Result<(String, BTreeMap<String, String>)> {
    let base = spec.split('[').next().unwrap_or(spec);
    check_name(base)?;
    let (name, mut params) = tags::parse_with_params(spec)
        .map_err(|e| Error::bad_input(format!("invalid filter spec {spec:?}: {e}")))?;
    check_name(&name)?;
    if let Some(m) = mode {
        params.insert("mode".into(), m.to_string());
    }
    Ok((name, params))
}

fn unknown(t: &ConfigTree, what: &str, name: &str) -> Error {
    Error::config(format!(
        "no {what} '{name}' in {}/{what}.d; `bangui {what} list` shows the {what}s",
        t.dir().display()
    ))
}

fn exists(t: &ConfigTree, what: &str, name: &str) -> bool {
    let d = t.dir().join(format!("{what}.d"));
    ["conf", "local"]
        .iter()
        .any(|ext| d.join(format!("{name}.{ext}")).is_file())
}

fn resolve_named(t: &ConfigTree, spec: &str, mode: Option<&str>) -> Result<ResolvedFilter> {
    let (name, params) = name_and_params(spec, mode)?;
    if !exists(t, "filter", &name) {
        return Err(unknown(t, "filter", &name));
    }
    t.filter(&name, &params)
}

fn show(app: &App, spec: &str, mode: Option<&str>) -> Result<Report> {
    let t = tree(app)?;
    let f = resolve_named(&t, spec, mode)?;
    let src = |k: &str| opt(f.sources.get(k).cloned());
    let mut rows = vec![vec![
        "prefregex".to_string(),
        opt(f.prefregex.clone()),
        src("prefregex"),
    ]];
    for (i, r) in f.failregex.iter().enumerate() {
        rows.push(vec![format!("failregex[{i}]"), r.clone(), src("failregex")]);
    }
    for (i, r) in f.ignoreregex.iter().enumerate() {
        rows.push(vec![
            format!("ignoreregex[{i}]"),
            r.clone(),
            src("ignoreregex"),
        ]);
    }
    rows.push(vec![
        "datepattern".into(),
        opt(f.datepattern.clone()),
        src("datepattern"),
    ]);
    rows.push(vec!["maxlines".into(), opt(f.maxlines), src("maxlines")]);
    rows.push(vec!["usedns".into(), opt(f.usedns.clone()), src("usedns")]);
    for (i, j) in f.journalmatch.iter().enumerate() {
        rows.push(vec![
            format!("journalmatch[{i}]"),
            j.clone(),
            src("journalmatch"),
        ]);
    }
    let view = View::Sections(vec![
        (
            String::new(),
            kv(vec![
                ("filter", f.name.clone()),
                (
                    "params",
                    f.params
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("files", files_text(&f.files)),
            ]),
        ),
        (String::new(), table(&["option", "value", "from"], rows)),
    ]);
    Ok(Report::new(
        "filter show",
        serde_json::to_value(&f).unwrap_or_default(),
        view,
    ))
}

/// At most `max` characters of names for a table cell: as many as fit,
/// then how many more (the JSON output has them all).
fn names_cell(names: &[String], max: usize) -> String {
    let all = names.join(",");
    if all.chars().count() <= max {
        return all;
    }
    let mut shown = String::new();
    for (i, n) in names.iter().enumerate() {
        let more = format!(" +{} more", names.len() - i);
        let sep = usize::from(!shown.is_empty());
        if shown.chars().count() + sep + n.chars().count() + more.len() > max {
            return if shown.is_empty() {
                format!("{} jails", names.len())
            } else {
                shown + &more
            };
        }
        if sep == 1 {
            shown.push(',');
        }
        shown.push_str(n);
    }
    shown
}

fn action_list(app: &App) -> Result<Report> {
    let t = tree(app)?;
    let actions = t.list_actions()?;
    // Files relative to the config directory and jails cut to a width, so
    // that the table fits a terminal of 80 to 120 columns.
    let rows = actions
        .iter()
        .map(|a| {
            let files: Vec<PathBuf> = a
                .files
                .iter()
                .map(|f| f.strip_prefix(t.dir()).unwrap_or(f).to_path_buf())
                .collect();
            vec![
                a.name.clone(),
                if a.python { "python" } else { "config" }.into(),
                names_cell(&a.jails, 28),
                files_text(&files),
            ]
        })
        .collect();
    Ok(Report::new(
        "action list",
        serde_json::to_value(&actions).unwrap_or_default(),
        table(&["action", "kind", "jails", "files"], rows),
    ))
}

fn action_show(app: &App, spec: &str) -> Result<Report> {
    let t = tree(app)?;
    let (name, params) = name_and_params(spec, None)?;
    if !exists(&t, "action", &name) {
        if t.dir()
            .join("action.d")
            .join(format!("{name}.py"))
            .is_file()
        {
            return Err(Error::config(format!(
                "action '{name}' is a Python action ({}/action.d/{name}.py); bangui shows only config actions",
                t.dir().display()
            )));
        }
        return Err(unknown(&t, "action", &name));
    }
    let a = t.action(&name, &params)?;
    let src = |k: &str| opt(a.sources.get(k).cloned());
    // Commands are shell scripts, often several lines: printed as lines,
    // indented under their name.
    let commands: String = a
        .commands
        .iter()
        .map(|(k, v)| {
            let body: String = v.lines().map(|l| format!("    {l}\n")).collect();
            format!("{k}  ({})\n{body}", src(k))
        })
        .collect();
    let init = a
        .init
        .iter()
        .map(|(k, v)| vec![k.clone(), v.clone(), src(k)])
        .collect();
    let view = View::Sections(vec![
        (
            String::new(),
            kv(vec![
                ("action", a.name.clone()),
                ("files", files_text(&a.files)),
            ]),
        ),
        ("commands".into(), View::Text(commands)),
        ("init".into(), table(&["param", "value", "from"], init)),
    ]);
    Ok(Report::new(
        "action show",
        serde_json::to_value(&a).unwrap_or_default(),
        view,
    ))
}

/// What FILTER named.
enum Source {
    Name(ResolvedFilter),
    File(PathBuf, ResolvedFilter),
    Regex(String),
}

impl Source {
    fn kind(&self) -> &'static str {
        match self {
            Source::Name(_) => "name",
            Source::File(..) => "file",
            Source::Regex(_) => "regex",
        }
    }
}

/// fail2ban-regex's rule, made explicit: a `.conf`/`.local` path is a file; a plain
/// name (with optional `[params]`) is a filter in filter.d; a path-like word is refused;
/// anything else is a literal failregex.
fn classify(t: &ConfigTree, spec: &str, mode: Option<&str>) -> Result<Source> {
    let base = spec.split('[').next().unwrap_or(spec);
    if base.ends_with(".conf") || base.ends_with(".local") {
        let (_, mut params) = if base.len() < spec.len() {
            tags::parse_with_params(spec)
                .map_err(|e| Error::bad_input(format!("invalid filter spec {spec:?}: {e}")))?
        } else {
            (String::new(), BTreeMap::new())
        };
        if let Some(m) = mode {
            params.insert("mode".into(), m.into());
        }
        let path = PathBuf::from(base);
        let f = ConfigTree::filter_file(&path, &params)?;
        return Ok(Source::File(path, f));
    }
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '+'))
    };
    let spec_params_ok = spec.len() == base.len() || spec.ends_with(']');
    if plain(base) && spec_params_ok && !base.starts_with('.') {
        return resolve_named(t, spec, mode).map(Source::Name);
    }
    let pathlike = base.contains('/')
        && base
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '~'));
    if pathlike {
        check_name(base)?;
    }
    Ok(Source::Regex(spec.to_string()))
}

fn show_status(s: ShowLines, st: LineStatus) -> bool {
    matches!(
        (s, st),
        (ShowLines::All, _)
            | (ShowLines::Matched, LineStatus::Matched)
            | (ShowLines::Missed, LineStatus::Missed)
            | (ShowLines::Ignored, LineStatus::Ignored)
    )
}

fn test(app: &App, a: FilterTestArgs) -> Result<Report> {
    let t = tree(app)?;
    let stdin = a.log.as_os_str() == "-";
    if !stdin && !a.log.is_file() {
        return Err(Error::NoInput {
            what: "log file".into(),
            path: a.log.clone(),
        });
    }
    let source = classify(&t, &a.filter, a.mode.as_deref())?;
    if a.engine == Engine::Fail2banRegex {
        return test_external(app, &a, &source, stdin);
    }
    let mut spec = match &source {
        Source::Name(f) | Source::File(_, f) => FilterSpec::from(f),
        Source::Regex(r) => FilterSpec {
            failregex: vec![r.clone()],
            maxlines: 1,
            ..FilterSpec::default()
        },
    };
    if let Some(p) = &a.datepattern {
        spec.datepattern = Some(p.clone());
    }
    let opts = TestOptions {
        per_line: a.show.is_some(),
        skip_unterminated_last_line: !stdin,
        ..TestOptions::default()
    };
    let started = Instant::now();
    let report = if stdin {
        filter::run_test(&spec, std::io::stdin().lock(), opts)?
    } else {
        let f = File::open(&a.log)
            .map_err(|e| Error::io(format!("opening log {}", a.log.display()), &a.log, e))?;
        filter::run_test(&spec, BufReader::with_capacity(1 << 16, f), opts)?
    };
    let elapsed = started.elapsed().as_secs_f64();
    let shown: Option<Vec<_>> = match (a.show, &report.per_line) {
        (Some(s), Some(lines)) => Some(
            lines
                .iter()
                .filter(|l| show_status(s, l.status))
                .cloned()
                .collect(),
        ),
        _ => None,
    };
    let mut data = json!({
        "filter": a.filter,
        "filter_kind": source.kind(),
        "filter_file": match &source { Source::File(p, _) => Json::String(p.display().to_string()), _ => Json::Null },
        "engine": "native",
        "log": a.log.display().to_string(),
        "lines": report.lines,
        "matched": report.matched,
        "ignored": report.ignored,
        "missed": report.missed,
        "failregex_hits": report.failregex_hits,
        "ignoreregex_hits": report.ignoreregex_hits,
        "date_template_hits": report.date_template_hits,
        "skipped_unterminated_last_line": report.skipped_unterminated_last_line,
        "elapsed_seconds": round3(elapsed),
        "lines_per_second": if elapsed > 0.0 { Json::from((report.lines as f64 / elapsed).round() as u64) } else { Json::Null },
        "show": a.show.and_then(|s| super::output::value_name(&s)),
        "lines_shown": shown,
    });
    if let Source::Name(f) | Source::File(_, f) = &source {
        data["params"] = json!(f.params);
    }
    let mut parts = summary_view(
        report.lines,
        report.matched,
        report.ignored,
        report.missed,
        &data,
    );
    if let Some(lines) = &shown {
        let rows = lines
            .iter()
            .map(|l| {
                vec![
                    l.line_no.to_string(),
                    super::output::serde_name(&l.status),
                    opt(l.host.clone()),
                    opt(l.user.clone()),
                    opt(l.time.clone()),
                    opt(l.regex_index),
                ]
            })
            .collect();
        parts.push((
            "lines".into(),
            table(&["line", "status", "host", "user", "time", "regex"], rows),
        ));
    }
    let mut r = Report::new("filter test", data, View::Sections(parts));
    if report.skipped_unterminated_last_line {
        r = r.note("the last line has no newline and was not tested (fail2ban-regex skips it too)");
    }
    Ok(r)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn summary_view(
    lines: u64,
    matched: u64,
    ignored: u64,
    missed: u64,
    data: &Json,
) -> Vec<(String, View)> {
    let hits = |key: &str| -> Vec<Vec<String>> {
        data[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|h| {
                        vec![
                            h["index"]
                                .as_u64()
                                .map(|i| i.to_string())
                                .unwrap_or_default(),
                            h["hits"].to_string(),
                            h["regex"].as_str().unwrap_or_default().to_string(),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let dates = data["date_template_hits"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| {
                    vec![
                        h["hits"].to_string(),
                        h["template"].as_str().unwrap_or_default().to_string(),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    vec![
        (
            String::new(),
            kv(vec![
                ("lines", lines.to_string()),
                ("matched", matched.to_string()),
                ("ignored", ignored.to_string()),
                ("missed", missed.to_string()),
                ("engine", data["engine"].as_str().unwrap_or("").to_string()),
                ("seconds", data["elapsed_seconds"].to_string()),
            ]),
        ),
        (
            "failregex".into(),
            table(&["#", "hits", "regex"], hits("failregex_hits")),
        ),
        (
            "ignoreregex".into(),
            table(&["#", "hits", "regex"], hits("ignoreregex_hits")),
        ),
        ("date templates".into(), table(&["hits", "template"], dates)),
    ]
}

/// `--engine fail2ban-regex`: run fail2ban's tool and report its summary in the same
/// shape. Not installed → 66 (the program is a missing input), with a hint.
fn test_external(app: &App, a: &FilterTestArgs, source: &Source, stdin: bool) -> Result<Report> {
    // fail2ban-regex cannot read stdin: copy it to a temp file first.
    let tmp =
        TempLog(std::env::temp_dir().join(format!("bangui-stdin-{}.log", std::process::id())));
    let log: &Path = if stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("reading stdin", "-", e))?;
        bangui::util::write_atomic(&tmp.0, &buf, 0o600)
            .map_err(|e| Error::io("writing a temp file for stdin", &tmp.0, e))?;
        &tmp.0
    } else {
        &a.log
    };
    let filter_arg = match source {
        Source::Name(f) => {
            if f.params.is_empty() {
                f.name.clone()
            } else {
                format!(
                    "{}[{}]",
                    f.name,
                    f.params
                        .iter()
                        .map(|(k, v)| format!("{k}=\"{v}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
        Source::File(p, _) => p.display().to_string(),
        Source::Regex(r) => r.clone(),
    };
    let started = Instant::now();
    let run = bangui::f2btools::run_regex(
        &app.cfg.fail2ban.config_dir,
        a.datepattern.as_deref(),
        log,
        &filter_arg,
    )?;
    let elapsed = started.elapsed().as_secs_f64();
    let stdout = &run.stdout;
    let Some(sum) = filter::external::parse_summary(stdout) else {
        let detail: String = run
            .lines_stderr_first()
            .filter(|l| !l.trim().is_empty())
            .take(3)
            .collect::<Vec<_>>()
            .join("; ");
        let msg = format!(
            "fail2ban-regex failed (exit {}): {}",
            run.code.unwrap_or(-1),
            bangui::util::sanitize(&detail)
        );
        return Err(if detail.to_lowercase().contains("regex") {
            Error::bad_input(msg)
        } else {
            Error::config(msg)
        });
    };
    let (fail, ign, dates) = parse_external_hits(stdout);
    let data = json!({
        "filter": a.filter,
        "filter_kind": source.kind(),
        "filter_file": match source { Source::File(p, _) => Json::String(p.display().to_string()), _ => Json::Null },
        "engine": "fail2ban-regex",
        "log": a.log.display().to_string(),
        "lines": sum.lines,
        "matched": sum.matched,
        "ignored": sum.ignored,
        "missed": sum.missed,
        "failregex_hits": fail,
        "ignoreregex_hits": ign,
        "date_template_hits": dates,
        "skipped_unterminated_last_line": Json::Null,
        "elapsed_seconds": round3(elapsed),
        "lines_per_second": if elapsed > 0.0 { Json::from((sum.lines as f64 / elapsed).round() as u64) } else { Json::Null },
        "show": Json::Null,
        "lines_shown": Json::Null,
    });
    let parts = summary_view(sum.lines, sum.matched, sum.ignored, sum.missed, &data);
    let mut r = Report::new("filter test", data, View::Sections(parts));
    if a.show.is_some() {
        r = r.note("--show lists lines only with the native engine");
    }
    Ok(r)
}

/// A temp copy of stdin, removed when dropped.
struct TempLog(PathBuf);

impl Drop for TempLog {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The `|  4) [2] regex` lines under Failregex/Ignoreregex and the `|  [5] template`
/// lines under "Date template hits:".
fn parse_external_hits(out: &str) -> (Vec<Json>, Vec<Json>, Vec<Json>) {
    let (mut fail, mut ign, mut dates) = (Vec::new(), Vec::new(), Vec::new());
    let mut section = "";
    for line in out.lines() {
        let l = line.trim_end();
        if l.starts_with("Failregex:") {
            section = "fail";
            continue;
        } else if l.starts_with("Ignoreregex:") {
            section = "ign";
            continue;
        } else if l.starts_with("Date template hits:") {
            section = "date";
            continue;
        } else if !l.starts_with('|') {
            if !l.is_empty() {
                section = "";
            }
            continue;
        }
        let body = l.trim_start_matches(['|', '-', ' ']);
        match section {
            "fail" | "ign" => {
                let Some((idx, rest)) = body.split_once(") [") else {
                    continue;
                };
                let Some((hits, regex)) = rest.split_once("] ") else {
                    continue;
                };
                let (Ok(index), Ok(hits)) = (idx.trim().parse::<u64>(), hits.parse::<u64>()) else {
                    continue;
                };
                let v = json!({"index": index, "regex": regex, "hits": hits});
                if section == "fail" {
                    fail.push(v);
                } else {
                    ign.push(v);
                }
            }
            "date" => {
                if let Some(rest) = body.strip_prefix('[')
                    && let Some((hits, template)) = rest.split_once("] ")
                    && let Ok(hits) = hits.parse::<u64>()
                {
                    dates.push(json!({"template": template, "hits": hits}));
                }
            }
            _ => {}
        }
    }
    (fail, ign, dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_hits_are_parsed() {
        let out = "Results\n=======\n\nFailregex: 3 total\n|-  #) [# of hits] regular expression\n|   4) [2] ^Failed for <HOST>\n|  21) [1] ^Accepted\n`-\n\nIgnoreregex: 0 total\n\nDate template hits:\n|- [# of hits] date format\n|  [5] {^LN-BEG}Day\n`-\n\nLines: 5 lines, 1 ignored, 3 matched, 1 missed\n";
        let (f, i, d) = parse_external_hits(out);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0]["index"], 4);
        assert_eq!(f[0]["hits"], 2);
        assert_eq!(f[1]["regex"], "^Accepted");
        assert!(i.is_empty());
        assert_eq!(d, vec![json!({"template": "{^LN-BEG}Day", "hits": 5})]);
    }
}
