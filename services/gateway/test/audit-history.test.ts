import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceDecider, jobDecider, type Command } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, dispatch, login, registerDevice, scheduleJob } from './access-fixture.js';

interface Node { position: number; stream: string; type: string; actor: string; correlationId: string; causationId: string; data: Record<string, unknown> }
interface History { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
interface JobShape { status: string; deviceCount: number; succeeded: number; failed: number; devices: { nodes: Array<{ deviceId: string; status: string; attempts: number; errorCategory: string | null; commit: string | null }> } }
interface World { fx: GatewayFixture; credentialId: string; core: string; edge: string; jobId: string; scopedToken: string; viewerToken: string }

const HISTORY = `query($id: ID!, $first: Int, $after: String) { job(id: $id) { history(first: $first, after: $after) {
  nodes { position stream type actor correlationId causationId data } pageInfo { hasNextPage endCursor } } } }`;
const JOB_FIELDS = 'status deviceCount succeeded failed devices { nodes { deviceId status attempts errorCategory commit } }';
const STATE_AT = `query($id: ID!, $at: DateTime, $position: Int) { job(id: $id) { stateAt(at: $at, position: $position) { ${JOB_FIELDS} } } }`;

const SHA = 'a'.repeat(64);
const as = (jobId: string, commandId: string) => newCommandMetadata({ actor: 'system:device-comm', commandId, correlationId: jobId });

async function fullHistory(w: World, token: string | undefined, first: number): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | undefined;
  for (;;) {
    const answer = await call<{ job: { history: History } }>(w.fx.url, token ?? w.fx.authorization.slice(7), HISTORY, { id: w.jobId, first, ...(after ? { after } : {}) });
    const history = answer.data?.job.history;
    if (!history) throw new Error(JSON.stringify(answer.errors));
    nodes.push(...history.nodes);
    if (!history.pageInfo.hasNextPage) return nodes;
    after = history.pageInfo.endCursor;
  }
}

const audit = suite<{ w: World }>('audit replay over the gateway: history, stateAt, scope');

audit.before(async (ctx) => {
  try {
    await setUp(ctx);
  } catch (error) {
    console.error(error);
    throw error;
  }
});

async function setUp(ctx: { w: World }): Promise<void> {
  const fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret-value" }) { id } }');
  const core = await registerDevice(fx, createCredential.id, ['core']);
  const edge = await registerDevice(fx, createCredential.id, ['edge']);
  const jobId = await scheduleJob(fx, [core, edge]);
  await dispatch(fx, jobId, [core, edge]);
  // What the workers do: start each device, a crash redelivery of the core device, an outcome each.
  const job = (command: Omit<Command, 'metadata'>, id: string) => fx.commands.handle(jobDecider, jobId, { ...command, metadata: as(jobId, id) } as never);
  await job({ type: 'StartDeviceBackup', data: { jobId, deviceId: core, workerId: 'w1', attempt: 1 } }, `start-${core}-1`);
  await job({ type: 'StartDeviceBackup', data: { jobId, deviceId: edge, workerId: 'w1', attempt: 1 } }, `start-${edge}-1`);
  await job({ type: 'StartDeviceBackup', data: { jobId, deviceId: core, workerId: 'w2', attempt: 2 } }, `start-${core}-2`);
  await fx.commands.handle(deviceDecider, core, { type: 'PinHostKey', data: { deviceId: core, fingerprint: `SHA256:${'a'.repeat(43)}` }, metadata: as(jobId, `pin-${core}`) });
  await fx.commands.handle(deviceDecider, edge, { type: 'PinHostKey', data: { deviceId: edge, fingerprint: `SHA256:${'b'.repeat(43)}` }, metadata: as(jobId, `pin-${edge}`) });
  await job({ type: 'RecordSnapshot', data: { jobId, deviceId: core, commit: 'c0ffee', changed: true, sha256: SHA, size: 10, facts: {}, credentialsTried: [{ credentialId: createCredential.id, verdict: 'accepted' }] } }, `outcome-${core}`);
  await job({ type: 'RecordDeviceFailure', data: { jobId, deviceId: edge, category: 'timeout', message: 'no answer' } }, `outcome-${edge}`);
  await createUser(fx, 'scoped', 'VIEWER', ['core']);
  await createUser(fx, 'viewer', 'VIEWER', []);
  const w: World = {
    fx, credentialId: createCredential.id, core, edge, jobId,
    scopedToken: (await login(fx.url, 'scoped', 'scoped-password')).accessToken,
    viewerToken: (await login(fx.url, 'viewer', 'viewer-password')).accessToken,
  };
  await eventually('the job to complete in the read model', async () => {
    const { job: row } = await graphql<{ job: { status: string } }>(fx.url, 'query($id: ID!) { job(id: $id) { status } }', { id: jobId });
    return row.status === 'FAILED' ? row : undefined;
  });
  ctx.w = w;
}
audit.after(async (ctx) => {
  await ctx.w.fx.dispose();
});

audit('history: every stream the job touched, in log order, with actor and correlation; pages join up', async ({ w }) => {
  const all = await eventually('the whole trail to be readable', async () => {
    const nodes = await fullHistory(w, undefined, 100);
    return nodes.some((n) => n.type === 'JobCompleted') ? nodes : undefined;
  });
  assert.equal(all.map((n) => n.type), ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'DeviceBackupStarted', 'DeviceBackupStarted',
    'DeviceHostKeyPinned', 'DeviceHostKeyPinned', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted']);
  assert.ok(all.every((n, i) => i === 0 || n.position > all[i - 1]!.position), 'positions increase');
  assert.is(all[0]!.actor, 'user:admin');
  // The test's dispatch stands in for the scheduler's and has a correlation of its own; the job stream is read whole anyway.
  assert.ok(all.every((n) => n.type === 'JobDispatched' || n.correlationId === w.jobId), 'one correlation: the job id');
  assert.equal(all.filter((n) => n.type === 'DeviceHostKeyPinned').map((n) => n.stream), [`device-${w.core}`, `device-${w.edge}`]);
  assert.is(all.find((n) => n.type === 'DeviceBackupFailed')?.causationId, `outcome-${w.edge}`);
  assert.equal(await fullHistory(w, undefined, 3), all, 'pages of 3 give the same trail');
  assert.not.match(JSON.stringify(all), /device-secret-value/);
});

audit('history for a scoped reader: no event of a device outside its tags, lists and counts cut to its scope', async ({ w }) => {
  const nodes = await fullHistory(w, w.scopedToken, 2);
  const text = JSON.stringify(nodes);
  assert.not.ok(text.includes(w.edge), `the foreign device is never named: ${text}`);
  assert.equal(nodes.map((n) => n.type), ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'DeviceBackupStarted', 'DeviceHostKeyPinned', 'SnapshotRecorded', 'JobCompleted']);
  assert.equal(nodes[1]!.data['deviceIds'], [w.core]);
  assert.equal(nodes.at(-1)!.data, { ...nodes.at(-1)!.data, succeeded: 1, failed: 0 });
  const snapshot = nodes.find((n) => n.type === 'SnapshotRecorded')!;
  assert.equal(snapshot.data['credentialsTried'], [{ verdict: 'accepted' }], 'credential ids are for operators');
});

audit('stateAt: the state after each position, the same shape as job; the whole history equals the read model', async ({ w }) => {
  const nodes = await fullHistory(w, undefined, 100);
  const at = async (position: number) =>
    (await graphql<{ job: { stateAt: JobShape | null } }>(w.fx.url, STATE_AT, { id: w.jobId, position })).job.stateAt;
  assert.is(await at(nodes[0]!.position - 1), null, 'before it was scheduled');
  assert.equal(await at(nodes[0]!.position), { status: 'QUEUED', deviceCount: 0, succeeded: 0, failed: 0, devices: { nodes: [] } });
  const dispatched = await at(nodes[1]!.position);
  assert.equal(dispatched?.devices.nodes.map((d) => d.status), ['QUEUED', 'QUEUED']);
  const redelivered = await at(nodes[4]!.position);
  assert.is(redelivered?.status, 'RUNNING');
  assert.is(redelivered?.devices.nodes.find((d) => d.deviceId === w.core)?.attempts, 2);
  const oneDone = await at(nodes[7]!.position);
  assert.equal([oneDone?.succeeded, oneDone?.failed, oneDone?.status], [1, 0, 'RUNNING']);
  const { job } = await graphql<{ job: JobShape & { stateAt: JobShape } }>(w.fx.url,
    `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} stateAt(at: "2999-01-01T00:00:00Z") { ${JOB_FIELDS} } } }`, { id: w.jobId });
  const { stateAt, ...current } = job;
  assert.equal(stateAt, current);
  const scoped = await call<{ job: { stateAt: JobShape } }>(w.fx.url, w.scopedToken, STATE_AT, { id: w.jobId, position: nodes.at(-1)!.position });
  assert.equal(scoped.data?.job.stateAt.devices.nodes.map((d) => d.deviceId), [w.core]);
  assert.equal([scoped.data?.job.stateAt.deviceCount, scoped.data?.job.stateAt.failed], [1, 0]);
});

audit('bad input: exactly one of at and position, a cursor of this history, forwards only', async ({ w }) => {
  const field = (answer: { errors?: Array<{ extensions?: { code?: string; field?: string } }> }) => [answer.errors?.[0]?.extensions?.code, answer.errors?.[0]?.extensions?.field];
  const token = w.fx.authorization.slice(7);
  assert.equal(field(await call(w.fx.url, token, STATE_AT, { id: w.jobId })), ['BAD_USER_INPUT', 'at']);
  assert.equal(field(await call(w.fx.url, token, STATE_AT, { id: w.jobId, at: '2026-01-01T00:00:00Z', position: 3 })), ['BAD_USER_INPUT', 'position']);
  assert.equal(field(await call(w.fx.url, token, STATE_AT, { id: w.jobId, position: -1 })), ['BAD_USER_INPUT', 'position']);
  assert.equal(field(await call(w.fx.url, token, HISTORY, { id: w.jobId, after: 'nonsense' })), ['BAD_USER_INPUT', 'after']);
  assert.equal(field(await call(w.fx.url, token, HISTORY, { id: w.jobId, first: 0 })), ['BAD_USER_INPUT', 'first']);
  assert.equal(field(await call(w.fx.url, token, 'query($id: ID!) { job(id: $id) { history(last: 2) { nodes { type } } } }', { id: w.jobId })), ['BAD_USER_INPUT', 'last']);
});

audit('device history: its own stream and its steps in every job; scope and role apply', async ({ w }) => {
  const query = 'query($id: ID!) { device(id: $id) { history { nodes { stream type data } } } }';
  const { device } = await graphql<{ device: { history: { nodes: Node[] } } }>(w.fx.url, query, { id: w.core });
  assert.equal(device.history.nodes.map((n) => n.type), ['DeviceRegistered', 'DeviceBackupStarted', 'DeviceBackupStarted', 'DeviceHostKeyPinned', 'SnapshotRecorded']);
  assert.is(device.history.nodes[0]!.data['credentialId'], w.credentialId, 'an admin sees the credential');
  const viewer = await call<{ device: { history: { nodes: Node[] } } }>(w.fx.url, w.viewerToken, query, { id: w.core });
  assert.not.ok(JSON.stringify(viewer.data).includes(w.credentialId), 'a viewer does not');
  const foreign = await call<{ device: null }>(w.fx.url, w.scopedToken, query, { id: w.edge });
  assert.is(foreign.data?.device, null, 'a device outside the scope has no history to show');
  assert.is(codeOf(foreign), undefined);
});

audit.run();
