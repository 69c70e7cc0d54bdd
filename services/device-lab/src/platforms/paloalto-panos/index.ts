import { formatCtime } from '../../formats/clock.js';
import { command, CONFIG, configure, EXEC, exit, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { panOsIdentityFor, renderSystemInfo } from './identity.js';
import { defaultPanOsRunningConfig, panOsRunningConfig, printPanOsRunningConfig } from './running-config.js';

const HOUR_MS = 3_600_000;

/** Palo Alto PAN-OS 10.2/11.0 (PA-VM, PA-440): `user@host> `, `set cli pager off`, output paged by `less`. */
export const paloAltoPanOs: PlatformProfile = {
  id: 'paloalto_panos',
  sshIdent: 'OpenSSH_8.0',
  prompts: { user: '{username}@{hostname}> ', privileged: '{username}@{hostname}> ', config: '{username}@{hostname}# ' },
  pager: { prompt: 'lines {first}-{last} ', erase: 'clear-line' },
  commands: [
    command('show config running', showRunningConfig),
    command('show system info', showVersion),
    command('set cli pager off', { kind: 'terminal-length', lines: 0 }),
    command('set cli pager on', { kind: 'terminal-length', lines: 24 }),
    command('set cli scripting-mode on', { kind: 'accept' }),
    command('configure', configure),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('quit', exit, [...EXEC, ...CONFIG]),
  ],
  abbreviations: false,
  errors: {
    unknown: '\nUnknown command: {word}\n',
    invalid: '\nUnknown command: {word}\n',
    incomplete: '\nInvalid syntax.\n',
    ambiguous: '\nInvalid syntax.\n',
  },
  configBanner: 'Entering configuration mode\n[edit]',
  runningConfig: panOsRunningConfig,
  loginBanner: (_, now) =>
    `Last login: ${formatCtime(new Date(now.getTime() - HOUR_MS))} from 10.10.1.5\n\nNumber of failed attempts since last successful login: 0\n\n\n`,
  createBox: (index, now) => {
    const identity = panOsIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: defaultPanOsRunningConfig,
      renderRunningConfig: printPanOsRunningConfig,
      showVersion: (hostname, at) => renderSystemInfo(hostname, identity, at),
      showInventory: () => renderSystemInfo('', identity, identity.bootedAt),
    };
  },
};
