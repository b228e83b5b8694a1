//! Test support: an isolated environment per test (temp HOME, XDG dirs,
//! database and config, no inherited BANGUI_* variables) that runs the built
//! binary, and the real fail2ban-server fixture.

pub mod fail2ban;
pub mod http;
pub mod netns;
pub mod postgres;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub socket: Option<PathBuf>,
}

/// The outcome of one run: exit code, stdout, stderr.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code {} (expected {expected})\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, s: &str) -> &Run {
        assert!(
            self.stderr.contains(s),
            "stderr lacks {s:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, s: &str) -> &Run {
        assert!(
            self.stdout.contains(s),
            "stdout lacks {s:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stdout_empty(&self) -> &Run {
        assert!(self.stdout.is_empty(), "stdout not empty:\n{}", self.stdout);
        self
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_bangui"))
}

impl TestEnv {
    /// No fail2ban: for config, database and offline commands.
    pub fn new() -> TestEnv {
        let dir = tempfile::Builder::new()
            .prefix("bgt.")
            .tempdir_in("/tmp")
            .expect("temp dir");
        std::fs::write(dir.path().join("bangui.toml"), "").unwrap();
        TestEnv { dir, socket: None }
    }

    /// Talking to the shared fail2ban-server of this test binary.
    pub fn with_fail2ban() -> TestEnv {
        let mut env = TestEnv::new();
        env.socket = Some(fail2ban::shared().socket.clone());
        env
    }

    pub fn with_server(server: &fail2ban::Fail2ban) -> TestEnv {
        let mut env = TestEnv::new();
        env.socket = Some(server.socket.clone());
        env
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("bangui.db")
    }

    pub fn config_file(&self) -> PathBuf {
        self.path().join("bangui.toml")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_file(), text).unwrap();
    }

    /// The command with a clean environment pointing into the temp dir.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        self.isolate(&mut c);
        c
    }

    pub fn isolate(&self, c: &mut Command) {
        c.env_clear()
            .env(
                "PATH",
                std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
            )
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("USER", "tester")
            .env("BANGUI_CONFIG", self.config_file())
            .env("BANGUI_DB", self.db())
            .stdin(Stdio::null());
        if let Some(s) = &self.socket {
            c.env("BANGUI_SOCKET", s);
        } else {
            c.env("BANGUI_SOCKET", self.path().join("no-fail2ban.sock"));
        }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().expect("run bangui");
        to_run(out)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn bangui");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        to_run(child.wait_with_output().unwrap())
    }

    /// The command run inside network namespace `ns` (e.g. a
    /// [`netns::NetLab`]'s server namespace, where fail2ban's firewall is).
    pub fn cmd_in(&self, ns: &str) -> Command {
        let mut c = netns::ns_cmd(ns, bin());
        self.isolate(&mut c);
        c
    }

    pub fn run_in(&self, ns: &str, args: &[&str]) -> Run {
        to_run(
            self.cmd_in(ns)
                .args(args)
                .output()
                .expect("run bangui in a namespace"),
        )
    }

    /// Run as the unprivileged user `nobody` (root ignores file modes).
    pub fn run_as_nobody(&self, args: &[&str]) -> Run {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
            .arg(bin())
            .args(args);
        self.isolate(&mut c);
        to_run(c.output().expect("run setpriv"))
    }
}

/// Run a shell watchdog script with this test process's pid as `$1` and
/// `args` after it. It outlives us on purpose: it is what cleans up after us.
pub fn spawn_watchdog(script: &str, args: &[&std::ffi::OsStr]) {
    #[allow(clippy::zombie_processes)]
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("watchdog")
        .arg(std::process::id().to_string())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn a watchdog");
}

pub fn to_run(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The text field `key` of every object in the JSON array `list`.
pub fn field_strs<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|o| {
            o[key]
                .as_str()
                .unwrap_or_else(|| panic!("no text {key:?} in {o}"))
        })
        .collect()
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
