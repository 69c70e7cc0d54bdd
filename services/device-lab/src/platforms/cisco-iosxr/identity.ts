import { fakeSerialChars } from '../../formats/fake-secrets.js';

/** What an IOS XR box reports about itself; fixed for the life of a simulated device. */
export interface IosXrIdentity {
  model: string;
  family: string;
  cpu: string;
  chassisDescription: string;
  version: string;
  workspace: string;
  serial: string;
  bootedAt: Date;
}

const MODELS = [
  {
    model: 'NCS-57B1-5DSE-SYS', family: 'NCS5700', cpu: 'D-1563N @ 2.00GHz', version: '7.9.2', workspace: 'ncs5700',
    description: 'NCS 5700 Fixed 24x400G QSFP DD 36x100G QSFP28 Chassis',
  },
  {
    model: 'ASR-9901', family: 'ASR9K', cpu: 'Intel(R) Xeon(R) CPU D-1541 @ 2.10GHz', version: '7.5.2', workspace: 'asr9k-x64',
    description: 'ASR 9901 Chassis',
  },
] as const;

export function iosXrIdentityFor(index: number, now: Date): IosXrIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeMinutes = 60 * 24 * (10 + (index % 300)) + ((index * 211) % 1440);
  return {
    model: pick.model,
    family: pick.family,
    cpu: pick.cpu,
    chassisDescription: pick.description,
    version: pick.version,
    workspace: `/auto/srcarchive13/prod/${pick.version}/${pick.workspace}/ws`,
    serial: `FOC${2400 + ((index * 29) % 300)}${fakeSerialChars(`iosxr/${index}`, 4)}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

export function renderIosXrShowVersion(hostname: string, id: IosXrIdentity, uptime: string): string {
  return [
    `Cisco IOS XR Software, Version ${id.version} LNT`,
    'Copyright (c) 2013-2023 by Cisco Systems, Inc.',
    '',
    'Build Information:',
    ' Built By     : ingunawa',
    ' Built On     : Mon Jun 19 22:02:36 UTC 2023',
    ' Build Host   : iox-ucs-018',
    ` Workspace    : ${id.workspace}`,
    ` Version      : ${id.version}`,
    ` Label        : ${id.version}`,
    '',
    `cisco ${id.family} (${id.cpu})`,
    `cisco ${id.model} (${id.cpu}) processor with 32GB of memory`,
    `${hostname} uptime is ${uptime}`,
    id.chassisDescription,
    '',
  ].join('\n');
}

export function renderIosXrInventory(id: IosXrIdentity): string {
  return [
    `NAME: "Rack 0", DESCR: "${id.chassisDescription}"`,
    `PID: ${id.model}, VID: V01, SN: ${id.serial}`,
    '',
    'NAME: "0/RP0/CPU0", DESCR: "Route Processor"',
    `PID: ${id.model}, VID: V01, SN: ${id.serial}`,
    '',
  ].join('\n');
}
