import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, dispatch, firstJobUpdate, login, registerDevice, scheduleJob } from './access-fixture.js';

interface Ctx {
  fx: GatewayFixture;
  scoped: string;
  core: string;
  edge: string;
  coreJob: string;
  edgeJob: string;
  mixedJob: string;
}

const scope = suite<Ctx>('tag scopes: a user limited to tags never sees outside them');

scope.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.core = await registerDevice(ctx.fx, createCredential.id, ['core']);
  ctx.edge = await registerDevice(ctx.fx, createCredential.id, ['edge']);
  ctx.coreJob = await scheduleJob(ctx.fx, [ctx.core]);
  ctx.edgeJob = await scheduleJob(ctx.fx, [ctx.edge]);
  ctx.mixedJob = await scheduleJob(ctx.fx, [ctx.core, ctx.edge]);
  await dispatch(ctx.fx, ctx.edgeJob, [ctx.edge]);
  await dispatch(ctx.fx, ctx.mixedJob, [ctx.core, ctx.edge]);
  const { password } = await createUser(ctx.fx, 'core-operator', 'OPERATOR', ['core']);
  ctx.scoped = (await login(ctx.fx.url, 'core-operator', password)).accessToken;
});
scope.after(async (ctx) => {
  await ctx.fx.dispose();
});

scope('lists and lookups by id show only devices with one of its tags', async (ctx) => {
  const answer = await call<{ devices: { nodes: Array<{ id: string }>; totalCount: number }; edge: unknown; core: { id: string } }>(ctx.fx.url, ctx.scoped,
    'query($e: ID!, $c: ID!) { devices { nodes { id } totalCount } edge: device(id: $e) { id } core: device(id: $c) { id } }', { e: ctx.edge, c: ctx.core });
  assert.equal(answer.data?.devices.nodes.map((d) => d.id), [ctx.core]);
  assert.is(answer.data?.devices.totalCount, 1, 'the count is of the devices it sees');
  assert.is(answer.data?.edge, null);
  assert.is(answer.data?.core.id, ctx.core);
});

scope('tags: the admin sees every tag in use with its counts; a scoped user only its own', async (ctx) => {
  const { tags } = await graphql<{ tags: Array<{ name: string; deviceCount: number; credentialCount: number; hasPolicy: boolean }> }>(ctx.fx.url,
    '{ tags { name deviceCount credentialCount hasPolicy } }');
  assert.equal(tags, [
    { name: 'core', deviceCount: 1, credentialCount: 0, hasPolicy: false },
    { name: 'edge', deviceCount: 1, credentialCount: 0, hasPolicy: false },
  ]);
  const scoped = await call<{ tags: Array<{ name: string; deviceCount: number }> }>(ctx.fx.url, ctx.scoped, '{ tags { name deviceCount } }');
  assert.equal(scoped.data?.tags, [{ name: 'core', deviceCount: 1 }]);
});

scope('jobs: only those targeting a visible device, with counts and devices of the visible ones only', async (ctx) => {
  const answer = await call<{ jobs: { nodes: Array<{ id: string }> }; edge: unknown; mixed: { deviceCount: number; devices: { nodes: Array<{ deviceId: string }>; totalCount: number }; targets: { deviceIds: string[] } } }>(
    ctx.fx.url, ctx.scoped,
    'query($e: ID!, $m: ID!) { jobs { nodes { id } } edge: job(id: $e) { id } mixed: job(id: $m) { deviceCount devices { nodes { deviceId } totalCount } targets { deviceIds } } }',
    { e: ctx.edgeJob, m: ctx.mixedJob });
  assert.equal(answer.data?.jobs.nodes.map((j) => j.id).sort(), [ctx.coreJob, ctx.mixedJob].sort());
  assert.is(answer.data?.edge, null);
  assert.equal(answer.data?.mixed, { deviceCount: 1, devices: { nodes: [{ deviceId: ctx.core }], totalCount: 1 }, targets: { deviceIds: [ctx.core] } });
  const { jobs: all } = await graphql<{ jobs: { nodes: Array<{ id: string }>; totalCount: number } }>(ctx.fx.url, '{ jobs { nodes { id } totalCount } }');
  assert.is(all.nodes.length, 3, 'the admin sees every job');
  assert.is(all.totalCount, 3);
  const scopedCount = await call<{ jobs: { totalCount: number } }>(ctx.fx.url, ctx.scoped, '{ jobs { totalCount } }');
  assert.is(scopedCount.data?.jobs.totalCount, 2, 'a scoped count counts only the jobs it sees');
});

scope('logs: none of a job or device outside the scope', async (ctx) => {
  const answer = await call<{ logs: { nodes: Array<{ jobId: string | null; deviceId: string | null }> }; edgeLogs: { nodes: Array<unknown> } }>(ctx.fx.url, ctx.scoped,
    'query($e: ID!) { logs(first: 1000) { nodes { jobId deviceId } } edgeLogs: logs(filter: { jobId: $e }) { nodes { message } } }', { e: ctx.edgeJob });
  assert.equal(answer.data?.edgeLogs.nodes, []);
  assert.ok(answer.data?.logs.nodes.every((l) => l.jobId !== ctx.edgeJob && l.deviceId !== ctx.edge), JSON.stringify(answer.data?.logs));
  const { logs: all } = await graphql<{ logs: { nodes: Array<{ jobId: string | null }> } }>(ctx.fx.url, '{ logs(first: 1000) { nodes { jobId } } }');
  assert.ok(all.nodes.some((l) => l.jobId === ctx.edgeJob), 'the admin sees the edge job’s lines');
});

scope('acting outside the scope: unknown devices, foreign tags refused', async (ctx) => {
  const touch = await call(ctx.fx.url, ctx.scoped, 'mutation($id: ID!) { decommissionDevice(id: $id, reason: "x") { id } }', { id: ctx.edge });
  assert.is(codeOf(touch), 'NOT_FOUND');
  const backup = await call(ctx.fx.url, ctx.scoped, 'mutation($d: ID!) { scheduleBackup(input: { deviceIds: [$d] }) { id } }', { d: ctx.edge });
  assert.is(codeOf(backup), 'NOT_FOUND');
  const byTag = await call(ctx.fx.url, ctx.scoped, 'mutation { scheduleBackup(input: { tags: ["edge"] }) { id } }');
  assert.is(codeOf(byTag), 'FORBIDDEN');
  const register = await call(ctx.fx.url, ctx.scoped, 'mutation($c: ID!) { registerDevice(input: { name: "x1", host: "10.0.0.5", platform: "cisco_ios", credentialId: $c, tags: ["edge"] }) { id } }',
    { c: (await graphql<{ credentials: Array<{ id: string }> }>(ctx.fx.url, '{ credentials { id } }')).credentials[0]?.id });
  assert.is(codeOf(register), 'FORBIDDEN');
  const untag = await call(ctx.fx.url, ctx.scoped, 'mutation($id: ID!) { untagDevice(id: $id, tags: ["core"]) { id } }', { id: ctx.core });
  assert.is(codeOf(untag), 'FORBIDDEN', 'a device cannot be pushed out of one’s own scope');
  const token = await call(ctx.fx.url, ctx.scoped, 'mutation { createApiToken(input: { name: "wide", role: VIEWER, tags: [] }) { token } }');
  assert.is(codeOf(token), 'FORBIDDEN', 'a token never reaches beyond its creator’s tags');
});

scope('subscriptions: a job outside the scope cannot be watched; a mixed job shows only the visible devices', async (ctx) => {
  const refused = await firstJobUpdate(ctx.fx.url, ctx.scoped, ctx.edgeJob, async () => undefined);
  assert.is(refused.errors?.[0]?.extensions?.code, 'NOT_FOUND', JSON.stringify(refused));
  const start = () => ctx.fx.commands.handle(jobDecider, ctx.mixedJob, {
    type: 'StartDeviceBackup', data: { jobId: ctx.mixedJob, deviceId: ctx.core, workerId: 'w', attempt: 1 }, metadata: newCommandMetadata({ actor: 'system:test' }),
  }).then(() => undefined);
  const watched = await firstJobUpdate(ctx.fx.url, ctx.scoped, ctx.mixedJob, start);
  assert.equal(watched.data?.jobUpdated, { id: ctx.mixedJob, deviceCount: 1, devices: { nodes: [{ deviceId: ctx.core }] } });
});

scope('every event a mutation appends names its actor', async (ctx) => {
  const { createApiToken } = await graphql<{ createApiToken: { token: string } }>(ctx.fx.url,
    'mutation { createApiToken(input: { name: "nightly", role: OPERATOR, tags: ["core"] }) { token } }');
  const byUser = await call<{ tagDevice: { id: string } }>(ctx.fx.url, ctx.scoped, 'mutation($id: ID!) { tagDevice(id: $id, tags: ["core", "dc1"]) { id } }', { id: ctx.core });
  assert.is(byUser.errors, undefined, JSON.stringify(byUser.errors));
  const byToken = await call<{ untagDevice: { id: string } }>(ctx.fx.url, createApiToken.token, 'mutation($id: ID!) { untagDevice(id: $id, tags: ["dc1"]) { id } }', { id: ctx.core });
  assert.is(byToken.errors, undefined, JSON.stringify(byToken.errors));
  const events = await ctx.fx.store.readStream(`device-${ctx.core}`);
  const actors = events.map((e) => `${e.type}:${e.metadata.actor}`);
  assert.ok(actors.includes('DeviceTagged:user:core-operator'), actors.join(', '));
  assert.ok(actors.includes('DeviceUntagged:token:nightly'), actors.join(', '));
  assert.ok(actors.includes('DeviceRegistered:user:admin'), actors.join(', '));
});

scope.run();
