import { ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { requireId } from '../shared/validation.js';
import type { BackupPolicyRules, BackupPolicyScope } from './events.js';
import { PATTERN_LIMITS, requireSafePattern } from './pattern-safety.js';

export const STALENESS_LIMITS = { minHours: 1, maxHours: 24 * 366 } as const;
export const DEFAULT_STALE_AFTER_HOURS = 26;

/** Exactly one of `tag` and `deviceId`. */
export function validateBackupPolicyScope(input: { tag?: string | null; deviceId?: string | null }): BackupPolicyScope {
  const hasTag = input.tag != null;
  const hasDevice = input.deviceId != null;
  if (hasTag === hasDevice) throw new ValidationError('name exactly one of tag and deviceId', hasTag ? 'deviceId' : 'tag');
  if (hasTag) return { kind: 'tag', tag: normalizeTags([input.tag], 'tag')[0] as string };
  return { kind: 'device', deviceId: requireId(input.deviceId, 'deviceId') };
}

function patterns(list: unknown, field: string): string[] {
  if (list == null) return [];
  if (!Array.isArray(list)) throw new ValidationError(`${field} must be a list of patterns`, field);
  if (list.length > PATTERN_LIMITS.count) throw new ValidationError(`${field} may hold at most ${PATTERN_LIMITS.count} patterns (got ${list.length})`, field);
  return [...new Set(list.map((pattern: unknown) => requireSafePattern(pattern, field)))];
}

export function validateBackupPolicyRules(input: { volatile?: readonly unknown[] | null; secrets?: readonly unknown[] | null; staleAfterHours?: number | null }): BackupPolicyRules {
  const hours = input.staleAfterHours ?? null;
  if (hours !== null && (!Number.isInteger(hours) || hours < STALENESS_LIMITS.minHours || hours > STALENESS_LIMITS.maxHours)) {
    throw new ValidationError(`staleAfterHours must be a whole number of hours from ${STALENESS_LIMITS.minHours} to ${STALENESS_LIMITS.maxHours}`, 'staleAfterHours');
  }
  return { volatile: patterns(input.volatile, 'volatile'), secrets: patterns(input.secrets, 'secrets'), staleAfterHours: hours };
}

export const isEmptyPolicy = (rules: BackupPolicyRules): boolean => rules.volatile.length === 0 && rules.secrets.length === 0 && rules.staleAfterHours === null;
