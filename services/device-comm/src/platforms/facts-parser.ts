import type { DeviceFacts } from '@netraven/domain';
import type { FactPatterns } from './platform.js';

/** Reads facts from version output with a platform's patterns; a fact not found is left out. */
export function parseFacts(versionOutput: string, patterns: FactPatterns): DeviceFacts {
  const facts: DeviceFacts = {};
  for (const fact of ['hostname', 'model', 'serial', 'osVersion'] as const) {
    const value = patterns[fact]?.exec(versionOutput)?.[1];
    if (value !== undefined && value !== '') facts[fact] = value;
  }
  return facts;
}
