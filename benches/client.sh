#!/usr/bin/env bash
# bangui's native client against fail2ban-client, on one sandbox server, in one
# run. Prints each figure and the ratio.
#   benches/client.sh            (N=10000 IPs by default; SAMPLE single calls)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
SAMPLE=${SAMPLE:-300}
REPEAT=${REPEAT:-20}
scripts/install-deps.sh
cargo build --release --quiet
B="$(pwd)/${CARGO_TARGET_DIR:-target}/release/bangui"
[ -x "$B" ] || B="${CARGO_TARGET_DIR}/release/bangui"
DIR=$(examples/sandbox/start.sh)
WORK=$(mktemp -d /tmp/bangui-bench.XXXXXX)
trap 'examples/sandbox/stop.sh "$DIR" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
SOCK="$DIR/fail2ban.sock"
export BANGUI_SOCKET="$SOCK" BANGUI_DB="$WORK/b.db" BANGUI_CONFIG="$WORK/b.toml"
: > "$BANGUI_CONFIG"

now() { date +%s.%N; }
ms() { python3 -c "print(f'{($2-$1)*1000:.1f}')" "$1" "$2" 2>/dev/null || awk "BEGIN{printf \"%.1f\", ($2-$1)*1000}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", (b-a)*1000}'; }

# Median of REPEAT runs of a command, in ms, timed from one Python process
# (no per-run `date` forks in the measurement).
median() {
    python3 - "$REPEAT" "$@" <<'PY'
import statistics, subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(n):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t0) * 1000)
print(f"{statistics.median(times):.2f}")
PY
}

f2b_jail_list() {
    local jails
    jails=$(fail2ban-client -s "$SOCK" status | sed -n 's/.*Jail list:[[:space:]]*//p' | tr -d ',')
    for j in $jails; do fail2ban-client -s "$SOCK" status "$j" >/dev/null; done
}

echo "== read-only commands (median of $REPEAT runs)"
a=$(median "$B" jail list -o json)
export -f f2b_jail_list; export SOCK
b=$(median bash -c f2b_jail_list)
printf 'jail list:  bangui %8.2f ms   fail2ban-client status + status J: %8.2f ms   ratio %.3f (target <= 0.1)\n' "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN{print a/b}')"
a=$(median "$B" banned -o json)
b=$(median fail2ban-client -s "$SOCK" banned)
printf 'banned:     bangui %8.2f ms   fail2ban-client banned:            %8.2f ms   ratio %.3f (target <= 0.1)\n' "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN{print a/b}')"

echo "== $N bans (noop action), each on a fresh jail state"
python3 - "$N" > "$WORK/ips.txt" <<'PY'
import sys, ipaddress
n = int(sys.argv[1])
base = int(ipaddress.IPv4Address("11.0.0.1"))
for i in range(n):
    print(ipaddress.IPv4Address(base + i * 7))
PY
unban_all() { fail2ban-client -s "$SOCK" unban --all >/dev/null; }

# Alternate the two bulk variants a few times; the medians are compared.
BULK_RUNS=${BULK_RUNS:-3}
bangui_times=(); bulk_times=()
for _ in $(seq "$BULK_RUNS"); do
    unban_all
    t0=$(now); "$B" ban --from-file "$WORK/ips.txt" --jail bangui-test -q -o json > "$WORK/ban.json"; t1=$(now)
    bangui_times+=("$(elapsed "$t0" "$t1")")
    grep -q '"banned": '"$N" "$WORK/ban.json" || { echo "bangui did not ban $N" >&2; exit 1; }
    unban_all
    t0=$(now); fail2ban-client -s "$SOCK" set bangui-test banip $(cat "$WORK/ips.txt") >/dev/null; t1=$(now)
    bulk_times+=("$(elapsed "$t0" "$t1")")
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
bangui_ms=$(med "${bangui_times[@]}")
bulk_ms=$(med "${bulk_times[@]}")

unban_all
head -n "$SAMPLE" "$WORK/ips.txt" > "$WORK/sample.txt"
t0=$(now)
while read -r ip; do fail2ban-client -s "$SOCK" set bangui-test banip "$ip" >/dev/null; done < "$WORK/sample.txt"
t1=$(now)
single_ms=$(awk -v t="$(elapsed "$t0" "$t1")" -v n="$N" -v s="$SAMPLE" 'BEGIN{printf "%.0f", t*n/s}')
unban_all

printf 'bangui ban --from-file (%d IPs):          %9.1f ms\n' "$N" "$bangui_ms"
printf 'fail2ban-client set J banip (one call):  %9.1f ms   (medians of %d alternating runs) bangui/bulk ratio %.2f (target <= 1.05)\n' "$bulk_ms" "$BULK_RUNS" "$(awk -v a="$bangui_ms" -v b="$bulk_ms" 'BEGIN{print a/b}')"

echo "== $N IPs that are already banned (an Ansible re-run; median of 3)"
"$B" ban --from-file "$WORK/ips.txt" --jail bangui-test -q >/dev/null
again_ms=$(REPEAT=3 median "$B" ban --from-file "$WORK/ips.txt" --jail bangui-test -q -o json)
dry_ms=$(REPEAT=3 median "$B" ban --dry-run --from-file "$WORK/ips.txt" --jail bangui-test -q -o json)
get_ms=$(REPEAT=3 median fail2ban-client -s "$SOCK" get bangui-test banned)
"$B" ban --from-file "$WORK/ips.txt" --jail bangui-test -q -o json > "$WORK/again.json"
grep -q '"already_banned": '"$N" "$WORK/again.json" || { echo "bangui did not see $N already banned" >&2; exit 1; }
printf 'bangui ban (already banned):             %9.1f ms   (target <= 1000 ms)\n' "$again_ms"
printf 'bangui ban --dry-run (already banned):   %9.1f ms   (target <= 1000 ms)\n' "$dry_ms"
printf 'fail2ban-client get J banned (floor):    %9.1f ms   ratios %.1fx / %.1fx\n' "$get_ms" \
    "$(awk -v a="$again_ms" -v b="$get_ms" 'BEGIN{print a/b}')" "$(awk -v a="$dry_ms" -v b="$get_ms" 'BEGIN{print a/b}')"
unban_all
printf 'fail2ban-client, %d single calls:     %9.0f ms   (extrapolated from %d)   bulk speed-up %.0fx\n' "$N" "$single_ms" "$SAMPLE" "$(awk -v a="$single_ms" -v b="$bangui_ms" 'BEGIN{print a/b}')"
