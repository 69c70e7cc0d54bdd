import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { PostgresEventStore, UpcastingEventStore } from '@netraven/infra/eventstore';
import { GitConfigRepository } from '@netraven/infra/git';
import { eventually } from '@netraven/infra/testing';
import { readModelProjectors, rebuildProjections } from '@netraven/projections';
import { graphql } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice, runBackup, type StandaloneFixture } from './standalone-fixture.js';

// Issue 17's configs acceptance: a lab device that drifted between backups, diffed version against version and
// compared with the real `git diff` of NetRaven's repository; a planted line searched for across devices, with
// context; a masked secret never found.

const run = promisify(execFile);
const PLANTED = 'snmp-server location PLANTED-ROOM-4711';
const HISTORY_LINE = 'snmp-server contact PLANTED-HISTORY-LINE';

interface Version { commit: string; recordedAt: string }
interface SearchPage {
  nodes: Array<{ device: { id: string; name: string }; commit: string; lines: Array<{ number: number; text: string; context: boolean }> }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface Context {
  lab: DeviceLab;
  sa: StandaloneFixture;
  ids: Record<'drifty' | 'a' | 'b' | 'c', string>;
  /** The drifting device's versions, oldest first. */
  versions: Version[];
}

const it = suite<Context>('config diffs and search over a drifting lab');

const withLineAfterHostname = (config: string, line: string): string =>
  config.split('\n').flatMap((l) => (l.startsWith('hostname ') ? [l, line] : [l])).join('\n');

const latestVersion = async (url: string, id: string): Promise<Version> => {
  const { device } = await graphql<{ device: { configAt: Version | null } }>(url,
    'query($id: ID!, $at: DateTime!) { device(id: $id) { configAt(at: $at) { commit recordedAt } } }', { id, at: new Date().toISOString() });
  if (!device.configAt) throw new Error(`device ${id} has no snapshot`);
  return device.configAt;
};

const SEARCH = `query($q: String!, $regex: Boolean, $tags: [String!], $platforms: [String!], $history: Boolean, $first: Int, $after: String, $context: Int) {
  searchConfigs(query: $q, regex: $regex, tags: $tags, platforms: $platforms, history: $history, first: $first, after: $after, context: $context) {
    nodes { device { id name } commit lines { number text context } } pageInfo { hasNextPage endCursor } } }`;
const search = async (url: string, variables: Record<string, unknown>): Promise<SearchPage> =>
  (await graphql<{ searchConfigs: SearchPage }>(url, SEARCH, variables)).searchConfigs;

/** The error a query is refused with: its code and field. */
async function refusal(url: string, query: string, variables: Record<string, unknown>): Promise<{ code?: string; field?: string }> {
  try {
    await graphql(url, query, variables);
  } catch (error) {
    const errors = (error as { errors?: Array<{ extensions?: { code?: string; field?: string } }> }).errors;
    return errors?.[0]?.extensions ?? {};
  }
  throw new Error('the query was not refused');
}

const git = async (sa: StandaloneFixture, args: string[]): Promise<string> =>
  (await run('git', ['--git-dir', `${sa.dataDir.path}/configs.git`, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;

/** The changed lines of a unified diff, without its file headers. */
const changedLines = (unified: string): string[] =>
  unified.split('\n').filter((l) => (l.startsWith('+') || l.startsWith('-')) && !l.startsWith('+++ ') && !l.startsWith('--- '));
const hunkHeaders = (unified: string): string[] => unified.split('\n').filter((l) => l.startsWith('@@')).map((l) => l.replace(/^(@@ [^@]+ @@).*$/, '$1'));

it.before(async (ctx) => {
  ctx.lab = await startDeviceLab({
    devices: [
      { name: 'cfg-drifty', faults: { driftEveryBackups: 1 } },
      { name: 'cfg-a' }, { name: 'cfg-b' }, { name: 'cfg-c' },
    ],
  });
  ctx.lab.setConfig('cfg-a', withLineAfterHostname(ctx.lab.getConfig('cfg-a'), PLANTED));
  ctx.lab.setConfig('cfg-c', withLineAfterHostname(ctx.lab.getConfig('cfg-c'), PLANTED));
  ctx.lab.setConfig('cfg-drifty', withLineAfterHostname(ctx.lab.getConfig('cfg-drifty'), HISTORY_LINE));
  ctx.sa = await openStandalone();
  const first = ctx.lab.devices[0];
  if (!first) throw new Error('the lab has no devices');
  const credentialId = await createCredential(ctx.sa.url, first.username, first.password, 'lab-enable');
  const register = (name: string, tags: string[]) => {
    const device = ctx.lab.devices.find((d) => d.name === name);
    if (!device) throw new Error(`no lab device ${name}`);
    return registerDevice(ctx.sa.url, credentialId, { name, host: device.host, port: device.port, tags });
  };
  ctx.ids = { drifty: await register('cfg-drifty', ['drift']), a: await register('cfg-a', ['edge']), b: await register('cfg-b', ['edge']), c: await register('cfg-c', ['core']) };
  ctx.versions = [];
  const backupDrifty = async (deviceIds: string[]) => {
    const job = await runBackup(ctx.sa.url, { deviceIds }, 60_000);
    assert.is(job.status, 'COMPLETED', JSON.stringify(job.devices));
    // The snapshots read model follows the log on its own, possibly a moment after the job's status.
    const { job: done } = await graphql<{ job: { devices: { nodes: Array<{ deviceId: string; commit: string | null }> } } }>(ctx.sa.url,
      'query($id: ID!) { job(id: $id) { devices { nodes { deviceId commit } } } }', { id: job.id });
    const commit = done.devices.nodes.find((d) => d.deviceId === ctx.ids.drifty)?.commit;
    ctx.versions.push(await eventually('the snapshot of this backup', async () => {
      const version = await latestVersion(ctx.sa.url, ctx.ids.drifty);
      return version.commit === commit ? version : undefined;
    }));
  };
  await backupDrifty(Object.values(ctx.ids));
  // cfg-a and cfg-b again, unchanged: the search keeps the time their version was first recorded.
  await backupDrifty([ctx.ids.drifty, ctx.ids.a, ctx.ids.b]);
  ctx.lab.setConfig('cfg-drifty', ctx.lab.getConfig('cfg-drifty').split('\n').filter((l) => l !== HISTORY_LINE).join('\n'));
  await backupDrifty([ctx.ids.drifty]);
  await backupDrifty([ctx.ids.drifty]);
  // The search read model follows the log on its own: wait until it holds every device's latest version.
  await eventually('config search to hold the latest versions', async () => {
    const page = await search(ctx.sa.url, { q: 'hostname cfg-', first: 10 });
    const commits = new Map(page.nodes.map((n) => [n.device.id, n.commit]));
    return page.nodes.length === 4 && commits.get(ctx.ids.drifty) === ctx.versions.at(-1)?.commit ? true : undefined;
  });
});

it.after(async (ctx) => {
  await ctx.sa?.dispose();
  await ctx.lab?.close();
});

it('the drifting device has one stored version per backup', (ctx) => {
  assert.is(new Set(ctx.versions.map((v) => v.commit)).size, 4, JSON.stringify(ctx.versions));
});

it('configDiff of any two versions has the changed lines and hunks of `git diff`', async (ctx) => {
  const path = `${ctx.ids.drifty}/config.cfg`;
  for (const [i, older] of ctx.versions.entries()) {
    for (const newer of ctx.versions.slice(i + 1)) {
      const { configDiff } = await graphql<{ configDiff: { unified: string; stats: { added: number; removed: number }; hunks: Array<{ lines: Array<{ kind: string; text: string }> }> } }>(ctx.sa.url,
        'query($from: ConfigRef!, $to: ConfigRef!) { configDiff(from: $from, to: $to) { unified stats { added removed } hunks { lines { kind text } } } }',
        { from: { deviceId: ctx.ids.drifty, commit: older.commit }, to: { deviceId: ctx.ids.drifty, commit: newer.commit } });
      const expected = await git(ctx.sa, ['diff', older.commit, newer.commit, '--', path]);
      const gitChanges = changedLines(expected);
      assert.ok(gitChanges.length > 0, 'consecutive drifts differ');
      assert.equal(changedLines(configDiff.unified), gitChanges);
      assert.equal(hunkHeaders(configDiff.unified), hunkHeaders(expected));
      assert.is(configDiff.stats.added, gitChanges.filter((l) => l.startsWith('+')).length);
      assert.is(configDiff.stats.removed, gitChanges.filter((l) => l.startsWith('-')).length);
      const structured = configDiff.hunks.flatMap((h) => h.lines).filter((l) => l.kind !== 'CONTEXT').map((l) => `${l.kind === 'ADDED' ? '+' : '-'}${l.text}`);
      assert.equal(structured, gitChanges);
    }
  }
});

it('a diff between two devices matches `git diff` of the two files', async (ctx) => {
  const a = await latestVersion(ctx.sa.url, ctx.ids.a);
  const c = await latestVersion(ctx.sa.url, ctx.ids.c);
  const { configDiff } = await graphql<{ configDiff: { unified: string; sideBySide: Array<{ rows: Array<{ kind: string; oldText: string | null; newText: string | null }> }> } }>(ctx.sa.url,
    'query($from: ConfigRef!, $to: ConfigRef!) { configDiff(from: $from, to: $to) { unified sideBySide { rows { kind oldText newText } } } }',
    { from: { deviceId: ctx.ids.a, commit: a.commit }, to: { deviceId: ctx.ids.c, commit: c.commit } });
  const expected = await git(ctx.sa, ['diff', `${a.commit}:${ctx.ids.a}/config.cfg`, `${c.commit}:${ctx.ids.c}/config.cfg`]);
  assert.equal(changedLines(configDiff.unified), changedLines(expected));
  const hostnameRow = configDiff.sideBySide.flatMap((h) => h.rows).find((r) => r.oldText === 'hostname cfg-a');
  assert.equal(hostnameRow, { kind: 'CHANGED', oldText: 'hostname cfg-a', newText: 'hostname cfg-c' });
});

it("a snapshot's diff defaults to the version before it, with line numbers on both sides", async (ctx) => {
  const [, , third, fourth] = ctx.versions;
  if (!third || !fourth) throw new Error('four versions expected');
  const { device } = await graphql<{ device: { configAt: { commit: string; config: string; diff: { unified: string; hunks: Array<{ lines: Array<{ kind: string; oldNumber: number | null; newNumber: number | null; text: string }> }> } } } }>(ctx.sa.url,
    'query($id: ID!, $at: DateTime!) { device(id: $id) { configAt(at: $at) { commit config diff { unified hunks { lines { kind oldNumber newNumber text } } } } } }',
    { id: ctx.ids.drifty, at: fourth.recordedAt });
  assert.is(device.configAt.commit, fourth.commit);
  assert.equal(changedLines(device.configAt.diff.unified), changedLines(await git(ctx.sa, ['diff', third.commit, fourth.commit])));
  const newLines = device.configAt.config.split('\n');
  const oldLines = (await git(ctx.sa, ['show', `${third.commit}:${ctx.ids.drifty}/config.cfg`])).split('\n');
  for (const line of device.configAt.diff.hunks.flatMap((h) => h.lines)) {
    if (line.newNumber !== null) assert.is(newLines[line.newNumber - 1], line.text);
    if (line.oldNumber !== null) assert.is(oldLines[line.oldNumber - 1], line.text);
  }
});

it('configAt answers the version in force at a time, and null before the first backup', async (ctx) => {
  const [first, second] = ctx.versions;
  if (!first || !second) throw new Error('versions expected');
  const at = async (time: string) => (await graphql<{ device: { configAt: { commit: string } | null } }>(ctx.sa.url,
    'query($id: ID!, $at: DateTime!) { device(id: $id) { configAt(at: $at) { commit } } }', { id: ctx.ids.drifty, at: time })).device.configAt;
  assert.is((await at(second.recordedAt))?.commit, second.commit);
  assert.is((await at(new Date(Date.parse(second.recordedAt) - 1).toISOString()))?.commit, first.commit);
  assert.is(await at('2001-01-01T00:00:00Z'), null);
});

it('unknown devices and commits, and another device’s commit, are refused with the field', async (ctx) => {
  const query = 'query($from: ConfigRef!, $to: ConfigRef!) { configDiff(from: $from, to: $to) { unified } }';
  const [first, second] = ctx.versions;
  if (!first || !second) throw new Error('versions expected');
  const ok = { deviceId: ctx.ids.drifty, commit: first.commit };
  assert.equal(await refusal(ctx.sa.url, query, { from: { deviceId: 'no-such-device', commit: first.commit }, to: ok }), { code: 'NOT_FOUND', field: 'from.deviceId' });
  assert.equal(await refusal(ctx.sa.url, query, { from: ok, to: { deviceId: ctx.ids.drifty, commit: '0'.repeat(40) } }), { code: 'NOT_FOUND', field: 'to.commit' });
  assert.equal(await refusal(ctx.sa.url, query, { from: { deviceId: ctx.ids.a, commit: second.commit }, to: ok }), { code: 'NOT_FOUND', field: 'from.commit' });
  assert.equal(await refusal(ctx.sa.url, query, { from: ok, to: { deviceId: ctx.ids.drifty, commit: 'HEAD' } }), { code: 'BAD_USER_INPUT', field: 'to.commit' });
});

it('search finds the planted line on exactly the devices that have it, with context lines', async (ctx) => {
  const page = await search(ctx.sa.url, { q: 'planted-room-4711' });
  assert.equal(page.nodes.map((n) => n.device.name).sort(), ['cfg-a', 'cfg-c']);
  for (const node of page.nodes) {
    const { device } = await graphql<{ device: { config: string } }>(ctx.sa.url, 'query($id: ID!) { device(id: $id) { config } }', { id: node.device.id });
    const lines = device.config.split('\n');
    const at = lines.indexOf(PLANTED) + 1;
    assert.equal(node.lines, [at - 2, at - 1, at, at + 1, at + 2].map((number) => ({ number, text: lines[number - 1], context: number !== at })));
  }
  const bare = await search(ctx.sa.url, { q: PLANTED, context: 0 });
  assert.equal(bare.nodes.map((n) => n.lines.map((l) => [l.text, l.context])), [[[PLANTED, false]], [[PLANTED, false]]]);
});

it('regex, tags, platforms and pages narrow the search', async (ctx) => {
  const names = (page: SearchPage) => page.nodes.map((n) => n.device.name);
  assert.equal(names(await search(ctx.sa.url, { q: '^snmp-server location PLANTED-ROOM-[0-9]+$', regex: true })), ['cfg-a', 'cfg-c']);
  assert.equal(names(await search(ctx.sa.url, { q: '^location PLANTED', regex: true })), []);
  assert.equal(names(await search(ctx.sa.url, { q: PLANTED, tags: ['edge'] })), ['cfg-a']);
  assert.equal(names(await search(ctx.sa.url, { q: PLANTED, platforms: ['cisco_ios'] })), ['cfg-a', 'cfg-c']);
  assert.equal(names(await search(ctx.sa.url, { q: PLANTED, platforms: ['juniper_junos'] })), []);
  const first = await search(ctx.sa.url, { q: PLANTED, first: 1 });
  assert.equal([names(first), first.pageInfo.hasNextPage], [['cfg-a'], true]);
  const second = await search(ctx.sa.url, { q: PLANTED, first: 1, after: first.pageInfo.endCursor });
  assert.equal([names(second), second.pageInfo.hasNextPage], [['cfg-c'], false]);
  assert.equal(await refusal(ctx.sa.url, SEARCH, { q: 'interface (', regex: true }), { code: 'BAD_USER_INPUT', field: 'query' });
  assert.equal(await refusal(ctx.sa.url, SEARCH, { q: PLANTED, context: 11 }), { code: 'BAD_USER_INPUT', field: 'context' });
  assert.equal(await refusal(ctx.sa.url, SEARCH, { q: PLANTED, after: 'not-a-cursor' }), { code: 'BAD_USER_INPUT', field: 'after' });
});

it('history search finds a line in the versions that had it, which the latest-only search no longer finds', async (ctx) => {
  assert.equal((await search(ctx.sa.url, { q: 'PLANTED-HISTORY-LINE' })).nodes, []);
  const page = await search(ctx.sa.url, { q: 'PLANTED-HISTORY-LINE', history: true });
  const [first, second] = ctx.versions;
  assert.equal(page.nodes.map((n) => [n.device.name, n.commit]).sort(), [['cfg-drifty', first?.commit], ['cfg-drifty', second?.commit]].sort());
  assert.ok(page.nodes.every((n) => n.lines.some((l) => l.text === HISTORY_LINE && !l.context)));
  assert.is(page.pageInfo.hasNextPage, false);
});

it('a planted secret is never found, and no search matches inside a mask token', async (ctx) => {
  const secrets = ctx.lab.devices.flatMap((d) => d.plantedSecrets).filter((s) => s.length >= 6);
  assert.ok(secrets.length > 0, 'the lab planted secrets');
  for (const secret of secrets.slice(0, 12)) assert.equal((await search(ctx.sa.url, { q: secret })).nodes, [], `secret ${secret}`);
  const { device } = await graphql<{ device: { config: string } }>(ctx.sa.url, 'query($id: ID!) { device(id: $id) { config } }', { id: ctx.ids.a });
  assert.ok(device.config.includes('<removed>'), 'the stored config has masked secrets');
  for (const q of ['<removed>', 'removed', 'remove', 'ed>']) assert.equal((await search(ctx.sa.url, { q })).nodes, [], q);
  assert.equal((await search(ctx.sa.url, { q: 'remov', regex: true })).nodes, []);
  // Around a mask a search still matches: the line shows the mask, never a value.
  const around = await search(ctx.sa.url, { q: 'enable secret', context: 0 });
  assert.ok(around.nodes.length > 0);
  assert.ok(around.nodes.every((n) => n.lines.every((l) => l.text.includes('<removed>'))));
});

it('the search read model has its trigram index, and a projections rebuild re-creates its rows from the log and Git', async (ctx) => {
  const client = new pg.Client({ connectionString: ctx.sa.databaseUrl });
  await client.connect();
  const rows = async () => (await client.query<{ row: string }>(
    "SELECT device_id || ' ' || commit || ' ' || recorded_at || ' ' || md5(config) AS row FROM config_search ORDER BY device_id")).rows.map((r) => r.row);
  try {
    const indexes = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'config_search'");
    assert.ok(indexes.rows.some((r) => r.indexdef.includes('gin_trgm_ops')), JSON.stringify(indexes.rows));
    const before = await rows();
    assert.is(before.length, 4);
    const firstRecorded = await client.query<{ recorded_at: Date }>(
      'SELECT min(recorded_at) AS recorded_at FROM snapshots WHERE device_id = $1', [ctx.ids.a]);
    const held = await client.query<{ recorded_at: Date; backups: number }>(
      'SELECT c.recorded_at, (SELECT count(*)::int FROM snapshots s WHERE s.device_id = c.device_id) AS backups FROM config_search c WHERE device_id = $1', [ctx.ids.a]);
    assert.equal([held.rows[0]?.backups, held.rows[0]?.recorded_at], [2, firstRecorded.rows[0]?.recorded_at]);
    const store = new UpcastingEventStore(await PostgresEventStore.open({ connectionString: ctx.sa.databaseUrl }), NETRAVEN_EVENT_SCHEMAS);
    try {
      const projectors = readModelProjectors({ configs: await GitConfigRepository.open(`${ctx.sa.dataDir.path}/configs.git`) });
      const report = await rebuildProjections({ connectionString: ctx.sa.databaseUrl, store, projectors, names: ['config_search'] });
      assert.equal(report.tables, [{ table: 'config_search', rows: 4 }]);
    } finally {
      await store.close();
    }
    assert.equal(await rows(), before);
    const rebuiltIndexes = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'config_search'");
    assert.ok(rebuiltIndexes.rows.some((r) => r.indexdef.includes('gin_trgm_ops')), 'the rebuilt table keeps its index');
  } finally {
    await client.end();
  }
  assert.equal((await search(ctx.sa.url, { q: PLANTED })).nodes.map((n) => n.device.name), ['cfg-a', 'cfg-c']);
});

it.run();
