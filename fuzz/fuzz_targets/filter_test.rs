//! Fuzz the whole `filter test` pipeline: arbitrary log bytes against a
//! one-line and a multi-line filter, with a date pattern and maxlines taken
//! from the input. It must never panic; a bad pattern is an error.
#![no_main]

use bangui::filter::{FilterSpec, FixedZone, TestOptions, run_test};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, log) = data.split_at(data.len().min(12));
    let maxlines = 1 + usize::from(head.first().copied().unwrap_or(0) % 3);
    let datepattern = (head.len() > 1)
        .then(|| String::from_utf8_lossy(&head[1..]).into_owned())
        .filter(|p| !p.is_empty());
    for failregex in [
        r"auth failure from <HOST>",
        r"auth failure from <HOST>\n.*user \S+$",
    ] {
        let spec = FilterSpec {
            failregex: vec![failregex.into()],
            datepattern: datepattern.clone(),
            maxlines,
            ..FilterSpec::default()
        };
        let opts = TestOptions {
            zone: Box::new(FixedZone(0)),
            per_line: true,
            skip_unterminated_last_line: false,
            threads: Some(1),
            ..TestOptions::default()
        };
        let _ = run_test(&spec, log, opts);
    }
});
