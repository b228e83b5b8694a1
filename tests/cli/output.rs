use std::process::Stdio;

use crate::support::TestEnv;

#[test]
fn help_lists_exit_codes_and_needs_nothing() {
    let env = TestEnv::new();
    // A broken config must not stop --help, --version or completions.
    env.write_config("this is not toml");
    let r = env.run(&["--help"]);
    r.code(0)
        .stdout_has("Exit codes:")
        .stdout_has("75   try again later");
    env.run(&["--version"]).code(0).stdout_has("bangui ");
    env.run(&["completions", "bash"])
        .code(0)
        .stdout_has("_bangui");
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.run(&["no-such-command"]).code(2);
    env.run(&["--output", "yaml", "config", "show"]).code(2);
}

#[test]
fn json_is_one_document_with_schema_version_first() {
    let env = TestEnv::new();
    let r = env.run(&["config", "check", "--json"]);
    r.code(0);
    assert!(
        r.stdout
            .trim_start()
            .starts_with("{\n  \"schema_version\": 1,"),
        "{}",
        r.stdout
    );
    let doc = r.json();
    assert_eq!(doc["command"], "config check");
    assert_eq!(doc["data"]["valid"], true);
}

#[test]
fn broken_stdout_pipe_exits_quietly() {
    let env = TestEnv::new();
    let mut child = env
        .cmd()
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end before bangui writes.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn no_colour_codes_when_stderr_is_not_a_terminal() {
    let env = TestEnv::new();
    env.write_config("[nope]\n");
    let r = env.run(&["config", "check"]);
    r.code(78);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
}

#[test]
fn usage_and_help_keep_global_options_apart() {
    let env = TestEnv::new();
    // A value from the environment is not a required argument.
    let r = env
        .cmd()
        .env("BANGUI_DB", env.path().join("x.db"))
        .env("BANGUI_OUTPUT", "json")
        .args(["jail", "get"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Usage: bangui jail get <JAIL> <KEY>"),
        "{stderr}"
    );
    assert!(!stderr.contains("--db"), "{stderr}");
    // Subcommand help: its own options, then the global ones under their heading.
    let r = env.run(&["jail", "get", "--help"]);
    r.code(0)
        .stdout_has("Global options:")
        .stdout_has("bantime.overalljails");
    let (own, global) = r.stdout.split_once("Global options:").unwrap();
    assert!(!own.contains("--socket"), "{}", r.stdout);
    assert!(global.contains("--socket"), "{}", r.stdout);
    env.run(&["jail", "set", "--help"])
        .code(0)
        .stdout_has("addignoreip");
    // BANGUI_QUIET=1 is how people write a boolean variable.
    let r = env
        .cmd()
        .env("BANGUI_QUIET", "1")
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_ne!(
        r.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}
