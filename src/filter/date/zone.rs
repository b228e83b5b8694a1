//! Time zones: how naive local times map to UTC (the injected [`LocalZone`] and a
//! caching wrapper), and fail2ban's zone names and offsets.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike};

/// How naive local times map to UTC (fail2ban uses the process's local zone).
pub trait LocalZone: Send + Sync {
    /// `time.mktime` for a local wall-clock time.
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64>;
    /// `datetime.fromtimestamp`.
    fn to_local(&self, utc: i64) -> NaiveDateTime;
}

/// The system's local zone (what fail2ban itself uses).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemZone;

impl LocalZone for SystemZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        chrono::Local
            .from_local_datetime(&local)
            .earliest()
            .map(|d| d.timestamp())
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        DateTime::from_timestamp(utc, 0)
            .map(|d| d.with_timezone(&chrono::Local).naive_local())
            .unwrap_or_default()
    }
}

/// A fixed UTC offset in seconds (tests, `logtimezone = UTC+0200` style setups).
#[derive(Debug, Clone, Copy, Default)]
pub struct FixedZone(pub i32);

impl LocalZone for FixedZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        Some(local.and_utc().timestamp() - i64::from(self.0))
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        DateTime::from_timestamp(utc + i64::from(self.0), 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }
}

/// A [`LocalZone`] that remembers what it learnt: the local time of one instant ("now")
/// and the UTC offset of every local date-hour whose offset is the same at its first
/// and last second (so DST changes, gaps and folds still go to the wrapped zone).
pub(crate) struct CachedZone {
    inner: std::sync::Arc<dyn LocalZone>,
    now: (i64, NaiveDateTime),
    /// (days from CE, hour) → offset in seconds, None when the hour is not uniform.
    hours: std::sync::Mutex<HourCache>,
}

#[derive(Default)]
struct HourCache {
    last: Option<((i32, u32), Option<i64>)>,
    map: std::collections::HashMap<(i32, u32), Option<i64>>,
}

impl CachedZone {
    pub(crate) fn new(inner: Box<dyn LocalZone>, now: i64) -> CachedZone {
        let now_local = inner.to_local(now);
        CachedZone {
            inner: std::sync::Arc::from(inner),
            now: (now, now_local),
            hours: std::sync::Mutex::new(HourCache::default()),
        }
    }

    /// The same zone with a cache of its own (one per thread).
    pub(crate) fn fork(&self) -> CachedZone {
        CachedZone {
            inner: self.inner.clone(),
            now: self.now,
            hours: std::sync::Mutex::new(HourCache::default()),
        }
    }

    fn hour_offset(&self, date: NaiveDate, hour: u32) -> Option<i64> {
        let key = (date.num_days_from_ce(), hour);
        let mut c = self.hours.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, v)) = c.last
            && k == key
        {
            return v;
        }
        let v = match c.map.get(&key) {
            Some(v) => *v,
            None => {
                let start = date.and_hms_opt(hour, 0, 0);
                let end = date.and_hms_opt(hour, 59, 59);
                let off = |t: Option<NaiveDateTime>| {
                    let t = t?;
                    Some(t.and_utc().timestamp() - self.inner.to_utc(t)?)
                };
                let (a, b) = (off(start), off(end));
                let v = if a.is_some() && a == b { a } else { None };
                c.map.insert(key, v);
                v
            }
        };
        c.last = Some((key, v));
        v
    }
}

impl LocalZone for CachedZone {
    fn to_utc(&self, local: NaiveDateTime) -> Option<i64> {
        match self.hour_offset(local.date(), local.hour()) {
            Some(off) => Some(local.and_utc().timestamp() - off),
            None => self.inner.to_utc(local),
        }
    }
    fn to_local(&self, utc: i64) -> NaiveDateTime {
        if utc == self.now.0 {
            self.now.1
        } else {
            self.inner.to_local(utc)
        }
    }
}

/// Zone abbreviation → offset in minutes (fail2ban's TZ_STR table).
fn tz_abbr_offset(abbr: &str) -> Option<i32> {
    const TABLE: &[(f32, &str)] = &[
        (-12.0, "Y"),
        (-11.0, "X NUT SST"),
        (-10.0, "W CKT HAST HST TAHT TKT"),
        (-9.0, "V AKST GAMT GIT HADT HNY"),
        (-8.0, "U AKDT CIST HAY HNP PST PT"),
        (-7.0, "T HAP HNR MST PDT"),
        (-6.0, "S CST EAST GALT HAR HNC MDT"),
        (-5.0, "R CDT COT EASST ECT EST ET HAC HNE PET"),
        (-4.0, "Q AST BOT CLT COST EDT FKT GYT HAE HNA PYT"),
        (
            -3.0,
            "P ADT ART BRT CLST FKST GFT HAA PMST PYST SRT UYT WGT",
        ),
        (-2.0, "O BRST FNT PMDT UYST WGST"),
        (-1.0, "N AZOT CVT EGT"),
        (0.0, "Z EGST GMT UTC WET WT"),
        (1.0, "A CET DFT WAT WEDT WEST"),
        (2.0, "B CAT CEDT CEST EET SAST WAST"),
        (3.0, "C EAT EEDT EEST IDT MSK"),
        (4.0, "D AMT AZT GET GST KUYT MSD MUT RET SAMT SCT"),
        (
            5.0,
            "E AMST AQTT AZST HMT MAWT MVT PKT TFT TJT TMT UZT YEKT",
        ),
        (6.0, "F ALMT BIOT BTT IOT KGT NOVT OMST YEKST"),
        (7.0, "G CXT DAVT HOVT ICT KRAT NOVST OMSST THA WIB"),
        (
            8.0,
            "H ACT AWST BDT BNT CAST HKT IRKT KRAST MYT PHT SGT ULAT WITA WST",
        ),
        (9.0, "I AWDT IRKST JST KST PWT TLT WDT WIT YAKT"),
        (10.0, "K AEST ChST PGT VLAT YAKST YAPT"),
        (11.0, "L AEDT LHDT MAGT NCT PONT SBT VLAST VUT"),
        (
            12.0,
            "M ANAST ANAT FJT GILT MAGST MHT NZST PETST PETT TVT WFT",
        ),
        (13.0, "FJST NZDT"),
        (11.5, "NFT"),
        (10.5, "ACDT LHST"),
        (9.5, "ACST"),
        (6.5, "CCT MMT"),
        (5.75, "NPT"),
        (5.5, "SLT"),
        (4.5, "AFT IRDT"),
        (3.5, "IRST"),
        (-2.5, "HAT NDT"),
        (-3.5, "HNT NST NT"),
        (-4.5, "HLV VET"),
        (-9.5, "MART MIT"),
    ];
    if abbr.is_empty() {
        return Some(0);
    }
    TABLE
        .iter()
        .find(|(_, names)| names.split(' ').any(|n| n == abbr))
        .map(|(h, _)| (h * 60.0) as i32)
}

/// `zone2offset`: `CET`, `+0200`, `UTC-05:00`, … → minutes east of UTC.
pub fn zone_offset(z: &str) -> Option<i32> {
    if matches!(z, "Z" | "UTC" | "GMT") {
        return Some(0);
    }
    let split = z.find(['+', '-']).unwrap_or(z.len());
    let (abbr, off) = z.split_at(split);
    let base = tz_abbr_offset(abbr)?;
    if off.is_empty() {
        return Some(base);
    }
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits = &off[1..];
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else if let Some((h, m)) = digits.split_once(':') {
        (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)
    } else {
        (
            digits.get(..2)?.parse().ok()?,
            digits.get(2..)?.parse().ok()?,
        )
    };
    Some(base + sign * (h * 60 + m))
}
