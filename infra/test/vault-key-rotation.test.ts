import { readFileSync } from 'node:fs';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CredentialVault, loadVaultKeys, rotateVaultKeyFile, type CredentialSecret } from '../src/secrets/index.js';
import { freshTestDatabase, tempDir, type TempDir } from '../src/testing/index.js';
import type { FreshDatabase } from '../src/db/index.js';

interface Context {
  database: FreshDatabase;
  dir: TempDir;
  keyFile: string;
  /** A NetRaven process that runs throughout the rotation. */
  running: CredentialVault;
  stored: Array<{ ref: string; secret: CredentialSecret }>;
}

const rotation = suite<Context>('vault key rotation: versioned keys, re-encryption in batches, while NetRaven runs');

rotation.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_vault');
  ctx.dir = await tempDir('netraven-vault-');
  ctx.keyFile = `${ctx.dir.path}/vault.key`;
  ctx.running = await CredentialVault.open(ctx.database.connectionString, () => loadVaultKeys({ keyFile: ctx.keyFile }));
  ctx.stored = [];
  for (let i = 0; i < 120; i++) {
    const secret = { username: `user${i}`, password: `Rotation-Secret-${i}`, ...(i % 2 ? { enablePassword: `Enable-${i}` } : {}) };
    ctx.stored.push({ ref: (await ctx.running.store(secret)).secretRef, secret });
  }
});

rotation.after.each(async (ctx) => {
  await ctx.running.close();
  await ctx.database.drop();
  await ctx.dir.remove();
});

async function versions(ctx: Context): Promise<Record<number, number>> {
  const client = new pg.Client({ connectionString: ctx.database.connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: number; n: string }>('SELECT key_version AS v, count(*) AS n FROM vault.secrets GROUP BY 1');
    return Object.fromEntries(rows.map((r) => [r.v, Number(r.n)]));
  } finally {
    await client.end();
  }
}

async function assertEverySecretReads(vault: CredentialVault, ctx: Context): Promise<void> {
  for (const { ref, secret } of ctx.stored) assert.equal(await vault.reveal(ref), secret);
}

rotation('a key file from before versions (one bare key) reads as version 1', async (ctx) => {
  const { writeFileSync } = await import('node:fs');
  const legacy = `${ctx.dir.path}/legacy.key`;
  writeFileSync(legacy, `${Buffer.alloc(32, 7).toString('base64')}\n`);
  assert.equal([...loadVaultKeys({ keyFile: legacy }).keys()], [1]);
  assert.equal([...loadVaultKeys({ envKey: `1:${Buffer.alloc(32, 1).toString('base64')},2:${Buffer.alloc(32, 2).toString('base64')}`, keyFile: legacy }).keys()], [1, 2]);
  assert.throws(() => loadVaultKeys({ envKey: 'c2hvcnQ=', keyFile: legacy }), /32 bytes/);
});

rotation('an interrupted rotation is finished by the next run; readers and writers keep working meanwhile', async (ctx) => {
  assert.equal(await versions(ctx), { 1: 120 });
  const rotator = await CredentialVault.open(ctx.database.connectionString, () => loadVaultKeys({ keyFile: ctx.keyFile }));
  try {
    const interrupted = await rotateVaultKeyFile(rotator, ctx.keyFile, {
      batchSize: 50,
      onProgress: () => { throw new Error('killed after the first batch'); },
    }).catch((error: Error) => error);
    assert.instance(interrupted, Error);
    assert.equal(await versions(ctx), { 1: 70, 2: 50 });
    assert.is(readFileSync(ctx.keyFile, 'utf8').trim().split('\n').length, 2, 'the key file lists both versions');

    // The running process meets version 2 rows it has no key for yet: it re-reads the key file.
    await assertEverySecretReads(ctx.running, ctx);
    const later = { username: 'late', password: 'Written-During-Rotation' };
    ctx.stored.push({ ref: (await ctx.running.store(later)).secretRef, secret: later });
    assert.equal(await versions(ctx), { 1: 70, 2: 51 }, 'new secrets are written under the new version');

    const resumed = await rotateVaultKeyFile(rotator, ctx.keyFile, { batchSize: 50 });
    assert.equal(resumed, { keyVersion: 2, addedKey: false, reencrypted: 70 });
    assert.equal(await versions(ctx), { 2: 121 }, 'no row uses the old key version');
    await assertEverySecretReads(ctx.running, ctx);

    const again = await rotateVaultKeyFile(rotator, ctx.keyFile, { batchSize: 1000 });
    assert.equal(again, { keyVersion: 3, addedKey: true, reencrypted: 121 });
    assert.equal(await versions(ctx), { 3: 121 });
    await assertEverySecretReads(ctx.running, ctx);
  } finally {
    await rotator.close();
  }
});

rotation.run();
