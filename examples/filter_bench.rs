//! Minimal driver for `benches/filter_sshd.sh`: runs the native engine on a log with a
//! stock filter and prints the fail2ban-regex style summary plus JSON counts.

use std::collections::BTreeMap;
use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(filter), Some(log)) = (args.next(), args.next()) else {
        return Err("usage: filter_bench FILTER[params] LOG [CONFDIR]".into());
    };
    let conf = args.next().unwrap_or_else(|| "/etc/fail2ban".into());
    let tree = bangui::f2bconf::ConfigTree::open(conf)?;
    let (name, params): (String, BTreeMap<String, String>) =
        bangui::f2bconf::tags::parse_with_params(&filter)?;
    let resolved = tree.filter(&name, &params)?;
    let file = std::fs::File::open(&log)?;
    let report = bangui::filter::run_test(
        &bangui::filter::FilterSpec::from(&resolved),
        BufReader::with_capacity(1 << 16, file),
        bangui::filter::TestOptions::default(),
    )?;
    println!(
        "Lines: {} lines, {} ignored, {} matched, {} missed",
        report.lines, report.ignored, report.matched, report.missed
    );
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
