//! Unit tests of the pipeline with an injected applier (the only way to make
//! fail2ban fail halfway on demand) and file:// sources.

use super::*;
use crate::blocklist::parse;
use crate::blocklist::source::{self, NewSource};
use rusqlite::Connection;

#[derive(Default)]
struct Fake {
    banned: std::collections::BTreeSet<String>,
    /// Fail the n-th ban/unban call (1-based) once.
    fail_at: Option<u32>,
    calls: u32,
    ignoreip: Vec<String>,
}

impl Applier for Fake {
    fn ban(&mut self, _jail: &str, t: &[String]) -> Result<u64> {
        self.calls += 1;
        if self.fail_at == Some(self.calls) {
            self.fail_at = None;
            return Err(Error::Fail2banUnavailable {
                socket: "/x".into(),
                reason: "went away".into(),
            });
        }
        let mut n = 0;
        for x in t {
            n += u64::from(self.banned.insert(x.clone()));
        }
        Ok(n)
    }
    fn unban(&mut self, _jail: &str, t: &[String]) -> Result<u64> {
        self.calls += 1;
        if self.fail_at == Some(self.calls) {
            self.fail_at = None;
            return Err(Error::Protocol("boom".into()));
        }
        let mut n = 0;
        for x in t {
            n += u64::from(self.banned.remove(x));
        }
        Ok(n)
    }
    fn ignoreip(&mut self, _jail: &str) -> Result<Vec<String>> {
        Ok(self.ignoreip.clone())
    }
    fn jail_bans(&mut self, _jail: &str) -> Result<Option<Vec<String>>> {
        Ok(Some(self.banned.iter().cloned().collect()))
    }
}

fn settings() -> Settings {
    let mut s = Settings::defaults();
    s.batch_size = 2;
    s
}

struct Fx {
    dir: tempfile::TempDir,
    conn: Connection,
}

impl Fx {
    fn new() -> Fx {
        Fx {
            dir: tempfile::tempdir().unwrap(),
            conn: crate::db::test_db(),
        }
    }
    fn source(&self, name: &str, jail: &str, text: &str) -> Source {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        match source::find(&self.conn, name).unwrap() {
            Some(s) => s,
            None => {
                let mut n = NewSource::new(name, &format!("file://{}", p.display()), jail);
                n.allow_file = true;
                n.min_interval_s = 0;
                source::add(&self.conn, &n, 1).unwrap()
            }
        }
    }
    fn run(&self, f: &mut Fake, src: &Source, opts: ImportOptions) -> ImportReport {
        let src = source::get(&self.conn, &src.name).unwrap();
        import_source(
            &self.conn,
            f,
            &src,
            &settings(),
            opts,
            &mut NoProgress,
            &|| false,
            1000,
        )
        .unwrap()
    }
    fn stored(&self, src: &Source) -> Vec<String> {
        let mut v = entries(&self.conn, src.id).unwrap();
        v.sort();
        v
    }
}

fn set(items: &[&str]) -> std::collections::BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn first_import_bans_aggregated_public_entries_and_refuses_special() {
    let fx = Fx::new();
    let src = fx.source("a", "j", "1.2.3.4\n1.2.3.5\n10.0.0.1\n127.0.0.1\n0.0.0.0/0\n8.8.8.0/24\n8.8.8.8\nbad\n5.5.5.5\n6.6.0.0/8\n");
    let mut f = Fake {
        ignoreip: vec!["5.5.5.5".into()],
        ..Fake::default()
    };
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!(r.status, "ok", "{r:?}");
    assert_eq!(f.banned, set(&["1.2.3.4/31", "8.8.8.0/24"]));
    assert_eq!(r.refused.get("private"), Some(&1));
    assert_eq!(r.refused.get("loopback"), Some(&1));
    assert_eq!(r.refused.get("all_addresses"), Some(&1));
    assert_eq!(r.refused.get("ignoreip"), Some(&1));
    assert_eq!(r.refused.get("prefix_too_wide"), Some(&1));
    assert_eq!((r.valid, r.invalid, r.aggregated, r.added), (9, 1, 2, 2));
    assert!(r.changed);
    assert_eq!(fx.stored(&src), ["1.2.3.4/31", "8.8.8.0/24"]);
    // Same content again: nothing applied, and it says so.
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!(
        (r.status.as_str(), r.changed, f.calls),
        ("unchanged", false, 1)
    );
}

#[test]
fn diff_bans_new_unbans_removed_and_respects_other_sources() {
    let fx = Fx::new();
    let a = fx.source("a", "j", "1.1.1.1\n2.2.2.2\n3.3.3.3\n");
    let b = fx.source("b", "j", "3.3.3.3\n");
    let mut f = Fake::default();
    fx.run(&mut f, &a, ImportOptions::default());
    fx.run(&mut f, &b, ImportOptions::default());
    std::fs::write(fx.dir.path().join("a"), "1.1.1.1\n4.4.4.4\n9.9.9.9\n").unwrap();
    let r = fx.run(&mut f, &a, ImportOptions::default());
    assert_eq!(
        (r.added, r.removed, r.kept_for_other_sources),
        (2, 1, 1),
        "{r:?}"
    );
    assert_eq!(f.banned, set(&["1.1.1.1", "3.3.3.3", "4.4.4.4", "9.9.9.9"]));
    // Removing b: 3.3.3.3 is no longer listed by anyone, so it goes.
    let src = source::get(&fx.conn, "b").unwrap();
    let rm = remove_source(&fx.conn, &mut f, &src, false, &settings(), 5).unwrap();
    assert_eq!(rm.unbanned, 1);
    assert!(!f.banned.contains("3.3.3.3"));
    // Removing a with --keep-bans leaves everything banned.
    let src = source::get(&fx.conn, "a").unwrap();
    let rm = remove_source(&fx.conn, &mut f, &src, true, &settings(), 5).unwrap();
    assert_eq!((rm.unbanned, rm.kept), (0, 3));
    assert_eq!(f.banned.len(), 3);
    assert!(source::find(&fx.conn, "a").unwrap().is_none());
}

#[test]
fn failure_midway_records_exactly_what_was_applied_and_converges() {
    let fx = Fx::new();
    let src = fx.source("a", "j", "1.0.0.1\n1.0.0.3\n1.0.0.5\n1.0.0.7\n1.0.0.9\n");
    let mut f = Fake {
        fail_at: Some(2),
        ..Fake::default()
    };
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!(
        (r.status.as_str(), r.added, r.outcome.exit_code()),
        ("failed", 2, 69),
        "{r:?}"
    );
    assert!(r.changed);
    assert_eq!(
        fx.stored(&src),
        f.banned.iter().cloned().collect::<Vec<_>>()
    );
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!((r.status.as_str(), r.added), ("ok", 3));
    assert_eq!(f.banned.len(), 5);
    assert_eq!(fx.stored(&src).len(), 5);
    // A failing unban midway: the rows of unbanned entries go, the rest stay.
    std::fs::write(fx.dir.path().join("a"), "1.0.0.1\n1.0.0.3\n1.0.0.5\n").unwrap();
    let mut f2 = Fake {
        banned: f.banned.clone(),
        fail_at: Some(1),
        ..Fake::default()
    };
    let r = fx.run(&mut f2, &src, ImportOptions::default());
    assert_eq!((r.status.as_str(), r.removed), ("failed", 0));
    assert_eq!(fx.stored(&src).len(), 5);
    let r = fx.run(&mut f2, &src, ImportOptions::default());
    assert_eq!((r.status.as_str(), r.removed), ("ok", 2));
    assert_eq!(
        fx.stored(&src),
        f2.banned.iter().cloned().collect::<Vec<_>>()
    );
}

#[test]
fn thresholds_abort_and_force_applies() {
    let fx = Fx::new();
    let src = fx.source("a", "j", "1.0.0.1\n1.0.0.3\n1.0.0.5\n1.0.0.7\n");
    let mut f = Fake::default();
    fx.run(&mut f, &src, ImportOptions::default());
    std::fs::write(fx.dir.path().join("a"), "1.0.0.1\n").unwrap();
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!(
        (r.status.as_str(), r.outcome.exit_code(), r.changed),
        ("aborted", 65, false)
    );
    assert!(r.error.as_deref().unwrap().contains("shrank"));
    assert_eq!(f.banned.len(), 4);
    std::fs::write(
        fx.dir.path().join("a"),
        "1.0.0.1\n1.0.0.3\n1.0.0.5\n1.0.0.7\nx\ny\n",
    )
    .unwrap();
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!((r.status.as_str(), r.outcome.exit_code()), ("aborted", 65));
    assert!(r.error.as_deref().unwrap().contains("invalid"));
    let forced = ImportOptions {
        force: true,
        ..Default::default()
    };
    std::fs::write(fx.dir.path().join("a"), "<html>\n<body>\n").unwrap();
    let r = fx.run(&mut f, &src, forced);
    assert_eq!(
        (r.status.as_str(), r.outcome.exit_code()),
        ("aborted", 65),
        "all invalid aborts even with --force"
    );
    std::fs::write(fx.dir.path().join("a"), "1.0.0.1\n").unwrap();
    let r = fx.run(&mut f, &src, forced);
    assert_eq!((r.status.as_str(), r.removed), ("ok", 3));
}

#[test]
fn dry_run_and_rate_limit() {
    let fx = Fx::new();
    let p = fx.dir.path().join("rl");
    std::fs::write(&p, "1.0.0.1\n").unwrap();
    let mut n = NewSource::new("rl", &format!("file://{}", p.display()), "j");
    n.allow_file = true;
    n.min_interval_s = 3600;
    let src = source::add(&fx.conn, &n, 1).unwrap();
    let mut f = Fake::default();
    let r = fx.run(
        &mut f,
        &src,
        ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    );
    assert_eq!(
        (r.status.as_str(), r.to_add, r.changed),
        ("dry-run", 1, false)
    );
    assert!(f.banned.is_empty() && fx.stored(&src).is_empty());
    // The first real import after add is never limited; the second is.
    assert_eq!(fx.run(&mut f, &src, ImportOptions::default()).status, "ok");
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!(
        (r.status.as_str(), r.outcome.exit_code(), r.retry_after_s),
        ("rate-limited", 75, Some(3600))
    );
    let r = fx.run(
        &mut f,
        &src,
        ImportOptions {
            force_fetch: true,
            ..Default::default()
        },
    );
    assert_eq!(r.status, "unchanged");
}

#[test]
fn due_sources_and_status() {
    let fx = Fx::new();
    let a = fx.source("a", "j", "1.0.0.1\n");
    let mut f = Fake::default();
    let s = import_due(&fx.conn, &mut f, &settings(), &|| false, 1000).unwrap();
    assert_eq!((s.due.len(), s.failed, s.changed), (1, 0, true));
    let s = import_due(&fx.conn, &mut f, &settings(), &|| false, 1000).unwrap();
    assert_eq!((s.due.len(), s.not_due.len()), (0, 1));
    let st = status(&fx.conn, 1000 + 3 * 86_400 + 1).unwrap();
    assert!(st[0].stale);
    assert_eq!(st[0].entries, 1);
    let st = status(&fx.conn, 1001).unwrap();
    assert!(!st[0].stale);
    let stop = import_due(&fx.conn, &mut f, &settings(), &|| true, 1000 + 86_400).unwrap();
    assert!(stop.stopped);
    let log = log(&fx.conn, Some(&a.name), 10).unwrap();
    assert_eq!(log.len(), 1);
}

#[test]
fn screen_caps_merged_width_at_the_limit() {
    let mut text = String::new();
    for i in 0..512u32 {
        text.push_str(&format!("20.{}.{}.0/24\n", i / 256, i % 256));
    }
    let p = parse::parse_str(&text, parse::Format::Auto);
    let s = Screen::new(policy(&settings(), &[])).run(p).unwrap();
    let got: Vec<String> = s.nets.iter().map(|n| n.to_string()).collect();
    assert_eq!(got, ["20.0.0.0/16", "20.1.0.0/16"]);
    assert!(s.refused.is_empty());
}

#[test]
fn entries_left_pending_by_a_killed_run_are_reconciled_with_the_jail() {
    let fx = Fx::new();
    let src = fx.source("a", "j", "1.0.0.1\n");
    // A run killed after writing its batch ahead: 1.0.0.3 reached fail2ban,
    // 1.0.0.5 did not.
    fx.conn
        .execute_batch(&format!(
            "INSERT INTO blocklist_entries (source_id, network, jail, added_at, pending)
               VALUES ({id}, '1.0.0.3', 'j', 1, 1), ({id}, '1.0.0.5', 'j', 1, 1);
             INSERT INTO blocklist_imports (source_id, source_name, jail, started_at, status, pid)
               VALUES ({id}, 'a', 'j', 1, 'running', 999999999);",
            id = src.id
        ))
        .unwrap();
    let mut f = Fake {
        banned: set(&["1.0.0.3", "8.8.8.8"]),
        ..Fake::default()
    };
    let r = fx.run(&mut f, &src, ImportOptions::default());
    assert_eq!(
        r.reconciled,
        Reconciled {
            kept: 1,
            dropped: 1
        },
        "{r:?}"
    );
    // The feed no longer lists 1.0.0.3: it was this source's, so it goes.
    assert_eq!((r.added, r.removed), (1, 1), "{r:?}");
    assert_eq!(f.banned, set(&["1.0.0.1", "8.8.8.8"]));
    assert_eq!(fx.stored(&src), vec!["1.0.0.1".to_string()]);
    let log = log(&fx.conn, Some("a"), 10).unwrap();
    assert_eq!(log[1].status, "interrupted");
    assert_eq!(log[0].status, "ok");
    // And `source rm` of a source with pending entries only unbans what
    // fail2ban really holds for it.
    fx.conn
        .execute(
            "INSERT INTO blocklist_entries (source_id, network, jail, added_at, pending) VALUES (?1, '1.0.0.7', 'j', 1, 1)",
            [src.id],
        )
        .unwrap();
    let rm = remove_source(&fx.conn, &mut f, &src, false, &settings(), 5).unwrap();
    assert_eq!(rm.unbanned, 1);
    assert_eq!(f.banned, set(&["8.8.8.8"]));
}

#[test]
fn a_range_wider_than_the_limit_is_refused_whole() {
    // Settings cap IPv4 at the configured max_prefix_v4 (default /8 or
    // narrower): this range spans far more and is not one network.
    let p = parse::parse_str(
        "1.0.0.0 - 200.0.0.0\n20.0.0.1 - 20.0.0.9\n",
        parse::Format::Auto,
    );
    let s = Screen::new(policy(&settings(), &[])).run(p).unwrap();
    let got: Vec<String> = s.nets.iter().map(|n| n.to_string()).collect();
    // Nothing of the wide range gets through, not even its narrow tail.
    assert!(got.iter().all(|n| n.starts_with("20.0.0.")), "{got:?}");
    assert_eq!(
        s.refused.get("prefix_too_wide"),
        Some(&1),
        "{:?}",
        s.refused
    );
    assert_eq!(s.refused_samples[0].target, "1.0.0.0 - 200.0.0.0");
}
