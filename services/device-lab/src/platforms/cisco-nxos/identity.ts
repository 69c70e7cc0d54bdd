import { fakeSerialChars } from '../../formats/fake-secrets.js';

/** What an NX-OS box reports about itself; fixed for the life of a simulated device. */
export interface NxosIdentity {
  /** As `show version` names the chassis: `C93180YC-EX` in `cisco Nexus9000 C93180YC-EX chassis`. */
  model: string;
  pid: string;
  description: string;
  version: string;
  imageFile: string;
  biosVersion: string;
  serial: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'C93180YC-EX', description: '48x10/25G + 6x40/100G Ethernet Module', version: '9.3(10)', image: 'nxos.9.3.10.bin', bios: '07.69' },
  { model: 'C93108TC-EX', description: '48x10GT + 6x40/100G Ethernet Module', version: '10.3(6)', image: 'nxos64-cs.10.3.6.M.bin', bios: '07.71' },
] as const;

export function nxosIdentityFor(index: number, now: Date): NxosIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeSeconds = 86_400 * (20 + (index % 200)) + ((index * 3_727) % 86_400);
  return {
    model: pick.model,
    pid: `N9K-${pick.model}`,
    description: pick.description,
    version: pick.version,
    imageFile: `bootflash:///${pick.image}`,
    biosVersion: pick.bios,
    serial: `FDO${2300 + ((index * 17) % 400)}${fakeSerialChars(`nxos/${index}`, 4)}`,
    bootedAt: new Date(now.getTime() - uptimeSeconds * 1_000),
  };
}
