# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_bangui_global_optspecs
    string join \n config= db= socket= fail2ban-config-dir= o/output= json q/quiet v/verbose log-format= color= no-progress h/help V/version
end

function __fish_bangui_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_bangui_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_bangui_using_subcommand
    set -l cmd (__fish_bangui_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c bangui -n "__fish_bangui_needs_command" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_needs_command" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_needs_command" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_needs_command" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_needs_command" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_needs_command" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_needs_command" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_needs_command" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_needs_command" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_needs_command" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_needs_command" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "status" -d 'Server version, jails with their counts, and bangui\'s database state'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "ban" -d 'Ban IPs or CIDRs in a jail (validated, batched, safety-checked)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "unban" -d 'Unban IPs from one jail or from every jail'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "banned" -d 'List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "explain" -d 'Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "top" -d 'A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "verify" -d 'Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "jail" -d 'Live jail state and settings'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "blocklist" -d 'IP blocklists: sources, imports into a jail, the import log'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "filter" -d 'fail2ban\'s filters: list, show resolved, test against a log'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "action" -d 'fail2ban\'s actions: list, show resolved'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "config-backups" -d 'Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "audit" -d 'The audit trail of state-changing commands'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "jobs" -d 'Scheduled work under the scheduler lock (exit 75 while another run holds it)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "history" -d 'Ban history copied from fail2ban\'s database: sync, list, stats, export'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "geo" -d 'Country, city and AS number from local MaxMind-format databases'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "config" -d 'Show or check the effective configuration'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "db" -d 'bangui\'s own database: migrations, checks, backups'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "health" -d 'One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "serve-health" -d 'Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "fleet" -d 'The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c bangui -n "__fish_bangui_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand status" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand status" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand status" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand status" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand status" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand status" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand status" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand status" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand status" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand status" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand status" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand status" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -s j -l jail -d 'The jail to ban in' -r
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l from-file -d 'Read items from a file, one per line (`-` for stdin; `#` comments allowed)' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l for -d 'Unban after this long (bangui\'s own expiry, enforced by the expire-bans job)' -r
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l until -d 'Unban at this time (RFC 3339 or a date; enforced by the expire-bans job)' -r
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l reason -d 'Why, stored with the shared decision' -r
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand ban" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l force -d 'Allow private, reserved, this host\'s and the SSH client\'s addresses, networks the jail\'s firewall cannot hold (cidr_not_enforceable), and an expiry beyond the jail\'s bantime'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l dry-run -d 'Show what would change and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l share -d 'Also publish the bans to the fleet (queued locally while the store is unreachable)'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand ban" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -s j -l jail -d 'Only this jail [default: every jail]' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l origin -d 'Select bans of this origin' -r -f -a "fail2ban\t'Detected by fail2ban'
manual\t'Banned through `bangui ban`'
blocklist\t'Banned by a blocklist import'
fleet\t'Banned by an import of the fleet\'s shared decisions (a `fleet:` source)'"
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l source -d 'Select bans from this blocklist source (or by this actor, for manual bans)' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l country -d 'Select bans of IPs in this country (ISO 3166 alpha-2, from the geo cache)' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l asn -d 'Select bans of IPs in this autonomous system (from the geo cache)' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l network -d 'Select every ban inside this network' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l banned-before -d 'Select bans that began before: a duration ago (7d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l max -d 'With selectors: above this many bans, ask (terminal) or require --yes' -r
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l from-file -d 'Read items from a file, one per line (`-` for stdin)' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand unban" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l all-jails -d 'With selectors: look in every jail'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l yes -d 'With selectors: remove more than --max bans without a terminal'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l all -d 'Unban everything in --jail'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l dry-run -d 'Show what would change and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l share -d 'Also revoke the fleet\'s shared decisions for these networks (in --jail\'s class, or all)'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand unban" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -s j -l jail -d 'Only this jail' -r
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand banned" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l exact -d 'Only an exact ban entry counts (an IP inside a banned network is "no")'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand banned" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l lines -d 'At most this many log lines per IP' -r
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand explain" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand explain" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand explain" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand explain" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand explain" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand top" -l interval -d 'Seconds between refreshes' -r
complete -c bangui -n "__fish_bangui_using_subcommand top" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand top" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand top" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand top" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand top" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand top" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand top" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand top" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand top" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand top" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand top" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand top" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand top" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -s j -l jail -d 'Only these jails [default: every jail]' -r
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand verify" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l strict -d 'Also fail (exit 1) when an action cannot be inspected'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l repair -d 'Put missing bans back through fail2ban (strays are left alone)'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l dry-run -d 'With --repair: show what would be repaired and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand verify" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "list" -d 'Every jail with backend, failed and banned counts, and idle state'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "show" -d 'Every runtime setting of a jail'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "get" -d 'One runtime setting'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "set" -d 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "enable" -d 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "disable" -d 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "idle" -d 'Switch a jail\'s idle mode'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "stop" -d 'Stop a jail (bans stay in fail2ban\'s database)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "start" -d 'Start a stopped jail from fail2ban\'s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "restart" -d 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "reload" -d 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and not __fish_seen_subcommand_from list show get set enable disable idle stop start restart reload help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l persist -d 'Write the setting to jail.d/zz-bangui.local and reload the jail'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l dry-run -d 'Show what would change (with --persist: the diff) and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l dry-run -d 'Print the diff and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l dry-run -d 'Print the diff and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l dry-run
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from idle" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l dry-run
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l dry-run
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l unban -d 'Also unban everything in the jail'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l dry-run
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l dry-run
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from reload" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every jail with backend, failed and banned counts, and idle state'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every runtime setting of a jail'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "get" -d 'One runtime setting'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "idle" -d 'Switch a jail\'s idle mode'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a jail (bans stay in fail2ban\'s database)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start a stopped jail from fail2ban\'s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)'
complete -c bangui -n "__fish_bangui_using_subcommand jail; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -f -a "source" -d 'Add, list, show, enable, disable or remove sources'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -f -a "import" -d 'Fetch sources and apply only the difference to their jails'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -f -a "log" -d 'Recorded imports, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -f -a "status" -d 'Per source: last success and failure, entries, age, staleness'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -f -a "restore" -d 'Rebuild bangui\'s nftables table (inet bangui) from the database, exactly as last applied'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and not __fish_seen_subcommand_from source import log status restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "add" -d 'Add a source (fetches nothing; the first import is never rate-limited)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "list" -d 'Every source, from the database and the config file'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "show" -d 'One source\'s settings and state'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "enable" -d 'Include a source in `import --all` and the scheduled job'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "disable" -d 'Leave a source out of `import --all` and the scheduled job (its bans stay)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "rm" -d 'Remove a source and unban what it added (not what another source still lists)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l from-file -d 'Import a local file (as source file-NAME) into --jail' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -s j -l jail -d 'The jail for --from-file' -r
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l all -d 'Every enabled source'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l dry-run -d 'Fetch, parse and show the difference; change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l force-fetch -d 'Skip the conditional GET and the minimum fetch interval'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l force -d 'Apply even when the invalid share or the shrink exceeds its threshold'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l source -d 'Only this source' -r
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l limit -d 'At most this many rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from help" -f -a "source" -d 'Add, list, show, enable, disable or remove sources'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from help" -f -a "import" -d 'Fetch sources and apply only the difference to their jails'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from help" -f -a "log" -d 'Recorded imports, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from help" -f -a "status" -d 'Per source: last success and failure, entries, age, staleness'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Rebuild bangui\'s nftables table (inet bangui) from the database, exactly as last applied'
complete -c bangui -n "__fish_bangui_using_subcommand blocklist; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -f -a "list" -d 'Every filter in filter.d, its files, and the jails that use it'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -f -a "show" -d 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -f -a "test" -d 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and not __fish_seen_subcommand_from list show test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l mode -d 'Shorthand for the `mode` parameter' -r
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l mode -d 'Shorthand for the `mode` parameter' -r
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l datepattern -d 'Use this datepattern instead of the filter\'s' -r
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l show -d 'Also list these lines (in JSON: `data.lines_shown` with host, user, time)' -r -f -a "matched\t''
missed\t''
ignored\t''
all\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l engine -d 'Which engine runs the test' -r -f -a "native\t''
fail2ban-regex\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every filter in filter.d, its files, and the jails that use it'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from help" -f -a "show" -d 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from help" -f -a "test" -d 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex'
complete -c bangui -n "__fish_bangui_using_subcommand filter; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'Every action in action.d and the jails that use it'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'An action resolved: its commands and [Init] parameters, with where each came from'
complete -c bangui -n "__fish_bangui_using_subcommand action; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every action in action.d and the jails that use it'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "show" -d 'An action resolved: its commands and [Init] parameters, with where each came from'
complete -c bangui -n "__fish_bangui_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -f -a "list" -d 'Saved versions of jail.d/zz-bangui.local, oldest first'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -f -a "restore" -d 'Put a saved version back: validated, applied with a full reload, rolled back on failure'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and not __fish_seen_subcommand_from list restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l yes -d 'Required: restoring replaces the current file and reloads fail2ban'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l dry-run -d 'Print the diff and change nothing'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from help" -f -a "list" -d 'Saved versions of jail.d/zz-bangui.local, oldest first'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Put a saved version back: validated, applied with a full reload, rolled back on failure'
complete -c bangui -n "__fish_bangui_using_subcommand config-backups; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'Recent state changes, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'Only since: a duration (7d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'At most this many rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'Recent state changes, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "list" -d 'Every job with its interval, last run, last status and next due time'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "run" -d 'Run one job now, due or not, under the scheduler lock'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "run-due" -d 'Run every due job in order under the scheduler lock (what the timer calls every minute)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "status" -d 'The lock holder if any, its heartbeat age, and recent runs'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "history" -d 'Past runs, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "unlock" -d 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and not __fish_seen_subcommand_from list run run-due status history unlock help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from run-due" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l limit -d 'Recent runs to show' -r
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l job -d 'Only this job (or run-due)' -r
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l limit -d 'At most this many runs' -r
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l force -d 'Required: removing a lock is an operator\'s decision'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from unlock" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every job with its interval, last run, last status and next due time'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run one job now, due or not, under the scheduler lock'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "run-due" -d 'Run every due job in order under the scheduler lock (what the timer calls every minute)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "status" -d 'The lock holder if any, its heartbeat age, and recent runs'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "history" -d 'Past runs, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "unlock" -d 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)'
complete -c bangui -n "__fish_bangui_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -f -a "sync" -d 'Copy new bans from fail2ban\'s database into bangui\'s history (read-only, incremental)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -f -a "list" -d 'Bans in a time window, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -f -a "stats" -d 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -f -a "recidive" -d 'IPs banned at least N times in the window'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -f -a "export" -d 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and not __fish_seen_subcommand_from sync list stats recidive export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l fail2ban-db -d 'fail2ban\'s database [default: config fail2ban.db_file]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l batch-size -d 'Rows per read and per transaction' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l since -d 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l until -d 'Only bans before: a duration (1d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -s j -l jail -d 'Only this jail' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l ip -d 'Only this IP, or the IPs in this network' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l country -d 'Only this country (ISO 3166 alpha-2, from the geo cache)' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l origin -d 'Only bans of this origin' -r -f -a "fail2ban\t'Detected by fail2ban'
manual\t'Banned through `bangui ban`'
blocklist\t'Banned by a blocklist import'
fleet\t'Banned by an import of the fleet\'s shared decisions (a `fleet:` source)'"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l host -d 'With --fleet: only this host\'s rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l limit -d 'At most this many rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l order -d 'Time order' -r -f -a "asc\t''
desc\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l fleet -d 'Ask the fleet store: every host\'s history (rows carry host_id)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l since -d 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l until -d 'Only bans before: a duration (1d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -s j -l jail -d 'Only this jail' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l ip -d 'Only this IP, or the IPs in this network' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l country -d 'Only this country (ISO 3166 alpha-2, from the geo cache)' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l origin -d 'Only bans of this origin' -r -f -a "fail2ban\t'Detected by fail2ban'
manual\t'Banned through `bangui ban`'
blocklist\t'Banned by a blocklist import'
fleet\t'Banned by an import of the fleet\'s shared decisions (a `fleet:` source)'"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l host -d 'With --fleet: only this host\'s rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l by -d 'Group by' -r -f -a "jail\t''
country\t''
asn\t''
ip\t''
day\t'Calendar day (UTC); a bar chart in table mode'
hour\t'Hour of day (UTC, 00-23)'
origin\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l top -d 'Show the N largest groups (day and hour show every bucket)' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l fleet -d 'Ask the fleet store: every host\'s history (rows carry host_id)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l since -d 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l until -d 'Only bans before: a duration (1d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -s j -l jail -d 'Only this jail' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l ip -d 'Only this IP, or the IPs in this network' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l country -d 'Only this country (ISO 3166 alpha-2, from the geo cache)' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l origin -d 'Only bans of this origin' -r -f -a "fail2ban\t'Detected by fail2ban'
manual\t'Banned through `bangui ban`'
blocklist\t'Banned by a blocklist import'
fleet\t'Banned by an import of the fleet\'s shared decisions (a `fleet:` source)'"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l host -d 'With --fleet: only this host\'s rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l min-bans -d 'Banned at least this many times in the window' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l limit -d 'At most this many IPs' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l fleet -d 'Ask the fleet store: every host\'s history (rows carry host_id)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from recidive" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l since -d 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l until -d 'Only bans before: a duration (1d), a date, or an RFC 3339 time' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -s j -l jail -d 'Only this jail' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l ip -d 'Only this IP, or the IPs in this network' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l country -d 'Only this country (ISO 3166 alpha-2, from the geo cache)' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l origin -d 'Only bans of this origin' -r -f -a "fail2ban\t'Detected by fail2ban'
manual\t'Banned through `bangui ban`'
blocklist\t'Banned by a blocklist import'
fleet\t'Banned by an import of the fleet\'s shared decisions (a `fleet:` source)'"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l host -d 'With --fleet: only this host\'s rows' -r
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l format -d 'Output format' -r -f -a "ndjson\t'One JSON object per line'
csv\t'RFC 4180 CSV with a header line; controls written as \\u00XX, formulas prefixed with \''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l order -d 'Time order' -r -f -a "asc\t''
desc\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l fleet -d 'Ask the fleet store: every host\'s history (rows carry host_id)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Copy new bans from fail2ban\'s database into bangui\'s history (read-only, incremental)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "list" -d 'Bans in a time window, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "recidive" -d 'IPs banned at least N times in the window'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "export" -d 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)'
complete -c bangui -n "__fish_bangui_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -f -a "lookup" -d 'Country, city and AS number of IP addresses (from local files only)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -f -a "refresh" -d 'Resolve history IPs missing from the cache or answered by an older database build'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -f -a "cleanup" -d 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -f -a "status" -d 'Database files, types, build dates, and the cache\'s size and gaps'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and not __fish_seen_subcommand_from lookup refresh cleanup status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l mmdb -d 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from lookup" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l mmdb -d 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from refresh" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l mmdb -d 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from cleanup" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l mmdb -d 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from help" -f -a "lookup" -d 'Country, city and AS number of IP addresses (from local files only)'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from help" -f -a "refresh" -d 'Resolve history IPs missing from the cache or answered by an older database build'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from help" -f -a "status" -d 'Database files, types, build dates, and the cache\'s size and gaps'
complete -c bangui -n "__fish_bangui_using_subcommand geo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -f -a "show" -d 'Every effective value and where it came from'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -f -a "check" -d 'Validate the configuration and exit 0, or 78 naming the problem'
complete -c bangui -n "__fish_bangui_using_subcommand config; and not __fish_seen_subcommand_from show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every effective value and where it came from'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate the configuration and exit 0, or 78 naming the problem'
complete -c bangui -n "__fish_bangui_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -f -a "migrate" -d 'Apply pending migrations (a backup is taken first)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -f -a "status" -d 'Schema version, applied and pending migrations'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -f -a "check" -d 'integrity_check and foreign_key_check (exit 74 on corruption)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -f -a "checkpoint" -d 'Checkpoint and truncate the write-ahead log'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -f -a "backup" -d 'Copy the database to PATH with SQLite\'s online backup API'
complete -c bangui -n "__fish_bangui_using_subcommand db; and not __fish_seen_subcommand_from migrate status check checkpoint backup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from checkpoint" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l force -d 'Replace PATH when it exists (refused otherwise)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Apply pending migrations (a backup is taken first)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "status" -d 'Schema version, applied and pending migrations'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'integrity_check and foreign_key_check (exit 74 on corruption)'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Checkpoint and truncate the write-ahead log'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Copy the database to PATH with SQLite\'s online backup API'
complete -c bangui -n "__fish_bangui_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand health" -l check -d 'Run only this check' -r -f -a "database\t''
fail2ban\t''
config_dir\t''
scheduler\t''
blocklists\t''
external_logging\t''
geo\t''
verify\t''"
complete -c bangui -n "__fish_bangui_using_subcommand health" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand health" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand health" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand health" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand health" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand health" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand health" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand health" -l nagios -d 'Print one Nagios/Icinga plugin line; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN'
complete -c bangui -n "__fish_bangui_using_subcommand health" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand health" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand health" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand health" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand health" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l listen -d 'Address to listen on [default: health.listen, 127.0.0.1:9191]' -r
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l allow-remote -d 'Allow a non-loopback address (the endpoints have no authentication)'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bangui -n "__fish_bangui_using_subcommand serve-health" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -f -a "init" -d 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -f -a "status" -d 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -f -a "push" -d 'Publish the outbox and this host\'s new history rows now (the fleet-push job)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and not __fish_seen_subcommand_from init status push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "status" -d 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "push" -d 'Publish the outbox and this host\'s new history rows now (the fleet-push job)'
complete -c bangui -n "__fish_bangui_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l config -d 'Configuration file [default: /etc/bangui/bangui.toml]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l db -d 'bangui\'s database file' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l socket -d 'fail2ban\'s control socket' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l fail2ban-config-dir -d 'fail2ban\'s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]' -r -F
complete -c bangui -n "__fish_bangui_using_subcommand completions" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t''
json\t''
plain\t''"
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l log-format -d 'Log format on stderr' -r -f -a "text\t''
json\t''"
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l color -d 'Colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l json -d 'Short for --output json'
complete -c bangui -n "__fish_bangui_using_subcommand completions" -s q -l quiet -d 'Only errors on stderr; no progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand completions" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c bangui -n "__fish_bangui_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c bangui -n "__fish_bangui_using_subcommand completions" -s h -l help -d 'Print help'
complete -c bangui -n "__fish_bangui_using_subcommand completions" -s V -l version -d 'Print version'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "status" -d 'Server version, jails with their counts, and bangui\'s database state'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "ban" -d 'Ban IPs or CIDRs in a jail (validated, batched, safety-checked)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "unban" -d 'Unban IPs from one jail or from every jail'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "banned" -d 'List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "explain" -d 'Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "top" -d 'A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "verify" -d 'Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "jail" -d 'Live jail state and settings'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "blocklist" -d 'IP blocklists: sources, imports into a jail, the import log'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "filter" -d 'fail2ban\'s filters: list, show resolved, test against a log'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "action" -d 'fail2ban\'s actions: list, show resolved'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "config-backups" -d 'Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "audit" -d 'The audit trail of state-changing commands'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "jobs" -d 'Scheduled work under the scheduler lock (exit 75 while another run holds it)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "history" -d 'Ban history copied from fail2ban\'s database: sync, list, stats, export'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "geo" -d 'Country, city and AS number from local MaxMind-format databases'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "config" -d 'Show or check the effective configuration'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "db" -d 'bangui\'s own database: migrations, checks, backups'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "health" -d 'One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "serve-health" -d 'Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "fleet" -d 'The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c bangui -n "__fish_bangui_using_subcommand help; and not __fish_seen_subcommand_from status ban unban banned explain top verify jail blocklist filter action config-backups audit jobs history geo config db health serve-health fleet completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "list" -d 'Every jail with backend, failed and banned counts, and idle state'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "show" -d 'Every runtime setting of a jail'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "get" -d 'One runtime setting'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "set" -d 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "enable" -d 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "disable" -d 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "idle" -d 'Switch a jail\'s idle mode'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "stop" -d 'Stop a jail (bans stay in fail2ban\'s database)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "start" -d 'Start a stopped jail from fail2ban\'s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "restart" -d 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jail" -f -a "reload" -d 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from blocklist" -f -a "source" -d 'Add, list, show, enable, disable or remove sources'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from blocklist" -f -a "import" -d 'Fetch sources and apply only the difference to their jails'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from blocklist" -f -a "log" -d 'Recorded imports, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from blocklist" -f -a "status" -d 'Per source: last success and failure, entries, age, staleness'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from blocklist" -f -a "restore" -d 'Rebuild bangui\'s nftables table (inet bangui) from the database, exactly as last applied'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from filter" -f -a "list" -d 'Every filter in filter.d, its files, and the jails that use it'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from filter" -f -a "show" -d 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from filter" -f -a "test" -d 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "list" -d 'Every action in action.d and the jails that use it'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "show" -d 'An action resolved: its commands and [Init] parameters, with where each came from'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from config-backups" -f -a "list" -d 'Saved versions of jail.d/zz-bangui.local, oldest first'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from config-backups" -f -a "restore" -d 'Put a saved version back: validated, applied with a full reload, rolled back on failure'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'Recent state changes, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "list" -d 'Every job with its interval, last run, last status and next due time'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "run" -d 'Run one job now, due or not, under the scheduler lock'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "run-due" -d 'Run every due job in order under the scheduler lock (what the timer calls every minute)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "status" -d 'The lock holder if any, its heartbeat age, and recent runs'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "history" -d 'Past runs, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "unlock" -d 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "sync" -d 'Copy new bans from fail2ban\'s database into bangui\'s history (read-only, incremental)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "list" -d 'Bans in a time window, newest first'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "stats" -d 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "recidive" -d 'IPs banned at least N times in the window'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "export" -d 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from geo" -f -a "lookup" -d 'Country, city and AS number of IP addresses (from local files only)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from geo" -f -a "refresh" -d 'Resolve history IPs missing from the cache or answered by an older database build'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from geo" -f -a "cleanup" -d 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from geo" -f -a "status" -d 'Database files, types, build dates, and the cache\'s size and gaps'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Every effective value and where it came from'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Validate the configuration and exit 0, or 78 naming the problem'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "migrate" -d 'Apply pending migrations (a backup is taken first)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Schema version, applied and pending migrations'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'integrity_check and foreign_key_check (exit 74 on corruption)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "checkpoint" -d 'Checkpoint and truncate the write-ahead log'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "backup" -d 'Copy the database to PATH with SQLite\'s online backup API'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "init" -d 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "status" -d 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds'
complete -c bangui -n "__fish_bangui_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "push" -d 'Publish the outbox and this host\'s new history rows now (the fleet-push job)'
