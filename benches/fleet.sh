#!/usr/bin/env bash
# Fleet benchmarks, printed from one run against a throw-away PostgreSQL
# (initdb + pg_ctl as the postgres user in a temp dir) and a sandbox
# fail2ban-server:
#  1. `fleet push` of 1,000,000 history rows (rows/s) against the floor:
#     psql's \copy of the same rows into a table with the same keys;
#  2. the idle import: the wall time of a whole `jobs run blocklist-import`
#     with a `fleet:` source and nothing new on the fleet (median of 21 runs;
#     target ≤ 60 ms), against the same job with no source at all.
# Needs: postgresql, fail2ban-server, sqlite3, python3 (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/lib/sandbox.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
ROWS="${ROWS:-1000000}"

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
work=$(mktemp -d /tmp/bgbench.XXXXXX)
chown postgres: "$work"
srv_pid=""
cleanup() {
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" stop -m immediate >/dev/null 2>&1 || true
    if [ -n "$srv_pid" ]; then kill "$srv_pid" 2>/dev/null || true; wait "$srv_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

cargo build --release --quiet --bin bangui
bin="$CARGO_TARGET_DIR/release/bangui"

echo "== PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') in $work/pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" --auth=trust -U postgres -E UTF8 >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -XqtA -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE bench"

echo "== sandbox fail2ban"
start_sandbox_fail2ban "$work"

export BANGUI_DB="$work/bangui.db" BANGUI_SOCKET="$work/f2b/fail2ban.sock" BANGUI_CONFIG="$work/bangui.toml"
printf '[fleet]\nurl = "postgres://postgres@127.0.0.1:%s/bench"\nhost_id = "bench"\nsslmode = "disable"\n' "$port" > "$work/bangui.toml"
"$bin" -q db migrate >/dev/null
"$bin" -q fleet init >/dev/null

echo "== $ROWS history rows"
sqlite3 "$BANGUI_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
  INSERT INTO ban_history (jail, ip, timeofban, bantime, bancount, origin, source, synced_at)
  SELECT 'sshd', printf('%d.%d.%d.%d', 1 + (i >> 24) % 200, (i >> 16) & 255, (i >> 8) & 255, i & 255),
         1700000000 + i, 600, 1, 'fail2ban', NULL, 1700000000 FROM n;"

now() { python3 -c 'import time; print(time.perf_counter())'; }
t0=$(now); "$bin" -q --json fleet push > "$work/push.json"; t1=$(now)
pushed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["history_rows"])' "$work/push.json")
stored=$(psql -d bench -c "SELECT count(*) FROM fleet_history")

# The floor: the same rows, exported as COPY text, loaded by psql into a
# table with the same keys and indexes.
sqlite3 -separator $'\t' "$BANGUI_DB" \
  "SELECT id, jail, ip, timeofban, bantime, bancount, origin, '\\N' FROM ban_history ORDER BY id" > "$work/rows.tsv"
psql -d bench -c "CREATE TABLE floor (LIKE fleet_history INCLUDING ALL); ALTER TABLE floor ALTER host_id SET DEFAULT 'bench'"
t2=$(now); psql -d bench -c "\\copy floor (local_id, jail, ip, timeofban, bantime, bancount, origin, source) FROM '$work/rows.tsv'"; t3=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$pushed" "$stored" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); pushed, stored = int(sys.argv[5]), int(sys.argv[6])
b, f = t1 - t0, t3 - t2
print(f"fleet push: {pushed} rows in {b:.2f}s = {pushed / b:,.0f} rows/s (store holds {stored})")
print(f"floor, psql \\copy of the same rows: {f:.2f}s = {pushed / f:,.0f} rows/s")
print(f"ratio bangui/floor (time): {b / f:.2f}")
PY
t4=$(now); "$bin" -q --json fleet push > "$work/push2.json"; t5=$(now)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["data"]; print("re-push with nothing new: %d rows in %.3fs" % (d["history_rows"], float(sys.argv[3]) - float(sys.argv[2])))' "$work/push2.json" "$t4" "$t5"

echo "== idle import"
"$bin" -q ban 8.8.4.4 --jail bench --share >/dev/null
"$bin" -q blocklist source add fleet fleet: --jail bench >/dev/null
"$bin" -q jobs run blocklist-import >/dev/null   # the first import bans it
python3 - "$bin" "$work" <<'PY'
import json, os, statistics, subprocess, sys, time
bin, work = sys.argv[1:3]
def runs(env, n=21):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        r = subprocess.run([bin, "-q", "--json", "jobs", "run", "blocklist-import"], env=env, capture_output=True)
        out.append((time.perf_counter() - t) * 1000)
        if r.returncode != 0:
            sys.exit("jobs run failed: " + r.stderr.decode())
    return out, r
env = dict(os.environ)
idle, last = runs(env)
status = json.loads(last.stdout)["data"]["summary"]["imported"][0]["status"]
bare_env = dict(env, BANGUI_DB=os.path.join(work, "bare.db"))
bare, _ = runs(bare_env)
m, mb = statistics.median(idle), statistics.median(bare)
print(f"idle `jobs run blocklist-import` with a fleet: source: median {m:.1f} ms (min {min(idle):.1f}, max {max(idle):.1f}); source status {status}")
print(f"the same job with no source (floor): median {mb:.1f} ms; ratio {m / mb:.2f}")
print("target ≤ 60 ms: " + ("yes" if m <= 60 else "NO"))
PY
