#!/usr/bin/env bash
# Times fail2ban-regex against `bangui filter test sshd LOG -o json` (native engine) on a generated 200,000-line sshd
# auth.log and checks that both count the same matched/missed/ignored lines. Each tool runs RUNS times (default 3),
# alternating; the figures are the medians (each run is printed too), and the ratio is the ratio of the medians.
# Usage: benches/filter_sshd.sh [LINES] [RUNS]   (needs fail2ban installed; builds --release)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
RUNS=${2:-3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG=$WORK/auth.log

# A realistic mix: failures, invalid users, accepted logins, pam noise, cron noise.
awk -v n="$N" 'BEGIN {
  srand(42);
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ");
  split("root admin test oracle postgres ubuntu git deploy", users, " ");
  for (i = 0; i < n; i++) {
    m = mon[int(i / (n / 12 + 1)) + 1]; d = 1 + int(rand() * 28);
    ts = sprintf("%s %2d %02d:%02d:%02d", m, d, int(rand()*24), int(rand()*60), int(rand()*60));
    ip = sprintf("%d.%d.%d.%d", 1 + int(rand()*223), int(rand()*256), int(rand()*256), 1 + int(rand()*254));
    u = users[1 + int(rand()*8)]; pid = 1000 + int(rand()*60000); port = 1024 + int(rand()*60000);
    r = rand();
    if (r < 0.25)      printf "%s srv sshd[%d]: Failed password for %s from %s port %d ssh2\n", ts, pid, u, ip, port;
    else if (r < 0.40) printf "%s srv sshd[%d]: Invalid user %s from %s port %d\n", ts, pid, u, ip, port;
    else if (r < 0.50) printf "%s srv sshd[%d]: Accepted publickey for %s from %s port %d ssh2: RSA SHA256:abcdef\n", ts, pid, u, ip, port;
    else if (r < 0.60) printf "%s srv sshd[%d]: pam_unix(sshd:session): session opened for user %s by (uid=0)\n", ts, pid, u;
    else if (r < 0.70) printf "%s srv sshd[%d]: Connection closed by %s port %d [preauth]\n", ts, pid, ip, port;
    else if (r < 0.80) printf "%s srv sshd[%d]: Received disconnect from %s port %d:11: Bye Bye [preauth]\n", ts, pid, ip, port;
    else if (r < 0.90) printf "%s srv CRON[%d]: pam_unix(cron:session): session closed for user root\n", ts, pid;
    else               printf "%s srv sshd[%d]: Disconnected from user %s %s port %d\n", ts, pid, u, ip, port;
  }
}' > "$LOG"
echo "generated $(wc -l < "$LOG") lines in $LOG"

cargo build -q --release --bin bangui
BANGUI="$CARGO_TARGET_DIR/release/bangui"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
F_TIMES=() N_TIMES=()
for r in $(seq "$RUNS"); do
  t0=$(now)
  F2B=$(fail2ban-regex --raw "$LOG" /etc/fail2ban/filter.d/sshd.conf | grep -E '^Lines:')
  t1=$(now)
  NAT_OUT=$("$BANGUI" --config /dev/null filter test sshd "$LOG" -o json)
  t2=$(now)
  F_TIMES+=("$(echo "$t1 - $t0" | bc)") N_TIMES+=("$(echo "$t2 - $t1" | bc)")
  echo "run $r: fail2ban-regex ${F_TIMES[-1]}s, bangui ${N_TIMES[-1]}s"
done
f_time=$(printf '%s\n' "${F_TIMES[@]}" | median)
n_time=$(printf '%s\n' "${N_TIMES[@]}" | median)

f_count() { sed -E "s/.* ([0-9]+) $2.*/\1/" <<<"$1"; }
n_count() { python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][sys.argv[1]])' "$2" <<<"$1"; }
fm=$(f_count "$F2B" matched); fx=$(f_count "$F2B" missed); fi_=$(f_count "$F2B" ignored)
nm=$(n_count "$NAT_OUT" matched); nx=$(n_count "$NAT_OUT" missed); ni=$(n_count "$NAT_OUT" ignored)
echo "fail2ban-regex (median of $RUNS):    ${f_time}s  $F2B"
echo "bangui filter test sshd -o json:   ${n_time}s  Lines: $(n_count "$NAT_OUT" lines) lines, $ni ignored, $nm matched, $nx missed"
echo "cores: $(nproc)"
echo "speed-up:                          $(echo "scale=1; $f_time / $n_time" | bc)x"
echo "matched: fail2ban-regex $fm, bangui $nm; missed: fail2ban-regex $fx, bangui $nx; ignored: $fi_ / $ni"
if [ "$fm" != "$nm" ] || [ "$fx" != "$nx" ] || [ "$fi_" != "$ni" ]; then
  echo "MISMATCH" >&2
  exit 1
fi
