import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CredentialVault, type CredentialSecret } from '@netraven/infra/secrets';
import { freshTestDatabase } from '@netraven/infra/testing';
import { RevealedSecrets } from '../src/worker/revealed-secrets.js';

test('one vault read serves concurrent and later tasks until the secret expires; failed reads are not kept', async () => {
  const database = await freshTestDatabase('netraven_secrets');
  const vault = await CredentialVault.open(database.connectionString, new Map([[1, randomBytes(32)]]));
  try {
    const { secretRef } = await vault.store({ username: 'admin', password: 'lab-pass' });
    let reads = 0;
    const counted = { reveal: (ref: string): Promise<CredentialSecret> => { reads += 1; return vault.reveal(ref); } };
    let now = Date.parse('2026-11-30T12:00:00Z');
    const secrets = new RevealedSecrets(counted, () => new Date(now), { ttlMs: 1000 });

    const together = await Promise.all(Array.from({ length: 20 }, () => secrets.reveal(secretRef)));
    assert.ok(together.every((s) => s.username === 'admin' && s.password === 'lab-pass'));
    now += 999;
    await secrets.reveal(secretRef);
    assert.is(reads, 1, 'one read for the lot');
    now += 1;
    assert.is((await secrets.reveal(secretRef)).password, 'lab-pass');
    assert.is(reads, 2, 'read again once expired');

    const missing = randomUUID();
    for (let i = 0; i < 2; i++) await secrets.reveal(missing).then(() => assert.unreachable(), (error: unknown) => assert.match(String(error), /no secret/));
    assert.is(reads, 4, 'a failed read is not kept');
  } finally {
    await vault.close();
    await database.drop();
  }
});

test.run();
