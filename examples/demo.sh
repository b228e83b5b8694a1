#!/usr/bin/env bash
# bangui in two minutes: installs fail2ban if missing, builds bangui, starts a
# sandbox fail2ban-server in a temp dir (no firewall, nothing system-wide),
# runs bangui against it with a temp database, and cleans up.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

echo "== building bangui (release)" >&2
cargo build --release --quiet
BANGUI="${CARGO_TARGET_DIR:-target}/release/bangui"

DIR=$(examples/sandbox/start.sh)
WORK=$(mktemp -d /tmp/bangui-demo.XXXXXX)
cleanup() { examples/sandbox/stop.sh "$DIR" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

export BANGUI_SOCKET="$DIR/fail2ban.sock"
export BANGUI_DB="$WORK/bangui.db"
export BANGUI_CONFIG="$WORK/bangui.toml"
export BANGUI_FAIL2BAN_CONFIG_DIR="$DIR/conf"
: > "$BANGUI_CONFIG"

if [ -t 1 ]; then B=$'\033[1m'; N=$'\033[0m'; else B=; N=; fi
step() { printf '\n%s$ %s%s\n' "$B" "$*" "$N"; }
run() { step "bangui $*"; "$BANGUI" -o table "$@" || echo "(exit $?)"; }

run status
run jail list
run ban 1.2.3.4 2a00:1450:4001::7 81.2.69.0/24 --jail bangui-test
run ban 1.2.3.4 --jail bangui-test
run ban 10.0.0.1 127.0.0.1 --jail bangui-test
run ban not-an-ip 5.6.7.8 --jail bangui-test

step "three failed logins in fail2ban's log: fail2ban bans 81.2.69.142 itself"
for _ in 1 2 3; do
    printf '%s bangui-test: auth failure for eve from 81.2.69.142\n' "$(date '+%F %T')" >> "$DIR/test.log"
done
for _ in $(seq 50); do "$BANGUI" banned 81.2.69.142 --jail bangui-test >/dev/null && break; sleep 0.1; done

run banned
step 'if bangui banned 1.2.3.4; then ...'
if "$BANGUI" banned 1.2.3.4 >/dev/null; then echo "1.2.3.4 is banned"; fi
run unban 1.2.3.4 9.9.9.9
run jail set bangui-test bantime 1h
run jail show bangui-noaction

step "a blocklist served from a local file: parsed, aggregated, screened, applied"
cat > "$WORK/feed.txt" <<'FEED'
# demo feed
1.2.3.4
5.6.7.0/24
5.6.7.9
9.9.9.0 - 9.9.9.3 ; a range
10.1.2.3          ; private: refused
127.0.0.1         ; loopback: refused
2a00:1450::1
not-an-ip
FEED
run blocklist source add demo "file://$WORK/feed.txt" --jail bangui-test --allow-file --min-interval 0s
step "1 invalid line in 8 is above blocklist.max_invalid_ratio (10%): a broken feed is refused whole"
run blocklist import demo
sed -i '/not-an-ip/d' "$WORK/feed.txt"
run blocklist import demo
step "the same list again: nothing to apply"
run blocklist import demo
run blocklist status

run history sync
run history list --since 1h
run history stats --by origin
run jobs run-due
run jobs list
run health
step "bangui filter test bangui-test (native engine, agrees with fail2ban-regex)"
"$BANGUI" -o table filter test bangui-test "$DIR/test.log" || echo "(exit $?)"
step "bangui jail list --json | jq '.data[] | {jail, currently_banned}'"
"$BANGUI" jail list --json | python3 -c 'import json,sys; [print(json.dumps({"jail": j["jail"], "currently_banned": j["currently_banned"]})) for j in json.load(sys.stdin)["data"]]'
run audit list --limit 8
run db status
run config show fail2ban.socket
echo
echo "demo finished; the sandbox and the temp database are removed." >&2
