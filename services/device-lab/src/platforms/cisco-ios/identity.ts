/** What `show version` reports about the box; fixed for the life of a simulated device. */
export interface CiscoIdentity {
  model: string;
  softwareFamily: string;
  imageFeatureSet: string;
  version: string;
  imageFile: string;
  romVersion: string;
  serial: string;
  memory: string;
  bootedAt: Date;
}

const MODELS = [
  { model: 'CISCO2911/K9', family: 'C2900', version: '15.7(3)M5', image: 'c2900-universalk9-mz.SPA.157-3.M5.bin' },
  { model: 'CISCO1941/K9', family: 'C1900', version: '15.5(3)M11', image: 'c1900-universalk9-mz.SPA.155-3.M11.bin' },
  { model: 'CISCO2921/K9', family: 'C2900', version: '15.4(3)M9', image: 'c2900-universalk9-mz.SPA.154-3.M9.bin' },
  { model: 'CISCO3925/K9', family: 'C3900', version: '15.7(3)M8', image: 'c3900-universalk9-mz.SPA.157-3.M8.bin' },
] as const;

const SERIAL_SUFFIX = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function ciscoIdentityFor(index: number, now: Date): CiscoIdentity {
  const pick = MODELS[index % MODELS.length] ?? MODELS[0];
  const serialNumber = 1500 + ((index * 37) % 8000);
  const suffix = `${SERIAL_SUFFIX[index % SERIAL_SUFFIX.length]}${SERIAL_SUFFIX[(index * 7) % SERIAL_SUFFIX.length]}`;
  const uptimeMinutes = 60 * 24 * (3 + (index % 90)) + ((index * 131) % 1440);
  return {
    model: pick.model,
    softwareFamily: pick.family,
    imageFeatureSet: `${pick.family}-UNIVERSALK9-M`,
    version: pick.version,
    imageFile: `flash0:${pick.image}`,
    romVersion: '15.0(1r)M15',
    serial: `FTX${serialNumber}A${suffix}`,
    memory: '487424K/36864K',
    bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000),
  };
}
