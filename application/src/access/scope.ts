import { ForbiddenError, NotFoundError, scopeWithin } from '@netraven/domain';
import { isScoped, type Actor } from './actor.js';

/** Does a scoped actor see an object with these tags? Unscoped actors see everything. */
export const seesTags = (actor: Actor, tags: readonly string[]): boolean =>
  !isScoped(actor) || tags.some((tag) => actor.tags.includes(tag));

/** An object outside the actor's scope is reported as not found: its existence is not disclosed. */
export function requireVisible<T extends { tags: readonly string[] }>(actor: Actor, row: T | undefined, what: string, field = 'id'): T {
  if (!row || !seesTags(actor, row.tags)) throw new NotFoundError(`${what} not found`, field);
  return row;
}

/** Tags a scoped actor targets (a backup by tag) must lie within its scope, else it would act beyond it; none is fine. */
export function requireTagsWithinScope(actor: Actor, tags: readonly string[], what: string): void {
  if (isScoped(actor) && tags.length > 0 && !scopeWithin(tags, actor.tags))
    throw new ForbiddenError(`${what} must carry only tags of your scope (${actor.tags.join(', ')})`);
}

/** The scope filter the read-model queries take: undefined for an unscoped actor. */
export const scopeOf = (actor: Actor): readonly string[] | undefined => (isScoped(actor) ? actor.tags : undefined);
