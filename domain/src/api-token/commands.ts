import type { Command } from '../shared/decider.js';
import type { Role } from '../user/roles.js';

/** `creator` is who asks: a token never gets more than its creator has. */
export type CreateApiToken = Command<
  'CreateApiToken',
  { tokenId: string; name: string; role: Role; tags: string[]; creator: { id: string; role: Role; tags: readonly string[] } }
>;
export type RevokeApiToken = Command<'RevokeApiToken', { tokenId: string }>;

export type ApiTokenCommand = CreateApiToken | RevokeApiToken;
