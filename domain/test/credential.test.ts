import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CreateCredential, CredentialCommand, CredentialEvent } from '../src/credential/index.js';
import { credentialDecider } from '../src/credential/index.js';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const credentialId = 'cred-noc';
const details = {
  name: 'NOC read-only',
  username: 'netraven',
  secretRef: 'vault:kv/netraven/noc#v1',
  fingerprint: 'fp-1111',
};
const fallback = { tags: ['core'], priority: 10 };

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
const update = (changes: { tags?: string[]; priority?: number }): CredentialCommand => ({
  type: 'UpdateCredential',
  data: { credentialId, ...changes },
  metadata,
});
const test = (ok: boolean, category: 'auth' | 'timeout' | null, message = ok ? 'login accepted' : 'login refused'): CredentialCommand => ({
  type: 'RecordCredentialTest',
  data: { credentialId, deviceId: 'dev-1', ok, category, message, durationMs: 42 },
  metadata,
});
const remove: CredentialCommand = { type: 'DeleteCredential', data: { credentialId }, metadata };

const created: CredentialEvent = { type: 'CredentialCreated', data: { credentialId, ...details, ...fallback, createdAt: EARLIER } };
const deleted: CredentialEvent = { type: 'CredentialDeleted', data: { credentialId, deletedAt: EARLIER } };

const Fresh = suite('Credential — when fresh');

Fresh('creating records the vault reference and fingerprint, never a secret', () => {
  given(credentialDecider, [])
    .when(create(fallback))
    .then([{ type: 'CredentialCreated', data: { credentialId, ...details, ...fallback, createdAt: AT } }]);
});

Fresh('a credential created without tags or priority serves only its own devices, at the default priority', () => {
  given(credentialDecider, [])
    .when(create())
    .then([{ type: 'CredentialCreated', data: { credentialId, ...details, tags: [], priority: 100, createdAt: AT } }]);
});

Fresh('tags are stored trimmed, unique and sorted', () => {
  given(credentialDecider, [])
    .when(create({ tags: [' edge', 'core', 'edge'] }))
    .then([{ type: 'CredentialCreated', data: { credentialId, ...details, tags: ['core', 'edge'], priority: 100, createdAt: AT } }]);
});

Fresh('a priority must be a whole number from 0 to 10000', () => {
  for (const priority of [-1, 1.5, 10_001, Number.NaN]) {
    given(credentialDecider, []).when(create({ priority })).thenRefusesField('priority', 'lower is tried first');
  }
  given(credentialDecider, []).when(create({ tags: [''] })).thenRefusesField('tags');
});

for (const field of ['name', 'username', 'secretRef', 'fingerprint'] as const) {
  Fresh(`a blank ${field} is refused`, () => {
    given(credentialDecider, []).when(create({ [field]: '' })).thenThrows(ValidationError, field);
  });
}

Fresh('an unknown credential cannot be rotated, updated, tested or deleted', () => {
  given(credentialDecider, []).when(rotate('vault:x#v2', 'fp-2')).thenThrows(IllegalStateError, 'does not exist');
  given(credentialDecider, []).when(update({ priority: 1 })).thenThrows(IllegalStateError, 'does not exist');
  given(credentialDecider, []).when(test(true, null)).thenThrows(IllegalStateError, 'does not exist');
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

Created('new tags or a new priority are recorded, only what changed', () => {
  given(credentialDecider, [created])
    .when(update({ tags: ['edge', 'core'], priority: 10 }))
    .then([{ type: 'CredentialUpdated', data: { credentialId, changes: { tags: ['core', 'edge'] }, updatedAt: AT } }]);
  given(credentialDecider, [created])
    .when(update({ priority: 5 }))
    .then([{ type: 'CredentialUpdated', data: { credentialId, changes: { priority: 5 }, updatedAt: AT } }]);
});

Created('an update that changes nothing records nothing', () => {
  given(credentialDecider, [created]).when(update({ tags: ['core'], priority: 10 })).thenNothingHappens();
  given(credentialDecider, [created]).when(update({})).thenNothingHappens();
});

Created('a test login is recorded with what the device said, never the secret', () => {
  given(credentialDecider, [created])
    .when(test(false, 'auth'))
    .then([{
      type: 'CredentialTested',
      data: { credentialId, deviceId: 'dev-1', ok: false, category: 'auth', message: 'login refused', durationMs: 42, testedAt: AT },
    }]);
});

Created('a test result must be coherent: success without a category, failure with one', () => {
  given(credentialDecider, [created]).when(test(true, 'auth')).thenRefusesField('category');
  given(credentialDecider, [created]).when(test(false, null)).thenRefusesField('category');
});

Created('deleting records the deletion', () => {
  given(credentialDecider, [created])
    .when(remove)
    .then([{ type: 'CredentialDeleted', data: { credentialId, deletedAt: AT } }]);
});

const Deleted = suite('Credential — when deleted');

Deleted('every command is refused', () => {
  for (const command of [create(), rotate('vault:x#v2', 'fp-2'), update({ priority: 1 }), test(true, null), remove]) {
    given(credentialDecider, [created, deleted]).when(command).thenThrows(IllegalStateError, 'deleted');
  }
});

const Replay = suite('Credential — replaying history');

Replay('evolve keeps the latest secret reference, tags and priority', () => {
  const state = given(credentialDecider, [
    created,
    { type: 'CredentialSecretRotated', data: { credentialId, secretRef: 'vault:x#v2', fingerprint: 'fp-2', rotatedAt: EARLIER } },
    { type: 'CredentialUpdated', data: { credentialId, changes: { priority: 3 }, updatedAt: EARLIER } },
    { type: 'CredentialTested', data: { credentialId, deviceId: 'd', ok: true, category: null, message: 'ok', durationMs: 1, testedAt: EARLIER } },
  ]).state();
  assert.equal(state, { status: 'Active', credentialId, ...details, tags: ['core'], secretRef: 'vault:x#v2', fingerprint: 'fp-2', priority: 3 });
  assert.is(credentialDecider.streamName(credentialId), 'credential-cred-noc');
});

Fresh.run();
Created.run();
Deleted.run();
Replay.run();
