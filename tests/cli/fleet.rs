//! The fleet: a real PostgreSQL started by the test (initdb + pg_ctl in a
//! temp dir), several simulated hosts (each its own bangui database, jail on
//! the real fail2ban-server and BANGUI_FLEET_HOST_ID), real HTTP feeds.
//! fail2ban's own view of each jail is the judge of what is banned.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::fail2ban::{self, Jail};
use crate::support::http::HttpServer;
use crate::support::postgres::{self, Postgres};
use crate::support::{Run, TestEnv, field_strs, to_run};

/// What fail2ban itself says the jail bans.
fn banned(jail: &Jail) -> BTreeSet<String> {
    fail2ban::shared().banned(&jail.name)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// One simulated host.
struct Host {
    id: String,
    env: TestEnv,
    jail: Jail,
}

impl Host {
    fn new(id: &str, url: &str, extra_config: &str) -> Host {
        let env = TestEnv::with_fail2ban();
        env.write_config(&format!(
            "[fleet]\nurl = {url:?}\nsslmode = \"disable\"\n{extra_config}"
        ));
        Host {
            id: id.to_string(),
            jail: fail2ban::shared().jail(&format!("fl-{id}")),
            env,
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = self.env.cmd();
        c.env("BANGUI_FLEET_HOST_ID", &self.id).args(args);
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        to_run(self.cmd(args).output().expect("run bangui"))
    }

    fn add_fleet_source(&self, url: &str) {
        self.run(&[
            "blocklist",
            "source",
            "add",
            "fleet",
            url,
            "--jail",
            &self.jail.name,
        ])
        .code(0);
    }

    /// The fleet source's report of one `jobs run blocklist-import`.
    fn import(&self) -> Value {
        let r = self.run(&["jobs", "run", "blocklist-import", "--json"]);
        r.code(0);
        r.json()["data"]["summary"]["imported"][0].clone()
    }
}

fn hosts(pg: &Postgres, db: &str, safelist_c: &str) -> (Host, Host, Host) {
    let url = pg.url(db);
    let a = Host::new("host-a", &url, "");
    let b = Host::new("host-b", &url, "");
    let c = Host::new(
        "host-c",
        &url,
        &format!("[safety]\nsafelist = [{safelist_c:?}]\n"),
    );
    (a, b, c)
}

#[test]
fn shared_bans_reach_every_host_through_its_own_policy() {
    let pg = postgres::shared();
    let db = pg.create_db("share");
    let (a, b, c) = hosts(pg, &db, "9.9.9.9");

    let first = a.run(&["fleet", "init", "--json"]);
    first.code(0);
    assert_eq!(first.json()["data"]["changed"], true);
    assert_eq!(first.json()["data"]["applied"], json!(["V1__init"]));
    let again = b.run(&["fleet", "init", "--json"]);
    again.code(0);
    assert_eq!(again.json()["data"]["changed"], false);

    b.add_fleet_source("fleet:");
    c.add_fleet_source("fleet:");

    let r = a.run(&[
        "ban",
        "8.8.4.4",
        "9.9.9.9",
        "--jail",
        &a.jail.name,
        "--share",
        "--reason",
        "scanner",
        "--json",
    ]);
    r.code(0);
    assert_eq!(r.json()["data"]["fleet"]["published"], 2);
    assert_eq!(r.json()["data"]["fleet"]["pending_outbox"], 0);
    assert_eq!(banned(&a.jail), set(&["8.8.4.4", "9.9.9.9"]));
    assert_eq!(
        pg.sql(&db, "SELECT string_agg(origin_host || ' ' || class || ' ' || reason, ',') FROM fleet_decisions"),
        format!("host-a {} scanner,host-a {} scanner", a.jail.name, a.jail.name)
    );

    let rb = b.import();
    assert_eq!(rb["status"], "ok", "{rb}");
    assert_eq!(banned(&b.jail), set(&["8.8.4.4", "9.9.9.9"]));
    // Host c's own safelist refuses one of them: the fleet cannot lock it out.
    let rc = c.import();
    assert_eq!(rc["status"], "ok", "{rc}");
    assert_eq!(rc["refused"]["safelist"], 1, "{rc}");
    assert_eq!(banned(&c.jail), set(&["8.8.4.4"]));

    // Nothing new on the fleet: the change counter answers.
    let idle = b.import();
    assert_eq!(idle["status"], "unchanged", "{idle}");
    assert_eq!(idle["changed"], false);

    // Revoking on a removes it from b and c at their next import.
    let r = a.run(&[
        "unban",
        "8.8.4.4",
        "--jail",
        &a.jail.name,
        "--share",
        "--json",
    ]);
    r.code(0);
    assert_eq!(r.json()["data"]["fleet"]["revoked"], 1);
    assert_eq!(banned(&a.jail), set(&["9.9.9.9"]));
    assert_eq!(b.import()["removed"], 1);
    assert_eq!(banned(&b.jail), set(&["9.9.9.9"]));
    c.import();
    assert!(banned(&c.jail).is_empty());

    // One history: every host syncs and pushes; the fleet's totals are the
    // sum of the hosts' own rows.
    let mut local_total = 0;
    for h in [&a, &b, &c] {
        h.run(&["history", "sync"]).code(0);
        let p = h.run(&["jobs", "run", "fleet-push", "--json"]);
        p.code(0);
        assert_eq!(p.json()["data"]["status"], "ok", "{}", p.stdout);
        let s = h
            .run(&["history", "stats", "--since", "30d", "--json"])
            .json();
        local_total += s["data"]["total_bans"].as_i64().unwrap();
    }
    assert!(local_total > 0);
    let f = a.run(&["history", "stats", "--fleet", "--since", "30d", "--json"]);
    f.code(0);
    assert_eq!(f.json()["data"]["total_bans"], local_total);
    let one = a.run(&[
        "history", "stats", "--fleet", "--host", "host-b", "--since", "30d", "--json",
    ]);
    let own_b = b
        .run(&["history", "stats", "--since", "30d", "--json"])
        .json();
    assert_eq!(
        one.json()["data"]["total_bans"],
        own_b["data"]["total_bans"]
    );
    let list = a
        .run(&["history", "list", "--fleet", "--since", "30d", "--json"])
        .json();
    let ids: BTreeSet<String> = list["data"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["host_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, set(&["host-a", "host-b", "host-c"]));
    // A second push inserts nothing twice.
    let p = a.run(&["fleet", "push", "--json"]);
    p.code(0);
    assert_eq!(p.json()["data"]["history_rows"], 0);
    assert_eq!(p.json()["data"]["changed"], false);

    let st = c.run(&["fleet", "status", "-o", "json"]);
    st.code(0);
    let st_json = st.json();
    let hosts: Vec<&str> = field_strs(&st_json["data"]["hosts"], "host_id");
    assert_eq!(hosts, ["host-a", "host-b", "host-c"]);
    assert_eq!(st.json()["data"]["active_decisions"], 1);
    assert_eq!(st.json()["data"]["host_id"], "host-c");
}

#[test]
fn share_while_the_store_is_down_is_queued_and_published_by_fleet_push() {
    let pg = Postgres::start(true, &[]);
    let db = pg.create_db("offline");
    let url = pg.url(&db);
    let a = Host::new("off-a", &url, "");
    let b = Host::new("off-b", &url, "");
    a.run(&["fleet", "init"]).code(0);
    b.add_fleet_source("fleet:");

    pg.stop();
    let r = a.run(&[
        "ban",
        "8.8.8.8",
        "--jail",
        &a.jail.name,
        "--share",
        "--json",
    ]);
    r.code(0).stderr_has("warning").stderr_has("outbox");
    assert_eq!(r.json()["data"]["fleet"]["published"], 0);
    assert_eq!(r.json()["data"]["fleet"]["pending_outbox"], 1);
    assert_eq!(banned(&a.jail), set(&["8.8.8.8"]));
    // Local commands keep working without the store.
    a.run(&["banned", "8.8.8.8", "--jail", &a.jail.name])
        .code(0);
    a.run(&["history", "sync"]).code(0);
    // Publishing now says why it cannot.
    let p = a.run(&["fleet", "push"]);
    p.code(69).stderr_has("fleet store");
    // b's import fails cleanly and changes nothing.
    let rb = b.run(&["jobs", "run", "blocklist-import", "--json"]);
    assert!(banned(&b.jail).is_empty(), "{}", rb.stdout);

    pg.restart();
    let p = a.run(&["jobs", "run", "fleet-push", "--json"]);
    p.code(0);
    assert_eq!(
        p.json()["data"]["summary"]["decisions_published"],
        1,
        "{}",
        p.stdout
    );
    assert_eq!(p.json()["data"]["summary"]["pending_outbox"], 0);
    b.import();
    assert_eq!(banned(&b.jail), set(&["8.8.8.8"]));
}

/// Add `n` rows to a host's own history (its database exists already).
fn seed_history(db: &Path, n: usize) {
    let mut c = rusqlite::Connection::open(db).unwrap();
    let tx = c.transaction().unwrap();
    {
        let mut st = tx
            .prepare(
                "INSERT INTO ban_history (jail, ip, timeofban, bantime, bancount, origin, synced_at)
                 VALUES ('sshd', ?1, ?2, 600, 1, 'fail2ban', ?2)",
            )
            .unwrap();
        for i in 0..n {
            let ip = format!("5.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255);
            st.execute(rusqlite::params![ip, 1_700_000_000 + i as i64])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

#[test]
fn postmaster_killed_mid_push_then_repush_converges_without_duplicates() {
    let pg = Postgres::start(true, &[]);
    let db = pg.create_db("kill");
    let a = Host::new("kill-a", &pg.url(&db), "push_batch_rows = 1000\n");
    a.run(&["fleet", "init"]).code(0);
    const ROWS: usize = 60_000;
    a.run(&["db", "migrate"]).code(0);
    seed_history(&a.env.db(), ROWS);
    // Queue a decision too (store down) so the outbox is part of the push.
    pg.stop();
    a.run(&["ban", "8.8.4.4", "--jail", &a.jail.name, "--share"])
        .code(0);
    pg.restart();
    // Each batch takes a while, so the kill lands between the first and
    // the last commit.
    pg.sql(
        &db,
        "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NULL; END $$;
         CREATE TRIGGER slow AFTER INSERT ON fleet_history FOR EACH STATEMENT EXECUTE FUNCTION slow();",
    );
    let child = a
        .cmd(&["fleet", "push"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    loop {
        let n = pg.count(&db, "SELECT count(*) FROM fleet_history");
        if n >= 3000 {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the push never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    pg.kill_postmaster();
    let out = to_run(child.wait_with_output().unwrap());
    out.code(69);
    pg.restart();
    let partial = pg.count(&db, "SELECT count(*) FROM fleet_history");
    assert!(
        partial > 0 && partial < ROWS as i64,
        "{partial} rows after the kill"
    );
    // The watermark committed with the rows is where the next push resumes.
    let wm = pg.count(
        &db,
        "SELECT history_watermark FROM fleet_hosts WHERE host_id = 'kill-a'",
    );
    assert_eq!(wm, pg.count(&db, "SELECT max(local_id) FROM fleet_history"));
    pg.sql(&db, "DROP TRIGGER slow ON fleet_history");

    let r = a.run(&["fleet", "push", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["history_rows"], ROWS as i64 - partial);
    a.run(&["fleet", "push"]).code(0);
    assert_eq!(
        pg.count(&db, "SELECT count(*) FROM fleet_history"),
        ROWS as i64
    );
    assert_eq!(
        pg.count(
            &db,
            "SELECT count(DISTINCT local_id) FROM fleet_history WHERE host_id = 'kill-a'"
        ),
        ROWS as i64
    );
    assert_eq!(pg.count(&db, "SELECT count(*) FROM fleet_decisions"), 1);
    // A store that forgot the watermark gets every row again, and keeps one
    // copy of each.
    pg.sql(&db, "UPDATE fleet_hosts SET history_watermark = 0");
    let again = a.run(&["fleet", "push", "--json"]);
    again.code(0);
    assert_eq!(again.json()["data"]["history_rows"], 0);
    assert_eq!(
        pg.count(&db, "SELECT count(*) FROM fleet_history"),
        ROWS as i64
    );
}

#[test]
fn a_newer_fleet_schema_is_refused_with_78() {
    let pg = postgres::shared();
    let db = pg.create_db("newer");
    let a = Host::new("new-a", &pg.url(&db), "");
    a.run(&["fleet", "init"]).code(0);
    pg.sql(
        &db,
        "INSERT INTO bangui_fleet_migrations (version, name, checksum) VALUES (99, 'future', 'x')",
    );
    for args in [
        &["fleet", "init"][..],
        &["fleet", "status"][..],
        &["fleet", "push"][..],
        &["history", "list", "--fleet"][..],
    ] {
        a.run(args)
            .code(78)
            .stderr_has("newer than this bangui knows")
            .stdout_empty();
    }
    // An edited migration is refused as well.
    pg.sql(
        &db,
        "DELETE FROM bangui_fleet_migrations WHERE version = 99",
    );
    pg.sql(
        &db,
        "UPDATE bangui_fleet_migrations SET checksum = 'edited' WHERE version = 1",
    );
    a.run(&["fleet", "init"]).code(78).stderr_has("differs");
}

#[test]
fn a_fleet_shared_feed_is_fetched_once_for_three_hosts() {
    let pg = postgres::shared();
    let db = pg.create_db("feed");
    let (a, b, c) = hosts(pg, &db, "4.4.4.4");
    a.run(&["fleet", "init"]).code(0);
    let http = HttpServer::start();
    http.text_with_etag("/feed.txt", "1.2.3.4\n4.4.4.4\n5.6.7.0/24\n");
    let url = http.url("/feed.txt");
    for h in [&a, &b, &c] {
        h.run(&[
            "blocklist",
            "source",
            "add",
            "feed",
            &url,
            "--jail",
            &h.jail.name,
            "--allow-http",
            "--interval",
            "1h",
            "--fleet-shared",
        ])
        .code(0);
    }
    for h in [&a, &b, &c] {
        let r = h.import();
        assert_eq!(r["status"], "ok", "{r}");
    }
    assert_eq!(
        http.requests("/feed.txt").len(),
        1,
        "one request for the fleet"
    );
    let all = set(&["1.2.3.4", "4.4.4.4", "5.6.7.0/24"]);
    assert_eq!(banned(&a.jail), all);
    assert_eq!(banned(&b.jail), all);
    assert_eq!(banned(&c.jail), set(&["1.2.3.4", "5.6.7.0/24"]));
    let st = a.run(&["fleet", "status", "--json"]).json();
    assert_eq!(st["data"]["feeds"][0]["url"], url);
    assert_eq!(st["data"]["feeds"][0]["fetched_by"], "host-a");
    // Within the interval nobody fetches again, even when forced locally.
    b.run(&["blocklist", "import", "feed", "--force-fetch"])
        .code(0);
    assert_eq!(http.requests("/feed.txt").len(), 1);
}

/// A CA and a server certificate for 127.0.0.1, made with openssl.
fn make_certs(dir: &Path, cn: &str) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    std::fs::write(
        dir.join("ext.cnf"),
        "basicConstraints=critical,CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        &format!("/CN={cn}"),
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        dir.join("server.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
}

#[test]
fn tls_verify_full_against_a_self_signed_ca() {
    let pg = Postgres::start_in(
        true,
        &[
            "ssl=on".into(),
            "ssl_cert_file=../server.crt".into(),
            "ssl_key_file=../server.key".into(),
        ],
        |dir| make_certs(dir, "bangui-test-ca"),
    );
    // Only TLS connections are accepted from 127.0.0.1.
    let hba = pg.dir.join("data/pg_hba.conf");
    std::fs::write(
        &hba,
        "local all all trust\nhostssl all all 127.0.0.1/32 trust\n",
    )
    .unwrap();
    pg.stop();
    pg.restart();
    let other = tempfile::tempdir().unwrap();
    make_certs(other.path(), "another-ca");
    let ca = pg.dir.join("ca.crt");
    let env = TestEnv::new();
    let url = format!("postgres://postgres@127.0.0.1:{}/postgres", pg.port);
    let cfg = |mode: &str, ca: &Path, url: &str| {
        env.write_config(&format!(
            "[fleet]\nurl = {url:?}\nsslmode = {mode:?}\nca_file = {:?}\nhost_id = \"tls\"\n",
            ca.display().to_string()
        ));
    };
    cfg("verify-full", &ca, &url);
    let r = env.run(&["fleet", "init", "--json"]);
    r.code(0);
    assert_eq!(r.json()["data"]["to_version"], 1);
    env.run(&["fleet", "push"]).code(0);
    // The server really saw TLS.
    assert_eq!(
        pg.sql(
            "postgres",
            "SELECT count(*) FROM fleet_hosts WHERE host_id = 'tls'"
        ),
        "1"
    );
    // Another CA: refused.
    cfg("verify-full", &other.path().join("ca.crt"), &url);
    env.run(&["fleet", "status"])
        .code(69)
        .stderr_has("certificate");
    // The right CA but another name: refused.
    let by_name = url.replace("127.0.0.1", "localhost");
    cfg("verify-full", &ca, &by_name);
    env.run(&["fleet", "status"]).code(69);
    // require encrypts without checking, as libpq does.
    cfg("require", &other.path().join("ca.crt"), &url);
    env.run(&["fleet", "status"]).code(0);
    // Plain text is rejected by the server.
    cfg("disable", &ca, &url);
    env.run(&["fleet", "status"]).code(77);
    // verify-full without a CA file is a configuration error.
    env.write_config(&format!(
        "[fleet]\nurl = {url:?}\nsslmode = \"verify-full\"\n"
    ));
    env.run(&["fleet", "status"]).code(78).stderr_has("ca_file");
}

#[test]
fn sharing_without_a_fleet_is_78_and_changes_nothing() {
    let env = TestEnv::with_fail2ban();
    let jail = fail2ban::shared().jail("fl-none");
    env.run(&["ban", "8.8.4.4", "--jail", &jail.name, "--share"])
        .code(78)
        .stderr_has("fleet.url");
    assert!(banned(&jail).is_empty());
    env.run(&["fleet", "status"]).code(78);
    // The job has nothing to do without a fleet.
    let r = env.run(&["jobs", "run", "fleet-push", "--json"]);
    r.code(0);
    assert_eq!(
        r.json()["data"]["summary"]["skipped"],
        "fleet.url is not set"
    );
}

#[test]
fn example_roles_let_a_host_write_only_its_own_rows() {
    let pg = postgres::shared();
    let db = pg.create_db("roles");
    let owner = Host::new("owner", &pg.url(&db), "");
    owner.run(&["fleet", "init"]).code(0);
    let roles = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fleet/roles.sql");
    pg.sql(&db, &std::fs::read_to_string(roles).unwrap());
    let as_web1 = pg.url(&db).replace("postgres@", "web1@");
    let web1 = Host::new("web1", &as_web1, "");
    let r = web1.run(&[
        "ban",
        "8.8.4.4",
        "--jail",
        &web1.jail.name,
        "--share",
        "--json",
    ]);
    r.code(0);
    assert_eq!(r.json()["data"]["fleet"]["published"], 1, "{}", r.stderr);
    web1.run(&["history", "sync"]).code(0);
    web1.run(&["fleet", "push"]).code(0);
    web1.run(&["unban", "8.8.4.4", "--share"]).code(0);
    assert_eq!(
        pg.sql(&db, "SELECT revoked_by FROM fleet_decisions"),
        "web1"
    );
    // Logged in as web1, a host cannot write rows in another host's name.
    let impostor = Host::new("web2", &as_web1, "");
    impostor
        .run(&["fleet", "push"])
        .code(77)
        .stderr_has("row-level security");
    assert_eq!(
        pg.count(
            &db,
            "SELECT count(*) FROM fleet_hosts WHERE host_id = 'web2'"
        ),
        0
    );
}

#[test]
fn expired_decisions_leave_at_the_next_import() {
    let pg = postgres::shared();
    let db = pg.create_db("expiry");
    let url = pg.url(&db);
    let a = Host::new("exp-a", &url, "");
    let b = Host::new("exp-b", &url, "");
    a.run(&["fleet", "init"]).code(0);
    b.add_fleet_source(&format!("fleet:{}", a.jail.name));
    a.run(&["ban", "8.8.8.8", "--jail", &a.jail.name, "--share"])
        .code(0);
    // The decision lasts the jail's bantime (600 s in the fixture).
    assert_eq!(
        pg.count(
            &db,
            "SELECT extract(epoch FROM until - created_at)::bigint FROM fleet_decisions"
        ),
        600
    );
    b.import();
    assert_eq!(banned(&b.jail), set(&["8.8.8.8"]));
    assert_eq!(b.import()["status"], "unchanged");
    // Time passes: the decision ends. No counter changed, yet it leaves.
    pg.sql(
        &db,
        "UPDATE fleet_decisions SET until = now() - interval '1 second'",
    );
    let r = b.import();
    assert_eq!(r["removed"], 1, "{r}");
    assert!(banned(&b.jail).is_empty());
    // A class that is not this one is not imported.
    let other = Host::new("exp-c", &url, "");
    other
        .run(&["ban", "9.9.9.9", "--jail", &other.jail.name, "--share"])
        .code(0);
    assert_eq!(b.import()["status"], "unchanged");
    assert!(banned(&b.jail).is_empty());
}
