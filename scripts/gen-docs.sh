#!/usr/bin/env bash
# Regenerate the committed shell completions and man pages from the clap tree.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/bangui"
"$bin" completions bash > completions/bangui.bash
"$bin" completions zsh > completions/_bangui
"$bin" completions fish > completions/bangui.fish
"$bin" completions elvish > completions/bangui.elv
"$bin" completions powershell > completions/_bangui.ps1
rm -f man/*.1
"$bin" manpages man > /dev/null
echo "completions/ and man/ regenerated"
