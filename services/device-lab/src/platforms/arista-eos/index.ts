import { formatCtime } from '../../formats/clock.js';
import {
  accept, command, configure, disable, enable, leaving, PRIVILEGED, show, showInventory, showRunningConfig, showVersion, terminalLength,
} from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { eosIdentityFor, renderEosInventory, renderEosShowVersion } from './identity.js';
import { defaultEosRunningConfig, eosRunningConfig, printEosRunningConfig } from './running-config.js';

const HOUR_MS = 3_600_000;

/** Arista EOS 4.2x/4.30: `enable` needs no password unless one is configured. */
export const aristaEos: PlatformProfile = {
  id: 'arista_eos',
  sshIdent: 'OpenSSH_8.7',
  prompts: { user: '{hostname}>', privileged: '{hostname}#', config: '{hostname}(config)#' },
  enable: { passwordByDefault: false, retry: '', refused: '% Access denied\n', attempts: 1, echoMask: '' },
  pager: { prompt: ' --More-- ', erase: 'carriage-return' },
  commands: [
    command('show running-config', showRunningConfig, PRIVILEGED),
    command('show version', showVersion),
    command('show inventory', showInventory),
    command('show clock', show((_, now) => `${formatCtime(now)}\nTimezone: UTC\nClock source: local\n`)),
    command('terminal length <0-32767>', terminalLength),
    command('terminal width <10-32767>', accept),
    command('enable', enable),
    command('disable', disable, PRIVILEGED),
    command('configure terminal', configure, PRIVILEGED),
    ...leaving,
  ],
  abbreviations: true,
  errors: {
    unknown: "% Invalid input (at token {token}: '{word}')\n",
    invalid: "% Invalid input (at token {token}: '{word}')\n",
    incomplete: '% Incomplete command\n',
    ambiguous: '% Ambiguous command\n',
  },
  configBanner: '',
  runningConfig: eosRunningConfig,
  loginBanner: (_, now) => `Last login: ${formatCtime(new Date(now.getTime() - HOUR_MS))} from 10.10.1.5\n`,
  createBox: (index, now) => {
    const identity = eosIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultEosRunningConfig(input),
      renderRunningConfig: (state) => printEosRunningConfig(state, identity),
      showVersion: (_, at) => renderEosShowVersion(identity, at),
      showInventory: () => renderEosInventory(identity),
    };
  },
};
