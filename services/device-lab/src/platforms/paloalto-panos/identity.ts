import { formatCtime } from '../../formats/clock.js';
import { elapsedSince } from '../../formats/uptime.js';

/** What a PAN-OS firewall reports about itself; fixed for the life of a simulated device. */
export interface PanOsIdentity {
  model: string;
  family: string;
  version: string;
  serial: string;
  mac: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'PA-VM', family: 'vm', version: '10.2.7-h3', serialPrefix: '0070540' },
  { model: 'PA-440', family: '400', version: '11.0.3', serialPrefix: '0240010' },
] as const;

export function panOsIdentityFor(index: number, now: Date): PanOsIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeSeconds = 86_400 * (3 + (index % 120)) + ((index * 5_003) % 86_400);
  const mac = (0x0d00 + index).toString(16).padStart(4, '0');
  return {
    model: pick.model,
    family: pick.family,
    version: pick.version,
    serial: `${pick.serialPrefix}${String(10_000_000 + index * 7_919).slice(-8)}`,
    mac: `00:50:56:a1:${mac.slice(0, 2)}:${mac.slice(2)}`,
    bootedAt: new Date(now.getTime() - uptimeSeconds * 1_000),
  };
}

/** `12 days, 3:04:05` */
function formatPanOsUptime(bootedAt: Date, now: Date): string {
  const up = elapsedSince(bootedAt, now);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${up.totalDays} days, ${up.hours}:${two(up.minutes)}:${two(up.seconds)}`;
}

/** `show system info`: `name: value` lines, the clock and uptime among them. */
export function renderSystemInfo(hostname: string, id: PanOsIdentity, now: Date): string {
  const vm = id.family === 'vm';
  return [
    '',
    `hostname: ${hostname}`,
    'ip-address: 10.250.0.2',
    'public-ip-address: unknown',
    'netmask: 255.255.255.0',
    'default-gateway: 10.250.0.254',
    'ip-assignment: static',
    'ipv6-address: unknown',
    `mac-address: ${id.mac}`,
    `time: ${formatCtime(now)}`,
    `uptime: ${formatPanOsUptime(id.bootedAt, now)}`,
    `family: ${id.family}`,
    `model: ${id.model}`,
    `serial: ${id.serial}`,
    ...(vm ? ['vm-license: VM-100', 'vm-cpu-count: 2', 'vm-memory: 6.5 GB', 'vm-mode: VMWare ESXi', 'cloud-mode: non-cloud'] : []),
    `sw-version: ${id.version}`,
    'global-protect-client-package-version: 0.0.0',
    'app-version: 8795-8489',
    'app-release-date: 2023/11/20 17:36:51 PST',
    'av-version: 4677-5195',
    'threat-version: 8795-8489',
    'wildfire-version: 0',
    'url-filtering-version: 20231121.20298',
    'logdb-version: 10.2.1',
    `platform-family: ${id.family}`,
    'vpn-disable-mode: off',
    'multi-vsys: off',
    'operational-mode: normal',
    'device-certificate-status: None',
    '',
    '',
  ].join('\n');
}
