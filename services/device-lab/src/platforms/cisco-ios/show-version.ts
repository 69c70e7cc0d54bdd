import type { CiscoIdentity } from './identity.js';

export interface ShowVersionInput {
  hostname: string;
  identity: CiscoIdentity;
  uptime: string;
}

export function renderShowVersion({ hostname, identity, uptime }: ShowVersionInput): string {
  const id = identity;
  return [
    `Cisco IOS Software, ${id.softwareFamily} Software (${id.imageFeatureSet}), Version ${id.version}, RELEASE SOFTWARE (fc1)`,
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2019 by Cisco Systems, Inc.',
    'Compiled Thu 31-Jan-19 12:21 by prod_rel_team',
    '',
    `ROM: System Bootstrap, Version ${id.romVersion}, RELEASE SOFTWARE (fc1)`,
    '',
    `${hostname} uptime is ${uptime}`,
    'System returned to ROM by power-on',
    `System image file is "${id.imageFile}"`,
    'Last reload type: Normal Reload',
    '',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    '',
    `Cisco ${id.model} (revision 1.0) with ${id.memory} bytes of memory.`,
    `Processor board ID ${id.serial}`,
    '3 Gigabit Ethernet interfaces',
    'DRAM configuration is 64 bits wide with parity enabled.',
    '255K bytes of non-volatile configuration memory.',
    '250880K bytes of ATA System CompactFlash 0 (Read/Write)',
    '',
    '',
    'License Info:',
    '',
    'License UDI:',
    '',
    '-------------------------------------------------',
    'Device#   PID                   SN',
    '-------------------------------------------------',
    `*0        ${id.model.padEnd(22)}${id.serial}`,
    '',
    '',
    'Configuration register is 0x2102',
    '',
    '',
  ].join('\n');
}
