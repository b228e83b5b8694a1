//! The import's nft apply step with an injected kernel: the one way to make
//! the kernel refuse a change midway on demand (the real refusals, a full
//! set and a missing nft, are in the namespace tests).

use std::collections::BTreeMap;

use super::netlink::Range;
use super::*;
use crate::blocklist::import::{ImportOptions, NoProgress, Settings, entries, import_source_with};
use crate::blocklist::source::{self, NewSource};

/// A kernel in memory. `refuse` makes the next element change fail the way
/// the kernel refuses an invalid element: nothing of the batch applies.
#[derive(Default)]
struct FakeKernel {
    chains: Option<Vec<String>>,
    sets: BTreeMap<String, Vec<Range>>,
    scripts: u32,
    refuse: bool,
}

impl Kernel for FakeKernel {
    fn run_script(&mut self, script: &str) -> Result<()> {
        self.scripts += 1;
        let chains = self.chains.get_or_insert_with(Vec::new);
        for line in script.lines() {
            if let Some(rest) = line.strip_prefix("add chain inet bangui ") {
                let name = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if !chains.contains(&name) {
                    chains.push(name);
                }
            }
        }
        Ok(())
    }
    fn change_elements(&mut self, changes: &[SetChange]) -> Result<()> {
        if self.refuse {
            self.refuse = false;
            return Err(batch_failure(netlink::BatchError {
                errno: 22,
                set: Some(changes[0].set.clone()),
            }));
        }
        for c in changes {
            let s = self.sets.entry(c.set.clone()).or_default();
            s.retain(|r| !c.delete.iter().any(|d| d == *r));
            s.extend(c.add.iter());
            s.sort_unstable();
        }
        Ok(())
    }
    fn chains(&mut self) -> Result<Option<Vec<String>>> {
        Ok(self.chains.clone())
    }
    fn sets(&mut self) -> Result<Option<BTreeMap<String, Vec<Range>>>> {
        Ok(Some(self.sets.clone()))
    }
    fn counters(&mut self) -> Result<BTreeMap<String, Counter>> {
        Ok(BTreeMap::new())
    }
}

struct Offline;
impl crate::blocklist::import::Applier for Offline {
    fn ban(&mut self, _: &str, _: &[String]) -> Result<u64> {
        unreachable!("an nft source never bans through fail2ban")
    }
    fn unban(&mut self, _: &str, _: &[String]) -> Result<u64> {
        unreachable!("an nft source never unbans through fail2ban")
    }
    fn ignoreip(&mut self, _: &str) -> Result<Vec<String>> {
        unreachable!("an nft source has no jail")
    }
}

#[test]
fn a_refused_apply_changes_nothing_and_the_next_converges() {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::db::test_db();
    let feed = dir.path().join("feed.txt");
    std::fs::write(&feed, "1.2.3.0/24\n5.6.7.8\n9.0.0.1 - 9.0.0.6\n").unwrap();
    let mut n = NewSource::new_nft(
        "feed",
        &format!("file://{}", feed.display()),
        Hook::Both,
        Action::Drop,
    );
    n.allow_file = true;
    n.min_interval_s = 0;
    let src = source::add(&conn, &n, 1).unwrap();
    let st = Settings::defaults();
    let mut k = FakeKernel::default();
    let run = |k: &mut FakeKernel| {
        let src = source::get(&conn, "feed").unwrap();
        let opts = ImportOptions {
            force_fetch: true,
            ..Default::default()
        };
        import_source_with(
            &conn,
            &mut Offline,
            &src,
            &st,
            opts,
            k,
            &mut NoProgress,
            &|| false,
            100,
        )
        .unwrap()
    };
    let r = run(&mut k);
    assert_eq!(
        (r.status.as_str(), r.outcome.exit_code(), r.added),
        ("ok", 0, 6)
    );
    // The table was missing: the sources were installed first.
    assert_eq!(k.scripts, 1);
    assert_eq!(k.chains.clone().unwrap(), ["feed-input", "feed-forward"]);
    assert_eq!(
        k.sets["feed-v4"],
        vec![
            (0x0102_0300, 0x0102_03ff),
            (0x0506_0708, 0x0506_0708),
            (0x0900_0001, 0x0900_0006)
        ]
    );
    let before = {
        let mut v = entries(&conn, src.id).unwrap();
        v.sort();
        v
    };

    std::fs::write(&feed, "1.2.3.0/24\n5.6.7.9\n9.0.0.1 - 9.0.0.6\n").unwrap();
    let kernel_before = k.sets.clone();
    k.refuse = true;
    let r = run(&mut k);
    assert_eq!(r.status, "failed");
    assert_eq!(r.outcome.exit_code(), exit::IO_ERR);
    assert!(r.error.as_deref().unwrap().contains("nothing was applied"));
    assert!(!r.changed);
    let mut after = entries(&conn, src.id).unwrap();
    after.sort();
    assert_eq!(after, before, "the database is unchanged");
    assert_eq!(k.sets, kernel_before, "the kernel is unchanged");

    // The next run sends only the difference and records it.
    let r = run(&mut k);
    assert_eq!((r.status.as_str(), r.added, r.removed), ("ok", 1, 1));
    assert_eq!(k.scripts, 1, "no second install");
    assert!(k.sets["feed-v4"].contains(&(0x0506_0709, 0x0506_0709)));
    assert!(!k.sets["feed-v4"].contains(&(0x0506_0708, 0x0506_0708)));
    let cmp = apply::compare(&conn, &mut k).unwrap();
    assert!(
        cmp.iter()
            .all(|c| c.missing.is_empty() && c.stray.is_empty())
    );
    // A disabled source is refused before anything is fetched.
    source::set_enabled(&conn, "feed", false, 200).unwrap();
    let r = run(&mut k);
    assert_eq!(r.outcome.exit_code(), exit::CONFIG);
}
