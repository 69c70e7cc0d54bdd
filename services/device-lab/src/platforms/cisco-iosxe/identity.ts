import { fakeSerialChars } from '../../formats/fake-secrets.js';

/** What `show version` reports about an IOS XE box; fixed for the life of a simulated device. */
export interface IosXeIdentity {
  role: 'switch' | 'router';
  model: string;
  /** Bare model without the `/K9` suffix, as in `switch 1 provision` and license lines. */
  platformName: string;
  version: string;
  /** The train name and the IOS-style version on the second line of `show version`. */
  train: string;
  iosVersion: string;
  imageFamily: string;
  imageFile: string;
  processor: string;
  memory: string;
  serial: string;
  macAddress: string;
  bootedAt: Date;
}

const MODELS = [
  {
    role: 'switch', model: 'C9300-48P', platformName: 'c9300-48p', version: '17.09.04a', train: 'Cupertino', iosVersion: '17.9.4a',
    imageFamily: 'Catalyst L3 Switch Software (CAT9K_IOSXE)', imageFile: 'flash:packages.conf', processor: 'X86', memory: '1338934K/6147K',
    serialPrefix: 'FOC',
  },
  {
    role: 'router', model: 'ISR4331/K9', platformName: 'isr4331', version: '17.06.05', train: 'Bengaluru', iosVersion: '17.6.5',
    imageFamily: 'ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)', imageFile: 'bootflash:isr4300-universalk9.17.06.05.SPA.bin',
    processor: '1RU', memory: '1795999K/6147K', serialPrefix: 'FLM',
  },
] as const;

export function iosXeIdentityFor(index: number, now: Date): IosXeIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const uptimeMinutes = 60 * 24 * (5 + (index % 120)) + ((index * 97) % 1440);
  const mac = (index + 0x10).toString(16).padStart(4, '0');
  return {
    role: pick.role,
    model: pick.model,
    platformName: pick.platformName,
    version: pick.version,
    train: pick.train,
    iosVersion: pick.iosVersion,
    imageFamily: pick.imageFamily,
    imageFile: pick.imageFile,
    processor: pick.processor,
    memory: pick.memory,
    serial: `${pick.serialPrefix}${2200 + ((index * 13) % 300)}${fakeSerialChars(`iosxe/${index}`, 4)}`,
    macAddress: `70:18:a7:e3:${mac.slice(0, 2)}:${mac.slice(2)}`,
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}
