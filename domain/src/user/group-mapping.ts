import { ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { requireRole, roleAtLeast, type Role } from './roles.js';

/** One rule of an identity provider's group mapping: members of `group` get `role`, limited to `tags` (empty: every device). */
export interface GroupRule {
  readonly group: string;
  readonly role: Role;
  readonly tags: readonly string[];
}

/**
 * Parses `group=ROLE[:tag,tag];group=ROLE...` (`NETRAVEN_OIDC_GROUPS`), e.g.
 * `netops-admins=ADMIN;netops=OPERATOR:core,edge;noc=VIEWER`.
 */
export function parseGroupMapping(text: string, field = 'NETRAVEN_OIDC_GROUPS'): GroupRule[] {
  const rules = text.split(';').map((part) => part.trim()).filter(Boolean).map((part): GroupRule => {
    const match = /^([^=]+)=([A-Za-z]+)(?::(.*))?$/.exec(part);
    if (!match?.[1] || !match[2]) throw new ValidationError(`${field}: "${part}" is not group=ROLE or group=ROLE:tag,tag`, field);
    const tags = match[3] === undefined ? [] : match[3].split(',').map((t) => t.trim()).filter(Boolean);
    return { group: match[1].trim(), role: requireRole(match[2].toUpperCase(), field), tags: normalizeTags(tags, field) };
  });
  if (rules.length === 0) throw new ValidationError(`${field} maps no group: nobody could sign in`, field);
  return rules;
}

/**
 * The role and tags a member of `groups` gets: the highest role among the rules that match, with the
 * union of those rules' tags (a matching rule of that role without tags means every device).
 * `undefined` when no rule matches: such a user is refused.
 */
export function mapGroups(rules: readonly GroupRule[], groups: readonly string[]): { role: Role; tags: string[] } | undefined {
  const matching = rules.filter((rule) => groups.includes(rule.group));
  if (matching.length === 0) return undefined;
  const role = matching.map((r) => r.role).reduce((best, r) => (roleAtLeast(r, best) ? r : best));
  const top = matching.filter((r) => r.role === role);
  const tags = top.some((r) => r.tags.length === 0) ? [] : [...new Set(top.flatMap((r) => r.tags))].sort();
  return { role, tags };
}
