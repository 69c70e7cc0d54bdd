import { command, CONFIG, configure, end, EXEC, exit, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile, SimulatedBox } from '../../simulation/platform-profile.js';
import { defaultFortiOsConfiguration, fortiOsConfiguration, printFortiOsConfiguration } from './configuration.js';
import { fortiGateIdentityFor, renderSystemStatus, type FortiGateIdentity } from './identity.js';

/**
 * Fortinet FortiOS 7.2/7.4 (FortiGate 60E, 100F): `FGT # `, paging is the console setting
 * `config system console` / `set output standard` / `end`, `--More-- ` wiped with blanks.
 */
export const fortinetFortiOs: PlatformProfile = {
  id: 'fortinet_fortios',
  sshIdent: 'xxxxxxx',
  // The only sub-mode the lab has is the console settings, which is where paging is switched.
  prompts: { user: '{hostname} # ', privileged: '{hostname} # ', config: '{hostname} (console) # ' },
  pager: { prompt: '--More-- ', erase: 'carriage-return' },
  commands: [
    command('show', showRunningConfig),
    command('show full-configuration', showRunningConfig),
    command('get system status', showVersion),
    command('get hardware status', showInventory),
    command('config system console', configure),
    command('set output standard', { kind: 'terminal-length', lines: 0 }, CONFIG),
    command('set output more', { kind: 'terminal-length', lines: 24 }, CONFIG),
    command('end', end, CONFIG),
    command('exit', exit, [...EXEC, ...CONFIG]),
  ],
  abbreviations: true,
  errors: {
    unknown: 'Unknown action 0\n',
    invalid: "command parse error before '{word}'\nCommand fail. Return code -61\n",
    incomplete: 'Command fail. Return code -61\n',
    ambiguous: 'ambiguous command\nCommand fail. Return code -61\n',
  },
  configBanner: '',
  runningConfig: fortiOsConfiguration,
  loginBanner: () => '',
  createBox: (index, now) => fortiGateBox(fortiGateIdentityFor(index, now)),
};

/** One FortiGate: its identity and every printout that depends on it. */
export function fortiGateBox(identity: FortiGateIdentity): SimulatedBox {
  return {
    identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
    defaultConfig: defaultFortiOsConfiguration,
    renderRunningConfig: (state) => printFortiOsConfiguration(state, identity),
    showVersion: (hostname, at) => renderSystemStatus(hostname, identity, at),
    showInventory: () => `Model name: ${identity.model}\nASIC version: SOC3\nHardware Revision: Rev1\n`,
  };
}
