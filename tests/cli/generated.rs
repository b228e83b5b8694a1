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
        main.contains(".SH \"EXIT STATUS\"") && main.contains("\\fB78\\fR"),
        "the man page documents exit codes"
    );
}

/// Every page renders without a groff warning (as lintian runs man) and
/// has a NAME line lexgrog can index.
#[test]
fn man_pages_pass_man_warnings_and_lexgrog() {
    let env = TestEnv::new();
    let out = env.path().join("man");
    std::fs::create_dir(&out).unwrap();
    env.run(&["manpages", out.to_str().unwrap()]).code(0);
    let mut pages: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    assert!(pages.len() > 40, "{pages:?}");
    for page in &pages {
        let r = std::process::Command::new("man")
            .args(["--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z"])
            .arg(page)
            .env("LC_ALL", "C.UTF-8")
            .env("MANROFFSEQ", "")
            .env("MANWIDTH", "80")
            .output()
            .expect("man (man-db) is installed by scripts/install-deps.sh");
        assert!(r.status.success(), "man failed on {}", page.display());
        let warnings = String::from_utf8_lossy(&r.stderr);
        assert!(warnings.trim().is_empty(), "{}: {warnings}", page.display());
        let r = std::process::Command::new("lexgrog")
            .arg(page)
            .output()
            .expect("lexgrog (man-db) is installed by scripts/install-deps.sh");
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        let line = String::from_utf8_lossy(&r.stdout);
        assert!(
            r.status.success() && line.contains(&format!(": \"{stem} - ")),
            "lexgrog cannot parse the NAME of {}: {line}",
            page.display()
        );
    }
}

/// The hidden `manpages` command works but is listed nowhere: not in help,
/// not in completions, not in the man pages.
#[test]
fn hidden_manpages_command_is_not_listed() {
    let env = TestEnv::new();
    for args in [&["--help"][..], &["help"], &["-h"]] {
        let r = env.run(args);
        r.code(0);
        assert!(r.stdout.contains("serve-health"), "{}", r.stdout);
        assert!(!r.stdout.contains("manpages"), "{args:?}: {}", r.stdout);
    }
    for (shell, _) in SHELLS {
        let r = env.run(&["completions", shell]);
        r.code(0);
        assert!(r.stdout.contains("serve-health"));
        assert!(
            !r.stdout.contains("manpages"),
            "{shell} completions list it"
        );
    }
    let out = env.path().join("man");
    std::fs::create_dir(&out).unwrap();
    env.run(&["manpages", out.to_str().unwrap()]).code(0);
    for e in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!text.contains("manpages"));
        assert!(!text.contains("bangui\\-help"));
    }
}
