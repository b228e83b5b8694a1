//! A real fail2ban-server for the tests: one shared server per test binary,
//! plus private servers for tests that stop or reload theirs. Every server
//! runs under a small shell watchdog that stops it and removes its temp dir
//! when the test process goes away, also after a panic or a kill.
//!
//! `F2B_VERSION` picks the fail2ban release (unset or `1.0.2`: the Debian
//! package; `1.1.0`, `1.1.1`: the release trees beside the repository).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Fail2ban {
    pub dir: PathBuf,
    pub socket: PathBuf,
    pub conf: PathBuf,
    /// The release it runs: "1.0.2", "1.1.0" or "1.1.1".
    pub version: String,
    /// Stop the server when this handle is dropped (private servers only).
    owned: bool,
}

static SHARED: OnceLock<Fail2ban> = OnceLock::new();
static JAIL_SEQ: AtomicU32 = AtomicU32::new(0);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// How to start a private server: see [`Fail2ban::start_with`].
#[derive(Default, Clone)]
pub struct Options {
    /// Run the server inside this network namespace.
    pub netns: Option<String>,
    /// Copied over the fixture conf (`@DIR@` replaced): e.g. a jail.local and
    /// action.d overrides. The release's stock action.d is copied first.
    pub conf_dir: Option<PathBuf>,
    /// The release: None = `F2B_VERSION`, else "1.0.2", "1.1.0" or "1.1.1".
    pub version: Option<String>,
}

/// The release the tests run: `F2B_VERSION`, or the Debian package's 1.0.2.
pub fn env_version() -> String {
    match std::env::var("F2B_VERSION") {
        Ok(v) if !v.is_empty() => v,
        _ => "1.0.2".to_string(),
    }
}

/// The release tree of `version`, None for the Debian package.
pub fn source_tree(version: &str) -> Option<PathBuf> {
    if version == "1.0.2" {
        return None;
    }
    // `shared/` sits beside the repository (a worktree may sit one level deeper).
    let src = repo()
        .ancestors()
        .skip(1)
        .map(|d| d.join("shared/fail2ban-src").join(version))
        .find(|d| d.join("fail2ban").is_dir());
    assert!(
        src.is_some(),
        "no fail2ban {version} release tree in ../shared/fail2ban-src"
    );
    src
}

/// The stock config dir (filter.d, action.d) of `version`.
pub fn stock_config(version: &str) -> PathBuf {
    match source_tree(version) {
        Some(src) => src.join("config"),
        None => PathBuf::from("/etc/fail2ban"),
    }
}

/// A `fail2ban-client` of `version`.
pub fn client_cmd(version: &str) -> Command {
    match source_tree(version) {
        Some(src) => {
            let mut c = Command::new("python3");
            c.arg(src.join("bin/fail2ban-client"))
                .env("PYTHONPATH", &src);
            c
        }
        None => Command::new("fail2ban-client"),
    }
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
    SHARED.get_or_init(|| Fail2ban::start(false, &Options::default()))
}

impl Fail2ban {
    /// A server of the test's own, stopped when dropped.
    pub fn private() -> Fail2ban {
        Fail2ban::start(true, &Options::default())
    }

    /// A server of the test's own with other options, stopped when dropped.
    pub fn start_with(opts: Options) -> Fail2ban {
        Fail2ban::start(true, &opts)
    }

    fn start(owned: bool, opts: &Options) -> Fail2ban {
        require_fail2ban();
        let version = opts.version.clone().unwrap_or_else(env_version);
        let src = source_tree(&version);
        // sun_path is 108 bytes: keep the directory short.
        let dir = tempfile::Builder::new()
            .prefix("bgf.")
            .tempdir_in("/tmp")
            .expect("temp dir for fail2ban")
            .keep();
        let conf = dir.join("conf");
        if opts.conf_dir.is_some() {
            copy_dir(
                &stock_config(&version).join("action.d"),
                &conf.join("action.d"),
            );
        }
        copy_dir(&repo().join("tests/fixtures/fail2ban/conf"), &conf);
        if let Some(extra) = &opts.conf_dir {
            copy_dir(extra, &conf);
        }
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
            test_pid=$1; dir=$2; shift 2
            "$@" -f --async -x -c "$dir/conf" -s "$dir/fail2ban.sock" \
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
        // The server program, inside the namespace when asked.
        let mut server: Vec<String> = Vec::new();
        if let Some(ns) = &opts.netns {
            server.extend(["ip", "netns", "exec", ns].map(String::from));
        }
        match &src {
            Some(src) => server.extend([
                "env".to_string(),
                format!("PYTHONPATH={}", src.display()),
                "python3".to_string(),
                src.join("bin/fail2ban-server").display().to_string(),
            ]),
            None => server.push("fail2ban-server".to_string()),
        }
        let mut args: Vec<&std::ffi::OsStr> = vec![dir.as_os_str()];
        args.extend(server.iter().map(std::ffi::OsStr::new));
        super::spawn_watchdog(script, &args);

        let f = Fail2ban {
            dir: dir.clone(),
            socket: socket.clone(),
            conf: conf.clone(),
            version: version.clone(),
            owned,
        };
        let t0 = Instant::now();
        loop {
            let ok = client_cmd(&version)
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
        let out = client_cmd(&version)
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
        let _ = client_cmd(&self.version)
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

impl Jail {
    /// Append `n` failed logins of `user` from `ip`, stamped now in local
    /// time (the jail's log lines: `bangui-test: auth failure for …`).
    pub fn log_failures(&self, user: &str, ip: &str, n: usize) {
        use std::io::Write;
        let out = Command::new("date").arg("+%F %T").output().unwrap();
        let stamp = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let line = format!("{stamp} bangui-test: auth failure for {user} from {ip}\n");
        std::fs::OpenOptions::new()
            .append(true)
            .open(&self.log)
            .unwrap()
            .write_all(line.repeat(n).as_bytes())
            .unwrap();
    }
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
