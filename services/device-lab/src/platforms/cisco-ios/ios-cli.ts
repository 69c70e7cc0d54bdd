import { formatIosClock } from '../../formats/clock.js';
import {
  accept, command, configure, disable, enable, leaving, PRIVILEGED, show, showInventory, showRunningConfig, showVersion, terminalLength,
} from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { iosRunningConfig } from './ios-running-config.js';

/** The IOS command line and config dialect, shared by classic IOS and IOS XE. */
export const iosCli = {
  sshIdent: 'Cisco-1.25',
  prompts: { user: '{hostname}>', privileged: '{hostname}#', config: '{hostname}(config)#' },
  enable: { passwordByDefault: true, retry: '', refused: '% Bad secrets\n\n', attempts: 3, echoMask: '' },
  pager: { prompt: ' --More-- ', erase: 'backspaces' },
  commands: [
    command('show running-config', showRunningConfig, PRIVILEGED),
    command('show version', showVersion),
    command('show inventory', showInventory),
    command('show clock', show((_, now) => `${formatIosClock(now)}\n`)),
    command('terminal length <0-512>', terminalLength),
    command('terminal width <0-512>', accept),
    command('enable', enable),
    command('disable', disable, PRIVILEGED),
    command('configure terminal', configure, PRIVILEGED),
    ...leaving,
  ],
  abbreviations: true,
  errors: {
    unknown: '% Unknown command or computer name, or unable to find computer address\n',
    invalid: "{caret}\n% Invalid input detected at '^' marker.\n\n",
    incomplete: '% Incomplete command.\n\n',
    ambiguous: '% Ambiguous command:  "{line}"\n',
  },
  configBanner: 'Enter configuration commands, one per line.  End with CNTL/Z.',
  runningConfig: iosRunningConfig,
  loginBanner: (device) => (device.motd === undefined ? '\n' : `\n${device.motd}\n\n`),
} satisfies Omit<PlatformProfile, 'id' | 'createBox'>;
