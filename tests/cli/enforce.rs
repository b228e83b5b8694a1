//! Enforcement: real fail2ban servers with real firewall actions inside
//! network namespaces, real packets over a veth pair.

use crate::support::fail2ban::{Fail2ban, Options};
use crate::support::netns::NetLab;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The lab itself: a listener that answers, a firewall that drops, and a
/// fail2ban ban (set through fail2ban's own client) that blocks a packet.
#[test]
fn lab_packets_follow_fail2ban_bans() {
    let mut lab = NetLab::new();
    lab.add_client_addr("45.13.0.7/24")
        .add_client_addr("45.13.1.9")
        .add_client_addr("2a0b:4d07::7");
    lab.listen(8080);
    assert!(lab.connects("45.13.0.7", 8080));
    assert!(lab.connects("2a0b:4d07::7", 8080));
    assert!(!lab.connects("45.13.0.7", 8081), "nothing listens on 8081");

    let f2b = Fail2ban::start_with(Options {
        netns: Some(lab.server_ns()),
        conf_dir: Some(fixture("enforce")),
        version: None,
    });
    f2b.raw(serde_json::json!([["set", "ipt", "banip", "45.13.0.7"]]));
    assert!(!lab.connects("45.13.0.7", 8080), "banned host connects");
    assert!(lab.connects("45.13.1.9", 8080), "other host is blocked");
    f2b.raw(serde_json::json!([["set", "ipt", "unbanip", "45.13.0.7"]]));
    assert!(lab.connects("45.13.0.7", 8080), "unbanned host is blocked");
}
