import { formatCtime } from '../../formats/clock.js';
import { command, CONFIG, configure, EXEC, exit, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { defaultJunosConfiguration, junosConfiguration, printJunosConfiguration } from './configuration.js';
import { junosIdentityFor, renderJunosChassisHardware, renderJunosShowVersion } from './identity.js';

const HOUR_MS = 3_600_000;

/**
 * Juniper Junos 21/22 on MX routers: `user@host> `, a blank line after every output, `---(more)---`
 * wiped with a return and 40 blanks, `set cli screen-length 0` answered with a confirmation.
 */
export const juniperJunos: PlatformProfile = {
  id: 'juniper_junos',
  sshIdent: 'OpenSSH_8.6',
  prompts: { user: '{username}@{hostname}> ', privileged: '{username}@{hostname}> ', config: '{username}@{hostname}# ' },
  pager: { prompt: '---(more)---', erase: { literal: `\r${' '.repeat(40)}\r` } },
  commands: [
    command('show configuration', showRunningConfig),
    command('show configuration | display omit', showRunningConfig),
    command('show version', showVersion),
    command('show chassis hardware', showInventory),
    command('set cli screen-length <0-100000>', { kind: 'terminal-length', reply: 'Screen length set to {value}\n\n' }),
    command('set cli screen-width <0-1024>', { kind: 'accept', reply: 'Screen width set to {value}\n\n' }),
    command('configure', configure),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('quit', exit, [...EXEC, ...CONFIG]),
  ],
  abbreviations: true,
  errors: {
    unknown: '{caret}\nunknown command.\n\n',
    invalid: '{caret}\nsyntax error, expecting <command>.\n\n',
    incomplete: '{caret}\nsyntax error, expecting <command>.\n\n',
    ambiguous: '{caret}\nsyntax error.\n\n',
  },
  configBanner: 'Entering configuration mode\n\n[edit]',
  runningConfig: junosConfiguration,
  loginBanner: (device, now) => {
    const version = device.box.identity.osVersion;
    return `Last login: ${formatCtime(new Date(now.getTime() - HOUR_MS))} from 10.10.1.5\n--- JUNOS ${version} built 2022-11-03 09:25:48 UTC\n`;
  },
  createBox: (index, now) => {
    const identity = junosIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultJunosConfiguration(input, identity),
      renderRunningConfig: printJunosConfiguration,
      showVersion: (hostname) => renderJunosShowVersion(hostname, identity),
      showInventory: () => renderJunosChassisHardware(identity),
    };
  },
};
