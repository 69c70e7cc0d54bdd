import { ValidationError } from '../shared/errors.js';

/** What a user or API token may do: ADMIN everything, OPERATOR devices and jobs, VIEWER read only. */
export const ROLES = ['ADMIN', 'OPERATOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Readonly<Record<Role, number>> = { VIEWER: 1, OPERATOR: 2, ADMIN: 3 };

export const requireRole = (value: unknown, field = 'role'): Role => {
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value))
    throw new ValidationError(`${field} must be one of ${ROLES.join(', ')}`, field);
  return value as Role;
};

/** True when `role` may do at least what `needed` may. */
export const roleAtLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

/**
 * A tag scope: the empty list means every device. `inner` lies within `outer` when `outer` is
 * unrestricted, or `inner` is restricted to a non-empty subset of `outer`'s tags.
 */
export const scopeWithin = (inner: readonly string[], outer: readonly string[]): boolean =>
  outer.length === 0 || (inner.length > 0 && inner.every((tag) => outer.includes(tag)));
