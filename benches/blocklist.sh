#!/usr/bin/env bash
# Blocklist benchmarks, printed from one run:
#  1. parse + screen + aggregate of a 1,000,000-line mixed list (bangui's
#     library, no fail2ban) against FireHOL's `iprange` on the IPv4 part of
#     the same file; peak RSS of both from /usr/bin/time -v (target ≤ 100 MiB);
#  2. end to end: first import of 100,000 entries into a sandbox fail2ban jail
#     with the no-op action, then a re-import of the same list (target < 1 s,
#     nothing applied);
#  3. `blocklist import --from-file --dry-run` of the 1,000,000-line list through
#     the whole CLI, peak RSS from /usr/bin/time -v (target ≤ 64 MiB).
# Needs: python3, fail2ban-server; installs `iprange` and `time` when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/lib/sandbox.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need iprange || [ ! -x /usr/bin/time ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq iprange time >/dev/null
fi

work=$(mktemp -d /tmp/bgbench.XXXXXX)
srv_pid=""
cleanup() {
    if [ -n "$srv_pid" ]; then kill "$srv_pid" 2>/dev/null || true; wait "$srv_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

cargo build --release --quiet --example blocklist_bench --bin bangui
bin="$CARGO_TARGET_DIR/release/bangui"
bench="$CARGO_TARGET_DIR/release/examples/blocklist_bench"

echo "== generating the 1,000,000-line mixed list"
python3 - "$work/mixed.txt" "$work/v4.txt" "$work/e2e.txt" <<'PY'
import random, sys
random.seed(42)
def pub():
    while True:
        a = random.randint(1, 223)
        if a not in (10, 100, 127, 169, 172, 192, 198, 203): return a
mixed, v4, e2e = (open(p, "w") for p in sys.argv[1:4])
for i in range(1_000_000):
    r = random.random()
    if r < 0.02:
        line = "# comment %d" % i
    elif r < 0.84:
        line = "%d.%d.%d.%d" % (pub(), random.randint(0,255), random.randint(0,255), random.randint(1,254))
    elif r < 0.94:
        line = "%d.%d.%d.0/%d" % (pub(), random.randint(0,255), random.randint(0,255), random.choice((24,25,26,27,28)))
    elif r < 0.98:
        a, b, c = pub(), random.randint(0,255), random.randint(0,255)
        s = random.randint(0, 200)
        line = "%d.%d.%d.%d - %d.%d.%d.%d" % (a, b, c, s, a, b, c, s + random.randint(1, 50))
    else:
        line = "2a0%x:%x:%x::%x" % (random.randint(1,9), random.randint(0,0xffff), random.randint(0,0xffff), random.randint(1,0xffff))
    mixed.write(line + "\n")
    if ":" not in line:
        v4.write(line + "\n")
# 100k distinct public hosts, spaced so they do not aggregate.
seen = set()
while len(seen) < 100_000:
    seen.add("%d.%d.%d.%d" % (pub(), random.randint(0,255), random.randint(0,255), random.randrange(1, 254, 2)))
for ip in sorted(seen): e2e.write(ip + "\n")
PY

timed() { # label, command...: prints "label wall_s rss_mib"
    local label=$1; shift
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt"
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
    echo "$label $wall $rss"
}

echo "== parse + aggregate, 1,000,000 lines"
read -r _ b_wall b_rss < <(timed bangui "$bench" "$work/mixed.txt" --v4-out "$work/bangui-v4.txt")
echo "bangui (library, mixed v4+v6): $(cat "$work/out.txt")"
read -r _ i_wall i_rss < <(timed iprange iprange "$work/v4.txt")
cp "$work/out.txt" "$work/iprange-v4.txt"
echo "iprange (IPv4 part only): $(wc -l < "$work/iprange-v4.txt") networks"
# Same set? The generated list holds no special-purpose ranges, so bangui's
# safety policy refuses nothing and both must cover exactly the same addresses.
if iprange "$work/bangui-v4.txt" --diff "$work/iprange-v4.txt" >/dev/null 2>&1; then
    same="identical ($(iprange -C "$work/bangui-v4.txt" | cut -d, -f2) unique IPv4 addresses)"
else
    same="DIFFERENT"
fi
printf 'parse+aggregate: bangui %ss (peak RSS %s MiB) vs iprange %ss (peak RSS %s MiB): speed ratio iprange/bangui = %s; IPv4 result %s\n' \
    "$b_wall" "$b_rss" "$i_wall" "$i_rss" "$(awk -v a="$i_wall" -v b="$b_wall" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "inf"}')" "$same"
awk -v r="$b_rss" 'BEGIN{ exit !(r <= 100) }' && echo "peak RSS ≤ 100 MiB: yes" || echo "peak RSS ≤ 100 MiB: NO"

echo "== end to end: sandbox fail2ban, 100,000 entries"
start_sandbox_fail2ban "$work"

export BANGUI_DB="$work/bangui.db" BANGUI_SOCKET="$work/f2b/fail2ban.sock" BANGUI_CONFIG="$work/bangui.toml"
printf '[fail2ban]\ntimeout = 120\n[blocklist]\nbatch_size = 1000\n' > "$work/bangui.toml"
"$bin" -q blocklist source add bench "file://$work/e2e.txt" --jail bench --allow-file --min-interval 0s >/dev/null 2>&1
read -r _ f_wall f_rss < <(timed first "$bin" -q --json blocklist import bench)
added=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["sources"][0]["added"])' "$work/out.txt")
banned=$(fail2ban-client -s "$work/f2b/fail2ban.sock" get bench banned | tr ',' '\n' | grep -c "'" || true)
read -r _ r_wall r_rss < <(timed reimport "$bin" -q --json blocklist import bench)
r_status=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["data"]["sources"][0]; print(s["status"], "added=%d removed=%d" % (s["added"], s["removed"]))' "$work/out.txt")
printf 'first import: %s entries added (fail2ban reports %s banned) in %ss (peak RSS %s MiB)\n' "$added" "$banned" "$f_wall" "$f_rss"
printf 're-import of the same list: %s in %ss (peak RSS %s MiB); target < 1 s: %s\n' "$r_status" "$r_wall" "$r_rss" \
    "$(awk -v w="$r_wall" 'BEGIN{ print (w < 1) ? "yes" : "NO" }')"

echo "== blocklist import --from-file --dry-run of the 1,000,000-line list (the whole CLI path)"
read -r _ d_wall d_rss < <(timed dryrun "$bin" -q --json blocklist import --from-file "$work/mixed.txt" --jail bench --dry-run)
d_status=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["data"]["sources"][0]; print(s["status"], "aggregated=%d to_add=%d" % (s["aggregated"], s["to_add"]))' "$work/out.txt")
printf 'import --from-file --dry-run: %s in %ss, peak RSS %s MiB (target <= 64 MiB: %s)\n' "$d_status" "$d_wall" "$d_rss" \
    "$(awk -v r="$d_rss" 'BEGIN{ print (r <= 64) ? "yes" : "NO" }')"
