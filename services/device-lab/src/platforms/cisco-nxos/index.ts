import { timeOfDayMillis, dayName, monthName } from '../../formats/clock.js';
import { command, configure, CONFIG, end, exit, EXEC, show, showInventory, showRunningConfig, showVersion, terminalLength, accept } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { nxosIdentityFor } from './identity.js';
import { defaultNxosRunningConfig, nxosRunningConfig, printNxosRunningConfig } from './running-config.js';
import { NXOS_COPYRIGHT, renderNxosInventory, renderNxosShowVersion } from './show-version.js';

const clock = (now: Date): string =>
  `${timeOfDayMillis(now)} UTC ${dayName(now)} ${monthName(now)} ${now.getUTCDate()} ${now.getUTCFullYear()}\nTime source is NTP\n`;

/** Cisco NX-OS 9.3/10.x on Nexus 9000: no enable step, a less-style pager in reverse video. */
export const ciscoNxos: PlatformProfile = {
  id: 'cisco_nxos',
  sshIdent: 'OpenSSH_8.3',
  prompts: { user: '{hostname}#', privileged: '{hostname}#', config: '{hostname}(config)#' },
  pager: { prompt: '\x1b[7m--More--\x1b[27m', erase: 'clear-line' },
  commands: [
    command('show running-config', showRunningConfig),
    command('show version', showVersion),
    command('show inventory', showInventory),
    command('show clock', show((_, now) => clock(now))),
    command('terminal length <0-511>', terminalLength),
    command('terminal width <24-511>', accept),
    command('configure terminal', configure),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('end', end, CONFIG),
  ],
  abbreviations: true,
  errors: {
    unknown: "{caret}\n% Invalid command at '^' marker.\n",
    invalid: "{caret}\n% Invalid command at '^' marker.\n",
    incomplete: "{caret}\n% Incomplete command at '^' marker.\n",
    ambiguous: "{caret}\n% Ambiguous command at '^' marker.\n",
  },
  configBanner: 'Enter configuration commands, one per line. End with CNTL/Z.',
  runningConfig: nxosRunningConfig,
  loginBanner: () => `${NXOS_COPYRIGHT.join('\n')}\n`,
  createBox: (index, now) => {
    const identity = nxosIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultNxosRunningConfig(input, identity),
      renderRunningConfig: printNxosRunningConfig,
      showVersion: (hostname, at) => renderNxosShowVersion(hostname, identity, at),
      showInventory: () => renderNxosInventory(identity),
    };
  },
};
