import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { eventually, freshTestDatabase, tempDir, type TempDir } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { startStandalone, type StandaloneNetRaven } from '../src/standalone.js';
import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';

const run = promisify(execFile);

interface Context {
  database: FreshDatabase;
  dataDir: TempDir;
  lab: DeviceLab;
  netraven: StandaloneNetRaven;
  url: string;
}

const it = suite<Context>('backup policies end to end: user secret and volatile patterns, lab → worker → Git');

it.before(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_policy');
  ctx.dataDir = await tempDir('netraven-policy-');
  ctx.lab = await startDeviceLab({ devices: 1 });
  const config = loadConfig({
    DATABASE_URL: ctx.database.connectionString, NETRAVEN_DATA_DIR: ctx.dataDir.path, NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, PORT: '0',
  });
  ctx.netraven = await startStandalone(config, createLogger('netraven-policy', 'warn'));
  ctx.url = ctx.netraven.graphqlUrl;
});

it.after(async (ctx) => {
  await ctx.netraven?.stop();
  await ctx.lab?.close();
  await ctx.database?.drop();
  await ctx.dataDir?.remove();
});

interface Job { id: string; status: string; devices: Array<{ changed: boolean | null; commit: string | null; error: string | null }> }

async function backUp(ctx: Context, deviceId: string): Promise<Job['devices'][number]> {
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(ctx.url,
    'mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id } }', { input: { deviceIds: [deviceId] } });
  const job = await eventually(`job ${scheduleBackup.id}`, async () => {
    const { job: found } = await graphql<{ job: Job }>(ctx.url, 'query($id: ID!) { job(id: $id) { id status devices { nodes { changed commit error } } } }', { id: scheduleBackup.id });
    return found.status === 'COMPLETED' || found.status === 'FAILED' ? { ...found, devices: (found.devices as unknown as { nodes: Job['devices'] }).nodes } : undefined;
  }, 30_000);
  assert.is(job.status, 'COMPLETED', JSON.stringify(job));
  return job.devices[0] as Job['devices'][number];
}

async function stored(ctx: Context, deviceId: string): Promise<string> {
  const { stdout } = await run('git', ['--git-dir', `${ctx.dataDir.path}/configs.git`, 'show', `main:${deviceId}/config.cfg`]);
  return stdout;
}

function withExtraLines(config: string, counter: number): string {
  // The printout's header lines are the device's, not the config's: feed back the body only.
  const lines = config.replace(/\n+$/, '').split('\n')
    .filter((l) => !/^alias exec deploy-token |^! uptime-counter |^Building configuration|^Current configuration :/.test(l));
  while (lines[0]?.trim() === '') lines.shift();
  const end = lines.lastIndexOf('end');
  lines.splice(end, 0, 'alias exec deploy-token Q7Z3XK91', `! uptime-counter ${counter}`);
  return `${lines.join('\n')}\n`;
}

const SET_POLICY = 'mutation($i: SetBackupPolicyInput!) { setBackupPolicy(input: $i) { tag deviceId volatile secrets staleAfterHours updatedBy } }';

it('a custom secret is masked in Git after the policy is set, and a volatile line stops producing changes', async (ctx) => {
  const lab = ctx.lab.devices[0]!;
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.url,
    'mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }',
    { input: { name: 'lab', username: lab.username, password: lab.password, enablePassword: lab.enablePassword } });
  const { registerDevice } = await graphql<{ registerDevice: { id: string } }>(ctx.url,
    'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
    { input: { name: lab.name, host: lab.host, port: lab.port, platform: 'cisco_ios', credentialId: createCredential.id, tags: ['lab'] } });
  const deviceId = registerDevice.id;

  // One printout as the base of every edit: feeding a printout back would add its header lines each time.
  const base = ctx.lab.getConfig(lab.name);
  // Without a policy the platform keeps both lines: the token reaches Git, the counter makes changes.
  ctx.lab.setConfig(lab.name, withExtraLines(base, 1));
  await backUp(ctx, deviceId);
  assert.match(await stored(ctx, deviceId), 'alias exec deploy-token Q7Z3XK91');
  ctx.lab.setConfig(lab.name, withExtraLines(base, 2));
  assert.is((await backUp(ctx, deviceId)).changed, true, 'the counter line alone is a change without a policy');

  // Refused input: a catastrophic pattern, a broken one, both scopes at once.
  for (const [input, field] of [
    [{ tag: 'lab', volatile: ['(a+)+$'] }, 'volatile'],
    [{ tag: 'lab', secrets: ['([unclosed'] }, 'secrets'],
    [{ tag: 'lab', deviceId, secrets: ['x'] }, 'deviceId'],
    [{ deviceId: 'no-such-device', secrets: ['x'] }, 'deviceId'],
  ] as const) {
    const error = await graphql(ctx.url, SET_POLICY, { i: input }).then(() => undefined, (e: { errors?: Array<{ extensions?: { code?: string; field?: string } }> }) => e);
    assert.ok(error, `refused: ${JSON.stringify(input)}`);
    assert.is(error.errors?.[0]?.extensions?.field, field, JSON.stringify(error.errors));
    assert.ok(['BAD_USER_INPUT', 'NOT_FOUND'].includes(error.errors?.[0]?.extensions?.code ?? ''), JSON.stringify(error.errors));
  }

  const { setBackupPolicy } = await graphql<{ setBackupPolicy: { tag: string; secrets: string[]; updatedBy: string } }>(ctx.url, SET_POLICY, {
    i: { tag: 'lab', secrets: ['^alias exec deploy-token (\\S+)'], volatile: ['^! uptime-counter '] },
  });
  assert.equal(setBackupPolicy.secrets, ['^alias exec deploy-token (\\S+)']);
  assert.is(setBackupPolicy.updatedBy, 'user:admin');
  const { device } = await graphql<{ device: { backupPolicy: { secrets: string[]; volatile: string[]; staleAfterHours: number } } }>(ctx.url,
    'query($id: ID!) { device(id: $id) { backupPolicy { secrets volatile staleAfterHours } } }', { id: deviceId });
  assert.equal(device.backupPolicy, { secrets: ['^alias exec deploy-token (\\S+)'], volatile: ['^! uptime-counter '], staleAfterHours: 26 });

  const masked = await backUp(ctx, deviceId);
  assert.is(masked.changed, true);
  const config = await stored(ctx, deviceId);
  assert.match(config, 'alias exec deploy-token <removed>\n');
  assert.not.match(config, 'Q7Z3XK91', 'the custom secret never reaches Git after the policy');
  assert.not.match(config, '! uptime-counter', 'the volatile line is dropped');
  assert.ok(config.trimEnd().endsWith('end'));

  ctx.lab.setConfig(lab.name, withExtraLines(base, 3));
  const quiet = await backUp(ctx, deviceId);
  assert.is(quiet.changed, false, 'the volatile line no longer produces a change');
  assert.is(quiet.commit, masked.commit);

  // Removing the policy (empty lists) brings the line back at the next backup.
  const { setBackupPolicy: removed } = await graphql<{ setBackupPolicy: null }>(ctx.url, SET_POLICY, { i: { tag: 'lab', secrets: [], volatile: [] } });
  assert.is(removed, null);
  const { backupPolicies } = await graphql<{ backupPolicies: unknown[] }>(ctx.url, '{ backupPolicies { tag } }');
  assert.equal(backupPolicies, []);
  assert.is((await backUp(ctx, deviceId)).changed, true);
  assert.match(await stored(ctx, deviceId), '! uptime-counter 3');

  // A device policy that drops every line fails the backup instead of storing an empty config.
  await graphql(ctx.url, SET_POLICY, { i: { deviceId, volatile: ['^\\S', '^\\s'] } });
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(ctx.url,
    'mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id } }', { input: { deviceIds: [deviceId] } });
  const failed = await eventually('the job to fail', async () => {
    const { job } = await graphql<{ job: { status: string; devices: { nodes: Array<{ errorCategory: string | null }> } } }>(ctx.url,
      'query($id: ID!) { job(id: $id) { status devices { nodes { errorCategory } } } }', { id: scheduleBackup.id });
    return job.status === 'FAILED' ? { ...job, devices: job.devices.nodes } : undefined;
  }, 30_000);
  assert.is(failed.devices[0]?.errorCategory, 'config');
  assert.match(await stored(ctx, deviceId), '! uptime-counter 3', 'the stored config is untouched');
});

it.run();
