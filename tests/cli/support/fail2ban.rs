//! A real fail2ban-server for the tests: one shared server per test binary,
//! plus private servers for tests that stop or reload theirs. Every server
//! runs under a small shell watchdog that stops it and removes its temp dir
//! when the test process goes away, also after a panic or a kill.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Fail2ban {
    pub dir: PathBuf,
    pub socket: PathBuf,
    pub conf: PathBuf,
    /// Stop the server when this handle is dropped (private servers only).
    owned: bool,
}

static SHARED: OnceLock<Fail2ban> = OnceLock::new();
static JAIL_SEQ: AtomicU32 = AtomicU32::new(0);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn require_fail2ban() {
    if Command::new("fail2ban-server")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!(
            "fail2ban-server is not installed: run the README's test command (scripts/test.sh), \
             which installs the Debian package `fail2ban`"
        );
    }
}

/// The server shared by every test in this binary.
pub fn shared() -> &'static Fail2ban {
    SHARED.get_or_init(|| Fail2ban::start(false))
}

impl Fail2ban {
    /// A server of the test's own, stopped when dropped.
    pub fn private() -> Fail2ban {
        Fail2ban::start(true)
    }

    fn start(owned: bool) -> Fail2ban {
        require_fail2ban();
        // sun_path is 108 bytes: keep the directory short.
        let dir = tempfile::Builder::new()
            .prefix("bgf.")
            .tempdir_in("/tmp")
            .expect("temp dir for fail2ban")
            .keep();
        let conf = dir.join("conf");
        copy_dir(&repo().join("tests/fixtures/fail2ban/conf"), &conf);
        for f in walk(&conf) {
            let text = std::fs::read_to_string(&f).unwrap();
            std::fs::write(&f, text.replace("@DIR@", &dir.display().to_string())).unwrap();
        }
        std::fs::write(dir.join("test.log"), "").unwrap();
        let socket = dir.join("fail2ban.sock");
        // Let an unprivileged client (the permission tests) reach the dir.
        set_mode(&dir, 0o755);

        // The watchdog owns the server: it starts it in the foreground, and
        // when the test process ($1) is gone, or the stop file appears, it
        // stops the server by its pid and removes the directory.
        let script = r#"
            test_pid=$1; dir=$2
            fail2ban-server -f --async -x -c "$dir/conf" -s "$dir/fail2ban.sock" \
                -p "$dir/fail2ban.pid" --logtarget "$dir/fail2ban.log" \
                >"$dir/server.out" 2>&1 &
            srv=$!
            echo $srv > "$dir/server.pid"
            while kill -0 "$test_pid" 2>/dev/null && kill -0 "$srv" 2>/dev/null && [ ! -e "$dir/stop" ]; do
                sleep 0.2
            done
            kill -TERM "$srv" 2>/dev/null
            i=0; while kill -0 "$srv" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
            kill -KILL "$srv" 2>/dev/null
            wait "$srv" 2>/dev/null
            case "$dir" in /tmp/bgf.*) rm -rf "$dir" ;; esac
        "#;
        super::spawn_watchdog(script, &[dir.as_os_str()]);

        let f = Fail2ban {
            dir: dir.clone(),
            socket: socket.clone(),
            conf: conf.clone(),
            owned,
        };
        let t0 = Instant::now();
        loop {
            let ok = Command::new("fail2ban-client")
                .arg("-s")
                .arg(&socket)
                .arg("ping")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ok {
                break;
            }
            if t0.elapsed() > Duration::from_secs(30) {
                let out = std::fs::read_to_string(dir.join("server.out")).unwrap_or_default();
                panic!("fail2ban-server did not come up in 30 s:\n{out}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Load the fixture's jails synchronously (no race with the tests).
        let out = Command::new("fail2ban-client")
            .arg("-c")
            .arg(&conf)
            .arg("-s")
            .arg(&socket)
            .arg("reload")
            .output()
            .expect("fail2ban-client reload");
        assert!(
            out.status.success(),
            "configuring the fixture failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        set_mode(&socket, 0o600);
        f
    }

    /// Send raw commands through the test's own Python client (not bangui).
    pub fn raw(&self, cmds: serde_json::Value) -> String {
        let out = Command::new("python3")
            .arg(repo().join("tests/cli/support/f2b_cmd.py"))
            .arg(&self.socket)
            .arg(cmds.to_string())
            .output()
            .expect("run f2b_cmd.py");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "fail2ban set-up command failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// A fresh jail of the test's own, with a no-op action and the test
    /// filter on its own log file.
    pub fn jail(&self, tag: &str) -> Jail {
        let n = JAIL_SEQ.fetch_add(1, Ordering::SeqCst);
        let name = format!("t{n}-{tag}");
        let log = self.dir.join(format!("{name}.log"));
        std::fs::write(&log, "").unwrap();
        self.raw(serde_json::json!([
            ["add", name, "polling"],
            ["set", name, "addlogpath", log.display().to_string(), "tail"],
            [
                "set",
                name,
                "addfailregex",
                "^\\s*bangui-test: auth failure for <F-USER>\\S+</F-USER> from <HOST>\\s*$"
            ],
            ["set", name, "datepattern", "{^LN-BEG}%Y-%m-%d %H:%M:%S"],
            ["set", name, "maxretry", "3"],
            ["set", name, "bantime", "600"],
            ["set", name, "addaction", "noop"],
            ["start", name],
        ]));
        Jail { name, log }
    }

    /// What fail2ban itself says a jail bans.
    pub fn banned(&self, jail: &str) -> std::collections::BTreeSet<String> {
        let out = self.raw(serde_json::json!([["get", jail, "banned"]]));
        let line: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        let repr = line["value"].as_str().unwrap().to_string();
        repr.split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    /// Stop the server now (for "fail2ban went away" tests).
    pub fn stop(&self) {
        let _ = Command::new("fail2ban-client")
            .arg("-s")
            .arg(&self.socket)
            .arg("stop")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let t0 = Instant::now();
        while self.socket.exists() && t0.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Fail2ban {
    fn drop(&mut self) {
        if self.owned {
            let _ = std::fs::write(self.dir.join("stop"), "");
        }
    }
}

pub struct Jail {
    pub name: String,
    pub log: PathBuf,
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
