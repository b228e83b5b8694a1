//! Failure ids for addresses as fail2ban prints them (`str(IPAddr(ip, cidr))`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Dotted decimal exactly as `Ipv4Addr`'s `Display` writes it (four octets ≤ 255, no
/// leading zeros), so normalising it changes nothing.
fn is_canonical_ipv4(ip: &str) -> bool {
    let (mut parts, mut val, mut digits) = (0, 0u32, 0);
    for &c in ip.as_bytes().iter().chain(std::iter::once(&b'.')) {
        match c {
            b'0'..=b'9' => {
                // No leading zero, at most three digits.
                if digits == 3 || (digits == 1 && val == 0) {
                    return false;
                }
                val = val * 10 + u32::from(c - b'0');
                digits += 1;
            }
            b'.' => {
                if digits == 0 || val > 255 || parts == 4 {
                    return false;
                }
                parts += 1;
                val = 0;
                digits = 0;
            }
            _ => return false,
        }
    }
    parts == 4
}

/// fail2ban's `str(IPAddr(ip, cidr))`: canonical text, or the network for a prefix.
pub fn normalise_ip(ip: &str, cidr: u8) -> String {
    if cidr >= 32 && is_canonical_ipv4(ip) {
        return ip.to_string();
    }
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            if cidr >= 32 {
                v4.to_string()
            } else {
                let mask = if cidr == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(cidr))
                };
                format!("{}/{cidr}", Ipv4Addr::from(u32::from(v4) & mask))
            }
        }
        Ok(IpAddr::V6(v6)) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4.to_string();
            }
            if cidr >= 128 {
                v6.to_string()
            } else {
                let mask = if cidr == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(cidr))
                };
                format!("{}/{cidr}", Ipv6Addr::from(u128::from(v6) & mask))
            }
        }
        Err(_) => ip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ipv4_shortcut_agrees_with_parsing() {
        for ip in [
            "1.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "a.b.c.d",
            "192.168.001.1",
            "1.2.3.4.",
            ".1.2.3",
        ] {
            let parsed = match ip.parse::<IpAddr>() {
                Ok(a) => a.to_string(),
                Err(_) => ip.to_string(),
            };
            assert_eq!(normalise_ip(ip, 32), parsed, "{ip}");
            assert_eq!(
                is_canonical_ipv4(ip),
                ip.parse::<Ipv4Addr>().is_ok(),
                "{ip}"
            );
        }
        // Every dotted form of a few awkward parts.
        let parts = [
            "", "0", "00", "1", "01", "9", "99", "255", "256", "999", "1000", "x",
        ];
        for n in 3..=5 {
            let mut idx = vec![0usize; n];
            loop {
                let ip: Vec<&str> = idx.iter().map(|i| parts[*i]).collect();
                let ip = ip.join(".");
                assert_eq!(
                    is_canonical_ipv4(&ip),
                    ip.parse::<Ipv4Addr>().is_ok(),
                    "{ip}"
                );
                let Some(k) = idx.iter().rposition(|i| *i + 1 < parts.len()) else {
                    break;
                };
                idx[k] += 1;
                idx[k + 1..].iter_mut().for_each(|i| *i = 0);
            }
        }
    }
}
