import { fakeSerialChars } from '../../formats/fake-secrets.js';
import { elapsedSince } from '../../formats/uptime.js';

/** What an ArubaOS-Switch (ProCurve) switch reports about itself; fixed for the life of a simulated device. */
export interface ProCurveIdentity {
  /** The product number, e.g. `J9729A`: what inventories and the config header name. */
  productNumber: string;
  /** E.g. `2920-48G-POE+`. */
  modelName: string;
  brand: 'HP' | 'Aruba';
  version: string;
  romVersion: string;
  serial: string;
  baseMac: string;
  bootedAt: Date;
}

type ProCurveModel = Pick<ProCurveIdentity, 'productNumber' | 'modelName' | 'brand' | 'version' | 'romVersion'>;

const MODELS: readonly ProCurveModel[] = [
  { productNumber: 'J9729A', modelName: '2920-48G-POE+', brand: 'HP', version: 'WB.16.10.0009', romVersion: 'WB.16.03.0003' },
  { productNumber: 'JL322A', modelName: '2930M-48G-PoE+', brand: 'Aruba', version: 'WC.16.10.0012', romVersion: 'WC.17.02.0006' },
];

/** The ProCurve 2510G: release Y.11, which has no `show modules` (a fixed-port switch). */
export const PROCURVE_2510G: readonly ProCurveModel[] = [
  { productNumber: 'J9279A', modelName: '2510G-24', brand: 'HP', version: 'Y.11.52', romVersion: 'Y.11.12' },
];

/** `HP J9729A 2920-48G-POE+`, as the login notice names the switch. */
export function productLine(productNumber: string): string {
  const pick = [...MODELS, ...PROCURVE_2510G].find((model) => model.productNumber === productNumber);
  return pick === undefined ? productNumber : `${pick.brand} ${pick.productNumber} ${pick.modelName}`;
}

export function proCurveIdentityFor(index: number, now: Date, models: readonly ProCurveModel[] = MODELS): ProCurveIdentity {
  const pick = models[index % models.length];
  if (pick === undefined) throw new Error('no ProCurve model to simulate');
  const uptimeMinutes = 60 * 24 * (4 + (index % 300)) + ((index * 61) % 1440);
  const mac = (0x0a00 + index).toString(16).padStart(6, '0');
  return {
    ...pick,
    serial: `SG${fakeSerialChars(`procurve/${index}`, 8)}`,
    baseMac: `9cdc71-${mac}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

/** `45 days` or, on the first day, `3 hours`, as `show system` prints the uptime. */
function formatUptime(bootedAt: Date, now: Date): string {
  const up = elapsedSince(bootedAt, now);
  if (up.totalDays > 0) return `${up.totalDays} days`;
  return up.hours > 0 ? `${up.hours} hours` : `${up.minutes} mins`;
}

const pair = (left: string, right: string): string => `  ${left.padEnd(41)}${right}`.trimEnd();

/** `show system`: the two-column general information page. */
export function renderShowSystem(hostname: string, id: ProCurveIdentity, now: Date): string {
  const packets = 1_000_000 + Math.floor(now.getTime() / 1_000) % 900_000;
  return [
    '',
    ' Status and Counters - General System Information',
    '',
    `  System Name        : ${hostname}`,
    '  System Contact     : noc@example.net',
    '  System Location    : DC1',
    '',
    '  MAC Age Time (sec) : 300',
    '',
    '  Time Zone          : 0',
    '  Daylight Time Rule : None',
    '',
    pair(`Software revision  : ${id.version}`, `Base MAC Addr      : ${id.baseMac}`),
    pair(`ROM Version        : ${id.romVersion}`, `Serial Number      : ${id.serial}`),
    '',
    pair(`Up Time            : ${formatUptime(id.bootedAt, now)}`, 'Memory   - Total   : 337,498,112'),
    pair('CPU Util (%)       : 3', '           Free    : 212,014,016'),
    '',
    pair(`IP Mgmt  - Pkts Rx : ${packets.toLocaleString('en-US')}`, 'Packet   - Total   : 6600'),
    pair(`           Pkts Tx : ${Math.floor(packets / 2).toLocaleString('en-US')}`, 'Buffers    Free    : 4345'),
    pair('', '           Lowest  : 4223'),
    pair('', '           Missed  : 0'),
    '',
  ].join('\n');
}

/** `show modules`: the chassis line names the product and its serial. */
export function renderShowModules(id: ProCurveIdentity): string {
  return [
    '',
    ' Status and Counters - Module Information',
    '',
    `  Chassis: ${id.modelName} ${id.productNumber.padEnd(10)}        Serial Number:   ${id.serial}`,
    '',
    '  Slot  Module Description                          Serial Number    Status',
    '  ----- ------------------------------------------- ---------------- ----------',
    '',
  ].join('\n');
}

/** `show version`: the image stamp only, no model or serial. */
export function renderShowVersion(version: string): string {
  const branch = version.slice(0, 2).toLowerCase();
  return [
    'Image stamp:    /ws/swbuildm/rel_' + branch + '_qaoff/code/build/anm(swbuildm_rel_' + branch + '_qaoff_rel_' + branch + ')',
    '                Mar 20 2020 14:49:36',
    `                ${version}`,
    '                790',
    'Boot Image:     Primary',
    '',
  ].join('\n');
}
