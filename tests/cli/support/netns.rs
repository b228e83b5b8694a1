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

fn sh(args: &[&str]) {
    let out = Command::new(script())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run tests/netns.sh");
    assert!(
        out.status.success(),
        "tests/netns.sh {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
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
        let out = self
            .server_cmd(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run in the server namespace");
        assert!(
            out.status.success(),
            "{program} {args:?} failed in {}: {}",
            self.server_ns(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
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
        Command::new(script())
            .args(["connect", &self.name, from, &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
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
