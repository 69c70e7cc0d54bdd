import { suite } from 'uvu';
import type { CreateCredential, CredentialCommand } from '../src/credential/index.js';
import { credentialDecider } from '../src/credential/index.js';
import { AT, given, metadata } from './decider-spec.js';

const details: CreateCredential['data'] = {
  credentialId: 'cred-noc',
  name: 'NOC read-only',
  username: 'netraven',
  secretRef: 'vault:kv/netraven/noc#v1',
  fingerprint: 'fp-1111',
};
const create = (overrides: Record<string, unknown>): CredentialCommand =>
  ({ type: 'CreateCredential', data: { ...details, ...overrides }, metadata }) as CredentialCommand;

const Limits = suite('Credential input — limits');

Limits('a name or username of 255 characters is accepted', () => {
  const data = { ...details, name: 'n'.repeat(255), username: 'u'.repeat(255) };
  given(credentialDecider, []).when(create(data)).then([{ type: 'CredentialCreated', data: { ...data, tags: [], priority: 100, createdAt: AT } }]);
});

for (const field of ['name', 'username'] as const) {
  Limits(`a ${field} of 256 characters, with control characters or of the wrong type is refused`, () => {
    given(credentialDecider, []).when(create({ [field]: 'x'.repeat(256) })).thenRefusesField(field, 'at most 255');
    given(credentialDecider, []).when(create({ [field]: 'net\u0000raven' })).thenRefusesField(field, 'control characters');
    given(credentialDecider, []).when(create({ [field]: { $gt: '' } })).thenRefusesField(field);
  });
}

Limits.run();
