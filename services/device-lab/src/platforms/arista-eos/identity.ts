import { fakeSerialChars } from '../../formats/fake-secrets.js';
import { elapsedSince } from '../../formats/uptime.js';

/** What an EOS switch reports about itself; fixed for the life of a simulated device. */
export interface EosIdentity {
  model: string;
  description: string;
  version: string;
  build: string;
  serial: string;
  systemMac: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'DCS-7050SX3-48YC8', description: '48x25GbE SFP+ & 8x100GbE QSFP Switch', version: '4.29.2F', build: '30640700.4292F' },
  { model: 'DCS-7280SR-48C6', description: '48x10GbE SFP+ & 6x100GbE QSFP Switch', version: '4.28.3M', build: '28837868.4283M' },
  { model: 'CCS-720XP-48ZC2', description: '48x2.5GbE PoE & 4x25GbE SFP Switch', version: '4.30.4M', build: '34966021.4304M' },
] as const;

export function eosIdentityFor(index: number, now: Date): EosIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeMinutes = 60 * 24 * (1 + (index % 400)) + ((index * 173) % 1440);
  const mac = (0x1000 + index).toString(16).padStart(4, '0');
  return {
    model: pick.model,
    description: pick.description,
    version: pick.version,
    build: pick.build,
    serial: `JPE${2100 + ((index * 7) % 500)}${fakeSerialChars(`eos/${index}`, 4)}`,
    systemMac: `985d.82b8.${mac}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

/** `3 weeks, 0 days, 20 hours and 45 minutes` */
function formatEosUptime(bootedAt: Date, now: Date): string {
  const up = elapsedSince(bootedAt, now);
  return `${up.weeks} weeks, ${up.days} days, ${up.hours} hours and ${up.minutes} minutes`;
}

export function renderEosShowVersion(id: EosIdentity, now: Date): string {
  const freeKb = 6_100_000 + Math.floor(now.getTime() / 1_000) % 90_000;
  return [
    `Arista ${id.model}`,
    'Hardware version: 11.03',
    `Serial number: ${id.serial}`,
    `Hardware MAC address: ${id.systemMac}`,
    `System MAC address: ${id.systemMac}`,
    '',
    `Software image version: ${id.version}`,
    'Architecture: i686',
    `Internal build version: ${id.version}-${id.build}`,
    'Internal build ID: 3b6fd5a5-94d6-4d5b-8f47-7e4a2c3f2c1a',
    'Image format version: 3.0',
    'Image optimization: Strata-4GB',
    '',
    `Uptime: ${formatEosUptime(id.bootedAt, now)}`,
    'Total memory: 8099732 kB',
    `Free memory: ${freeKb} kB`,
    '',
  ].join('\n');
}

export function renderEosInventory(id: EosIdentity): string {
  return [
    'System information',
    '  Model                    Description',
    '  ------------------------ ----------------------------------------------------',
    `  ${id.model.padEnd(25)}${id.description}`,
    '',
    '  HW Version  Serial Number  Mfg Date   Epoch',
    '  ----------- -------------- ---------- -----',
    `  11.03       ${id.serial.padEnd(15)}2021-05-14 02.00`,
    '',
  ].join('\n');
}
