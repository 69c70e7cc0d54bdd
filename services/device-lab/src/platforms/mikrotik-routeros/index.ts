import { command, exit, show, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { routerOsConsole } from './console-options.js';
import { defaultRouterOsExport, printRouterOsExport, routerOsExport } from './export.js';
import { renderResourcePrint, renderRouterboardPrint, routerOsIdentityFor } from './identity.js';

const LOGO = [
  '  MMM      MMM       KKK                          TTTTTTTTTTT      KKK',
  '  MMMM    MMMM       KKK                          TTTTTTTTTTT      KKK',
  '  MMM MMMM MMM  III  KKK  KKK  RRRRRR     OOOOOO      TTT     III  KKK  KKK',
  '  MMM  MM  MMM  III  KKKKK     RRR  RRR  OOO  OOO     TTT     III  KKKKK',
  '  MMM      MMM  III  KKK KKK   RRRRRR    OOO  OOO     TTT     III  KKK KKK',
  '  MMM      MMM  III  KKK  KKK  RRR  RRR   OOOOOO      TTT     III  KKK  KKK',
];

/**
 * MikroTik RouterOS 7 and 6 (RB5009, CCR1009): `[user@identity] > `, drawn twice right after login,
 * commands are paths (`/export terse`), no command turns the pager off.
 */
export const mikrotikRouterOs: PlatformProfile = {
  id: 'mikrotik_routeros',
  sshIdent: 'ROSSSH',
  prompts: { user: '[{username}@{hostname}] > ', privileged: '[{username}@{hostname}] > ', config: '[{username}@{hostname}] > ' },
  loginNameOptions: routerOsConsole,
  pager: { prompt: '-- [Q quit|D dump|C-z pause|down]', erase: 'clear-line' },
  commands: [
    command('/export', showRunningConfig),
    command('/export terse', showRunningConfig),
    command('/system resource print', showVersion),
    command('/system routerboard print', showInventory),
    command('/system identity print', show((device) => `  name: ${device.hostname}\n`)),
    command('/quit', exit),
    command('quit', exit),
  ],
  abbreviations: true,
  errors: {
    unknown: 'bad command name {word} (line 1 column {column})\n',
    invalid: 'bad command name {word} (line 1 column {column})\n',
    incomplete: 'expected end of command\n',
    ambiguous: 'ambiguous value of command name\n',
  },
  configBanner: '',
  runningConfig: routerOsExport,
  loginBanner: (device) => {
    const version = device.box.identity.osVersion;
    const year = version.startsWith('7') ? '2024' : '2023';
    const prompt = `[${device.username}@${device.hostname}] > `;
    // RouterOS prints the prompt, probes the terminal, then draws the prompt again over it.
    return ['', '', ...LOGO, '', `  MikroTik RouterOS ${version} (c) 1999-${year}       https://www.mikrotik.com/`, '', 'Press F1 for help', '', `${prompt}\r`].join('\n');
  },
  createBox: (index, now) => {
    const identity = routerOsIdentityFor(index, now);
    return {
      identity: { model: identity.boardName, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultRouterOsExport(input, identity),
      renderRunningConfig: (state) => printRouterOsExport(state, identity),
      showVersion: (_, at) => renderResourcePrint(identity, at),
      showInventory: () => renderRouterboardPrint(identity),
    };
  },
};
