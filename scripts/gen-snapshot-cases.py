#!/usr/bin/env python3
"""Write the trycmd case files of `tests/snapshots.rs` under tests/cmd/.

- help/: one case per command and subcommand (`bangui ... --help`), found by
  walking the clap tree of the built binary; cases of commands that no longer
  exist are removed.
- usage/ and fail/: the usage errors and common failures listed below, each
  with the exit code it must end with.
- fixtures/: the sandbox templates the cases run in (copied per case).

Every case runs in a fresh copy of a fixture directory with a cleared
environment, so it is hermetic: no fail2ban, no /etc/fail2ban, no GeoIP files.
Only the .toml files are written; the expected output is recorded by

    TRYCMD=overwrite cargo test --test snapshots

which also rewrites `status.code` when it differs: review `git diff`.
Usage: scripts/gen-snapshot-cases.py [PATH-TO-BANGUI]
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CMD = ROOT / "tests" / "cmd"

# The environment of every case (the values are relative to the sandbox,
# which is the working directory of the command).
ENV = {
    "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME": ".",
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "USER": "tester",
    "BANGUI_CONFIG": "bangui.toml",
    "BANGUI_DB": "bangui.db",
    "BANGUI_SOCKET": "fail2ban.sock",
    "BANGUI_FAIL2BAN_CONFIG_DIR": "fail2ban",
    "NO_COLOR": "1",
    "COLUMNS": "100",
}

# Geo databases inside the sandbox (absent), not the host's /var/lib/GeoIP.
NO_GEO = {
    "BANGUI_GEO_COUNTRY_DB": "geo/country.mmdb",
    "BANGUI_GEO_CITY_DB": "geo/city.mmdb",
    "BANGUI_GEO_ASN_DB": "geo/asn.mmdb",
}

# Cases whose output holds a backslash are compared byte for byte
# (`binary = true`): trycmd's text mode would turn it into a slash.
BINARY = {"usage/invalid-cidr-json"}

# (directory, name, args, exit code, fixture, extra env)
CASES = [
    # Usage errors: clap's message, exit 2.
    ("usage", "no-command", [], 2, "base", {}),
    ("usage", "unknown-command", ["frobnicate"], 2, "base", {}),
    ("usage", "unknown-subcommand", ["jail", "frob"], 2, "base", {}),
    ("usage", "unknown-flag", ["ban", "--bogus"], 2, "base", {}),
    ("usage", "unknown-flag-json", ["--json", "ban", "--bogus"], 2, "base", {}),
    ("usage", "missing-required-flag", ["ban", "1.2.3.4"], 2, "base", {}),
    ("usage", "missing-positional", ["jail", "show"], 2, "base", {}),
    ("usage", "missing-value", ["jail", "set", "sshd", "bantime"], 2, "base", {}),
    ("usage", "bad-value-choice", ["-o", "xml", "status"], 2, "base", {}),
    ("usage", "bad-value-number", ["history", "list", "--limit", "x"], 2, "base", {}),
    ("usage", "conflicting-flags", ["--json", "-o", "plain", "status"], 2, "base", {}),
    ("usage", "backup-exists-needs-force", ["db", "backup", "bangui.toml"], 2, "base", {}),
    ("usage", "jobs-unlock-needs-force", ["jobs", "unlock"], 2, "base", {}),
    ("usage", "config-backups-restore-needs-yes", ["config-backups", "restore", "1"], 2, "base", {}),
    ("usage", "top-needs-terminal", ["top"], 2, "base", {}),
    ("usage", "bad-value-shell", ["completions", "nosh"], 2, "base", {}),
    ("usage", "no-items", ["ban", "--jail", "sshd"], 2, "base", {}),
    ("usage", "bad-since", ["audit", "list", "--since", "bogus"], 2, "base", {}),
    # Bad input: exit 65, nothing changed (checked before fail2ban is asked).
    ("usage", "invalid-ip", ["ban", "--jail", "sshd", "999.1.1.1"], 65, "base", {}),
    ("usage", "invalid-cidr-json", ["ban", "--jail", "sshd", "10.0.0.0/33", "--json"], 65, "base", {}),
    ("usage", "invalid-among-valid", ["ban", "--jail", "sshd", "1.2.3.4", "nope"], 65, "base", {}),
    ("usage", "explain-invalid-ip", ["explain", "nope"], 65, "base", {}),
    ("usage", "bad-duration", ["ban", "--jail", "sshd", "192.0.2.1", "--for", "5x"], 65, "base", {}),
    ("usage", "geo-invalid-ip", ["geo", "lookup", "nope", "--mmdb", "missing.mmdb"], 65, "base", {}),
    ("usage", "source-bad-scheme", ["blocklist", "source", "add", "feed", "ftp://example.org/x", "--jail", "sshd"], 65, "base", {}),
    ("usage", "source-plain-http", ["blocklist", "source", "add", "feed", "http://example.org/x", "--jail", "sshd"], 65, "base", {}),
    ("usage", "bad-jail-name", ["ban", "--jail", "bad name!", "192.0.2.1"], 65, "base", {}),
    ("usage", "source-bad-name", ["blocklist", "source", "add", "bad name", "https://example.org/x", "--jail", "sshd"], 65, "base", {}),
    # fail2ban unreachable: exit 69.
    ("fail", "socket-missing-status", ["status"], 69, "base", {}),
    ("fail", "socket-missing-status-json", ["status", "--json"], 69, "base", {}),
    ("fail", "socket-missing-ban", ["ban", "--jail", "sshd", "192.0.2.1"], 69, "base", {}),
    ("fail", "socket-missing-ban-json", ["ban", "--jail", "sshd", "192.0.2.1", "--json"], 69, "base", {}),
    ("fail", "socket-missing-unban", ["unban", "192.0.2.1"], 69, "base", {}),
    ("fail", "socket-missing-banned", ["banned", "192.0.2.1"], 69, "base", {}),
    ("fail", "socket-missing-jail-show", ["jail", "show", "sshd"], 69, "base", {}),
    ("fail", "socket-missing-history-sync", ["history", "sync"], 69, "base", {}),
    ("fail", "socket-not-a-socket", ["jail", "list"], 69, "not-a-socket", {}),
    ("fail", "socket-not-a-socket-json", ["jail", "list", "--json"], 69, "not-a-socket", {}),
    ("fail", "health-socket-missing-json", ["health", "--json"], 69, "base", NO_GEO),
    # Missing input files: exit 66.
    ("fail", "config-missing", ["status"], 66, "base", {"BANGUI_CONFIG": "missing.toml"}),
    ("fail", "from-file-missing", ["ban", "--jail", "sshd", "--from-file", "missing.txt"], 66, "base", {}),
    ("fail", "filter-test-log-missing", ["filter", "test", "demo", "missing.log"], 66, "base", {}),
    ("fail", "geo-mmdb-missing", ["geo", "lookup", "192.0.2.1", "--mmdb", "missing.mmdb"], 66, "base", {}),
    # bangui's database: exit 74, or 78 for a newer schema.
    ("fail", "db-directory-missing", ["audit", "list"], 74, "base", {"BANGUI_DB": "no/such/dir/bangui.db"}),
    ("fail", "db-is-a-directory", ["audit", "list"], 74, "base", {"BANGUI_DB": "."}),
    ("fail", "db-disk-full", ["audit", "list"], 74, "base", {"BANGUI_DB": "/dev/full"}),
    ("fail", "db-not-a-database", ["db", "check"], 74, "garbage-db", {}),
    ("fail", "db-not-a-database-json", ["db", "check", "--json"], 74, "garbage-db", {}),
    ("fail", "db-newer-schema", ["audit", "list"], 78, "newer-schema", {}),
    ("fail", "db-newer-schema-json", ["ban", "--jail", "sshd", "192.0.2.1", "--json"], 78, "newer-schema", {}),
    ("fail", "db-newer-schema-migrate", ["db", "migrate"], 78, "newer-schema", {}),
    # Configuration errors: exit 78.
    ("fail", "config-bad-toml", ["status"], 78, "bad-toml", {}),
    ("fail", "config-bad-toml-json", ["config", "check", "--json"], 78, "bad-toml", {}),
    ("fail", "config-unknown-section", ["config", "check"], 78, "unknown-section", {}),
    ("fail", "config-unknown-key", ["config", "check"], 78, "unknown-key", {}),
    ("fail", "config-bad-value", ["config", "check"], 78, "bad-value", {}),
    ("fail", "config-env-bad-value", ["config", "check"], 78, "base", {"BANGUI_DATABASE_BUSY_TIMEOUT_MS": "soon"}),
    ("fail", "fail2ban-config-dir-missing", ["filter", "list"], 78, "base", {"BANGUI_FAIL2BAN_CONFIG_DIR": "missing"}),
    ("fail", "filter-unknown", ["filter", "show", "nosuch"], 78, "base", {}),
    ("fail", "action-unknown", ["action", "show", "nosuch"], 78, "base", {}),
    ("fail", "job-unknown", ["jobs", "run", "nosuch"], 78, "base", {}),
    ("fail", "blocklist-source-unknown", ["blocklist", "import", "nosuch"], 78, "base", {}),
]

# Fixture directories: file name -> text (None: written by a function).
FIXTURES = {
    "base": {},
    "not-a-socket": {"fail2ban.sock": "a regular file where the socket should be\n"},
    "garbage-db": {"bangui.db": "this is not an SQLite database, only text\n"},
    "newer-schema": {"bangui.db": None},
    "bad-toml": {"bangui.toml": "[database\npath = \"bangui.db\"\n"},
    "unknown-section": {"bangui.toml": "[nosuch]\nkey = 1\n"},
    "unknown-key": {"bangui.toml": "[database]\nbusy_timeout = 5\n"},
    "bad-value": {"bangui.toml": "[database]\nbusy_timeout_ms = \"soon\"\n"},
}
# Every fixture has these unless it names them itself.
COMMON = {
    "bangui.toml": "",
    "fail2ban/jail.conf": "[DEFAULT]\nbantime = 600\n",
    "fail2ban/filter.d/demo.conf": "[Definition]\nfailregex = ^Failed login from <HOST>$\n",
    "fail2ban/action.d/demo.conf": "[Definition]\nactionban = true\nactionunban = true\n",
}


def newer_schema_db(path):
    """A database whose schema version (900) is newer than any bangui knows."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE refinery_schema_history (version INT4 PRIMARY KEY, "
        "name VARCHAR(255), applied_on VARCHAR(255), checksum VARCHAR(255))"
    )
    conn.execute(
        "INSERT INTO refinery_schema_history VALUES "
        "(900, 'future', '2030-01-01T00:00:00Z', '1')"
    )
    conn.commit()
    conn.close()


def write_fixtures():
    for name, files in FIXTURES.items():
        merged = dict(COMMON)
        merged.update(files)
        for rel, text in merged.items():
            p = CMD / "fixtures" / name / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                newer_schema_db(p)
            else:
                p.write_text(text)


def toml_str(s):
    return json.dumps(s)


def write_case(directory, name, args, code, fixture, extra_env, binary=False):
    d = CMD / directory
    d.mkdir(parents=True, exist_ok=True)
    env = dict(ENV)
    env.update(extra_env)
    shown = " ".join(a if re.fullmatch(r"[\w./:@=-]+", a) else repr(a) for a in args)
    lines = [
        f"# bangui {shown}".rstrip(),
        'bin.name = "bangui"',
        "args = [" + ", ".join(toml_str(a) for a in args) + "]",
        f"status.code = {code}",
        *(["binary = true"] if binary or f"{directory}/{name}" in BINARY else []),
        "fs.sandbox = true",
        f'fs.base = "../fixtures/{fixture}"',
        "",
        "[env]",
        "inherit = false",
    ]
    lines += [f"add.{k} = {toml_str(v)}" for k, v in sorted(env.items())]
    (d / f"{name}.toml").write_text("\n".join(lines) + "\n")
    # Both streams are always compared: an empty file means "nothing".
    for ext in ("stdout", "stderr"):
        p = d / f"{name}.{ext}"
        if not p.exists():
            p.write_text("")


def help_text(binary, path):
    return subprocess.run(
        [binary, *path, "--help"], capture_output=True, text=True, check=True,
        env={"PATH": ENV["PATH"], "COLUMNS": "100"},
    ).stdout


def subcommands(binary, path):
    out = help_text(binary, path)
    names, inside = [], False
    for line in out.splitlines():
        if line == "Commands:":
            inside = True
        elif inside and not line.startswith(" "):
            break
        elif inside and re.match(r"^  [a-z]", line):
            name = line.split()[0]
            if name != "help":
                names.append(name)
    return names


def walk(binary, path=()):
    yield list(path)
    for name in subcommands(binary, list(path)):
        yield from walk(binary, (*path, name))


def main():
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    binary = sys.argv[1] if len(sys.argv) > 1 else f"{target}/debug/bangui"
    write_fixtures()
    wanted = set()
    for path in walk(binary):
        name = "-".join(path) or "bangui"
        wanted.add(name)
        backslash = "\\" in help_text(binary, path)
        write_case("help", name, [*path, "--help"], 0, "base", {}, backslash)
    extra = [
        ("root-short-help", ["-h"], 0),
        ("root-help-subcommand", ["help", "ban"], 0),
        ("root-version", ["--version"], 0),
    ]
    for name, args, code in extra:
        wanted.add(name)
        write_case("help", name, args, code, "base", {})
    for p in (CMD / "help").glob("*.toml"):
        if p.stem not in wanted:
            for ext in ("toml", "stdout", "stderr"):
                p.with_suffix(f".{ext}").unlink(missing_ok=True)
            print(f"removed help/{p.stem} (no such command)")
    for case in CASES:
        write_case(*case)
    print(f"{len(wanted)} help cases, {len(CASES)} usage and failure cases")


if __name__ == "__main__":
    main()
