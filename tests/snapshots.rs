//! Snapshots of `--help` for every command, of the usage errors and of the
//! common failures with their exit codes: a changed message is a reviewed
//! diff. The cases are `tests/cmd/{help,usage,fail}/*.toml` (written by
//! `scripts/gen-snapshot-cases.py`), each run in a fresh copy of a
//! `tests/cmd/fixtures/` directory with a cleared environment. After an
//! intended change: `TRYCMD=overwrite cargo test --test snapshots`.

#[test]
fn snapshots() {
    trycmd::TestCases::new()
        .register_bin(
            "bangui",
            std::path::PathBuf::from(env!("CARGO_BIN_EXE_bangui")),
        )
        .case("tests/cmd/help/*.toml")
        .case("tests/cmd/usage/*.toml")
        .case("tests/cmd/fail/*.toml");
}
