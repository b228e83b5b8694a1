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
    rig.nft(&[
        "delete",
        "element",
        "inet",
        "f2b-table",
        "addr-set-nft",
        "{ 45.13.0.7 }",
    ]);
    rig.nft(&[
        "add",
        "element",
        "inet",
        "f2b-table",
        "addr-set-nft",
        "{ 45.13.1.9 }",
    ]);
    assert!(
        rig.lab.connects("45.13.0.7", 8080),
        "the deleted ban still drops"
    );
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
