import type { Decider } from '../shared/decider.js';
import { ForbiddenError, IllegalStateError, ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { requireId, requireName } from '../shared/validation.js';
import { requireRole, roleAtLeast, scopeWithin, type Role } from '../user/roles.js';
import type { ApiTokenCommand, CreateApiToken, RevokeApiToken } from './commands.js';
import type { ApiTokenEvent } from './events.js';

export type ApiTokenState =
  | { readonly status: 'Unknown' }
  | { readonly status: 'Active' | 'Revoked'; readonly tokenId: string; readonly name: string; readonly role: Role; readonly tags: readonly string[] };

export const initialState = (): ApiTokenState => ({ status: 'Unknown' });

export const evolve = (state: ApiTokenState, event: ApiTokenEvent): ApiTokenState => {
  switch (event.type) {
    case 'ApiTokenCreated':
      return { status: 'Active', tokenId: event.data.tokenId, name: event.data.name, role: event.data.role, tags: event.data.tags };
    case 'ApiTokenRevoked':
      return state.status === 'Active' ? { ...state, status: 'Revoked' } : state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

/** A token's name, role and tags, and that they lie within its creator's rights; checked before a token is minted. */
export const validateCreateApiToken = (data: Omit<CreateApiToken['data'], 'tokenId'>): string[] => {
  requireName(data.name);
  requireRole(data.role);
  const tags = normalizeTags(data.tags);
  if (!roleAtLeast(data.creator.role, data.role)) throw new ForbiddenError(`a ${data.creator.role} cannot create a ${data.role} token`);
  if (!scopeWithin(tags, data.creator.tags))
    throw new ForbiddenError(`a token's tags must lie within yours (${data.creator.tags.join(', ')})`);
  return tags;
};

export const createApiToken = (command: CreateApiToken, state: ApiTokenState): ApiTokenEvent[] => {
  const { tokenId, name, role, creator } = command.data;
  requireId(tokenId, 'tokenId');
  const tags = validateCreateApiToken(command.data);
  if (state.status !== 'Unknown') throw new IllegalStateError('API token already exists');
  return [{ type: 'ApiTokenCreated', data: { tokenId, name, role, tags, createdBy: creator.id, createdAt: command.metadata.now.toISOString() } }];
};

export const revokeApiToken = (command: RevokeApiToken, state: ApiTokenState): ApiTokenEvent[] => {
  if (state.status === 'Unknown') throw new IllegalStateError('API token does not exist');
  if (state.status === 'Revoked') return [];
  return [{ type: 'ApiTokenRevoked', data: { tokenId: state.tokenId, revokedAt: command.metadata.now.toISOString() } }];
};

export const decide = (command: ApiTokenCommand, state: ApiTokenState): ApiTokenEvent[] => {
  switch (command.type) {
    case 'CreateApiToken':
      return createApiToken(command, state);
    case 'RevokeApiToken':
      return revokeApiToken(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown API token command ${(command as { type: string }).type}`);
    }
  }
};

export const apiTokenDecider: Decider<ApiTokenCommand, ApiTokenEvent, ApiTokenState> = {
  decide,
  evolve,
  initialState,
  streamName: (tokenId) => `apitoken-${tokenId}`,
};
