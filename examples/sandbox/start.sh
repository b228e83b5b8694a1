#!/bin/sh
# Start a throw-away fail2ban-server in a temp dir: own socket, pid file,
# log and database, a polling jail on a temp log file, and an action that
# needs no firewall. Prints the directory; stop it with stop.sh DIR.
#   DIR=$(examples/sandbox/start.sh)
#   bangui --socket "$DIR/fail2ban.sock" status
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CONF="$HERE/../../tests/fixtures/fail2ban/conf"
DIR=$(mktemp -d /tmp/bangui-f2b.XXXXXX)
mkdir -p "$DIR/conf"
cp -R "$CONF/." "$DIR/conf/"
find "$DIR/conf" -type f -name '*.conf' -exec sed -i "s#@DIR@#$DIR#g" {} +
: > "$DIR/test.log"
SOCK="$DIR/fail2ban.sock"
# -f: stay in the foreground so we own the pid; --async: do not read the jail
# config yet; -x: remove a stale socket.
fail2ban-server -f --async -x -c "$DIR/conf" -s "$SOCK" -p "$DIR/fail2ban.pid" \
    --logtarget "$DIR/fail2ban.log" >"$DIR/server.out" 2>&1 &
echo $! > "$DIR/server.pid"
i=0
until fail2ban-client -s "$SOCK" ping >/dev/null 2>&1; do
    i=$((i+1))
    if [ $i -ge 600 ] || ! kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null; then
        echo "fail2ban-server did not come up; see $DIR/server.out" >&2; exit 1
    fi
    sleep 0.05
done
# Load the jails synchronously: when this returns, every jail is running.
fail2ban-client -c "$DIR/conf" -s "$SOCK" reload >>"$DIR/server.out" 2>&1 || {
    echo "configuration failed; see $DIR/server.out" >&2; exit 1; }
echo "$DIR"
