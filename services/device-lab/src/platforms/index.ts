import type { PlatformProfile } from '../simulation/platform-profile.js';
import { aristaEos } from './arista-eos/index.js';
import { arubaAosCx } from './aruba-aoscx/index.js';
import { ciscoAsa } from './cisco-asa/index.js';
import { ciscoIos } from './cisco-ios/index.js';
import { ciscoIosXe } from './cisco-iosxe/index.js';
import { ciscoIosXr } from './cisco-iosxr/index.js';
import { ciscoNxos } from './cisco-nxos/index.js';
import { dellOs10 } from './dell-os10/index.js';
import { fortinetFortiOs } from './fortinet-fortios/index.js';
import { hpProCurve } from './hp-procurve/index.js';
import { huaweiVrp } from './huawei-vrp/index.js';
import { juniperJunos } from './juniper-junos/index.js';
import { linuxServer } from './linux/index.js';
import { mikrotikRouterOs } from './mikrotik-routeros/index.js';
import { paloAltoPanOs } from './paloalto-panos/index.js';

export const DEFAULT_PLATFORM = 'cisco_ios';

// A new vendor is one folder next to this file, its import above and its entry here.
const PROFILES: ReadonlyMap<string, PlatformProfile> = new Map(
  [
    ciscoIos, ciscoIosXe, ciscoNxos, ciscoIosXr, ciscoAsa, aristaEos, dellOs10,
    juniperJunos, hpProCurve, arubaAosCx, mikrotikRouterOs, fortinetFortiOs, paloAltoPanOs, huaweiVrp, linuxServer,
  ].map((profile) => [profile.id, profile]),
);

export function labPlatformIds(): string[] {
  return [...PROFILES.keys()];
}

export function getLabPlatform(id: string): PlatformProfile {
  const profile = PROFILES.get(id);
  if (!profile) throw new Error(`device lab: unknown platform "${id}"; known platforms: ${labPlatformIds().join(', ')}`);
  return profile;
}
