use chrono::{TimeZone, Utc};

use super::*;

fn ctx(zone: &FixedZone) -> TimeContext<'_> {
    TimeContext {
        now: Utc.with_ymd_and_hms(2005, 8, 14, 10, 0, 0).unwrap(),
        zone,
        default_tz: None,
    }
}

fn parse(det: &mut DateDetector, line: &str, zone: &FixedZone) -> Option<(String, f64)> {
    let (i, c) = det.find(line)?;
    let t = det.template(i)?;
    let (s, e) = t.span(&c)?;
    Some((line[s..e].to_string(), t.time(&c, &ctx(zone))?))
}

#[test]
fn syslog_without_year_uses_now_year_or_previous() {
    let z = FixedZone(0);
    let mut d = DateDetector::new(Some("{^LN-BEG}")).unwrap();
    let (text, t) = parse(&mut d, "Aug 14 11:59:59 host sshd[1]: x", &z).unwrap();
    assert_eq!(text, "Aug 14 11:59:59");
    assert_eq!(
        t as i64,
        Utc.with_ymd_and_hms(2005, 8, 14, 11, 59, 59)
            .unwrap()
            .timestamp()
    );
    // More than a day in the future → last year.
    let (_, t) = parse(&mut d, "Dec 24 10:00:00 host x", &z).unwrap();
    assert_eq!(
        t as i64,
        Utc.with_ymd_and_hms(2004, 12, 24, 10, 0, 0)
            .unwrap()
            .timestamp()
    );
    assert_eq!(
        d.hits()[0].0,
        "{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second(?:\\.Microseconds)?(?: ExYear)?"
    );
}

#[test]
fn iso_with_zone_and_epoch() {
    let z = FixedZone(3600);
    let mut d = DateDetector::new(None).unwrap();
    let (_, t) = parse(&mut d, "2005-08-14 12:00:00 +0200 x", &z).unwrap();
    assert_eq!(
        t as i64,
        Utc.with_ymd_and_hms(2005, 8, 14, 10, 0, 0)
            .unwrap()
            .timestamp()
    );
    let (_, t) = parse(&mut d, "2005-08-14 12:00:00 x", &z).unwrap();
    assert_eq!(
        t as i64,
        Utc.with_ymd_and_hms(2005, 8, 14, 11, 0, 0)
            .unwrap()
            .timestamp()
    );
    let mut d = DateDetector::new(Some("EPOCH")).unwrap();
    let (_, t) = parse(&mut d, "1124013600.123 x", &z).unwrap();
    assert!((t - 1124013600.123).abs() < 1e-6);
    let mut d = DateDetector::new(Some("LEPOCH")).unwrap();
    let (_, t) = parse(&mut d, "1124013600123 x", &z).unwrap();
    assert!((t - 1124013600.123).abs() < 1e-6);
}

#[test]
fn a_copy_s_choice_is_accepted_only_when_it_is_the_same_choice() {
    let mut main = DateDetector::new(None).unwrap();
    let iso = "2005-08-14 12:00:00 x";
    let syslog = "Aug 14 12:00:00 host x";
    let i_iso = main.locate(iso).unwrap();
    let mut copy = main.clone();
    // The copy's last template (ISO) misses: a search over all templates.
    let c = copy.probe(syslog);
    let (i_sys, _) = c.found.unwrap();
    assert_ne!(i_sys, i_iso);
    assert!(!c.on_last);
    assert!(!main.accept(&c));
    copy.commit(&c);
    // Made on the copy's last template, which is not the main detector's last.
    let c2 = copy.probe(syslog);
    assert!(c2.on_last);
    assert!(!main.accept(&c2));
    let own = main.probe(syslog);
    main.commit(&own);
    assert!(main.accept(&c2));
    // No template at all: the same in every state.
    let none = copy.probe("no date here");
    assert_eq!(none.found, None);
    assert!(main.accept(&none));
    let hits: u64 = main.hits().iter().map(|(_, h)| h).sum();
    assert_eq!(hits, 3);
}

#[test]
fn custom_patterns() {
    let z = FixedZone(0);
    let mut d =
        DateDetector::new(Some("^%%d/%%b/%%Y:%%H:%%M:%%S".replace("%%", "%").as_str())).unwrap();
    let (text, _) = parse(&mut d, "14/Aug/2005:09:00:00 x", &z).unwrap();
    assert_eq!(text, "14/Aug/2005:09:00:00");
    let mut d = DateDetector::new(Some("%ExY-%Exm-%Exd %ExH:%ExM:%ExS")).unwrap();
    assert!(parse(&mut d, "2005-8-14 09:00:00", &z).is_none());
    let mut d = DateDetector::new(Some("{NONE}")).unwrap();
    assert!(d.find("2005-08-14 09:00:00").is_none());
    let mut d = DateDetector::new(Some("%b %d, %ExY %I:%M:%S %p")).unwrap();
    let (_, t) = parse(&mut d, "Aug 14, 2005 1:00:00 PM x", &z).unwrap();
    assert_eq!(
        t as i64,
        Utc.with_ymd_and_hms(2005, 8, 14, 13, 0, 0)
            .unwrap()
            .timestamp()
    );
    assert_eq!(zone_offset("CEST"), Some(120));
    assert_eq!(zone_offset("-05:30"), Some(-330));
}
