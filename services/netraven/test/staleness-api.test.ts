import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '@netraven/infra/config';
import { CommandHandler } from '@netraven/infra/eventstore';
import { createLogger } from '@netraven/infra/log';
import { eventually, freshTestDatabase, tempDir, type TempDir } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { StalenessWatch } from '@netraven/scheduler';
import { startNetRaven, type StandaloneNetRaven } from '../src/standalone.js';
import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';

interface Context {
  database: FreshDatabase;
  dataDir: TempDir;
  netraven: StandaloneNetRaven;
  url: string;
}

const HOUR = 3_600_000;
const it = suite<Context>('staleness through the API: device { stale staleSince } and staleDevices, thresholds from setBackupPolicy');

it.before(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_stale');
  ctx.dataDir = await tempDir('netraven-stale-');
  const config = loadConfig({ DATABASE_URL: ctx.database.connectionString, NETRAVEN_DATA_DIR: ctx.dataDir.path, NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, PORT: '0' });
  // No scheduler role: its own staleness watch (real clock) would undo what the fake-clock watch below decides.
  ctx.netraven = await startNetRaven(config, createLogger('netraven-stale', 'warn'), new Set(['gateway', 'projector']));
  ctx.url = ctx.netraven.graphqlUrl;
});

it.after(async (ctx) => {
  await ctx.netraven?.stop();
  await ctx.database?.drop();
  await ctx.dataDir?.remove();
});

const DEVICE = 'query($id: ID!) { device(id: $id) { stale staleSince backupPolicy { staleAfterHours } } }';

it('a device past its tag threshold is stale in the read model and listed; a longer device threshold makes it fresh', async (ctx) => {
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.url,
    'mutation { createCredential(input: { name: "c", username: "u", password: "secret-pw" }) { id } }');
  const register = async (name: string, tags: string[]) => (await graphql<{ registerDevice: { id: string } }>(ctx.url,
    'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
    { input: { name, host: '192.0.2.10', port: 22, platform: 'cisco_ios', credentialId: createCredential.id, tags } })).registerDevice.id;
  const edge = await register('edge-1', ['edge']);
  const core = await register('core-1', ['core']);
  await graphql(ctx.url, 'mutation { setBackupPolicy(input: { tag: "edge", staleAfterHours: 2 }) { tag } }');

  let now = new Date(Date.now() + 3 * HOUR);
  const watch = new StalenessWatch(ctx.netraven.db, new CommandHandler(ctx.netraven.store), { clock: () => now });
  const first = await watch.tick();
  assert.equal(first.becameStale, [edge], 'edge (2 h) is stale after 3 h; core (default 26 h) is not');

  const stale = await eventually('the read model to mark it', async () => {
    const { device } = await graphql<{ device: { stale: boolean; staleSince: string | null; backupPolicy: { staleAfterHours: number } } }>(ctx.url, DEVICE, { id: edge });
    return device.stale ? device : undefined;
  });
  assert.is(stale.staleSince, now.toISOString());
  assert.is(stale.backupPolicy.staleAfterHours, 2);
  const { staleDevices } = await graphql<{ staleDevices: Array<{ id: string }> }>(ctx.url, '{ staleDevices { id } }');
  assert.equal(staleDevices.map((d) => d.id), [edge]);
  const { device: fresh } = await graphql<{ device: { stale: boolean } }>(ctx.url, DEVICE, { id: core });
  assert.is(fresh.stale, false);

  await graphql(ctx.url, 'mutation($id: ID!) { setBackupPolicy(input: { deviceId: $id, staleAfterHours: 48 }) { deviceId } }', { id: edge });
  now = new Date(now.getTime() + HOUR);
  assert.equal((await watch.tick()).becameFresh, [edge]);
  await eventually('fresh again', async () => ((await graphql<{ staleDevices: unknown[] }>(ctx.url, '{ staleDevices { id } }')).staleDevices.length === 0 ? true : undefined));
});

it.run();
