import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, createUser, dispatch, login, registerDevice, scheduleJob, type Answer } from './access-fixture.js';
import { liveMessages } from './live-fixture.js';
import { appendLogLines, entry } from './logs-fixture.js';
import { wsClient } from './ws-client.js';

interface Ctx {
  fx: GatewayFixture;
  admin: string;
  scoped: string;
  credentialId: string;
  core: string;
  edge: string;
}

interface Line { id: string; jobId: string | null; deviceId: string | null; level: string; type: string; source: string; message: string; at: string }
const LINE = 'id jobId deviceId level type source message at';

const live = suite<Ctx>('live subscriptions: jobsChanged, deviceChanged, logAdded, from the read model after projection, within the tag scope');

live.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  ctx.admin = ctx.fx.authorization.slice('Bearer '.length);
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
  ctx.core = await registerDevice(ctx.fx, ctx.credentialId, ['core']);
  ctx.edge = await registerDevice(ctx.fx, ctx.credentialId, ['edge']);
  const scoped = await createUser(ctx.fx, 'core-viewer', 'VIEWER', ['core']);
  ctx.scoped = (await login(ctx.fx.url, 'core-viewer', scoped.password)).accessToken;
});
live.after(async (ctx) => {
  await ctx.fx.dispose();
});

const now = () => new Date().toISOString();
const dataOf = <T>(messages: Array<Answer<T>>): T[] => messages.map((m) => {
  if (!m.data) throw new Error(JSON.stringify(m.errors));
  return m.data;
});

live('logAdded(filter): only new lines the same logs(filter) returns, in order, as the query shows them', async (ctx) => {
  const job = await scheduleJob(ctx.fx, [ctx.core]);
  const messages = await liveMessages<{ logAdded: Line }>(ctx.fx, ctx.admin,
    `subscription($f: LogFilter) { logAdded(filter: $f) { ${LINE} } }`, { f: { type: 'session', deviceId: ctx.core } }, {
      count: 2,
      trigger: () => appendLogLines(ctx.fx, job, [
        entry('connection', 'info', ctx.core, 'connecting', now()),
        entry('session', 'info', ctx.edge, 'edge session', now()),
        entry('session', 'info', ctx.core, 'first core session line', now()),
        entry('session', 'warn', ctx.core, 'second core session line', now()),
      ], { wait: false }),
    });
  const lines = dataOf(messages).map((d) => d.logAdded);
  assert.equal(lines.map((l) => l.message), ['first core session line', 'second core session line']);
  const { logs } = await graphql<{ logs: { nodes: Line[] } }>(ctx.fx.url, `query($f: LogFilter) { logs(filter: $f) { nodes { ${LINE} } } }`,
    { f: { type: 'session', deviceId: ctx.core } });
  assert.equal([...logs.nodes].reverse(), lines, 'the payloads are the rows the query returns');
  assert.ok(lines.every((l) => l.source === 'device-comm' && l.type === 'session' && l.jobId === job));
});

live('logAdded for a scoped reader: no line of a job or device outside its tags ever arrives', async (ctx) => {
  const coreJob = await scheduleJob(ctx.fx, [ctx.core]);
  const messages = await liveMessages<{ logAdded: Line }>(ctx.fx, ctx.scoped, `subscription { logAdded { ${LINE} } }`, {}, {
    until: (m) => m.data?.logAdded.message === 'core marker',
    trigger: async () => {
      const edgeJob = await scheduleJob(ctx.fx, [ctx.edge]);
      await dispatch(ctx.fx, edgeJob, [ctx.edge]);
      await appendLogLines(ctx.fx, edgeJob, [entry('connection', 'error', ctx.edge, 'edge failure', now())]);
      await appendLogLines(ctx.fx, coreJob, [entry('job', 'info', ctx.core, 'core marker', now())], { wait: false });
    },
  });
  const lines = dataOf(messages).map((d) => d.logAdded);
  assert.is(lines.at(-1)?.message, 'core marker', JSON.stringify(lines));
  assert.ok(lines.every((l) => l.deviceId !== ctx.edge), JSON.stringify(lines));
  assert.ok(lines.every((l) => l.jobId === coreJob), `only the core job's lines: ${JSON.stringify(lines)}`);
});

live('jobsChanged(filter): each job that changes into a wanted status, with what job(id) shows', async (ctx) => {
  let jobId = '';
  const messages = await liveMessages<{ jobsChanged: { id: string; status: string; deviceCount: number } }>(ctx.fx, ctx.admin,
    'subscription { jobsChanged(filter: { statuses: [RUNNING], kinds: [BACKUP] }) { id status deviceCount } }', {}, {
      until: (m) => m.data?.jobsChanged.id === jobId,
      trigger: async () => {
        jobId = await scheduleJob(ctx.fx, [ctx.core]);
        await dispatch(ctx.fx, jobId, [ctx.core]);
        await ctx.fx.commands.handle(jobDecider, jobId, {
          type: 'StartDeviceBackup', data: { jobId, deviceId: ctx.core, workerId: 'w', attempt: 1 }, metadata: newCommandMetadata({ actor: 'system:test' }),
        });
      },
    });
  const jobs = dataOf(messages).map((d) => d.jobsChanged);
  assert.equal(jobs.at(-1), { id: jobId, status: 'RUNNING', deviceCount: 1 });
  assert.ok(jobs.every((j) => j.status === 'RUNNING'), 'QUEUED is not wanted: the scheduling was not sent');
});

live('jobsChanged for a scoped reader: jobs of its devices only, counted as it sees them', async (ctx) => {
  let coreJob = '';
  const messages = await liveMessages<{ jobsChanged: { id: string; deviceCount: number; targets: { deviceIds: string[] } } }>(ctx.fx, ctx.scoped,
    'subscription { jobsChanged { id deviceCount targets { deviceIds } } }', {}, {
      // Scheduled first, its devices dispatched after: the job's count grows as that is projected.
      until: (m) => m.data?.jobsChanged.id === coreJob && m.data.jobsChanged.deviceCount > 0,
      trigger: async () => {
        const edgeJob = await scheduleJob(ctx.fx, [ctx.edge]);
        await dispatch(ctx.fx, edgeJob, [ctx.edge]);
        const mixed = await scheduleJob(ctx.fx, [ctx.core, ctx.edge]);
        await dispatch(ctx.fx, mixed, [ctx.core, ctx.edge]);
        coreJob = mixed;
      },
    });
  const jobs = dataOf(messages).map((d) => d.jobsChanged);
  assert.ok(jobs.every((j) => j.id === coreJob), `no job of the edge device alone: ${JSON.stringify(jobs)}`);
  assert.equal(jobs.at(-1)?.targets.deviceIds, [ctx.core]);
  assert.is(jobs.at(-1)?.deviceCount, 1, 'the mixed job counts only the device it sees');
});

live('deviceChanged(filter): registrations and changes of wanted devices only, for a scoped reader within its tags', async (ctx) => {
  let tagged = '';
  const messages = await liveMessages<{ deviceChanged: { id: string; tags: string[]; platform: string } }>(ctx.fx, ctx.scoped,
    'subscription { deviceChanged(filter: { platforms: ["cisco_ios"] }) { id tags platform } }', {}, {
      until: (m) => m.data?.deviceChanged.id === tagged && m.data.deviceChanged.tags.includes('lab'),
      trigger: async () => {
        await registerDevice(ctx.fx, ctx.credentialId, ['edge']);
        tagged = await registerDevice(ctx.fx, ctx.credentialId, ['core']);
        await graphql(ctx.fx.url, 'mutation($id: ID!) { tagDevice(id: $id, tags: ["lab"]) { id } }', { id: ctx.edge });
        await graphql(ctx.fx.url, 'mutation($id: ID!) { tagDevice(id: $id, tags: ["lab"]) { id } }', { id: tagged });
      },
    });
  const devices = dataOf(messages).map((d) => d.deviceChanged);
  assert.equal(devices.map((d) => d.id), [tagged, tagged], JSON.stringify(devices));
  assert.equal(devices.map((d) => d.tags), [['core'], ['core', 'lab']]);
  const byTag = await liveMessages<{ deviceChanged: { id: string } }>(ctx.fx, ctx.admin,
    'subscription($t: [String!]) { deviceChanged(filter: { tags: $t }) { id } }', { t: ['edge'] }, {
      trigger: async () => {
        await graphql(ctx.fx.url, 'mutation($id: ID!) { updateDevice(id: $id, input: { host: "10.1.1.1" }) { id } }', { id: ctx.core });
        await graphql(ctx.fx.url, 'mutation($id: ID!) { updateDevice(id: $id, input: { host: "10.1.1.2" }) { id } }', { id: ctx.edge });
      },
    });
  assert.equal(dataOf(byTag).map((d) => d.deviceChanged.id), [ctx.edge]);
});

live('subscribers with one filter share one read; each gets every message, and leaving frees it', async (ctx) => {
  const job = await scheduleJob(ctx.fx, [ctx.core]);
  const query = `subscription { logAdded(filter: { text: "shared marker" }) { message } }`;
  const other = liveMessages<{ logAdded: { message: string } }>(ctx.fx, ctx.scoped, query, {}, { timeoutMs: 15_000 });
  await eventually('the first subscriber listening', async () => (ctx.fx.liveFeeds.subscribers === 1 ? true : undefined), 10_000, 10);
  const mine = await liveMessages<{ logAdded: { message: string } }>(ctx.fx, ctx.admin, query, {}, {
    trigger: () => appendLogLines(ctx.fx, job, [entry('job', 'info', ctx.core, 'the shared marker', now())], { wait: false }),
  });
  assert.equal(dataOf(mine).map((d) => d.logAdded.message), ['the shared marker']);
  assert.equal(dataOf(await other).map((d) => d.logAdded.message), ['the shared marker']);
  assert.is(ctx.fx.liveFeeds.subscribers, 0);
});

live('over WebSocket (graphql-ws) as over SSE; a refused filter answers BAD_USER_INPUT', async (ctx) => {
  const client = wsClient(ctx.fx.url, { Authorization: `Bearer ${ctx.admin}` });
  const job = await scheduleJob(ctx.fx, [ctx.core]);
  try {
    const received: Line[] = [];
    let done: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => { done = resolve; });
    const stop = client.subscribe<{ logAdded: Line }>({ query: `subscription { logAdded(filter: { level: error }) { ${LINE} } }` }, {
      next: (message) => {
        if (message.data) received.push(message.data.logAdded);
        done();
      },
      error: (error) => { received.push({ message: JSON.stringify(error) } as Line); done(); },
      complete: () => done(),
    });
    await eventually('listening', async () => (ctx.fx.liveFeeds.subscribers === 1 ? true : undefined), 10_000, 10);
    await appendLogLines(ctx.fx, job, [entry('session', 'info', ctx.core, 'fine', now()), entry('connection', 'error', ctx.core, 'socket error line', now())], { wait: false });
    await arrived;
    stop();
    assert.equal(received.map((l) => [l.message, l.level, l.type]), [['socket error line', 'error', 'connection']]);
    const refused = await call(ctx.fx.url, ctx.admin, 'subscription { deviceChanged(filter: { tags: [" "] }) { id } }');
    const over = await liveMessages(ctx.fx, ctx.admin, 'subscription { deviceChanged(filter: { tags: [" "] }) { id } }');
    assert.ok(refused.errors || over[0]?.errors, 'refused');
    assert.is(over[0]?.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(over));
  } finally {
    await client.dispose();
  }
});

live.run();
