//! Date detection as fail2ban's `datedetector.py`/`datetemplate.py`/`strptime.py` do
//! it: templates, `{^LN-BEG}`, `%Ex*`, EPOCH/LEPOCH/TAI64N, missing years. Owns turning a
//! log line into (date span, timestamp); "now" and the local zone are injected.
//!
//! Parts: `template` compiles one pattern into a template; `detector` chooses the
//! template for a line; `strptime` turns a template's fields into a time; `zone` maps
//! local times to UTC and zone names to offsets.

mod detector;
mod strptime;
mod template;
mod zone;

pub use detector::{Choice, DateDetector};
pub use strptime::TimeContext;
pub use template::{DEFAULT_TEMPLATES, DateTemplate};
pub(crate) use zone::CachedZone;
pub use zone::{FixedZone, LocalZone, SystemZone, zone_offset};

#[cfg(test)]
mod tests;
