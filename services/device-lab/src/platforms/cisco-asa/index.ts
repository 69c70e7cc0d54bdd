import {
  command, CONFIG, configure, disable, enable, end, EXEC, exit, PRIVILEGED, show, showInventory, showRunningConfig, showVersion, terminalLength, accept,
} from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { asaIdentityFor, formatAsaTime, renderAsaInventory, renderAsaShowVersion } from './identity.js';
import { asaRunningConfig, defaultAsaRunningConfig, printAsaRunningConfig } from './running-config.js';

/** Cisco ASA 9.x (5508-X, 5516-X): prompts end in a space, enable echoes stars, `terminal pager 0`, `<--- More --->`. */
export const ciscoAsa: PlatformProfile = {
  id: 'cisco_asa',
  sshIdent: 'Cisco-1.25',
  prompts: { user: '{hostname}> ', privileged: '{hostname}# ', config: '{hostname}(config)# ' },
  enable: { passwordByDefault: true, retry: 'Invalid password\n', refused: 'Invalid password\nAccess denied.\n', attempts: 3, echoMask: '*' },
  pager: { prompt: '<--- More --->', erase: 'carriage-return' },
  commands: [
    command('show running-config', showRunningConfig, PRIVILEGED),
    command('show version', showVersion),
    command('show inventory', showInventory),
    command('show clock', show((_, now) => `${formatAsaTime(now)}\n`)),
    command('terminal pager <0-2147483647>', terminalLength),
    command('terminal pager lines <0-2147483647>', terminalLength),
    command('terminal width <40-511>', accept),
    command('enable', enable),
    command('disable', disable, PRIVILEGED),
    command('configure terminal', configure, PRIVILEGED),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('quit', exit),
    command('logout', exit),
    command('end', end, CONFIG),
  ],
  abbreviations: true,
  errors: {
    unknown: "{caret}\nERROR: % Invalid input detected at '^' marker.\n",
    invalid: "{caret}\nERROR: % Invalid input detected at '^' marker.\n",
    incomplete: 'ERROR: % Incomplete command\n',
    ambiguous: 'ERROR: % Ambiguous command:  "{line}"\n',
  },
  configBanner: '',
  runningConfig: asaRunningConfig,
  loginBanner: (device) => `${device.motd === undefined ? '' : `${device.motd}\n`}Type help or '?' for a list of available commands.\n`,
  createBox: (index, now) => {
    const identity = asaIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultAsaRunningConfig(input, identity),
      renderRunningConfig: (state) => printAsaRunningConfig(state, identity),
      showVersion: (hostname, at) => renderAsaShowVersion(hostname, identity, at),
      showInventory: () => renderAsaInventory(identity),
    };
  },
};
