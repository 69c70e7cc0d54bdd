import type { IosXeIdentity } from './identity.js';

const CRYPTO_NOTICE = [
  'This product contains cryptographic features and is subject to United',
  'States and local country laws governing import, export, transfer and',
  'use. Delivery of Cisco cryptographic products does not imply',
  'third-party authority to import, export, distribute or use encryption.',
  'Importers, exporters, distributors and users are responsible for',
  'compliance with U.S. and local country laws. By using this product you',
  'agree to comply with applicable local and U.S. laws and regulations.',
];

function hardwareLines(id: IosXeIdentity): string[] {
  if (id.role === 'router') {
    return [
      `cisco ${id.model} (${id.processor}) processor with ${id.memory} bytes of memory.`,
      `Processor board ID ${id.serial}`,
      'Router operating mode: Autonomous',
      '3 Gigabit Ethernet interfaces',
      '32768K bytes of non-volatile configuration memory.',
      '4194304K bytes of physical memory.',
      '3223551K bytes of flash memory at bootflash:.',
      '',
      'Configuration register is 0x2102',
    ];
  }
  return [
    `cisco ${id.model} (${id.processor}) processor with ${id.memory} bytes of memory.`,
    `Processor board ID ${id.serial}`,
    '2048K bytes of non-volatile configuration memory.',
    '8388608K bytes of physical memory.',
    '11264000K bytes of Flash at flash:.',
    '',
    `Base Ethernet MAC Address          : ${id.macAddress}`,
    `Model Number                       : ${id.model}`,
    `System Serial Number               : ${id.serial}`,
    '',
    'Switch Ports Model              SW Version        SW Image              Mode   ',
    '------ ----- -----              ----------        ----------            ----   ',
    `*    1 64    ${id.model.padEnd(19)}${id.version.padEnd(18)}CAT9K_IOSXE           INSTALL`,
    '',
    '',
    'Configuration register is 0x102',
  ];
}

export function renderIosXeShowVersion(hostname: string, id: IosXeIdentity, uptime: string): string {
  return [
    `Cisco IOS XE Software, Version ${id.version}`,
    `Cisco IOS Software [${id.train}], ${id.imageFamily}, Version ${id.iosVersion}, RELEASE SOFTWARE (fc3)`,
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
    'Compiled Fri 20-Oct-23 10:44 by mcpre',
    '',
    '',
    'Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.',
    'All rights reserved.  Certain components of Cisco IOS-XE software are',
    'licensed under the GNU General Public License ("GPL") Version 2.0.',
    '',
    '',
    'ROM: IOS-XE ROMMON',
    '',
    `${hostname} uptime is ${uptime}`,
    `Uptime for this control processor is ${uptime}`,
    'System returned to ROM by Reload Command',
    `System image file is "${id.imageFile}"`,
    'Last reload reason: Reload Command',
    '',
    '',
    '',
    ...CRYPTO_NOTICE,
    '',
    '',
    'Smart Licensing Status: Smart Licensing Using Policy',
    '',
    ...hardwareLines(id),
    '',
  ].join('\n');
}
