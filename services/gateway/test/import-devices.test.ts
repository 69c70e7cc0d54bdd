import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, login } from './access-fixture.js';

interface Result {
  dryRun: boolean; imported: number; unchanged: number; refused: number;
  errors: Array<{ row: number; line: number | null; field: string | null; reason: string }>;
  devices: Array<{ row: number; id: string | null; name: string; outcome: string }>;
}
interface Ctx { fx: GatewayFixture; credentialId: string }

const IMPORT = `mutation($input: ImportDevicesInput!) { importDevices(input: $input) {
  dryRun imported unchanged refused errors { row line field reason } devices { row id name outcome } } }`;
const importDevices = async (fx: GatewayFixture, devices: unknown[], dryRun = false, token?: string): Promise<Result> =>
  (await graphql<{ importDevices: Result }>(fx.url, IMPORT, { input: { devices, dryRun } }, token)).importDevices;
const eventCount = async (fx: GatewayFixture): Promise<number> =>
  Number((await sql<{ n: string }>`select count(*) as n from eventstore.events`.execute(fx.db)).rows[0]?.n);
const deviceNames = async (fx: GatewayFixture): Promise<string[]> =>
  (await graphql<{ devices: { nodes: Array<{ name: string }> } }>(fx.url, '{ devices(first: 1000) { nodes { name } } }')).devices.nodes.map((d) => d.name).sort();
const rows = (prefix: string, count: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_v, i) => ({ name: `${prefix}-${i}`, host: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`, platform: 'cisco_ios', credential: 'lab', tags: ['core'], ...extra }));

const test = suite<Ctx>('importDevices: all rows or none, idempotent');

test.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
test.after(async (ctx) => {
  await ctx.fx.dispose();
});

test('a good file registers every row; the devices are in the read model when it answers', async ({ fx, credentialId }) => {
  const input = [...rows('good', 300), { name: 'by-id', host: 'edge.example.net', port: 2222, platform: 'cisco_ios', credentialId, tags: ['edge', 'core'], protocol: 'telnet' }];
  const result = await importDevices(fx, input);
  assert.equal(result.errors, []);
  assert.is(result.imported, 301);
  assert.is(result.unchanged, 0);
  assert.ok(result.devices.every((d, i) => d.row === i && d.id && d.outcome === 'IMPORTED'));
  const { device } = await graphql<{ device: { name: string; port: number; protocol: string; tags: string[]; credentialId: string } }>(fx.url,
    'query($id: ID!) { device(id: $id) { name port protocol tags credentialId } }', { id: result.devices[300]?.id });
  assert.equal(device, { name: 'by-id', port: 2222, protocol: 'telnet', tags: ['core', 'edge'], credentialId });
  assert.is((await deviceNames(fx)).filter((n) => n.startsWith('good-')).length, 300);
});

test('the same file again: every row unchanged, nothing appended', async ({ fx }) => {
  const before = await eventCount(fx);
  const result = await importDevices(fx, rows('good', 300));
  assert.equal({ imported: result.imported, unchanged: result.unchanged, errors: result.errors }, { imported: 0, unchanged: 300, errors: [] });
  assert.ok(result.devices.every((d) => d.outcome === 'UNCHANGED' && d.id));
  assert.is(await eventCount(fx), before);
});

test('a refused file appends nothing and reports every fault by row, line and field', async ({ fx }) => {
  const before = await eventCount(fx);
  const names = await deviceNames(fx);
  const input = [
    ...rows('fresh', 5).map((r, i) => ({ ...r, line: i + 2 })),
    { name: 'bad-host', host: 'not a host!', platform: 'cisco_ios', credential: 'lab', line: 7 },
    { name: 'fresh-1', host: '10.9.9.9', platform: 'cisco_ios', credential: 'lab', line: 8 },
    { name: 'nothing', host: '10.9.9.8', platform: 'junos_x', credential: 'nope', port: 70000, line: 9 },
    { host: '10.9.9.7', platform: 'cisco_ios', credential: 'lab', line: 10 },
    { name: 'GOOD-3', host: '10.99.0.1', platform: 'cisco_ios', credential: 'lab', tags: ['core'], line: 11 },
    { name: 'blank-host', host: '  ', platform: 'cisco_ios', credential: 'lab', line: 12 },
  ];
  const result = await importDevices(fx, input);
  assert.is(result.imported, 0);
  assert.is(result.refused, 6);
  assert.equal(result.devices, []);
  const faults = result.errors.map((e) => `${e.line}:${e.field}`);
  assert.equal(faults, ['7:host', '8:name', '9:port', '9:platform', '9:credential', '10:name', '11:name', '12:host']);
  assert.is(result.errors[7]?.reason, 'host is required', 'a blank field is refused once');
  assert.match(result.errors[1]?.reason ?? '', /line 3/);
  assert.match(result.errors[6]?.reason ?? '', /host/);
  assert.is(await eventCount(fx), before, 'nothing appended');
  assert.equal(await deviceNames(fx), names);
});

test('a dry run reports what would happen and appends nothing', async ({ fx }) => {
  const before = await eventCount(fx);
  const result = await importDevices(fx, [...rows('good', 2), ...rows('dry', 3)], true);
  assert.equal({ dryRun: result.dryRun, imported: result.imported, unchanged: result.unchanged, errors: result.errors },
    { dryRun: true, imported: 3, unchanged: 2, errors: [] });
  assert.equal(result.devices.map((d) => d.id === null), [false, false, true, true, true]);
  assert.is(await eventCount(fx), before);
  assert.not.ok((await deviceNames(fx)).includes('dry-0'));
});

test('over 100,000 rows: BAD_USER_INPUT on devices', async ({ fx }) => {
  const answer = await call(fx.url, fx.authorization.slice('Bearer '.length), IMPORT,
    { input: { devices: Array.from({ length: 100_001 }, () => ({})), dryRun: true } });
  assert.is(codeOf(answer), 'BAD_USER_INPUT', JSON.stringify(answer).slice(0, 300));
});

test('a scoped operator imports only rows within its tags; a viewer may not import', async ({ fx }) => {
  const { password } = await createUser(fx, 'core-op', 'OPERATOR', ['core']);
  const scoped = (await login(fx.url, 'core-op', password)).accessToken;
  const before = await eventCount(fx);
  const refused = await importDevices(fx, [...rows('scoped', 2), { ...rows('outside', 1)[0], tags: ['edge'] }], false, scoped);
  assert.equal(refused.errors.map((e) => `${e.row}:${e.field}`), ['2:tags']);
  assert.is(await eventCount(fx), before);
  const ok = await importDevices(fx, rows('scoped', 2), false, scoped);
  assert.is(ok.imported, 2);
  const viewer = await createUser(fx, 'viewer', 'VIEWER');
  const answer = await call(fx.url, (await login(fx.url, 'viewer', viewer.password)).accessToken, IMPORT, { input: { devices: rows('v', 1) } });
  assert.is(codeOf(answer), 'FORBIDDEN');
});

test.run();
