#!/usr/bin/env bash
# Install the Debian packages bangui's tests and demo need, if missing.
set -euo pipefail
pkgs=()
command -v fail2ban-server >/dev/null 2>&1 || pkgs+=(fail2ban)
command -v sqlite3 >/dev/null 2>&1 || pkgs+=(sqlite3)
command -v setpriv >/dev/null 2>&1 || pkgs+=(util-linux)
command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
command -v ip >/dev/null 2>&1 || pkgs+=(iproute2)
if ((${#pkgs[@]})); then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
# The Debian package must not leave a system fail2ban running for the tests.
true
