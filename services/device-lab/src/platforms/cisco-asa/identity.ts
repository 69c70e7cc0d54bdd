import { dayName, monthName, timeOfDayMillis } from '../../formats/clock.js';
import { fakeSerialChars } from '../../formats/fake-secrets.js';
import { elapsedSince } from '../../formats/uptime.js';

/** What an ASA reports about itself; fixed for the life of a simulated device. */
export interface AsaIdentity {
  model: string;
  description: string;
  hardware: string;
  version: string;
  asdmVersion: string;
  imageFile: string;
  serial: string;
  bootedAt: Date;
}

const MODELS = [
  {
    model: 'ASA5516', description: 'ASA 5516-X with FirePOWER services, 8GE, AC, DES', version: '9.16(4)', asdm: '7.18(1)',
    hardware: 'ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)', image: 'asa9-16-4-lfbff-k8.SPA',
  },
  {
    model: 'ASA5508', description: 'ASA 5508-X with FirePOWER services, 8GE, AC, DES', version: '9.14(4)', asdm: '7.16(1)',
    hardware: 'ASA5508, 8192 MB RAM, CPU Atom C2000 series 2000 MHz, 1 CPU (8 cores)', image: 'asa9-14-4-lfbff-k8.SPA',
  },
] as const;

export function asaIdentityFor(index: number, now: Date): AsaIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeMinutes = 60 * 24 * (2 + (index % 180)) + ((index * 53) % 1440);
  return {
    model: pick.model,
    description: pick.description,
    hardware: pick.hardware,
    version: pick.version,
    asdmVersion: pick.asdm,
    imageFile: `disk0:/${pick.image}`,
    serial: `JAD${2100 + ((index * 11) % 400)}${fakeSerialChars(`asa/${index}`, 4)}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}

/** `20:03:32.236 UTC Mon Oct 21 2024`, the ASA's clock and `Written by` stamp. */
export function formatAsaTime(at: Date): string {
  return `${timeOfDayMillis(at)} UTC ${dayName(at)} ${monthName(at)} ${at.getUTCDate()} ${at.getUTCFullYear()}`;
}

/** `up 173 days 16 hours`, or `up 2 hours 28 mins` on the first day. */
function formatAsaUptime(bootedAt: Date, now: Date): string {
  const up = elapsedSince(bootedAt, now);
  return up.totalDays > 0 ? `up ${up.totalDays} days ${up.hours} hours` : `up ${up.hours} hours ${up.minutes} mins`;
}

export function renderAsaShowVersion(hostname: string, id: AsaIdentity, now: Date): string {
  return [
    '',
    `Cisco Adaptive Security Appliance Software Version ${id.version} `,
    `Device Manager Version ${id.asdmVersion}`,
    '',
    'Compiled on Mon 06-Jun-22 14:50 GMT by builders',
    `System image file is "${id.imageFile}"`,
    'Config file at boot was "startup-config"',
    '',
    `${hostname} ${formatAsaUptime(id.bootedAt, now)}`,
    '',
    `Hardware:   ${id.hardware}`,
    'Internal ATA Compact Flash, 8192MB',
    'BIOS Flash M25P64 @ 0xfed01000, 16384KB',
    '',
    'Encryption hardware device : Cisco ASA Crypto on-board accelerator (revision 0x1)',
    '                             Number of accelerators: 1',
    '',
    ' 1: Ext: GigabitEthernet1/1  : address is 00a3.8e1d.0001, irq 255',
    ' 2: Ext: GigabitEthernet1/2  : address is 00a3.8e1d.0002, irq 255',
    ' 3: Ext: GigabitEthernet1/3  : address is 00a3.8e1d.0003, irq 255',
    ' 4: Ext: Management1/1       : address is 00a3.8e1d.0000, irq 0',
    '',
    'Licensed features for this platform:',
    'Maximum Physical Interfaces       : Unlimited      perpetual',
    'Maximum VLANs                     : 150            perpetual',
    'Inside Hosts                      : Unlimited      perpetual',
    'Failover                          : Active/Active  perpetual',
    'Encryption-DES                    : Enabled        perpetual',
    'Encryption-3DES-AES               : Enabled        perpetual',
    'Total VPN Peers                   : 300            perpetual',
    '',
    `This platform has an ${id.model.replace('ASA', 'ASA ')} Security Plus license.`,
    '',
    `Serial Number: ${id.serial}`,
    'Running Permanent Activation Key: 0x1234abcd 0x5678ef01 0x9abc2345 0xdef06789 0x0a1b2c3d ',
    'Configuration register is 0x1',
    '',
    'Image type          : Release',
    'Key version         : A',
    '',
    `Configuration last modified by enable_15 at ${formatAsaTime(id.bootedAt)}`,
    '',
  ].join('\n');
}

export function renderAsaInventory(id: AsaIdentity): string {
  return [
    `Name: "Chassis", DESCR: "${id.description}"`,
    `PID: ${id.model.padEnd(18)}, VID: V05     , SN: ${id.serial}`,
    '',
  ].join('\n');
}
