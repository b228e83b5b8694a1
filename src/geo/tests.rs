//! Geo tests with `.mmdb` fixtures written here by mmdb-writer.

use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use ipnet::IpNet;
use mmdb_writer::{Value, Writer};

use super::*;

fn names(en: &str) -> Value {
    Value::map([("en", Value::from(en)), ("de", Value::from("x"))])
}

pub(crate) fn write_city(path: &Path, db_type: &str, epoch: u64, city: &str) {
    let mut w = Writer::builder(db_type)
        .build_epoch(UNIX_EPOCH + Duration::from_secs(epoch))
        .build();
    let rec = Value::map([
        (
            "country",
            Value::map([("iso_code", Value::from("DE")), ("names", names("Germany"))]),
        ),
        ("city", Value::map([("names", names(city))])),
    ]);
    w.insert_value("192.0.2.0/24".parse::<IpNet>().unwrap(), rec.clone())
        .unwrap();
    let rec6 = Value::map([(
        "country",
        Value::map([("iso_code", Value::from("JP")), ("names", names("Japan"))]),
    )]);
    w.insert_value("2001:db8::/32".parse::<IpNet>().unwrap(), rec6)
        .unwrap();
    std::fs::write(path, w.to_bytes().unwrap()).unwrap();
}

fn write_asn(path: &Path) {
    let mut w = Writer::builder("GeoLite2-ASN")
        .build_epoch(UNIX_EPOCH + Duration::from_secs(1000))
        .build();
    w.insert_value(
        "192.0.2.0/24".parse::<IpNet>().unwrap(),
        Value::map([
            ("autonomous_system_number", Value::from(64500_u32)),
            ("autonomous_system_organization", Value::from("Example AS")),
        ]),
    )
    .unwrap();
    std::fs::write(path, w.to_bytes().unwrap()).unwrap();
}

#[test]
fn kinds_from_metadata() {
    assert_eq!(DbKind::detect("GeoLite2-City"), Some(DbKind::City));
    assert_eq!(DbKind::detect("DBIP-City-Lite"), Some(DbKind::City));
    assert_eq!(DbKind::detect("GeoIP2-Country"), Some(DbKind::Country));
    assert_eq!(DbKind::detect("DBIP-Country-Lite"), Some(DbKind::Country));
    assert_eq!(DbKind::detect("DBIP-ASN-Lite"), Some(DbKind::Asn));
    assert_eq!(DbKind::detect("GeoLite2-ASN"), Some(DbKind::Asn));
    assert_eq!(DbKind::detect("GeoIP2-Anonymous-IP"), None);
}

#[test]
fn lookups_city_asn_v4_v6_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("city.mmdb");
    let asn = dir.path().join("asn.mmdb");
    write_city(&city, "GeoLite2-City", 1000, "Berlin");
    write_asn(&asn);
    let set = GeoSet::open_paths(&[asn.clone(), city.clone()]).unwrap();
    let g = set.lookup("192.0.2.7".parse().unwrap()).unwrap();
    assert_eq!(g.country_code.as_deref(), Some("DE"));
    assert_eq!(g.country_name.as_deref(), Some("Germany"));
    assert_eq!(g.city.as_deref(), Some("Berlin"));
    assert_eq!(g.asn, Some(64500));
    assert_eq!(g.as_org.as_deref(), Some("Example AS"));
    let g = set.lookup("::ffff:192.0.2.7".parse().unwrap()).unwrap();
    assert_eq!(g.ip, "192.0.2.7");
    assert_eq!(g.country_code.as_deref(), Some("DE"));
    let g = set.lookup("2001:db8::1".parse().unwrap()).unwrap();
    assert_eq!(g.country_code.as_deref(), Some("JP"));
    assert_eq!(g.asn, None);
    let g = set.lookup("198.51.100.1".parse().unwrap()).unwrap();
    assert_eq!(g.country_code, None);
}

#[test]
fn missing_and_corrupt_files() {
    let dir = tempfile::tempdir().unwrap();
    let e = GeoDb::open(&dir.path().join("none.mmdb")).unwrap_err();
    assert_eq!(e.exit_code(), 66);
    let junk = dir.path().join("junk.mmdb");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert_eq!(GeoDb::open(&junk).unwrap_err().exit_code(), 65);
}

#[test]
fn refresh_resolves_new_and_outdated_then_cleanup() {
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("city.mmdb");
    write_city(&city, "GeoLite2-City", 1000, "Berlin");
    let mut conn = crate::db::test_db();
    conn.execute_batch(
        "INSERT INTO ban_history (jail, ip, timeofban, bantime, synced_at) VALUES
           ('j', '192.0.2.1', 1, 600, 0), ('j', '192.0.2.1', 2, 600, 0),
           ('j', '2001:db8::9', 3, 600, 0), ('j', '203.0.113.0/24', 4, 600, 0);
         INSERT INTO geo_cache (ip, country_code, db_build_epoch, resolved_at)
           VALUES ('198.51.100.1', 'US', 1, 0);",
    )
    .unwrap();
    let never = || false;
    let opts = RefreshOptions {
        batch_size: 2,
        extra: vec!["192.0.2.200".parse().unwrap()],
    };
    let set = GeoSet::open_paths(std::slice::from_ref(&city)).unwrap();
    let r = refresh(&mut conn, &set, &opts, 50, &never).unwrap();
    assert_eq!((r.candidates, r.resolved, r.batches), (4, 4, 2));
    assert_eq!(r.unknown, 1);
    let r = refresh(&mut conn, &set, &opts, 51, &never).unwrap();
    assert_eq!(r.candidates, 0);

    // A newer build: everything is resolved again, with the new answers.
    write_city(&city, "GeoLite2-City", 2000, "Hamburg");
    let set = GeoSet::open_paths(std::slice::from_ref(&city)).unwrap();
    let r = refresh(&mut conn, &set, &opts, 60, &never).unwrap();
    assert_eq!(r.resolved, 4);
    let c: String = conn
        .query_row(
            "SELECT city FROM geo_cache WHERE ip = '192.0.2.1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(c, "Hamburg");
    let got = cached(&conn, &["192.0.2.1".parse().unwrap()]).unwrap();
    assert_eq!(got.len(), 1);

    let st = status(&conn, &set, &[], 10, 2011).unwrap();
    assert_eq!(st.cache_entries, 5);
    assert_eq!(st.unresolved, 0);
    assert_eq!(st.outdated, 1);
    assert!(st.databases[0].stale);

    // Unreferenced and old: the 198.51.100.1 entry (resolved at 0) goes;
    // 192.0.2.200 (resolved at 60) stays until it is old enough.
    let r = cleanup(&mut conn, 30, 1, 70, &never).unwrap();
    assert_eq!(r.removed, 1);
    let r = cleanup(&mut conn, 5, 1, 70, &never).unwrap();
    assert_eq!(r.removed, 1);
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM geo_cache", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
}
