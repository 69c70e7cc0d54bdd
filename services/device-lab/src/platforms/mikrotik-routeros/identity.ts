import { fakeHex, fakeSerialChars } from '../../formats/fake-secrets.js';
import { elapsedSince } from '../../formats/uptime.js';

/** What a RouterOS box reports about itself; fixed for the life of a simulated device. */
export interface RouterOsIdentity {
  boardName: string;
  /** The routerboard model, which may carry a suffix the board name lacks (`RB5009UG+S+IN`). */
  model: string;
  version: string;
  channel: 'stable' | 'long-term';
  architecture: string;
  cpu: string;
  firmwareType: string;
  factoryFirmware: string;
  serial: string;
  softwareId: string;
  bootedAt: Date;
}

const MODELS = [
  { boardName: 'RB5009UG+S+', model: 'RB5009UG+S+IN', version: '7.14', channel: 'stable', architecture: 'arm64', cpu: 'ARM64', firmwareType: '70x0', factoryFirmware: '7.4' },
  { boardName: 'CCR1009-7G-1C-1S+', model: 'CCR1009-7G-1C-1S+', version: '6.49.10', channel: 'long-term', architecture: 'tile', cpu: 'tilegx', firmwareType: 'tilegx', factoryFirmware: '3.41' },
] as const;

export function routerOsIdentityFor(index: number, now: Date): RouterOsIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeSeconds = 86_400 * (2 + (index % 160)) + ((index * 7_919) % 86_400);
  const serial = pick.version.startsWith('7') ? `HE808${fakeSerialChars(`routeros/${index}`, 6)}` : fakeHex(`routeros/${index}`, 6);
  const softwareId = fakeSerialChars(`routeros/${index}/id`, 8);
  return { ...pick, serial, softwareId: `${softwareId.slice(0, 4)}-${softwareId.slice(4)}`, bootedAt: new Date(now.getTime() - uptimeSeconds * 1_000) };
}

/** `3w2d4h5m6s`, RouterOS' compact duration. */
function formatRouterOsUptime(bootedAt: Date, now: Date): string {
  const up = elapsedSince(bootedAt, now);
  const parts: Array<[number, string]> = [[up.weeks, 'w'], [up.days, 'd'], [up.hours, 'h'], [up.minutes, 'm'], [up.seconds, 's']];
  return parts.filter(([count]) => count > 0).map(([count, unit]) => `${count}${unit}`).join('') || '0s';
}

/** Property lists are printed with the names right-aligned on the colon. */
const properties = (rows: ReadonlyArray<readonly [string, string]>): string =>
  `${rows.map(([name, value]) => `${name.padStart(25)}: ${value}`).join('\n')}\n`;

export function renderResourcePrint(id: RouterOsIdentity, now: Date): string {
  const load = Math.floor(now.getTime() / 1_000) % 9;
  return properties([
    ['uptime', formatRouterOsUptime(id.bootedAt, now)],
    ['version', `${id.version} (${id.channel})`],
    ['build-time', id.version.startsWith('7') ? '2024-02-29 11:24:44' : 'oct/23/2023 14:53:13'],
    ['factory-software', id.factoryFirmware],
    ['free-memory', '845.3MiB'],
    ['total-memory', '1024.0MiB'],
    ['cpu', id.cpu],
    ['cpu-count', '4'],
    ['cpu-frequency', '1400MHz'],
    ['cpu-load', `${load}%`],
    ['free-hdd-space', '898.2MiB'],
    ['total-hdd-space', '1024.0MiB'],
    ['write-sect-since-reboot', '5834'],
    ['write-sect-total', '51234'],
    ['bad-blocks', '0%'],
    ['architecture-name', id.architecture],
    ['board-name', id.boardName],
    ['platform', 'MikroTik'],
  ]);
}

export function renderRouterboardPrint(id: RouterOsIdentity): string {
  return properties([
    ['routerboard', 'yes'],
    ['board-name', id.boardName],
    ['model', id.model],
    ['revision', 'r3'],
    ['serial-number', id.serial],
    ['firmware-type', id.firmwareType],
    ['factory-firmware', id.factoryFirmware],
    ['current-firmware', id.version],
    ['upgrade-firmware', id.version],
  ]);
}
