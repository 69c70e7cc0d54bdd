import { suite } from 'uvu';
import { eventually } from '@netraven/infra/testing';
import { jobDecider, occurrenceJobId } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import * as assert from 'uvu/assert';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, dispatch, login, registerDevice, scheduleJob } from './access-fixture.js';

interface Page<T> { nodes: T[]; edges: Array<{ cursor: string; node: T }>; totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } }
interface Ctx { fx: GatewayFixture; credentialId: string; names: string[] }

const PAGE = 'nodes { name } edges { cursor node { name } } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const devices = async (fx: GatewayFixture, args: string, variables: Record<string, unknown> = {}, token?: string): Promise<Page<{ name: string }>> =>
  (await graphql<{ devices: Page<{ name: string }> }>(fx.url, `query${declared(args)} { devices(${args}) { ${PAGE} } }`, variables, token)).devices;
const declared = (args: string): string => {
  const used = ['after', 'before'].filter((name) => args.includes(`$${name}`)).map((name) => `$${name}: String`);
  return used.length ? `(${used.join(', ')})` : '';
};

const it = suite<Ctx>('cursor connections: keyset pages, filters, sorts, counts');

it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
  const rows = Array.from({ length: 25 }, (_v, i) => ({
    name: `sw-${String(i).padStart(2, '0')}`, host: i === 7 ? 'Core-7.Example.NET' : `10.2.0.${i + 1}`, platform: 'cisco_ios', credential: 'lab',
    tags: i % 5 === 0 ? ['core', 'pci'] : ['access'],
  }));
  rows.push({ name: '100%_edge', host: '10.3.0.1', platform: 'cisco_ios', credential: 'lab', tags: ['access'] });
  await graphql(ctx.fx.url, 'mutation($input: ImportDevicesInput!) { importDevices(input: $input) { imported } }', { input: { devices: rows } });
  ctx.names = rows.map((r) => r.name).sort();
});
it.after(async (ctx) => {
  await ctx.fx.dispose();
});

it('devices: pages follow each other by cursor, with nodes beside edges and the whole count', async ({ fx, names }) => {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    const page = await devices(fx, 'first: 10, after: $after', { after });
    assert.equal(page.nodes, page.edges.map((e) => e.node));
    assert.is(page.totalCount, names.length);
    assert.is(page.pageInfo.hasPreviousPage, after !== null);
    seen.push(...page.nodes.map((d) => d.name));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    assert.ok(pages < 5, 'paging ends');
  }
  assert.equal(seen, names);
  const backwards = await devices(fx, 'last: 4, before: $before', { before: (await devices(fx, 'first: 10')).pageInfo.endCursor });
  assert.equal(backwards.nodes.map((d) => d.name), names.slice(5, 9));
  assert.ok(backwards.pageInfo.hasPreviousPage);
  assert.equal((await devices(fx, 'limit: 3')).nodes.map((d) => d.name), names.slice(0, 3), 'limit is the old name of first');
});

it('devices: a keyset cursor stays put when devices come and go before it', async ({ fx, credentialId, names }) => {
  const first = await devices(fx, 'first: 5');
  const id = await registerDevice(fx, credentialId, ['access']);
  const { device } = await graphql<{ device: { name: string } }>(fx.url, 'query($id: ID!) { device(id: $id) { name } }', { id });
  const next = await devices(fx, 'first: 5, after: $after', { after: first.pageInfo.endCursor });
  assert.ok(device.name < first.nodes[4]!.name, 'the new device sorts before the cursor');
  assert.equal(next.nodes.map((d) => d.name), names.slice(5, 10), 'no device is repeated, none skipped');
  assert.is(next.totalCount, names.length + 1);
  await graphql(fx.url, 'mutation($id: ID!) { decommissionDevice(id: $id) { id } }', { id });
});

it('devices: filters by text, tag, platform and last backup status; sorts; the count follows the filter', async ({ fx, names }) => {
  const text = await devices(fx, 'text: "core-7.EXAMPLE"');
  assert.equal(text.nodes.map((d) => d.name), ['sw-07'], 'the host matches, case-insensitively');
  assert.equal((await devices(fx, 'text: "0%_"')).nodes.map((d) => d.name), ['100%_edge'], '% and _ match themselves');
  const pci = await devices(fx, 'tag: "pci", first: 2');
  assert.equal(pci.nodes.map((d) => d.name), ['sw-00', 'sw-05']);
  assert.is(pci.totalCount, 5);
  assert.ok(pci.pageInfo.hasNextPage);
  assert.is((await devices(fx, 'platform: "cisco_ios"')).totalCount, names.length);
  assert.is((await devices(fx, 'platform: "juniper_junos"')).totalCount, 0);
  assert.is((await devices(fx, 'status: NEVER')).totalCount, names.length);
  assert.is((await devices(fx, 'status: OK')).totalCount, 0);
  assert.equal((await devices(fx, 'sort: NAME_DESC, first: 3')).nodes.map((d) => d.name), [...names].reverse().slice(0, 3));
  const byBackup = await devices(fx, 'sort: LAST_BACKUP, first: 30');
  assert.equal(byBackup.nodes.map((d) => d.name).sort(), names, 'never backed up: every device, in id order');
  const paged: string[] = [];
  for (let after: string | null = null, more = true; more;) {
    const page: Page<{ name: string }> = await devices(fx, 'sort: LAST_BACKUP, first: 7, after: $after', { after });
    paged.push(...page.nodes.map((d) => d.name));
    more = page.pageInfo.hasNextPage;
    after = page.pageInfo.endCursor;
  }
  assert.equal(paged, byBackup.nodes.map((d) => d.name), 'paging by last backup (never: the earliest time) gives the same order');
});

it('devices: page sizes and cursors are checked: BAD_USER_INPUT naming the argument', async ({ fx }) => {
  const token = fx.authorization.slice(7);
  for (const [args, field] of [['first: 1001', 'first'], ['last: -1', 'last'], ['limit: 0', 'limit'], ['first: 2, last: 2', 'last']] as const) {
    const answer = await call(fx.url, token, `{ devices(${args}) { nodes { id } } }`);
    assert.is(codeOf(answer), 'BAD_USER_INPUT', args);
    assert.is((answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field, field, args);
  }
  const named = (await devices(fx, 'first: 1')).pageInfo.endCursor;
  for (const cursor of ['garbage', 'eyJ4IjoxfQ', Buffer.from(JSON.stringify(['devices:LAST_BACKUP', 'not a time', 'x'])).toString('base64url')]) {
    const answer = await call(fx.url, token, 'query($a: String) { devices(sort: LAST_BACKUP, after: $a) { nodes { id } } }', { a: cursor });
    assert.is(codeOf(answer), 'BAD_USER_INPUT', cursor);
    assert.is((answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field, 'after');
  }
  const otherOrder = await call(fx.url, token, 'query($a: String) { devices(sort: LAST_BACKUP, after: $a) { nodes { id } } }', { a: named });
  assert.is(codeOf(otherOrder), 'BAD_USER_INPUT', 'a cursor of another order is refused, not misread');
  assert.is(codeOf(await call(fx.url, token, 'query($a: String) { jobs(after: $a) { nodes { id } } }', { a: named })), 'BAD_USER_INPUT');
});

it('jobs: newest first, by cursor, filtered by status, kind, schedule and time; a job\'s devices page too', async (ctx) => {
  const { fx, credentialId } = ctx;
  const ids = [await registerDevice(fx, credentialId, ['lab']), await registerDevice(fx, credentialId, ['lab']), await registerDevice(fx, credentialId, ['lab'])];
  const start = new Date();
  const jobIds: string[] = [];
  for (let i = 0; i < 3; i++) jobIds.push(await scheduleJob(fx, ids));
  await dispatch(fx, jobIds[0]!, ids);
  await eventually('the dispatch projected', async () => ((await fx.db.selectFrom('job_devices').select('device_id').where('job_id', '=', jobIds[0]!).execute()).length === 3 ? true : undefined));
  type Jobs = { jobs: Page<{ id: string }> & { nodes: Array<{ id: string }> } };
  const JOBS = 'query($after: String, $since: DateTime, $until: DateTime, $kind: JobKind) { jobs(first: 2, after: $after, since: $since, until: $until, kind: $kind) { nodes { id } edges { cursor node { id } } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
  const page1 = (await graphql<Jobs>(fx.url, JOBS, { since: start.toISOString() })).jobs;
  assert.equal(page1.nodes.map((j) => j.id), [jobIds[2], jobIds[1]]);
  assert.is(page1.totalCount, 3);
  const page2 = (await graphql<Jobs>(fx.url, JOBS, { since: start.toISOString(), after: page1.pageInfo.endCursor })).jobs;
  assert.equal(page2.nodes.map((j) => j.id), [jobIds[0]]);
  assert.not.ok(page2.pageInfo.hasNextPage);
  assert.is((await graphql<Jobs>(fx.url, JOBS, { until: start.toISOString() })).jobs.totalCount, 0);
  // The kind is the JobKind that Job.type shows; a name that is no kind is refused, not an empty page.
  assert.is((await graphql<Jobs>(fx.url, JOBS, { kind: 'BACKUP', since: start.toISOString() })).jobs.totalCount, 3);
  assert.is((await graphql<Jobs>(fx.url, JOBS, { kind: 'COMMAND', since: start.toISOString() })).jobs.totalCount, 0);
  const { jobs: backups } = await graphql<{ jobs: { nodes: Array<{ type: string }> } }>(fx.url, 'query($s: DateTime) { jobs(kind: BACKUP, since: $s) { nodes { type } } }', { s: start.toISOString() });
  assert.equal(backups.nodes.map((j) => j.type), ['BACKUP', 'BACKUP', 'BACKUP']);
  await graphql(fx.url, JOBS, { kind: 'backup' }).then(() => assert.unreachable('a kind outside JobKind is refused'), (error: Error) => assert.match(error.message, /^BAD_USER_INPUT: /));
  const { jobs: oldest } = await graphql<{ jobs: { nodes: Array<{ id: string }> } }>(fx.url, 'query($s: DateTime) { jobs(sort: OLDEST, since: $s) { nodes { id } } }', { s: start.toISOString() });
  assert.equal(oldest.nodes.map((j) => j.id), jobIds);
  const count = async (status: string) => (await graphql<{ jobs: { totalCount: number } }>(fx.url, `query($s: DateTime) { jobs(status: ${status}, since: $s) { totalCount } }`, { s: start.toISOString() })).jobs.totalCount;
  assert.equal([await count('QUEUED'), await count('COMPLETED')], [3, 0]);

  // A schedule's jobs (what the scheduler fires: the occurrence id), and one of a schedule whose id extends it.
  const fired = [occurrenceJobId('nightly', new Date('2026-01-01T03:00:00Z')), occurrenceJobId('nightly', new Date('2026-01-02T03:00:00Z'))];
  const occurrences = [...fired.map((jobId) => ({ jobId, scheduleId: 'nightly' })), { jobId: occurrenceJobId('nightly-2', new Date('2026-01-01T03:00:00Z')), scheduleId: 'nightly-2' }];
  for (const { jobId, scheduleId } of occurrences) {
    await ctx.fx.commands.handle(jobDecider, jobId, { type: 'ScheduleBackup', data: { jobId, scheduleId, targets: { deviceIds: ids, tags: [] } }, metadata: newCommandMetadata({ actor: `system:schedule:${scheduleId}` }) });
  }
  const ofSchedule = await eventually('the fired jobs projected', async () => {
    const { jobs } = await graphql<{ jobs: { nodes: Array<{ id: string }>; totalCount: number } }>(fx.url, '{ jobs(scheduleId: "nightly", sort: OLDEST) { nodes { id } totalCount } }');
    return jobs.totalCount === 2 && jobs.nodes.length === 2 ? jobs : undefined;
  });
  assert.equal(ofSchedule.nodes.map((j) => j.id), fired);

  const JOB = 'query($id: ID!, $after: String) { job(id: $id) { devices(first: 2, after: $after) { nodes { deviceId } totalCount pageInfo { hasNextPage endCursor } } } }';
  type JobDevices = { job: { devices: { nodes: Array<{ deviceId: string }>; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
  const d1 = (await graphql<JobDevices>(fx.url, JOB, { id: jobIds[0] })).job.devices;
  const d2 = (await graphql<JobDevices>(fx.url, JOB, { id: jobIds[0], after: d1.pageInfo.endCursor })).job.devices;
  assert.equal([...d1.nodes, ...d2.nodes].map((d) => d.deviceId), [...ids].sort());
  assert.is(d1.totalCount, 3);
  assert.ok(d1.pageInfo.hasNextPage);
  assert.not.ok(d2.pageInfo.hasNextPage);
});

it('schedules and users page by name with the same cursors', async ({ fx }) => {
  for (const name of ['nightly', 'hourly', 'weekly']) {
    await graphql(fx.url, 'mutation($n: String!) { createSchedule(input: { name: $n, every: "1h", targets: { tags: ["core"] } }) { id } }', { n: name });
  }
  const S = 'query($after: String) { schedules(first: 2, after: $after) { nodes { name } totalCount pageInfo { endCursor hasNextPage } } }';
  type Schedules = { schedules: { nodes: Array<{ name: string }>; totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean } } };
  const s1 = (await graphql<Schedules>(fx.url, S)).schedules;
  const s2 = (await graphql<Schedules>(fx.url, S, { after: s1.pageInfo.endCursor })).schedules;
  assert.equal([...s1.nodes, ...s2.nodes].map((s) => s.name), ['hourly', 'nightly', 'weekly']);
  assert.is(s1.totalCount, 3);
  assert.not.ok(s2.pageInfo.hasNextPage);
  await createUser(fx, 'zed', 'VIEWER');
  const U = 'query($after: String) { users(first: 1, after: $after) { nodes { username } totalCount pageInfo { endCursor } } }';
  type Users = { users: { nodes: Array<{ username: string }>; totalCount: number; pageInfo: { endCursor: string } } };
  const u1 = (await graphql<Users>(fx.url, U)).users;
  const u2 = (await graphql<Users>(fx.url, U, { after: u1.pageInfo.endCursor })).users;
  assert.equal([u1.nodes[0]?.username, u2.nodes[0]?.username, u1.totalCount], ['admin', 'zed', 2]);
});

it('a scoped reader pages and counts only what it sees', async ({ fx }) => {
  await createUser(fx, 'pci-reader', 'VIEWER', ['pci']);
  const { accessToken } = await login(fx.url, 'pci-reader', 'pci-reader-password');
  const page = await devices(fx, 'first: 3', {}, accessToken);
  assert.equal(page.nodes.map((d) => d.name), ['sw-00', 'sw-05', 'sw-10']);
  assert.is(page.totalCount, 5);
});

it.run();
