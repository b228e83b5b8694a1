//! `bangui geo`: `.mmdb` fixtures written here with mmdb-writer in the
//! Country, City and ASN layouts; lookups, cache refresh on a newer build,
//! cleanup, status, and the exit codes of missing and corrupt databases.

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use ipnet::IpNet;
use mmdb_writer::{Value as Mv, Writer};
use serde_json::Value;

use crate::history::{V4_SCHEMA, fixture_db, now};
use crate::support::TestEnv;

fn net(s: &str) -> IpNet {
    s.parse().unwrap()
}

fn place(code: &str, name: &str) -> Mv {
    Mv::map([
        ("iso_code", Mv::from(code)),
        (
            "names",
            Mv::map([("en", Mv::from(name)), ("fr", Mv::from("autre"))]),
        ),
        ("geoname_id", Mv::from(1_u32)),
    ])
}

fn writer(db_type: &str, epoch: u64) -> Writer {
    Writer::builder(db_type)
        .build_epoch(UNIX_EPOCH + Duration::from_secs(epoch))
        .build()
}

/// GeoLite2-Country layout.
pub fn country_db(path: &Path) {
    let mut w = writer("GeoLite2-Country", 1_700_000_000);
    w.insert_value(
        net("192.0.2.0/24"),
        Mv::map([
            ("country", place("FR", "France")),
            ("continent", Mv::map([("code", Mv::from("EU"))])),
        ]),
    )
    .unwrap();
    w.insert_value(
        net("2001:db8::/32"),
        Mv::map([("country", place("JP", "Japan"))]),
    )
    .unwrap();
    std::fs::write(path, w.to_bytes().unwrap()).unwrap();
}

/// City layout (DB-IP Lite names it DBIP-City-Lite).
fn city_db(path: &Path, db_type: &str, epoch: u64, city: &str) {
    let mut w = writer(db_type, epoch);
    w.insert_value(
        net("192.0.2.0/24"),
        Mv::map([
            ("country", place("DE", "Germany")),
            (
                "city",
                Mv::map([("names", Mv::map([("en", Mv::from(city))]))]),
            ),
            (
                "location",
                Mv::map([
                    ("latitude", Mv::from(52.5_f64)),
                    ("longitude", Mv::from(13.4_f64)),
                ]),
            ),
        ]),
    )
    .unwrap();
    w.insert_value(
        net("2001:db8:1::/48"),
        Mv::map([("country", place("NL", "Netherlands"))]),
    )
    .unwrap();
    std::fs::write(path, w.to_bytes().unwrap()).unwrap();
}

fn asn_db(path: &Path) {
    let mut w = writer("DBIP-ASN-Lite", 1_700_000_000);
    for (n, asn, org) in [
        ("192.0.2.0/24", 64500_u32, "Example Net"),
        ("2001:db8::/32", 64501_u32, "Example v6"),
    ] {
        w.insert_value(
            net(n),
            Mv::map([
                ("autonomous_system_number", Mv::from(asn)),
                ("autonomous_system_organization", Mv::from(org)),
            ]),
        )
        .unwrap();
    }
    std::fs::write(path, w.to_bytes().unwrap()).unwrap();
}

struct Dbs {
    country: PathBuf,
    city: PathBuf,
    asn: PathBuf,
}

fn dbs(env: &TestEnv) -> Dbs {
    let d = Dbs {
        country: env.path().join("country.mmdb"),
        city: env.path().join("city.mmdb"),
        asn: env.path().join("asn.mmdb"),
    };
    country_db(&d.country);
    city_db(&d.city, "GeoIP2-City", 1_700_000_000, "Berlin");
    asn_db(&d.asn);
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn lookup_v4_v6_and_mapped_with_repeated_mmdb() {
    let env = TestEnv::new();
    let d = dbs(&env);
    let r = env.run(&[
        "geo",
        "lookup",
        "192.0.2.1",
        "2001:db8:1::5",
        "::ffff:192.0.2.1",
        "198.51.100.1",
        "--mmdb",
        s(&d.city),
        "--mmdb",
        s(&d.asn),
        "--json",
    ]);
    r.code(0);
    let res = r.json()["data"]["results"].clone();
    assert_eq!(res[0]["country_code"], "DE");
    assert_eq!(res[0]["country_name"], "Germany");
    assert_eq!(res[0]["city"], "Berlin");
    assert_eq!(res[0]["asn"], 64500);
    assert_eq!(res[0]["as_org"], "Example Net");
    assert_eq!(res[1]["country_code"], "NL");
    assert_eq!(res[1]["asn"], 64501);
    assert_eq!(res[2]["ip"], "192.0.2.1");
    assert_eq!(res[2]["country_code"], "DE");
    assert_eq!(res[3]["country_code"], Value::Null);
    assert_eq!(res[3]["asn"], Value::Null);

    // Country layout alone.
    let r = env.run(&[
        "geo",
        "lookup",
        "192.0.2.1",
        "2001:db8::1",
        "--mmdb",
        s(&d.country),
        "--json",
    ]);
    r.code(0);
    let res = r.json()["data"]["results"].clone();
    assert_eq!(res[0]["country_code"], "FR");
    assert_eq!(res[0]["city"], Value::Null);
    assert_eq!(res[1]["country_name"], "Japan");

    // Configured paths; a missing one among them is skipped.
    env.write_config(&format!(
        "[geo]\ncountry_db = {:?}\ncity_db = {:?}\nasn_db = {:?}\n",
        s(&d.country),
        s(&env.path().join("no-city.mmdb")),
        s(&d.asn)
    ));
    let r = env.run(&["geo", "lookup", "192.0.2.9", "-o", "plain"]);
    r.code(0);
    assert_eq!(r.stdout, "192.0.2.9\tFR\tFrance\t-\t64500\tExample Net\n");
    env.run(&["geo", "lookup", "192.0.2.0/24"]).code(65);
    env.run(&["geo", "lookup", "banana"]).code(65);
}

#[test]
fn missing_and_corrupt_databases() {
    let env = TestEnv::new();
    let missing = env.path().join("none.mmdb");
    let r = env.run(&["geo", "lookup", "192.0.2.1", "--mmdb", s(&missing)]);
    r.code(66).stdout_empty().stderr_has("none.mmdb");
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    // Defaults under /var/lib/GeoIP are absent here.
    env.write_config(&format!(
        "[geo]\ncountry_db = {0:?}\ncity_db = {0:?}\nasn_db = {0:?}\n",
        s(&missing)
    ));
    let r = env.run(&["geo", "refresh"]);
    r.code(66)
        .stderr_has("no geo database at ")
        .stderr_has("or pass --mmdb PATH");
    assert!(
        !r.stderr.contains("not found:"),
        "one sentence: {}",
        r.stderr
    );
    let corrupt = env.path().join("bad.mmdb");
    std::fs::write(&corrupt, vec![0xAB; 2048]).unwrap();
    let r = env.run(&[
        "geo",
        "lookup",
        "192.0.2.1",
        "--mmdb",
        s(&corrupt),
        "--json",
    ]);
    r.code(65).stderr_has("bad.mmdb");
    assert_eq!(r.json()["error"]["kind"], "bad_input");
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    env.write_config(&format!("[geo]\ncity_db = {:?}\n", s(&corrupt)));
    env.run(&["geo", "status"])
        .code(0)
        .stdout_has("not a valid MaxMind");
    env.run(&["geo", "refresh"]).code(65);
}

#[test]
fn refresh_fills_the_history_columns_and_follows_newer_builds() {
    let env = TestEnv::new();
    let d = dbs(&env);
    let f2b = env.path().join("f2b.sqlite3");
    fixture_db(
        &f2b,
        V4_SCHEMA,
        "sshd",
        &["192.0.2.1", "192.0.2.1", "2001:db8:1::1", "198.51.100.1"],
        now() - 600,
    );
    env.run(&["history", "sync", "--fail2ban-db", s(&f2b)])
        .code(0);

    // Before any refresh, with no geo database: a warning and null columns.
    env.write_config(&format!(
        "[geo]\ncity_db = {0:?}\ncountry_db = {0:?}\nasn_db = {0:?}\n",
        s(&env.path().join("x.mmdb"))
    ));
    let r = env.run(&["history", "list", "--json"]);
    r.code(0).stderr_has("warning: no geo database");
    assert_eq!(r.stderr.lines().count(), 1);
    assert_eq!(r.json()["data"]["rows"][0]["country_code"], Value::Null);
    // Said once a day, not on every query.
    let r = env.run(&["history", "list", "--json"]);
    r.code(0);
    assert!(r.stderr.is_empty(), "warned again: {}", r.stderr);

    let r = env.run(&[
        "geo",
        "refresh",
        "--mmdb",
        s(&d.city),
        "--mmdb",
        s(&d.asn),
        "--json",
    ]);
    r.code(0);
    let j = r.json()["data"].clone();
    assert_eq!(j["candidates"], 3);
    assert_eq!(j["resolved"], 3);
    assert_eq!(j["unknown"], 1);
    assert_eq!(j["changed"], true);
    let r = env.run(&[
        "geo",
        "refresh",
        "--mmdb",
        s(&d.city),
        "--mmdb",
        s(&d.asn),
        "--json",
    ]);
    assert_eq!(r.json()["data"]["resolved"], 0);
    assert_eq!(r.json()["data"]["changed"], false);

    let rows = env
        .run(&["history", "list", "--ip", "192.0.2.1", "--json"])
        .json()["data"]["rows"]
        .clone();
    assert_eq!(rows[0]["country_code"], "DE");
    assert_eq!(rows[0]["country_name"], "Germany");
    assert_eq!(rows[0]["asn"], 64500);
    let r = env.run(&["history", "stats", "--by", "country", "--json"]);
    let g = r.json()["data"]["groups"].clone();
    assert_eq!(
        (
            g[0]["key"].clone(),
            g[0]["bans"].clone(),
            g[0]["ips"].clone()
        ),
        ("DE".into(), 2.into(), 1.into())
    );
    let r = env.run(&["history", "stats", "--by", "asn", "--json"]);
    assert_eq!(r.json()["data"]["groups"][0]["name"], "Example Net");
    let r = env.run(&["history", "list", "--country", "nl", "--json"]);
    assert_eq!(r.json()["data"]["count"], 1);

    // A newer build of the City database: everything is resolved again.
    city_db(&d.city, "GeoIP2-City", 1_800_000_000, "Potsdam");
    let r = env.run(&["geo", "status", "--mmdb", s(&d.city), "--json"]);
    assert_eq!(r.json()["data"]["outdated"], 3);
    let r = env.run(&[
        "geo",
        "refresh",
        "--mmdb",
        s(&d.city),
        "--mmdb",
        s(&d.asn),
        "--json",
    ]);
    assert_eq!(r.json()["data"]["resolved"], 3);
    let r = env.run(&["geo", "lookup", "192.0.2.1", "--mmdb", s(&d.city), "--json"]);
    assert_eq!(r.json()["data"]["results"][0]["city"], "Potsdam");

    let r = env.run(&[
        "geo",
        "status",
        "--mmdb",
        s(&d.city),
        "--mmdb",
        s(&d.asn),
        "--json",
    ]);
    r.code(0);
    let st = r.json()["data"].clone();
    assert_eq!(st["cache_entries"], 3);
    assert_eq!(st["unresolved"], 0);
    assert_eq!(st["outdated"], 0);
    assert_eq!(st["databases"][0]["kind"], "city");
    assert_eq!(st["databases"][0]["database_type"], "GeoIP2-City");
    assert_eq!(st["databases"][0]["built_at"], "2027-01-15T08:00:00Z");
    assert_eq!(st["databases"][1]["kind"], "asn");

    // Cleanup keeps entries still referenced by the history.
    env.write_config("[geo]\ncache_retention = \"1s\"\n");
    let r = env.run(&["geo", "cleanup", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["removed"], 0);
}
