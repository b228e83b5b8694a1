//! Routing and responses: which endpoint a path is, the answers given without the
//! checks (errors, `/live`, the rate limit), the checked answers, and the documents.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use super::shared::Shared;
use super::{PATH_HEALTH, PATH_LIVE, PATH_METRICS, PATH_READY};
use crate::health::metrics;
use crate::health::{HealthReport, Status};
use crate::util::rfc3339;

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

pub(super) struct Reply {
    pub(super) code: u16,
    pub(super) content_type: &'static str,
    pub(super) body: String,
    pub(super) extra: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(code: u16, v: &Value) -> Reply {
        Reply {
            code,
            content_type: "application/json",
            body: format!("{}\n", crate::util::json_line(v)),
            extra: Vec::new(),
        }
    }

    pub(super) fn error(code: u16, kind: &str, message: &str) -> Reply {
        Reply::json(
            code,
            &json!({"schema_version": 1, "error": {"kind": kind, "message": message}}),
        )
    }

    /// The whole response: one buffer, one write.
    pub(super) fn render(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
            self.code,
            reason(self.code),
            self.content_type,
            self.body.len()
        );
        for (k, v) in &self.extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(if keep_alive {
            "Connection: keep-alive\r\n\r\n"
        } else {
            "Connection: close\r\n\r\n"
        });
        let mut out = head.into_bytes();
        if !head_only {
            out.extend_from_slice(self.body.as_bytes());
        }
        out
    }
}

pub(super) fn endpoint_label(path: &str) -> &'static str {
    match path {
        PATH_HEALTH => "health",
        PATH_LIVE => "live",
        PATH_READY => "ready",
        PATH_METRICS => "metrics",
        _ => "other",
    }
}

/// Everything answered without the checks: errors, `/live`, the rate limit.
/// `None` means a worker must answer.
pub(super) fn early_reply(
    shared: &Shared,
    method: &str,
    path: &str,
    has_body: bool,
    peer: IpAddr,
) -> Option<Reply> {
    if !matches!(method, "GET" | "HEAD") {
        let mut r = Reply::error(
            405,
            "method_not_allowed",
            "only GET and HEAD are served here; nothing can be changed over HTTP",
        );
        r.extra.push(("Allow", "GET, HEAD".into()));
        return Some(r);
    }
    if has_body {
        return Some(Reply::error(
            413,
            "payload_too_large",
            "GET and HEAD take no body",
        ));
    }
    // /live answers from the process alone: no database, no socket, no limit
    // (it is what a supervisor uses to decide whether to restart us).
    if path == PATH_LIVE {
        return Some(Reply::json(
            200,
            &json!({"schema_version": 1, "status": "alive"}),
        ));
    }
    if !matches!(path, PATH_HEALTH | PATH_READY | PATH_METRICS) {
        return Some(Reply::error(404, "not_found", "no such endpoint"));
    }
    if let Err(retry) = shared.limiter.check(peer, (shared.now)()) {
        shared.stats.rate_limited.fetch_add(1, Ordering::Relaxed);
        let mut r = Reply::error(
            429,
            "rate_limited",
            &format!(
                "more than {} requests a minute from this address",
                shared.opts.rate_limit_per_minute
            ),
        );
        r.extra.push(("Retry-After", retry.to_string()));
        return Some(r);
    }
    None
}

/// The answer for a checked endpoint (a worker's job: it may wait for a run).
pub(super) fn checked_reply(shared: &Arc<Shared>, endpoint: &str) -> Reply {
    let Some(snap) = shared.snapshot() else {
        let mut r = Reply::error(
            503,
            "checks_pending",
            "the first check run has not finished",
        );
        r.extra.push(("Retry-After", "1".into()));
        return r;
    };
    match endpoint {
        "health" => {
            let code = if snap.report.status == Status::Unavailable {
                503
            } else {
                200
            };
            Reply::json(code, &health_document(&snap.report))
        }
        "ready" => {
            let code = if snap.report.ready { 200 } else { 503 };
            let mut doc = json!({"schema_version": 1});
            if let (Value::Object(d), Value::Object(r)) = (&mut doc, ready_document(&snap.report)) {
                d.extend(r);
            }
            Reply::json(code, &doc)
        }
        _ => Reply {
            code: 200,
            content_type: metrics::CONTENT_TYPE,
            body: metrics::render(&snap, Some(&shared.stats), (shared.now)()),
            extra: Vec::new(),
        },
    }
}

/// The `/ready` document, also `bangui health`'s `data`.
pub fn ready_document(r: &HealthReport) -> Value {
    json!({
        "status": r.status,
        "ready": r.ready,
        "failed_count": r.failed_count,
        "failed": r.failed,
        "checks": r.checks,
        "fail2ban_version": r.fail2ban_version,
        "checked_at": rfc3339(r.checked_at),
    })
}

/// The `/api/v1/health` document: status and one entry per component.
pub fn health_document(r: &HealthReport) -> Value {
    let components: serde_json::Map<String, Value> = r
        .checks
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                json!({
                    "healthy": c.healthy,
                    "critical": c.critical,
                    "message": c.message,
                    "duration_ms": c.duration_ms,
                }),
            )
        })
        .collect();
    json!({
        "schema_version": 1,
        "status": r.status,
        "fail2ban_version": r.fail2ban_version,
        "checked_at": rfc3339(r.checked_at),
        "components": components,
    })
}
