//! `bangui history sync|list|stats|recidive|export`: arguments to library
//! calls, results to reports. `export` writes its own stream.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::net::IpAddr;
use std::time::Instant;

use serde_json::{Value, json};

use bangui::geo::{GeoInfo, GeoSet};
use bangui::history::{self, Filter, HistoryRow, Order, StatsBy, SyncOptions};
use bangui::net::Target;
use bangui::util::{self, format_duration, rfc3339};
use bangui::{Error, Result};

use super::app::App;
use super::args::{ExportFormat, HistoryCommand, HistoryFilterArgs, OrderArg};
use super::output::{Mode, Report, View, kv, opt, table};

const DEFAULT_WINDOW: &str = "7d";

pub fn run(app: &App, cmd: HistoryCommand) -> Result<Report> {
    match cmd {
        HistoryCommand::Sync(a) => sync(app, a.fail2ban_db, a.batch_size),
        HistoryCommand::List(a) => list(app, &a.filter, a.limit, a.order),
        HistoryCommand::Stats(a) => stats(app, &a.filter, a.by, a.top),
        HistoryCommand::Recidive(a) => recidive(app, &a.filter, a.min_bans, a.limit),
        HistoryCommand::Export(a) => export(app, &a.filter, a.format, a.order),
    }
}

fn sync(app: &App, flag: Option<std::path::PathBuf>, batch: u32) -> Result<Report> {
    // The flag, else fail2ban.db_file, else the running server's `get dbfile`.
    let path = match flag {
        Some(p) => p,
        None => history::resolve_db_path(&app.cfg)?,
    };
    let mut conn = app.db()?;
    let opts = SyncOptions {
        batch_size: batch as usize,
        ..SyncOptions::default()
    };
    let t0 = Instant::now();
    let r = history::sync(&mut conn, &path, &opts, util::now_unix(), &|| false)?;
    let ms = t0.elapsed().as_millis() as u64;
    tracing::info!(
        event = "history_sync_completed",
        component = "history",
        read = r.read,
        inserted = r.inserted,
        rotated = r.rotated,
        duration_ms = ms
    );
    let mut data = serde_json::to_value(&r).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut data {
        m.insert("duration_ms".into(), json!(ms));
        m.insert(
            "last_timeofban".into(),
            json!(rfc3339_or_null(r.last_timeofban)),
        );
    }
    let view = kv(vec![
        ("fail2ban db", r.fail2ban_db.clone()),
        ("schema", format!("v{}", r.schema_version)),
        ("read", r.read.to_string()),
        ("new", r.inserted.to_string()),
        ("already present", r.already_present.to_string()),
        ("invalid skipped", r.skipped_invalid.to_string()),
        (
            "origins",
            format!(
                "fail2ban {}, manual {}, blocklist {}",
                r.origins.fail2ban, r.origins.manual, r.origins.blocklist
            ),
        ),
        ("replaced db", r.rotated.to_string()),
        ("watermark", format!("rowid {}", r.last_rowid)),
        ("duration", format!("{ms} ms")),
    ]);
    let mut rep = Report::new("history sync", data, view);
    if r.rotated {
        rep = rep.note(
            "fail2ban's database was replaced or rewound since the last sync: read it from the start (duplicates are skipped)",
        );
    }
    Ok(rep)
}

fn rfc3339_or_null(t: i64) -> Option<String> {
    (t > 0).then(|| rfc3339(t))
}

fn filter_from(a: &HistoryFilterArgs, default_since: Option<&str>) -> Result<Filter> {
    let now = util::now_unix();
    let since = a.since.as_deref().or(default_since);
    let time = |s: &str| util::parse_since(s, now).map_err(Error::Usage);
    let ip =
        a.ip.as_deref()
            .map(|s| Target::parse(s).map_err(Error::bad_input))
            .transpose()?;
    let country = match &a.country {
        Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => {
            Some(c.to_ascii_uppercase())
        }
        Some(c) => {
            return Err(Error::Usage(format!(
                "--country expects an ISO 3166 alpha-2 code such as DE, got {:?}",
                util::sanitize(c)
            )));
        }
        None => None,
    };
    Ok(Filter {
        since: since.map(time).transpose()?,
        until: a.until.as_deref().map(time).transpose()?,
        jail: a.jail.clone().map(String::from),
        ip,
        country,
        origin: a.origin.map(|o| o.as_str().to_string()),
    })
}

fn order(o: OrderArg) -> Order {
    match o {
        OrderArg::Asc => Order::Asc,
        OrderArg::Desc => Order::Desc,
    }
}

/// The missing-geo-database warning is worth saying once a day, not on
/// every query (a database that cannot record that says it every time).
fn geo_warning_due(app: &App, command: &str) -> bool {
    let bucket = format!("warning:geo_missing:{command}");
    app.db()
        .and_then(|c| bangui::db::first_in(&c, &bucket, util::now_unix(), 86_400))
        .unwrap_or(true)
}

/// Fill geo columns of rows the cache does not know from the configured
/// databases, in memory. A missing or broken database is one warning and
/// null columns, never an error here.
fn fill_geo(app: &App, rows: &mut [HistoryRow]) {
    let missing: Vec<IpAddr> = rows
        .iter()
        .filter(|r| r.country_code.is_none() && r.asn.is_none())
        .filter_map(|r| Target::parse(&r.ip).ok().map(|t| t.net().addr()))
        .collect();
    if missing.is_empty() {
        return;
    }
    let (set, problems) = GeoSet::open_configured(&app.cfg.geo);
    if let Some(p) = problems.iter().find(|p| !p.is_missing()) {
        app.warn(&format!("{}; country and ASN columns are null", p.message));
    }
    if set.is_empty() {
        if problems.iter().all(|p| p.is_missing()) && geo_warning_due(app, "list") {
            app.warn(&format!(
                "no geo database found ({}); country and ASN columns are null",
                problems
                    .iter()
                    .map(|p| p.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return;
    }
    let mut found: HashMap<IpAddr, GeoInfo> = HashMap::new();
    for ip in missing {
        if found.contains_key(&ip) {
            continue;
        }
        match set.lookup(ip) {
            Ok(g) => {
                found.insert(ip, g);
            }
            Err(e) => {
                app.warn(&format!("{e}; country and ASN columns are null"));
                return;
            }
        }
    }
    for r in rows.iter_mut() {
        let Some(g) = Target::parse(&r.ip)
            .ok()
            .and_then(|t| found.get(&t.net().addr()))
        else {
            continue;
        };
        if r.country_code.is_none() && r.asn.is_none() {
            r.country_code = g.country_code.clone();
            r.country_name = g.country_name.clone();
            r.asn = g.asn.map(i64::from);
            r.as_org = g.as_org.clone();
        }
    }
}

fn bantime_text(b: Option<i64>) -> String {
    match b {
        None => "?".into(),
        Some(b) => format_duration(b),
    }
}

fn list(app: &App, a: &HistoryFilterArgs, limit: u64, o: OrderArg) -> Result<Report> {
    let f = filter_from(a, Some(DEFAULT_WINDOW))?;
    let (mut rows, hosts): (Vec<HistoryRow>, Vec<String>) = if a.fleet {
        let mut client = super::cmd_fleet::client(app)?;
        let got = bangui::fleet::history::list(
            &mut client,
            &f,
            a.host.as_deref(),
            order(o),
            Some(limit),
        )?;
        let (h, r) = got.into_iter().unzip();
        (r, h)
    } else {
        let conn = app.db()?;
        (history::list(&conn, &f, order(o), Some(limit))?, Vec::new())
    };
    if !a.fleet {
        fill_geo(app, &mut rows);
    }
    let json_rows: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = r.to_json();
            if let (Some(h), Value::Object(m)) = (hosts.get(i), &mut v) {
                m.insert("host_id".into(), json!(h));
            }
            v
        })
        .collect();
    let data = json!({
        "since": f.since.map(rfc3339),
        "until": f.until.map(rfc3339),
        "count": rows.len(),
        "rows": json_rows,
    });
    let view = table(
        &[
            "banned at",
            "jail",
            "ip",
            "bantime",
            "count",
            "origin",
            "source",
            "country",
            "asn",
        ],
        rows.iter()
            .map(|r| {
                vec![
                    rfc3339(r.timeofban),
                    r.jail.clone(),
                    r.ip.clone(),
                    bantime_text(r.bantime),
                    r.bancount.to_string(),
                    r.origin.clone(),
                    opt(r.source.clone()),
                    opt(r.country_code.clone()),
                    opt(r.asn),
                ]
            })
            .collect(),
    );
    Ok(Report::new("history list", data, view))
}

fn stats(app: &App, a: &HistoryFilterArgs, by: StatsBy, top: usize) -> Result<Report> {
    let f = filter_from(a, Some(DEFAULT_WINDOW))?;
    let s = if a.fleet {
        let mut client = super::cmd_fleet::client(app)?;
        bangui::fleet::history::stats(&mut client, &f, a.host.as_deref(), by, Some(top))?
    } else {
        history::stats(&*app.db()?, &f, by, Some(top))?
    };
    if !a.fleet
        && matches!(by, StatsBy::Country | StatsBy::Asn)
        && s.groups.iter().any(|g| g.key.is_none())
    {
        let g = &app.cfg.geo;
        // Existence only: reading a City database to print a warning would
        // cost more than the statistics.
        if ![&g.city_db, &g.country_db, &g.asn_db]
            .iter()
            .any(|p| p.exists())
            && geo_warning_due(app, "stats")
        {
            app.warn(
                "no geo database found; IPs not yet in the geo cache count as unknown (install one and run `bangui geo refresh`)",
            );
        }
    }
    let mut data = serde_json::to_value(&s).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut data {
        m.insert("since".into(), json!(f.since.map(rfc3339)));
        m.insert("until".into(), json!(f.until.map(rfc3339)));
        if a.fleet {
            m.insert("host_id".into(), json!(a.host));
        }
    }
    let view = if by == StatsBy::Day && app.mode == Mode::Table {
        View::Text(bar_chart(&s.groups))
    } else {
        let key_header = by.as_str();
        table(
            &[key_header, "name", "bans", "ips"],
            s.groups
                .iter()
                .map(|g| {
                    vec![
                        g.key.clone().unwrap_or_else(|| "unknown".into()),
                        opt(g.name.clone()),
                        g.bans.to_string(),
                        g.ips.to_string(),
                    ]
                })
                .collect(),
        )
    };
    let mut rep = Report::new("history stats", data, view);
    if s.other_groups > 0 && app.mode != Mode::Json {
        rep = rep.note(format!("{} more groups not shown (--top)", s.other_groups));
    }
    Ok(rep)
}

/// One line per day: date, a bar of unicode eighth blocks, the count.
fn bar_chart(groups: &[history::StatsGroup]) -> String {
    const WIDTH: i64 = 40;
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let max = groups.iter().map(|g| g.bans).max().unwrap_or(0).max(1);
    let num_w = groups
        .iter()
        .map(|g| g.bans.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    if groups.is_empty() {
        out.push_str("(none)\n");
    }
    for g in groups {
        let eighths = g.bans * WIDTH * 8 / max;
        let mut bar = "█".repeat((eighths / 8) as usize);
        bar.push_str(PARTS[(eighths % 8) as usize]);
        if bar.is_empty() && g.bans > 0 {
            bar.push('▏');
        }
        out.push_str(&format!(
            "{}  {:>num_w$}  {bar}\n",
            g.key.as_deref().unwrap_or("unknown"),
            g.bans
        ));
    }
    out
}

fn recidive(app: &App, a: &HistoryFilterArgs, min_bans: u32, limit: u64) -> Result<Report> {
    let f = filter_from(a, Some(DEFAULT_WINDOW))?;
    let (rows, hosts): (Vec<history::Recidivist>, Vec<Vec<String>>) = if a.fleet {
        let mut client = super::cmd_fleet::client(app)?;
        bangui::fleet::history::recidive(&mut client, &f, a.host.as_deref(), min_bans, Some(limit))?
            .into_iter()
            .unzip()
    } else {
        let conn = app.db()?;
        (
            history::recidive(&conn, &f, min_bans, Some(limit))?,
            Vec::new(),
        )
    };
    let ips: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            if let (Some(h), Value::Object(m)) = (hosts.get(i), &mut v) {
                m.insert("host_ids".into(), json!(h));
            }
            v
        })
        .collect();
    let data = json!({
        "since": f.since.map(rfc3339),
        "until": f.until.map(rfc3339),
        "min_bans": min_bans,
        "count": rows.len(),
        "ips": ips,
    });
    let view = table(
        &[
            "ip",
            "bans",
            "jails",
            "first ban",
            "last ban",
            "country",
            "asn",
        ],
        rows.iter()
            .map(|r| {
                vec![
                    r.ip.clone(),
                    r.bans.to_string(),
                    r.jails.join(","),
                    r.first_ban.clone(),
                    r.last_ban.clone(),
                    opt(r.country_code.clone()),
                    opt(r.asn),
                ]
            })
            .collect(),
    );
    Ok(Report::new("history recidive", data, view))
}

const CSV_COLUMNS: &[&str] = &[
    "banned_at",
    "jail",
    "ip",
    "bantime",
    "expires_at",
    "bancount",
    "origin",
    "source",
    "country_code",
    "country_name",
    "asn",
    "as_org",
    "data",
];

/// One CSV field, harmless to its reader, then RFC 4180 quoting: control
/// characters (C0, DEL, C1, so CR and LF too) become `\u00XX` text, a text
/// field that a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-` or `@`) gets a leading `'`, and a field holding a comma or quote is
/// quoted with quotes doubled. `text` is false for numbers and times.
fn csv_field(out: &mut String, s: &str, text: bool) {
    let mut v = String::with_capacity(s.len() + 1);
    if text && s.starts_with(['=', '+', '-', '@']) {
        v.push('\'');
    }
    for c in s.chars() {
        if c.is_control() {
            v.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            v.push(c);
        }
    }
    if v.contains([',', '"']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&v);
    }
}

fn csv_line(r: &HistoryRow, line: &mut String) {
    line.clear();
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let fields = [
        rfc3339(r.timeofban),
        r.jail.clone(),
        r.ip.clone(),
        r.bantime.map(|b| b.to_string()).unwrap_or_default(),
        r.expires_at().map(rfc3339).unwrap_or_default(),
        r.bancount.to_string(),
        r.origin.clone(),
        o(&r.source),
        o(&r.country_code),
        o(&r.country_name),
        r.asn.map(|a| a.to_string()).unwrap_or_default(),
        o(&r.as_org),
        o(&r.data),
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        // banned_at, bantime, expires_at, bancount and asn are numbers or times.
        csv_field(line, f, !matches!(i, 0 | 3 | 4 | 5 | 10));
    }
    line.push_str("\r\n");
}

fn export(app: &App, a: &HistoryFilterArgs, format: ExportFormat, o: OrderArg) -> Result<Report> {
    if a.fleet {
        return Err(Error::Usage(
            "history export reads the local history; --fleet works with list, stats and recidive"
                .into(),
        ));
    }
    let f = filter_from(a, None)?;
    let conn = app.db()?;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut line = String::new();
    let mut io_err: Option<io::Error> = None;
    let mut write = |bytes: &[u8]| -> bool {
        match out.write_all(bytes) {
            Ok(()) => true,
            Err(e) => {
                io_err = Some(e);
                false
            }
        }
    };
    let mut ok = true;
    if format == ExportFormat::Csv {
        ok = write(format!("{}\r\n", CSV_COLUMNS.join(",")).as_bytes());
    }
    if ok {
        history::for_each(&conn, &f, order(o), None, |r| {
            match format {
                ExportFormat::Ndjson => {
                    line.clear();
                    line.push_str(&bangui::util::json_line(&r.to_json()));
                    line.push('\n');
                }
                ExportFormat::Csv => csv_line(&r, &mut line),
            }
            Ok(write(line.as_bytes()))
        })?;
    }
    if io_err.is_none()
        && let Err(e) = out.flush()
    {
        io_err = Some(e);
    }
    match io_err {
        // The reader went away (`| head`): that is how a stream ends.
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Report::streamed("history export")),
        Some(e) => Err(Error::Io {
            context: "writing the export to stdout".into(),
            source: e,
        }),
        None => Ok(Report::streamed("history export")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let f = |s: &str, text: bool| {
            let mut out = String::new();
            csv_field(&mut out, s, text);
            out
        };
        assert_eq!(
            f(r#"{"matches": ["a,b"], "x": "q"}"#, true),
            r#""{""matches"": [""a,b""], ""x"": ""q""}""#
        );
        assert_eq!(f("plain", true), "plain");
        // Control characters from fail2ban data never reach the reader raw.
        assert_eq!(
            f("a\x1b[31mb\r\nc\u{9b}d", true),
            "a\\u001b[31mb\\u000d\\u000ac\\u009bd"
        );
        // Spreadsheet formulas are neutralised in text fields only.
        for (raw, want) in [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(f(raw, true), want, "{raw}");
        }
        assert_eq!(f("-1", false), "-1", "a permanent bantime stays a number");
    }

    #[test]
    fn chart_scales_to_the_largest_day() {
        let g = |k: &str, n| history::StatsGroup {
            key: Some(k.into()),
            name: None,
            bans: n,
            ips: n,
        };
        let c = bar_chart(&[g("2026-01-01", 10), g("2026-01-02", 5), g("2026-01-03", 0)]);
        let lines: Vec<&str> = c.lines().collect();
        assert_eq!(lines[0].matches('█').count(), 40);
        assert_eq!(lines[1].matches('█').count(), 20);
        assert!(lines[2].ends_with(" 0  "));
    }
}
