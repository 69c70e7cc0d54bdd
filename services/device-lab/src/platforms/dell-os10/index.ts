import { formatCtime } from '../../formats/clock.js';
import { command, CONFIG, configure, end, EXEC, exit, show, showInventory, showRunningConfig, showVersion, terminalLength } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { os10IdentityFor, renderOs10Inventory, renderOs10ShowVersion } from './identity.js';
import { defaultOs10RunningConfig, os10RunningConfig, printOs10RunningConfig } from './running-config.js';

const HOUR_MS = 3_600_000;
const STAR_RULE = '-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-';

/** Dell EMC SmartFabric OS10 (S4148F-ON, S5248F-ON): lands privileged; `show running-configuration`. */
export const dellOs10: PlatformProfile = {
  id: 'dell_os10',
  sshIdent: 'OpenSSH_7.9p1 Debian-10+deb10u2',
  prompts: { user: '{hostname}>', privileged: '{hostname}#', config: '{hostname}(config)#' },
  pager: { prompt: '--more--', erase: 'carriage-return' },
  commands: [
    command('show running-configuration', showRunningConfig),
    command('show version', showVersion),
    command('show inventory', showInventory),
    command('show clock', show((_, now) => `${now.toISOString().replace(/\.(\d\d)\dZ$/, '.$1+00:00')}\n`)),
    command('terminal length <0-512>', terminalLength),
    command('configure terminal', configure),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('end', end, CONFIG),
  ],
  abbreviations: true,
  errors: {
    unknown: '{caret}\n% Error: Invalid input at "^" marker.\n',
    invalid: '{caret}\n% Error: Invalid input at "^" marker.\n',
    incomplete: '% Error: Incomplete command.\n',
    ambiguous: '% Error: Ambiguous command.\n',
  },
  configBanner: '',
  runningConfig: os10RunningConfig,
  loginBanner: (_, now) =>
    [
      `Last login: ${formatCtime(new Date(now.getTime() - HOUR_MS))} from 10.10.1.5`,
      STAR_RULE,
      '-*              Dell EMC Network Operating System (OS10)              *-',
      '-*  Copyright (c) 1999-2023 by Dell Inc. All Rights Reserved.         *-',
      STAR_RULE,
      '',
    ].join('\n'),
  createBox: (index, now) => {
    const identity = os10IdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serviceTag, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: defaultOs10RunningConfig,
      renderRunningConfig: (state) => printOs10RunningConfig(state, identity),
      showVersion: (_, at) => renderOs10ShowVersion(identity, at),
      showInventory: () => renderOs10Inventory(identity),
    };
  },
};
