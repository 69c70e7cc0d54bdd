import { fakeSerialChars } from '../../formats/fake-secrets.js';
import { elapsedSince, formatIosUptime } from '../../formats/uptime.js';

/** What a CloudEngine switch on VRP 8 reports about itself; fixed for the life of a simulated device. */
export interface VrpIdentity {
  model: string;
  /** The short platform name in the version line, e.g. `CE6881`. */
  family: string;
  vrpVersion: string;
  version: string;
  patch: string;
  esn: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'CE6881-48S6CQ', family: 'CE6881', vrpVersion: '8.180', version: 'V200R019C10SPC800', patch: 'V200R019SPH007' },
  { model: 'CE6865-48S8CQ-EI', family: 'CE6865EI', vrpVersion: '8.191', version: 'V200R020C10SPC600', patch: 'V200R020SPH012' },
] as const;

export function vrpIdentityFor(index: number, now: Date): VrpIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeMinutes = 60 * 24 * (11 + (index % 260)) + ((index * 67) % 1440);
  return { ...pick, esn: `2102${fakeSerialChars(`vrp/${index}`, 16)}`, bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000) };
}

/** `2026/11/10 06:56:20`, as the start time in `display version`. */
function formatStartup(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ');
}

/** `display version`: the VRP release, the product and its uptime, then the board. */
export function renderDisplayVersion(id: VrpIdentity, now: Date): string {
  const uptime = formatIosUptime(id.bootedAt, now);
  const boardUp = elapsedSince(id.bootedAt, now);
  return [
    'Huawei Versatile Routing Platform Software',
    `VRP (R) software, Version ${id.vrpVersion} (${id.family} ${id.version})`,
    'Copyright (C) 2012-2020 Huawei Technologies Co., Ltd.',
    `HUAWEI ${id.model} uptime is ${uptime}`,
    `Patch Version: ${id.patch}`,
    '',
    `${id.model}(Master) 1 : uptime is  ${boardUp.totalDays} days, ${boardUp.hours} hours, ${boardUp.minutes} minutes`,
    `        StartupTime ${formatStartup(id.bootedAt)}`,
    'Memory    Size    : 4096 M bytes',
    'Flash     Size    : 2048 M bytes',
    `${id.model} version information`,
    '1. PCB    Version : CEM48S6CQP04    VER B',
    '2. MAB    Version : 1',
    `3. Board  Type    : ${id.model}`,
    '4. CPLD1  Version : 102',
    '5. BIOS   Version : 205',
    '',
  ].join('\n');
}

/** `display esn`: the equipment serial number of the switch. */
export function renderDisplayEsn(id: VrpIdentity): string {
  return `ESN of slot 1: ${id.esn}\n`;
}
