//! `bangui blocklist`: real HTTP feeds on 127.0.0.1, the real fail2ban-server,
//! and fail2ban's own view of the jail (through the test's Python client) as
//! the judge of what is banned.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::fail2ban::{self, Jail};
use crate::support::http::{HttpServer, Response, gzip};
use crate::support::{Run, TestEnv, field_strs};

/// What fail2ban itself says the jail bans.
fn banned(jail: &Jail) -> BTreeSet<String> {
    fail2ban::shared().banned(&jail.name)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

struct Fx {
    env: TestEnv,
    http: HttpServer,
    jail: Jail,
}

impl Fx {
    fn new(tag: &str) -> Fx {
        let env = TestEnv::with_fail2ban();
        env.write_config("[blocklist]\nread_timeout = 2\nmax_body_bytes = 200000\n");
        Fx {
            env,
            http: HttpServer::start(),
            jail: fail2ban::shared().jail(tag),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.env.run(args)
    }

    /// Add a source over local http with no fetch interval.
    fn add(&self, name: &str, path: &str, extra: &[&str]) {
        let mut extra = extra.to_vec();
        extra.push("--allow-http");
        self.add_url(name, &self.http.url(path), &extra);
    }

    /// Add a source at `url` with no fetch interval.
    fn add_url(&self, name: &str, url: &str, extra: &[&str]) {
        let mut args = vec![
            "blocklist",
            "source",
            "add",
            name,
            url,
            "--jail",
            &self.jail.name,
            "--min-interval",
            "0s",
        ];
        args.extend_from_slice(extra);
        self.run(&args).code(0);
    }

    fn import(&self, args: &[&str]) -> Run {
        let mut a = vec!["blocklist", "import", "--json"];
        a.extend_from_slice(args);
        self.run(&a)
    }
}

fn src(r: &Run) -> Value {
    r.json()["data"]["sources"][0].clone()
}

const FIRST: &str = "# test feed\n\
203.0.113.7\n\
1.2.3.4\n1.2.3.5\n\
5.6.7.0/24\n5.6.7.9\n\
10.1.2.3\n127.0.0.1\n0.0.0.0/0\n\
9.9.9.0 - 9.9.9.3 ; range\n\
2a00:1450::1\n\
not-an-ip\n\
8.8.8.8\n";

#[test]
fn first_import_bans_exactly_the_aggregated_public_entries() {
    let fx = Fx::new("bl-first");
    fx.http.text("/list.txt", FIRST);
    fx.add("first", "/list.txt", &[]);
    assert!(
        fx.http.requests("/list.txt").is_empty(),
        "source add fetches nothing"
    );
    let r = fx.import(&["first"]);
    r.code(0);
    let s = src(&r);
    assert_eq!(r.json()["data"]["changed"], true);
    assert_eq!(s["status"], "ok");
    assert_eq!(s["valid"], 11);
    assert_eq!(s["invalid"], 1);
    assert_eq!(s["refused"]["documentation"], 1);
    assert_eq!(s["refused"]["private"], 1);
    assert_eq!(s["refused"]["loopback"], 1);
    assert_eq!(s["refused"]["all_addresses"], 1);
    assert_eq!(s["invalid_samples"][0]["line"], 12);
    let want = set(&[
        "1.2.3.4/31",
        "5.6.7.0/24",
        "9.9.9.0/30",
        "2a00:1450::1",
        "8.8.8.8",
    ]);
    assert_eq!(s["aggregated"], want.len());
    assert_eq!(banned(&fx.jail), want);
    // Recorded and audited.
    let log = fx.run(&["blocklist", "log", "--json"]).json();
    assert_eq!(log["data"]["imports"][0]["status"], "ok");
    assert_eq!(log["data"]["imports"][0]["added"], 5);
    let audit = fx.run(&["audit", "list", "--json"]).json();
    assert!(
        audit["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["command"] == "blocklist import")
    );
    let st = fx.run(&["blocklist", "status", "--json"]).json();
    assert_eq!(st["data"]["sources"][0]["entries"], 5);
    assert_eq!(st["data"]["sources"][0]["stale"], false);
}

#[test]
fn changed_list_applies_only_the_difference_and_unchanged_changes_nothing() {
    let fx = Fx::new("bl-diff");
    fx.http
        .text_with_etag("/l", "1.0.0.1\n1.0.0.3\n1.0.0.5\n1.0.0.7\n");
    fx.add("diff", "/l", &[]);
    fx.import(&["diff"]).code(0);
    assert_eq!(
        banned(&fx.jail),
        set(&["1.0.0.1", "1.0.0.3", "1.0.0.5", "1.0.0.7"])
    );

    // Same ETag: a conditional GET, 304, nothing applied.
    let r = fx.import(&["diff"]);
    r.code(0).stderr_has("unchanged");
    let s = src(&r);
    assert_eq!(
        (s["status"].as_str(), s["http_status"].as_u64()),
        (Some("unchanged"), Some(304))
    );
    assert_eq!(r.json()["data"]["changed"], false);
    assert!(
        fx.http
            .requests("/l")
            .last()
            .unwrap()
            .header("if-none-match")
            .is_some()
    );

    // Changed content: only the new are banned, only the removed unbanned.
    // A manual ban of a removed entry's neighbour must survive.
    fail2ban::shared().raw(json!([["set", fx.jail.name, "banip", "1.0.0.9"]]));
    fx.http
        .text_with_etag("/l", "1.0.0.1\n1.0.0.3\n1.0.0.5\n1.0.0.11\n");
    let r = fx.import(&["diff"]);
    r.code(0);
    let s = src(&r);
    assert_eq!(
        (s["added"].as_u64(), s["removed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(s["added_sample"], json!(["1.0.0.11"]));
    assert_eq!(s["removed_sample"], json!(["1.0.0.7"]));
    assert_eq!(
        banned(&fx.jail),
        set(&["1.0.0.1", "1.0.0.3", "1.0.0.5", "1.0.0.9", "1.0.0.11"])
    );

    // Same content without validators (--force-fetch): unchanged, says so.
    let r = fx.import(&["diff", "--force-fetch"]);
    r.code(0).stderr_has("unchanged");
    assert_eq!(src(&r)["http_status"], 200);
    assert_eq!(r.json()["data"]["changed"], false);
}

#[test]
fn overlapping_sources_never_unban_what_the_other_still_lists() {
    let fx = Fx::new("bl-overlap");
    fx.http
        .text("/a", "2.0.0.1\n2.0.0.3\n2.0.0.5\n2.0.0.7\n2.0.0.9\n");
    fx.http.text("/b", "2.0.0.9\n2.0.0.11\n");
    fx.add("a", "/a", &[]);
    fx.add("b", "/b", &[]);
    fx.import(&["a", "b"]).code(0);
    assert_eq!(banned(&fx.jail).len(), 6);
    // a drops 2.0.0.9, which b still lists.
    fx.http.text("/a", "2.0.0.1\n2.0.0.3\n2.0.0.5\n2.0.0.7\n");
    let r = fx.import(&["a"]);
    r.code(0);
    assert_eq!(src(&r)["kept_for_other_sources"], 1);
    assert!(banned(&fx.jail).contains("2.0.0.9"));
    // Removing a unbans only what b does not list.
    fx.http
        .text("/a", "2.0.0.1\n2.0.0.3\n2.0.0.5\n2.0.0.7\n2.0.0.11\n");
    fx.import(&["a"]).code(0);
    let r = fx.run(&["blocklist", "source", "rm", "a", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["unbanned"], 4);
    assert_eq!(r.json()["data"]["kept_for_other_sources"], 1);
    assert_eq!(banned(&fx.jail), set(&["2.0.0.9", "2.0.0.11"]));
    // --keep-bans leaves them.
    let r = fx.run(&["blocklist", "source", "rm", "b", "--keep-bans", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["kept"], 2);
    assert_eq!(banned(&fx.jail), set(&["2.0.0.9", "2.0.0.11"]));
    fx.run(&["blocklist", "source", "show", "b"]).code(78);
}

#[test]
fn shrink_over_half_aborts_with_65_and_applies_nothing() {
    let fx = Fx::new("bl-shrink");
    let ten: String = (1..=10).map(|i| format!("3.0.0.{}\n", i * 2)).collect();
    fx.http.text("/s", &ten);
    fx.add("s", "/s", &[]);
    fx.import(&["s"]).code(0);
    let before = banned(&fx.jail);
    assert_eq!(before.len(), 10);
    fx.http.text("/s", "3.0.0.2\n3.0.0.4\n");
    let r = fx.import(&["s"]);
    r.code(65).stderr_has("shrank");
    assert_eq!(src(&r)["status"], "aborted");
    assert_eq!(banned(&fx.jail), before);
    // Too many invalid lines abort too; --force applies.
    fx.http.text("/s", &format!("{ten}x\ny\n"));
    fx.import(&["s"]).code(65).stderr_has("invalid");
    fx.http.text("/s", "3.0.0.2\n3.0.0.4\n");
    fx.import(&["s", "--force"]).code(0);
    assert_eq!(banned(&fx.jail), set(&["3.0.0.2", "3.0.0.4"]));
}

#[test]
fn failed_fetches_change_nothing() {
    let fx = Fx::new("bl-fail");
    fx.http.text("/f", "4.0.0.1\n4.0.0.3\n");
    fx.add("f", "/f", &[]);
    fx.import(&["f"]).code(0);
    let before = banned(&fx.jail);
    fx.http.route("/f", |_| Response::status(500));
    let r = fx.import(&["f"]);
    r.code(1).stderr_has("HTTP 500");
    assert_eq!(src(&r)["http_status"], 500);
    fx.http.route("/f", |_| Response::status(404));
    fx.import(&["f"]).code(1).stderr_has("HTTP 404");
    fx.http.route("/f", |_| {
        Response::ok("<!DOCTYPE html>\n<html><body>\n<h1>Moved</h1>\n</body></html>\n")
            .header("Content-Type", "text/html")
    });
    fx.import(&["f"]).code(65).stderr_has("invalid");
    fx.http.route("/f", |_| {
        Response::ok("4.0.0.1\n").delayed(Duration::from_secs(4))
    });
    fx.import(&["f"]).code(1).stderr_has("timed out");
    fx.http
        .route("/f", |_| Response::ok("4.0.0.1\n".repeat(60_000)));
    fx.import(&["f"]).code(65).stderr_has("max_body_bytes");
    assert_eq!(banned(&fx.jail), before);
    let log = fx
        .run(&["blocklist", "log", "--source", "f", "--json"])
        .json();
    let statuses: Vec<&str> = field_strs(&log["data"]["imports"], "status");
    // Newest first: oversized, timeout, HTML (aborted: all invalid), 404, 500.
    assert_eq!(
        statuses,
        ["failed", "failed", "aborted", "failed", "failed", "ok"]
    );
    let st = fx.run(&["blocklist", "status", "--json"]).json();
    assert!(st["data"]["sources"][0]["last_failure"].is_string());
}

#[test]
fn redirects_gzip_and_last_modified() {
    let fx = Fx::new("bl-redir");
    let u = fx.http.url("/final");
    fx.http.route("/r1", move |_| Response::redirect(&u));
    fx.http.route("/final", |r| {
        if r.header("if-modified-since") == Some("Tue, 01 Jul 2025 00:00:00 GMT") {
            return Response::status(304);
        }
        let body = gzip(b"5.0.0.1\n5.0.0.2\n");
        Response::ok(body)
            .header("Content-Encoding", "gzip")
            .header("Last-Modified", "Tue, 01 Jul 2025 00:00:00 GMT")
    });
    fx.add("r", "/r1", &[]);
    let r = fx.import(&["r"]);
    r.code(0);
    assert_eq!(banned(&fx.jail), set(&["5.0.0.1", "5.0.0.2"]));
    let r = fx.import(&["r"]);
    r.code(0);
    assert_eq!(src(&r)["http_status"], 304);

    // Six hops is one too many.
    for i in 0..7 {
        let next = fx.http.url(&format!("/loop{}", i + 1));
        fx.http
            .route(&format!("/loop{i}"), move |_| Response::redirect(&next));
    }
    fx.add("many", "/loop0", &[]);
    fx.import(&["many"])
        .code(1)
        .stderr_has("more than 5 redirects");
    // Never to a scheme the source may not use.
    fx.http
        .route("/tofile", |_| Response::redirect("file:///etc/passwd"));
    fx.add("tofile", "/tofile", &[]);
    fx.import(&["tofile"]).code(1).stderr_has("may not fetch");
    assert_eq!(banned(&fx.jail), set(&["5.0.0.1", "5.0.0.2"]));
}

#[test]
fn rate_limit_gives_75_and_force_fetch_skips_it() {
    let fx = Fx::new("bl-rate");
    fx.http.text("/rl", "6.0.0.1\n");
    let url = fx.http.url("/rl");
    fx.run(&[
        "blocklist",
        "source",
        "add",
        "rl",
        &url,
        "-j",
        &fx.jail.name,
        "--allow-http",
        "--min-interval",
        "1h",
    ])
    .code(0);
    fx.import(&["rl"]).code(0);
    let r = fx.import(&["rl"]);
    r.code(75).stderr_has("try again in");
    assert!(src(&r)["retry_after_s"].as_u64().unwrap() > 3500);
    assert_eq!(fx.http.requests("/rl").len(), 1);
    fx.import(&["rl", "--force-fetch"]).code(0);
    assert_eq!(fx.http.requests("/rl").len(), 2);
}

#[test]
fn dry_run_changes_nothing() {
    let fx = Fx::new("bl-dry");
    fx.http.text("/d", "7.0.0.1\n7.0.0.2\n");
    fx.add("d", "/d", &[]);
    let r = fx.import(&["d", "--dry-run"]);
    r.code(0).stderr_has("would ban 2");
    assert_eq!(src(&r)["to_add"], 2);
    assert_eq!(r.json()["data"]["changed"], false);
    assert!(banned(&fx.jail).is_empty());
    let st = fx.run(&["blocklist", "status", "--json"]).json();
    assert_eq!(st["data"]["sources"][0]["entries"], 0);
}

#[test]
fn sources_validation_listing_and_toggles() {
    let fx = Fx::new("bl-src");
    let j = fx.jail.name.as_str();
    fx.run(&[
        "blocklist",
        "source",
        "add",
        "x",
        "http://127.0.0.1/x",
        "-j",
        j,
    ])
    .code(65)
    .stderr_has("--allow-http");
    fx.run(&[
        "blocklist",
        "source",
        "add",
        "bad name",
        "https://a.example/",
        "-j",
        j,
    ])
    .code(65);
    fx.run(&["blocklist", "source", "add", "f", "file:///tmp/x", "-j", j])
        .code(65)
        .stderr_has("--allow-file");
    fx.run(&[
        "blocklist",
        "source",
        "add",
        "c",
        "https://a.example/x.csv",
        "-j",
        j,
        "--format",
        "csv:2",
    ])
    .code(0);
    fx.run(&[
        "blocklist",
        "source",
        "add",
        "c",
        "https://a.example/x.csv",
        "-j",
        j,
    ])
    .code(65)
    .stderr_has("exists");
    let r = fx.run(&["blocklist", "source", "disable", "c", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["changed"], true);
    assert_eq!(
        fx.run(&["blocklist", "source", "disable", "c", "--json"])
            .json()["data"]["changed"],
        false
    );
    fx.run(&["blocklist", "source", "enable", "c"]).code(0);
    let l = fx.run(&["blocklist", "source", "list", "--json"]).json();
    assert_eq!(l["data"]["sources"][0]["format"], "csv:2");
    assert_eq!(l["data"]["sources"][0]["origin"], "cli");
    fx.run(&["blocklist", "source", "list", "-o", "plain"])
        .code(0)
        .stdout_has("c\t");
    fx.run(&["blocklist", "source", "show", "c"])
        .code(0)
        .stdout_has("csv:2");
    fx.run(&["blocklist", "import", "nope"]).code(78);
    fx.run(&["blocklist", "import"]).code(2);
}

#[test]
fn config_sources_from_file_and_all_with_partial_failure() {
    let fx = Fx::new("bl-cfg");
    fx.http.text("/good", "8.0.0.1\n");
    fx.http.route("/bad", |_| Response::status(500));
    fx.env.write_config(&format!(
        "[blocklist]\nread_timeout = 2\n\n[[blocklist.sources]]\nname = \"good\"\nurl = \"{}\"\njail = \"{}\"\nallow_http = true\nmin_interval = \"0s\"\n\n\
         [[blocklist.sources]]\nname = \"bad\"\nurl = \"{}\"\njail = \"{}\"\nallow_http = true\nmin_interval = 0\n",
        fx.http.url("/good"),
        fx.jail.name,
        fx.http.url("/bad"),
        fx.jail.name
    ));
    let l = fx.run(&["blocklist", "source", "list", "--json"]).json();
    assert_eq!(l["data"]["sources"][0]["origin"], "config");
    let r = fx.import(&["--all"]);
    r.code(3);
    assert_eq!(banned(&fx.jail), set(&["8.0.0.1"]));
    fx.run(&["blocklist", "source", "rm", "good"])
        .code(78)
        .stderr_has("config file");

    // --from-file: an implicit file source.
    let f = fx.env.path().join("local.txt");
    std::fs::write(&f, "8.0.0.3\n8.0.0.5\n").unwrap();
    let r = fx.import(&["--from-file", f.to_str().unwrap(), "--jail", &fx.jail.name]);
    r.code(0);
    assert_eq!(src(&r)["source"], "file-local.txt");
    assert!(banned(&fx.jail).contains("8.0.0.5"));
    fx.import(&["--from-file", "/nonexistent/x.txt", "--jail", &fx.jail.name])
        .code(66);
}

#[test]
fn unknown_jail_is_78_and_fail2ban_down_is_69() {
    let fx = Fx::new("bl-jail");
    fx.http.text("/j", "9.0.0.1\n");
    let url = fx.http.url("/j");
    fx.run(&[
        "blocklist",
        "source",
        "add",
        "j",
        &url,
        "-j",
        "no-such-jail",
        "--allow-http",
    ])
    .code(0);
    fx.import(&["j"]).code(78);
    assert!(
        fx.http.requests("/j").is_empty(),
        "nothing fetched for a missing jail"
    );
    let env = TestEnv::new();
    env.run(&[
        "blocklist",
        "source",
        "add",
        "j",
        &url,
        "-j",
        "x",
        "--allow-http",
    ])
    .code(0);
    env.run(&["blocklist", "import", "j"]).code(69);
}

#[test]
fn every_fixture_format_parses_cleanly() {
    let fx = Fx::new("bl-fmt");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blocklists");
    // (file, format, valid, invalid, refused): DShield's column header is
    // one invalid line (5%, below the threshold); FireHOL level1 lists
    // bogons and private ranges, and Spamhaus' v6 /29 is wider than the /32
    // limit: the policy refuses them.
    for (file, format, valid, invalid, refused) in [
        ("plain-ips.txt", "auto", 6, 0, 0),
        ("cidrs.txt", "auto", 4, 0, 0),
        ("ranges.txt", "plain", 3, 0, 0),
        ("spamhaus-drop.txt", "spamhaus-drop", 3, 0, 0),
        ("spamhaus-drop.json", "spamhaus-json", 3, 0, 1),
        ("firehol-level1.netset", "auto", 7, 0, 3),
        ("dshield-block.txt", "auto", 20, 1, 0),
        ("feodo.csv", "csv:2", 3, 0, 0),
        ("ipsum.txt", "auto", 4, 0, 0),
        ("crlf-bom.txt", "auto", 3, 0, 0),
    ] {
        let name = file.replace('.', "-");
        let url = format!("file://{}", dir.join(file).display());
        fx.run(&[
            "blocklist",
            "source",
            "add",
            &name,
            &url,
            "-j",
            &fx.jail.name,
            "--allow-file",
            "--format",
            format,
        ])
        .code(0);
        let r = fx.import(&[&name, "--dry-run"]);
        r.code(0);
        let s = src(&r);
        assert_eq!(
            (s["valid"].as_u64(), s["invalid"].as_u64()),
            (Some(valid), Some(invalid)),
            "{file}: {s}"
        );
        let r: u64 = s["refused"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(r, refused, "{file}: {s}");
    }
    // A local file has no provider to spare: no default minimum interval.
    fx.import(&["plain-ips-txt"]).code(0);
    fx.import(&["plain-ips-txt"]).code(0);
    let shown = fx.run(&["blocklist", "source", "show", "plain-ips-txt", "--json"]);
    assert_eq!(
        shown.code(0).json()["data"]["source"]["min_interval_s"],
        0,
        "{}",
        shown.stdout
    );
}

#[test]
fn the_blocklist_import_job_imports_due_sources_under_the_lock() {
    let fx = Fx::new("bl-job");
    fx.http.text("/job.txt", "1.2.3.4\n8.8.8.8\n");
    fx.add("jobsrc", "/job.txt", &["--interval", "1h"]);
    let r = fx.run(&["jobs", "run", "blocklist-import", "--json"]);
    r.code(0);
    assert_eq!(banned(&fx.jail), set(&["1.2.3.4", "8.8.8.8"]));
    let hist = fx
        .run(&["jobs", "history", "--job", "blocklist-import", "--json"])
        .json();
    assert_eq!(hist["data"][0]["status"], "ok");
    assert_eq!(hist["data"][0]["summary"]["due"], json!(["jobsrc"]));
    // Within its interval the source is not due: a second run fetches nothing.
    let before = fx.http.requests("/job.txt").len();
    fx.run(&["jobs", "run", "blocklist-import"]).code(0);
    assert_eq!(fx.http.requests("/job.txt").len(), before);
}

#[test]
fn more_than_max_entries_is_refused_with_65_and_applies_nothing() {
    let fx = Fx::new("bl-max");
    let five: String = (1..=5).map(|i| format!("4.0.{i}.9\n")).collect();
    fx.http.text("/m", &five);
    fx.add("m", "/m", &["--max-entries", "3"]);
    let r = fx.import(&["m"]);
    r.code(65).stderr_has("more than its --max-entries 3");
    assert_eq!(src(&r)["status"], "aborted");
    assert_eq!(r.json()["data"]["changed"], false);
    assert!(banned(&fx.jail).is_empty(), "nothing was banned");
    let st = fx.run(&["blocklist", "status", "--json"]).json();
    assert_eq!(st["data"]["sources"][0]["entries"], 0);
    // Within the limit it applies; --force applies beyond it.
    fx.http.text("/m", "4.0.1.9\n4.0.2.9\n");
    fx.import(&["m"]).code(0);
    assert_eq!(banned(&fx.jail), set(&["4.0.1.9", "4.0.2.9"]));
    fx.http.text("/m", &five);
    fx.import(&["m", "--force"]).code(0);
    assert_eq!(banned(&fx.jail).len(), 5);
}

/// fail2ban stops between two batches of an import: bangui's table holds
/// exactly the batches fail2ban confirmed (fail2ban's own ban database is
/// the judge), the import is recorded as failed, and the exit code says
/// fail2ban is unavailable.
#[test]
fn fail2ban_stopping_mid_import_keeps_exactly_the_confirmed_batches() {
    let server = fail2ban::Fail2ban::private();
    let env = TestEnv::with_server(&server);
    env.write_config("[blocklist]\nbatch_size = 1\n");
    let jail = server.jail("bl-mid");
    let http = HttpServer::start();
    let total = 20_000;
    let list: String = (0..total)
        .map(|i| format!("20.{}.{}.1\n", i / 250, i % 250))
        .collect();
    http.text("/big", &list);
    let url = http.url("/big");
    env.run(&[
        "blocklist",
        "source",
        "add",
        "mid",
        &url,
        "--jail",
        &jail.name,
        "--allow-http",
        "--min-interval",
        "0s",
    ])
    .code(0);
    // fail2ban's database goes with its directory when it stops: keep a link.
    let keep = tempfile::Builder::new()
        .prefix("bgb.")
        .tempdir_in("/tmp")
        .unwrap();
    let f2b_db = keep.path().join("fail2ban.sqlite3");
    std::fs::hard_link(server.dir.join("fail2ban.sqlite3"), &f2b_db).unwrap();

    let child = env
        .cmd()
        .args(["blocklist", "import", "--json", "mid"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ours =
        rusqlite::Connection::open_with_flags(env.db(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY);
    let t0 = std::time::Instant::now();
    loop {
        let n: i64 = ours
            .as_ref()
            .ok()
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM blocklist_entries", [], |r| r.get(0))
                    .ok()
            })
            .unwrap_or(0);
        if n >= 20 {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the import never got going"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    server.stop();
    let r = crate::support::to_run(child.wait_with_output().unwrap());
    r.code(69);
    let s = src(&r);
    assert_eq!(s["status"], "failed", "{s}");
    let added = s["added"].as_u64().unwrap();
    assert!(
        added > 0 && added < total,
        "added {added} of {total}: not mid-import"
    );

    let c = rusqlite::Connection::open(env.db()).unwrap();
    let rows = |pending: bool| -> BTreeSet<String> {
        let mut st = c
            .prepare("SELECT network FROM blocklist_entries WHERE (pending <> 0) = ?1")
            .unwrap();
        st.query_map([pending], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let recorded = rows(false);
    let pending = rows(true);
    assert_eq!(
        recorded.len() as u64,
        added,
        "the confirmed rows say what the report says"
    );
    // The batch (of 1) sent as fail2ban stopped stays written ahead: the
    // next run reconciles it against fail2ban's list.
    assert!(
        pending.len() <= 1,
        "more than one batch pending: {pending:?}"
    );
    let f = rusqlite::Connection::open(&f2b_db).unwrap();
    let mut st = f
        .prepare("SELECT DISTINCT ip FROM bans WHERE jail = ?1")
        .unwrap();
    let confirmed: BTreeSet<String> = st
        .query_map([&jail.name], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let unconfirmed: Vec<_> = recorded.difference(&confirmed).collect();
    assert!(
        unconfirmed.is_empty(),
        "recorded as banned but never banned by fail2ban: {unconfirmed:?}"
    );
    // fail2ban may have applied the batch it was given as it stopped without
    // answering: that batch is the pending one, never an unrecorded ban.
    let unrecorded: Vec<_> = confirmed
        .iter()
        .filter(|ip| !recorded.contains(*ip) && !pending.contains(*ip))
        .collect();
    assert!(
        unrecorded.is_empty(),
        "banned by fail2ban but not recorded: {unrecorded:?}"
    );
    let log = env.run(&["blocklist", "log", "--json"]).json();
    assert_eq!(log["data"]["imports"][0]["status"], "failed");
}

/// A small HTTPS server on 127.0.0.1 (rustls) that answers every request
/// with `body`; counts the requests it answered. Stopped on drop.
struct TlsFeed {
    port: u16,
    served: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl TlsFeed {
    fn start(
        chain: Vec<rustls::pki_types::CertificateDer<'static>>,
        key: &rcgen::KeyPair,
        body: &str,
    ) -> TlsFeed {
        use std::io::{Read, Write};
        use std::sync::atomic::Ordering;
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into());
        let config = std::sync::Arc::new(
            rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (count, halt) = (served.clone(), stop.clone());
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        std::thread::spawn(move || {
            while !halt.load(Ordering::SeqCst) {
                let Ok((sock, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                let _ = sock.set_nonblocking(false);
                let _ = sock.set_read_timeout(Some(Duration::from_secs(5)));
                let conn = rustls::ServerConnection::new(config.clone()).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, sock);
                let mut head = Vec::new();
                let mut b = [0u8; 1024];
                // A refused handshake ends here with an error.
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut b) {
                        Ok(n) if n > 0 => head.extend_from_slice(&b[..n]),
                        _ => break,
                    }
                }
                if head.windows(4).any(|w| w == b"\r\n\r\n")
                    && tls.write_all(response.as_bytes()).is_ok()
                {
                    count.fetch_add(1, Ordering::SeqCst);
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                }
            }
        });
        TlsFeed { port, served, stop }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}/list.txt", self.port)
    }

    fn served(&self) -> usize {
        self.served.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for TlsFeed {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// HTTPS from a local server: a certificate from the CA in
/// `blocklist.ca_file` is accepted; a self-signed one is refused, and so is
/// the test CA's without `ca_file` (the built-in Mozilla roots).
#[test]
fn https_feeds_are_verified_against_blocklist_ca_file() {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
    let fx = Fx::new("bl-tls");
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "bangui test CA");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    let good = TlsFeed::start(
        vec![leaf.der().clone(), ca_cert.der().clone()],
        &leaf_key,
        "4.1.0.1\n4.1.0.2\n",
    );
    let self_key = KeyPair::generate().unwrap();
    let self_signed = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .self_signed(&self_key)
        .unwrap();
    let bad = TlsFeed::start(vec![self_signed.der().clone()], &self_key, "4.1.0.9\n");

    for (name, url) in [("good", good.url()), ("bad", bad.url())] {
        fx.add_url(name, &url, &[]);
    }
    // Without ca_file only the Mozilla roots count: the test CA is unknown.
    fx.import(&["good"]).code(1).stderr_has("certificate");
    assert_eq!(good.served(), 0);

    let ca_file = fx.env.path().join("test-ca.pem");
    std::fs::write(&ca_file, ca_cert.pem()).unwrap();
    fx.env.write_config(&format!(
        "[blocklist]\nread_timeout = 2\nmax_body_bytes = 200000\nca_file = \"{}\"\n",
        ca_file.display()
    ));
    let r = fx.import(&["good"]);
    r.code(0);
    assert_eq!(src(&r)["status"], "ok");
    assert_eq!(good.served(), 1);
    assert_eq!(banned(&fx.jail), set(&["4.1.0.1", "4.1.0.2"]));

    let r = fx.import(&["bad"]);
    r.code(1).stderr_has("certificate");
    assert_eq!(
        bad.served(),
        0,
        "nothing was requested over the refused connection"
    );
    assert_eq!(banned(&fx.jail), set(&["4.1.0.1", "4.1.0.2"]));

    // A ca_file that holds no certificate is a configuration error.
    std::fs::write(&ca_file, "not a certificate\n").unwrap();
    fx.import(&["good"])
        .code(78)
        .stderr_has("no PEM certificate");
}
