import { ValidationError } from '../shared/errors.js';
import { quoted } from '../shared/validation.js';

/** Commands one COMMAND job may run on each device, and the longest one. */
export const COMMAND_LIMITS = { commandsPerJob: 20, commandLength: 256 } as const;

/**
 * Read-only command verbs per platform family. Only commands that display state are allowed: `show` on
 * Cisco-like CLIs and Junos, `display` on Huawei/H3C, `get`/`show` on FortiOS (its `show` prints
 * configuration without entering it), `print`/`export` menus on RouterOS. Everything else (configure,
 * copy, write, reload, request, set, delete, execute, ...) is refused before a job exists.
 */
const READ_ONLY_VERBS: ReadonlyArray<{ readonly platforms: RegExp; readonly allowed: RegExp; readonly describe: string }> = [
  { platforms: /^huawei_|^h3c_/, allowed: /^dis(play)?\s+\S/i, describe: 'display …' },
  { platforms: /^fortinet_/, allowed: /^(get|show)(\s+\S|$)/i, describe: 'get … or show …' },
  { platforms: /^mikrotik_/, allowed: /^\/[\w /-]*\b(print|export)(\s|$)/i, describe: '/… print or /… export' },
  { platforms: /^linux$/, allowed: /^(uname|uptime|hostname|ip (-\w+ )*(addr|link|route)( show)?|cat \/etc\/(hostname|os-release|hosts|network\/interfaces)|cat \/proc\/(version|uptime|loadavg|meminfo|cpuinfo))(\s|$)/, describe: 'uname, uptime, hostname, ip addr|link|route, cat of /etc/hostname, os-release, hosts, network/interfaces or /proc/version, uptime, loadavg, meminfo, cpuinfo' },
  // Cisco IOS/IOS XE/NX-OS/IOS XR/ASA, Arista, Junos, HP, Aruba, Dell, PAN-OS: `show …`.
  { platforms: /./, allowed: /^sh(ow)?\s+\S/i, describe: 'show …' },
];

/**
 * Anything that writes even behind a read-only verb: output redirection to a file (`| redirect`, `| save`,
 * `| tee`, `| append`, `> file`), a second command chained in (`;`, `&&`, backticks, `$(`), line breaks.
 */
const WRITES = /\|\s*(redirect|save|tee|append|copy|request|commit|exec)\b|[;`\r\n]|&&|\$\(|>/i;

/** The verbs a platform allows, for error messages. */
export function readOnlyCommandsOf(platform: string): string {
  return (READ_ONLY_VERBS.find((rule) => rule.platforms.test(platform)) ?? { describe: 'show …' }).describe;
}

/** Why `command` may not run on `platform`, or undefined when it is a read-only command there. */
export function commandRefusal(command: string, platform: string): string | undefined {
  const text = command.trim();
  const rule = READ_ONLY_VERBS.find((each) => each.platforms.test(platform));
  if (WRITES.test(text)) return `${quoted(text)} could change the device or write a file (redirects, chained commands and line breaks are refused)`;
  if (!rule || !rule.allowed.test(text)) return `${quoted(text)} is not a read-only command on ${platform} (allowed: ${readOnlyCommandsOf(platform)})`;
  return undefined;
}

/** The command list of a COMMAND job in canonical form: 1–20 commands of at most 256 characters. */
export function validateCommandList(commands: readonly string[] | undefined): string[] {
  if (!Array.isArray(commands) || commands.length === 0) throw new ValidationError('a COMMAND job needs at least one command', 'commands');
  if (commands.length > COMMAND_LIMITS.commandsPerJob) throw new ValidationError(`at most ${COMMAND_LIMITS.commandsPerJob} commands per job`, 'commands');
  return commands.map((command) => {
    if (typeof command !== 'string' || command.trim() === '') throw new ValidationError('a command must not be empty', 'commands');
    if (command.length > COMMAND_LIMITS.commandLength) throw new ValidationError(`a command must be at most ${COMMAND_LIMITS.commandLength} characters`, 'commands');
    if (WRITES.test(command)) throw new ValidationError(`${quoted(command.trim())} could change the device or write a file`, 'commands');
    return command.trim();
  });
}

/** Refuses (BAD_USER_INPUT on `commands`) any command that is not read-only on one of the platforms. */
export function requireReadOnlyCommands(commands: readonly string[], platforms: Iterable<string>): void {
  for (const platform of platforms) {
    for (const command of commands) {
      const refusal = commandRefusal(command, platform);
      if (refusal) throw new ValidationError(refusal, 'commands');
    }
  }
}
