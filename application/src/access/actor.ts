import type { Role } from '@netraven/domain';

/**
 * Who is asking. Users sign in; tokens are API tokens for scripts; `system` is NetRaven itself
 * (the lab bootstrap, benchmarks) and has every right; anonymous may only sign in.
 */
export interface Actor {
  readonly kind: 'user' | 'token' | 'anonymous' | 'system';
  readonly id: string;
  readonly name: string;
  readonly role: Role | null;
  /** Tag scope: empty means every device. */
  readonly tags: readonly string[];
  /** A user whose password must change first may only change it and ask who it is. */
  readonly passwordChangeRequired?: boolean;
  /** The sign-in session (refresh-token family) a user's access token belongs to. */
  readonly sessionId?: string;
  /** Why a presented token was not accepted: the request runs as anonymous and this is what it is told. */
  readonly rejection?: string;
}

export const ANONYMOUS: Actor = { kind: 'anonymous', id: 'anonymous', name: 'anonymous', role: null, tags: [] };

export const systemActor = (name: string): Actor => ({ kind: 'system', id: `system:${name}`, name, role: 'ADMIN', tags: [] });

/** How events record the actor (`metadata.actor`): `user:<username>`, `token:<name>`, `system:<name>`. */
export const actorLabel = (actor: Actor): string =>
  actor.kind === 'system' ? actor.id : actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.name}`;

/** A scoped actor sees only devices carrying one of its tags. */
export const isScoped = (actor: Actor): boolean => actor.tags.length > 0;
