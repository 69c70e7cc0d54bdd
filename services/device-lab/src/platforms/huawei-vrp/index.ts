import { command, CONFIG, configure, end, EXEC, exit, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { renderDisplayEsn, renderDisplayVersion, vrpIdentityFor } from './identity.js';
import { defaultVrpRunningConfig, printVrpRunningConfig, vrpRunningConfig } from './running-config.js';

const HOUR_MS = 3_600_000;
const PAGER = '  ---- More ----';
const vrpTime = (at: Date): string => `${at.toISOString().slice(0, 19).replace('T', ' ')}+00:00`;

/**
 * Huawei VRP 8 on CloudEngine switches: `<HOST>` and `[~HOST]`, `screen-length 0 temporary`, and a pager
 * wiped with cursor-left escapes rather than returns.
 */
export const huaweiVrp: PlatformProfile = {
  id: 'huawei_vrp',
  sshIdent: 'HUAWEI-1.5',
  prompts: { user: '<{hostname}>', privileged: '<{hostname}>', config: '[~{hostname}]' },
  pager: { prompt: PAGER, erase: { literal: `\x1b[${PAGER.length}D${' '.repeat(PAGER.length)}\x1b[${PAGER.length}D` } },
  commands: [
    command('display current-configuration', showRunningConfig),
    command('display version', showVersion),
    command('display esn', showInventory),
    command('screen-length <0-512> temporary', {
      kind: 'terminal-length',
      reply: 'Info: The configuration takes effect on the current user terminal interface only.\n',
    }),
    command('system-view', configure),
    command('return', end, CONFIG),
    command('quit', exit, [...EXEC, ...CONFIG]),
  ],
  abbreviations: true,
  errors: {
    unknown: "{caret}\nError: Unrecognized command found at '^' position.\n",
    invalid: "{caret}\nError: Unrecognized command found at '^' position.\n",
    incomplete: "{caret}\nError: Incomplete command found at '^' position.\n",
    ambiguous: "{caret}\nError: Ambiguous command found at '^' position.\n",
  },
  configBanner: 'Enter system view, return user view with return command.',
  runningConfig: vrpRunningConfig,
  loginBanner: (_, now) =>
    [
      '',
      'Info: The max number of VTY users is 21, the number of current VTY users online is 1, and total number of terminal users online is 1.',
      `      The current login time is ${vrpTime(now)}.`,
      `      The last login time is ${vrpTime(new Date(now.getTime() - HOUR_MS))} from 10.10.1.5 through SSH.`,
      '',
    ].join('\n'),
  createBox: (index, now) => {
    const identity = vrpIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.esn, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultVrpRunningConfig(input, identity),
      renderRunningConfig: (state) => printVrpRunningConfig(state, identity),
      showVersion: (_, at) => renderDisplayVersion(identity, at),
      showInventory: () => renderDisplayEsn(identity),
    };
  },
};
