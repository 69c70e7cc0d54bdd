import { fakeSerialChars } from '../../formats/fake-secrets.js';
import { elapsedSince } from '../../formats/uptime.js';

/** What an OS10 switch reports about itself; fixed for the life of a simulated device. */
export interface Os10Identity {
  model: string;
  description: string;
  version: string;
  build: string;
  partNumber: string;
  /** The Dell service tag, the serial support and inventories go by. */
  serviceTag: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'S4148F-ON', description: 'S4148F-ON 48x10GbE, 2x40GbE QSFP+, 4x100GbE QSFP28 Interface Module', version: '10.5.4.2', build: '140', part: '09H9MN' },
  { model: 'S5248F-ON', description: 'S5248F-ON 48x25GbE SFP28, 4x100GbE QSFP28, 2x200GbE QSFP-DD Interface Module', version: '10.5.5.3', build: '182', part: '006Y6V' },
] as const;

export function os10IdentityFor(index: number, now: Date): Os10Identity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeSeconds = 86_400 * (3 + (index % 250)) + ((index * 4_243) % 86_400);
  return {
    model: pick.model,
    description: pick.description,
    version: pick.version,
    build: `${pick.version}.${pick.build}`,
    partNumber: pick.part,
    serviceTag: fakeSerialChars(`os10/${index}`, 7),
    bootedAt: new Date(now.getTime() - uptimeSeconds * 1_000),
  };
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** `1 week 4 days 00:09:22`, `4 days 09:16:43` or `01:06:30`. */
function formatOs10Uptime(bootedAt: Date, now: Date): string {
  const up = elapsedSince(bootedAt, now);
  const weeks = up.weeks > 0 ? `${up.weeks} week${up.weeks === 1 ? '' : 's'} ` : '';
  const days = up.days > 0 ? `${up.days} day${up.days === 1 ? '' : 's'} ` : '';
  return `${weeks}${days}${twoDigits(up.hours)}:${twoDigits(up.minutes)}:${twoDigits(up.seconds)}`;
}

export function renderOs10ShowVersion(id: Os10Identity, now: Date): string {
  return [
    'Dell EMC Networking OS10 Enterprise',
    'Copyright (c) 1999-2023 by Dell Inc. All Rights Reserved.',
    `OS Version: ${id.version}`,
    `Build Version: ${id.build}`,
    'Build Time: 2023-03-07T23:09:29+0000',
    `System Type: ${id.model}`,
    'Architecture: x86_64',
    `Up Time: ${formatOs10Uptime(id.bootedAt, now)}`,
    '',
  ].join('\n');
}

export function renderOs10Inventory(id: Os10Identity): string {
  return [
    `Product               : ${id.model}`,
    `Description           : ${id.description}`,
    `Software version      : ${id.version}`,
    'Product Base          :',
    'Product Serial Number :',
    'Product Part Number   :',
    'Unit Type                     Part Number  Rev  Piece Part ID             Svc Tag  Exprs Svc Code',
    '-------------------------------------------------------------------------------------------------',
    `* 1  ${id.model.padEnd(25)}${id.partNumber.padEnd(13)}A02  TW-${id.partNumber}-28298-713-0026  ${id.serviceTag}  201 464 105 70`,
    `  1  ${`${id.model}-PWR-1-AC-R`.padEnd(25)}00X3X6       A00  TH-00X3X6-17971-86P-0GA3  AEIOU##  226 457 410 55`,
    '',
  ].join('\n');
}
