//! A real network lab for the tests (needs root): a server namespace and a
//! client namespace joined by a veth pair, built by `tests/netns.sh`. The
//! server has [`SERVER_V4`] and [`SERVER_V6`]; tests add client addresses
//! inside and outside the ranges under test and make real TCP connections
//! from them. Dropping the lab kills what runs inside and deletes both
//! namespaces; labs left by killed runs are swept when a new one is built.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

pub const SERVER_V4: &str = "10.99.0.1";
pub const SERVER_V6: &str = "fd99::1";

static SEQ: AtomicU32 = AtomicU32::new(0);

pub fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/netns.sh")
}

pub struct NetLab {
    /// The lab's name; the namespaces are `{name}-s` and `{name}-c`.
    pub name: String,
    listeners: Vec<Child>,
}

/// Run `c` with `args`; panics (naming `what`) when it fails; its stdout.
fn checked(mut c: Command, args: &[&str], what: &str) -> String {
    let out = c
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sh(args: &[&str]) {
    checked(Command::new(script()), args, "tests/netns.sh");
}

impl NetLab {
    /// A lab named `bge<pid>n<seq>`.
    pub fn new() -> NetLab {
        NetLab::with_prefix("bge")
    }

    /// A lab with another short prefix (at most 4 characters).
    pub fn with_prefix(prefix: &str) -> NetLab {
        assert!(
            super::is_root(),
            "network namespace tests need root (CI runs as root)"
        );
        sh(&["sweep", prefix]);
        let n = SEQ.fetch_add(1, Ordering::SeqCst);
        let name = format!("{prefix}{}n{n}", std::process::id());
        sh(&["up", &name]);
        NetLab {
            name,
            listeners: Vec::new(),
        }
    }

    pub fn server_ns(&self) -> String {
        format!("{}-s", self.name)
    }

    pub fn client_ns(&self) -> String {
        format!("{}-c", self.name)
    }

    /// Add an address (v4 or v6; a `/N` suffix is ignored) to the client side
    /// and the route back to it on the server.
    pub fn add_client_addr(&self, ip: &str) -> &NetLab {
        sh(&["addr", &self.name, ip]);
        self
    }

    /// `program` run inside the server namespace.
    pub fn server_cmd(&self, program: &str) -> Command {
        ns_cmd(&self.server_ns(), program)
    }

    /// `program` run inside the client namespace.
    pub fn client_cmd(&self, program: &str) -> Command {
        ns_cmd(&self.client_ns(), program)
    }

    /// Run `program args` in the server namespace; panics when it fails;
    /// returns its stdout.
    pub fn server_run(&self, program: &str, args: &[&str]) -> String {
        let what = format!("{program} in {}", self.server_ns());
        checked(self.server_cmd(program), args, &what)
    }

    /// A TCP listener (v4 and v6) on `port` in the server namespace, killed
    /// when the lab is dropped (or when this process goes away).
    pub fn listen(&mut self, port: u16) {
        let mut child = Command::new(script())
            .args(["listen", &self.name, &port.to_string()])
            .env("NETNS_OWNER", std::process::id().to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the listener");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("listener stdout");
        let _ = BufReader::new(stdout).read_line(&mut line);
        assert_eq!(
            line.trim(),
            "ready",
            "the listener on port {port} did not start"
        );
        self.listeners.push(child);
    }

    /// Whether a TCP connection from `from` (a client address) to the server
    /// on `port` succeeds within 1 s.
    pub fn connects(&self, from: &str, port: u16) -> bool {
        self.connects_all(&[(from, port)])[0]
    }

    /// [`NetLab::connects`] for many (from, port) pairs, tried in parallel.
    pub fn connects_all(&self, pairs: &[(&str, u16)]) -> Vec<bool> {
        let out = Command::new(script())
            .args(["probe", &self.name])
            .args(pairs.iter().map(|(f, p)| format!("{f},{p}")))
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .expect("run tests/netns.sh probe");
        let got: Vec<bool> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.trim() == "1")
            .collect();
        assert_eq!(
            got.len(),
            pairs.len(),
            "probe answered {got:?} for {pairs:?}"
        );
        got
    }
}

/// `program` run inside namespace `ns`.
pub fn ns_cmd(ns: &str, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new("ip");
    c.args(["netns", "exec", ns]).arg(program);
    c
}

impl Drop for NetLab {
    fn drop(&mut self) {
        for c in &mut self.listeners {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = Command::new(script())
            .args(["down", &self.name])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
