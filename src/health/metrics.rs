//! Prometheus text exposition (format 0.0.4): the encoder with correct
//! `# HELP`/`# TYPE` lines and escaping, the request counters and latency
//! histogram of the HTTP server, and the rendering of a health snapshot into
//! metric families. It formats; it never collects anything itself.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::Status;
use super::checks::Snapshot;

pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Builds one exposition document, family by family.
#[derive(Debug, Default)]
pub struct Exposition {
    out: String,
}

pub type Labels<'a> = Vec<(&'a str, String)>;

impl Exposition {
    pub fn new() -> Exposition {
        Exposition::default()
    }

    /// One family: its HELP and TYPE lines, then every sample. `kind` is
    /// `gauge` or `counter` (histograms have their own method).
    pub fn family<'a>(
        &mut self,
        name: &str,
        kind: &str,
        help: &str,
        samples: impl IntoIterator<Item = (Labels<'a>, f64)>,
    ) {
        self.header(name, kind, help);
        for (labels, v) in samples {
            self.sample(name, &labels, v);
        }
    }

    /// A family with one unlabelled sample.
    pub fn single(&mut self, name: &str, kind: &str, help: &str, v: f64) {
        self.family(name, kind, help, [(Vec::new(), v)]);
    }

    fn header(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.out, "# HELP {name} {}", escape_help(help));
        let _ = writeln!(self.out, "# TYPE {name} {kind}");
    }

    fn sample(&mut self, name: &str, labels: &[(&str, String)], v: f64) {
        self.out.push_str(name);
        if !labels.is_empty() {
            self.out.push('{');
            for (i, (k, val)) in labels.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                let _ = write!(self.out, "{k}=\"{}\"", escape_label(val));
            }
            self.out.push('}');
        }
        self.out.push(' ');
        self.out.push_str(&format_value(v));
        self.out.push('\n');
    }

    /// A histogram family: cumulative `_bucket` samples with `le`, `_sum`, `_count`.
    pub fn histogram<'a>(
        &mut self,
        name: &str,
        help: &str,
        series: impl IntoIterator<Item = (Labels<'a>, HistogramSnapshot)>,
    ) {
        self.header(name, "histogram", help);
        let bucket = format!("{name}_bucket");
        let sum = format!("{name}_sum");
        let count = format!("{name}_count");
        for (labels, h) in series {
            let mut cumulative = 0;
            for (bound, n) in h.bounds.iter().zip(&h.counts) {
                cumulative += n;
                let mut l = labels.clone();
                l.push(("le", format_value(*bound)));
                self.sample(&bucket, &l, cumulative as f64);
            }
            let mut l = labels.clone();
            l.push(("le", "+Inf".into()));
            self.sample(&bucket, &l, h.count as f64);
            self.sample(&sum, &labels, h.sum_seconds);
            self.sample(&count, &labels, h.count as f64);
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Label values: backslash, double quote and line feed are escaped.
pub fn escape_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// HELP text: backslash and line feed are escaped (quotes are not).
pub fn escape_help(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n")
}

/// Integers without a fraction, the special values as Prometheus spells them.
pub fn format_value(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v == f64::INFINITY {
        "+Inf".into()
    } else if v == f64::NEG_INFINITY {
        "-Inf".into()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Latency buckets in seconds: fine below 10 ms, where a healthy server lives.
pub const LATENCY_BOUNDS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// A lock-free histogram (per-bucket counts, not cumulative).
#[derive(Debug)]
pub struct Histogram {
    bounds: &'static [f64],
    counts: Vec<AtomicU64>,
    sum_micros: AtomicU64,
    count: AtomicU64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSnapshot {
    pub bounds: &'static [f64],
    pub counts: Vec<u64>,
    pub sum_seconds: f64,
    pub count: u64,
}

impl Histogram {
    pub fn new(bounds: &'static [f64]) -> Histogram {
        Histogram {
            bounds,
            counts: bounds.iter().map(|_| AtomicU64::new(0)).collect(),
            sum_micros: AtomicU64::new(0),
            count: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        if let Some(i) = self.bounds.iter().position(|b| secs <= *b) {
            self.counts[i].fetch_add(1, Ordering::Relaxed);
        }
        self.sum_micros
            .fetch_add(d.as_micros() as u64, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> HistogramSnapshot {
        HistogramSnapshot {
            bounds: self.bounds,
            counts: self
                .counts
                .iter()
                .map(|c| c.load(Ordering::Relaxed))
                .collect(),
            sum_seconds: self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6,
            count: self.count.load(Ordering::Relaxed),
        }
    }
}

/// The endpoints as metric labels; anything else is `other` so a scanner
/// cannot grow the label set without bound.
pub const ENDPOINTS: [&str; 5] = ["health", "live", "ready", "metrics", "other"];

/// What the HTTP server counts about itself.
#[derive(Debug)]
pub struct HttpStats {
    latency: Vec<Histogram>,
    responses: Mutex<BTreeMap<(&'static str, u16), u64>>,
    pub rate_limited: AtomicU64,
    /// Check runs (cache refreshes) since start.
    pub check_runs: AtomicU64,
    pub started_at: i64,
}

impl HttpStats {
    pub fn new(started_at: i64) -> HttpStats {
        HttpStats {
            latency: ENDPOINTS
                .iter()
                .map(|_| Histogram::new(LATENCY_BOUNDS))
                .collect(),
            responses: Mutex::new(BTreeMap::new()),
            rate_limited: AtomicU64::new(0),
            check_runs: AtomicU64::new(0),
            started_at,
        }
    }

    /// `endpoint` must be one of [`ENDPOINTS`]; others count as `other`.
    pub fn record(&self, endpoint: &'static str, code: u16, elapsed: Duration) {
        let i = ENDPOINTS
            .iter()
            .position(|e| *e == endpoint)
            .unwrap_or(ENDPOINTS.len() - 1);
        self.latency[i].observe(elapsed);
        let mut r = self.responses.lock().unwrap_or_else(|p| p.into_inner());
        *r.entry((ENDPOINTS[i], code)).or_insert(0) += 1;
    }

    fn responses(&self) -> BTreeMap<(&'static str, u16), u64> {
        self.responses
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

fn l1<'a>(k: &'a str, v: impl Into<String>) -> Labels<'a> {
    vec![(k, v.into())]
}

/// The whole `/metrics` document for one snapshot. `now` is unix seconds.
pub fn render(snap: &Snapshot, http: Option<&HttpStats>, now: i64) -> String {
    let mut e = Exposition::new();
    let r = &snap.report;
    let f2b_up =
        r.fail2ban_version.is_some() || r.checks.iter().any(|c| c.name == "fail2ban" && c.healthy);
    e.single(
        "bangui_up",
        "gauge",
        "1 when fail2ban answers on its socket, 0 when it does not",
        f64::from(u8::from(f2b_up)),
    );
    e.family(
        "bangui_health_status",
        "gauge",
        "Overall health: 1 for the current status (ok, degraded, unavailable), 0 for the others",
        [Status::Ok, Status::Degraded, Status::Unavailable]
            .into_iter()
            .map(|s| (l1("status", s.as_str()), f64::from(u8::from(r.status == s)))),
    );
    e.single(
        "bangui_health_ready",
        "gauge",
        "1 when every critical check passes (what /api/v1/health/ready answers 200 for)",
        f64::from(u8::from(r.ready)),
    );
    e.family(
        "bangui_health_check_ok",
        "gauge",
        "1 when the check passed at the last run, 0 when it failed",
        r.checks.iter().map(|c| {
            (
                vec![
                    ("check", c.name.clone()),
                    ("critical", c.critical.to_string()),
                ],
                f64::from(u8::from(c.healthy)),
            )
        }),
    );
    e.family(
        "bangui_health_check_duration_seconds",
        "gauge",
        "How long the check took at the last run",
        r.checks
            .iter()
            .map(|c| (l1("check", c.name.clone()), c.duration_ms as f64 / 1000.0)),
    );
    e.single(
        "bangui_health_last_check_timestamp_seconds",
        "gauge",
        "When the checks behind this document ran (results are cached)",
        r.checked_at as f64,
    );
    if let Some(v) = &r.fail2ban_version {
        e.family(
            "bangui_fail2ban_info",
            "gauge",
            "The running fail2ban's version, as a label",
            [(l1("version", v.clone()), 1.0)],
        );
    }

    if let Some(jails) = &snap.jails {
        let per = |f: fn(&crate::fail2ban::JailStats) -> u64| {
            jails
                .iter()
                .map(move |j| (l1("jail", j.jail.clone()), f(j) as f64))
        };
        e.family(
            "bangui_jail_banned_current",
            "gauge",
            "IPs banned in the jail now",
            per(|j| j.currently_banned),
        );
        e.family(
            "bangui_jail_banned_total",
            "counter",
            "Bans in the jail since fail2ban started",
            per(|j| j.total_banned),
        );
        e.family(
            "bangui_jail_failed_current",
            "gauge",
            "Failures the jail is counting now",
            per(|j| j.currently_failed),
        );
        e.family(
            "bangui_jail_failed_total",
            "counter",
            "Failures seen by the jail since fail2ban started",
            per(|j| j.total_failed),
        );
    }

    if let Some(f) = &snap.facts {
        e.family(
            "bangui_enforcement_missing",
            "gauge",
            "Bans fail2ban lists that the kernel firewall lacked at the last verify job, per jail",
            f.enforcement_missing
                .iter()
                .map(|(j, n)| (l1("jail", j.clone()), *n as f64)),
        );
        e.family(
            "bangui_ban_history_records",
            "gauge",
            "Ban events kept in bangui's history, per jail",
            f.ban_history
                .iter()
                .map(|(j, n)| (l1("jail", j.clone()), *n as f64)),
        );
        e.family(
            "bangui_blocklist_entries",
            "gauge",
            "Networks the blocklist source applied at its last import",
            f.blocklists
                .iter()
                .map(|s| (l1("source", s.name.clone()), s.entries as f64)),
        );
        e.family(
            "bangui_blocklist_enabled",
            "gauge",
            "1 when the blocklist source is enabled",
            f.blocklists
                .iter()
                .map(|s| (l1("source", s.name.clone()), f64::from(u8::from(s.enabled)))),
        );
        e.family(
            "bangui_blocklist_failing",
            "gauge",
            "1 when the source's last import failed, was aborted or was interrupted",
            f.blocklists
                .iter()
                .map(|s| (l1("source", s.name.clone()), f64::from(u8::from(s.failing)))),
        );
        e.family(
            "bangui_blocklist_last_import_timestamp_seconds",
            "gauge",
            "When the source's last import finished, labelled with its status",
            f.blocklists.iter().filter_map(|s| {
                Some((
                    vec![
                        ("source", s.name.clone()),
                        ("status", s.last_import_status.clone()?),
                    ],
                    s.last_import_at? as f64,
                ))
            }),
        );
        e.family(
            "bangui_blocklist_last_import_duration_seconds",
            "gauge",
            "How long the source's last import took",
            f.blocklists.iter().filter_map(|s| {
                Some((
                    l1("source", s.name.clone()),
                    s.last_import_duration_ms? as f64 / 1000.0,
                ))
            }),
        );
        e.family(
            "bangui_blocklist_packets_dropped_total",
            "counter",
            "Packets the nftables rules of a source with target nft dropped or rejected",
            f.blocklists
                .iter()
                .filter_map(|s| Some((l1("source", s.name.clone()), s.packets_dropped? as f64))),
        );
        e.family(
            "bangui_blocklist_last_success_timestamp_seconds",
            "gauge",
            "When the source last imported successfully (ok or unchanged)",
            f.blocklists
                .iter()
                .filter_map(|s| Some((l1("source", s.name.clone()), s.last_success_at? as f64))),
        );
        e.family(
            "bangui_job_last_success_timestamp_seconds",
            "gauge",
            "When the job last finished successfully",
            f.jobs
                .iter()
                .filter_map(|j| Some((l1("job", j.job.clone()), j.last_success_at? as f64))),
        );
        e.family(
            "bangui_job_last_duration_seconds",
            "gauge",
            "How long the job's last finished run took",
            f.jobs.iter().filter_map(|j| {
                Some((
                    l1("job", j.job.clone()),
                    j.last_duration_ms? as f64 / 1000.0,
                ))
            }),
        );
        e.family(
            "bangui_job_runs",
            "gauge",
            "Recorded runs of the job by status (within jobs.job_runs_retention)",
            f.jobs.iter().flat_map(|j| {
                j.runs.iter().map(move |(st, n)| {
                    (
                        vec![("job", j.job.clone()), ("status", st.clone())],
                        *n as f64,
                    )
                })
            }),
        );
        e.family(
            "bangui_scheduler_lock_held",
            "gauge",
            "1 while a run holds the scheduler lock",
            f.locks.iter().map(|l| {
                (
                    vec![("name", l.name.clone()), ("holder", l.holder_id.clone())],
                    1.0,
                )
            }),
        );
        e.family(
            "bangui_scheduler_lock_heartbeat_age_seconds",
            "gauge",
            "Seconds since the lock holder's last heartbeat",
            f.locks.iter().map(|l| {
                (
                    l1("name", l.name.clone()),
                    (now - l.heartbeat_at).max(0) as f64,
                )
            }),
        );
        e.single(
            "bangui_geo_cache_entries",
            "gauge",
            "IPs in the geo cache",
            f.geo_cache_entries as f64,
        );
    }
    e.single(
        "bangui_external_logging_init_failures_total",
        "counter",
        "Times a bangui process could not open the external log file (log.file) at start-up",
        snap.facts
            .as_ref()
            .map(|f| f.external_log_init_failures as f64)
            .unwrap_or(0.0),
    );
    if let Some(size) = snap.db_size_bytes {
        e.single(
            "bangui_database_size_bytes",
            "gauge",
            "Size of bangui's database file and its write-ahead log",
            size as f64,
        );
    }

    if let Some(h) = http {
        e.single(
            "bangui_process_start_time_seconds",
            "gauge",
            "When serve-health started, unix seconds",
            h.started_at as f64,
        );
        e.single(
            "bangui_health_check_runs_total",
            "counter",
            "Runs of the checks (a cached result is not a run)",
            h.check_runs.load(Ordering::Relaxed) as f64,
        );
        e.family(
            "bangui_http_requests_total",
            "counter",
            "HTTP responses by endpoint and status code",
            h.responses().into_iter().map(|((ep, code), n)| {
                (
                    vec![("endpoint", ep.to_string()), ("code", code.to_string())],
                    n as f64,
                )
            }),
        );
        e.single(
            "bangui_http_rate_limited_total",
            "counter",
            "Requests answered 429 because the client exceeded health.rate_limit_per_minute",
            h.rate_limited.load(Ordering::Relaxed) as f64,
        );
        e.histogram(
            "bangui_http_request_duration_seconds",
            "Time from reading a request to finishing its response",
            ENDPOINTS
                .iter()
                .zip(&h.latency)
                .map(|(ep, hist)| (l1("endpoint", *ep), hist.snapshot())),
        );
    }
    e.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::{CheckResult, HealthReport};

    #[test]
    fn escaping_follows_the_exposition_format() {
        assert_eq!(escape_label(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(escape_label("x\ny"), "x\\ny");
        assert_eq!(escape_help("say \"hi\"\\\n"), "say \"hi\"\\\\\\n");
    }

    #[test]
    fn values_are_formatted_as_prometheus_reads_them() {
        assert_eq!(format_value(3.0), "3");
        assert_eq!(format_value(0.25), "0.25");
        assert_eq!(format_value(f64::NAN), "NaN");
        assert_eq!(format_value(f64::INFINITY), "+Inf");
        assert_eq!(format_value(-2.0), "-2");
    }

    #[test]
    fn families_have_help_type_and_labels() {
        let mut e = Exposition::new();
        e.family(
            "x_total",
            "counter",
            "Things",
            [(vec![("jail", "a\"b".to_string())], 2.0)],
        );
        assert_eq!(
            e.finish(),
            "# HELP x_total Things\n# TYPE x_total counter\nx_total{jail=\"a\\\"b\"} 2\n"
        );
    }

    #[test]
    fn histograms_are_cumulative_with_inf_sum_and_count() {
        static B: &[f64] = &[0.01, 0.1];
        let h = Histogram::new(B);
        h.observe(Duration::from_millis(5));
        h.observe(Duration::from_millis(50));
        h.observe(Duration::from_secs(1));
        let mut e = Exposition::new();
        e.histogram(
            "lat_seconds",
            "Latency",
            [(l1("endpoint", "live"), h.snapshot())],
        );
        let text = e.finish();
        assert!(text.contains("# TYPE lat_seconds histogram\n"), "{text}");
        assert!(text.contains("lat_seconds_bucket{endpoint=\"live\",le=\"0.01\"} 1\n"));
        assert!(text.contains("lat_seconds_bucket{endpoint=\"live\",le=\"0.1\"} 2\n"));
        assert!(text.contains("lat_seconds_bucket{endpoint=\"live\",le=\"+Inf\"} 3\n"));
        assert!(
            text.contains("lat_seconds_sum{endpoint=\"live\"} 1.055\n"),
            "{text}"
        );
        assert!(text.contains("lat_seconds_count{endpoint=\"live\"} 3\n"));
    }

    #[test]
    fn a_snapshot_renders_every_family_once() {
        let report = HealthReport::from_checks(
            vec![CheckResult {
                name: "fail2ban".into(),
                healthy: false,
                critical: true,
                message: "down".into(),
                duration_ms: 12,
            }],
            None,
            100,
        );
        let snap = Snapshot {
            report,
            jails: None,
            facts: None,
            db_size_bytes: Some(4096),
        };
        let http = HttpStats::new(50);
        http.record("live", 200, Duration::from_millis(1));
        http.record("bogus", 404, Duration::from_millis(1));
        let text = render(&snap, Some(&http), 100);
        assert!(text.contains("bangui_up 0\n"), "{text}");
        assert!(text.contains("bangui_health_status{status=\"unavailable\"} 1\n"));
        assert!(text.contains("bangui_health_check_ok{check=\"fail2ban\",critical=\"true\"} 0\n"));
        assert!(text.contains("bangui_health_check_duration_seconds{check=\"fail2ban\"} 0.012\n"));
        assert!(text.contains("bangui_http_requests_total{endpoint=\"other\",code=\"404\"} 1\n"));
        assert!(text.contains("bangui_database_size_bytes 4096\n"));
        let mut seen = std::collections::BTreeSet::new();
        for line in text.lines().filter(|l| l.starts_with("# TYPE ")) {
            assert!(seen.insert(line.to_string()), "duplicate {line}");
        }
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (_, v) = line.rsplit_once(' ').unwrap();
            assert!(
                v == "NaN" || v.ends_with("Inf") || v.parse::<f64>().is_ok(),
                "{line}"
            );
        }
    }
}
