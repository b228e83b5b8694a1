#!/usr/bin/env bash
# The whole gate: install what the tests need, then format, lint, docs, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --all-targets --no-fail-fast 2>&1 | tee "$log" || status=$?
# The real-server integration tests again on the latest fail2ban release (the
# first pass ran the Debian package, 1.0.2); the action matrix tests name
# their releases themselves and ran above.
F2B_VERSION=1.1.1 cargo test --no-fail-fast --test cli --test fail2ban_client -- --skip action_matrix \
    2>&1 | tee -a "$log" || status=$?
# One closing line over every test binary (cargo prints one per binary).
awk '/^test result:/ { p += $4; f += $6 } END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
# The Debian package: build, lintian, apt install, verify, purge.
scripts/test-deb.sh || status=$?
exit "$status"
