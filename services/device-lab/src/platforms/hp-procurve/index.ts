import { command, CONFIG, configure, end, EXEC, exit, show, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile, SimulatedBox } from '../../simulation/platform-profile.js';
import { productLine, proCurveIdentityFor, type ProCurveIdentity, renderShowModules, renderShowSystem, renderShowVersion } from './identity.js';
import { defaultProCurveRunningConfig, printProCurveRunningConfig, proCurveRunningConfig } from './running-config.js';

// The switch treats its SSH session as a 24-row VT100 screen: it sets the scroll region, parks the cursor on
// the last row, and redraws the prompt there with cursor moves around it.
const ROW = '\x1b[24;1H';
const SCREEN_SETUP = `\x1b[2J\x1b[?7l\x1b[3;23r\x1b[?6l\x1b[24;27H\x1b[?25h\x1b[24;27H\x1b[?6l\x1b[1;24r\x1b[?7l\x1b[2J\x1b[24;27H\x1b[1;24r\x1b[24;27H`;
const drawPrompt = (prompt: string): string => {
  const after = `\x1b[24;${prompt.length + 1}H`;
  return `${ROW}\x1b[2K${ROW}\x1b[?25h${ROW}${ROW}${prompt}${ROW}${after}${ROW}\x1b[?25h${after}`;
};

/**
 * HP ProCurve / Aruba ArubaOS-Switch 16.x (2920, 2930M): a legal notice and `Press any key to continue`
 * before the first prompt, ANSI cursor control around every prompt and pager, `no page`.
 */
export const hpProCurve: PlatformProfile = {
  id: 'hp_procurve',
  sshIdent: 'OpenSSH_6.2 PKIX FIPS',
  prompts: { user: '{hostname}> ', privileged: '{hostname}# ', config: '{hostname}(config)# ' },
  pager: {
    prompt: `${ROW}-- MORE --, next page: Space, next line: Enter, quit: Control-C`,
    erase: { literal: `${ROW}\x1b[2K${ROW}\x1b[1;24r${ROW}` },
  },
  loginGate: `Press any key to continue${SCREEN_SETUP}`,
  screen: { prompt: drawPrompt },
  commands: [
    command('show running-config', showRunningConfig),
    command('show system', showVersion),
    command('show modules', showInventory),
    command('show version', show((device) => renderShowVersion(device.box.identity.osVersion))),
    command('no page', { kind: 'terminal-length', lines: 0 }),
    command('page', { kind: 'terminal-length', lines: 24 }),
    command('terminal length <1-1000>', { kind: 'terminal-length' }),
    command('configure', configure),
    command('configure terminal', configure),
    command('end', end, CONFIG),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('logout', exit),
  ],
  abbreviations: true,
  errors: {
    unknown: 'Invalid input: {word}\n',
    invalid: 'Invalid input: {word}\n',
    incomplete: 'Incomplete input: {line}\n',
    ambiguous: 'Ambiguous input: {line}\n',
  },
  configBanner: '',
  runningConfig: proCurveRunningConfig,
  loginBanner: (device) => {
    const { model, osVersion } = device.box.identity;
    return [
      '',
      `${productLine(model)} Switch`,
      `Software revision ${osVersion}`,
      '',
      '(C) Copyright 2020 Hewlett Packard Enterprise Development LP',
      '',
      '                   RESTRICTED RIGHTS LEGEND',
      ' Confidential computer software. Valid license from HPE required for possession,',
      ' use or copying. Consistent with FAR 12.211 and 12.212, Commercial Computer',
      ' Software, Computer Software Documentation, and Technical Data for Commercial',
      " Items are licensed to the U.S. Government under vendor's standard commercial",
      ' license.',
      '',
      "We'd like to keep you up to date about:",
      '  * Software feature updates',
      '  * New product announcements',
      '  * Special events',
      '',
      'Please register your products now at:  www.hpe.com/networking/register',
      '',
      '',
      '',
    ].join('\n');
  },
  createBox: (index, now) => proCurveBox(proCurveIdentityFor(index, now)),
};

/** One switch: its identity and every printout that depends on it. */
export function proCurveBox(identity: ProCurveIdentity): SimulatedBox {
  return {
    identity: { model: identity.productNumber, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
    defaultConfig: (input) => defaultProCurveRunningConfig(input, identity),
    renderRunningConfig: (state) => printProCurveRunningConfig(state, identity),
    showVersion: (hostname, at) => renderShowSystem(hostname, identity, at),
    showInventory: () => renderShowModules(identity),
  };
}
