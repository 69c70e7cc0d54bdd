import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FreshDatabase } from '@netraven/infra/db';
import { CredentialVault, formatVaultKeys, loadVaultKeys } from '@netraven/infra/secrets';
import { freshTestDatabase, tempDir, type TempDir } from '@netraven/infra/testing';

// `netraven vault rotate-key` as an operator runs it, with a key file and with NETRAVEN_VAULT_KEY.

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'netraven.mjs');
const execute = promisify(execFile);

interface Context { database: FreshDatabase; dir: TempDir; refs: string[] }
const cli = suite<Context>('netraven vault rotate-key');

cli.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_rotate');
  ctx.dir = await tempDir('netraven-rotate-');
});
cli.after.each(async (ctx) => {
  await ctx.database.drop();
  await ctx.dir.remove();
});

function rotateKey(ctx: Context, environment: Record<string, string> = {}): Promise<{ stdout: string }> {
  return execute(process.execPath, [BIN, 'vault', 'rotate-key', '--batch-size', '7'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATABASE_URL: ctx.database.connectionString, NETRAVEN_DATA_DIR: ctx.dir.path, ...environment },
  });
}

async function keyVersions(ctx: Context): Promise<number[]> {
  const client = new pg.Client({ connectionString: ctx.database.connectionString });
  await client.connect();
  try {
    return (await client.query<{ v: number }>('SELECT DISTINCT key_version AS v FROM vault.secrets ORDER BY 1')).rows.map((r) => r.v);
  } finally {
    await client.end();
  }
}

async function storeSecrets(vault: CredentialVault, count: number): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < count; i++) refs.push((await vault.store({ username: 'u', password: `Cli-Rotation-${i}` })).secretRef);
  return refs;
}

cli('with the key file: adds a version and re-encrypts every secret; the old version is used by no row', async (ctx) => {
  const keyFile = `${ctx.dir.path}/vault.key`;
  const vault = await CredentialVault.open(ctx.database.connectionString, () => loadVaultKeys({ keyFile }));
  try {
    const refs = await storeSecrets(vault, 20);
    const { stdout } = await rotateKey(ctx);
    assert.match(stdout, /added vault key version 2 .*re-encrypted 20 secrets/);
    assert.equal(await keyVersions(ctx), [2]);
    for (const [i, ref] of refs.entries()) assert.is((await vault.reveal(ref)).password, `Cli-Rotation-${i}`);
    assert.not.match(stdout, /Cli-Rotation/);
  } finally {
    await vault.close();
  }
});

cli('with NETRAVEN_VAULT_KEY: prints the value with a new version, then re-encrypts once it is set', async (ctx) => {
  const keys = loadVaultKeys({ keyFile: `${ctx.dir.path}/seed.key` });
  const vault = await CredentialVault.open(ctx.database.connectionString, keys);
  try {
    const refs = await storeSecrets(vault, 10);
    const first = await rotateKey(ctx, { NETRAVEN_VAULT_KEY: formatVaultKeys(keys) });
    const value = /^NETRAVEN_VAULT_KEY=(.+)$/m.exec(first.stdout)?.[1];
    assert.ok(value, 'the new value is printed');
    assert.equal([...loadVaultKeys({ envKey: value, keyFile: 'unused' }).keys()], [1, 2]);
    assert.equal(await keyVersions(ctx), [1], 'nothing is re-encrypted before the processes know the new key');

    const second = await rotateKey(ctx, { NETRAVEN_VAULT_KEY: value });
    assert.match(second.stdout, /re-encrypted 10 secrets; every secret now uses key version 2/);
    assert.equal(await keyVersions(ctx), [2]);
    const reader = await CredentialVault.open(ctx.database.connectionString, loadVaultKeys({ envKey: value, keyFile: 'unused' }));
    try {
      for (const [i, ref] of refs.entries()) assert.is((await reader.reveal(ref)).password, `Cli-Rotation-${i}`);
    } finally {
      await reader.close();
    }
  } finally {
    await vault.close();
  }
});

cli.run();
