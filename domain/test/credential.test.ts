import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CreateCredential, CredentialCommand, CredentialEvent } from '../src/credential/index.js';
import { credentialDecider } from '../src/credential/index.js';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const credentialId = 'cred-noc';
const details: Omit<CreateCredential['data'], 'credentialId'> = {
  name: 'NOC read-only',
  username: 'netraven',
  secretRef: 'vault:kv/netraven/noc#v1',
  fingerprint: 'fp-1111',
};

const create = (overrides: Partial<CreateCredential['data']> = {}): CredentialCommand => ({
  type: 'CreateCredential',
  data: { credentialId, ...details, ...overrides },
  metadata,
});
const rotate = (secretRef: string, fingerprint: string): CredentialCommand => ({
  type: 'RotateCredentialSecret',
  data: { credentialId, secretRef, fingerprint },
  metadata,
});
const remove: CredentialCommand = { type: 'DeleteCredential', data: { credentialId }, metadata };

const created: CredentialEvent = { type: 'CredentialCreated', data: { credentialId, ...details, createdAt: EARLIER } };
const deleted: CredentialEvent = { type: 'CredentialDeleted', data: { credentialId, deletedAt: EARLIER } };

const Fresh = suite('Credential — when fresh');

Fresh('creating records the vault reference and fingerprint, never a secret', () => {
  given(credentialDecider, [])
    .when(create())
    .then([{ type: 'CredentialCreated', data: { credentialId, ...details, createdAt: AT } }]);
});

for (const field of ['name', 'username', 'secretRef', 'fingerprint'] as const) {
  Fresh(`a blank ${field} is refused`, () => {
    given(credentialDecider, []).when(create({ [field]: '' })).thenThrows(ValidationError, field);
  });
}

Fresh('an unknown credential cannot be rotated or deleted', () => {
  given(credentialDecider, []).when(rotate('vault:x#v2', 'fp-2')).thenThrows(IllegalStateError, 'does not exist');
  given(credentialDecider, []).when(remove).thenThrows(IllegalStateError, 'does not exist');
});

const Created = suite('Credential — when created');

Created('creating again is refused', () => {
  given(credentialDecider, [created]).when(create()).thenThrows(IllegalStateError, 'already exists');
});

Created('rotating to a new secret records the new reference and fingerprint', () => {
  given(credentialDecider, [created])
    .when(rotate('vault:kv/netraven/noc#v2', 'fp-2222'))
    .then([
      {
        type: 'CredentialSecretRotated',
        data: { credentialId, secretRef: 'vault:kv/netraven/noc#v2', fingerprint: 'fp-2222', rotatedAt: AT },
      },
    ]);
});

Created('rotating to the secret it already has records nothing', () => {
  given(credentialDecider, [created]).when(rotate(details.secretRef, details.fingerprint)).thenNothingHappens();
});

Created('a rotation needs a reference and a fingerprint', () => {
  given(credentialDecider, [created]).when(rotate('', 'fp-2')).thenThrows(ValidationError, 'secretRef');
  given(credentialDecider, [created]).when(rotate('vault:x#v2', ' ')).thenThrows(ValidationError, 'fingerprint');
});

Created('deleting records the deletion', () => {
  given(credentialDecider, [created])
    .when(remove)
    .then([{ type: 'CredentialDeleted', data: { credentialId, deletedAt: AT } }]);
});

const Deleted = suite('Credential — when deleted');

Deleted('every command is refused', () => {
  for (const command of [create(), rotate('vault:x#v2', 'fp-2'), remove]) {
    given(credentialDecider, [created, deleted]).when(command).thenThrows(IllegalStateError, 'deleted');
  }
});

const Replay = suite('Credential — replaying history');

Replay('evolve keeps the latest secret reference', () => {
  const state = given(credentialDecider, [
    created,
    {
      type: 'CredentialSecretRotated',
      data: { credentialId, secretRef: 'vault:x#v2', fingerprint: 'fp-2', rotatedAt: EARLIER },
    },
  ]).state();
  assert.equal(state, { status: 'Active', credentialId, ...details, secretRef: 'vault:x#v2', fingerprint: 'fp-2' });
  assert.is(credentialDecider.streamName(credentialId), 'credential-cred-noc');
});

Fresh.run();
Created.run();
Deleted.run();
Replay.run();
