import { aristaEos } from './arista-eos.js';
import { ciscoAsa } from './cisco-asa.js';
import { ciscoIos } from './cisco-ios.js';
import { ciscoIosXe } from './cisco-iosxe.js';
import { ciscoIosXr } from './cisco-iosxr.js';
import { ciscoNxos } from './cisco-nxos.js';
import { dellOs10 } from './dell-os10.js';
import type { Platform } from './platform.js';

export type { EnableStep, FactPatterns, PagerRule, Platform, SecretRule } from './platform.js';
export { parseFacts } from './facts-parser.js';
export { aristaEos, ciscoAsa, ciscoIos, ciscoIosXe, ciscoIosXr, ciscoNxos, dellOs10 };

// A new vendor is one file next to this one, its import above and its entry here.
const CATALOG: ReadonlyMap<string, Platform> = new Map(
  [ciscoIos, ciscoIosXe, ciscoNxos, ciscoIosXr, ciscoAsa, aristaEos, dellOs10].map((platform) => [platform.id, platform]),
);

export function getPlatform(id: string): Platform {
  const platform = CATALOG.get(id);
  if (!platform) throw new Error(`unknown platform "${id}"; known platforms: ${[...CATALOG.keys()].join(', ')}`);
  return platform;
}

export function listPlatforms(): Platform[] {
  return [...CATALOG.values()];
}
