//! A real PostgreSQL for the fleet tests, from the distribution's packages:
//! `initdb` and `pg_ctl` run as the `postgres` user in a temp dir it owns,
//! listening on 127.0.0.1 on a free port (trust authentication unless a
//! test sets up TLS). One shared server per test binary (a database per
//! test) plus private servers for tests that kill or stop theirs. A shell
//! watchdog stops every server and removes its directory when the test
//! process goes away, also after a panic or a kill.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Postgres {
    pub dir: PathBuf,
    pub port: u16,
    bin: PathBuf,
    extra: Vec<String>,
    owned: bool,
}

static SHARED: OnceLock<Postgres> = OnceLock::new();
static DB_SEQ: AtomicU32 = AtomicU32::new(0);

/// The newest installed server's bin directory.
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .collect()
        })
        .unwrap_or_default();
    found.retain(|p| p.join("initdb").exists());
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop().unwrap_or_else(|| {
        panic!("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): run scripts/install-deps.sh")
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn postgres_ids() -> (u32, u32) {
    let id = |flag: &str| -> u32 {
        let out = Command::new("id")
            .args([flag, "postgres"])
            .output()
            .expect("id");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("the postgres user exists")
    };
    (id("-u"), id("-g"))
}

/// Run a command as the postgres user.
fn as_postgres(program: &Path) -> Command {
    let mut c = Command::new("runuser");
    c.args(["-u", "postgres", "--"]).arg(program);
    c
}

pub fn chown_postgres(p: &Path) {
    let (u, g) = postgres_ids();
    std::os::unix::fs::chown(p, Some(u), Some(g)).expect("chown to postgres");
}

pub fn shared() -> &'static Postgres {
    SHARED.get_or_init(|| Postgres::start(false, &[]))
}

pub fn private() -> Postgres {
    Postgres::start(true, &[])
}

impl Postgres {
    /// Start a server; `extra` are more `-c name=value` settings.
    pub fn start(owned: bool, extra: &[String]) -> Postgres {
        Postgres::start_in(owned, extra, |_| {})
    }

    /// Like `start`, with a hook that prepares files in the dir (owned by
    /// postgres afterwards) before the server starts.
    pub fn start_in(owned: bool, extra: &[String], prepare: impl FnOnce(&Path)) -> Postgres {
        let bin = bin_dir();
        let tmp = tempfile::Builder::new()
            .prefix("bgpg.")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let dir = tmp.keep();
        prepare(&dir);
        for e in std::fs::read_dir(&dir).unwrap() {
            chown_postgres(&e.unwrap().path());
        }
        chown_postgres(&dir);
        let out = as_postgres(&bin.join("initdb"))
            .args(["-D"])
            .arg(dir.join("data"))
            .args(["--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
            .output()
            .expect("run initdb");
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The watchdog: when the test process ($1) is gone, or the stop
        // file appears, stop the server and remove the directory.
        let script = r#"
            test_pid=$1; dir=$2; bin=$3
            while kill -0 "$test_pid" 2>/dev/null && [ ! -e "$dir/stop" ]; do
                sleep 0.2
            done
            runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" stop -m immediate -w >/dev/null 2>&1
            if [ -f "$dir/data/postmaster.pid" ]; then
                pid=$(head -n1 "$dir/data/postmaster.pid")
                [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
            fi
            case "$dir" in /tmp/bgpg.*) rm -rf "$dir" ;; esac
        "#;
        super::spawn_watchdog(script, &[dir.as_os_str(), bin.as_os_str()]);
        let pg = Postgres {
            dir,
            port: free_port(),
            bin,
            extra: extra.to_vec(),
            owned,
        };
        pg.pg_ctl_start();
        pg
    }

    fn pg_ctl_start(&self) {
        let mut opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
            self.port,
            self.dir.display()
        );
        for e in &self.extra {
            opts.push_str(" -c ");
            opts.push_str(e);
        }
        let t0 = Instant::now();
        loop {
            let out = as_postgres(&self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.dir.join("data"))
                .arg("-l")
                .arg(self.dir.join("server.log"))
                .args(["-w", "-t", "30", "-o", &opts, "start"])
                .output()
                .expect("run pg_ctl start");
            if out.status.success() {
                return;
            }
            // After a SIGKILL the old backends may still hold shared memory
            // for a moment.
            if t0.elapsed() > Duration::from_secs(30) {
                let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
                panic!(
                    "PostgreSQL did not start: {}\n{log}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// A fresh database for one test.
    pub fn create_db(&self, tag: &str) -> String {
        let name = format!("t{}_{tag}", DB_SEQ.fetch_add(1, Ordering::SeqCst));
        self.sql("postgres", &format!("CREATE DATABASE {name}"));
        name
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// Run SQL with psql as the superuser; rows come back `|`-separated.
    pub fn sql(&self, db: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
            ])
            .args(["-d", db, "-XqtA", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .env("PGCONNECT_TIMEOUT", "5")
            .output()
            .expect("run psql");
        assert!(
            out.status.success(),
            "psql failed on {sql:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn count(&self, db: &str, sql: &str) -> i64 {
        self.sql(db, sql).parse().expect("a number")
    }

    /// The postmaster's pid.
    pub fn postmaster_pid(&self) -> i32 {
        let text =
            std::fs::read_to_string(self.dir.join("data/postmaster.pid")).expect("postmaster.pid");
        text.lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .expect("a pid")
    }

    /// SIGKILL the postmaster (a crash, not a shutdown).
    pub fn kill_postmaster(&self) {
        let pid = self.postmaster_pid();
        let ok = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill -KILL {pid}");
        let t0 = Instant::now();
        while Path::new(&format!("/proc/{pid}")).exists() && t0.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A clean stop (for "store down" tests).
    pub fn stop(&self) {
        let _ = as_postgres(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-w", "-m", "fast", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    /// Start again after `stop` or `kill_postmaster` (crash recovery runs).
    pub fn restart(&self) {
        self.pg_ctl_start();
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.owned {
            let _ = std::fs::write(self.dir.join("stop"), "");
        }
    }
}
