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
import { arubaAosCxVariants } from './aruba-aoscx/variants.js';
import { ciscoNxosVariants } from './cisco-nxos/variants.js';
import { fortinetFortiOsVariants } from './fortinet-fortios/variants.js';
import { hpProCurveVariants } from './hp-procurve/variants.js';
import { huaweiVrpVariants } from './huawei-vrp/variants.js';
import { linuxVariants } from './linux/variants.js';

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

/** Other releases or kinds of box of a platform, where their output differs in ways clients must handle. */
const VARIANTS: ReadonlyMap<string, readonly PlatformProfile[]> = new Map([
  ['aruba_aoscx', arubaAosCxVariants],
  ['cisco_nxos', ciscoNxosVariants],
  ['fortinet_fortios', fortinetFortiOsVariants],
  ['hp_procurve', hpProCurveVariants],
  ['huawei_vrp', huaweiVrpVariants],
  ['linux', linuxVariants],
]);

/** The variants of each platform that has some, e.g. `{ aruba_aoscx: ['10.16'] }`. */
export function labPlatformVariants(): Record<string, string[]> {
  return Object.fromEntries([...VARIANTS].map(([id, profiles]) => [id, profiles.map((profile) => profile.variant ?? '')]));
}

export function getLabPlatform(id: string, variant?: string): PlatformProfile {
  const profile = PROFILES.get(id);
  if (!profile) throw new Error(`device lab: unknown platform "${id}"; known platforms: ${labPlatformIds().join(', ')}`);
  if (variant === undefined) return profile;
  const variants = VARIANTS.get(id) ?? [];
  const found = variants.find((candidate) => candidate.variant === variant);
  if (!found) throw new Error(`device lab: ${id} has no variant "${variant}"; known: ${variants.map((candidate) => candidate.variant).join(', ') || 'none'}`);
  return found;
}
