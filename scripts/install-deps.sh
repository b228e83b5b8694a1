#!/usr/bin/env bash
# Install the Debian packages bangui's tests and demo need, if missing.
set -euo pipefail
pkgs=()
command -v fail2ban-server >/dev/null 2>&1 || pkgs+=(fail2ban)
command -v sqlite3 >/dev/null 2>&1 || pkgs+=(sqlite3)
command -v setpriv >/dev/null 2>&1 || pkgs+=(util-linux)
command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
command -v tmux >/dev/null 2>&1 || pkgs+=(tmux)
# The Debian package (scripts/build-deb.sh, scripts/test-deb.sh) and the man page checks.
command -v dpkg-shlibdeps >/dev/null 2>&1 || pkgs+=(dpkg-dev)
command -v lintian >/dev/null 2>&1 || pkgs+=(lintian)
command -v lexgrog >/dev/null 2>&1 || pkgs+=(man-db)
command -v systemd-analyze >/dev/null 2>&1 || pkgs+=(systemd)
# Real firewalls inside network namespaces (the enforcement tests).
command -v ip >/dev/null 2>&1 || pkgs+=(iproute2)
command -v nft >/dev/null 2>&1 || pkgs+=(nftables)
command -v iptables >/dev/null 2>&1 || pkgs+=(iptables)
command -v ipset >/dev/null 2>&1 || pkgs+=(ipset)
# A fail2ban already answering on the system socket is none of our business.
f2b_sock=/var/run/fail2ban/fail2ban.sock
f2b_was_running=0
[ -S "$f2b_sock" ] && f2b_was_running=1
# The fleet tests start their own PostgreSQL (initdb + pg_ctl) and make a
# CA with openssl.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || pkgs+=(postgresql)
command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
if ((${#pkgs[@]})); then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Debian starts a packaged service on install unless policy-rc.d says no
    # (101): the tests run their own fail2ban-server, never the system one.
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod 0755 "$policy"
        trap '$sudo rm -f "$policy"' EXIT
    fi
    $sudo apt-get update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
    # Belt and braces: a system fail2ban that this install started is
    # stopped, and its service is not left enabled for the next boot.
    if [[ " ${pkgs[*]} " == *" fail2ban "* ]]; then
        if [ "$f2b_was_running" = 0 ] && [ -S "$f2b_sock" ]; then
            $sudo fail2ban-client -s "$f2b_sock" stop >/dev/null 2>&1 || true
        fi
        if [ -d /run/systemd/system ]; then
            $sudo systemctl disable --now fail2ban.service >/dev/null 2>&1 || true
        fi
    fi
fi
