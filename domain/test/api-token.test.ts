import { suite } from 'uvu';
import { apiTokenDecider, type ApiTokenCommand, type ApiTokenEvent } from '../src/api-token/index.js';
import { ForbiddenError, IllegalStateError } from '../src/shared/errors.js';
import type { Role } from '../src/user/roles.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const tokenId = 'token-1';
const create = (role: Role, tags: string[], creator: { role: Role; tags: string[] }): ApiTokenCommand => ({
  type: 'CreateApiToken', data: { tokenId, name: 'backup-script', role, tags, creator: { id: 'user-ann', ...creator } }, metadata,
});
const revoke: ApiTokenCommand = { type: 'RevokeApiToken', data: { tokenId }, metadata };
const created: ApiTokenEvent = {
  type: 'ApiTokenCreated', data: { tokenId, name: 'backup-script', role: 'VIEWER', tags: ['core'], createdBy: 'user-ann', createdAt: EARLIER },
};

const New = suite('API token — when new');

New('a token gets the role and tags asked for, within its creator’s', () => {
  given(apiTokenDecider, []).when(create('VIEWER', ['core'], { role: 'OPERATOR', tags: ['core', 'edge'] }))
    .then([{ ...created, data: { ...created.data, createdAt: AT } } as ApiTokenEvent]);
});

New('a token above its creator’s role is refused', () => {
  given(apiTokenDecider, []).when(create('ADMIN', [], { role: 'OPERATOR', tags: [] })).thenThrows(ForbiddenError, 'OPERATOR');
});

New('a scoped creator cannot make an unscoped token, nor one with tags outside its own', () => {
  given(apiTokenDecider, []).when(create('VIEWER', [], { role: 'OPERATOR', tags: ['core'] })).thenThrows(ForbiddenError, 'tags');
  given(apiTokenDecider, []).when(create('VIEWER', ['dmz'], { role: 'OPERATOR', tags: ['core'] })).thenThrows(ForbiddenError, 'tags');
});

New('an unknown token cannot be revoked', () => {
  given(apiTokenDecider, []).when(revoke).thenThrows(IllegalStateError, 'does not exist');
});

const Active = suite('API token — when active');

Active('revoking records it once', () => {
  given(apiTokenDecider, [created]).when(revoke).then([{ type: 'ApiTokenRevoked', data: { tokenId, revokedAt: AT } }]);
  given(apiTokenDecider, [created, { type: 'ApiTokenRevoked', data: { tokenId, revokedAt: EARLIER } } as ApiTokenEvent]).when(revoke).thenNothingHappens();
});

New.run();
Active.run();
