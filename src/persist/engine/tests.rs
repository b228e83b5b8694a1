//! The engine against a scripted fail2ban: the faults a real server cannot produce on
//! demand (a config test that starts failing, a reload that fails or loses the jail, a
//! stop that does not stop). The real server runs the same paths in the CLI tests.

use std::cell::RefCell;
use std::collections::VecDeque;

use super::*;

/// One scripted `reload`: whether it succeeds, what it prints, and the jails that run
/// afterwards (None: unchanged).
struct Reload {
    ok: bool,
    text: &'static str,
    running: Option<Vec<&'static str>>,
}

#[derive(Default)]
struct Fake {
    running: RefCell<Vec<String>>,
    /// What each `-t` prints, in order (None: the client cannot be started); an empty
    /// script means a clean test.
    tests: RefCell<VecDeque<Option<&'static str>>>,
    reloads: RefCell<VecDeque<Reload>>,
    /// Whether `stop` really stops the jail.
    stop_stops: bool,
    calls: RefCell<Vec<String>>,
}

impl Fake {
    fn running(jails: &[&str]) -> Fake {
        Fake {
            running: RefCell::new(jails.iter().map(|j| j.to_string()).collect()),
            stop_stops: true,
            ..Fake::default()
        }
    }

    fn tests(self, outputs: &[Option<&'static str>]) -> Fake {
        self.tests.borrow_mut().extend(outputs.iter().copied());
        self
    }

    fn reloads(self, r: Vec<Reload>) -> Fake {
        self.reloads.borrow_mut().extend(r);
        self
    }

    fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }
}

impl Server for Fake {
    fn client(&self, socket: bool, args: &[&str]) -> Result<Run> {
        self.calls.borrow_mut().push(args.join(" "));
        if args == ["-t"] {
            assert!(!socket, "the config test needs no server");
            return match self.tests.borrow_mut().pop_front() {
                Some(None) => Err(Error::Other("cannot start fail2ban-client".into())),
                Some(Some(text)) => Ok(Run {
                    success: !text.contains("ERROR"),
                    code: Some(if text.contains("ERROR") { 255 } else { 0 }),
                    stdout: String::new(),
                    stderr: text.to_string(),
                }),
                None => Ok(Run {
                    success: true,
                    code: Some(0),
                    stdout: "OK: configuration test is successful\n".into(),
                    stderr: String::new(),
                }),
            };
        }
        assert!(socket, "{args:?} must reach the server");
        let r = self.reloads.borrow_mut().pop_front().unwrap_or(Reload {
            ok: true,
            text: "OK",
            running: None,
        });
        if let Some(now) = r.running {
            *self.running.borrow_mut() = now.iter().map(|j| j.to_string()).collect();
        }
        Ok(Run {
            success: r.ok,
            code: Some(if r.ok { 0 } else { 255 }),
            stdout: r.text.to_string(),
            stderr: String::new(),
        })
    }

    fn client_name(&self) -> String {
        "fail2ban-client".into()
    }

    fn running_jails(&self) -> Result<Vec<String>> {
        Ok(self.running.borrow().clone())
    }

    fn stop_jail(&self, jail: &str) -> Result<()> {
        self.calls.borrow_mut().push(format!("stop {jail}"));
        if self.stop_stops {
            self.running.borrow_mut().retain(|j| j != jail);
        }
        Ok(())
    }
}

struct Rig {
    _tmp: tempfile::TempDir,
    config_dir: PathBuf,
    backups_dir: PathBuf,
}

impl Rig {
    /// A config directory with jails `sshd` and `web`, and `previous` as the override
    /// file (None: no such file yet).
    fn new(previous: Option<&str>) -> Rig {
        let tmp = tempfile::tempdir().unwrap();
        let config_dir = tmp.path().join("fail2ban");
        std::fs::create_dir_all(config_dir.join("jail.d")).unwrap();
        std::fs::write(
            config_dir.join("jail.conf"),
            "[sshd]\nenabled = true\nignoreip = 127.0.0.1/8\nfilter = sshd\nfailregex = ^base <HOST>$\n\n[web]\nfilter = web\n",
        )
        .unwrap();
        std::fs::create_dir_all(config_dir.join("filter.d")).unwrap();
        for f in ["sshd", "web"] {
            std::fs::write(
                config_dir.join(format!("filter.d/{f}.conf")),
                "[Definition]\nfailregex = ^fail from <HOST>$\n",
            )
            .unwrap();
        }
        if let Some(text) = previous {
            std::fs::write(super::super::file_in(&config_dir), text).unwrap();
        }
        let backups_dir = tmp.path().join("config-backups");
        Rig {
            _tmp: tmp,
            config_dir,
            backups_dir,
        }
    }

    fn persister<'a>(&self, server: &'a Fake) -> Persister<'a> {
        Persister {
            server,
            config_dir: self.config_dir.clone(),
            backups: BackupStore::new(&self.backups_dir),
            now: chrono::Utc::now(),
        }
    }

    fn file(&self) -> Option<String> {
        std::fs::read_to_string(super::super::file_in(&self.config_dir)).ok()
    }

    fn backups(&self) -> usize {
        BackupStore::new(&self.backups_dir).list().unwrap().len()
    }
}

fn jail(name: &str) -> JailName {
    JailName::parse(name).unwrap()
}

const PREVIOUS: &str = "[sshd]\nbantime = 600\n";

fn set_bantime(p: &Persister<'_>, dry_run: bool) -> Result<Outcome> {
    let s = p.plan_setting(&jail("sshd"), "bantime", "1h")?;
    assert_eq!((s.value.as_str(), s.option.as_str()), ("3600", "bantime"));
    p.change(s.plan, dry_run)
}

#[test]
fn a_change_is_written_tested_applied_and_backed_up() {
    let rig = Rig::new(Some(PREVIOUS));
    let fake = Fake::running(&["sshd"]);
    let o = set_bantime(&rig.persister(&fake), false).unwrap();
    assert!(o.changed && o.would_change);
    assert_eq!(o.applied.as_deref(), Some("fail2ban-client reload sshd"));
    assert_eq!(o.running, Some(true));
    assert!(o.notes.is_empty(), "{:?}", o.notes);
    assert!(
        o.diff.contains("-bantime = 600\n+bantime = 3600\n"),
        "{}",
        o.diff
    );
    assert!(rig.file().unwrap().contains("[sshd]\nbantime = 3600\n"));
    let b = o.backup.unwrap();
    assert_eq!(b.reason, "before jail set sshd bantime=3600 --persist");
    let (_, bytes) = BackupStore::new(&rig.backups_dir).get(&b.id).unwrap();
    assert_eq!(bytes.as_deref(), Some(PREVIOUS.as_bytes()));
    assert_eq!(fake.calls(), ["-t", "-t", "reload sshd"]);
}

#[test]
fn a_dry_run_asks_nothing_and_writes_nothing() {
    let rig = Rig::new(None);
    let fake = Fake::running(&["sshd"]);
    let o = set_bantime(&rig.persister(&fake), true).unwrap();
    assert!(!o.changed && o.would_change);
    assert!(o.diff.contains("+bantime = 3600"), "{}", o.diff);
    assert_eq!(rig.file(), None);
    assert_eq!(rig.backups(), 0);
    assert!(fake.calls().is_empty());
}

#[test]
fn a_refused_config_test_restores_the_file_and_drops_the_backup() {
    let rig = Rig::new(Some(PREVIOUS));
    let fake = Fake::running(&["sshd"]).tests(&[
        Some(""),
        Some("2026-01-01 10:00:00,000 fail2ban [7]: ERROR   Failed during configuration: bad bantime\n"),
    ]);
    let e = set_bantime(&rig.persister(&fake), false).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    assert!(
        msg.starts_with("`fail2ban-client -t` refuses the change: Failed during configuration: bad bantime; rolled back: "),
        "{msg}"
    );
    assert_eq!(rig.file().as_deref(), Some(PREVIOUS));
    assert_eq!(rig.backups(), 0);
    assert_eq!(fake.calls(), ["-t", "-t"], "nothing may be reloaded");
}

#[test]
fn a_new_file_is_removed_again_when_the_test_refuses_it() {
    let rig = Rig::new(None);
    let fake = Fake::running(&[]).tests(&[None]);
    let p = rig.persister(&fake);
    // The baseline test cannot even run: nothing is written.
    let plan = p.plan_enable(&jail("web"), true).unwrap();
    assert!(p.change(plan, false).is_err());
    assert_eq!((rig.file(), rig.backups()), (None, 0));

    let fake = Fake::running(&[]).tests(&[Some(""), None]);
    let p = rig.persister(&fake);
    let plan = p.plan_enable(&jail("web"), true).unwrap();
    let msg = p.change(plan, false).unwrap_err().to_string();
    assert!(
        msg.starts_with(
            "running the config test failed: cannot start fail2ban-client; rolled back:"
        ),
        "{msg}"
    );
    assert_eq!((rig.file(), rig.backups()), (None, 0));
}

#[test]
fn errors_the_config_had_before_are_noted_not_blamed() {
    let rig = Rig::new(None);
    let old = "x fail2ban [1]: ERROR   No file(s) found for glob /var/log/x\n";
    let fake = Fake::running(&["sshd"]).tests(&[Some(old), Some(old)]);
    let o = set_bantime(&rig.persister(&fake), false).unwrap();
    assert!(o.changed);
    assert_eq!(
        o.notes,
        [
            "fail2ban's config test already failed before this change (not caused by it): No file(s) found for glob /var/log/x"
        ]
    );
}

#[test]
fn a_failed_reload_restores_the_file_and_brings_the_jail_back() {
    let rig = Rig::new(Some(PREVIOUS));
    let fake = Fake::running(&["sshd"]).reloads(vec![
        // The reload fails and takes the jail down with it …
        Reload {
            ok: false,
            text: "2026 fail2ban [9]: ERROR   Jail 'sshd' failed to start\nother line\n",
            running: Some(vec![]),
        },
        // … `reload sshd` cannot bring it back (fail2ban 1.0) …
        Reload {
            ok: false,
            text: "",
            running: None,
        },
        // … a full reload does.
        Reload {
            ok: true,
            text: "OK",
            running: Some(vec!["sshd"]),
        },
    ]);
    let e = set_bantime(&rig.persister(&fake), false).unwrap_err();
    let file = super::super::file_in(&rig.config_dir);
    assert_eq!(
        e.to_string(),
        format!(
            "applying the change failed: `fail2ban-client reload sshd` failed: Jail 'sshd' failed to start; \
             rolled back: {} restored; ran reload sshd, then reload; jail sshd is running again with its previous settings",
            file.display()
        )
    );
    assert_eq!(rig.file().as_deref(), Some(PREVIOUS));
    assert_eq!(rig.backups(), 0);
    assert_eq!(
        fake.calls(),
        ["-t", "-t", "reload sshd", "reload sshd", "reload"]
    );
}

#[test]
fn a_jail_that_does_not_run_after_the_reload_is_a_failure() {
    let rig = Rig::new(Some(PREVIOUS));
    let gone = || Reload {
        ok: true,
        text: "OK",
        running: Some(vec![]),
    };
    let fake = Fake::running(&["sshd"]).reloads(vec![gone(), gone(), gone()]);
    let msg = set_bantime(&rig.persister(&fake), false)
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("applying the change failed: `fail2ban-client reload sshd` succeeded but jail sshd is not running; rolled back:"),
        "{msg}"
    );
    assert!(
        msg.ends_with("; ran reload sshd, then reload; jail sshd did NOT come back: check `fail2ban-client status`"),
        "{msg}"
    );
    assert_eq!(rig.file().as_deref(), Some(PREVIOUS));
}

#[test]
fn enabling_a_stopped_jail_reloads_everything_and_rolls_back_with_a_reload() {
    let rig = Rig::new(None);
    let fake = Fake::running(&["sshd"]).reloads(vec![Reload {
        ok: true,
        text: "OK",
        running: None,
    }]);
    let p = rig.persister(&fake);
    let msg = p
        .change(p.plan_enable(&jail("web"), true).unwrap(), false)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("`fail2ban-client reload` succeeded but jail web is not running"),
        "{msg}"
    );
    assert!(msg.ends_with("restored; ran reload"), "{msg}");
    assert_eq!((rig.file(), rig.backups()), (None, 0));
    assert_eq!(fake.calls(), ["-t", "-t", "reload", "reload"]);

    let fake = Fake::running(&[]).reloads(vec![Reload {
        ok: true,
        text: "OK",
        running: Some(vec!["web"]),
    }]);
    let p = rig.persister(&fake);
    let o = p
        .change(p.plan_enable(&jail("web"), true).unwrap(), false)
        .unwrap();
    assert_eq!(o.applied.as_deref(), Some("fail2ban-client reload"));
    assert!(rig.file().unwrap().contains("[web]\nenabled = true\n"));
}

#[test]
fn a_stop_that_does_not_stop_is_rolled_back() {
    let rig = Rig::new(None);
    let fake = Fake {
        stop_stops: false,
        ..Fake::running(&["sshd"])
    };
    let p = rig.persister(&fake);
    let msg = p
        .change(p.plan_enable(&jail("sshd"), false).unwrap(), false)
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with(
            "applying the change failed: jail sshd is still running after `stop`; rolled back:"
        ),
        "{msg}"
    );
    assert!(msg.ends_with("; jail sshd still runs"), "{msg}");
    assert_eq!((rig.file(), rig.backups()), (None, 0));

    let fake = Fake::running(&["sshd"]);
    let p = rig.persister(&fake);
    let o = p
        .change(p.plan_enable(&jail("sshd"), false).unwrap(), false)
        .unwrap();
    assert_eq!(o.applied.as_deref(), Some("stop sshd (native)"));
    assert_eq!(o.running, Some(false));
    assert_eq!(fake.calls(), ["-t", "-t", "stop sshd"]);
}

#[test]
fn a_setting_of_a_stopped_jail_waits_for_its_start() {
    let rig = Rig::new(None);
    let fake = Fake::running(&[]);
    let o = set_bantime(&rig.persister(&fake), false).unwrap();
    assert!(o.changed);
    assert_eq!((o.applied, o.running), (None, Some(false)));
    assert_eq!(
        o.notes,
        ["jail sshd is not running: the setting applies when it starts"]
    );
    assert_eq!(fake.calls(), ["-t", "-t"]);
}

#[test]
fn settings_are_checked_before_anything_is_read() {
    let rig = Rig::new(None);
    let fake = Fake::running(&["sshd"]);
    let p = rig.persister(&fake);
    let err = |key: &str, value: &str| p.plan_setting(&jail("sshd"), key, value).err().unwrap();
    assert!(matches!(err("delfailregex", "0"), Error::Usage(_)));
    assert!(matches!(err("failregex", "x"), Error::Usage(_)));
    assert!(matches!(err("maxretry", "0"), Error::BadInput { .. }));
    assert!(matches!(
        err("ignorecommand", "/bin/x ;y"),
        Error::BadInput { .. }
    ));
    assert!(matches!(
        p.plan_setting(&jail("nosuch"), "bantime", "1h")
            .err()
            .unwrap(),
        Error::Config { .. }
    ));
    let missing = Persister {
        config_dir: rig.config_dir.join("nope"),
        ..rig.persister(&fake)
    };
    let e = missing.plan_enable(&jail("sshd"), true).err().unwrap();
    assert!(
        e.to_string()
            .ends_with("does not exist; set fail2ban.config_dir"),
        "{e}"
    );
    assert!(fake.calls().is_empty());
}

#[test]
fn lists_are_edited_not_replaced() {
    let rig = Rig::new(Some(
        "[sshd]\nfailregex = %(known/failregex)s\n    ^x <HOST>$\n",
    ));
    let fake = Fake::running(&[]);
    let p = rig.persister(&fake);
    let add = |key: &str, value: &str| {
        let s = p.plan_setting(&jail("sshd"), key, value).unwrap();
        p.change(s.plan, false).unwrap()
    };
    add("addignoreip", "10.0.0.0/8");
    add("addignoreip", "10.0.0.0/8");
    let text = rig.file().unwrap();
    assert!(
        text.contains("ignoreip = 127.0.0.1/8 10.0.0.0/8\n"),
        "{text}"
    );
    add("delignoreip", "127.0.0.1/8");
    assert!(rig.file().unwrap().contains("ignoreip = 10.0.0.0/8\n"));
    let again = add("addfailregex", "^x <HOST>$");
    assert!(!again.changed, "the regex is there already");
    add("addfailregex", "^y 100% <HOST>$");
    assert!(
        rig.file()
            .unwrap()
            .contains("failregex = %(known/failregex)s\n    ^x <HOST>$\n    ^y 100%% <HOST>$\n")
    );
}

#[test]
fn a_restore_brings_back_the_saved_version_and_reloads() {
    let rig = Rig::new(Some(PREVIOUS));
    let fake = Fake::running(&["sshd"]);
    let p = rig.persister(&fake);
    let o = set_bantime(&p, false).unwrap();
    let id = o.backup.unwrap().id;
    let (plan, b) = p.plan_restore(&id).unwrap();
    assert_eq!(b.id, id);
    let o = p.change(plan, false).unwrap();
    assert_eq!(o.applied.as_deref(), Some("fail2ban-client reload"));
    assert_eq!(o.running, None);
    assert_eq!(rig.file().as_deref(), Some(PREVIOUS));

    // A failed full reload: the file goes back, a reload is tried once more.
    let edited = "[sshd]\nbantime = 5\n";
    std::fs::write(super::super::file_in(&rig.config_dir), edited).unwrap();
    let fake = Fake::running(&["sshd"]).reloads(vec![Reload {
        ok: false,
        text: "no server\n",
        running: None,
    }]);
    let p = rig.persister(&fake);
    let (plan, _) = p.plan_restore(&id).unwrap();
    let msg = p.change(plan, false).unwrap_err().to_string();
    assert!(
        msg.starts_with(
            "applying the change failed: `fail2ban-client reload` failed: no server; rolled back:"
        ),
        "{msg}"
    );
    assert!(msg.ends_with("; ran reload"), "{msg}");
    assert_eq!(rig.file().as_deref(), Some(edited));

    // A backup of another file is refused.
    let other = BackupStore::new(&rig.backups_dir)
        .save(
            std::path::Path::new("/elsewhere/zz-bangui.local"),
            None,
            "r",
            chrono::Utc::now(),
        )
        .unwrap();
    let e = p.plan_restore(&other.id).err().unwrap();
    assert!(matches!(e, Error::BadInput { .. }), "{e:?}");
}
