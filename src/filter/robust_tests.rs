//! The whole `filter test` pipeline on hostile input: multi-byte text where
//! matches start and end, odd date patterns, and arbitrary bytes. Nothing
//! may panic; a bad pattern is an error.

use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

fn opts() -> TestOptions {
    TestOptions {
        now: Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap(),
        zone: Box::new(FixedZone(0)),
        per_line: true,
        skip_unterminated_last_line: false,
        threads: Some(1),
    }
}

fn multi(failregex: &str, maxlines: usize) -> FilterSpec {
    FilterSpec {
        failregex: vec![failregex.into()],
        maxlines,
        ..FilterSpec::default()
    }
}

#[test]
fn a_multi_line_match_ending_in_a_multibyte_character_matches() {
    let log = "2026-01-01 00:00:00 auth failure from 192.0.2.1\n\
               2026-01-01 00:00:01 user josé\n\
               2026-01-01 00:00:02 session closed\n";
    let spec = multi(r"auth failure from <HOST>\n.*user \S+$", 2);
    let r = run_test(&spec, log.as_bytes(), opts()).unwrap();
    assert_eq!((r.lines, r.matched), (3, 2), "{:?}", r.per_line);
}

#[test]
fn a_multi_line_match_starting_at_a_non_breaking_space_matches() {
    let log = "2026-01-01 00:00:00 x\u{a0}auth failure from 192.0.2.1\n\
               2026-01-01 00:00:01 user bob\n";
    let spec = multi("\u{a0}auth failure from <HOST>\\n.*user \\S+", 2);
    let r = run_test(&spec, log.as_bytes(), opts()).unwrap();
    assert_eq!(r.matched, 2, "{:?}", r.per_line);
}

#[test]
fn a_datepattern_directive_cut_by_a_multibyte_character_is_an_error_not_a_panic() {
    let mut spec = multi(r"from <HOST>", 1);
    spec.datepattern = Some("%Exé".into());
    let e = run_test(&spec, &b"x from 192.0.2.1\n"[..], opts()).unwrap_err();
    assert_eq!(e.exit_code(), crate::error::exit::DATA_ERR, "{e}");
    assert!(e.to_string().contains("%Ex"), "{e}");
}

fn log_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2026-01-01 00:00:00 ".to_string()),
        Just("Jan  1 00:00:00 ".to_string()),
        Just("auth failure from 192.0.2.1".to_string()),
        Just("user josé".to_string()),
        Just("\u{a0}".to_string()),
        Just("é".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        "\\PC{0,6}",
    ]
}

fn datepattern() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("%Exé".to_string())),
        Just(Some("%Y-%m-%d %H:%M:%S".to_string())),
        Just(Some("{^LN-BEG}%b %d %H:%M:%S".to_string())),
        "[%EexYmdHMSbé{}^LNBG -]{0,10}".prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_filter_test_pipeline_never_panics(
        pieces in prop::collection::vec(log_piece(), 0..40),
        tail in prop::collection::vec(any::<u8>(), 0..64),
        datepattern in datepattern(),
        maxlines in 1usize..=3,
        regex in prop_oneof![
            Just(r"auth failure from <HOST>"),
            Just(r"auth failure from <HOST>\n.*user \S+$"),
            Just("\u{a0}auth failure from <HOST>(?:\\n.*)?"),
            Just(r"^.*user <F-USER>\S+</F-USER>\n?.*from <HOST>"),
        ],
    ) {
        let mut log = pieces.concat().into_bytes();
        log.extend_from_slice(&tail);
        let mut spec = multi(regex, maxlines);
        spec.datepattern = datepattern;
        // Ok or a typed error: both are fine; a panic fails the test.
        if let Ok(r) = run_test(&spec, &log[..], opts()) {
            prop_assert!(r.matched + r.missed + r.ignored <= r.lines);
        }
    }
}
