#!/usr/bin/env bash
# Load benchmark for `bangui serve-health` against a sandbox fail2ban-server.
#
#   benches/health.sh               # release build, 20 s per endpoint, 60 s RSS run
#   DURATION=10 RSS_SECONDS=30 benches/health.sh
#
# Prints req/s and p99 latency for /api/v1/health/live (target >= 5,000 req/s) and
# /api/v1/health with caching (target >= 1,000 req/s), both with p99 < 10 ms, and the
# resident set size sampled every 5 s over a sustained mixed run (should stay flat).
# The rate limit is disabled through the config (health.rate_limit_per_minute = 0).
# Needs fail2ban-server (Debian package fail2ban) and wrk (installed with apt if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
DURATION=${DURATION:-20}
RSS_SECONDS=${RSS_SECONDS:-60}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}

if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk with apt-get" >&2
    apt-get install -y wrk >/dev/null
fi
command -v fail2ban-server >/dev/null || { echo "fail2ban-server is not installed (apt-get install fail2ban)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/bangui-bench.XXXXXX)
# Touching main.rs makes cargo link (and copy out) this tree's binary even when
# CARGO_TARGET_DIR is shared with other checkouts; keep a private copy at once.
touch src/main.rs
cargo build --release --quiet
cp "${CARGO_TARGET_DIR:-target}/release/bangui" "$WORK/bangui"
BIN="$WORK/bangui"
"$BIN" serve-health --help >/dev/null 2>&1 || { echo "the built binary has no serve-health" >&2; exit 1; }
F2B_PID=""; SRV_PID=""; LOAD_PID=""
cleanup() {
    for p in "$LOAD_PID" "$SRV_PID" "$F2B_PID"; do
        [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
    done
    sleep 0.5
    case "$WORK" in /tmp/bangui-bench.*) rm -rf "$WORK" ;; esac
}
trap cleanup EXIT

# 1) A sandbox fail2ban from the test fixture (no firewall), started the way
#    examples/sandbox/start.sh starts it.
mkdir -p "$WORK/conf"
cp -R "$REPO/tests/fixtures/fail2ban/conf/." "$WORK/conf/"
find "$WORK/conf" -type f -name '*.conf' -exec sed -i "s#@DIR@#$WORK#g" {} +
: > "$WORK/test.log"
SOCK="$WORK/fail2ban.sock"
fail2ban-server -f --async -x -c "$WORK/conf" -s "$SOCK" -p "$WORK/fail2ban.pid" \
    --logtarget "$WORK/fail2ban.log" >"$WORK/server.out" 2>&1 &
F2B_PID=$!
for _ in $(seq 1 600); do
    fail2ban-client -s "$SOCK" ping >/dev/null 2>&1 && break
    sleep 0.05
done
fail2ban-client -c "$WORK/conf" -s "$SOCK" reload >>"$WORK/server.out" 2>&1

# 2) serve-health with the rate limit off and the default 2 s cache.
: > "$WORK/geo.mmdb"
cat > "$WORK/bangui.toml" <<EOF
[fail2ban]
socket = "$SOCK"
config_dir = "$WORK/conf"

[database]
path = "$WORK/bangui.db"

[geo]
country_db = "$WORK/geo.mmdb"

[health]
cache_ms = 2000
rate_limit_per_minute = 0
workers = 4
EOF
export BANGUI_CONFIG="$WORK/bangui.toml"
"$BIN" db migrate -q >/dev/null
"$BIN" serve-health --listen 127.0.0.1:0 2>"$WORK/serve.err" &
SRV_PID=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$WORK/serve.err")
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/serve.err" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
curl -fsS "$BASE/api/v1/health/ready" >/dev/null || { echo "not ready:"; curl -sS "$BASE/api/v1/health/ready"; echo; }

echo "bangui $("$BIN" --version | cut -d' ' -f2), fail2ban $(fail2ban-client -s "$SOCK" version 2>/dev/null | tail -1)"
echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; health.workers=4 cache_ms=2000"

bench() {
    local path=$1 out
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path" >"$WORK/wrk.out" 2>&1
    out=$(cat "$WORK/wrk.out")
    local rps p50 p99 errs
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errs=$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')
    printf '%-24s %10s req/s   p50 %8s   p99 %8s   %s\n' "$path" "$rps" "$p50" "$p99" "${errs:-no errors}"
}

bench /api/v1/health/live
bench /api/v1/health
bench /metrics

# 3) RSS under sustained load (both endpoints), sampled every 5 s.
rss() { awk '/VmRSS/ {print $2}' "/proc/$SRV_PID/status"; }
wrk -t1 -c16 -d"${RSS_SECONDS}s" "$BASE/api/v1/health" >/dev/null 2>&1 &
LOAD_PID=$!
wrk -t1 -c16 -d"${RSS_SECONDS}s" "$BASE/api/v1/health/live" >/dev/null 2>&1 &
LOAD2=$!
samples=()
for _ in $(seq 0 5 "$RSS_SECONDS"); do
    samples+=("$(rss)")
    sleep 5
done
wait "$LOAD_PID" "$LOAD2" 2>/dev/null || true
LOAD_PID=""
min=$(printf '%s\n' "${samples[@]}" | sort -n | head -1)
max=$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)
echo "RSS over ${RSS_SECONDS}s of load (KiB, every 5 s): ${samples[*]}"
echo "RSS first ${samples[0]} KiB, last ${samples[-1]} KiB, min $min KiB, max $max KiB"

kill -TERM "$SRV_PID"
set +e
wait "$SRV_PID"
echo "serve-health exit after SIGTERM: $?"
SRV_PID=""
