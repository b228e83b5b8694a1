//! Sources with target nft, in a network namespace with real packets: bangui
//! and nft run inside the lab's server namespace, clients connect over the
//! veth pair. The kernel's sets are read back with nft and compared with an
//! aggregation written here, independently of bangui's.

use serde_json::Value;

use crate::support::netns::{NetLab, ns_cmd};
use crate::support::{Run, TestEnv, bin, to_run};

const PORT: u16 = 8080;
const INSIDE: &str = "23.1.2.3";
const OUTSIDE: &str = "23.1.3.3";

fn run_in(env: &TestEnv, ns: &str, args: &[&str]) -> Run {
    let mut c = ns_cmd(ns, bin());
    env.isolate(&mut c);
    to_run(c.args(args).output().expect("run bangui in the namespace"))
}

fn nft_in(lab: &NetLab, args: &[&str]) -> std::process::Output {
    lab.server_cmd("nft").args(args).output().expect("run nft")
}

/// Merge inclusive ranges (sorted, adjacent and overlapping joined).
fn merge(mut v: Vec<(u128, u128)>) -> Vec<(u128, u128)> {
    v.sort_unstable();
    let mut out: Vec<(u128, u128)> = Vec::new();
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1.saturating_add(1) => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The merged intervals of one set as the kernel holds them (nft's JSON).
fn kernel_set(lab: &NetLab, set: &str) -> Option<Vec<(u128, u128)>> {
    let out = nft_in(lab, &["-j", "list", "set", "inet", "bangui", set]);
    if !out.status.success() {
        return None;
    }
    let doc: Value = serde_json::from_slice(&out.stdout).expect("nft JSON");
    let addr = |s: &str| -> u128 {
        match s.parse::<std::net::IpAddr>().expect("address") {
            std::net::IpAddr::V4(a) => u128::from(u32::from(a)),
            std::net::IpAddr::V6(a) => u128::from(a),
        }
    };
    let mut ranges = Vec::new();
    for item in doc["nftables"].as_array().unwrap() {
        for e in item["set"]["elem"].as_array().into_iter().flatten() {
            let r = if let Some(s) = e.as_str() {
                (addr(s), addr(s))
            } else if let Some(p) = e.get("prefix") {
                let a = addr(p["addr"].as_str().unwrap());
                let bits = if p["addr"].as_str().unwrap().contains(':') {
                    128
                } else {
                    32
                };
                let host = (1u128 << (bits - p["len"].as_u64().unwrap() as u32)) - 1;
                (a, a | host)
            } else {
                let r = e["range"].as_array().expect("range");
                (addr(r[0].as_str().unwrap()), addr(r[1].as_str().unwrap()))
            };
            ranges.push(r);
        }
    }
    Some(merge(ranges))
}

/// A deterministic feed of `n` lines: hosts, /24–/28 networks, `a - b`
/// ranges, some IPv6 and comments, in 60.0.0.0–89.255.255.255 and
/// 2a00::/12, plus the /24 around [`INSIDE`]. Returns the text and the
/// expected v4 and v6 intervals.
/// Merged inclusive address ranges (IPv4 values in the low 32 bits).
type Ranges = Vec<(u128, u128)>;

fn feed(n: usize, seed: u64) -> (Vec<String>, Ranges, Ranges) {
    let mut x = seed;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut lines = vec!["# a test feed".to_string(), "23.1.2.0/24".to_string()];
    for _ in 0..n {
        let r = next();
        let a = 0x3c00_0000u32 + (r as u32 % (30 << 24));
        let line = match (r >> 40) % 20 {
            0..=9 => std::net::Ipv4Addr::from(a).to_string(),
            10..=14 => {
                let p = 24 + ((r >> 48) % 5) as u32;
                let net = a & !((1u32 << (32 - p)) - 1);
                format!("{}/{p}", std::net::Ipv4Addr::from(net))
            }
            15..=17 => {
                let b = a.saturating_add(((r >> 50) % 300) as u32);
                format!(
                    "{} - {}",
                    std::net::Ipv4Addr::from(a),
                    std::net::Ipv4Addr::from(b)
                )
            }
            _ => {
                let v = (0x2a00u128 << 112) | (u128::from(r) << 48);
                format!("{}/64", std::net::Ipv6Addr::from(v & !((1u128 << 64) - 1)))
            }
        };
        lines.push(line);
    }
    let (v4, v6) = expected(&lines);
    (lines, v4, v6)
}

/// An aggregation of the feed written for the test.
fn expected(lines: &[String]) -> (Ranges, Ranges) {
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    for l in lines {
        if l.starts_with('#') {
            continue;
        }
        if let Some((a, b)) = l.split_once(" - ") {
            let a: std::net::Ipv4Addr = a.parse().unwrap();
            let b: std::net::Ipv4Addr = b.parse().unwrap();
            v4.push((u128::from(u32::from(a)), u128::from(u32::from(b))));
        } else if let Some((a, p)) = l.split_once('/') {
            let p: u32 = p.parse().unwrap();
            if a.contains(':') {
                let a = u128::from(a.parse::<std::net::Ipv6Addr>().unwrap());
                v6.push((a, a | ((1u128 << (128 - p)) - 1)));
            } else {
                let a = u128::from(u32::from(a.parse::<std::net::Ipv4Addr>().unwrap()));
                v4.push((a, a | ((1u128 << (32 - p)) - 1)));
            }
        } else {
            let a = u128::from(u32::from(l.parse::<std::net::Ipv4Addr>().unwrap()));
            v4.push((a, a));
        }
    }
    (merge(v4), merge(v6))
}

/// `blocklist source add feed URL --target nft` (file URL, no min interval),
/// plus `extra` options.
fn add_feed(env: &TestEnv, ns: &str, url: &str, extra: &[&str]) {
    let mut args = vec![
        "blocklist",
        "source",
        "add",
        "feed",
        url,
        "--target",
        "nft",
        "--allow-file",
        "--min-interval",
        "0s",
    ];
    args.extend_from_slice(extra);
    run_in(env, ns, &args).code(0);
}

fn write_feed(env: &TestEnv, lines: &[String]) -> String {
    let p = env.path().join("feed.txt");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    format!("file://{}", p.display())
}

fn assert_kernel(lab: &NetLab, v4: &[(u128, u128)], v6: &[(u128, u128)]) {
    let got4 = kernel_set(lab, "feed-v4").expect("set feed-v4 exists");
    assert_eq!(got4.len(), v4.len(), "feed-v4 interval count");
    assert!(
        got4 == v4,
        "feed-v4 differs from the independent aggregation"
    );
    let got6 = kernel_set(lab, "feed-v6").expect("set feed-v6 exists");
    assert!(
        got6 == v6,
        "feed-v6 differs from the independent aggregation"
    );
}

#[test]
fn nft_target_big_feed_real_packets_restore_and_rm() {
    let mut lab = NetLab::with_prefix("bgn");
    lab.listen(PORT);
    lab.add_client_addr(INSIDE).add_client_addr(OUTSIDE);
    assert!(lab.connects(INSIDE, PORT) && lab.connects(OUTSIDE, PORT));
    let ns = lab.server_ns();
    let env = TestEnv::new();

    let (lines, v4, v6) = feed(300_000, 0x9e37_79b9_7f4a_7c15);
    let url = write_feed(&env, &lines);
    add_feed(&env, &ns, &url, &[]);
    let r = run_in(&env, &ns, &["blocklist", "import", "feed", "-o", "json"]);
    r.code(0);
    let j = r.json();
    assert_eq!(j["data"]["sources"][0]["target"], "nft");
    assert_eq!(j["data"]["changed"], true);
    assert_kernel(&lab, &v4, &v6);
    assert!(
        !lab.connects(INSIDE, PORT),
        "inside the listed /24: dropped"
    );
    assert!(lab.connects(OUTSIDE, PORT), "outside: passes");
    let rules = String::from_utf8_lossy(
        &nft_in(&lab, &["list", "chain", "inet", "bangui", "feed-input"]).stdout,
    )
    .into_owned();
    assert!(rules.contains("priority filter - 10"), "{rules}");

    // 1% of the lines changed: only the difference is sent.
    let mut changed = lines.clone();
    let (extra, _, _) = feed(3_000, 42);
    for (i, l) in changed.iter_mut().skip(2).step_by(100).enumerate() {
        *l = extra[2 + i].clone();
    }
    let (v4b, v6b) = expected(&changed);
    write_feed(&env, &changed);
    let r = run_in(
        &env,
        &ns,
        &["blocklist", "import", "feed", "--force-fetch", "-o", "json"],
    );
    r.code(0);
    let s = &r.json()["data"]["sources"][0];
    let (added, removed) = (s["added"].as_u64().unwrap(), s["removed"].as_u64().unwrap());
    assert!(added > 0 && removed > 0 && added + removed < 12_000, "{s}");
    assert_kernel(&lab, &v4b, &v6b);

    // Counters: the dropped connection attempts were counted.
    let st = run_in(&env, &ns, &["blocklist", "status", "-o", "json"]);
    st.code(0);
    assert!(
        st.json()["data"]["sources"][0]["packets_dropped"]
            .as_u64()
            .unwrap()
            > 0
    );

    // Another tool flushes the ruleset: restore brings it back exactly.
    assert!(nft_in(&lab, &["flush", "ruleset"]).status.success());
    assert!(lab.connects(INSIDE, PORT));
    let r = run_in(&env, &ns, &["blocklist", "restore", "-o", "json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["table_was_missing"], true);
    assert_kernel(&lab, &v4b, &v6b);
    assert!(!lab.connects(INSIDE, PORT));

    // Flushed again: the restore job of `jobs run-due` puts it back.
    assert!(nft_in(&lab, &["flush", "ruleset"]).status.success());
    run_in(&env, &ns, &["jobs", "run", "blocklist-restore"]).code(0);
    assert!(!lab.connects(INSIDE, PORT));

    // disable takes it out of the kernel and keeps the data; enable puts it back.
    run_in(&env, &ns, &["blocklist", "source", "disable", "feed"]).code(0);
    assert!(kernel_set(&lab, "feed-v4").is_none());
    assert!(lab.connects(INSIDE, PORT));
    run_in(&env, &ns, &["blocklist", "source", "enable", "feed"]).code(0);
    assert!(!lab.connects(INSIDE, PORT));

    // rm leaves no set (and no table) behind; the host passes again.
    run_in(&env, &ns, &["blocklist", "source", "rm", "feed"]).code(0);
    assert!(
        !nft_in(&lab, &["list", "table", "inet", "bangui"])
            .status
            .success()
    );
    assert!(lab.connects(INSIDE, PORT));
    assert!(lab.connects(OUTSIDE, PORT));
}

#[test]
fn nft_flushed_table_is_restored_before_an_import() {
    let mut lab = NetLab::with_prefix("bgn");
    lab.listen(PORT);
    lab.add_client_addr(INSIDE).add_client_addr(OUTSIDE);
    let ns = lab.server_ns();
    let env = TestEnv::new();
    let lines: Vec<String> = vec!["23.1.2.0/24".into(), "77.1.1.1".into()];
    let url = write_feed(&env, &lines);
    add_feed(&env, &ns, &url, &["--hook", "both", "--action", "reject"]);
    run_in(&env, &ns, &["blocklist", "import", "feed"]).code(0);
    assert!(nft_in(&lab, &["flush", "ruleset"]).status.success());
    // The feed changes while the table is gone.
    let url2 = write_feed(&env, &["23.1.2.0/24".into(), "77.1.1.2".into()]);
    assert_eq!(url, url2);
    let r = run_in(
        &env,
        &ns,
        &["blocklist", "import", "feed", "--force-fetch", "-o", "json"],
    );
    r.code(0);
    let (v4, _) = expected(&["23.1.2.0/24".into(), "77.1.1.2".into()]);
    assert_eq!(kernel_set(&lab, "feed-v4").unwrap(), v4);
    assert!(!lab.connects(INSIDE, PORT));
    let chains = String::from_utf8_lossy(&nft_in(&lab, &["list", "chains"]).stdout).into_owned();
    assert!(
        chains.contains("feed-input") && chains.contains("feed-forward"),
        "{chains}"
    );
}

#[test]
fn nft_set_full_at_its_size_changes_nothing() {
    let lab = NetLab::with_prefix("bgn");
    let ns = lab.server_ns();
    let env = TestEnv::new();
    let lines: Vec<String> = (1..=10).map(|i| format!("77.1.{i}.1")).collect();
    let url = write_feed(&env, &lines);
    add_feed(&env, &ns, &url, &["--max-entries", "4"]);
    // --force takes it past bangui's own --max-entries check to the kernel,
    // whose set has size 4.
    let r = run_in(
        &env,
        &ns,
        &["blocklist", "import", "feed", "--force", "-o", "json"],
    );
    r.code(65);
    r.stderr_has("the set is full at its size");
    let s = &r.json()["data"]["sources"][0];
    assert_eq!(s["status"], "failed");
    assert_eq!(s["added"], 0);
    assert_eq!(kernel_set(&lab, "feed-v4").unwrap(), vec![]);
    let st = run_in(&env, &ns, &["blocklist", "status", "-o", "json"]);
    assert_eq!(st.json()["data"]["sources"][0]["entries"], 0);
}

#[test]
fn nft_missing_or_not_permitted_is_77_and_records_nothing() {
    let lab = NetLab::with_prefix("bgn");
    let ns = lab.server_ns();
    let env = TestEnv::new();
    let url = write_feed(&env, &["77.1.1.1".into()]);
    add_feed(&env, &ns, &url, &[]);

    env.write_config("[blocklist]\nnft = \"/nonexistent/nft\"\n");
    let r = run_in(&env, &ns, &["blocklist", "import", "feed"]);
    r.code(77);
    r.stderr_has("nft not found (/nonexistent/nft)");
    let r = run_in(&env, &ns, &["blocklist", "restore"]);
    r.code(77);

    env.write_config("");
    let mut c = ns_cmd(&ns, "setpriv");
    c.args(["--bounding-set=-net_admin", "--inh-caps=-net_admin", "--"])
        .arg(bin());
    env.isolate(&mut c);
    let r = to_run(c.args(["blocklist", "import", "feed"]).output().unwrap());
    r.code(77);
    r.stderr_has("not permitted");
    let st = run_in(&env, &ns, &["blocklist", "status", "-o", "json"]);
    let s = &st.json()["data"]["sources"][0];
    assert_eq!(s["entries"], 0);
    assert_eq!(s["last_success"], Value::Null);
    assert!(
        !nft_in(&lab, &["list", "table", "inet", "bangui"])
            .status
            .success()
    );
}

#[test]
fn nft_source_add_validates_its_target() {
    let env = TestEnv::new();
    let r = env.run(&[
        "blocklist",
        "source",
        "add",
        "x",
        "https://a.example/l",
        "--target",
        "nft",
        "--jail",
        "sshd",
    ]);
    r.code(2);
    r.stderr_has("exactly one target");
    let r = env.run(&[
        "blocklist",
        "source",
        "add",
        "1x",
        "https://a.example/l",
        "--target",
        "nft",
    ]);
    r.code(65);
    r.stderr_has("nft names start with a letter");
    let r = env.run(&[
        "blocklist",
        "source",
        "add",
        "ok",
        "https://a.example/l",
        "--target",
        "nft",
        "--hook",
        "forward",
        "-o",
        "json",
    ]);
    r.code(0);
    let s = &r.json()["data"]["source"];
    assert_eq!(
        (
            s["target"].as_str(),
            s["hook"].as_str(),
            s["action"].as_str()
        ),
        (Some("nft"), Some("forward"), Some("drop"))
    );
}

#[test]
fn verify_compares_nft_sets_with_the_database() {
    let lab = NetLab::with_prefix("bgn");
    let ns = lab.server_ns();
    let f2b = crate::support::fail2ban::Fail2ban::start_with(crate::support::fail2ban::Options {
        netns: Some(ns.clone()),
        ..Default::default()
    });
    let env = TestEnv::with_server(&f2b);
    let url = write_feed(&env, &["23.1.2.0/24".into(), "77.1.1.1".into()]);
    add_feed(&env, &ns, &url, &[]);
    run_in(&env, &ns, &["blocklist", "import", "feed"]).code(0);
    let r = run_in(&env, &ns, &["verify", "-o", "json"]);
    r.code(0);
    let v4 = feed_v4(&r);
    assert_eq!(
        (v4["present"].clone(), v4["missing_count"].clone()),
        (Value::Bool(true), 0.into())
    );

    // Another tool deletes an element: verify names it and fails.
    let del = nft_in(
        &lab,
        &[
            "delete",
            "element",
            "inet",
            "bangui",
            "feed-v4",
            "{ 77.1.1.1 }",
        ],
    );
    assert!(
        del.status.success(),
        "{}",
        String::from_utf8_lossy(&del.stderr)
    );
    let r = run_in(&env, &ns, &["verify", "-o", "json"]);
    r.code(1);
    let v4 = feed_v4(&r);
    assert_eq!(v4["missing"], serde_json::json!(["77.1.1.1"]), "{v4}");
    // And an element added by hand is stray, never an error of its own.
    run_in(&env, &ns, &["blocklist", "restore"]).code(0);
    let add = nft_in(
        &lab,
        &[
            "add",
            "element",
            "inet",
            "bangui",
            "feed-v4",
            "{ 88.1.1.1 }",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let r = run_in(&env, &ns, &["verify", "-o", "json"]);
    r.code(0);
    let v4 = feed_v4(&r);
    assert_eq!(
        (v4["missing_count"].clone(), v4["stray"].clone()),
        (0.into(), serde_json::json!(["88.1.1.1"])),
        "{v4}"
    );
}

/// `verify`'s comparison of set feed-v4.
fn feed_v4(r: &Run) -> Value {
    let sets = r.json()["data"]["nft_sources"].clone();
    sets.as_array()
        .into_iter()
        .flatten()
        .find(|s| s["set"] == "feed-v4")
        .cloned()
        .unwrap_or_else(|| panic!("no feed-v4 in {sets}"))
}
