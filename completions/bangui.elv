
use builtin;
use str;

set edit:completion:arg-completer[bangui] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'bangui'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'bangui'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Server version, jails with their counts, and bangui''s database state'
            cand ban 'Ban IPs or CIDRs in a jail (validated, batched, safety-checked)'
            cand unban 'Unban IPs from one jail or from every jail'
            cand banned 'List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)'
            cand explain 'Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)'
            cand top 'A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)'
            cand verify 'Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)'
            cand jail 'Live jail state and settings'
            cand blocklist 'IP blocklists: sources, imports into a jail, the import log'
            cand filter 'fail2ban''s filters: list, show resolved, test against a log'
            cand action 'fail2ban''s actions: list, show resolved'
            cand config-backups 'Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable'
            cand audit 'The audit trail of state-changing commands'
            cand jobs 'Scheduled work under the scheduler lock (exit 75 while another run holds it)'
            cand history 'Ban history copied from fail2ban''s database: sync, list, stats, export'
            cand geo 'Country, city and AS number from local MaxMind-format databases'
            cand config 'Show or check the effective configuration'
            cand db 'bangui''s own database: migrations, checks, backups'
            cand health 'One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable'
            cand serve-health 'Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP'
            cand fleet 'The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;status'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;ban'= {
            cand -j 'The jail to ban in'
            cand --jail 'The jail to ban in'
            cand --from-file 'Read items from a file, one per line (`-` for stdin; `#` comments allowed)'
            cand --for 'Unban after this long (bangui''s own expiry, enforced by the expire-bans job)'
            cand --until 'Unban at this time (RFC 3339 or a date; enforced by the expire-bans job)'
            cand --reason 'Why, stored with the shared decision'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --force 'Allow private, reserved, this host''s and the SSH client''s addresses, networks the jail''s firewall cannot hold (cidr_not_enforceable), and an expiry beyond the jail''s bantime'
            cand --dry-run 'Show what would change and change nothing'
            cand --share 'Also publish the bans to the fleet (queued locally while the store is unreachable)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;unban'= {
            cand -j 'Only this jail [default: every jail]'
            cand --jail 'Only this jail [default: every jail]'
            cand --origin 'Select bans of this origin'
            cand --source 'Select bans from this blocklist source (or by this actor, for manual bans)'
            cand --country 'Select bans of IPs in this country (ISO 3166 alpha-2, from the geo cache)'
            cand --asn 'Select bans of IPs in this autonomous system (from the geo cache)'
            cand --network 'Select every ban inside this network'
            cand --banned-before 'Select bans that began before: a duration ago (7d), a date, or an RFC 3339 time'
            cand --max 'With selectors: above this many bans, ask (terminal) or require --yes'
            cand --from-file 'Read items from a file, one per line (`-` for stdin)'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --all-jails 'With selectors: look in every jail'
            cand --yes 'With selectors: remove more than --max bans without a terminal'
            cand --all 'Unban everything in --jail'
            cand --dry-run 'Show what would change and change nothing'
            cand --share 'Also revoke the fleet''s shared decisions for these networks (in --jail''s class, or all)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;banned'= {
            cand -j 'Only this jail'
            cand --jail 'Only this jail'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --exact 'Only an exact ban entry counts (an IP inside a banned network is "no")'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;explain'= {
            cand --lines 'At most this many log lines per IP'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;top'= {
            cand --interval 'Seconds between refreshes'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;verify'= {
            cand -j 'Only these jails [default: every jail]'
            cand --jail 'Only these jails [default: every jail]'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --strict 'Also fail (exit 1) when an action cannot be inspected'
            cand --repair 'Put missing bans back through fail2ban (strays are left alone)'
            cand --dry-run 'With --repair: show what would be repaired and change nothing'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every jail with backend, failed and banned counts, and idle state'
            cand show 'Every runtime setting of a jail'
            cand get 'One runtime setting'
            cand set 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local'
            cand enable 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)'
            cand disable 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)'
            cand idle 'Switch a jail''s idle mode'
            cand stop 'Stop a jail (bans stay in fail2ban''s database)'
            cand start 'Start a stopped jail from fail2ban''s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)'
            cand restart 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)'
            cand reload 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;jail;list'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;show'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;get'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;set'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --persist 'Write the setting to jail.d/zz-bangui.local and reload the jail'
            cand --dry-run 'Show what would change (with --persist: the diff) and change nothing'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;enable'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --dry-run 'Print the diff and change nothing'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;disable'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --dry-run 'Print the diff and change nothing'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;idle'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --dry-run 'dry-run'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;stop'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --dry-run 'dry-run'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;start'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --dry-run 'dry-run'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;restart'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --unban 'Also unban everything in the jail'
            cand --dry-run 'dry-run'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;reload'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --dry-run 'dry-run'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jail;help'= {
            cand list 'Every jail with backend, failed and banned counts, and idle state'
            cand show 'Every runtime setting of a jail'
            cand get 'One runtime setting'
            cand set 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local'
            cand enable 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)'
            cand disable 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)'
            cand idle 'Switch a jail''s idle mode'
            cand stop 'Stop a jail (bans stay in fail2ban''s database)'
            cand start 'Start a stopped jail from fail2ban''s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)'
            cand restart 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)'
            cand reload 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;jail;help;list'= {
        }
        &'bangui;jail;help;show'= {
        }
        &'bangui;jail;help;get'= {
        }
        &'bangui;jail;help;set'= {
        }
        &'bangui;jail;help;enable'= {
        }
        &'bangui;jail;help;disable'= {
        }
        &'bangui;jail;help;idle'= {
        }
        &'bangui;jail;help;stop'= {
        }
        &'bangui;jail;help;start'= {
        }
        &'bangui;jail;help;restart'= {
        }
        &'bangui;jail;help;reload'= {
        }
        &'bangui;jail;help;help'= {
        }
        &'bangui;blocklist'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand source 'Add, list, show, enable, disable or remove sources'
            cand import 'Fetch sources and apply only the difference to their jails'
            cand log 'Recorded imports, newest first'
            cand status 'Per source: last success and failure, entries, age, staleness'
            cand restore 'Rebuild bangui''s nftables table (inet bangui) from the database, exactly as last applied'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;blocklist;source'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a source (fetches nothing; the first import is never rate-limited)'
            cand list 'Every source, from the database and the config file'
            cand show 'One source''s settings and state'
            cand enable 'Include a source in `import --all` and the scheduled job'
            cand disable 'Leave a source out of `import --all` and the scheduled job (its bans stay)'
            cand rm 'Remove a source and unban what it added (not what another source still lists)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;blocklist;source;add'= {
            cand -j 'The jail its entries are banned in (target jail, the default)'
            cand --jail 'The jail its entries are banned in (target jail, the default)'
            cand --target 'Where its entries go: a jail (through fail2ban) or nft (bangui''s own nftables table inet bangui)'
            cand --hook 'nft target: the hook(s) its rules attach to'
            cand --action 'nft target: what its rules do with a listed source address'
            cand --format 'auto, plain, spamhaus-drop, spamhaus-json or csv:COLUMN'
            cand --interval 'How often the scheduled job imports it'
            cand --min-interval 'Never fetch more often than this (0s disables the limit) [default: 1h, 0s for file://]'
            cand --max-entries 'Abort an import that yields more networks than this'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --allow-http 'Accept a plain-http URL'
            cand --allow-file 'Accept a file:// URL'
            cand --fleet-shared 'Fetch it once per interval for the whole fleet (one host fetches, all read the store)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;source;list'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;source;show'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;source;enable'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;source;disable'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;source;rm'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --keep-bans 'Leave its bans in place'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;source;help'= {
            cand add 'Add a source (fetches nothing; the first import is never rate-limited)'
            cand list 'Every source, from the database and the config file'
            cand show 'One source''s settings and state'
            cand enable 'Include a source in `import --all` and the scheduled job'
            cand disable 'Leave a source out of `import --all` and the scheduled job (its bans stay)'
            cand rm 'Remove a source and unban what it added (not what another source still lists)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;blocklist;source;help;add'= {
        }
        &'bangui;blocklist;source;help;list'= {
        }
        &'bangui;blocklist;source;help;show'= {
        }
        &'bangui;blocklist;source;help;enable'= {
        }
        &'bangui;blocklist;source;help;disable'= {
        }
        &'bangui;blocklist;source;help;rm'= {
        }
        &'bangui;blocklist;source;help;help'= {
        }
        &'bangui;blocklist;import'= {
            cand --from-file 'Import a local file (as source file-NAME) into --jail'
            cand -j 'The jail for --from-file'
            cand --jail 'The jail for --from-file'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --all 'Every enabled source'
            cand --dry-run 'Fetch, parse and show the difference; change nothing'
            cand --force-fetch 'Skip the conditional GET and the minimum fetch interval'
            cand --force 'Apply even when the invalid share or the shrink exceeds its threshold'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;log'= {
            cand --source 'Only this source'
            cand --limit 'At most this many rows'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;status'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;restore'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;blocklist;help'= {
            cand source 'Add, list, show, enable, disable or remove sources'
            cand import 'Fetch sources and apply only the difference to their jails'
            cand log 'Recorded imports, newest first'
            cand status 'Per source: last success and failure, entries, age, staleness'
            cand restore 'Rebuild bangui''s nftables table (inet bangui) from the database, exactly as last applied'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;blocklist;help;source'= {
            cand add 'Add a source (fetches nothing; the first import is never rate-limited)'
            cand list 'Every source, from the database and the config file'
            cand show 'One source''s settings and state'
            cand enable 'Include a source in `import --all` and the scheduled job'
            cand disable 'Leave a source out of `import --all` and the scheduled job (its bans stay)'
            cand rm 'Remove a source and unban what it added (not what another source still lists)'
        }
        &'bangui;blocklist;help;source;add'= {
        }
        &'bangui;blocklist;help;source;list'= {
        }
        &'bangui;blocklist;help;source;show'= {
        }
        &'bangui;blocklist;help;source;enable'= {
        }
        &'bangui;blocklist;help;source;disable'= {
        }
        &'bangui;blocklist;help;source;rm'= {
        }
        &'bangui;blocklist;help;import'= {
        }
        &'bangui;blocklist;help;log'= {
        }
        &'bangui;blocklist;help;status'= {
        }
        &'bangui;blocklist;help;restore'= {
        }
        &'bangui;blocklist;help;help'= {
        }
        &'bangui;filter'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every filter in filter.d, its files, and the jails that use it'
            cand show 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from'
            cand test 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;filter;list'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;filter;show'= {
            cand --mode 'Shorthand for the `mode` parameter'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;filter;test'= {
            cand --mode 'Shorthand for the `mode` parameter'
            cand --datepattern 'Use this datepattern instead of the filter''s'
            cand --show 'Also list these lines (in JSON: `data.lines_shown` with host, user, time)'
            cand --engine 'Which engine runs the test'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;filter;help'= {
            cand list 'Every filter in filter.d, its files, and the jails that use it'
            cand show 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from'
            cand test 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;filter;help;list'= {
        }
        &'bangui;filter;help;show'= {
        }
        &'bangui;filter;help;test'= {
        }
        &'bangui;filter;help;help'= {
        }
        &'bangui;action'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every action in action.d and the jails that use it'
            cand show 'An action resolved: its commands and [Init] parameters, with where each came from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;action;list'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;action;show'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;action;help'= {
            cand list 'Every action in action.d and the jails that use it'
            cand show 'An action resolved: its commands and [Init] parameters, with where each came from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;action;help;list'= {
        }
        &'bangui;action;help;show'= {
        }
        &'bangui;action;help;help'= {
        }
        &'bangui;config-backups'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Saved versions of jail.d/zz-bangui.local, oldest first'
            cand restore 'Put a saved version back: validated, applied with a full reload, rolled back on failure'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;config-backups;list'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;config-backups;restore'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --yes 'Required: restoring replaces the current file and reloads fail2ban'
            cand --dry-run 'Print the diff and change nothing'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;config-backups;help'= {
            cand list 'Saved versions of jail.d/zz-bangui.local, oldest first'
            cand restore 'Put a saved version back: validated, applied with a full reload, rolled back on failure'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;config-backups;help;list'= {
        }
        &'bangui;config-backups;help;restore'= {
        }
        &'bangui;config-backups;help;help'= {
        }
        &'bangui;audit'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Recent state changes, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;audit;list'= {
            cand --since 'Only since: a duration (7d), a date, or an RFC 3339 time'
            cand --limit 'At most this many rows'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;audit;help'= {
            cand list 'Recent state changes, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;audit;help;list'= {
        }
        &'bangui;audit;help;help'= {
        }
        &'bangui;jobs'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every job with its interval, last run, last status and next due time'
            cand run 'Run one job now, due or not, under the scheduler lock'
            cand run-due 'Run every due job in order under the scheduler lock (what the timer calls every minute)'
            cand status 'The lock holder if any, its heartbeat age, and recent runs'
            cand history 'Past runs, newest first'
            cand unlock 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;jobs;list'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jobs;run'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jobs;run-due'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jobs;status'= {
            cand --limit 'Recent runs to show'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jobs;history'= {
            cand --job 'Only this job (or run-due)'
            cand --limit 'At most this many runs'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jobs;unlock'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --force 'Required: removing a lock is an operator''s decision'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;jobs;help'= {
            cand list 'Every job with its interval, last run, last status and next due time'
            cand run 'Run one job now, due or not, under the scheduler lock'
            cand run-due 'Run every due job in order under the scheduler lock (what the timer calls every minute)'
            cand status 'The lock holder if any, its heartbeat age, and recent runs'
            cand history 'Past runs, newest first'
            cand unlock 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;jobs;help;list'= {
        }
        &'bangui;jobs;help;run'= {
        }
        &'bangui;jobs;help;run-due'= {
        }
        &'bangui;jobs;help;status'= {
        }
        &'bangui;jobs;help;history'= {
        }
        &'bangui;jobs;help;unlock'= {
        }
        &'bangui;jobs;help;help'= {
        }
        &'bangui;history'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sync 'Copy new bans from fail2ban''s database into bangui''s history (read-only, incremental)'
            cand list 'Bans in a time window, newest first'
            cand stats 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin'
            cand recidive 'IPs banned at least N times in the window'
            cand export 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;history;sync'= {
            cand --fail2ban-db 'fail2ban''s database [default: config fail2ban.db_file]'
            cand --batch-size 'Rows per read and per transaction'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;history;list'= {
            cand --since 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time'
            cand --until 'Only bans before: a duration (1d), a date, or an RFC 3339 time'
            cand -j 'Only this jail'
            cand --jail 'Only this jail'
            cand --ip 'Only this IP, or the IPs in this network'
            cand --country 'Only this country (ISO 3166 alpha-2, from the geo cache)'
            cand --origin 'Only bans of this origin'
            cand --host 'With --fleet: only this host''s rows'
            cand --limit 'At most this many rows'
            cand --order 'Time order'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --fleet 'Ask the fleet store: every host''s history (rows carry host_id)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;history;stats'= {
            cand --since 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time'
            cand --until 'Only bans before: a duration (1d), a date, or an RFC 3339 time'
            cand -j 'Only this jail'
            cand --jail 'Only this jail'
            cand --ip 'Only this IP, or the IPs in this network'
            cand --country 'Only this country (ISO 3166 alpha-2, from the geo cache)'
            cand --origin 'Only bans of this origin'
            cand --host 'With --fleet: only this host''s rows'
            cand --by 'Group by'
            cand --top 'Show the N largest groups (day and hour show every bucket)'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --fleet 'Ask the fleet store: every host''s history (rows carry host_id)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;history;recidive'= {
            cand --since 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time'
            cand --until 'Only bans before: a duration (1d), a date, or an RFC 3339 time'
            cand -j 'Only this jail'
            cand --jail 'Only this jail'
            cand --ip 'Only this IP, or the IPs in this network'
            cand --country 'Only this country (ISO 3166 alpha-2, from the geo cache)'
            cand --origin 'Only bans of this origin'
            cand --host 'With --fleet: only this host''s rows'
            cand --min-bans 'Banned at least this many times in the window'
            cand --limit 'At most this many IPs'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --fleet 'Ask the fleet store: every host''s history (rows carry host_id)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;history;export'= {
            cand --since 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time'
            cand --until 'Only bans before: a duration (1d), a date, or an RFC 3339 time'
            cand -j 'Only this jail'
            cand --jail 'Only this jail'
            cand --ip 'Only this IP, or the IPs in this network'
            cand --country 'Only this country (ISO 3166 alpha-2, from the geo cache)'
            cand --origin 'Only bans of this origin'
            cand --host 'With --fleet: only this host''s rows'
            cand --format 'Output format'
            cand --order 'Time order'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --fleet 'Ask the fleet store: every host''s history (rows carry host_id)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;history;help'= {
            cand sync 'Copy new bans from fail2ban''s database into bangui''s history (read-only, incremental)'
            cand list 'Bans in a time window, newest first'
            cand stats 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin'
            cand recidive 'IPs banned at least N times in the window'
            cand export 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;history;help;sync'= {
        }
        &'bangui;history;help;list'= {
        }
        &'bangui;history;help;stats'= {
        }
        &'bangui;history;help;recidive'= {
        }
        &'bangui;history;help;export'= {
        }
        &'bangui;history;help;help'= {
        }
        &'bangui;geo'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lookup 'Country, city and AS number of IP addresses (from local files only)'
            cand refresh 'Resolve history IPs missing from the cache or answered by an older database build'
            cand cleanup 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention'
            cand status 'Database files, types, build dates, and the cache''s size and gaps'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;geo;lookup'= {
            cand --mmdb 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;geo;refresh'= {
            cand --mmdb 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;geo;cleanup'= {
            cand --mmdb 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;geo;status'= {
            cand --mmdb 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;geo;help'= {
            cand lookup 'Country, city and AS number of IP addresses (from local files only)'
            cand refresh 'Resolve history IPs missing from the cache or answered by an older database build'
            cand cleanup 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention'
            cand status 'Database files, types, build dates, and the cache''s size and gaps'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;geo;help;lookup'= {
        }
        &'bangui;geo;help;refresh'= {
        }
        &'bangui;geo;help;cleanup'= {
        }
        &'bangui;geo;help;status'= {
        }
        &'bangui;geo;help;help'= {
        }
        &'bangui;config'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Every effective value and where it came from'
            cand check 'Validate the configuration and exit 0, or 78 naming the problem'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;config;show'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;config;check'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;config;help'= {
            cand show 'Every effective value and where it came from'
            cand check 'Validate the configuration and exit 0, or 78 naming the problem'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;config;help;show'= {
        }
        &'bangui;config;help;check'= {
        }
        &'bangui;config;help;help'= {
        }
        &'bangui;db'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand migrate 'Apply pending migrations (a backup is taken first)'
            cand status 'Schema version, applied and pending migrations'
            cand check 'integrity_check and foreign_key_check (exit 74 on corruption)'
            cand checkpoint 'Checkpoint and truncate the write-ahead log'
            cand backup 'Copy the database to PATH with SQLite''s online backup API'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;db;migrate'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;db;status'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;db;check'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;db;checkpoint'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;db;backup'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --force 'Replace PATH when it exists (refused otherwise)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;db;help'= {
            cand migrate 'Apply pending migrations (a backup is taken first)'
            cand status 'Schema version, applied and pending migrations'
            cand check 'integrity_check and foreign_key_check (exit 74 on corruption)'
            cand checkpoint 'Checkpoint and truncate the write-ahead log'
            cand backup 'Copy the database to PATH with SQLite''s online backup API'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;db;help;migrate'= {
        }
        &'bangui;db;help;status'= {
        }
        &'bangui;db;help;check'= {
        }
        &'bangui;db;help;checkpoint'= {
        }
        &'bangui;db;help;backup'= {
        }
        &'bangui;db;help;help'= {
        }
        &'bangui;health'= {
            cand --check 'Run only this check'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --nagios 'Print one Nagios/Icinga plugin line; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;serve-health'= {
            cand --listen 'Address to listen on [default: health.listen, 127.0.0.1:9191]'
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --allow-remote 'Allow a non-loopback address (the endpoints have no authentication)'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;fleet'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)'
            cand status 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds'
            cand push 'Publish the outbox and this host''s new history rows now (the fleet-push job)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;fleet;init'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;fleet;status'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;fleet;push'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;fleet;help'= {
            cand init 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)'
            cand status 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds'
            cand push 'Publish the outbox and this host''s new history rows now (the fleet-push job)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;fleet;help;init'= {
        }
        &'bangui;fleet;help;status'= {
        }
        &'bangui;fleet;help;push'= {
        }
        &'bangui;fleet;help;help'= {
        }
        &'bangui;completions'= {
            cand --config 'Configuration file [default: /etc/bangui/bangui.toml]'
            cand --db 'bangui''s database file'
            cand --socket 'fail2ban''s control socket'
            cand --fail2ban-config-dir 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]'
            cand -o 'Output format [default: table on a terminal, plain otherwise]'
            cand --output 'Output format [default: table on a terminal, plain otherwise]'
            cand --log-format 'Log format on stderr'
            cand --color 'Colour on stderr'
            cand --json 'Short for --output json'
            cand -q 'Only errors on stderr; no progress bars'
            cand --quiet 'Only errors on stderr; no progress bars'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bangui;help'= {
            cand status 'Server version, jails with their counts, and bangui''s database state'
            cand ban 'Ban IPs or CIDRs in a jail (validated, batched, safety-checked)'
            cand unban 'Unban IPs from one jail or from every jail'
            cand banned 'List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)'
            cand explain 'Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)'
            cand top 'A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)'
            cand verify 'Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)'
            cand jail 'Live jail state and settings'
            cand blocklist 'IP blocklists: sources, imports into a jail, the import log'
            cand filter 'fail2ban''s filters: list, show resolved, test against a log'
            cand action 'fail2ban''s actions: list, show resolved'
            cand config-backups 'Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable'
            cand audit 'The audit trail of state-changing commands'
            cand jobs 'Scheduled work under the scheduler lock (exit 75 while another run holds it)'
            cand history 'Ban history copied from fail2ban''s database: sync, list, stats, export'
            cand geo 'Country, city and AS number from local MaxMind-format databases'
            cand config 'Show or check the effective configuration'
            cand db 'bangui''s own database: migrations, checks, backups'
            cand health 'One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable'
            cand serve-health 'Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP'
            cand fleet 'The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bangui;help;status'= {
        }
        &'bangui;help;ban'= {
        }
        &'bangui;help;unban'= {
        }
        &'bangui;help;banned'= {
        }
        &'bangui;help;explain'= {
        }
        &'bangui;help;top'= {
        }
        &'bangui;help;verify'= {
        }
        &'bangui;help;jail'= {
            cand list 'Every jail with backend, failed and banned counts, and idle state'
            cand show 'Every runtime setting of a jail'
            cand get 'One runtime setting'
            cand set 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local'
            cand enable 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)'
            cand disable 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)'
            cand idle 'Switch a jail''s idle mode'
            cand stop 'Stop a jail (bans stay in fail2ban''s database)'
            cand start 'Start a stopped jail from fail2ban''s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)'
            cand restart 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)'
            cand reload 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)'
        }
        &'bangui;help;jail;list'= {
        }
        &'bangui;help;jail;show'= {
        }
        &'bangui;help;jail;get'= {
        }
        &'bangui;help;jail;set'= {
        }
        &'bangui;help;jail;enable'= {
        }
        &'bangui;help;jail;disable'= {
        }
        &'bangui;help;jail;idle'= {
        }
        &'bangui;help;jail;stop'= {
        }
        &'bangui;help;jail;start'= {
        }
        &'bangui;help;jail;restart'= {
        }
        &'bangui;help;jail;reload'= {
        }
        &'bangui;help;blocklist'= {
            cand source 'Add, list, show, enable, disable or remove sources'
            cand import 'Fetch sources and apply only the difference to their jails'
            cand log 'Recorded imports, newest first'
            cand status 'Per source: last success and failure, entries, age, staleness'
            cand restore 'Rebuild bangui''s nftables table (inet bangui) from the database, exactly as last applied'
        }
        &'bangui;help;blocklist;source'= {
            cand add 'Add a source (fetches nothing; the first import is never rate-limited)'
            cand list 'Every source, from the database and the config file'
            cand show 'One source''s settings and state'
            cand enable 'Include a source in `import --all` and the scheduled job'
            cand disable 'Leave a source out of `import --all` and the scheduled job (its bans stay)'
            cand rm 'Remove a source and unban what it added (not what another source still lists)'
        }
        &'bangui;help;blocklist;source;add'= {
        }
        &'bangui;help;blocklist;source;list'= {
        }
        &'bangui;help;blocklist;source;show'= {
        }
        &'bangui;help;blocklist;source;enable'= {
        }
        &'bangui;help;blocklist;source;disable'= {
        }
        &'bangui;help;blocklist;source;rm'= {
        }
        &'bangui;help;blocklist;import'= {
        }
        &'bangui;help;blocklist;log'= {
        }
        &'bangui;help;blocklist;status'= {
        }
        &'bangui;help;blocklist;restore'= {
        }
        &'bangui;help;filter'= {
            cand list 'Every filter in filter.d, its files, and the jails that use it'
            cand show 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from'
            cand test 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex'
        }
        &'bangui;help;filter;list'= {
        }
        &'bangui;help;filter;show'= {
        }
        &'bangui;help;filter;test'= {
        }
        &'bangui;help;action'= {
            cand list 'Every action in action.d and the jails that use it'
            cand show 'An action resolved: its commands and [Init] parameters, with where each came from'
        }
        &'bangui;help;action;list'= {
        }
        &'bangui;help;action;show'= {
        }
        &'bangui;help;config-backups'= {
            cand list 'Saved versions of jail.d/zz-bangui.local, oldest first'
            cand restore 'Put a saved version back: validated, applied with a full reload, rolled back on failure'
        }
        &'bangui;help;config-backups;list'= {
        }
        &'bangui;help;config-backups;restore'= {
        }
        &'bangui;help;audit'= {
            cand list 'Recent state changes, newest first'
        }
        &'bangui;help;audit;list'= {
        }
        &'bangui;help;jobs'= {
            cand list 'Every job with its interval, last run, last status and next due time'
            cand run 'Run one job now, due or not, under the scheduler lock'
            cand run-due 'Run every due job in order under the scheduler lock (what the timer calls every minute)'
            cand status 'The lock holder if any, its heartbeat age, and recent runs'
            cand history 'Past runs, newest first'
            cand unlock 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)'
        }
        &'bangui;help;jobs;list'= {
        }
        &'bangui;help;jobs;run'= {
        }
        &'bangui;help;jobs;run-due'= {
        }
        &'bangui;help;jobs;status'= {
        }
        &'bangui;help;jobs;history'= {
        }
        &'bangui;help;jobs;unlock'= {
        }
        &'bangui;help;history'= {
            cand sync 'Copy new bans from fail2ban''s database into bangui''s history (read-only, incremental)'
            cand list 'Bans in a time window, newest first'
            cand stats 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin'
            cand recidive 'IPs banned at least N times in the window'
            cand export 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)'
        }
        &'bangui;help;history;sync'= {
        }
        &'bangui;help;history;list'= {
        }
        &'bangui;help;history;stats'= {
        }
        &'bangui;help;history;recidive'= {
        }
        &'bangui;help;history;export'= {
        }
        &'bangui;help;geo'= {
            cand lookup 'Country, city and AS number of IP addresses (from local files only)'
            cand refresh 'Resolve history IPs missing from the cache or answered by an older database build'
            cand cleanup 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention'
            cand status 'Database files, types, build dates, and the cache''s size and gaps'
        }
        &'bangui;help;geo;lookup'= {
        }
        &'bangui;help;geo;refresh'= {
        }
        &'bangui;help;geo;cleanup'= {
        }
        &'bangui;help;geo;status'= {
        }
        &'bangui;help;config'= {
            cand show 'Every effective value and where it came from'
            cand check 'Validate the configuration and exit 0, or 78 naming the problem'
        }
        &'bangui;help;config;show'= {
        }
        &'bangui;help;config;check'= {
        }
        &'bangui;help;db'= {
            cand migrate 'Apply pending migrations (a backup is taken first)'
            cand status 'Schema version, applied and pending migrations'
            cand check 'integrity_check and foreign_key_check (exit 74 on corruption)'
            cand checkpoint 'Checkpoint and truncate the write-ahead log'
            cand backup 'Copy the database to PATH with SQLite''s online backup API'
        }
        &'bangui;help;db;migrate'= {
        }
        &'bangui;help;db;status'= {
        }
        &'bangui;help;db;check'= {
        }
        &'bangui;help;db;checkpoint'= {
        }
        &'bangui;help;db;backup'= {
        }
        &'bangui;help;health'= {
        }
        &'bangui;help;serve-health'= {
        }
        &'bangui;help;fleet'= {
            cand init 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)'
            cand status 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds'
            cand push 'Publish the outbox and this host''s new history rows now (the fleet-push job)'
        }
        &'bangui;help;fleet;init'= {
        }
        &'bangui;help;fleet;status'= {
        }
        &'bangui;help;fleet;push'= {
        }
        &'bangui;help;completions'= {
        }
        &'bangui;help;help'= {
        }
    ]
    $completions[$command]
}
