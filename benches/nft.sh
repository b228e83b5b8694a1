#!/usr/bin/env bash
# Benchmarks of the nft target, printed from one run (needs root: every load
# happens in a fresh network namespace of its own):
#  1. first import of a 300,000-line clean feed (hosts, /24-/28, a - b
#     ranges, some IPv6) with `--target nft`, whole process, against the floor:
#     `nft -f` loading the same already-aggregated intervals (read back from
#     the kernel) into an empty table in a fresh namespace; ratio printed
#     (target ≤ 2, goal ≤ 1.2);
#  2. re-import of that feed with 1% of its lines changed: wall time (target
#     ≤ 1 s) and the size of the difference sent;
#  3. the 1,000,000-line mixed list: first import against the same kind of
#     floor (target ≤ 2) and bangui's peak RSS (target ≤ 128 MiB);
#  4. for contrast: fail2ban's own nftables action (nftables-allports) banning
#     2,000 hosts of the same feed, until the kernel set holds them all, and
#     the extrapolation to the whole feed.
# Needs: python3, nft, fail2ban-server; installs `time` when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
[ "$(id -u)" = 0 ] || { echo "benches/nft.sh needs root (network namespaces)" >&2; exit 77; }
if [ ! -x /usr/bin/time ]; then
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends time >/dev/null
fi

work=$(mktemp -d /tmp/bgnft.XXXXXX)
tag="bgnb$$"
namespaces=()
srv_pid=""
cleanup() {
    if [ -n "$srv_pid" ]; then kill "$srv_pid" 2>/dev/null || true; wait "$srv_pid" 2>/dev/null || true; fi
    for ns in "${namespaces[@]}"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
fresh_ns() { # name: a new namespace with loopback up
    ip netns add "$1"; namespaces+=("$1"); ip -n "$1" link set lo up
}

cargo build --release --quiet --bin bangui
bin="$(pwd)/$CARGO_TARGET_DIR/release/bangui"
case "$CARGO_TARGET_DIR" in /*) bin="$CARGO_TARGET_DIR/release/bangui" ;; esac

echo "== generating the feeds"
python3 - "$work" <<'PY'
import random, sys
d = sys.argv[1]
random.seed(7)
def pub():
    while True:
        a = random.randint(1, 223)
        if a not in (10, 100, 127, 169, 172, 192, 198, 203): return a
def line(r):
    if r < 0.70:
        return "%d.%d.%d.%d" % (pub(), random.randint(0,255), random.randint(0,255), random.randint(1,254))
    if r < 0.90:
        p = random.choice((24, 25, 26, 27, 28))
        host = random.randint(0, 255) & ~((1 << (32 - p)) - 1) & 255
        return "%d.%d.%d.%d/%d" % (pub(), random.randint(0,255), random.randint(0,255), host, p)
    if r < 0.97:
        a, b, c = pub(), random.randint(0,255), random.randint(0,255)
        s = random.randint(0, 200)
        return "%d.%d.%d.%d - %d.%d.%d.%d" % (a, b, c, s, a, b, c, s + random.randint(1, 50))
    return "2a0%x:%x:%x::/48" % (random.randint(1,9), random.randint(0,0xffff), random.randint(0,0xffff))
feed = [line(random.random()) for _ in range(300_000)]
open(d + "/feed.txt", "w").write("\n".join(feed) + "\n")
changed = list(feed)
for i in range(0, len(changed), 100):
    changed[i] = line(random.random())
open(d + "/feed-changed.txt", "w").write("\n".join(changed) + "\n")
hosts = [l for l in feed if "/" not in l and "-" not in l and ":" not in l][:2000]
open(d + "/hosts2000.txt", "w").write("\n".join(hosts) + "\n")
# The 1,000,000-line mixed list of benches/blocklist.sh (comments included).
random.seed(42)
with open(d + "/mixed.txt", "w") as f:
    for i in range(1_000_000):
        r = random.random()
        if r < 0.02:
            f.write("# comment %d\n" % i)
        elif r < 0.84:
            f.write("%d.%d.%d.%d\n" % (pub(), random.randint(0,255), random.randint(0,255), random.randint(1,254)))
        elif r < 0.94:
            f.write("%d.%d.%d.0/%d\n" % (pub(), random.randint(0,255), random.randint(0,255), random.choice((24,25,26,27,28))))
        elif r < 0.98:
            a, b, c = pub(), random.randint(0,255), random.randint(0,255)
            s = random.randint(0, 200)
            f.write("%d.%d.%d.%d - %d.%d.%d.%d\n" % (a, b, c, s, a, b, c, s + random.randint(1, 50)))
        else:
            f.write("2a0%x:%x:%x::%x\n" % (random.randint(1,9), random.randint(0,0xffff), random.randint(0,0xffff), random.randint(1,0xffff)))
PY

timed() { # ns label command...: prints "label wall_s rss_mib"; stdout in $work/out.txt
    local ns=$1 label=$2; shift 2
    ip netns exec "$ns" /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || {
        echo "$label failed:" >&2; cat "$work/err.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
    echo "$label $wall $rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "inf"}'; }

# The floor: the intervals the kernel holds for source $2 in namespace $1, as
# one nft script that loads them into an empty table.
floor_script() {
    ip netns exec "$1" nft -j list sets inet > "$work/sets.json"
    python3 - "$work/sets.json" "$2" > "$work/floor.nft" <<'PY'
import json, sys
doc, src = json.load(open(sys.argv[1])), sys.argv[2]
def text(e):
    if isinstance(e, str): return e
    if "prefix" in e: return "%s/%d" % (e["prefix"]["addr"], e["prefix"]["len"])
    if "range" in e: return "%s-%s" % tuple(e["range"])
    return text(e["elem"]["val"])
print("add table inet floor")
for item in doc["nftables"]:
    s = item.get("set")
    if not s or s["table"] != "bangui" or not s["name"].startswith(src + "-"): continue
    print("add set inet floor %s { type %s; flags interval; }" % (s["name"], s["type"]))
    elems = [text(e) for e in s.get("elem", [])]
    for i in range(0, len(elems), 10000):
        print("add element inet floor %s { %s }" % (s["name"], ", ".join(elems[i:i+10000])))
PY
}

export BANGUI_CONFIG="$work/bangui.toml"
: > "$work/bangui.toml"

echo "== 1. first import, 300,000 lines, --target nft"
ns="${tag}a"; fresh_ns "$ns"
export BANGUI_DB="$work/a.db"
cp "$work/feed.txt" "$work/feed-live.txt"
ip netns exec "$ns" "$bin" -q blocklist source add feed "file://$work/feed-live.txt" --target nft --allow-file --min-interval 0s >/dev/null
read -r _ b_wall b_rss < <(timed "$ns" first "$bin" -q --json blocklist import feed)
agg=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["data"]["sources"][0]; print(s["aggregated"])' "$work/out.txt")
floor_script "$ns" feed
intervals=$(python3 -c 'import sys; t=open(sys.argv[1]).read(); print(sum(l.count(",")+1 for l in t.splitlines() if l.startswith("add element")))' "$work/floor.nft")
fns="${tag}f"; fresh_ns "$fns"
read -r _ f_wall _ < <(timed "$fns" floor nft -f "$work/floor.nft")
printf 'first import: bangui %ss (peak RSS %s MiB, %s networks, %s kernel intervals) vs nft -f floor %ss: ratio %s (target <= 2, goal <= 1.2)\n' \
    "$b_wall" "$b_rss" "$agg" "$intervals" "$f_wall" "$(ratio "$b_wall" "$f_wall")"

echo "== 2. re-import with 1% of the lines changed"
cp "$work/feed-changed.txt" "$work/feed-live.txt"
read -r _ r_wall r_rss < <(timed "$ns" reimport "$bin" -q --json blocklist import feed --force-fetch)
diff=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["data"]["sources"][0]; print("%s: +%d -%d networks" % (s["status"], s["added"], s["removed"]))' "$work/out.txt")
printf 're-import: %ss (peak RSS %s MiB), difference sent %s; target <= 1 s: %s\n' "$r_wall" "$r_rss" "$diff" \
    "$(awk -v w="$r_wall" 'BEGIN{ print (w <= 1) ? "yes" : "NO" }')"

echo "== 3. first import, the 1,000,000-line mixed list"
ns="${tag}m"; fresh_ns "$ns"
export BANGUI_DB="$work/m.db"
ip netns exec "$ns" "$bin" -q blocklist source add mixed "file://$work/mixed.txt" --target nft --allow-file --min-interval 0s >/dev/null
read -r _ m_wall m_rss < <(timed "$ns" mixed "$bin" -q --json blocklist import mixed)
floor_script "$ns" mixed
fns="${tag}g"; fresh_ns "$fns"
read -r _ mf_wall _ < <(timed "$fns" floor nft -f "$work/floor.nft")
printf '1M mixed: bangui %ss (peak RSS %s MiB; target <= 128: %s) vs nft -f floor %ss: ratio %s (target <= 2)\n' \
    "$m_wall" "$m_rss" "$(awk -v r="$m_rss" 'BEGIN{ print (r <= 128) ? "yes" : "NO" }')" "$mf_wall" "$(ratio "$m_wall" "$mf_wall")"

echo "== 4. fail2ban's own nftables action, 2,000 hosts of the same feed"
ns="${tag}x"; fresh_ns "$ns"
mkdir -p "$work/f2b"
cp -r tests/fixtures/fail2ban/conf "$work/f2b/conf"
cp /etc/fail2ban/action.d/nftables.conf /etc/fail2ban/action.d/nftables-allports.conf "$work/f2b/conf/action.d/"
printf '\n[nftb]\nenabled = true\nfilter = bangui-test\nlogpath = @DIR@/test.log\nbantime = 1d\naction = nftables-allports\n' >> "$work/f2b/conf/jail.conf"
find "$work/f2b/conf" -type f -exec sed -i "s|@DIR@|$work/f2b|g" {} +
: > "$work/f2b/test.log"
sock="$work/f2b/f.sock"
ip netns exec "$ns" fail2ban-server -f --async -x -c "$work/f2b/conf" -s "$sock" -p "$work/f2b/f.pid" \
    --logtarget "$work/f2b/fail2ban.log" >"$work/f2b/server.out" 2>&1 &
srv_pid=$!
for _ in $(seq 100); do fail2ban-client -s "$sock" ping >/dev/null 2>&1 && break; sleep 0.1; done
fail2ban-client -c "$work/f2b/conf" -s "$sock" reload >/dev/null
export BANGUI_DB="$work/x.db" BANGUI_SOCKET="$sock"
ip netns exec "$ns" "$bin" -q blocklist source add hosts "file://$work/hosts2000.txt" --jail nftb --allow-file --min-interval 0s >/dev/null
t0=$(date +%s.%N)
ip netns exec "$ns" "$bin" -q blocklist import hosts >/dev/null
count=0
for _ in $(seq 600); do
    count=$(ip netns exec "$ns" nft -j list set inet f2b-table addr-set-nftb 2>/dev/null \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(i["set"].get("elem", [])) for i in d["nftables"] if "set" in i))' 2>/dev/null || echo 0)
    [ "$count" -ge 2000 ] && break
    sleep 0.5
done
t1=$(date +%s.%N)
x_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{ printf "%.2f", b-a }')
printf "fail2ban nftables-allports: %s of 2000 hosts in the kernel set after %ss (%.1f ms each); extrapolated to the feed's %s networks: %.0f s\n" \
    "$count" "$x_wall" "$(awk -v w="$x_wall" 'BEGIN{ print w*1000/2000 }')" "$agg" "$(awk -v w="$x_wall" -v n="$agg" 'BEGIN{ print w*n/2000 }')"
