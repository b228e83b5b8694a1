use crate::support::TestEnv;

#[test]
fn invalid_toml_names_line_and_column() {
    let env = TestEnv::new();
    env.write_config("[database]\npath = \"/tmp/x.db\"\n[fail2ban\nsocket = 1\n");
    let r = env.run(&["config", "check"]);
    r.code(78).stderr_has("bangui.toml:3:").stdout_empty();
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let env = TestEnv::new();
    env.write_config("[fail2ban]\nsocket = \"/x.sock\"\nsokcet = \"/y.sock\"\n");
    let r = env.run(&["config", "check", "--json"]);
    r.code(78)
        .stderr_has("unknown key `fail2ban.sokcet`")
        .stderr_has(":3:");
    let doc = r.json();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["error"]["kind"], "config");
    assert_eq!(doc["error"]["exit_code"], 78);
}

#[test]
fn bad_value_says_what_is_expected() {
    let env = TestEnv::new();
    env.write_config("[jobs]\nheartbeat = \"often\"\n");
    env.run(&["config", "check"])
        .code(78)
        .stderr_has("expected a duration");
}

#[test]
fn show_reports_value_and_origin_with_precedence() {
    let env = TestEnv::new();
    env.write_config("[fail2ban]\nconfig_dir = \"/srv/f2b\"\ntimeout = \"1m\"\n");
    let r = env.run(&["config", "show", "-o", "json"]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["command"], "config show");
    let entries = doc["data"]["entries"].as_array().unwrap();
    let get = |k: &str| entries.iter().find(|e| e["key"] == k).unwrap().clone();
    assert_eq!(get("fail2ban.config_dir")["value"], "/srv/f2b");
    assert_eq!(get("fail2ban.config_dir")["origin"], "file");
    assert_eq!(get("fail2ban.timeout")["value"], 60);
    assert_eq!(get("database.path")["origin"], "environment");
    assert_eq!(get("database.path")["origin_detail"], "BANGUI_DB");
    assert_eq!(get("geo.max_age")["origin"], "default");

    // flag > environment > file
    let r = env
        .cmd()
        .env("BANGUI_FAIL2BAN_CONFIG_DIR", "/env/f2b")
        .args(["config", "show", "fail2ban.config_dir", "--json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(doc["data"]["entries"][0]["value"], "/env/f2b");
    assert_eq!(doc["data"]["entries"][0]["origin"], "environment");
    let r = env
        .cmd()
        .env("BANGUI_SOCKET", "/env.sock")
        .args([
            "--socket",
            "/flag.sock",
            "config",
            "show",
            "fail2ban.socket",
            "--json",
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(doc["data"]["entries"][0]["value"], "/flag.sock");
    assert_eq!(doc["data"]["entries"][0]["origin"], "flag");
}

#[test]
fn plain_output_is_tab_separated_without_header() {
    let env = TestEnv::new();
    let r = env.run(&["config", "show", "-o", "plain"]);
    r.code(0);
    let first = r.stdout.lines().next().unwrap();
    assert_eq!(first.split('\t').count(), 4, "{first}");
    assert!(first.starts_with("database.path\t"), "{first}");
}

#[test]
fn unknown_environment_variable_is_a_warning() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("BANGUI_FAIL2BAN_SOKET", "/x")
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BANGUI_FAIL2BAN_SOKET"));
}

#[test]
fn missing_config_file_given_explicitly_is_66() {
    let env = TestEnv::new();
    let missing = env.path().join("nope.toml");
    env.run(&["--config", missing.to_str().unwrap(), "config", "check"])
        .code(66)
        .stderr_has("nope.toml");
}
