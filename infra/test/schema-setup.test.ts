import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PostgresEventStore } from '../src/eventstore/index.js';
import { CredentialVault } from '../src/secrets/index.js';
import { freshTestDatabase } from '../src/testing/index.js';

test('several processes opening the stores at once on a fresh database all succeed', async () => {
  const database = await freshTestDatabase('netraven_schema');
  try {
    const key = new Map([[1, randomBytes(32)]]);
    const opened = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => PostgresEventStore.open({ connectionString: database.connectionString, poolSize: 2 })),
      ...Array.from({ length: 6 }, () => CredentialVault.open(database.connectionString, key)),
    ]);
    const failures = opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
    for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
    assert.equal(failures, []);
  } finally {
    await database.drop();
  }
});

test.run();
