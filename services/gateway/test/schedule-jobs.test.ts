import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jobDecider, type ScheduleBackup } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, createUser, login, registerDevice, scheduleJob } from './access-fixture.js';

const it = suite<{ fx: GatewayFixture; credentialId: string }>('gateway: schedule(id){ jobs }');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
it.after(async (ctx) => ctx.fx.dispose());

/** What the schedule runner appends for one occurrence: a NORMAL job carrying the schedule's id. */
async function fire(fx: GatewayFixture, scheduleId: string, occurrence: Date): Promise<string> {
  const jobId = `sched-${scheduleId}-${occurrence.getTime() / 1000}`;
  const command: ScheduleBackup = {
    type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [], tags: ['core'] }, jobType: 'backup', priority: 'NORMAL', scheduleId },
    metadata: newCommandMetadata({ actor: 'system:schedule:hourly', clock: () => occurrence }),
  };
  await fx.commands.handle(jobDecider, jobId, command);
  return jobId;
}

type Page = { totalCount: number; edges: Array<{ node: { id: string; priority: string; schedule: { id: string } | null } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const PAGE = 'totalCount edges { node { id priority schedule { id } } } pageInfo { hasNextPage endCursor }';
const jobsOf = (fx: GatewayFixture, id: string, args: string, token = fx.authorization.slice(7)) =>
  call<{ schedule: { jobs: Page } | null }>(fx.url, token, `query($id: ID!) { schedule(id: $id) { jobs(${args}) { ${PAGE} } } }`, { id });

it('the jobs a schedule fired, newest first, a page at a time; other jobs are not among them', async ({ fx, credentialId }) => {
  const deviceId = await registerDevice(fx, credentialId, ['core']);
  const { createSchedule } = await graphql<{ createSchedule: { id: string } }>(fx.url, 'mutation { createSchedule(input: { name: "hourly", every: "1h", targets: { tags: ["core"] } }) { id } }');
  const { createSchedule: other } = await graphql<{ createSchedule: { id: string } }>(fx.url, 'mutation { createSchedule(input: { name: "other", every: "1h", targets: { tags: ["core"] } }) { id } }');
  const id = createSchedule.id;
  const base = Date.parse('2026-01-05T10:00:00Z');
  const fired = [];
  for (let hour = 0; hour < 3; hour++) fired.push(await fire(fx, id, new Date(base + hour * 3_600_000)));
  await fire(fx, other.id, new Date(base));
  await scheduleJob(fx, [deviceId]);

  const first = await eventually('the three jobs in the read model', async () => {
    const answer = await jobsOf(fx, id, "first: 2");
    return answer.data?.schedule?.jobs.totalCount === 3 ? answer.data.schedule.jobs : undefined;
  });
  assert.equal(first.edges.map((e) => e.node.id), [fired[2], fired[1]]);
  assert.equal(first.edges.map((e) => [e.node.priority, e.node.schedule?.id]), [['NORMAL', id], ['NORMAL', id]]);
  assert.is(first.pageInfo.hasNextPage, true);
  const next = await call<{ schedule: { jobs: Page } }>(fx.url, fx.authorization.slice(7),
    `query($id: ID!, $after: String) { schedule(id: $id) { jobs(first: 2, after: $after) { ${PAGE} } } }`, { id, after: first.pageInfo.endCursor });
  assert.equal(next.data?.schedule.jobs.edges.map((e) => e.node.id), [fired[0]]);
  assert.is(next.data?.schedule.jobs.pageInfo.hasNextPage, false);

  // A cursor of one schedule's list is not a position in another's.
  const foreign = await call(fx.url, fx.authorization.slice(7), 'query($id: ID!, $after: String) { schedule(id: $id) { jobs(first: 2, after: $after) { totalCount } } }', { id: other.id, after: first.pageInfo.endCursor });
  assert.is((foreign.errors?.[0]?.extensions as { code?: string } | undefined)?.code, 'BAD_USER_INPUT');
});

it('tag scopes apply: a reader scoped to the schedule\'s tags sees its jobs, another sees no schedule', async ({ fx }) => {
  const { createSchedule } = await graphql<{ createSchedule: { id: string } }>(fx.url, 'mutation { createSchedule(input: { name: "scoped", every: "1h", targets: { tags: ["core"] } }) { id } }');
  const jobId = await fire(fx, createSchedule.id, new Date('2026-01-06T10:00:00Z'));
  await createUser(fx, 'core-viewer', 'VIEWER', ['core']);
  await createUser(fx, 'edge-viewer', 'VIEWER', ['edge']);
  const core = (await login(fx.url, 'core-viewer', 'core-viewer-password')).accessToken;
  const edge = (await login(fx.url, 'edge-viewer', 'edge-viewer-password')).accessToken;
  const seen = await eventually('the job in the read model', async () => {
    const answer = await jobsOf(fx, createSchedule.id, 'first: 5', core);
    return answer.data?.schedule?.jobs.totalCount === 1 ? answer.data.schedule.jobs : undefined;
  });
  assert.equal(seen.edges.map((e) => e.node.id), [jobId]);
  const hidden = await jobsOf(fx, createSchedule.id, 'first: 5', edge);
  assert.is(hidden.data?.schedule, null);
});

it.run();
