import { ciscoIos } from './cisco-ios.js';
import type { Platform } from './platform.js';

export type { EnableStep, FactPatterns, PagerRule, Platform, SecretRule } from './platform.js';
export { parseFacts } from './facts-parser.js';
export { ciscoIos };

// A new vendor is one file next to this one and one line here.
const CATALOG: ReadonlyMap<string, Platform> = new Map([ciscoIos].map((platform) => [platform.id, platform]));

export function getPlatform(id: string): Platform {
  const platform = CATALOG.get(id);
  if (!platform) throw new Error(`unknown platform "${id}"; known platforms: ${[...CATALOG.keys()].join(', ')}`);
  return platform;
}

export function listPlatforms(): Platform[] {
  return [...CATALOG.values()];
}
