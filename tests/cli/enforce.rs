//! Enforcement: real fail2ban servers with real firewall actions inside
//! network namespaces, real packets over a veth pair. The release is
//! `F2B_VERSION` unless a test names one.

use serde_json::Value;

use crate::support::fail2ban::{Fail2ban, Options, env_version};
use crate::support::netns::NetLab;
use crate::support::{Run, TestEnv};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A lab with a listener on 8080 and 8081, a fail2ban server inside its
/// server namespace, and a bangui environment pointed at it.
struct Rig {
    env: TestEnv,
    f2b: Fail2ban,
    lab: NetLab,
}

impl Rig {
    fn new(conf: &str, version: Option<&str>, addrs: &[&str]) -> Rig {
        let mut lab = NetLab::new();
        for a in addrs {
            lab.add_client_addr(a);
        }
        lab.listen(8080);
        lab.listen(8081);
        let f2b = Fail2ban::start_with(Options {
            netns: Some(lab.server_ns()),
            conf_dir: Some(fixture(conf)),
            version: version.map(str::to_string),
        });
        let env = TestEnv::with_server(&f2b);
        Rig { env, f2b, lab }
    }

    fn bangui(&self, args: &[&str]) -> Run {
        self.env.run_in(&self.lab.server_ns(), args)
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.bangui(&all);
        let v = r.json();
        (r.code, v)
    }

    fn nft(&self, args: &[&str]) -> String {
        self.lab.server_run("nft", args)
    }

    /// Add or delete an element of jail `nft`'s set behind fail2ban's back.
    fn nft_element(&self, op: &str, ip: &str) {
        let elem = format!("{{ {ip} }}");
        self.nft(&[op, "element", "inet", "f2b-table", "addr-set-nft", &elem]);
    }

    fn banned(&self, jail: &str) -> Vec<String> {
        let out = self.f2b.raw(serde_json::json!([["get", jail, "banip"]]));
        out.split(|c: char| !(c.is_ascii_hexdigit() || c == '.' || c == ':' || c == '/'))
            .filter(|w| w.contains('.') || w.matches(':').count() >= 2)
            .map(str::to_string)
            .collect()
    }
}

fn item<'a>(v: &'a Value, ip: &str) -> &'a Value {
    v["data"]["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["ip"] == ip))
        .unwrap_or_else(|| panic!("no item {ip} in {v}"))
}

fn jail<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["data"]["jails"]
        .as_array()
        .and_then(|a| a.iter().find(|j| j["jail"] == name))
        .unwrap_or_else(|| panic!("no jail {name} in {v}"))
}

/// The lab itself: a listener that answers, a firewall that drops, and a
/// fail2ban ban (set through fail2ban's own client) that blocks a packet.
#[test]
fn lab_packets_follow_fail2ban_bans() {
    let rig = Rig::new(
        "enforce",
        None,
        &["45.13.0.7/24", "45.13.1.9", "2a0b:4d07::7"],
    );
    let lab = &rig.lab;
    assert!(lab.connects("45.13.0.7", 8080));
    assert!(lab.connects("2a0b:4d07::7", 8080));
    assert!(!lab.connects("45.13.0.7", 8082), "nothing listens on 8082");
    rig.f2b
        .raw(serde_json::json!([["set", "ipt", "banip", "45.13.0.7"]]));
    assert!(!lab.connects("45.13.0.7", 8080), "banned host connects");
    assert!(
        lab.connects("45.13.0.7", 8081),
        "multiport blocks another port"
    );
    assert!(lab.connects("45.13.1.9", 8080), "other host is blocked");
    rig.f2b
        .raw(serde_json::json!([["set", "ipt", "unbanip", "45.13.0.7"]]));
    assert!(lab.connects("45.13.0.7", 8080), "unbanned host is blocked");
}

/// The operator's path: ban, verify, a ban deleted by another tool shows
/// up as missing, a hand-added entry as stray, --repair (and its dry run)
/// puts the ban back through fail2ban and leaves the stray alone.
#[test]
fn verify_finds_missing_and_stray_entries_and_repairs_through_fail2ban() {
    let rig = Rig::new("enforce", None, &["45.13.0.7", "45.13.1.9", "2a0b:4d07::7"]);
    let (code, v) = rig.json(&["ban", "45.13.0.7", "2a0b:4d07::7", "--jail", "nft"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(item(&v, "45.13.0.7")["enforced"], true);
    assert_eq!(item(&v, "2a0b:4d07::7")["status"], "banned");
    assert!(!rig.lab.connects("45.13.0.7", 8080));
    assert!(!rig.lab.connects("2a0b:4d07::7", 8080));

    let (code, v) = rig.json(&["verify"]);
    assert_eq!(code, 0, "{v}");
    let nft = jail(&v, "nft");
    assert_eq!(nft["banned"], 2);
    assert_eq!(nft["enforced"], 2);
    assert_eq!(nft["missing"], serde_json::json!([]));
    assert_eq!(nft["actions"][0]["kind"], "nftables");
    assert_eq!(nft["actions"][0]["inspectable"], true);
    assert_eq!(jail(&v, "ipt")["banned"], 0);
    assert_eq!(v["data"]["repairs"], Value::Null);

    // Another tool deletes the element: fail2ban still lists the ban.
    rig.nft_element("delete", "45.13.0.7");
    rig.nft_element("add", "45.13.1.9");
    assert!(
        rig.lab.connects("45.13.0.7", 8080),
        "the deleted ban still drops"
    );
    // explain says the same per ban: held before, not held now.
    let (code, v) = rig.json(&["explain", "45.13.0.7", "2a0b:4d07::7"]);
    assert_eq!(code, 0, "{v}");
    let held = |ip: &str| {
        let x = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["ip"] == ip)
            .unwrap_or_else(|| panic!("no report for {ip}: {v}"));
        x["bans"][0]["enforced"].clone()
    };
    assert_eq!(held("45.13.0.7"), false, "{v}");
    assert_eq!(held("2a0b:4d07::7"), true, "{v}");
    let (code, v) = rig.json(&["verify", "--jail", "nft"]);
    assert_eq!(code, 1, "{v}");
    let nft = jail(&v, "nft");
    assert_eq!(nft["missing"], serde_json::json!(["45.13.0.7"]));
    assert_eq!(nft["stray"], serde_json::json!(["45.13.1.9"]));
    assert_eq!(nft["enforced"], 1);
    assert_eq!(v["data"]["jails"].as_array().unwrap().len(), 1);
    rig.bangui(&["verify", "--jail", "nft"])
        .code(1)
        .stderr_has("verify --repair");

    let (code, v) = rig.json(&["verify", "--jail", "nft", "--repair", "--dry-run"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["data"]["repairs"][0]["status"], "would_repair");
    assert_eq!(v["data"]["changed"], false);
    assert!(rig.lab.connects("45.13.0.7", 8080), "--dry-run repaired");

    let (code, v) = rig.json(&["verify", "--jail", "nft", "--repair"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["data"]["repairs"][0]["ip"], "45.13.0.7");
    assert_eq!(v["data"]["repairs"][0]["status"], "repaired");
    assert_eq!(v["data"]["changed"], true);
    assert_eq!(jail(&v, "nft")["missing"], serde_json::json!([]));
    assert!(!rig.lab.connects("45.13.0.7", 8080), "repair did not block");
    // The stray stays: --repair never removes what it did not put there.
    assert_eq!(jail(&v, "nft")["stray"], serde_json::json!(["45.13.1.9"]));
    let set = rig.nft(&["list", "set", "inet", "f2b-table", "addr-set-nft"]);
    assert!(set.contains("45.13.1.9"), "{set}");
}

/// A network into a jail whose nftables set has no `flags interval` is
/// refused before it reaches fail2ban (1.0.2, 1.1.0); 1.1.1's set holds
/// it. iptables rules hold networks on every release.
#[test]
fn networks_are_refused_where_the_kernel_cannot_hold_them() {
    let rig = Rig::new("enforce", None, &["45.13.0.7", "45.13.1.9"]);
    let interval = env_version() == "1.1.1";

    let (code, v) = rig.json(&["ban", "45.13.0.0/24", "--jail", "nft"]);
    if interval {
        assert_eq!(code, 0, "{v}");
        assert_eq!(item(&v, "45.13.0.0/24")["enforced"], true);
        assert!(!rig.lab.connects("45.13.0.7", 8080));
        assert!(rig.lab.connects("45.13.1.9", 8080));
        rig.json(&["unban", "45.13.0.0/24", "--jail", "nft"]);
        assert!(rig.lab.connects("45.13.0.7", 8080));
    } else {
        assert_eq!(code, 65, "{v}");
        let it = item(&v, "45.13.0.0/24");
        assert_eq!(it["status"], "refused");
        assert_eq!(it["reason_code"], "cidr_not_enforceable");
        assert!(rig.banned("nft").is_empty(), "the network reached fail2ban");
        rig.bangui(&["ban", "45.13.0.0/24", "--jail", "nft"])
            .code(65)
            .stderr_has("nftables.local");
        // --force sends it anyway: fail2ban accepts, the kernel does not
        // hold it, and the check after acting says so.
        let (code, v) = rig.json(&["ban", "45.13.0.0/24", "--jail", "nft", "--force"]);
        assert_eq!(code, 3, "{v}");
        let it = item(&v, "45.13.0.0/24");
        assert_eq!(it["status"], "not_enforced");
        assert_eq!(it["enforced"], false);
        assert_eq!(v["data"]["not_enforced"], 1);
        assert_eq!(rig.banned("nft"), ["45.13.0.0/24"]);
        assert!(
            rig.lab.connects("45.13.0.7", 8080),
            "1.0 nft held a network"
        );
        let (code, v) = rig.json(&["verify", "--jail", "nft"]);
        assert_eq!(code, 1);
        assert_eq!(
            jail(&v, "nft")["missing"],
            serde_json::json!(["45.13.0.0/24"])
        );
    }

    let (code, v) = rig.json(&["ban", "45.13.0.0/24", "--jail", "ipt"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(item(&v, "45.13.0.0/24")["enforced"], true);
    assert!(
        !rig.lab.connects("45.13.0.7", 8080),
        "inside the /24 connects"
    );
    assert!(
        rig.lab.connects("45.13.1.9", 8080),
        "outside the /24 is blocked"
    );
    let (code, v) = rig.json(&["unban", "45.13.0.0/24", "--jail", "ipt"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(item(&v, "45.13.0.0/24")["enforced"], true);
    assert_eq!(item(&v, "45.13.0.0/24")["status"], "unbanned");
    assert!(
        rig.lab.connects("45.13.0.7", 8080),
        "unbanned network is blocked"
    );
}

/// The README's one-option `action.d/nftables.local` override gives 1.0.x
/// and 1.1.0 sets `flags interval`: networks are then accepted and drop.
#[test]
fn readme_nftables_override_makes_networks_enforceable() {
    let readme = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"),
    )
    .unwrap();
    let local =
        std::fs::read_to_string(fixture("enforce-interval/action.d/nftables.local")).unwrap();
    assert!(
        readme.contains(local.trim()),
        "README's override differs from the tested one:\n{local}"
    );
    let rig = Rig::new(
        "enforce-interval",
        None,
        &["45.13.0.7", "45.13.1.9", "2a0b:4d07::7", "2a0b:4d08::7"],
    );
    let (code, v) = rig.json(&["ban", "45.13.0.0/24", "2a0b:4d07::/48", "--jail", "nft"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(item(&v, "45.13.0.0/24")["enforced"], true);
    assert_eq!(item(&v, "2a0b:4d07::/48")["enforced"], true);
    assert!(!rig.lab.connects("45.13.0.7", 8080));
    assert!(!rig.lab.connects("2a0b:4d07::7", 8080));
    assert!(rig.lab.connects("45.13.1.9", 8080));
    assert!(rig.lab.connects("2a0b:4d08::7", 8080));
    rig.bangui(&["verify"]).code(0);
}

/// One jail per stock firewall action (see tests/fixtures/enforce-matrix).
const MATRIX: [(&str, bool, Kind); 8] = [
    ("iptmp", false, Kind::Iptables),
    ("iptap", true, Kind::Iptables),
    ("ipsmp", false, Kind::Ipset),
    ("ipsap", true, Kind::Ipset),
    ("nftmp", false, Kind::Nftables),
    ("nftap", true, Kind::Nftables),
    ("nfttm", false, Kind::Nftables),
    ("nftta", true, Kind::Nftables),
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Iptables,
    Ipset,
    Nftables,
}

/// Addresses of jail `k`: a host banned alone, a host inside the network
/// banned next, a host outside it; v4 and v6.
fn hosts(k: usize) -> [String; 6] {
    let k = k + 1;
    [
        format!("45.13.{k}.7"),
        format!("45.13.{k}.8"),
        format!("45.14.{k}.7"),
        format!("2a0b:4d07:{k}::7"),
        format!("2a0b:4d07:{k}::8"),
        format!("2a0b:4d08:{k}::7"),
    ]
}

/// Whether jail `k`'s action holds networks of each family on `version`.
fn holds_networks(kind: Kind, version: &str) -> (bool, bool) {
    match kind {
        Kind::Iptables => (true, true),
        // hash:ip: the kernel adds every address of an IPv4 network; an
        // IPv6 prefix is an error.
        Kind::Ipset => (true, false),
        Kind::Nftables => (version == "1.1.1", version == "1.1.1"),
    }
}

/// Probe every (from, port, expected) at once; name the failures.
#[track_caller]
fn expect_packets(rig: &Rig, version: &str, phase: &str, want: &[(String, u16, bool, &str)]) {
    let pairs: Vec<(&str, u16)> = want.iter().map(|(f, p, _, _)| (f.as_str(), *p)).collect();
    let got = rig.lab.connects_all(&pairs);
    let wrong: Vec<String> = want
        .iter()
        .zip(&got)
        .filter(|((_, _, w, _), g)| w != *g)
        .map(|((f, p, w, jail), _)| {
            format!(
                "jail {jail}: {f} -> :{p} should {}connect",
                if *w { "" } else { "not " }
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "fail2ban {version}, {phase}:\n{}",
        wrong.join("\n")
    );
}

/// Every stock action on one release: single addresses and networks, v4 and
/// v6, ban, unban and a restart of every jail (bans restored), each checked
/// with real packets, `verify`, and bangui's own after-acting check.
fn action_matrix(version: &str) {
    let addrs: Vec<String> = (0..MATRIX.len()).flat_map(hosts).collect();
    let refs: Vec<&str> = addrs.iter().map(String::as_str).collect();
    let rig = Rig::new("enforce-matrix", Some(version), &refs);
    let ctx = |jail: &str, what: &str| format!("fail2ban {version}, jail {jail}: {what}");

    let mut want = Vec::new();
    for (k, (jail, allports, _)) in MATRIX.iter().enumerate() {
        let [a, _, o, a6, _, _] = hosts(k);
        let (code, v) = rig.json(&["ban", &a, &a6, "--jail", jail]);
        assert_eq!(code, 0, "{}: {v}", ctx(jail, "ban"));
        assert_eq!(
            item(&v, &a)["enforced"],
            true,
            "{}",
            ctx(jail, "v4 enforced")
        );
        assert_eq!(
            item(&v, &a6)["enforced"],
            true,
            "{}",
            ctx(jail, "v6 enforced")
        );
        want.push((a.clone(), 8080, false, *jail));
        want.push((a6, 8080, false, *jail));
        want.push((o, 8080, true, *jail));
        // multiport blocks 8080 only; allports every port.
        want.push((a, 8081, !allports, *jail));
    }
    expect_packets(&rig, version, "single bans", &want);

    // Restart every jail: fail2ban restores the bans from its database.
    let out = crate::support::fail2ban::client_cmd(version)
        .arg("-c")
        .arg(&rig.f2b.conf)
        .arg("-s")
        .arg(&rig.f2b.socket)
        .args(["reload", "--restart", "--all"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The jails restore their bans from a thread of their own, after start.
    let t0 = std::time::Instant::now();
    while MATRIX.iter().any(|(j, _, _)| rig.banned(j).len() < 2) {
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(20),
            "fail2ban {version} did not restore the bans"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (code, v) = rig.json(&["verify"]);
    assert_eq!(code, 0, "fail2ban {version} after restart: {v}");
    let mut want = Vec::new();
    for (k, (jail, _, kind)) in MATRIX.iter().enumerate() {
        let [a, _, _, a6, _, _] = hosts(k);
        let j = self::jail(&v, jail);
        assert_eq!(j["banned"], 2, "{}: {j}", ctx(jail, "restored"));
        assert_eq!(j["enforced"], 2, "{}: {j}", ctx(jail, "restored"));
        let kind_name = match kind {
            Kind::Iptables => "iptables",
            Kind::Ipset => "ipset",
            Kind::Nftables => "nftables",
        };
        assert_eq!(j["actions"][0]["kind"], kind_name, "{}", ctx(jail, "kind"));
        want.push((a, 8080, false, *jail));
        want.push((a6, 8080, false, *jail));
    }
    expect_packets(&rig, version, "after restart", &want);

    let mut want = Vec::new();
    for (k, (jail, _, _)) in MATRIX.iter().enumerate() {
        let [a, _, _, a6, _, _] = hosts(k);
        let (code, v) = rig.json(&["unban", &a, &a6, "--jail", jail]);
        assert_eq!(code, 0, "{}: {v}", ctx(jail, "unban"));
        assert_eq!(item(&v, &a)["enforced"], true, "{}", ctx(jail, "unban v4"));
        assert_eq!(item(&v, &a6)["enforced"], true, "{}", ctx(jail, "unban v6"));
        want.push((a, 8080, true, *jail));
        want.push((a6, 8080, true, *jail));
    }
    expect_packets(&rig, version, "after unban", &want);

    let mut want = Vec::new();
    let mut held = Vec::new();
    for (k, (jail, _, kind)) in MATRIX.iter().enumerate() {
        let [_, b, o, _, b6, o6] = hosts(k);
        let net4 = format!("45.13.{}.0/24", k + 1);
        let net6 = format!("2a0b:4d07:{}::/64", k + 1);
        let (holds4, holds6) = holds_networks(*kind, version);
        for (net, inside, outside, holds) in [(net4, b, o, holds4), (net6, b6, o6, holds6)] {
            let (code, v) = rig.json(&["ban", &net, "--jail", jail]);
            if holds {
                assert_eq!(code, 0, "{}: {v}", ctx(jail, &net));
                assert_eq!(item(&v, &net)["enforced"], true, "{}", ctx(jail, &net));
                held.push((*jail, net, inside.clone()));
            } else {
                assert_eq!(code, 65, "{}: {v}", ctx(jail, &net));
                assert_eq!(
                    item(&v, &net)["reason_code"],
                    "cidr_not_enforceable",
                    "{}",
                    ctx(jail, &net)
                );
            }
            want.push((inside, 8080, !holds, *jail));
            want.push((outside, 8080, true, *jail));
        }
        if !holds4 || !holds6 {
            assert!(
                rig.banned(jail).len() == usize::from(holds4) + usize::from(holds6),
                "{}",
                ctx(jail, "a refused network reached fail2ban")
            );
        }
    }
    expect_packets(&rig, version, "network bans", &want);
    rig.bangui(&["verify"]).code(0);

    let mut want = Vec::new();
    for (jail, net, inside) in held {
        let (code, v) = rig.json(&["unban", &net, "--jail", jail]);
        assert_eq!(code, 0, "{}: {v}", ctx(jail, "unban network"));
        assert_eq!(item(&v, &net)["enforced"], true, "{}", ctx(jail, &net));
        want.push((inside, 8080, true, jail));
    }
    expect_packets(&rig, version, "network unbans", &want);
}

#[test]
fn action_matrix_1_0_2() {
    action_matrix("1.0.2");
}

#[test]
fn action_matrix_1_1_0() {
    action_matrix("1.1.0");
}

#[test]
fn action_matrix_1_1_1() {
    action_matrix("1.1.1");
}

/// Faults: an action that failed to start holds nothing (every ban in it is
/// missing, and a ban into it is `not_enforced`); without the firewall tools
/// or without the right to read the ruleset, actions are uninspectable with
/// the reason (exit 0, 1 with --strict), never a crash.
#[test]
fn broken_actions_and_unreadable_rulesets() {
    use std::os::unix::fs::PermissionsExt;
    let rig = Rig::new("enforce", None, &["45.13.0.7", "45.13.0.8"]);
    let (code, v) = rig.json(&["ban", "45.13.0.7", "--jail", "broken"]);
    assert_eq!(code, 3, "{v}");
    assert_eq!(item(&v, "45.13.0.7")["status"], "not_enforced");
    assert_eq!(item(&v, "45.13.0.7")["enforced"], false);
    assert!(
        rig.lab.connects("45.13.0.7", 8080),
        "the broken action drops"
    );
    let (code, v) = rig.json(&["verify", "--jail", "broken"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        jail(&v, "broken")["missing"],
        serde_json::json!(["45.13.0.7"])
    );
    assert_eq!(jail(&v, "broken")["enforced"], 0);
    let (code, v) = rig.json(&["ban", "45.13.0.8", "--jail", "nft"]);
    assert_eq!(code, 0, "{v}");

    // No nft, no iptables-save: only `ip` on PATH (to enter the namespace).
    let bin = rig.env.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("iproute2's ip");
    std::os::unix::fs::symlink(ip, bin.join("ip")).unwrap();
    let bare = |args: &[&str]| {
        let mut c = rig.env.cmd_in(&rig.lab.server_ns());
        c.env("PATH", &bin).args(args);
        crate::support::to_run(c.output().unwrap())
    };
    let r = bare(&["--json", "verify"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v = r.json();
    let nft = jail(&v, "nft");
    assert_eq!(nft["actions"][0]["inspectable"], false);
    assert_eq!(nft["actions"][0]["reason"], "nft is not installed");
    assert_eq!(nft["enforced"], Value::Null);
    assert_eq!(nft["banned"], 1);
    assert_eq!(
        jail(&v, "broken")["actions"][0]["reason"],
        "iptables-save is not installed"
    );
    assert!(r.stderr.contains("could not be inspected"), "{}", r.stderr);
    bare(&["verify", "--strict"]).code(1);
    // The check after acting degrades to "unknown", not to a failure.
    let r = bare(&["--json", "unban", "45.13.0.8", "--jail", "nft"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(item(&r.json(), "45.13.0.8")["enforced"], Value::Null);

    // Not root: nft and iptables-save may not read the ruleset.
    let open = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    open(rig.env.path(), 0o755);
    open(&rig.env.config_file(), 0o644);
    open(&rig.f2b.socket, 0o666);
    let mut c = crate::support::netns::ns_cmd(&rig.lab.server_ns(), "setpriv");
    c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
        .arg(crate::support::bin())
        .args(["--json", "verify"]);
    rig.env.isolate(&mut c);
    let r = crate::support::to_run(c.output().unwrap());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v = r.json();
    for j in ["nft", "ipt", "broken"] {
        let reason = jail(&v, j)["actions"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .to_string();
        assert!(reason.contains("not permitted"), "jail {j}: {reason}");
    }
}

/// Drift: another tool deletes a ban; the `verify` job records it, the
/// `verify` health check turns degraded, the textfile carries
/// `bangui_enforcement_missing{jail}`; after `verify --repair` and the next
/// run all is well again.
#[test]
fn the_verify_job_health_check_and_metric_see_drift() {
    let rig = Rig::new("enforce", None, &["45.13.0.7"]);
    let prom = rig.env.path().join("prom");
    std::fs::create_dir(&prom).unwrap();
    rig.env
        .write_config(&format!("[jobs]\ntextfile_dir = \"{}\"\n", prom.display()));
    rig.bangui(&["health", "--check", "verify"])
        .code(0)
        .stdout_has("no verify run yet");
    rig.bangui(&["ban", "45.13.0.7", "--jail", "nft"]).code(0);
    rig.nft_element("delete", "45.13.0.7");

    let (code, v) = rig.json(&["jobs", "run", "verify"]);
    assert_eq!(code, 0, "{v}");
    let text = std::fs::read_to_string(prom.join("bangui.prom")).unwrap();
    assert!(
        text.contains("bangui_enforcement_missing{jail=\"nft\"} 1\n"),
        "{text}"
    );
    assert!(
        text.contains("bangui_enforcement_missing{jail=\"ipt\"} 0\n"),
        "{text}"
    );
    let r = rig.bangui(&["--json", "health", "--check", "verify"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let check = &r.json()["data"]["checks"][0];
    assert_eq!(check["name"], "verify");
    assert_eq!(check["healthy"], false);
    assert_eq!(check["critical"], false);
    assert!(
        check["message"].as_str().unwrap().contains("nft (1)"),
        "{check}"
    );
    let (_, h) = rig.json(&["jobs", "history", "--job", "verify"]);
    assert_eq!(h["data"][0]["job"], "verify", "{h}");
    assert_eq!(h["data"][0]["status"], "ok", "{h}");

    rig.bangui(&["verify", "--repair"]).code(0);
    rig.bangui(&["jobs", "run", "verify"]).code(0);
    rig.bangui(&["health", "--check", "verify"])
        .code(0)
        .stdout_has("every ban enforced");
    let text = std::fs::read_to_string(prom.join("bangui.prom")).unwrap();
    assert!(
        text.contains("bangui_enforcement_missing{jail=\"nft\"} 0\n"),
        "{text}"
    );
}

/// A blocklist import counts the networks the jail's set cannot hold as
/// refused (`cidr_not_enforceable`), warns once, and applies the rest; then
/// checks that the kernel holds what it applied (exit 3 when not).
#[test]
fn blocklist_import_refuses_networks_the_jail_cannot_hold() {
    let rig = Rig::new("enforce", None, &["45.13.0.7", "45.13.1.9", "45.13.2.5"]);
    let list = rig.env.path().join("feed.txt");
    std::fs::write(&list, "45.13.0.0/24\n45.13.1.9\n45.13.2.0/24\n").unwrap();
    let r = rig.bangui(&[
        "blocklist",
        "import",
        "--json",
        "--from-file",
        list.to_str().unwrap(),
        "--jail",
        "nft",
    ]);
    let v = r.json();
    let src = &v["data"]["sources"][0];
    let interval = env_version() == "1.1.1";
    if interval {
        assert_eq!(r.code, 0, "{v}");
        assert_eq!(src["refused"], serde_json::json!({}), "{src}");
        assert!(!rig.lab.connects("45.13.0.7", 8080));
    } else {
        assert_eq!(r.code, 0, "{v}{}", r.stderr);
        assert_eq!(src["refused"]["cidr_not_enforceable"], 2, "{src}");
        assert_eq!(
            r.stderr.matches("network(s) refused").count(),
            1,
            "{}",
            r.stderr
        );
        assert_eq!(rig.banned("nft"), ["45.13.1.9"]);
        assert!(rig.lab.connects("45.13.0.7", 8080));
    }
    assert!(!rig.lab.connects("45.13.1.9", 8080));
    let checked = if interval { 3 } else { 1 };
    assert_eq!(
        src["enforcement"],
        serde_json::json!({"checked": checked, "not_enforced": 0, "samples": []}),
        "{src}"
    );
    rig.bangui(&["verify"]).code(0);

    // Into a jail whose action never started: applied, not enforced.
    let list2 = rig.env.path().join("feed2.txt");
    std::fs::copy(&list, &list2).unwrap();
    let r = rig.bangui(&[
        "blocklist",
        "import",
        "--json",
        "--from-file",
        list2.to_str().unwrap(),
        "--jail",
        "broken",
    ]);
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    let v = r.json();
    let e = &v["data"]["sources"][0]["enforcement"];
    assert_eq!(e["not_enforced"], 3, "{v}");
    assert_eq!(e["samples"][1], "45.13.1.9", "{v}");
    assert!(r.stderr.contains("not held by the kernel"), "{}", r.stderr);
}

/// Bad input and plain servers: an unknown jail is 78, no fail2ban is 69,
/// `--dry-run` without `--repair` is a usage error; a jail whose action is
/// no firewall (the sandbox's no-op) is listed as not inspectable: exit 0,
/// 1 with --strict, and bans in it carry `enforced: null`.
#[test]
fn verify_bad_input_and_actions_without_a_firewall() {
    let env = TestEnv::with_fail2ban();
    let j = crate::support::fail2ban::shared().jail("verify");
    let r = env.run(&["--json", "ban", "45.13.0.9", "--jail", &j.name]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(item(&r.json(), "45.13.0.9")["enforced"], Value::Null);
    let r = env.run(&["--json", "verify", "--jail", &j.name]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v = r.json();
    let jl = jail(&v, &j.name);
    assert_eq!(jl["banned"], 1);
    assert_eq!(jl["enforced"], Value::Null);
    assert_eq!(jl["actions"][0]["name"], "noop");
    assert_eq!(jl["actions"][0]["kind"], "unknown");
    assert_eq!(jl["actions"][0]["inspectable"], false);
    env.run(&["verify", "--jail", &j.name, "--strict"])
        .code(1)
        .stderr_has("could not be inspected");
    env.run(&["verify", "--jail", "no-such-jail"]).code(78);
    env.run(&["verify", "--dry-run"]).code(2);
    TestEnv::new()
        .run(&["verify"])
        .code(69)
        .stderr_has("bangui: error:");
}
