//! Fuzz the blocklist production path in every format: parse, then screen
//! and aggregate under the default policy, as an import does. It must never
//! panic; aggregation beyond its bound is refused, not allocated.
#![no_main]

use bangui::blocklist::import::{Screen, Settings, policy};
use bangui::blocklist::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cfg = bangui::config::defaults().expect("the built-in defaults load");
    let mut settings = Settings::from_config(&cfg);
    settings.max_prefix_v4 = 16;
    settings.max_prefix_v6 = 32;
    let screen = Screen::new(policy(&settings, &[]));
    for f in [Format::Auto, Format::Plain, Format::SpamhausJson, Format::Csv(2)] {
        let p = parse::parse_reader(data, f, &mut |_| {}).expect("reading a slice cannot fail");
        assert!(p.stats.valid + p.stats.invalid <= p.stats.lines);
        if let Ok(s) = screen.run(p) {
            assert!(s.nets.len() as u128 <= bangui::blocklist::aggregate::MAX_NETWORKS);
        }
    }
});
