//! Fuzz the blocklist line parser in every format: it must never panic, and
//! whatever it accepts must aggregate without panicking.
#![no_main]

use bangui::blocklist::{Format, aggregate, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for f in [Format::Auto, Format::Plain, Format::SpamhausJson, Format::Csv(2)] {
        let p = parse::parse_reader(data, f, &mut |_| {}).expect("reading a slice cannot fail");
        assert!(p.stats.valid + p.stats.invalid <= p.stats.lines);
        let _ = aggregate::aggregate_ranges(p.v4, p.v6, 16, 32);
    }
});
