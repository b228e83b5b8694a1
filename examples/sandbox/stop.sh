#!/bin/sh
# Stop a sandbox started by start.sh (by its own pid) and remove its dir.
set -u
DIR=$1
PID=$(cat "$DIR/server.pid" 2>/dev/null || true)
[ -S "$DIR/fail2ban.sock" ] && fail2ban-client -s "$DIR/fail2ban.sock" stop >/dev/null 2>&1
if [ -n "$PID" ]; then
    i=0
    while kill -0 "$PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
    kill -0 "$PID" 2>/dev/null && kill "$PID"
fi
case "$DIR" in /tmp/bangui-f2b.*) rm -rf "$DIR" ;; *) echo "not removing $DIR" >&2 ;; esac
