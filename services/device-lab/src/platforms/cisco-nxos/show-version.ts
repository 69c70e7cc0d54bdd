import { formatCtime } from '../../formats/clock.js';
import { elapsedSince } from '../../formats/uptime.js';
import type { NxosIdentity } from './identity.js';

/** NX-OS prints this at every login and at the top of `show version`. */
export const NXOS_COPYRIGHT = [
  'Cisco Nexus Operating System (NX-OS) Software',
  'TAC support: http://www.cisco.com/tac',
  'Copyright (C) 2002-2024, Cisco and/or its affiliates.',
  'All rights reserved.',
  'The copyrights to certain works contained in this software are',
  'owned by other third parties and used and distributed under their own',
  'licenses, such as open source.  This software is provided "as is," and unless',
  'otherwise stated, there is no warranty, express or implied, including but not',
  'limited to warranties of merchantability and fitness for a particular purpose.',
  'Certain components of this software are licensed under',
  'the GNU General Public License (GPL) version 2.0 or',
  'GNU General Public License (GPL) version 3.0  or the GNU',
  'Lesser General Public License (LGPL) Version 2.1 or',
  'Lesser General Public License (LGPL) Version 2.0.',
  'A copy of each such license is available at',
  'http://www.opensource.org/licenses/gpl-2.0.php and',
  'http://opensource.org/licenses/gpl-3.0.html and',
  'http://www.opensource.org/licenses/lgpl-2.1.php and',
  'http://www.gnu.org/licenses/old-licenses/library.txt.',
];

export function renderNxosShowVersion(hostname: string, id: NxosIdentity, now: Date): string {
  const up = elapsedSince(id.bootedAt, now);
  return [
    ...NXOS_COPYRIGHT,
    '',
    'Software',
    `  BIOS: version ${id.biosVersion}`,
    `  NXOS: version ${id.version}`,
    '  BIOS compile time:  05/17/2023',
    `  NXOS image file is: ${id.imageFile}`,
    '  NXOS compile time:  8/20/2024 12:00:00 [08/20/2024 06:31:13]',
    '',
    'Hardware',
    `  cisco Nexus9000 ${id.model} chassis`,
    '  Intel(R) Xeon(R) CPU  @ 1.80GHz with 24633068 kB of memory.',
    `  Processor Board ID ${id.serial}`,
    `  Device name: ${hostname}`,
    '  bootflash:   53298520 kB',
    '',
    `Kernel uptime is ${up.totalDays} day(s), ${up.hours} hour(s), ${up.minutes} minute(s), ${up.seconds} second(s)`,
    '',
    `Last reset at 310210 usecs after ${formatCtime(id.bootedAt)}`,
    '  Reason: Reset Requested by CLI command reload',
    `  System version: ${id.version}`,
    '  Service:',
    '',
    'plugin',
    '  Core Plugin, Ethernet Plugin',
    '',
    'Active Package(s):',
    '',
  ].join('\n');
}

export function renderNxosInventory(id: NxosIdentity): string {
  return [
    `NAME: "Chassis",  DESCR: "Nexus9000 ${id.model} Chassis"`,
    `PID: ${id.pid.padEnd(18)},  VID: V03 ,  SN: ${id.serial}`,
    '',
    `NAME: "Slot 1",  DESCR: "${id.description}"`,
    `PID: ${id.pid.padEnd(18)},  VID: V03 ,  SN: ${id.serial}`,
    '',
  ].join('\n');
}
