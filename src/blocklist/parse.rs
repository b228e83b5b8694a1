//! The streaming feed parser: one line at a time from any `BufRead`, into
//! integer ranges per address family, with counts and the first invalid
//! lines kept for the report. It never fails on content (bad lines are
//! counted); only the reader's I/O errors stop it.

use std::fmt;
use std::io::BufRead;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use serde::Serialize;

use super::aggregate::{self, to_cidrs};

/// How many invalid lines are kept, with their numbers, for the report.
pub const MAX_INVALID_SAMPLES: usize = 20;
/// Invalid lines are cut to this many characters in samples.
const SAMPLE_CHARS: usize = 120;

/// The line format of a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain lines, Spamhaus DROP text, and JSON lines, recognised per line.
    Auto,
    /// One IP, CIDR or `a - b` range per line; trailing fields are dropped.
    Plain,
    /// `CIDR ; SBLnnn` (the `;` starts a comment).
    SpamhausDrop,
    /// NDJSON `{"cidr": "…", "sblid": "…"}`; objects without `cidr` are metadata.
    SpamhausJson,
    /// Comma-separated; the 1-based column holds the address.
    Csv(usize),
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Format::Auto),
            "plain" => Ok(Format::Plain),
            "spamhaus-drop" => Ok(Format::SpamhausDrop),
            "spamhaus-json" => Ok(Format::SpamhausJson),
            _ => match s.strip_prefix("csv:").map(usize::from_str) {
                Some(Ok(n)) if n >= 1 => Ok(Format::Csv(n)),
                _ => Err(format!(
                    "unknown format {:?}: expected auto, plain, spamhaus-drop, spamhaus-json or csv:COLUMN (1-based)",
                    crate::util::sanitize(s)
                )),
            },
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Auto => f.write_str("auto"),
            Format::Plain => f.write_str("plain"),
            Format::SpamhausDrop => f.write_str("spamhaus-drop"),
            Format::SpamhausJson => f.write_str("spamhaus-json"),
            Format::Csv(n) => write!(f, "csv:{n}"),
        }
    }
}

/// Counts of one parse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParseStats {
    /// Lines read, blank and comment lines included.
    pub lines: u64,
    /// Lines that held an address, network or range (duplicates included).
    pub valid: u64,
    pub invalid: u64,
    /// Valid lines whose entry was already listed.
    pub duplicates: u64,
    /// The first invalid lines: (line number, sanitised text).
    pub invalid_samples: Vec<(u64, String)>,
}

/// What a parse produced: inclusive ranges per family, sorted and without
/// exact repeats (not yet merged).
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub v4: Vec<(u32, u32)>,
    pub v6: Vec<(u128, u128)>,
    pub stats: ParseStats,
}

/// One line's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// Blank, comment or metadata.
    Skip,
    V4(u32, u32),
    V6(u128, u128),
    Invalid,
}

/// A parser fed line by line; `finish` sorts and counts duplicates.
#[derive(Debug)]
pub struct Parser {
    format: Format,
    out: Parsed,
}

impl Parser {
    pub fn new(format: Format) -> Parser {
        Parser {
            format,
            out: Parsed::default(),
        }
    }

    /// Feed one raw line (without or with its `\n`).
    pub fn push(&mut self, raw: &[u8]) {
        self.out.stats.lines += 1;
        let n = self.out.stats.lines;
        let mut raw = raw;
        if n == 1 {
            raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
        }
        let parsed = match std::str::from_utf8(raw) {
            Ok(s) => parse_line(s, self.format),
            Err(_) => Line::Invalid,
        };
        match parsed {
            Line::Skip => {}
            Line::V4(s, e) => {
                self.out.stats.valid += 1;
                self.out.v4.push((s, e));
            }
            Line::V6(s, e) => {
                self.out.stats.valid += 1;
                self.out.v6.push((s, e));
            }
            Line::Invalid => {
                self.out.stats.invalid += 1;
                if self.out.stats.invalid_samples.len() < MAX_INVALID_SAMPLES {
                    let text = String::from_utf8_lossy(raw);
                    let text: String = text
                        .trim_end_matches(['\r', '\n'])
                        .chars()
                        .take(SAMPLE_CHARS)
                        .collect();
                    self.out
                        .stats
                        .invalid_samples
                        .push((n, crate::util::sanitize(&text)));
                }
            }
        }
    }

    pub fn finish(mut self) -> Parsed {
        let d4 = aggregate::sort_dedup(&mut self.out.v4);
        let d6 = aggregate::sort_dedup(&mut self.out.v6);
        self.out.stats.duplicates = d4 + d6;
        self.out
    }
}

/// Parse a whole stream. `progress` receives the bytes consumed so far now
/// and then (every 64 KiB or so).
pub fn parse_reader<R: BufRead>(
    r: R,
    format: Format,
    progress: &mut dyn FnMut(u64),
) -> std::io::Result<Parsed> {
    parse_reader_sized(r, format, None, progress)
}

/// [`parse_reader`] for a stream of known length (bytes): room for as many
/// IPv4 entries as it can hold (a line is at least 8 bytes, `1.2.3.4\n`) is
/// reserved up front, so the list never grows by copying into a buffer twice
/// its size; pages it does not fill are never touched.
pub fn parse_reader_sized<R: BufRead>(
    mut r: R,
    format: Format,
    len: Option<u64>,
    progress: &mut dyn FnMut(u64),
) -> std::io::Result<Parsed> {
    let mut p = Parser::new(format);
    if let Some(len) = len {
        p.out
            .v4
            .reserve(usize::try_from(len / 8).unwrap_or(0).min(MAX_RESERVE));
    }
    let mut buf = Vec::with_capacity(256);
    let mut bytes = 0u64;
    let mut reported = 0u64;
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        p.push(&buf);
        if bytes - reported >= 1 << 16 {
            progress(bytes);
            reported = bytes;
        }
    }
    progress(bytes);
    Ok(p.finish())
}

/// The most IPv4 entries [`parse_reader_sized`] reserves room for (128 MiB).
const MAX_RESERVE: usize = 16 << 20;

/// Parse a string (tests, fuzzing).
pub fn parse_str(s: &str, format: Format) -> Parsed {
    let mut p = Parser::new(format);
    for l in s.split_inclusive('\n') {
        p.push(l.as_bytes());
    }
    p.finish()
}

/// The meaning of one line in the given format.
pub fn parse_line(line: &str, format: Format) -> Line {
    let t = line.trim_matches(|c: char| c.is_ascii_whitespace());
    if t.is_empty() {
        return Line::Skip;
    }
    match format {
        Format::SpamhausJson => json_line(t),
        Format::Auto if t.starts_with('{') => json_line(t),
        Format::Csv(col) => csv_line(t, col),
        Format::Auto | Format::Plain | Format::SpamhausDrop => text_line(t),
    }
}

/// Strip `#`/`;` comments, then an `a - b` range (recognised before trailing
/// fields are dropped), two leading addresses (DShield's start/end columns),
/// or the first field.
fn text_line(t: &str) -> Line {
    let t = match t.find(['#', ';']) {
        Some(i) => t[..i].trim_end(),
        None => t,
    };
    if t.is_empty() {
        return Line::Skip;
    }
    // A dash after a lone address is a range; a dash in a trailing field
    // (a name) is not.
    if let Some((a, b)) = t.split_once('-')
        && let Some(a) = ip(a.trim())
    {
        let b = b.trim_start();
        let b = b
            .split(|c: char| c.is_ascii_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        return match ip(b) {
            Some(b) => range_ips(a, b),
            None => Line::Invalid,
        };
    }
    let mut fields = t
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|f| !f.is_empty());
    let first = fields.next().unwrap_or("");
    if !first.contains('/')
        && let Some(second) = fields.next()
        && !second.contains('/')
        && let (Some(a), Some(b)) = (ip(first), ip(second))
    {
        return range_ips(a, b);
    }
    entry(first)
}

fn csv_line(t: &str, col: usize) -> Line {
    if t.starts_with(['#', ';']) {
        return Line::Skip;
    }
    match t.split(',').nth(col - 1) {
        Some(f) => {
            let f = f.trim().trim_matches(['"', '\'']).trim();
            entry(f)
        }
        None => Line::Invalid,
    }
}

/// A Spamhaus NDJSON object; one without `cidr` is metadata and skipped.
fn json_line(t: &str) -> Line {
    #[derive(serde::Deserialize)]
    struct Obj<'a> {
        #[serde(borrow)]
        cidr: Option<std::borrow::Cow<'a, str>>,
    }
    match serde_json::from_str::<Obj<'_>>(t) {
        Ok(Obj { cidr: Some(c) }) => entry(c.trim()),
        Ok(Obj { cidr: None }) => Line::Skip,
        Err(_) => Line::Invalid,
    }
}

fn ip(s: &str) -> Option<IpAddr> {
    if s.len() > 45 {
        return None;
    }
    if !s.contains(':') {
        return Ipv4Addr::from_str(s).ok().map(IpAddr::V4);
    }
    let v6 = Ipv6Addr::from_str(s).ok()?;
    Some(match v6.to_ipv4_mapped() {
        Some(v4) => IpAddr::V4(v4),
        None => IpAddr::V6(v6),
    })
}

/// An address or CIDR; host bits are cleared.
fn entry(s: &str) -> Line {
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => {
            if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Line::Invalid;
            }
            match u8::from_str(p) {
                Ok(p) => (a, Some(p)),
                Err(_) => return Line::Invalid,
            }
        }
        None => (s, None),
    };
    let mapped = addr.contains(':') && addr.contains('.');
    match ip(addr) {
        Some(IpAddr::V4(a)) => {
            let p = match prefix {
                None => 32,
                // An IPv4-mapped network keeps its meaning in IPv4.
                Some(p) if mapped => match p.checked_sub(96) {
                    Some(p) => p,
                    None => return Line::Invalid,
                },
                Some(p) if p <= 32 => p,
                Some(_) => return Line::Invalid,
            };
            let a = u32::from(a);
            let host = if p == 0 {
                u32::MAX
            } else {
                (1u32 << (32 - p)).wrapping_sub(1)
            };
            let start = a & !host;
            Line::V4(start, start | host)
        }
        Some(IpAddr::V6(a)) => {
            let p = match prefix {
                None => 128,
                Some(p) if p <= 128 => p,
                Some(_) => return Line::Invalid,
            };
            let a = u128::from(a);
            let host = if p == 0 {
                u128::MAX
            } else {
                (1u128 << (128 - p)).wrapping_sub(1)
            };
            let start = a & !host;
            Line::V6(start, start | host)
        }
        None => Line::Invalid,
    }
}

fn range_ips(a: IpAddr, b: IpAddr) -> Line {
    match (a, b) {
        (IpAddr::V4(a), IpAddr::V4(b)) if a <= b => Line::V4(u32::from(a), u32::from(b)),
        (IpAddr::V6(a), IpAddr::V6(b)) if a <= b => Line::V6(u128::from(a), u128::from(b)),
        _ => Line::Invalid,
    }
}

/// Every entry of a parse as CIDRs (not merged), for display and tests.
pub fn entries(p: &Parsed) -> Vec<ipnet::IpNet> {
    let mut out = Vec::new();
    for &(s, e) in &p.v4 {
        to_cidrs(s, e, 0, |a, l| out.push(aggregate::v4_net(a, l)));
    }
    for &(s, e) in &p.v6 {
        to_cidrs(s, e, 0, |a, l| out.push(aggregate::v6_net(a, l)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(text: &str, f: Format) -> (Vec<String>, ParseStats) {
        let p = parse_str(text, f);
        (entries(&p).iter().map(|n| n.to_string()).collect(), p.stats)
    }

    #[test]
    fn plain_lines_comments_and_normalisation() {
        let text = "\u{feff}# header\r\n1.2.3.4\r\n\r\n5.6.7.8/24 # inline\n; semi\n2001:DB8::1\n::ffff:9.9.9.9\nnot-an-ip\n1.2.3.4\n10.0.0.0/8;x\n";
        let (n, s) = nets(text, Format::Auto);
        assert_eq!(
            n,
            [
                "1.2.3.4/32",
                "5.6.7.0/24",
                "9.9.9.9/32",
                "10.0.0.0/8",
                "2001:db8::1/128"
            ]
        );
        assert_eq!(s.lines, 10);
        assert_eq!(s.valid, 6);
        assert_eq!(s.invalid, 1);
        assert_eq!(s.duplicates, 1);
        assert_eq!(s.invalid_samples, vec![(8, "not-an-ip".to_string())]);
    }

    #[test]
    fn ranges_before_trailing_fields() {
        let (n, s) = nets(
            "1.2.3.0 - 1.2.3.255 some name\n1.2.4.1-1.2.4.2\n5.5.5.5\t6\n7.7.7.7 web-scanner\n8.8.8.0\t8.8.8.255\t24\t100\n2.2.2.2 - 1.1.1.1\n1.1.1.1 - ::1\n",
            Format::Plain,
        );
        assert_eq!(
            n,
            [
                "1.2.3.0/24",
                "1.2.4.1/32",
                "1.2.4.2/32",
                "5.5.5.5/32",
                "7.7.7.7/32",
                "8.8.8.0/24"
            ]
        );
        assert_eq!((s.valid, s.invalid), (5, 2));
    }

    #[test]
    fn spamhaus_text_and_json() {
        let (n, s) = nets(
            "; Spamhaus DROP List\n1.10.16.0/20 ; SBL256894\n2.56.192.0/22 ; SBL459831\n",
            Format::SpamhausDrop,
        );
        assert_eq!(n, ["1.10.16.0/20", "2.56.192.0/22"]);
        assert_eq!(s.invalid, 0);
        let json = "{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL256894\",\"rir\":\"apnic\"}\n{\"type\":\"metadata\",\"timestamp\":1}\ngarbage\n";
        let (n, s) = nets(json, Format::SpamhausJson);
        assert_eq!(n, ["1.10.16.0/20"]);
        assert_eq!((s.valid, s.invalid), (1, 1));
        let (n, _) = nets(json, Format::Auto);
        assert_eq!(n, ["1.10.16.0/20"]);
    }

    #[test]
    fn csv_column() {
        let text = "# first_seen,dst_ip,port\n\"2024-01-01 00:00:00\",\"1.2.3.4\",443\n2024-01-02,5.6.7.8,80\n2024-01-03\n";
        let (n, s) = nets(text, Format::Csv(2));
        assert_eq!(n, ["1.2.3.4/32", "5.6.7.8/32"]);
        assert_eq!(s.invalid, 1);
    }

    #[test]
    fn rejects_odd_forms() {
        for bad in [
            "01.2.3.4",
            "1.2.3.4/33",
            "1.2.3",
            "fe80::1%eth0",
            "1.2.3.4/",
            "/8",
            "1.2.3.4/024x",
            "::/129",
            "::ffff:1.2.3.4/90",
            "<html>",
        ] {
            assert_eq!(parse_line(bad, Format::Plain), Line::Invalid, "{bad}");
        }
        assert_eq!(
            parse_line("0.0.0.0/0", Format::Plain),
            Line::V4(0, u32::MAX)
        );
        assert_eq!(parse_line("::/0", Format::Plain), Line::V6(0, u128::MAX));
        assert_eq!(
            parse_line("::ffff:1.2.3.0/120", Format::Plain),
            parse_line("1.2.3.0/24", Format::Plain)
        );
        assert!("csv:0".parse::<Format>().is_err());
        assert_eq!("csv:3".parse::<Format>(), Ok(Format::Csv(3)));
        assert_eq!(Format::Csv(3).to_string(), "csv:3");
    }
}
