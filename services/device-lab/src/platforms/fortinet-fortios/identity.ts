import { formatCtime } from '../../formats/clock.js';
import { fakeSerialChars } from '../../formats/fake-secrets.js';

/** What a FortiGate reports about itself; fixed for the life of a simulated device. */
export interface FortiGateIdentity {
  /** `FortiGate-60E`, as `get system status` names it. */
  model: string;
  /** `FGT60E`, the short code in `#config-version=` and serial numbers. */
  code: string;
  version: string;
  build: string;
  buildDate: string;
  serial: string;
  /** `Current HA mode` in `get system status`: `standalone`, or `a-p, primary` in a cluster. */
  haMode: string;
  bootedAt: Date;
}

type FortiGateModel = Pick<FortiGateIdentity, 'model' | 'code' | 'version' | 'build' | 'buildDate' | 'haMode'> & { serialPrefix: string };

const MODELS: readonly FortiGateModel[] = [
  { model: 'FortiGate-60E', code: 'FGT60E', version: '7.2.5', build: '1517', buildDate: '230606', serialPrefix: 'FGT60ETK', haMode: 'standalone' },
  { model: 'FortiGate-100F', code: 'FG100F', version: '7.4.3', build: '2573', buildDate: '240201', serialPrefix: 'FG100FTK', haMode: 'standalone' },
];

/** The primary of an active-passive pair on 7.6.7, build 3704 (Oxidized issue 3851). */
export const HA_PRIMARY_7_6: readonly FortiGateModel[] = [
  { model: 'FortiGate-100F', code: 'FG100F', version: '7.6.7', build: '3704', buildDate: '260528', serialPrefix: 'FG100FTK', haMode: 'a-p, primary' },
];

export function fortiGateIdentityFor(index: number, now: Date, models: readonly FortiGateModel[] = MODELS): FortiGateIdentity {
  const pick = models[index % models.length];
  if (pick === undefined) throw new Error('no FortiGate model to simulate');
  const uptimeMinutes = 60 * 24 * (9 + (index % 220)) + ((index * 43) % 1440);
  return {
    model: pick.model,
    code: pick.code,
    version: pick.version,
    build: pick.build,
    buildDate: pick.buildDate,
    haMode: pick.haMode,
    serial: `${pick.serialPrefix}${String(18 + (index % 6))}${fakeSerialChars(`fortios/${index}`, 6)}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

/** `get system status`: release, signature databases, serial and hostname, then the clock. */
export function renderSystemStatus(hostname: string, id: FortiGateIdentity, now: Date): string {
  return [
    `Version: ${id.model} v${id.version},build${id.build},${id.buildDate} (GA.F)`,
    'Firmware Signature: certified',
    'Virus-DB: 91.08721(2023-10-29 19:24)',
    'Extended DB: 91.08720(2023-10-29 19:24)',
    'AV AI/ML Model: 2.13606(2023-10-29 18:40)',
    'IPS-DB: 26.00663(2023-10-27 01:48)',
    'IPS-ETDB: 0.00000(2001-01-01 00:00)',
    'APP-DB: 26.00663(2023-10-27 01:48)',
    'INDUSTRIAL-DB: 26.00663(2023-10-27 01:48)',
    'IPS Malicious URL Database: 4.00809(2023-10-29 19:24)',
    'IoT-Detect: 0.00000(2022-08-17 17:31)',
    `Serial-Number: ${id.serial}`,
    'BIOS version: 05000013',
    'System Part-Number: P18971-04',
    'Log hard disk: Not available',
    `Hostname: ${hostname}`,
    'Private Encryption: Disable',
    'Operation Mode: NAT',
    'Current virtual domain: root',
    'Max number of virtual domains: 10',
    'Virtual domains status: 1 in NAT mode, 0 in TP mode',
    'Virtual domain configuration: disable',
    'FIPS-CC mode: disable',
    `Current HA mode: ${id.haMode}`,
    `Branch point: ${id.build}`,
    'Release Version Information: GA',
    `System time: ${formatCtime(now)}`,
    'Last reboot reason: warm reboot',
    '',
  ].join('\n');
}
