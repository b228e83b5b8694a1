use std::collections::BTreeMap;

use super::kernel::{ipset_referenced, parse_ipset_save, parse_iptables_chain, parse_nft_table};
use super::*;

fn props(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn t(s: &str) -> Target {
    Target::parse(s).unwrap()
}

/// Property values as a running fail2ban 1.0.2 reports them.
fn nft_props(add_set_flags: &str) -> BTreeMap<String, String> {
    let start = format!(
        "nft add table inet f2b-table\nnft add set inet f2b-table <addr_set> \\{{ type <addr_type>\\;{add_set_flags} \\}}"
    );
    let mut p = props(&[
        (
            "actionban",
            "nft add element inet f2b-table <addr_set> \\{ <ip> \\}",
        ),
        ("addr_set", "addr-set-<name>"),
        ("addr_set?family=inet6", "addr6-set-<name>"),
        ("addr_type", "ipv4_addr"),
        ("addr_type?family=inet6", "ipv6_addr"),
        ("name", "nft"),
    ]);
    p.insert("actionstart".into(), start);
    p
}

#[test]
fn nftables_action_resolves_to_its_sets_per_family() {
    let s = spec_from_properties("nftables-multiport", &nft_props(""));
    assert_eq!(s.kind, ActionKind::Nftables);
    assert_eq!(
        s.v4,
        Some(KernelObject::NftSet {
            family: "inet".into(),
            table: "f2b-table".into(),
            set: "addr-set-nft".into()
        })
    );
    assert_eq!(
        s.v6.as_ref().map(ToString::to_string).as_deref(),
        Some("nftables set inet f2b-table addr6-set-nft")
    );
}

#[test]
fn nft_set_without_interval_refuses_networks_and_with_it_accepts() {
    let plain = spec_from_properties("nftables-multiport", &nft_props(""));
    assert!(cidr_refusal(&plain, None, &t("45.13.0.0/24")).is_some());
    assert!(cidr_refusal(&plain, None, &t("2a0b:4d07::/48")).is_some());
    assert_eq!(cidr_refusal(&plain, None, &t("45.13.0.7")), None);
    let interval = spec_from_properties("nftables-multiport", &nft_props(" flags interval\\;"));
    assert_eq!(cidr_refusal(&interval, None, &t("45.13.0.0/24")), None);
    // 1.1.1 spells it through `<addr_options>` = `<sp>flags interval\;`.
    let mut p = nft_props("<addr_options>");
    p.insert("addr_options".into(), "<sp>flags interval\\;".into());
    let v111 = spec_from_properties("nftables-multiport", &p);
    assert_eq!(cidr_refusal(&v111, None, &t("45.13.0.0/24")), None);
    // The kernel's word beats the start command.
    let live = ObjectState::Present {
        entries: vec![],
        interval: Some(true),
        set_type: None,
    };
    assert_eq!(cidr_refusal(&plain, Some(&live), &t("45.13.0.0/24")), None);
}

#[test]
fn iptables_and_ipset_actions_resolve() {
    let ipt = spec_from_properties(
        "iptables-multiport",
        &props(&[
            (
                "actionban",
                "<iptables> -I f2b-ipt 1 -s <ip> -j <blocktype>",
            ),
            ("iptables", "iptables <lockingopt>"),
            ("iptables?family=inet6", "ip6tables <lockingopt>"),
            ("lockingopt", "-w"),
            ("blocktype", "REJECT"),
        ]),
    );
    assert_eq!(ipt.kind, ActionKind::Iptables);
    assert_eq!(
        ipt.v6,
        Some(KernelObject::IptablesChain {
            v6: true,
            table: "filter".into(),
            chain: "f2b-ipt".into()
        })
    );
    assert_eq!(cidr_refusal(&ipt, None, &t("45.13.0.0/24")), None);
    let ips = spec_from_properties(
        "iptables-ipset-proto6",
        &props(&[
            ("actionban", "ipset -exist add <ipmset> <ip> timeout 0"),
            (
                "actionstart",
                "ipset -exist create <ipmset> hash:ip timeout 0 <familyopt>",
            ),
            ("ipmset", "f2b-<name>"),
            ("ipmset?family=inet6", "f2b-<name>6"),
            ("name", "ips"),
        ]),
    );
    assert_eq!(ips.kind, ActionKind::Ipset);
    assert_eq!(
        ips.v6,
        Some(KernelObject::IpsetSet {
            set: "f2b-ips6".into()
        })
    );
    assert_eq!(cidr_refusal(&ips, None, &t("45.13.0.0/24")), None);
    assert!(cidr_refusal(&ips, None, &t("45.0.0.0/15")).is_some());
    assert!(cidr_refusal(&ips, None, &t("2a0b:4d07::/64")).is_some());
}

#[test]
fn an_action_without_a_firewall_command_is_unknown() {
    let s = spec_from_properties("noop", &props(&[("actionban", "")]));
    assert_eq!(s.kind, ActionKind::Unknown);
    let s = spec_from_properties(
        "mail",
        &props(&[("actionban", "printf %s <ip> | mail -s x root")]),
    );
    assert_eq!(s.kind, ActionKind::Unknown);
}

#[test]
fn nft_json_elements_prefixes_ranges_and_flags() {
    let json = r#"{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"set": {"family": "inet", "name": "s", "table": "t", "type": "ipv4_addr", "flags": ["interval"], "elem": ["45.13.0.8", {"prefix": {"addr": "45.13.1.0", "len": 24}}, {"range": ["45.13.2.0", "45.13.3.255"]}, {"elem": {"val": "45.13.9.9", "timeout": 600}}]}}, {"rule": {"expr": [{"match": {"right": "@s"}}]}}]}"#;
    let ObjectState::Present {
        entries, interval, ..
    } = parse_nft_table(json, "s").unwrap()
    else {
        panic!("absent")
    };
    assert_eq!(interval, Some(true));
    let got: Vec<String> = entries.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "45.13.0.8/32",
            "45.13.1.0/24",
            "45.13.2.0/23",
            "45.13.9.9/32"
        ]
    );
    assert!(parse_nft_table("not json", "s").is_err());
}

#[test]
fn iptables_save_chain_sources() {
    let save = "*filter\n:INPUT ACCEPT [0:0]\n:f2b-ipt - [0:0]\n-A INPUT -p tcp -m multiport --dports 8080 -j f2b-ipt\n-A f2b-ipt -s 45.13.0.0/24 -j REJECT --reject-with icmp-port-unreachable\n-A f2b-ipt -s 45.13.1.9/32 -j REJECT\n-A f2b-ipt -j RETURN\nCOMMIT\n";
    let st = parse_iptables_chain(save, "f2b-ipt");
    let got: Vec<String> = st.entries().iter().map(ToString::to_string).collect();
    assert_eq!(got, ["45.13.0.0/24", "45.13.1.9/32"]);
    assert_eq!(parse_iptables_chain(save, "f2b-other"), ObjectState::Absent);
}

#[test]
fn ipset_save_members_and_type() {
    let save = "create f2b-ips hash:ip family inet hashsize 1024 maxelem 65536 timeout 0\nadd f2b-ips 45.13.0.7 timeout 0\nadd f2b-ips 45.13.0.8\n";
    let st = parse_ipset_save(save, "f2b-ips");
    assert_eq!(st.entries().len(), 2);
    assert!(matches!(st, ObjectState::Present { set_type: Some(ref t), .. } if t == "hash:ip"));
    assert_eq!(parse_ipset_save("", "f2b-ips"), ObjectState::Absent);
}

#[test]
fn coverage_by_many_hosts_or_a_wider_network() {
    let hosts: Vec<IpNet> = (0..=255u8)
        .map(|i| format!("45.13.0.{i}/32").parse().unwrap())
        .collect();
    assert!(covered(&hosts, &"45.13.0.0/24".parse().unwrap()));
    assert!(!covered(&hosts[1..], &"45.13.0.0/24".parse().unwrap()));
    assert!(covered(
        &["45.0.0.0/8".parse().unwrap()],
        &"45.13.0.7/32".parse().unwrap()
    ));
    assert!(!covered(&[], &"45.13.0.7/32".parse().unwrap()));
}

struct FakeKernel(BTreeMap<String, Result<ObjectState, String>>);

impl Kernel for FakeKernel {
    fn read(&mut self, obj: &KernelObject) -> Result<ObjectState, String> {
        self.0
            .get(&obj.to_string())
            .cloned()
            .unwrap_or(Ok(ObjectState::Absent))
    }
}

#[test]
fn report_counts_missing_stray_and_uninspectable() {
    let spec = spec_from_properties("nftables-multiport", &nft_props(""));
    let present = |e: &[&str]| ObjectState::Present {
        entries: e.iter().map(|s| s.parse().unwrap()).collect(),
        interval: Some(false),
        set_type: None,
    };
    let mut k = FakeKernel(BTreeMap::from([(
        "nftables set inet f2b-table addr-set-nft".to_string(),
        Ok(present(&["45.13.0.7/32", "45.13.5.5/32"])),
    )]));
    let st = JailState::read_specs(vec![spec.clone()], &mut k);
    let r = st.report("nft", &[t("45.13.0.7"), t("45.13.0.8"), t("2a0b::1")]);
    assert_eq!(r.banned, 3);
    assert_eq!(r.enforced, Some(1));
    assert_eq!(r.missing, ["45.13.0.8", "2a0b::1"]);
    assert_eq!(r.stray, ["45.13.5.5"]);
    let mut broken = FakeKernel(BTreeMap::from([(
        "nftables set inet f2b-table addr-set-nft".to_string(),
        Err("nft is not installed".to_string()),
    )]));
    let st = JailState::read_specs(vec![spec], &mut broken);
    let r = st.report("nft", &[t("45.13.0.7")]);
    assert_eq!(r.enforced, None);
    assert!(r.missing.is_empty());
    assert_eq!(r.actions[0].reason.as_deref(), Some("nft is not installed"));
    assert_eq!(r.uninspectable(), 1);
}

#[test]
fn objects_no_rule_uses_count_as_absent() {
    let unhooked = "*filter\n:INPUT ACCEPT [0:0]\n:f2b-ipt - [0:0]\n-A f2b-ipt -s 45.13.0.7/32 -j REJECT\n-A f2b-ipt -j RETURN\nCOMMIT\n";
    assert_eq!(
        parse_iptables_chain(unhooked, "f2b-ipt"),
        ObjectState::Absent
    );
    // Rules straight in a built-in chain count.
    let builtin = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 45.13.0.7/32 -j DROP\nCOMMIT\n";
    assert_eq!(parse_iptables_chain(builtin, "INPUT").entries().len(), 1);
    let table = r#"{"nftables": [{"table": {"family": "inet", "name": "f2b-table"}}, {"set": {"family": "inet", "name": "addr-set-nft", "table": "f2b-table", "type": "ipv4_addr", "elem": ["45.13.0.8"]}}, {"set": {"family": "inet", "name": "addr-set-other", "table": "f2b-table", "type": "ipv4_addr", "elem": ["45.13.0.9"]}}, {"rule": {"family": "inet", "table": "f2b-table", "chain": "f2b-chain", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "@addr-set-nft"}}, {"reject": null}]}}]}"#;
    assert_eq!(
        parse_nft_table(table, "addr-set-nft")
            .unwrap()
            .entries()
            .len(),
        1
    );
    assert_eq!(
        parse_nft_table(table, "addr-set-other").unwrap(),
        ObjectState::Absent
    );
    assert_eq!(parse_nft_table(table, "nope").unwrap(), ObjectState::Absent);
    assert!(ipset_referenced(
        "-A INPUT -p tcp -m set --match-set f2b-ips src -j REJECT\n",
        "f2b-ips"
    ));
    assert!(!ipset_referenced("-A INPUT -p tcp -j REJECT\n", "f2b-ips"));
}

#[test]
fn merged_lookups_cover_and_overlap() {
    let m = merge(&[
        "45.13.0.0/25".parse().unwrap(),
        "45.13.0.128/25".parse().unwrap(),
        "45.13.5.5/32".parse().unwrap(),
        "2a0b:4d07::/48".parse().unwrap(),
    ]);
    let n = |s: &str| s.parse::<IpNet>().unwrap();
    assert!(covered_merged(&m, &n("45.13.0.0/24")));
    assert!(covered_merged(&m, &n("45.13.0.200/32")));
    assert!(!covered_merged(&m, &n("45.13.0.0/23")));
    assert!(!covered_merged(&m, &n("45.13.5.6/32")));
    assert!(covered_merged(&m, &n("2a0b:4d07:0:1::/64")));
    assert!(overlaps_merged(&m, &n("45.13.0.0/23")));
    assert!(overlaps_merged(&m, &n("45.13.4.0/22")));
    assert!(!overlaps_merged(&m, &n("45.13.6.0/24")));
    assert!(!overlaps_merged(&m, &n("10.0.0.0/8")));
}
