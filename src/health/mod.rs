//! Health of a bangui installation: the checks shared by `bangui health` and
//! `serve-health`, how their results add up to one status, the Prometheus
//! exposition and the small HTTP server. Nothing here changes state, prints
//! or exits.

pub mod checks;
pub mod http;
pub mod metrics;

use serde::Serialize;

pub use checks::{CheckName, HealthSettings, Snapshot, run};

/// The overall state, as `/api/v1/health` and `bangui health` report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every check passes.
    Ok,
    /// Some check failed, but fail2ban answers.
    Degraded,
    /// fail2ban does not answer: nothing bangui does can work.
    Unavailable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Degraded => "degraded",
            Status::Unavailable => "unavailable",
        }
    }
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub name: String,
    pub healthy: bool,
    /// Critical checks decide readiness; advisory ones can only degrade.
    pub critical: bool,
    pub message: String,
    pub duration_ms: u64,
}

/// Every check of one run and what they add up to: the `/ready` document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthReport {
    pub status: Status,
    /// True when every critical check passes.
    pub ready: bool,
    pub failed_count: usize,
    /// Names of the failed checks, sorted.
    pub failed: Vec<String>,
    /// Sorted by name.
    pub checks: Vec<CheckResult>,
    pub fail2ban_version: Option<String>,
    /// Unix seconds.
    pub checked_at: i64,
}

impl HealthReport {
    /// Sort the checks and derive status, readiness and the failed list.
    pub fn from_checks(
        mut checks: Vec<CheckResult>,
        fail2ban_version: Option<String>,
        checked_at: i64,
    ) -> HealthReport {
        checks.sort_by(|a, b| a.name.cmp(&b.name));
        let failed: Vec<String> = checks
            .iter()
            .filter(|c| !c.healthy)
            .map(|c| c.name.clone())
            .collect();
        let fail2ban_down = checks
            .iter()
            .any(|c| c.name == CheckName::Fail2ban.as_str() && !c.healthy);
        let status = if fail2ban_down {
            Status::Unavailable
        } else if failed.is_empty() {
            Status::Ok
        } else {
            Status::Degraded
        };
        HealthReport {
            status,
            ready: checks.iter().all(|c| c.healthy || !c.critical),
            failed_count: failed.len(),
            failed,
            checks,
            fail2ban_version,
            checked_at,
        }
    }

    /// Failed critical checks.
    pub fn critical_failures(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks.iter().filter(|c| c.critical && !c.healthy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, healthy: bool, critical: bool) -> CheckResult {
        CheckResult {
            name: name.into(),
            healthy,
            critical,
            message: String::new(),
            duration_ms: 1,
        }
    }

    #[test]
    fn all_passing_is_ok_and_ready() {
        let r = HealthReport::from_checks(
            vec![c("geo", true, false), c("database", true, true)],
            None,
            0,
        );
        assert_eq!(r.status, Status::Ok);
        assert!(r.ready);
        assert_eq!(r.failed_count, 0);
        assert_eq!(r.checks[0].name, "database", "checks are sorted");
    }

    #[test]
    fn an_advisory_failure_degrades_but_stays_ready() {
        let r = HealthReport::from_checks(
            vec![c("fail2ban", true, true), c("geo", false, false)],
            None,
            0,
        );
        assert_eq!(r.status, Status::Degraded);
        assert!(r.ready);
        assert_eq!(r.failed, vec!["geo"]);
    }

    #[test]
    fn a_critical_failure_degrades_and_is_not_ready() {
        let r = HealthReport::from_checks(
            vec![c("fail2ban", true, true), c("database", false, true)],
            None,
            0,
        );
        assert_eq!(r.status, Status::Degraded);
        assert!(!r.ready);
        assert_eq!(r.critical_failures().count(), 1);
    }

    #[test]
    fn fail2ban_down_is_unavailable_whatever_else_holds() {
        let r = HealthReport::from_checks(
            vec![
                c("fail2ban", false, true),
                c("database", false, true),
                c("geo", false, false),
            ],
            None,
            0,
        );
        assert_eq!(r.status, Status::Unavailable);
        assert!(!r.ready);
        assert_eq!(r.failed_count, 3);
        assert_eq!(r.failed, vec!["database", "fail2ban", "geo"]);
    }

    #[test]
    fn status_names_are_the_documented_ones() {
        assert_eq!(serde_json::to_value(Status::Degraded).unwrap(), "degraded");
        assert_eq!(Status::Unavailable.as_str(), "unavailable");
    }
}
