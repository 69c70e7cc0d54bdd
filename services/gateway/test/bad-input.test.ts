import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ask, assertAccepted, assertRefused, eventCount } from './bad-input-client.js';
import { openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';

/**
 * Issue 13: no input, however odd, is an internal error. Every refusal is data-free, carries
 * `extensions.code` (and `extensions.field` when one input is at fault), and appends nothing.
 */
const badInput = suite<{ fx: GatewayFixture; credentialId: string; deviceId: string }>('GraphQL — bad input');

const REGISTER = `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id name } }`;
const CREATE_CREDENTIAL = `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id status } }`;
const TAG = `mutation($id: ID!, $tags: [String!]!) { tagDevice(id: $id, tags: $tags) { tags } }`;
const MEGABYTE = 'x'.repeat(1024 * 1024);
const uuids = (count: number): string[] => Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

badInput.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const created = await assertAccepted(ctx.fx, CREATE_CREDENTIAL, { input: { name: 'noc', username: 'netops', password: 'pw' } });
  ctx.credentialId = (created['createCredential'] as { id: string }).id;
  const registered = await assertAccepted(ctx.fx, REGISTER, { input: { name: 'Core-1', host: '10.0.0.1', platform: 'cisco_ios', credentialId: ctx.credentialId } });
  ctx.deviceId = (registered['registerDevice'] as { id: string }).id;
});
badInput.after(async (ctx) => {
  await ctx.fx.dispose();
});

const device = (ctx: { credentialId: string }, overrides: Record<string, unknown>) => ({
  query: REGISTER,
  variables: { input: { name: `sw-${Math.random().toString(36).slice(2)}`, host: '10.9.9.9', platform: 'cisco_ios', credentialId: ctx.credentialId, ...overrides } },
});

badInput('device names: a megabyte, 256 characters, NUL, escape sequences, half a surrogate', async (ctx) => {
  await assertRefused(ctx.fx, device(ctx, { name: MEGABYTE }), { code: 'BAD_USER_INPUT', field: 'name', message: /at most 255/ });
  await assertRefused(ctx.fx, device(ctx, { name: 'n'.repeat(256) }), { code: 'BAD_USER_INPUT', field: 'name' });
  await assertRefused(ctx.fx, device(ctx, { name: 'sw\u00001' }), { code: 'BAD_USER_INPUT', field: 'name' });
  await assertRefused(ctx.fx, device(ctx, { name: 'sw\u001b[31m' }), { code: 'BAD_USER_INPUT', field: 'name' });
  await assertRefused(ctx.fx, device(ctx, { name: '   ' }), { code: 'BAD_USER_INPUT', field: 'name' });
  const loneSurrogate = `{"query":${JSON.stringify(REGISTER)},"variables":{"input":{"name":"sw\\ud800","host":"10.9.9.9","platform":"cisco_ios","credentialId":"${ctx.credentialId}"}}}`;
  await assertRefused(ctx.fx, { query: REGISTER, body: loneSurrogate }, { code: 'BAD_USER_INPUT', field: 'name' });
});

badInput('unicode names and IPv6 hosts are welcome', async (ctx) => {
  const data = await assertAccepted(ctx.fx, REGISTER, device(ctx, { name: 'Zürich – Kern 🛰', host: '2001:db8::1' }).variables);
  assert.is((data['registerDevice'] as { name: string }).name, 'Zürich – Kern 🛰');
});

badInput('hosts: shell metacharacters, bad labels, too long, impossible addresses', async (ctx) => {
  for (const host of ['; rm -rf /', '$(reboot)', 'sw 1', '-sw1', '999.1.1.1', '2001:db8:::1', `${'a'.repeat(63)}.`.repeat(4) + 'net', 'h\u0000']) {
    await assertRefused(ctx.fx, device(ctx, { host }), { code: 'BAD_USER_INPUT', field: 'host' });
  }
});

badInput('ports outside 1–65535, unknown platform, unknown credential', async (ctx) => {
  for (const port of [0, -1, 65536]) await assertRefused(ctx.fx, device(ctx, { port }), { code: 'BAD_USER_INPUT', field: 'port' });
  await assertRefused(ctx.fx, device(ctx, { platform: 'vendor_x' }), { code: 'BAD_USER_INPUT', field: 'platform', message: /unknown platform "vendor_x"/ });
  await assertRefused(ctx.fx, device(ctx, { platform: MEGABYTE }), { code: 'BAD_USER_INPUT', field: 'platform' });
  await assertRefused(ctx.fx, device(ctx, { credentialId: 'no-such-credential' }), { code: 'BAD_USER_INPUT', field: 'credentialId', message: /does not exist/ });
});

badInput('tags: 100,000 of them, 65 distinct, 65 characters, control characters', async (ctx) => {
  const many = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
  await assertRefused(ctx.fx, device(ctx, { tags: many }), { code: 'BAD_USER_INPUT', field: 'tags', message: /at most 64 tags/ });
  await assertRefused(ctx.fx, device(ctx, { tags: many.slice(0, 65) }), { code: 'BAD_USER_INPUT', field: 'tags' });
  await assertRefused(ctx.fx, device(ctx, { tags: ['t'.repeat(65)] }), { code: 'BAD_USER_INPUT', field: 'tags' });
  await assertRefused(ctx.fx, device(ctx, { tags: ['ok', 'bad\u0007'] }), { code: 'BAD_USER_INPUT', field: 'tags' });
  await assertRefused(ctx.fx, { query: TAG, variables: { id: ctx.deviceId, tags: many } }, { code: 'BAD_USER_INPUT', field: 'tags' });
  await assertAccepted(ctx.fx, TAG, { id: ctx.deviceId, tags: many.slice(0, 60) });
  await assertRefused(ctx.fx, { query: TAG, variables: { id: ctx.deviceId, tags: ['x1', 'x2', 'x3', 'x4', 'x5'] } }, { code: 'BAD_USER_INPUT', field: 'tags', message: /it has 60, this adds 5/ });
  await assertRefused(ctx.fx, { query: `mutation($id: ID!) { untagDevice(id: $id, tags: ["${'u'.repeat(65)}"]) { id } }`, variables: { id: ctx.deviceId } }, { code: 'BAD_USER_INPUT', field: 'tags' });
});

badInput('device names are unique among live devices, whatever the case and blanks', async (ctx) => {
  const answer = await assertRefused(ctx.fx, device(ctx, { name: '  core-1 ' }), { code: 'CONFLICT', field: 'name' });
  assert.match(answer.errors?.[0]?.message ?? '', `a device named "Core-1" already exists (id ${ctx.deviceId})`);
  const other = await assertAccepted(ctx.fx, REGISTER, device(ctx, { name: 'Core-2' }).variables);
  const otherId = (other['registerDevice'] as { id: string }).id;
  const rename = `mutation($id: ID!, $name: String!) { updateDevice(id: $id, input: { name: $name }) { name } }`;
  await assertRefused(ctx.fx, { query: rename, variables: { id: otherId, name: 'CORE-1' } }, { code: 'CONFLICT', field: 'name' });
  await assertAccepted(ctx.fx, rename, { id: otherId, name: 'core-2' });
  await assertAccepted(ctx.fx, rename, { id: otherId, name: 'Core-3' });
  // The old name was given back by the rename; a decommissioned device gives its name back too.
  await assertAccepted(ctx.fx, REGISTER, device(ctx, { name: 'Core-2' }).variables);
  await assertAccepted(ctx.fx, `mutation($id: ID!) { decommissionDevice(id: $id, reason: "replaced") { status } }`, { id: otherId });
  await assertAccepted(ctx.fx, REGISTER, device(ctx, { name: 'core-3' }).variables);
  await assertRefused(ctx.fx, { query: rename, variables: { id: otherId, name: 'Core-9' } }, { code: 'CONFLICT', message: /decommissioned/ });
});

badInput('credential names are unique; usernames and passwords are bounded', async (ctx) => {
  const credential = (input: Record<string, unknown>) => ({ query: CREATE_CREDENTIAL, variables: { input: { name: `c-${Math.random()}`, username: 'u', password: 'p', ...input } } });
  await assertRefused(ctx.fx, credential({ name: ' NOC' }), { code: 'CONFLICT', field: 'name', message: /a credential named "noc" already exists/ });
  await assertRefused(ctx.fx, credential({ name: MEGABYTE }), { code: 'BAD_USER_INPUT', field: 'name' });
  await assertRefused(ctx.fx, credential({ username: 'net\nops' }), { code: 'BAD_USER_INPUT', field: 'username' });
  await assertRefused(ctx.fx, credential({ username: 'u'.repeat(256) }), { code: 'BAD_USER_INPUT', field: 'username' });
  await assertRefused(ctx.fx, credential({ password: 'p'.repeat(1025) }), { code: 'BAD_USER_INPUT', field: 'password' });
  await assertRefused(ctx.fx, credential({ password: '' }), { code: 'BAD_USER_INPUT', field: 'password' });
  await assertRefused(ctx.fx, credential({ enablePassword: MEGABYTE }), { code: 'BAD_USER_INPUT', field: 'enablePassword' });
});

badInput('scheduleBackup: unknown or decommissioned devices are NOT_FOUND, by name, and no job is created', async (ctx) => {
  const answer = await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: ['nope'] } } }, { code: 'NOT_FOUND', field: 'deviceIds' });
  assert.match(answer.errors?.[0]?.message ?? '', /1 of the devices .* nope$/);
  const many = await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: [ctx.deviceId, ...uuids(25)] } } }, { code: 'NOT_FOUND', field: 'deviceIds' });
  assert.match(many.errors?.[0]?.message ?? '', /^25 of the devices .* and 5 more$/);
  assert.not.match(many.errors?.[0]?.message ?? '', ctx.deviceId);
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: uuids(100_000) } } }, { code: 'NOT_FOUND', field: 'deviceIds', message: /^100000 of the devices/ });
  const gone = await assertAccepted(ctx.fx, REGISTER, device(ctx, {}).variables);
  const goneId = (gone['registerDevice'] as { id: string }).id;
  await assertAccepted(ctx.fx, `mutation($id: ID!) { decommissionDevice(id: $id) { status } }`, { id: goneId });
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: [goneId] } } }, { code: 'NOT_FOUND', field: 'deviceIds' });
  const { jobs } = await assertAccepted(ctx.fx, '{ jobs { nodes { id } totalCount } }') as { jobs: { nodes: unknown[]; totalCount: number } };
  assert.equal(jobs, { nodes: [], totalCount: 0 }, 'no job was created by any refused schedule');
});

badInput('scheduleBackup: too many ids or tags, bad ids, no targets', async (ctx) => {
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: uuids(100_001) } } }, { code: 'BAD_USER_INPUT', field: 'deviceIds', message: /at most 100000/ });
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: [MEGABYTE] } } }, { code: 'BAD_USER_INPUT', field: 'deviceIds' });
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { deviceIds: ['\u0000'] } } }, { code: 'BAD_USER_INPUT', field: 'deviceIds' });
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { tags: uuids(65) } } }, { code: 'BAD_USER_INPUT', field: 'tags' });
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: { tags: ['t'.repeat(65)] } } }, { code: 'BAD_USER_INPUT', field: 'tags' });
  await assertRefused(ctx.fx, { query: SCHEDULE, variables: { input: {} } }, { code: 'BAD_USER_INPUT', field: 'deviceIds' });
  const data = await assertAccepted(ctx.fx, SCHEDULE, { input: { deviceIds: [ctx.deviceId, ctx.deviceId] } });
  assert.ok((data['scheduleBackup'] as { id: string }).id);
});

badInput('limits and lookups: out-of-range limits name their argument, odd ids are refused', async (ctx) => {
  for (const limit of [-5, 0, 1001]) await assertRefused(ctx.fx, { query: `query($l: Int) { jobs(limit: $l) { nodes { id } } }`, variables: { l: limit } }, { code: 'BAD_USER_INPUT', field: 'limit' });
  await assertRefused(ctx.fx, { query: `{ logs(first: 100000) { nodes { id } } }` }, { code: 'BAD_USER_INPUT', field: 'first' });
  await assertRefused(ctx.fx, { query: `{ logs(first: -1) { nodes { id } } }` }, { code: 'BAD_USER_INPUT', field: 'first' });
  await assertRefused(ctx.fx, { query: `query($id: ID!) { device(id: $id) { snapshots(limit: -1) { nodes { commit } } } }`, variables: { id: ctx.deviceId } }, { code: 'BAD_USER_INPUT', field: 'limit' });
  await assertRefused(ctx.fx, { query: `query($id: ID!) { device(id: $id) { id } }`, variables: { id: 'a\u0000b' } }, { code: 'BAD_USER_INPUT', field: 'id' });
  await assertRefused(ctx.fx, { query: `query($id: ID!) { job(id: $id) { id } }`, variables: { id: MEGABYTE } }, { code: 'BAD_USER_INPUT', field: 'id' });
  await assertRefused(ctx.fx, { query: `query($t: String) { devices(tag: $t) { nodes { id } } }`, variables: { t: 'core\u0000' } }, { code: 'BAD_USER_INPUT', field: 'tag' });
  await assertRefused(ctx.fx, { query: `query($s: String) { logs(filter: { source: $s }) { nodes { id } } }`, variables: { s: '\u0000' } }, { code: 'BAD_USER_INPUT', field: 'filter.source' });
  await assertRefused(ctx.fx, { query: `query($j: ID) { logs(filter: { jobId: $j }) { nodes { id } } }`, variables: { j: MEGABYTE } }, { code: 'BAD_USER_INPUT', field: 'filter.jobId' });
  const found = await assertAccepted(ctx.fx, `query($id: ID!) { device(id: $id) { id } job(id: $id) { id } }`, { id: 'no-such-thing' });
  assert.equal(found, { device: null, job: null });
  await assertAccepted(ctx.fx, `{ jobs(limit: 1000) { nodes { id } } logs(first: 1000) { nodes { id } } }`);
});

badInput('other device mutations: odd ids, long reasons', async (ctx) => {
  await assertRefused(ctx.fx, { query: TAG, variables: { id: MEGABYTE, tags: ['a'] } }, { code: 'BAD_USER_INPUT', field: 'id' });
  await assertRefused(ctx.fx, { query: `mutation($id: ID!) { resetHostKey(id: $id) { id } }`, variables: { id: '\u0000' } }, { code: 'BAD_USER_INPUT', field: 'id' });
  await assertRefused(ctx.fx, { query: `mutation($id: ID!, $r: String) { decommissionDevice(id: $id, reason: $r) { id } }`, variables: { id: ctx.deviceId, r: 'r'.repeat(1025) } }, { code: 'BAD_USER_INPUT', field: 'reason' });
  await assertRefused(ctx.fx, { query: `mutation($id: ID!) { updateDevice(id: $id, input: { host: "; rm -rf /" }) { id } }`, variables: { id: ctx.deviceId } }, { code: 'BAD_USER_INPUT', field: 'host' });
  await assertRefused(ctx.fx, { query: `mutation { tagDevice(id: "no-such-device", tags: ["a"]) { id } }` }, { code: 'CONFLICT' });
});

badInput('wrong types, nested garbage and broken documents are GraphQL refusals, never internal errors', async (ctx) => {
  const input = (overrides: Record<string, unknown>) => device(ctx, overrides);
  for (const overrides of [{ name: 42 }, { name: { nested: { garbage: [1, 2, { deeper: true }] } } }, { port: '22' }, { port: 2 ** 31 }, { port: MEGABYTE }, { host: [MEGABYTE] }, { tags: [{ a: 1 }] }, { protocol: 'rsh' }, { credentialId: null }]) {
    await assertRefused(ctx.fx, input(overrides), { code: 'BAD_USER_INPUT' });
  }
  await assertRefused(ctx.fx, { query: REGISTER, variables: { input: null } }, { code: 'BAD_USER_INPUT' });
  // GraphQL reads a single value where a list is expected as a list of one: data, not an error.
  await assertAccepted(ctx.fx, REGISTER, input({ tags: 'core' }).variables);
  await assertRefused(ctx.fx, { query: 'mutation { registerDevice(' }, { code: 'GRAPHQL_PARSE_FAILED' });
  await assertRefused(ctx.fx, { query: '{ devices { nodes { id nope } } }' }, { code: 'GRAPHQL_VALIDATION_FAILED' });
  await assertRefused(ctx.fx, { query: '{ jobs(limit: 99999999999) { nodes { id } } }' }, { code: 'GRAPHQL_VALIDATION_FAILED' });
  await assertRefused(ctx.fx, { query: '', body: '{"query": ' }, { code: 'BAD_REQUEST' });
  await assertRefused(ctx.fx, { query: '', body: '{"query": 42}' }, { code: 'BAD_REQUEST' });
  await assertRefused(ctx.fx, { query: '', body: JSON.stringify({ query: `{ ${'devices { nodes { id } } '.repeat(1)}`, variables: 'garbage' }) }, { code: 'BAD_REQUEST' });
});

badInput('two registrations of one name at the same moment: exactly one succeeds', async (ctx) => {
  const before = await eventCount(ctx.fx);
  const names = ['Edge-7', 'edge-7', ' EDGE-7', 'Edge-7 ', 'edge-7'];
  const answers = await Promise.all(names.map((name) => ask(ctx.fx, REGISTER, device(ctx, { name }).variables)));
  const succeeded = answers.filter((a) => !a.errors?.length);
  const refused = answers.filter((a) => a.errors?.length);
  assert.is(succeeded.length, 1, JSON.stringify(answers));
  assert.ok(refused.every((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT'), JSON.stringify(refused));
  // The winner's reservation and registration; the losers appended nothing.
  assert.is(await eventCount(ctx.fx), before + 2);
  const credentials = await Promise.all(['ops', 'OPS'].map((name) => ask(ctx.fx, CREATE_CREDENTIAL, { input: { name, username: 'u', password: 'p' } })));
  assert.is(credentials.filter((a) => !a.errors?.length).length, 1, JSON.stringify(credentials));
});

badInput.run();
