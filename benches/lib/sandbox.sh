# Sourced by the benchmarks: a sandbox fail2ban-server with one jail, `bench`
# (polling backend, action noop, bantime 3600), in "$1/f2b". Sets srv_pid (the
# caller's cleanup kills it) and leaves the socket at "$1/f2b/fail2ban.sock".
start_sandbox_fail2ban() {
    local dir="$1/f2b"
    mkdir -p "$dir"
    cp -r tests/fixtures/fail2ban/conf "$dir/conf"
    find "$dir/conf" -type f -exec sed -i "s|@DIR@|$dir|g" {} +
    : > "$dir/test.log"
    fail2ban-server -f --async -x -c "$dir/conf" -s "$dir/fail2ban.sock" -p "$dir/fail2ban.pid" \
        --logtarget "$dir/fail2ban.log" >"$dir/server.out" 2>&1 &
    srv_pid=$!
    for _ in $(seq 100); do fail2ban-client -s "$dir/fail2ban.sock" ping >/dev/null 2>&1 && break; sleep 0.1; done
    python3 tests/cli/support/f2b_cmd.py "$dir/fail2ban.sock" "$(printf '[["add","bench","polling"],["set","bench","addlogpath","%s","tail"],["set","bench","bantime","3600"],["set","bench","addaction","noop"],["start","bench"]]' "$dir/test.log")" >/dev/null
}
