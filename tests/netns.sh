#!/bin/sh
# A two-namespace network lab for tests, benches and examples (needs root).
#
#   tests/netns.sh up NAME            server namespace NAME-s, client namespace NAME-c,
#                                     joined by a veth pair (srv0 <-> cli0), loopback up;
#                                     the server has 10.99.0.1 and fd99::1
#   tests/netns.sh addr NAME IP[/N]   add IP (v4 or v6, the prefix is ignored) to the
#                                     client side and route it back from the server
#   tests/netns.sh down NAME          kill what runs inside both namespaces, delete them
#   tests/netns.sh sweep PREFIX       remove labs PREFIX<pid>n<seq> whose pid is gone
#   tests/netns.sh listen NAME PORT   a TCP listener (v4 and v6) in the server namespace,
#                                     in the foreground; prints "ready" once it listens
#   tests/netns.sh connect NAME FROM PORT
#                                     TCP connect from FROM (a client address) to the
#                                     server, 1 s timeout; exit 0 when it connects
#
# Everything lives inside the two namespaces: the interfaces are created in them,
# so nothing is visible on (or collides with) the host. Run a program inside with
# `ip netns exec NAME-s PROGRAM`.
set -eu

SERVER_V4=10.99.0.1
SERVER_V6=fd99::1

die() { echo "netns.sh: $*" >&2; exit 2; }

down() {
    for ns in "$1-s" "$1-c"; do
        if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
}

cmd=${1:-}
case "$cmd" in
up)
    name=${2:?NAME}
    down "$name"
    ip netns add "$name-s"
    ip netns add "$name-c" || { ip netns del "$name-s"; exit 1; }
    {
        ip -n "$name-s" link set lo up &&
        ip -n "$name-c" link set lo up &&
        ip -n "$name-s" link add srv0 type veth peer name cli0 netns "$name-c" &&
        ip netns exec "$name-s" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 &&
        ip netns exec "$name-c" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 &&
        ip -n "$name-s" addr add "$SERVER_V4/32" dev srv0 &&
        ip -n "$name-s" -6 addr add "$SERVER_V6/128" dev srv0 nodad &&
        ip -n "$name-s" link set srv0 up &&
        ip -n "$name-c" link set cli0 up &&
        ip -n "$name-c" route add default dev cli0 &&
        ip -n "$name-c" -6 route add default dev cli0
    } || { down "$name"; exit 1; }
    ;;
addr)
    name=${2:?NAME}; a=${3:?IP}; a=${a%%/*}
    case "$a" in
    *:*) ip -n "$name-c" -6 addr add "$a/128" dev cli0 nodad
         ip -n "$name-s" -6 route replace "$a/128" dev srv0 ;;
    *)   ip -n "$name-c" addr add "$a/32" dev cli0
         ip -n "$name-s" route replace "$a/32" dev srv0 ;;
    esac
    ;;
down)
    down "${2:?NAME}"
    ;;
sweep)
    prefix=${2:?PREFIX}
    for ns in $(ip netns list | awk '{print $1}'); do
        case "$ns" in "$prefix"[0-9]*n*-[sc]) ;; *) continue ;; esac
        rest=${ns#"$prefix"}; pid=${rest%%n*}
        case "$pid" in *[!0-9]*|'') continue ;; esac
        [ -d "/proc/$pid" ] && continue
        down "${ns%-?}"
    done
    ;;
listen)
    name=${2:?NAME}; port=${3:?PORT}
    exec ip netns exec "$name-s" python3 -c '
import os, socket, sys, threading, time
port = int(sys.argv[1]); owner = int(sys.argv[2])
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", port)); s.listen(64)
def watch():
    while True:
        time.sleep(0.5)
        try: os.kill(owner, 0)
        except OSError: os._exit(0)
if owner > 0: threading.Thread(target=watch, daemon=True).start()
print("ready", flush=True)
while True:
    c, _ = s.accept(); c.close()
' "$port" "${NETNS_OWNER:-0}"
    ;;
connect)
    name=${2:?NAME}; from=${3:?FROM}; port=${4:?PORT}
    case "$from" in *:*) to=$SERVER_V6 ;; *) to=$SERVER_V4 ;; esac
    exec ip netns exec "$name-c" python3 -c '
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[3])), timeout=1.0,
                             source_address=(sys.argv[2], 0)).close()
except OSError:
    sys.exit(1)
' "$to" "$from" "$port"
    ;;
*)
    die "usage: netns.sh up|addr|down|sweep|listen|connect ..."
    ;;
esac
