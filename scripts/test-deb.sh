#!/usr/bin/env bash
# The Debian package, end to end: build it, check its contents and metadata,
# run lintian, install it with apt on this machine, run the binary, find its
# man page, verify its systemd units, then purge it and check nothing is left.
# Needs root (or sudo) and apt; scripts/install-deps.sh installs lintian,
# dpkg-dev, man-db and systemd. Refuses to run where bangui is installed or
# /var/lib/bangui exists, because the purge would remove it.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "test-deb: FAIL: $*" >&2
    exit 1
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "run as root (apt-get install and purge)"
    sudo="sudo"
fi
# (No early-exiting readers in pipelines: with pipefail a writer's SIGPIPE fails them.)
status() { dpkg-query -W -f='${Status}' bangui 2>/dev/null || true; }
if [[ "$(status)" == *"ok installed"* ]]; then
    fail "a bangui package is already installed on this machine; purge it first"
fi
[ -e /usr/bin/bangui ] && fail "/usr/bin/bangui exists outside the package manager"
[ -e /var/lib/bangui ] && fail "/var/lib/bangui exists; the purge test would remove it"

export DEBIAN_FRONTEND=noninteractive
apt=($sudo apt-get -o DPkg::Lock::Timeout=600 -y -q)

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
deb=$(scripts/build-deb.sh | tail -n 1)
[ "$deb" = "target/debian/bangui_${version}-1_$(dpkg --print-architecture).deb" ] ||
    fail "unexpected package name: $deb"
echo "test-deb: built $deb ($(du -k "$deb" | cut -f1) KiB)"

# Contents: the files the package promises, and every shipped unit.
files=$(dpkg-deb -c "$deb" | awk '$1 ~ /^-/ { print substr($6, 2) }')
expected=(
    /usr/bin/bangui
    /usr/share/man/man1/bangui.1.gz
    /usr/share/man/man1/bangui-jail-get.1.gz
    /usr/share/bash-completion/completions/bangui
    /usr/share/zsh/vendor-completions/_bangui
    /usr/share/fish/vendor_completions.d/bangui.fish
    /usr/share/doc/bangui/examples/bangui.toml
    /usr/share/doc/bangui/README.md.gz
    /usr/share/doc/bangui/changelog.gz
    /usr/share/doc/bangui/changelog.Debian.gz
    /usr/share/doc/bangui/copyright
)
for unit in examples/systemd/*.service examples/systemd/*.timer; do
    expected+=("/lib/systemd/system/$(basename "$unit")")
done
for f in "${expected[@]}"; do
    grep -qxF "$f" <<<"$files" || fail "$f is missing from $deb"
done
pages=$(grep -c '^/usr/share/man/man1/.*\.1\.gz$' <<<"$files")
[ "$pages" -eq "$(ls man/*.1 | wc -l)" ] || fail "$pages man pages packaged, $(ls man/*.1 | wc -l) in man/"

# Metadata: version, relations, and a Depends that covers every shared
# library the binary needs (the package owning each resolved library).
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Version)" = "$version-1" ] || fail "Version $(field Version), Cargo.toml says $version"
[ "$(field Recommends)" = "fail2ban" ] || fail "Recommends: $(field Recommends)"
[ "$(field Suggests)" = "nftables" ] || fail "Suggests: $(field Suggests)"
depends=$(field Depends)
extract=$(mktemp -d)
installed=0
cleanup() {
    if [ "$installed" = 1 ]; then
        "${apt[@]}" purge bangui >/dev/null 2>&1 || true
    fi
    rm -rf "$extract"
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$extract"
for soname in $(objdump -p "$extract/usr/bin/bangui" | awk '$1 == "NEEDED" { print $2 }'); do
    lib=$(ldconfig -p | awk -v s="$soname" '$1 == s && !found { print $NF; found = 1 }')
    [ -n "$lib" ] || fail "$soname not found by ldconfig"
    pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | awk -F: 'NR == 1 { print $1 }') ||
        pkg=$(dpkg -S "$lib" | awk -F: 'NR == 1 { print $1 }')
    grep -Eq "(^|, )$pkg( |,|$)" <<<"$depends" || fail "Depends ($depends) lacks $pkg for $soname"
done
echo "test-deb: Depends: $depends"

# lintian: no errors and no warnings (the kept ones are overridden, with reasons).
# (lintian warns that it runs as root; that line is not a finding.)
lintian --fail-on error,warning --info "$deb" 2> >(grep -v 'running with root privileges' >&2) ||
    fail "lintian"

# Install with apt, exactly as an administrator would; purge on every exit.
run_apt() {
    "${apt[@]}" "$@" >"$extract/apt.log" 2>&1 || {
        cat "$extract/apt.log" >&2
        fail "apt-get $*"
    }
}
installed=1
run_apt install --no-install-recommends "./$deb"
[ "$(bangui --version)" = "bangui $version" ] || fail "bangui --version: $(bangui --version)"
[ "$(command -v bangui)" = /usr/bin/bangui ] || fail "bangui is $(command -v bangui)"
for page in bangui bangui-jail-get bangui-serve-health; do
    where=$(man -w "$page") || fail "man -w $page"
    [ "$where" = "/usr/share/man/man1/$page.1.gz" ] || fail "man -w $page: $where"
done
# The units are installed but nothing enables them.
enabled=$(find /etc/systemd/system -name 'bangui*')
[ -z "$enabled" ] || fail "a bangui unit is enabled: $enabled"
units=(/lib/systemd/system/bangui*.service /lib/systemd/system/bangui*.timer)
# systemd-analyze needs no running systemd; it checks the syntax, the
# binaries in Exec lines and the man pages named in Documentation=.
out=$(systemd-analyze verify "${units[@]}" 2>&1) || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify warns: $out"
echo "test-deb: systemd-analyze verify: ${#units[@]} units clean"
# The database directory the purge must remove.
$sudo bangui db migrate >/dev/null
[ -f /var/lib/bangui/bangui.db ] || fail "bangui db migrate did not create /var/lib/bangui/bangui.db"

run_apt purge bangui
installed=0
[ ! -e /usr/bin/bangui ] || fail "/usr/bin/bangui is left after purge"
[ ! -e /var/lib/bangui ] || fail "/var/lib/bangui is left after purge"
while read -r f; do
    [ ! -e "$f" ] || fail "$f is left after purge"
done <<<"$files"
case "$(status)" in
"" | "unknown ok not-installed") ;;
*) fail "dpkg still lists bangui: $(status)" ;;
esac
echo "test-deb: ok: built, lintian clean, installed, verified and purged"
