import type { DomainEvent } from '../shared/decider.js';
import type { Role } from '../user/roles.js';

/** The token itself is shown once to its creator and stored only as a digest in the auth store. */
export type ApiTokenCreated = DomainEvent<
  'ApiTokenCreated',
  { tokenId: string; name: string; role: Role; tags: string[]; createdBy: string; createdAt: string }
>;
export type ApiTokenRevoked = DomainEvent<'ApiTokenRevoked', { tokenId: string; revokedAt: string }>;

export type ApiTokenEvent = ApiTokenCreated | ApiTokenRevoked;
