import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { eventually } from '@netraven/infra/testing';
import { exerciseAccess } from './access-activity.js';
import { graphql } from './graphql-client.js';
import { openStandalone, registerDevice, runBackup, type JobView, type StandaloneFixture } from './standalone-fixture.js';

// Credential sets against the lab: a device whose own credential is refused is backed up with the next
// tag credential by priority, the winner is tried first next time, counts and last use follow, a test
// login says what happened, and none of the planted passwords is found anywhere NetRaven keeps text.

const run = promisify(execFile);
const unique = (label: string): string => `${label}-${Math.random().toString(36).slice(2, 10)}Zq`;
const GOOD = unique('Good-Pass');
const ENABLE = unique('Enable-Pass');
const WRONG_OWN = unique('Wrong-Own');
const WRONG_TAG = unique('Wrong-Tag');
const PLANTED = [GOOD, ENABLE, WRONG_OWN, WRONG_TAG];

interface CredentialView { id: string; name: string; tags: string[]; priority: number; successCount: number; failureCount: number; lastUsedAt: string | null }
interface Context {
  lab: DeviceLab;
  fx: StandaloneFixture;
  logLines: string[];
  deviceId: string;
  ids: Record<'own' | 'wrongTag' | 'good' | 'goodLater' | 'otherTag', string>;
  first: JobView;
  /** Passwords and tokens of sign-ins, refreshes and an API token used during the run. */
  accessSecrets: string[];
}

const it = suite<Context>('credential sets: fallback by priority, remembered winner, counts, test logins, no secret leaks');

async function createCredential(url: string, name: string, password: string, extra: { tags?: string[]; priority?: number } = {}): Promise<string> {
  const { createCredential: created } = await graphql<{ createCredential: { id: string } }>(url,
    'mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }',
    { input: { name, username: 'admin', password, enablePassword: ENABLE, ...extra } });
  return created.id;
}

async function credentials(url: string): Promise<Record<string, CredentialView>> {
  const { credentials: list } = await graphql<{ credentials: CredentialView[] }>(url,
    '{ credentials { id name tags priority successCount failureCount lastUsedAt } }');
  return Object.fromEntries(list.map((c) => [c.id, c]));
}

const loginLines = (job: JobView): string[] => job.logs.map((l) => l.message).filter((m) => m.startsWith('Logging in with credential'));

it.before(async (ctx) => {
  ctx.lab = await startDeviceLab({ devices: [{ platform: 'cisco_ios', name: 'fallback-rtr', password: GOOD }], enablePassword: ENABLE });
  ctx.logLines = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { ctx.logLines.push(chunk.toString('utf8')); done(); } });
  ctx.fx = await openStandalone({ NETRAVEN_RETRIES: '0' }, { level: 'debug', destination: sink });
  const url = ctx.fx.url;
  ctx.ids = {
    own: await createCredential(url, 'rtr own', WRONG_OWN),
    wrongTag: await createCredential(url, 'core wrong', WRONG_TAG, { tags: ['core'], priority: 5 }),
    good: await createCredential(url, 'core good', GOOD, { tags: ['core'], priority: 10 }),
    goodLater: await createCredential(url, 'core later', GOOD, { tags: ['core'], priority: 50 }),
    otherTag: await createCredential(url, 'edge first', GOOD, { tags: ['edge'], priority: 0 }),
  };
  const labDevice = ctx.lab.devices[0]!;
  ctx.deviceId = await registerDevice(url, ctx.ids.own, { name: labDevice.name, host: labDevice.host, port: labDevice.port, tags: ['core'] });
  ctx.first = await runBackup(url, { deviceIds: [ctx.deviceId] });
  ctx.accessSecrets = await exerciseAccess(url, unique('scan'));
});

it.after(async (ctx) => {
  await ctx.fx?.dispose();
  await ctx.lab?.close();
});

it('a device whose own credential is refused is backed up with the tag credentials, by priority', (ctx) => {
  assert.is(ctx.first.status, 'COMPLETED');
  assert.equal(loginLines(ctx.first), [
    'Logging in with credential "rtr own" (1 of 4)',
    'Logging in with credential "core wrong" (2 of 4)',
    'Logging in with credential "core good" (3 of 4)',
  ]);
  assert.ok(ctx.first.logs.some((l) => l.level === 'warn' && l.message === 'Credential "rtr own" was refused [auth]; trying "core wrong" next'));
});

it('each credential counts the logins accepted and refused, and its last use', async (ctx) => {
  const after = await credentials(ctx.fx.url);
  const { own, wrongTag, good, goodLater, otherTag } = ctx.ids;
  assert.equal([after[own]!.successCount, after[own]!.failureCount], [0, 1]);
  assert.equal([after[wrongTag]!.successCount, after[wrongTag]!.failureCount], [0, 1]);
  assert.equal([after[good]!.successCount, after[good]!.failureCount], [1, 0]);
  assert.equal(after[good]!.tags, ['core']);
  assert.is(after[good]!.priority, 10);
  for (const id of [own, wrongTag, good]) assert.ok(after[id]!.lastUsedAt !== null, 'a tried credential has a last use');
  for (const id of [goodLater, otherTag]) {
    assert.equal([after[id]!.successCount, after[id]!.failureCount, after[id]!.lastUsedAt], [0, 0, null], 'never tried');
  }
});

it('the credential that worked is tried first next time', async (ctx) => {
  const before = await credentials(ctx.fx.url);
  const second = await runBackup(ctx.fx.url, { deviceIds: [ctx.deviceId] });
  assert.is(second.status, 'COMPLETED');
  assert.equal(loginLines(second), ['Logging in with credential "core good" (1 of 4)']);
  // The credentials read model is its own projection: it may catch up a moment after the job's.
  const after = await eventually('the second login to be counted', async () => {
    const current = await credentials(ctx.fx.url);
    return current[ctx.ids.good]!.successCount >= 2 ? current : undefined;
  });
  assert.is(after[ctx.ids.good]!.successCount, 2);
  assert.is(after[ctx.ids.own]!.failureCount, 1, 'the refused credential was not tried again');
  assert.ok(Date.parse(after[ctx.ids.good]!.lastUsedAt!) > Date.parse(before[ctx.ids.good]!.lastUsedAt!));
});

it('testCredential logs in and says what happened; a refused password is an auth failure', async (ctx) => {
  const mutation = 'mutation($c: ID!, $d: ID!) { testCredential(credentialId: $c, deviceId: $d) { ok category message durationMs } }';
  type Result = { testCredential: { ok: boolean; category: string | null; message: string; durationMs: number } };
  const good = await graphql<Result>(ctx.fx.url, mutation, { c: ctx.ids.goodLater, d: ctx.deviceId });
  assert.equal([good.testCredential.ok, good.testCredential.category], [true, null]);
  assert.ok(good.testCredential.durationMs >= 0);
  const bad = await graphql<Result>(ctx.fx.url, mutation, { c: ctx.ids.own, d: ctx.deviceId });
  assert.equal([bad.testCredential.ok, bad.testCredential.category], [false, 'auth']);
  assert.ok(bad.testCredential.message.length > 0);
  const after = await credentials(ctx.fx.url);
  assert.equal([after[ctx.ids.goodLater]!.successCount, after[ctx.ids.own]!.failureCount], [1, 2]);

  const client = new pg.Client({ connectionString: ctx.fx.databaseUrl });
  await client.connect();
  try {
    const tested = await client.query<{ data: { ok: boolean; credentialId: string }; metadata: { actor: string } }>(
      `SELECT data, metadata FROM eventstore.events WHERE event_type = 'CredentialTested' ORDER BY global_position`);
    assert.equal(tested.rows.map((r) => [r.data.credentialId, r.data.ok]), [[ctx.ids.goodLater, true], [ctx.ids.own, false]]);
    assert.ok(tested.rows.every((r) => r.metadata.actor.length > 0), 'each test names its actor');
  } finally {
    await client.end();
  }
  const unknown = await graphql(ctx.fx.url, mutation, { c: 'no-such-credential', d: ctx.deviceId }).catch((error: Error) => error);
  assert.match(String(unknown), /NOT_FOUND/);
});

it('updateCredential changes tags, priority and the write-only secret', async (ctx) => {
  const { updateCredential } = await graphql<{ updateCredential: CredentialView & { fingerprint: string } }>(ctx.fx.url,
    'mutation($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { id tags priority fingerprint } }',
    { id: ctx.ids.wrongTag, input: { tags: ['edge', 'core'], priority: 7, password: unique('Rotated') } });
  assert.equal([updateCredential.tags, updateCredential.priority], [['core', 'edge'], 7]);
  const bad = await graphql(ctx.fx.url, 'mutation($id: ID!) { updateCredential(id: $id, input: { priority: -1 }) { id } }', { id: ctx.ids.own })
    .catch((error: Error) => error);
  assert.match(String(bad), /BAD_USER_INPUT/);
});

it('no planted password or access token is in the event store, a read-model table, the job logs, the process logs or Git', async (ctx) => {
  const leaks = (text: string): string[] => [...PLANTED, ...ctx.accessSecrets].filter((secret) => text.includes(secret));
  assert.ok(ctx.accessSecrets.length >= 8);
  const client = new pg.Client({ connectionString: ctx.fx.databaseUrl });
  await client.connect();
  try {
    const events = await client.query<{ text: string }>('SELECT event_type || data::text || metadata::text AS text FROM eventstore.events');
    assert.ok(events.rows.some((r) => r.text.startsWith('CredentialTested')));
    assert.equal(leaks(events.rows.map((r) => r.text).join('\n')), [], 'eventstore.events');
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'eventstore')`);
    assert.ok(tables.rows.some((t) => t.name === 'credentials'));
    for (const table of tables.rows) {
      const dump = await client.query<{ text: string }>(`SELECT t::text AS text FROM ${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)} t`);
      assert.equal(leaks(dump.rows.map((r) => r.text).join('\n')), [], `${table.schema}.${table.name}`);
    }
  } finally {
    await client.end();
  }
  assert.equal(leaks(ctx.first.logs.map((l) => l.message).join('\n')), [], 'the job logs');
  assert.ok(ctx.logLines.length > 0, 'the process logged');
  assert.equal(leaks(ctx.logLines.join('')), [], 'the process logs');
  const { stdout } = await run('git', ['--git-dir', `${ctx.fx.dataDir.path}/configs.git`, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 64 * 1024 * 1024 });
  assert.ok(stdout.includes('hostname fallback-rtr'), 'the config is in the repository');
  assert.equal(leaks(stdout), [], 'the Git repository');
});

it.run();
