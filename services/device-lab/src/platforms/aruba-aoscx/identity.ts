import { fakeSerialChars } from '../../formats/fake-secrets.js';
import { formatIosUptime } from '../../formats/uptime.js';

/** What an AOS-CX switch reports about itself; fixed for the life of a simulated device. */
export interface AosCxIdentity {
  /** The product number, e.g. `JL659A`, first word of `Product Name`. */
  productNumber: string;
  description: string;
  version: string;
  /** The software's name in printouts: `ArubaOS-CX`, `AOS-CX` since 10.15. */
  brand: 'ArubaOS-CX' | 'AOS-CX';
  /** `Vendor` in `show system`: `Aruba`, `HPE ANW` on the renamed releases. */
  vendor: string;
  serial: string;
  baseMac: string;
  bootedAt: Date;
}

type AosCxModel = Pick<AosCxIdentity, 'productNumber' | 'description' | 'version' | 'brand' | 'vendor'>;

const MODELS: readonly AosCxModel[] = [
  { productNumber: 'JL659A', description: '6300M 48SR5 CL6 PoE 4SFP56 Swch', version: 'FL.10.10.1000', brand: 'ArubaOS-CX', vendor: 'Aruba' },
  { productNumber: 'JL675A', description: '6100 48G CL4 4SFP+ Swch', version: 'PL.10.10.1090', brand: 'ArubaOS-CX', vendor: 'Aruba' },
];

/** 10.15 and later call the software `AOS-CX` (Oxidized spec/model/data/aoscx#8325H_HL.10.15.1020). */
export const RENAMED_MODELS: readonly AosCxModel[] = [
  { productNumber: 'JL659A', description: '6300M 48SR5 CL6 PoE 4SFP56 Swch', version: 'FL.10.16.1020', brand: 'AOS-CX', vendor: 'HPE ANW' },
  { productNumber: 'S4B21A', description: 'HPE ANW 8325H 18Y 4C BF 4Fs 2PS Sw', version: 'HL.10.15.1020', brand: 'AOS-CX', vendor: 'HPE ANW' },
];

export function aosCxIdentityFor(index: number, now: Date, models: readonly AosCxModel[] = MODELS): AosCxIdentity {
  const pick = models[index % models.length];
  if (pick === undefined) throw new Error('no AOS-CX model to simulate');
  const uptimeMinutes = 60 * 24 * (6 + (index % 340)) + ((index * 71) % 1440);
  const mac = (0x0c00 + index).toString(16).padStart(6, '0');
  return {
    ...pick,
    serial: `SG${(index % 10).toString()}${fakeSerialChars(`aoscx/${index}`, 7)}`,
    baseMac: `9460d5-${mac}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

const row = (name: string, value: string): string => `${name.padEnd(23)}: ${value}`;

/** `show system`: identity and health in `Name : value` rows; the uptime and CPU rows change all the time. */
export function renderAosCxShowSystem(hostname: string, id: AosCxIdentity, now: Date): string {
  const cpu = Math.floor(now.getTime() / 1_000) % 40;
  return [
    row('Hostname', hostname),
    row('System Description', id.version),
    row('System Contact', 'noc@example.net'),
    row('System Location', 'DC2'),
    '',
    row('Vendor', id.vendor),
    row('Product Name', `${id.productNumber} ${id.description}`),
    row('Chassis Serial Nbr', id.serial),
    row('Base MAC Address', id.baseMac),
    row(`${id.brand} Version`, id.version),
    '',
    row('Time Zone', 'UTC'),
    '',
    row('Up Time', formatIosUptime(id.bootedAt, now)),
    row('CPU Util (%)', String(cpu)),
    row('CPU Util (% avg 1 min)', String(cpu + 2)),
    row('CPU Util (% avg 5 min)', String(cpu + 1)),
    row('Memory Usage (%)', '30'),
    '',
  ].join('\n');
}

/** `show version`: the software only (the Service OS shares the release's platform letters). */
export function renderAosCxShowVersion(version: string, brand: AosCxIdentity['brand'] = 'ArubaOS-CX'): string {
  const serviceOs = `${version.slice(0, 2)}.01.09.0003`;
  const rule = '-'.repeat(77);
  return [
    rule,
    brand,
    '(c) Copyright 2017-2023 Hewlett Packard Enterprise Development LP',
    rule,
    `Version      : ${version}`,
    'Build Date   : 2023-10-03 19:00:03 UTC',
    `Build ID     : ${brand}:${version}:0c9948371ce3:202310031831`,
    'Build SHA    : 0c9948371ce3f70afa872c69606dbc1fb0532e4f',
    'Active Image : primary',
    '',
    `Service OS Version : ${serviceOs}`,
    `BIOS Version       : ${serviceOs.replace(/\.\d+$/, '')}`,
    '',
  ].join('\n');
}

/** `show module`: the management module carries the product number and serial. */
export function renderAosCxShowModule(id: AosCxIdentity): string {
  return [
    '',
    'Management Modules',
    '==================',
    '',
    '     Product                                        Serial',
    'Name Number  Description                            Number     Status',
    '---- ------- -------------------------------------- ---------- ----------------',
    `1/1  ${id.productNumber}  ${id.description.padEnd(38)} ${id.serial} Ready`,
    '',
  ].join('\n');
}
