use super::*;
use crate::fail2ban::client::interpret_reply;
use crate::fail2ban::testdata as td;
use chrono::{FixedOffset, Utc};
use std::collections::VecDeque;

/// Replays captured reply bytes in order and records every request.
struct Fake {
    replies: VecDeque<Vec<u8>>,
    seen: Vec<Vec<Arg>>,
}

impl Fake {
    fn new(replies: &[&str]) -> Self {
        Fake {
            replies: replies.iter().map(|h| td::bytes(h)).collect(),
            seen: Vec::new(),
        }
    }
}

impl Transport for Fake {
    fn call(&mut self, args: &[Arg]) -> Result<Value> {
        self.seen.push(args.to_vec());
        let reply = self
            .replies
            .pop_front()
            .expect("test supplied too few replies");
        interpret_reply(&reply)
    }
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn args(v: &[&str]) -> Vec<Arg> {
    v.iter().map(|s| Arg::from(*s)).collect()
}

#[test]
fn ping_version_status() {
    let mut f = Fake::new(&[td::PING, td::VERSION, td::STATUS]);
    ping(&mut f).unwrap();
    let v = server_version(&mut f).unwrap();
    assert_eq!((v.major, v.minor, v.patch), (1, 0, 2));
    assert!(!v.has_stats());
    assert_eq!(
        status(&mut f).unwrap(),
        strs(&["bangui-noaction", "bangui-test"])
    );
    assert_eq!(f.seen[2], args(&["status"]));
}

#[test]
fn versions_parse() {
    let v = ServerVersion::parse("1.1.2.dev1").unwrap();
    assert_eq!((v.major, v.minor, v.patch), (1, 1, 2));
    assert!(v.has_stats());
    assert!(ServerVersion::parse("0.11").unwrap().at_least(0, 10, 6));
    assert!(ServerVersion::parse("dev").is_err());
}

#[test]
fn empty_jail_list() {
    let v = Value::List(vec![
        Value::Tuple(vec![Value::Str("Number of jail".into()), Value::Int(0)]),
        Value::Tuple(vec![Value::Str("Jail list".into()), Value::Str("".into())]),
    ]);
    assert!(parse_status(&v).unwrap().is_empty());
}

#[test]
fn jail_status_file_list() {
    let mut f = Fake::new(&[td::STATUS_JAIL]);
    let st = jail_status(&mut f, "bangui-test").unwrap();
    assert_eq!(
        st,
        JailStatus {
            currently_failed: 0,
            total_failed: 0,
            file_list: strs(&["/tmp/bangui-f2b.ZwA2Zl/test.log"]),
            journal_matches: None,
            currently_banned: 2,
            total_banned: 2,
            banned: strs(&["192.0.2.1", "2001:db8::1"]),
        }
    );
}

#[test]
fn jail_status_journal_matches() {
    let s = |x: &str| Value::Str(x.into());
    let pair = |k: &str, v: Value| Value::Tuple(vec![s(k), v]);
    let v = Value::List(vec![
        pair(
            "Filter",
            Value::List(vec![
                pair("Currently failed", Value::Int(1)),
                pair("Total failed", Value::Int(5)),
                pair(
                    "Journal matches",
                    Value::List(vec![s("_SYSTEMD_UNIT=sshd.service + _COMM=sshd")]),
                ),
            ]),
        ),
        pair(
            "Actions",
            Value::List(vec![
                pair("Currently banned", Value::Int(0)),
                pair("Total banned", Value::Int(3)),
                pair("Banned IP list", Value::List(vec![])),
            ]),
        ),
    ]);
    let st = parse_jail_status(&v).unwrap();
    assert!(st.file_list.is_empty());
    assert_eq!(
        st.journal_matches,
        Some(strs(&["_SYSTEMD_UNIT=sshd.service + _COMM=sshd"]))
    );
    assert_eq!((st.total_failed, st.total_banned), (5, 3));
    // Serialises in snake_case with explicit nulls.
    let j = serde_json::to_value(&st).unwrap();
    assert_eq!(j["currently_failed"], 1);
    assert!(j.get("journal_matches").is_some());
}

#[test]
fn unknown_jail_lists_known_jails() {
    let mut f = Fake::new(&[td::UNKNOWN_JAIL, td::STATUS]);
    match jail_status(&mut f, "nojail") {
        Err(Error::NoSuchJail { jail, known }) => {
            assert_eq!(jail, "nojail");
            assert_eq!(known, strs(&["bangui-noaction", "bangui-test"]));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn stats_falls_back_on_1_0() {
    let mut f = Fake::new(&[
        td::INVALID_COMMAND,
        td::STATUS,
        td::STATUS_JAIL,
        td::STATUS_JAIL,
    ]);
    let all = jail_stats_all(&mut f).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].jail, "bangui-noaction");
    assert_eq!(all[0].backend, None);
    assert_eq!(all[0].idle, None);
    assert_eq!(all[1].currently_banned, 2);
    assert_eq!(f.seen[0], args(&["stats"]));
    assert_eq!(f.seen[3], args(&["status", "bangui-test"]));
}

#[test]
fn stats_1_1_shape() {
    let s = |x: &str| Value::Str(x.into());
    let two = |a, b| Value::Tuple(vec![Value::Int(a), Value::Int(b)]);
    let v = Value::Dict(vec![
        (
            s("sshd"),
            Value::List(vec![s("polling"), two(1, 2), two(3, 4)]),
        ),
        (
            s("apache"),
            Value::List(vec![s("systemd"), two(0, 0), two(0, 9)]),
        ),
    ]);
    let st = parse_stats(&v).unwrap();
    assert_eq!(st[0].jail, "apache");
    assert_eq!(st[0].backend.as_deref(), Some("systemd"));
    assert_eq!(st[1].total_banned, 4);
}

#[test]
fn banned_shapes() {
    let mut f = Fake::new(&[td::BANNED, td::BANNED_IPS]);
    let all = banned_all(&mut f).unwrap();
    assert_eq!(all["bangui-test"], strs(&["192.0.2.1", "2001:db8::1"]));
    assert!(all["bangui-noaction"].is_empty());
    let per_ip = banned_ips(&mut f, &strs(&["192.0.2.1", "198.51.100.7"])).unwrap();
    assert_eq!(per_ip, vec![strs(&["bangui-test"]), vec![]]);
    assert!(banned_ips(&mut f, &[]).unwrap().is_empty());
    assert_eq!(f.seen.len(), 2);
}

#[test]
fn ban_is_one_batched_command() {
    let mut f = Fake::new(&[td::BAN_2]);
    let n = ban(&mut f, "bangui-test", &strs(&["192.0.2.1", "2001:db8::1"])).unwrap();
    assert_eq!(n, 2);
    assert_eq!(
        f.seen,
        vec![args(&[
            "set",
            "bangui-test",
            "banip",
            "192.0.2.1",
            "2001:db8::1"
        ])]
    );
    assert_eq!(ban(&mut f, "bangui-test", &[]).unwrap(), 0);
}

#[test]
fn option_like_names_are_refused_before_sending() {
    let mut f = Fake::new(&[]);
    assert!(matches!(
        unban_everywhere(&mut f, &strs(&["--all"])),
        Err(Error::BadInput { .. })
    ));
    assert!(matches!(
        stop_jail(&mut f, "--all"),
        Err(Error::BadInput { .. })
    ));
    assert!(matches!(
        unban_in_jail(&mut f, "j", &strs(&["--report-absent"])),
        Err(Error::BadInput { .. })
    ));
    assert!(f.seen.is_empty());
}

#[test]
fn with_time_lines() {
    let mut f = Fake::new(&[td::WITH_TIME_PERMANENT]);
    let bans = banip_with_time(&mut f, "bangui-noaction").unwrap();
    assert_eq!(bans.len(), 1);
    assert_eq!(bans[0].ip, "192.0.2.9");
    assert_eq!(bans[0].bantime, -1);
    assert_eq!(bans[0].end, None);

    let b = parse_ban_time(
        "2001:db8::1 \t2026-11-24 05:50:35 + 600 = 2026-11-24 06:00:35",
        &Utc,
    )
    .unwrap();
    assert_eq!(
        b,
        BanTime {
            ip: "2001:db8::1".into(),
            start: 1_795_499_435,
            bantime: 600,
            end: Some(1_795_500_035),
        }
    );
    let plus2 = FixedOffset::east_opt(7200).unwrap();
    let b2 = parse_ban_time(
        "1.2.3.4 \t2026-11-24 05:50:35 + 600 = 2026-11-24 06:00:35",
        &plus2,
    )
    .unwrap();
    assert_eq!(b2.start, b.start - 7200);
    for bad in [
        "",
        "1.2.3.4",
        "1.2.3.4 \tyesterday + 600 = x",
        " \t2026-11-24 05:50:35 + 1 = x",
    ] {
        assert!(parse_ban_time(bad, &Utc).is_err(), "{bad:?}");
    }
}

#[test]
fn settings_and_dbfile() {
    let mut f = Fake::new(&[td::BANTIME, td::DATEPATTERN, td::IDLE_OFF, td::DBFILE]);
    assert_eq!(
        jail_get(&mut f, "bangui-test", "bantime").unwrap(),
        Value::Int(600)
    );
    let dp = jail_get(&mut f, "bangui-test", "datepattern").unwrap();
    assert_eq!(
        dp.as_list().unwrap()[0].as_str(),
        Some("{^LN-BEG}%Y-%m-%d %H:%M:%S")
    );
    assert!(!set_idle(&mut f, "bangui-test", false).unwrap());
    assert_eq!(f.seen[2], args(&["set", "bangui-test", "idle", "off"]));
    assert_eq!(
        get_dbfile(&mut f).unwrap().as_deref(),
        Some("/tmp/bangui-f2b.ZwA2Zl/fail2ban.sqlite3")
    );
}

#[test]
fn wrong_shapes_are_protocol_errors() {
    let mut f = Fake::new(&[td::PING, td::PING, td::PING]);
    assert!(matches!(status(&mut f), Err(Error::Protocol(_))));
    assert!(matches!(jail_status(&mut f, "j"), Err(Error::Protocol(_))));
    assert!(matches!(banned_all(&mut f), Err(Error::Protocol(_))));
}

#[test]
fn ignoreip_is_a_list_or_one_string_of_entries() {
    let wrapped = Value::Object {
        module: "builtins".into(),
        name: "str".into(),
        args: vec![Value::Str("10.0.0.0/8".into())],
        state: None,
    };
    let list = Value::List(vec![
        Value::Str("127.0.0.1/8".into()),
        wrapped,
        Value::Int(1),
    ]);
    assert_eq!(
        ignoreip_entries(&list),
        strs(&["127.0.0.1/8", "10.0.0.0/8"])
    );
    let text = Value::Str(" 127.0.0.1/8 ::1\tdns.example ".into());
    assert_eq!(
        ignoreip_entries(&text),
        strs(&["127.0.0.1/8", "::1", "dns.example"])
    );
    assert!(ignoreip_entries(&Value::None).is_empty());
}
