import { aristaEos } from './arista-eos.js';
import { arubaAosCx } from './aruba-aoscx.js';
import { ciscoAsa } from './cisco-asa.js';
import { ciscoIos } from './cisco-ios.js';
import { ciscoIosXe } from './cisco-iosxe.js';
import { ciscoIosXr } from './cisco-iosxr.js';
import { ciscoNxos } from './cisco-nxos.js';
import { dellOs10 } from './dell-os10.js';
import { fortinetFortiOs } from './fortinet-fortios.js';
import { hpProCurve } from './hp-procurve.js';
import { huaweiVrp } from './huawei-vrp.js';
import { juniperJunos } from './juniper-junos.js';
import { linux, linuxFiles } from './linux.js';
import { mikrotikRouterOs } from './mikrotik-routeros.js';
import { paloAltoPanOs } from './paloalto-panos.js';
import type { Platform } from './platform.js';

export type { EnableStep, FactPatterns, PagerRule, Platform, SecretRule } from './platform.js';
export { parseFacts } from './facts-parser.js';
export {
  aristaEos, arubaAosCx, ciscoAsa, ciscoIos, ciscoIosXe, ciscoIosXr, ciscoNxos, dellOs10, fortinetFortiOs, hpProCurve, huaweiVrp, juniperJunos,
  linux, linuxFiles, mikrotikRouterOs, paloAltoPanOs,
};

// A new vendor is one file next to this one, its import above and its entry here.
const CATALOG: ReadonlyMap<string, Platform> = new Map(
  [
    ciscoIos, ciscoIosXe, ciscoNxos, ciscoIosXr, ciscoAsa, aristaEos, dellOs10,
    juniperJunos, hpProCurve, arubaAosCx, mikrotikRouterOs, fortinetFortiOs, paloAltoPanOs, huaweiVrp, linux,
  ].map((platform) => [platform.id, platform]),
);

export function getPlatform(id: string): Platform {
  const platform = CATALOG.get(id);
  if (!platform) throw new Error(`unknown platform "${id}"; known platforms: ${[...CATALOG.keys()].join(', ')}`);
  return platform;
}

export function listPlatforms(): Platform[] {
  return [...CATALOG.values()];
}
