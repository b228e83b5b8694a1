
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'bangui' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'bangui'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'bangui' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Server version, jails with their counts, and bangui''s database state')
            [CompletionResult]::new('ban', 'ban', [CompletionResultType]::ParameterValue, 'Ban IPs or CIDRs in a jail (validated, batched, safety-checked)')
            [CompletionResult]::new('unban', 'unban', [CompletionResultType]::ParameterValue, 'Unban IPs from one jail or from every jail')
            [CompletionResult]::new('banned', 'banned', [CompletionResultType]::ParameterValue, 'List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)')
            [CompletionResult]::new('jail', 'jail', [CompletionResultType]::ParameterValue, 'Live jail state and settings')
            [CompletionResult]::new('blocklist', 'blocklist', [CompletionResultType]::ParameterValue, 'IP blocklists: sources, imports into a jail, the import log')
            [CompletionResult]::new('filter', 'filter', [CompletionResultType]::ParameterValue, 'fail2ban''s filters: list, show resolved, test against a log')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'fail2ban''s actions: list, show resolved')
            [CompletionResult]::new('config-backups', 'config-backups', [CompletionResultType]::ParameterValue, 'Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit trail of state-changing commands')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Scheduled work under the scheduler lock (exit 75 while another run holds it)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Ban history copied from fail2ban''s database: sync, list, stats, export')
            [CompletionResult]::new('geo', 'geo', [CompletionResultType]::ParameterValue, 'Country, city and AS number from local MaxMind-format databases')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or check the effective configuration')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'bangui''s own database: migrations, checks, backups')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable')
            [CompletionResult]::new('serve-health', 'serve-health', [CompletionResultType]::ParameterValue, 'Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP')
            [CompletionResult]::new('fleet', 'fleet', [CompletionResultType]::ParameterValue, 'The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;ban' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'The jail to ban in')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'The jail to ban in')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read items from a file, one per line (`-` for stdin; `#` comments allowed)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Unban after this long (bangui''s own expiry, enforced by the expire-bans job)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Unban at this time (RFC 3339 or a date; enforced by the expire-bans job)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, stored with the shared decision')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow private, reserved, this host''s and the SSH client''s addresses, networks the jail''s firewall cannot hold (cidr_not_enforceable), and an expiry beyond the jail''s bantime')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'Also publish the bans to the fleet (queued locally while the store is unreachable)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;unban' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only this jail [default: every jail]')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only this jail [default: every jail]')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Select bans of this origin')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Select bans from this blocklist source (or by this actor, for manual bans)')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Select bans of IPs in this country (ISO 3166 alpha-2, from the geo cache)')
            [CompletionResult]::new('--asn', '--asn', [CompletionResultType]::ParameterName, 'Select bans of IPs in this autonomous system (from the geo cache)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Select every ban inside this network')
            [CompletionResult]::new('--banned-before', '--banned-before', [CompletionResultType]::ParameterName, 'Select bans that began before: a duration ago (7d), a date, or an RFC 3339 time')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'With selectors: above this many bans, ask (terminal) or require --yes')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read items from a file, one per line (`-` for stdin)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--all-jails', '--all-jails', [CompletionResultType]::ParameterName, 'With selectors: look in every jail')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With selectors: remove more than --max bans without a terminal')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Unban everything in --jail')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'Also revoke the fleet''s shared decisions for these networks (in --jail''s class, or all)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;banned' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--exact', '--exact', [CompletionResultType]::ParameterName, 'Only an exact ban entry counts (an IP inside a banned network is "no")')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;explain' {
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'At most this many log lines per IP')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;top' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between refreshes')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;verify' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only these jails [default: every jail]')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only these jails [default: every jail]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also fail (exit 1) when an action cannot be inspected')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Put missing bans back through fail2ban (strays are left alone)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --repair: show what would be repaired and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every jail with backend, failed and banned counts, and idle state')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every runtime setting of a jail')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One runtime setting')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)')
            [CompletionResult]::new('idle', 'idle', [CompletionResultType]::ParameterValue, 'Switch a jail''s idle mode')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a jail (bans stay in fail2ban''s database)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a stopped jail from fail2ban''s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;jail;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;get' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--persist', '--persist', [CompletionResultType]::ParameterName, 'Write the setting to jail.d/zz-bangui.local and reload the jail')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change (with --persist: the diff) and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;enable' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the diff and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;disable' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the diff and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;idle' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'dry-run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;stop' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'dry-run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;start' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'dry-run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;restart' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--unban', '--unban', [CompletionResultType]::ParameterName, 'Also unban everything in the jail')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'dry-run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;reload' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'dry-run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jail;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every jail with backend, failed and banned counts, and idle state')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every runtime setting of a jail')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One runtime setting')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)')
            [CompletionResult]::new('idle', 'idle', [CompletionResultType]::ParameterValue, 'Switch a jail''s idle mode')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a jail (bans stay in fail2ban''s database)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a stopped jail from fail2ban''s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;jail;help;list' {
            break
        }
        'bangui;jail;help;show' {
            break
        }
        'bangui;jail;help;get' {
            break
        }
        'bangui;jail;help;set' {
            break
        }
        'bangui;jail;help;enable' {
            break
        }
        'bangui;jail;help;disable' {
            break
        }
        'bangui;jail;help;idle' {
            break
        }
        'bangui;jail;help;stop' {
            break
        }
        'bangui;jail;help;start' {
            break
        }
        'bangui;jail;help;restart' {
            break
        }
        'bangui;jail;help;reload' {
            break
        }
        'bangui;jail;help;help' {
            break
        }
        'bangui;blocklist' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Add, list, show, enable, disable or remove sources')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Fetch sources and apply only the difference to their jails')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Recorded imports, newest first')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per source: last success and failure, entries, age, staleness')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Rebuild bangui''s nftables table (inet bangui) from the database, exactly as last applied')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;blocklist;source' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a source (fetches nothing; the first import is never rate-limited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every source, from the database and the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One source''s settings and state')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Include a source in `import --all` and the scheduled job')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Leave a source out of `import --all` and the scheduled job (its bans stay)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a source and unban what it added (not what another source still lists)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;blocklist;source;add' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'The jail its entries are banned in (target jail, the default)')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'The jail its entries are banned in (target jail, the default)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where its entries go: a jail (through fail2ban) or nft (bangui''s own nftables table inet bangui)')
            [CompletionResult]::new('--hook', '--hook', [CompletionResultType]::ParameterName, 'nft target: the hook(s) its rules attach to')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'nft target: what its rules do with a listed source address')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'auto, plain, spamhaus-drop, spamhaus-json or csv:COLUMN')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the scheduled job imports it')
            [CompletionResult]::new('--min-interval', '--min-interval', [CompletionResultType]::ParameterName, 'Never fetch more often than this (0s disables the limit) [default: 1h, 0s for file://]')
            [CompletionResult]::new('--max-entries', '--max-entries', [CompletionResultType]::ParameterName, 'Abort an import that yields more networks than this')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Accept a plain-http URL')
            [CompletionResult]::new('--allow-file', '--allow-file', [CompletionResultType]::ParameterName, 'Accept a file:// URL')
            [CompletionResult]::new('--fleet-shared', '--fleet-shared', [CompletionResultType]::ParameterName, 'Fetch it once per interval for the whole fleet (one host fetches, all read the store)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;source;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;source;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;source;enable' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;source;disable' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;source;rm' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--keep-bans', '--keep-bans', [CompletionResultType]::ParameterName, 'Leave its bans in place')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;source;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a source (fetches nothing; the first import is never rate-limited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every source, from the database and the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One source''s settings and state')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Include a source in `import --all` and the scheduled job')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Leave a source out of `import --all` and the scheduled job (its bans stay)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a source and unban what it added (not what another source still lists)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;blocklist;source;help;add' {
            break
        }
        'bangui;blocklist;source;help;list' {
            break
        }
        'bangui;blocklist;source;help;show' {
            break
        }
        'bangui;blocklist;source;help;enable' {
            break
        }
        'bangui;blocklist;source;help;disable' {
            break
        }
        'bangui;blocklist;source;help;rm' {
            break
        }
        'bangui;blocklist;source;help;help' {
            break
        }
        'bangui;blocklist;import' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Import a local file (as source file-NAME) into --jail')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'The jail for --from-file')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'The jail for --from-file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every enabled source')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Fetch, parse and show the difference; change nothing')
            [CompletionResult]::new('--force-fetch', '--force-fetch', [CompletionResultType]::ParameterName, 'Skip the conditional GET and the minimum fetch interval')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Apply even when the invalid share or the shrink exceeds its threshold')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;log' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only this source')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many rows')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;restore' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;blocklist;help' {
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Add, list, show, enable, disable or remove sources')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Fetch sources and apply only the difference to their jails')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Recorded imports, newest first')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per source: last success and failure, entries, age, staleness')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Rebuild bangui''s nftables table (inet bangui) from the database, exactly as last applied')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;blocklist;help;source' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a source (fetches nothing; the first import is never rate-limited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every source, from the database and the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One source''s settings and state')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Include a source in `import --all` and the scheduled job')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Leave a source out of `import --all` and the scheduled job (its bans stay)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a source and unban what it added (not what another source still lists)')
            break
        }
        'bangui;blocklist;help;source;add' {
            break
        }
        'bangui;blocklist;help;source;list' {
            break
        }
        'bangui;blocklist;help;source;show' {
            break
        }
        'bangui;blocklist;help;source;enable' {
            break
        }
        'bangui;blocklist;help;source;disable' {
            break
        }
        'bangui;blocklist;help;source;rm' {
            break
        }
        'bangui;blocklist;help;import' {
            break
        }
        'bangui;blocklist;help;log' {
            break
        }
        'bangui;blocklist;help;status' {
            break
        }
        'bangui;blocklist;help;restore' {
            break
        }
        'bangui;blocklist;help;help' {
            break
        }
        'bangui;filter' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every filter in filter.d, its files, and the jails that use it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;filter;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;filter;show' {
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Shorthand for the `mode` parameter')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;filter;test' {
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Shorthand for the `mode` parameter')
            [CompletionResult]::new('--datepattern', '--datepattern', [CompletionResultType]::ParameterName, 'Use this datepattern instead of the filter''s')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Also list these lines (in JSON: `data.lines_shown` with host, user, time)')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'Which engine runs the test')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;filter;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every filter in filter.d, its files, and the jails that use it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;filter;help;list' {
            break
        }
        'bangui;filter;help;show' {
            break
        }
        'bangui;filter;help;test' {
            break
        }
        'bangui;filter;help;help' {
            break
        }
        'bangui;action' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every action in action.d and the jails that use it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'An action resolved: its commands and [Init] parameters, with where each came from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;action;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;action;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;action;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every action in action.d and the jails that use it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'An action resolved: its commands and [Init] parameters, with where each came from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;action;help;list' {
            break
        }
        'bangui;action;help;show' {
            break
        }
        'bangui;action;help;help' {
            break
        }
        'bangui;config-backups' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Saved versions of jail.d/zz-bangui.local, oldest first')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put a saved version back: validated, applied with a full reload, rolled back on failure')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;config-backups;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;config-backups;restore' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Required: restoring replaces the current file and reloads fail2ban')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the diff and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;config-backups;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Saved versions of jail.d/zz-bangui.local, oldest first')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put a saved version back: validated, applied with a full reload, rolled back on failure')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;config-backups;help;list' {
            break
        }
        'bangui;config-backups;help;restore' {
            break
        }
        'bangui;config-backups;help;help' {
            break
        }
        'bangui;audit' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recent state changes, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;audit;list' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only since: a duration (7d), a date, or an RFC 3339 time')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many rows')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;audit;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recent state changes, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;audit;help;list' {
            break
        }
        'bangui;audit;help;help' {
            break
        }
        'bangui;jobs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every job with its interval, last run, last status and next due time')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one job now, due or not, under the scheduler lock')
            [CompletionResult]::new('run-due', 'run-due', [CompletionResultType]::ParameterValue, 'Run every due job in order under the scheduler lock (what the timer calls every minute)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The lock holder if any, its heartbeat age, and recent runs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Past runs, newest first')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;jobs;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jobs;run' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jobs;run-due' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jobs;status' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Recent runs to show')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jobs;history' {
            [CompletionResult]::new('--job', '--job', [CompletionResultType]::ParameterName, 'Only this job (or run-due)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many runs')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jobs;unlock' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Required: removing a lock is an operator''s decision')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;jobs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every job with its interval, last run, last status and next due time')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one job now, due or not, under the scheduler lock')
            [CompletionResult]::new('run-due', 'run-due', [CompletionResultType]::ParameterValue, 'Run every due job in order under the scheduler lock (what the timer calls every minute)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The lock holder if any, its heartbeat age, and recent runs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Past runs, newest first')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;jobs;help;list' {
            break
        }
        'bangui;jobs;help;run' {
            break
        }
        'bangui;jobs;help;run-due' {
            break
        }
        'bangui;jobs;help;status' {
            break
        }
        'bangui;jobs;help;history' {
            break
        }
        'bangui;jobs;help;unlock' {
            break
        }
        'bangui;jobs;help;help' {
            break
        }
        'bangui;history' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Copy new bans from fail2ban''s database into bangui''s history (read-only, incremental)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Bans in a time window, newest first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin')
            [CompletionResult]::new('recidive', 'recidive', [CompletionResultType]::ParameterValue, 'IPs banned at least N times in the window')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;history;sync' {
            [CompletionResult]::new('--fail2ban-db', '--fail2ban-db', [CompletionResultType]::ParameterName, 'fail2ban''s database [default: config fail2ban.db_file]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Rows per read and per transaction')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;history;list' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only bans before: a duration (1d), a date, or an RFC 3339 time')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Only this IP, or the IPs in this network')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Only this country (ISO 3166 alpha-2, from the geo cache)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Only bans of this origin')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'With --fleet: only this host''s rows')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many rows')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Time order')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--fleet', '--fleet', [CompletionResultType]::ParameterName, 'Ask the fleet store: every host''s history (rows carry host_id)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;history;stats' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only bans before: a duration (1d), a date, or an RFC 3339 time')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Only this IP, or the IPs in this network')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Only this country (ISO 3166 alpha-2, from the geo cache)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Only bans of this origin')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'With --fleet: only this host''s rows')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Group by')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Show the N largest groups (day and hour show every bucket)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--fleet', '--fleet', [CompletionResultType]::ParameterName, 'Ask the fleet store: every host''s history (rows carry host_id)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;history;recidive' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only bans before: a duration (1d), a date, or an RFC 3339 time')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Only this IP, or the IPs in this network')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Only this country (ISO 3166 alpha-2, from the geo cache)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Only bans of this origin')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'With --fleet: only this host''s rows')
            [CompletionResult]::new('--min-bans', '--min-bans', [CompletionResultType]::ParameterName, 'Banned at least this many times in the window')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many IPs')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--fleet', '--fleet', [CompletionResultType]::ParameterName, 'Ask the fleet store: every host''s history (rows carry host_id)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;history;export' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only bans at or after: a duration (7d), a date, or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only bans before: a duration (1d), a date, or an RFC 3339 time')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--jail', '--jail', [CompletionResultType]::ParameterName, 'Only this jail')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Only this IP, or the IPs in this network')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Only this country (ISO 3166 alpha-2, from the geo cache)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Only bans of this origin')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'With --fleet: only this host''s rows')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Time order')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--fleet', '--fleet', [CompletionResultType]::ParameterName, 'Ask the fleet store: every host''s history (rows carry host_id)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;history;help' {
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Copy new bans from fail2ban''s database into bangui''s history (read-only, incremental)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Bans in a time window, newest first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin')
            [CompletionResult]::new('recidive', 'recidive', [CompletionResultType]::ParameterValue, 'IPs banned at least N times in the window')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;history;help;sync' {
            break
        }
        'bangui;history;help;list' {
            break
        }
        'bangui;history;help;stats' {
            break
        }
        'bangui;history;help;recidive' {
            break
        }
        'bangui;history;help;export' {
            break
        }
        'bangui;history;help;help' {
            break
        }
        'bangui;geo' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Country, city and AS number of IP addresses (from local files only)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Resolve history IPs missing from the cache or answered by an older database build')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Database files, types, build dates, and the cache''s size and gaps')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;geo;lookup' {
            [CompletionResult]::new('--mmdb', '--mmdb', [CompletionResultType]::ParameterName, 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;geo;refresh' {
            [CompletionResult]::new('--mmdb', '--mmdb', [CompletionResultType]::ParameterName, 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;geo;cleanup' {
            [CompletionResult]::new('--mmdb', '--mmdb', [CompletionResultType]::ParameterName, 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;geo;status' {
            [CompletionResult]::new('--mmdb', '--mmdb', [CompletionResultType]::ParameterName, 'Use this .mmdb instead of the configured ones (repeatable; the type is read from its metadata)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;geo;help' {
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Country, city and AS number of IP addresses (from local files only)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Resolve history IPs missing from the cache or answered by an older database build')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Database files, types, build dates, and the cache''s size and gaps')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;geo;help;lookup' {
            break
        }
        'bangui;geo;help;refresh' {
            break
        }
        'bangui;geo;help;cleanup' {
            break
        }
        'bangui;geo;help;status' {
            break
        }
        'bangui;geo;help;help' {
            break
        }
        'bangui;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every effective value and where it came from')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration and exit 0, or 78 naming the problem')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;config;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every effective value and where it came from')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration and exit 0, or 78 naming the problem')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;config;help;show' {
            break
        }
        'bangui;config;help;check' {
            break
        }
        'bangui;config;help;help' {
            break
        }
        'bangui;db' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending migrations (a backup is taken first)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Schema version, applied and pending migrations')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'integrity_check and foreign_key_check (exit 74 on corruption)')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Checkpoint and truncate the write-ahead log')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database to PATH with SQLite''s online backup API')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;db;migrate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;db;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;db;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;db;checkpoint' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;db;backup' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace PATH when it exists (refused otherwise)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;db;help' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending migrations (a backup is taken first)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Schema version, applied and pending migrations')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'integrity_check and foreign_key_check (exit 74 on corruption)')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Checkpoint and truncate the write-ahead log')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database to PATH with SQLite''s online backup API')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;db;help;migrate' {
            break
        }
        'bangui;db;help;status' {
            break
        }
        'bangui;db;help;check' {
            break
        }
        'bangui;db;help;checkpoint' {
            break
        }
        'bangui;db;help;backup' {
            break
        }
        'bangui;db;help;help' {
            break
        }
        'bangui;health' {
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Run only this check')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--nagios', '--nagios', [CompletionResultType]::ParameterName, 'Print one Nagios/Icinga plugin line; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;serve-health' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on [default: health.listen, 127.0.0.1:9191]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a non-loopback address (the endpoints have no authentication)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;fleet' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Publish the outbox and this host''s new history rows now (the fleet-push job)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;fleet;init' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;fleet;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;fleet;push' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;fleet;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Publish the outbox and this host''s new history rows now (the fleet-push job)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;fleet;help;init' {
            break
        }
        'bangui;fleet;help;status' {
            break
        }
        'bangui;fleet;help;push' {
            break
        }
        'bangui;fleet;help;help' {
            break
        }
        'bangui;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: /etc/bangui/bangui.toml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'bangui''s database file')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'fail2ban''s control socket')
            [CompletionResult]::new('--fail2ban-config-dir', '--fail2ban-config-dir', [CompletionResultType]::ParameterName, 'fail2ban''s configuration directory (fail2ban.config_dir) [default: /etc/fail2ban]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bangui;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Server version, jails with their counts, and bangui''s database state')
            [CompletionResult]::new('ban', 'ban', [CompletionResultType]::ParameterValue, 'Ban IPs or CIDRs in a jail (validated, batched, safety-checked)')
            [CompletionResult]::new('unban', 'unban', [CompletionResultType]::ParameterValue, 'Unban IPs from one jail or from every jail')
            [CompletionResult]::new('banned', 'banned', [CompletionResultType]::ParameterValue, 'List current bans, or ask whether IPs are banned, also inside a banned network (exit 1 when none is)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Why an IP is banned or not: bans, history, blocklists, geo, safety, log lines (exit 1 when no jail bans it)')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'A live view of jails, the newest bans, jobs and feeds (terminal only; q quits)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check that the kernel firewall holds every ban fail2ban reports (exit 1 when not)')
            [CompletionResult]::new('jail', 'jail', [CompletionResultType]::ParameterValue, 'Live jail state and settings')
            [CompletionResult]::new('blocklist', 'blocklist', [CompletionResultType]::ParameterValue, 'IP blocklists: sources, imports into a jail, the import log')
            [CompletionResult]::new('filter', 'filter', [CompletionResultType]::ParameterValue, 'fail2ban''s filters: list, show resolved, test against a log')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'fail2ban''s actions: list, show resolved')
            [CompletionResult]::new('config-backups', 'config-backups', [CompletionResultType]::ParameterValue, 'Previous versions of jail.d/zz-bangui.local kept by `--persist`, enable and disable')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit trail of state-changing commands')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Scheduled work under the scheduler lock (exit 75 while another run holds it)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Ban history copied from fail2ban''s database: sync, list, stats, export')
            [CompletionResult]::new('geo', 'geo', [CompletionResultType]::ParameterValue, 'Country, city and AS number from local MaxMind-format databases')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or check the effective configuration')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'bangui''s own database: migrations, checks, backups')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'One-shot health check: exit 0 healthy, 1 degraded, 69 fail2ban unreachable')
            [CompletionResult]::new('serve-health', 'serve-health', [CompletionResultType]::ParameterValue, 'Serve /api/v1/health, /api/v1/health/live, /api/v1/health/ready and /metrics over HTTP')
            [CompletionResult]::new('fleet', 'fleet', [CompletionResultType]::ParameterValue, 'The fleet: one PostgreSQL shared by many hosts (shared bans, one history, feeds fetched once)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bangui;help;status' {
            break
        }
        'bangui;help;ban' {
            break
        }
        'bangui;help;unban' {
            break
        }
        'bangui;help;banned' {
            break
        }
        'bangui;help;explain' {
            break
        }
        'bangui;help;top' {
            break
        }
        'bangui;help;verify' {
            break
        }
        'bangui;help;jail' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every jail with backend, failed and banned counts, and idle state')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every runtime setting of a jail')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One runtime setting')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one runtime setting; with --persist, write it to jail.d/zz-bangui.local')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a jail in jail.d/zz-bangui.local and start it (validated, rolled back on failure)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a jail in jail.d/zz-bangui.local and stop it (validated, rolled back on failure)')
            [CompletionResult]::new('idle', 'idle', [CompletionResultType]::ParameterValue, 'Switch a jail''s idle mode')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a jail (bans stay in fail2ban''s database)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a stopped jail from fail2ban''s configuration (delegates to `fail2ban-client reload`, which also starts every other enabled jail and removes jails that were only added at runtime)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a jail, or every jail (delegates to `fail2ban-client reload --restart`)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Reload a jail, or every jail, from the configuration (delegates to `fail2ban-client reload`; reloading all removes runtime-only jails)')
            break
        }
        'bangui;help;jail;list' {
            break
        }
        'bangui;help;jail;show' {
            break
        }
        'bangui;help;jail;get' {
            break
        }
        'bangui;help;jail;set' {
            break
        }
        'bangui;help;jail;enable' {
            break
        }
        'bangui;help;jail;disable' {
            break
        }
        'bangui;help;jail;idle' {
            break
        }
        'bangui;help;jail;stop' {
            break
        }
        'bangui;help;jail;start' {
            break
        }
        'bangui;help;jail;restart' {
            break
        }
        'bangui;help;jail;reload' {
            break
        }
        'bangui;help;blocklist' {
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Add, list, show, enable, disable or remove sources')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Fetch sources and apply only the difference to their jails')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Recorded imports, newest first')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per source: last success and failure, entries, age, staleness')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Rebuild bangui''s nftables table (inet bangui) from the database, exactly as last applied')
            break
        }
        'bangui;help;blocklist;source' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a source (fetches nothing; the first import is never rate-limited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every source, from the database and the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One source''s settings and state')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Include a source in `import --all` and the scheduled job')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Leave a source out of `import --all` and the scheduled job (its bans stay)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a source and unban what it added (not what another source still lists)')
            break
        }
        'bangui;help;blocklist;source;add' {
            break
        }
        'bangui;help;blocklist;source;list' {
            break
        }
        'bangui;help;blocklist;source;show' {
            break
        }
        'bangui;help;blocklist;source;enable' {
            break
        }
        'bangui;help;blocklist;source;disable' {
            break
        }
        'bangui;help;blocklist;source;rm' {
            break
        }
        'bangui;help;blocklist;import' {
            break
        }
        'bangui;help;blocklist;log' {
            break
        }
        'bangui;help;blocklist;status' {
            break
        }
        'bangui;help;blocklist;restore' {
            break
        }
        'bangui;help;filter' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every filter in filter.d, its files, and the jails that use it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A filter resolved (includes, .local overrides, interpolation, tags), with the file each value came from')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run a filter over a log and count matched, ignored and missed lines, like fail2ban-regex')
            break
        }
        'bangui;help;filter;list' {
            break
        }
        'bangui;help;filter;show' {
            break
        }
        'bangui;help;filter;test' {
            break
        }
        'bangui;help;action' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every action in action.d and the jails that use it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'An action resolved: its commands and [Init] parameters, with where each came from')
            break
        }
        'bangui;help;action;list' {
            break
        }
        'bangui;help;action;show' {
            break
        }
        'bangui;help;config-backups' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Saved versions of jail.d/zz-bangui.local, oldest first')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put a saved version back: validated, applied with a full reload, rolled back on failure')
            break
        }
        'bangui;help;config-backups;list' {
            break
        }
        'bangui;help;config-backups;restore' {
            break
        }
        'bangui;help;audit' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recent state changes, newest first')
            break
        }
        'bangui;help;audit;list' {
            break
        }
        'bangui;help;jobs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every job with its interval, last run, last status and next due time')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one job now, due or not, under the scheduler lock')
            [CompletionResult]::new('run-due', 'run-due', [CompletionResultType]::ParameterValue, 'Run every due job in order under the scheduler lock (what the timer calls every minute)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The lock holder if any, its heartbeat age, and recent runs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Past runs, newest first')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Remove a scheduler lock left by a dead run (refused while its pid is alive on this host)')
            break
        }
        'bangui;help;jobs;list' {
            break
        }
        'bangui;help;jobs;run' {
            break
        }
        'bangui;help;jobs;run-due' {
            break
        }
        'bangui;help;jobs;status' {
            break
        }
        'bangui;help;jobs;history' {
            break
        }
        'bangui;help;jobs;unlock' {
            break
        }
        'bangui;help;history' {
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Copy new bans from fail2ban''s database into bangui''s history (read-only, incremental)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Bans in a time window, newest first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts grouped by jail, country, ASN, IP, day, hour of day or origin')
            [CompletionResult]::new('recidive', 'recidive', [CompletionResultType]::ParameterValue, 'IPs banned at least N times in the window')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream every matching row as NDJSON or CSV to stdout (no default window or limit)')
            break
        }
        'bangui;help;history;sync' {
            break
        }
        'bangui;help;history;list' {
            break
        }
        'bangui;help;history;stats' {
            break
        }
        'bangui;help;history;recidive' {
            break
        }
        'bangui;help;history;export' {
            break
        }
        'bangui;help;geo' {
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Country, city and AS number of IP addresses (from local files only)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Resolve history IPs missing from the cache or answered by an older database build')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Drop cache entries of IPs no longer in the history and older than geo.cache_retention')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Database files, types, build dates, and the cache''s size and gaps')
            break
        }
        'bangui;help;geo;lookup' {
            break
        }
        'bangui;help;geo;refresh' {
            break
        }
        'bangui;help;geo;cleanup' {
            break
        }
        'bangui;help;geo;status' {
            break
        }
        'bangui;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every effective value and where it came from')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration and exit 0, or 78 naming the problem')
            break
        }
        'bangui;help;config;show' {
            break
        }
        'bangui;help;config;check' {
            break
        }
        'bangui;help;db' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending migrations (a backup is taken first)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Schema version, applied and pending migrations')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'integrity_check and foreign_key_check (exit 74 on corruption)')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Checkpoint and truncate the write-ahead log')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database to PATH with SQLite''s online backup API')
            break
        }
        'bangui;help;db;migrate' {
            break
        }
        'bangui;help;db;status' {
            break
        }
        'bangui;help;db;check' {
            break
        }
        'bangui;help;db;checkpoint' {
            break
        }
        'bangui;help;db;backup' {
            break
        }
        'bangui;help;health' {
            break
        }
        'bangui;help;serve-health' {
            break
        }
        'bangui;help;fleet' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create or migrate the fleet schema in PostgreSQL (idempotent; refuses a newer schema)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Hosts (version, last seen, last push, pending outbox, lag), decisions and shared feeds')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Publish the outbox and this host''s new history rows now (the fleet-push job)')
            break
        }
        'bangui;help;fleet;init' {
            break
        }
        'bangui;help;fleet;status' {
            break
        }
        'bangui;help;fleet;push' {
            break
        }
        'bangui;help;completions' {
            break
        }
        'bangui;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
