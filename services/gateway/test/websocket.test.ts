import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Client } from 'graphql-ws';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { jobDevices } from '@netraven/projections';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, createUser, dispatch, login, registerDevice, scheduleJob } from './access-fixture.js';
import { overSocket, wsClient } from './ws-client.js';

interface Ctx {
  fx: GatewayFixture;
  admin: string;
  scoped: string;
  viewer: string;
  credentialId: string;
  core: string;
  edge: string;
  clients: Client[];
}

const JOB_UPDATED = 'subscription($id: ID!) { jobUpdated(id: $id) { id deviceCount devices { nodes { deviceId status } } } }';
interface JobUpdated { jobUpdated: { id: string; deviceCount: number; devices: { nodes: Array<{ deviceId: string; status: string }> } } }

const ws = suite<Ctx>('GraphQL over WebSocket: authenticated by connectionParams, scoped as over HTTP');

const open = (ctx: Ctx, params?: Record<string, unknown>, keepOpen = false): Client => {
  const client = wsClient(ctx.fx.url, params, { keepOpen });
  ctx.clients.push(client);
  return client;
};

ws.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  ctx.clients = [];
  ctx.admin = ctx.fx.authorization.slice('Bearer '.length);
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
  ctx.core = await registerDevice(ctx.fx, ctx.credentialId, ['core']);
  ctx.edge = await registerDevice(ctx.fx, ctx.credentialId, ['edge']);
  const scoped = await createUser(ctx.fx, 'core-operator', 'OPERATOR', ['core']);
  ctx.scoped = (await login(ctx.fx.url, 'core-operator', scoped.password)).accessToken;
  const viewer = await createUser(ctx.fx, 'viewer', 'VIEWER');
  ctx.viewer = (await login(ctx.fx.url, 'viewer', viewer.password)).accessToken;
});
ws.after(async (ctx) => {
  await Promise.all(ctx.clients.map((client) => client.dispose()));
  await ctx.fx.dispose();
});

ws('jobUpdated with a valid token: the updates of the job arrive on the socket', async (ctx) => {
  const jobId = await scheduleJob(ctx.fx, [ctx.core]);
  const start = () => ctx.fx.commands.handle(jobDecider, jobId, {
    type: 'StartDeviceBackup', data: { jobId, deviceId: ctx.core, workerId: 'w', attempt: 1 }, metadata: newCommandMetadata({ actor: 'system:test' }),
  }).then(() => undefined);
  const outcome = await overSocket<JobUpdated>(open(ctx, { Authorization: `Bearer ${ctx.admin}` }), JOB_UPDATED, { id: jobId }, {
    until: (message) => message.data?.jobUpdated.devices.nodes[0]?.status === 'RUNNING',
    trigger: async () => {
      await dispatch(ctx.fx, jobId, [ctx.core]);
      // The dispatch is in the read model (and so announced) before the device starts.
      await eventually('the job dispatched in the read model', async () => ((await jobDevices(ctx.fx.db, jobId)).length === 1 ? true : undefined), 5_000);
      await start();
    },
  });
  assert.is(outcome.closed, undefined, JSON.stringify(outcome));
  assert.ok(outcome.messages.length >= 2, JSON.stringify(outcome));
  assert.ok(outcome.messages.every((m) => m.errors === undefined), JSON.stringify(outcome));
  assert.equal(outcome.messages[0]?.data?.jobUpdated.devices.nodes, [], 'first the job as it stands: not dispatched yet');
  assert.ok(outcome.messages.some((m) => m.data?.jobUpdated.devices.nodes.map((d) => d.deviceId).join() === ctx.core), JSON.stringify(outcome));
  assert.is(outcome.messages.at(-1)?.data?.jobUpdated.devices.nodes[0]?.status, 'RUNNING', JSON.stringify(outcome));
});

ws('the token is taken from Authorization, authorization or token; an API token works too', async (ctx) => {
  const created = await call<{ createApiToken: { token: string } }>(ctx.fx.url, ctx.admin,
    'mutation { createApiToken(input: { name: "ws-script", role: VIEWER, tags: [] }) { token } }');
  const apiToken = created.data?.createApiToken.token ?? '';
  for (const [params, username] of [
    [{ authorization: `Bearer ${ctx.viewer}` }, 'viewer'],
    [{ token: ctx.scoped }, 'core-operator'],
    [{ Authorization: `Bearer ${apiToken}` }, 'ws-script'],
  ] as const) {
    const outcome = await overSocket<{ me: { username: string } }>(open(ctx, params), '{ me { username } }');
    assert.is(outcome.messages[0]?.data?.me.username, username, JSON.stringify(outcome));
  }
});

ws('no token closes the socket with 4401; a bad or tampered token with 4403', async (ctx) => {
  const anonymous = await overSocket(open(ctx), '{ me { username } }');
  assert.is(anonymous.closed?.code, 4401, JSON.stringify(anonymous));
  assert.match(anonymous.closed?.reason ?? '', /Authorization/);
  const bad = await overSocket(open(ctx, { Authorization: 'Bearer not-a-token' }), '{ me { username } }');
  assert.is(bad.closed?.code, 4403, JSON.stringify(bad));
  const tampered = await overSocket(open(ctx, { Authorization: `Bearer ${ctx.admin.slice(0, -4)}AAAA` }), '{ me { username } }');
  assert.is(tampered.closed?.code, 4403, JSON.stringify(tampered));
  assert.is(anonymous.messages.length + bad.messages.length + tampered.messages.length, 0);
});

ws('role and tag scope apply on the socket: a scoped user cannot watch a job outside its tags, a viewer cannot mutate', async (ctx) => {
  const edgeJob = await scheduleJob(ctx.fx, [ctx.edge]);
  const refused = await overSocket(open(ctx, { Authorization: `Bearer ${ctx.scoped}` }), JOB_UPDATED, { id: edgeJob });
  assert.is(refused.messages[0]?.errors?.[0]?.extensions?.code, 'NOT_FOUND', JSON.stringify(refused));
  const devices = await overSocket<{ devices: { nodes: Array<{ id: string }> } }>(open(ctx, { Authorization: `Bearer ${ctx.scoped}` }), '{ devices { nodes { id } } }');
  assert.equal(devices.messages[0]?.data?.devices.nodes.map((d) => d.id), [ctx.core]);
  const mutation = await overSocket(open(ctx, { Authorization: `Bearer ${ctx.viewer}` }), 'mutation($d: ID!) { scheduleBackup(input: { deviceIds: [$d] }) { id } }', { d: ctx.core });
  assert.is(mutation.messages[0]?.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(mutation));
});

ws('a session ended after the socket opened: its next operation is UNAUTHENTICATED', async (ctx) => {
  const password = (await createUser(ctx.fx, 'leaver', 'VIEWER')).password;
  const token = (await login(ctx.fx.url, 'leaver', password)).accessToken;
  const client = open(ctx, { Authorization: `Bearer ${token}` }, true);
  let connections = 0;
  client.on('connected', () => {
    connections += 1;
  });
  assert.is((await overSocket<{ me: { username: string } }>(client, '{ me { username } }')).messages[0]?.data?.me.username, 'leaver');
  assert.is((await call(ctx.fx.url, token, 'mutation { logout }')).errors, undefined);
  const after = await overSocket(client, '{ me { username } }');
  assert.is(after.messages[0]?.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(after));
  assert.is(connections, 1, 'both operations ran on the one socket');
});

ws('the depth and cost limits hold on the socket too', async (ctx) => {
  const costly = '{ devices(first: 1000) { nodes { snapshots(first: 1000) { nodes { commit } } } } }';
  const outcome = await overSocket(open(ctx, { Authorization: `Bearer ${ctx.admin}` }), costly);
  assert.is(outcome.messages[0]?.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(outcome));
  assert.match(outcome.messages[0]?.errors?.[0]?.message ?? '', /costs .*at most 500000/);
});

ws.run();
