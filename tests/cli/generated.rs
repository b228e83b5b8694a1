//! The committed completions and man pages must match what the binary
//! generates now: regenerate them with `scripts/gen-docs.sh`.

use crate::support::TestEnv;

const SHELLS: &[(&str, &str)] = &[
    ("bash", "bangui.bash"),
    ("zsh", "_bangui"),
    ("fish", "bangui.fish"),
    ("elvish", "bangui.elv"),
    ("powershell", "_bangui.ps1"),
];

#[test]
fn completions_are_up_to_date() {
    let env = TestEnv::new();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in SHELLS {
        let r = env.run(&["completions", shell]);
        r.code(0);
        let committed =
            std::fs::read_to_string(repo.join("completions").join(file)).unwrap_or_default();
        assert!(
            committed == r.stdout,
            "completions/{file} is stale: run scripts/gen-docs.sh and commit the result"
        );
    }
}

#[test]
fn man_pages_are_up_to_date() {
    let env = TestEnv::new();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = env.path().join("man");
    std::fs::create_dir(&out).unwrap();
    env.run(&["manpages", out.to_str().unwrap()]).code(0);
    let mut generated: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    generated.sort();
    let mut committed: Vec<String> = std::fs::read_dir(repo.join("man"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".1"))
                .collect()
        })
        .unwrap_or_default();
    committed.sort();
    assert_eq!(
        generated, committed,
        "man/ is stale: run scripts/gen-docs.sh"
    );
    for name in &generated {
        let a = std::fs::read(out.join(name)).unwrap();
        let b = std::fs::read(repo.join("man").join(name)).unwrap();
        assert!(
            a == b,
            "man/{name} is stale: run scripts/gen-docs.sh and commit the result"
        );
    }
    let main = std::fs::read_to_string(out.join("bangui.1")).unwrap();
    assert!(
        main.contains("Exit codes"),
        "the man page documents exit codes"
    );
}
