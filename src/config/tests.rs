use super::*;

fn ctx() -> Context {
    Context {
        is_root: false,
        home: Some(PathBuf::from("/home/u")),
        xdg_data_home: None,
    }
}

fn load_text(text: &str, env: &[(&str, &str)], flags: &[(&str, &str)]) -> Result<Config> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bangui.toml");
    std::fs::write(&p, text).unwrap();
    let overrides = Overrides {
        config_path: Some(p),
        config_from_env: false,
        values: flags
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let env = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    load(&ctx(), &overrides, &env)
}

#[test]
fn defaults_without_a_file() {
    let c = load(&ctx(), &Overrides::default(), &BTreeMap::new()).unwrap();
    assert_eq!(
        c.database.path,
        PathBuf::from("/home/u/.local/share/bangui/bangui.db")
    );
    assert!(c.database.path_is_default);
    assert_eq!(
        c.fail2ban.socket,
        PathBuf::from("/var/run/fail2ban/fail2ban.sock")
    );
    assert_eq!(c.jobs.lock_ttl_s, 60);
    let root = Context {
        is_root: true,
        ..ctx()
    };
    let c = load(&root, &Overrides::default(), &BTreeMap::new()).unwrap();
    assert_eq!(c.database.path, PathBuf::from("/var/lib/bangui/bangui.db"));
}

#[test]
fn precedence_flag_env_file_default() {
    let text = "[fail2ban]\nsocket = \"/file.sock\"\ntimeout = \"2m\"\n[jobs]\nheartbeat = 1\nlock_ttl = 3\n";
    let c = load_text(text, &[], &[]).unwrap();
    assert_eq!(c.fail2ban.socket, PathBuf::from("/file.sock"));
    assert_eq!(c.fail2ban.timeout_s, 120);
    assert_eq!(c.entry("fail2ban.socket").unwrap().origin, Origin::File);
    assert!(
        c.entry("fail2ban.socket")
            .unwrap()
            .origin_detail
            .as_deref()
            .unwrap()
            .ends_with(":2")
    );
    let c = load_text(text, &[("BANGUI_FAIL2BAN_SOCKET", "/env.sock")], &[]).unwrap();
    assert_eq!(c.fail2ban.socket, PathBuf::from("/env.sock"));
    assert_eq!(
        c.entry("fail2ban.socket").unwrap().origin,
        Origin::Environment
    );
    let c = load_text(
        text,
        &[("BANGUI_FAIL2BAN_SOCKET", "/env.sock")],
        &[("fail2ban.socket", "/flag.sock")],
    )
    .unwrap();
    assert_eq!(c.fail2ban.socket, PathBuf::from("/flag.sock"));
    assert_eq!(c.entry("fail2ban.socket").unwrap().origin, Origin::Flag);
    assert_eq!(c.entry("geo.max_age").unwrap().origin, Origin::Default);
}

#[test]
fn unknown_key_names_key_and_line() {
    let e = load_text("[fail2ban]\nsocket = \"/x\"\nsokcet = \"/y\"\n", &[], &[]).unwrap_err();
    assert_eq!(e.exit_code(), 78);
    let m = e.to_string();
    assert!(m.contains("fail2ban.sokcet") && m.contains(":3:"), "{m}");
    let e = load_text("[nonsense]\na = 1\n", &[], &[]).unwrap_err();
    assert!(e.to_string().contains("unknown section [nonsense]"), "{e}");
}

#[test]
fn invalid_toml_names_line_and_column() {
    let e = load_text("[database]\npath = \"/x\n", &[], &[]).unwrap_err();
    assert_eq!(e.exit_code(), 78);
    assert!(e.to_string().contains(":2:"), "{e}");
}

#[test]
fn bad_values_say_what_is_expected() {
    let e = load_text("[fail2ban]\nban_batch_size = \"many\"\n", &[], &[]).unwrap_err();
    assert!(e.to_string().contains("expected an integer"), "{e}");
    let e = load_text("[jobs]\nheartbeat = \"soon\"\n", &[], &[]).unwrap_err();
    assert!(e.to_string().contains("duration"), "{e}");
    let e = load_text("[jobs]\nheartbeat = 10\nlock_ttl = 20\n", &[], &[]).unwrap_err();
    assert!(e.to_string().contains("3 ×"), "{e}");
    let e = load_text("", &[("BANGUI_LOG_FORMAT", "xml")], &[]).unwrap_err();
    assert!(e.to_string().contains("text, json"), "{e}");
    let e = load_text("", &[("BANGUI_LOG_LEVEL", "loud")], &[]).unwrap_err();
    assert!(e.to_string().contains("BANGUI_LOG_LEVEL"), "{e}");
    let e = load_text("[safety]\nsafelist = [\"not-an-ip\"]\n", &[], &[]).unwrap_err();
    assert!(e.to_string().contains("safelist"), "{e}");
}

#[test]
fn unknown_environment_variables_warn() {
    let c = load_text("", &[("BANGUI_NOPE", "1"), ("BANGUI_DB", "/x.db")], &[]).unwrap();
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0].contains("BANGUI_NOPE"));
}

#[test]
fn missing_explicit_file_is_no_input() {
    let o = Overrides {
        config_path: Some(PathBuf::from("/nonexistent/bangui.toml")),
        ..Overrides::default()
    };
    let e = load(&ctx(), &o, &BTreeMap::new()).unwrap_err();
    assert_eq!(e.exit_code(), 66);
}

#[test]
fn fleet_settings_from_env_with_the_password_hidden() {
    let c = load_text(
        "[fleet]\nhost_id = \"web1\"\n",
        &[
            ("BANGUI_FLEET_URL", "postgres://web1:s3cret@db:5432/bangui"),
            ("BANGUI_FLEET_HOST_ID", "web-2"),
            ("PGPASSFILE", "/etc/pgpass"),
        ],
        &[],
    )
    .unwrap();
    assert_eq!(c.fleet.url, "postgres://web1:s3cret@db:5432/bangui");
    assert_eq!(c.fleet.host_id, "web-2");
    assert_eq!(c.fleet.pgpass, Some(PathBuf::from("/etc/pgpass")));
    assert_eq!(c.fleet.sslmode, "prefer");
    let shown = c.entry("fleet.url").unwrap().value.to_string();
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("web1:***@db"), "{shown}");
    // Without a URL there is no fleet; the host id defaults to the hostname.
    let d = load(&ctx(), &Overrides::default(), &BTreeMap::new()).unwrap();
    assert!(d.fleet.url.is_empty());
    assert!(!d.fleet.host_id.is_empty());
    assert_eq!(d.fleet.pgpass, Some(PathBuf::from("/home/u/.pgpass")));
    let bad = load_text("[fleet]\nhost_id = \"a b\"\n", &[], &[]).unwrap_err();
    assert_eq!(bad.exit_code(), 78);
}
