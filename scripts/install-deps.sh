#!/usr/bin/env bash
# Install the Debian packages bangui's tests and demo need, if missing.
set -euo pipefail
pkgs=()
command -v fail2ban-server >/dev/null 2>&1 || pkgs+=(fail2ban)
command -v sqlite3 >/dev/null 2>&1 || pkgs+=(sqlite3)
command -v setpriv >/dev/null 2>&1 || pkgs+=(util-linux)
command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
# The fleet tests start their own PostgreSQL (initdb + pg_ctl) and make a
# CA with openssl.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || pkgs+=(postgresql)
command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
if ((${#pkgs[@]})); then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # No service may start from the packages (the system PostgreSQL cluster
    # would hold port 5432): a temporary policy-rc.d forbids it.
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod 755 "$policy"
        trap '$sudo rm -f "$policy"' EXIT
    fi
    $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
# The Debian package must not leave a system fail2ban running for the tests.
true
