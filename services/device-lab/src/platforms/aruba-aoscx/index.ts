import { command, CONFIG, configure, end, EXEC, exit, show, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile, SimulatedBox } from '../../simulation/platform-profile.js';
import { aosCxIdentityFor, type AosCxIdentity, renderAosCxShowModule, renderAosCxShowSystem, renderAosCxShowVersion } from './identity.js';
import { aosCxRunningConfig, defaultAosCxRunningConfig, printAosCxRunningConfig } from './running-config.js';

const HOUR_MS = 3_600_000;

/** Aruba AOS-CX 10.10 (6300M, 6100): prompts end in a space, `no page`, facts in `show system`. */
export const arubaAosCx: PlatformProfile = {
  id: 'aruba_aoscx',
  sshIdent: 'OpenSSH_8.4',
  prompts: { user: '{hostname}> ', privileged: '{hostname}# ', config: '{hostname}(config)# ' },
  pager: { prompt: '-- MORE --, next page: Space, next line: Enter, quit: q', erase: 'clear-line' },
  commands: [
    command('show running-config', showRunningConfig),
    command('show system', showVersion),
    command('show module', showInventory),
    command('show version', show((device) => renderAosCxShowVersion(device.box.identity.osVersion, brandOf(device.box.identity.osVersion)))),
    command('no page', { kind: 'terminal-length', lines: 0 }),
    command('page', { kind: 'terminal-length', lines: 24 }),
    command('configure terminal', configure),
    command('end', end, CONFIG),
    command('exit', exit, [...EXEC, ...CONFIG]),
  ],
  abbreviations: true,
  errors: {
    unknown: 'Invalid input: {word}\n',
    invalid: 'Invalid input: {word}\n',
    incomplete: 'Command incomplete.\n',
    ambiguous: 'Ambiguous command.\n',
  },
  configBanner: '',
  runningConfig: aosCxRunningConfig,
  loginBanner: (device, now) => {
    const last = new Date(now.getTime() - HOUR_MS).toISOString().slice(0, 19).replace('T', ' ');
    return `\nLast login: ${last} from 10.10.1.5\nUser "${device.username}" has logged in 12 times in the past 30 days\n`;
  },
  createBox: (index, now) => aosCxBox(aosCxIdentityFor(index, now)),
};

/** One switch: its identity and every printout that depends on it. */
export function aosCxBox(identity: AosCxIdentity): SimulatedBox {
  return {
    identity: { model: identity.productNumber, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
    defaultConfig: defaultAosCxRunningConfig,
    renderRunningConfig: (state) => printAosCxRunningConfig(state, identity),
    showVersion: (hostname, at) => renderAosCxShowSystem(hostname, identity, at),
    showInventory: () => renderAosCxShowModule(identity),
  };
}

/** The software's name in `show version`: renamed from `ArubaOS-CX` to `AOS-CX` with 10.15. */
function brandOf(version: string): AosCxIdentity['brand'] {
  const minor = Number(/\.10\.(\d+)\./.exec(version)?.[1] ?? 0);
  return minor >= 15 ? 'AOS-CX' : 'ArubaOS-CX';
}

