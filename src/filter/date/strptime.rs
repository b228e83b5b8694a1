//! Matched date fields into a timestamp, as fail2ban's `strptime.py` does it: month
//! names, 12-hour clocks, year days, zones, and the year or day guessed from "now".

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::zone::{LocalZone, zone_offset};

/// What date parsing needs from outside: now, the local zone, `logtimezone`.
pub struct TimeContext<'a> {
    pub now: DateTime<Utc>,
    pub zone: &'a dyn LocalZone,
    /// Offset in minutes applied when a line has no zone of its own.
    pub default_tz: Option<i32>,
}

fn month_index(v: &str, full: bool) -> Option<u32> {
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const LONG: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let list: &[&str] = if full { &LONG } else { &SHORT };
    list.iter()
        .position(|m| m.eq_ignore_ascii_case(v))
        .map(|p| p as u32 + 1)
}

/// fail2ban's `reGroupDictStrptime` (fractions are ignored, as fail2ban does).
pub(super) fn strptime<'a>(
    fields: impl Iterator<Item = (char, &'a str)>,
    ctx: &TimeContext<'_>,
) -> Option<f64> {
    let mut year: Option<i32> = None;
    let (mut month, mut day): (Option<u32>, Option<u32>) = (None, None);
    let (mut hour, mut minute, mut second) = (0u32, 0u32, 0u32);
    let mut tzoffset: Option<i32> = None;
    let mut julian: Option<u32> = None;
    let mut ampm: Option<String> = None;
    let mut hour12: Option<u32> = None;
    for (k, v) in fields {
        match k {
            'y' => {
                let y: i32 = v.trim().parse().ok()?;
                year = Some(if y <= 2000 { y + 2000 } else { y });
            }
            'Y' => year = Some(v.parse().ok()?),
            'm' => month = Some(v.trim().parse().ok()?),
            'b' => month = Some(month_index(v, false)?),
            'B' => month = Some(month_index(v, true)?),
            'd' => day = Some(v.trim().parse().ok()?),
            'H' => hour = v.trim().parse().ok()?,
            'I' => hour12 = Some(v.trim().parse().ok()?),
            'p' => ampm = Some(v.to_lowercase()),
            'M' => minute = v.parse().ok()?,
            'S' => second = v.parse().ok()?,
            'j' => julian = Some(v.parse().ok()?),
            'z' | 'Z' => tzoffset = Some(zone_offset(v)?),
            _ => {}
        }
    }
    if let Some(h) = hour12 {
        hour = match ampm.as_deref() {
            Some("pm") if h != 12 => h + 12,
            Some("pm") => h,
            _ if h == 12 => 0,
            _ => h,
        };
    }
    let now_local = ctx.zone.to_local(ctx.now.timestamp());
    let assume_year = year.is_none();
    let mut year = year.unwrap_or(now_local.year());
    if (month.is_none() || day.is_none())
        && let Some(j) = julian
    {
        let d = NaiveDate::from_ymd_opt(year, 1, 1)? + Duration::days(i64::from(j) - 1);
        year = d.year();
        month = Some(d.month());
        day = Some(d.day());
    }
    let mut assume_today = false;
    if month.is_none() && day.is_none() {
        month = Some(now_local.month());
        day = Some(now_local.day());
        assume_today = true;
    }
    let (month, day) = (month?, day?);
    let mut result =
        NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    if tzoffset.is_none() {
        tzoffset = ctx.default_tz;
    }
    if let Some(off) = tzoffset {
        result -= Duration::minutes(i64::from(off));
    }
    if assume_today && result > now_local {
        result -= Duration::days(1);
    }
    if assume_year && result > now_local + Duration::days(1) {
        result = NaiveDate::from_ymd_opt(year - 1, month, day)?.and_time(result.time());
    }
    let ts = match tzoffset {
        Some(_) => result.and_utc().timestamp(),
        None => ctx.zone.to_utc(result)?,
    };
    Some(ts as f64)
}
