import { fakeSerialChars } from '../../formats/fake-secrets.js';

/** What a Junos router reports about itself; fixed for the life of a simulated device. */
export interface JunosIdentity {
  /** Lower case, as `show version` prints it: `mx204`. */
  model: string;
  version: string;
  serial: string;
  /** The build stamps of the `JUNOS ...` package lines. */
  osBuild: string;
  packageBuild: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'mx204', version: '21.4R3.15', osBuild: '20221021.b43e0d6_builder_stable_12_214', packageBuild: '20221103.092548_builder_junos_214_r3' },
  { model: 'mx10003', version: '22.4R3-S2.11', osBuild: '20240418.8fa8b13_builder_stable_12_224', packageBuild: '20240510.204539_builder_junos_224_r3_s2' },
] as const;

export function junosIdentityFor(index: number, now: Date): JunosIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeMinutes = 60 * 24 * (15 + (index % 200)) + ((index * 89) % 1440);
  return {
    model: pick.model,
    version: pick.version,
    serial: `JN1${fakeSerialChars(`junos/${index}`, 9)}`,
    osBuild: pick.osBuild,
    packageBuild: pick.packageBuild,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

/** `show version` of Junos 21+ (no per-package versions any more, only build stamps), then the blank line Junos ends output with. */
export function renderJunosShowVersion(hostname: string, id: JunosIdentity): string {
  const os = (name: string): string => `JUNOS ${name} [${id.osBuild}]`;
  const pkg = (name: string): string => `JUNOS ${name} [${id.packageBuild}]`;
  return [
    `Hostname: ${hostname}`,
    `Model: ${id.model}`,
    `Junos: ${id.version}`,
    os('OS Kernel 64-bit '),
    os('OS libs'),
    os('OS runtime'),
    os('OS time zone information'),
    pkg('network stack and utilities'),
    pkg('libs'),
    os('OS libs compat32'),
    os('OS 32-bit compatibility'),
    pkg('libs compat32'),
    pkg('runtime'),
    pkg('Packet Forwarding Engine Simulation Package'),
    pkg('sflow mx'),
    pkg('py extensions'),
    pkg('Routing Engine Software Suite'),
    pkg('Packet Forwarding Engine Support (MX/EX92XX Common)'),
    pkg('Online Documentation'),
    '',
  ].join('\n').concat('\n');
}

/** `show chassis hardware`: the chassis row carries no version or part number, only the serial. */
export function renderJunosChassisHardware(id: JunosIdentity): string {
  const upper = id.model.toUpperCase();
  const part = (seed: string): string => `ACP${fakeSerialChars(`${id.serial}/${seed}`, 5)}`;
  const row = (item: string, version: string, partNumber: string, serial: string, description: string): string =>
    `${item.padEnd(17)}${version.padEnd(9)}${partNumber.padEnd(13)}${serial.padEnd(18)}${description}`.trimEnd();
  return [
    'Hardware inventory:',
    row('Item', 'Version', 'Part number', 'Serial number', 'Description'),
    row('Chassis', '', '', id.serial, upper),
    row('Midplane', 'REV 29', '750-085073', part('midplane'), upper),
    row('Routing Engine 0', '', 'BUILTIN', 'BUILTIN', 'RE-S-1600x8'),
    row('FPC 0', '', 'BUILTIN', 'BUILTIN', `MPC-${upper}`),
    row('  PIC 0', '', 'BUILTIN', 'BUILTIN', '4XQSFP28 PIC'),
    row('    Xcvr 0', 'REV 01', '740-058734', part('xcvr0'), 'QSFP-100GBASE-SR4'),
    row('  PIC 1', '', 'BUILTIN', 'BUILTIN', '8XSFPP PIC'),
    row('Power Supply 0', 'REV 03', '740-070383', part('psu0'), 'AC AFO 650W PSU'),
    row('Power Supply 1', 'REV 03', '740-070383', part('psu1'), 'AC AFO 650W PSU'),
    row('Fan Tray 0', '', '', '', 'Fan Tray, Front to Back Airflow - AFO'),
    row('Fan Tray 1', '', '', '', 'Fan Tray, Front to Back Airflow - AFO'),
    '',
  ].join('\n').concat('\n');
}
