//! Benchmark helper: parse, screen (the default safety policy, no jail) and
//! aggregate a blocklist file with the library, without fail2ban. Prints one
//! line: lines, valid, invalid, duplicates, refused, aggregated, seconds.
//! Usage: blocklist_bench FILE [--v4-out FILE]  (writes the aggregated IPv4
//! networks, one per line, for comparison with `iprange`).

use std::io::{BufReader, Write};
use std::time::Instant;

use bangui::blocklist::import::{Screen, policy};
use bangui::blocklist::{Format, Settings, parse};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: blocklist_bench FILE [--v4-out FILE]")?;
    let out = args
        .iter()
        .position(|a| a == "--v4-out")
        .and_then(|i| args.get(i + 1));
    let cfg = bangui::config::defaults()?;
    let settings = Settings::from_config(&cfg);
    let t0 = Instant::now();
    let f = std::fs::File::open(path)?;
    let parsed = parse::parse_reader(
        BufReader::with_capacity(1 << 16, f),
        Format::Auto,
        &mut |_| {},
    )?;
    let stats = parsed.stats.clone();
    let screened = Screen::new(policy(&settings, &[])).run(parsed)?;
    let secs = t0.elapsed().as_secs_f64();
    let refused: u64 = screened.refused.values().sum();
    println!(
        "lines={} valid={} invalid={} duplicates={} refused={} aggregated={} seconds={secs:.3}",
        stats.lines,
        stats.valid,
        stats.invalid,
        stats.duplicates,
        refused,
        screened.nets.len()
    );
    if let Some(o) = out {
        let mut w = std::io::BufWriter::new(std::fs::File::create(o)?);
        for n in screened
            .nets
            .iter()
            .filter(|n| matches!(n, ipnet::IpNet::V4(_)))
        {
            writeln!(w, "{n}")?;
        }
    }
    Ok(())
}
