import { sql } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IllegalStateError, jobDecider, type JobCommand } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { systemActor, SYSTEM_REACHABILITY_SCHEDULE_ID } from '@netraven/application';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, dispatch, registerDevice } from './access-fixture.js';

const it = suite<{ fx: GatewayFixture; credentialId: string; token: string }>('gateway: job control');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  ctx.token = ctx.fx.authorization.slice('Bearer '.length);
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
it.after(async (ctx) => ctx.fx.dispose());

type Job = { id: string; type: string; status: string; priority: string; cancelled: number; rerunOf: { id: string } | null; schedule: { id: string } | null;
  targets: { deviceIds: string[]; tags: string[] }; devices: { nodes: Array<{ deviceId: string; status: string }> } };
const JOB = 'id type status priority cancelled rerunOf { id } schedule { id } targets { deviceIds tags } devices { nodes { deviceId status } }';

const runJob = async (fx: GatewayFixture, input: Record<string, unknown>): Promise<Job> =>
  (await graphql<{ runJob: Job }>(fx.url, `mutation($i: RunJobInput!) { runJob(input: $i) { ${JOB} } }`, { i: input })).runJob;
const jobOf = async (fx: GatewayFixture, id: string): Promise<Job | null> =>
  (await graphql<{ job: Job | null }>(fx.url, `query($id: ID!) { job(id: $id) { ${JOB} } }`, { id })).job;
const until = (fx: GatewayFixture, id: string, done: (job: Job) => boolean): Promise<Job> =>
  eventually(`job ${id}`, async () => { const job = await jobOf(fx, id); return job && done(job) ? job : undefined; }, 10_000);
/** What a worker does on a device: start it, then fail it (or leave it running). */
const worker = (fx: GatewayFixture, jobId: string) => ({
  handle: (command: Omit<JobCommand, 'metadata'>) => fx.commands.handle(jobDecider, jobId, { ...command, metadata: newCommandMetadata({ actor: 'system:test' }) } as JobCommand),
  start: (deviceId: string) => worker(fx, jobId).handle({ type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'w', attempt: 1 } }),
  fail: (deviceId: string) => worker(fx, jobId).handle({ type: 'RecordDeviceFailure', data: { jobId, deviceId, category: 'unreachable', message: 'no route' } }),
});

it('runJob runs now at HIGH; scheduleBackup is a HIGH backup too', async ({ fx, credentialId }) => {
  const deviceId = await registerDevice(fx, credentialId, ['core']);
  const job = await runJob(fx, { jobType: 'REACHABILITY', targets: { deviceIds: [deviceId] } });
  assert.equal([job.type, job.priority, job.status, job.rerunOf, job.schedule], ['REACHABILITY', 'HIGH', 'QUEUED', null, null]);
  const low = await runJob(fx, { jobType: 'BACKUP', targets: { tags: ['core'] }, priority: 'LOW' });
  assert.equal([low.type, low.priority], ['BACKUP', 'LOW']);
  const { scheduleBackup } = await graphql<{ scheduleBackup: Job }>(fx.url, `mutation { scheduleBackup(input: { tags: ["core"] }) { ${JOB} } }`);
  assert.equal([scheduleBackup.type, scheduleBackup.priority], ['BACKUP', 'HIGH']);
});

it('cancelJob: queued devices end CANCELLED, a running one finishes, then the job is CANCELLED; a finished job answers CONFLICT', async ({ fx, credentialId, token }) => {
  const [a, b, c] = [await registerDevice(fx, credentialId, ['x']), await registerDevice(fx, credentialId, ['x']), await registerDevice(fx, credentialId, ['x'])] as [string, string, string];
  const job = await runJob(fx, { jobType: 'BACKUP', targets: { deviceIds: [a, b, c] } });
  await dispatch(fx, job.id, [a, b, c].sort());
  await worker(fx, job.id).start(a);
  await until(fx, job.id, (j) => j.status === 'RUNNING');
  const { cancelJob } = await graphql<{ cancelJob: Job }>(fx.url, `mutation($id: ID!) { cancelJob(id: $id) { ${JOB} } }`, { id: job.id });
  assert.is(cancelJob.status, 'RUNNING', 'the running device still reports');
  assert.is(cancelJob.cancelled, 2);
  assert.equal(cancelJob.devices.nodes.map((d) => [d.deviceId, d.status]), [[a, 'RUNNING'], [b, 'CANCELLED'], [c, 'CANCELLED']].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
  // A worker that picks up a cancelled device's task may not start it: it acknowledges and skips.
  try {
    await worker(fx, job.id).start(b);
    assert.unreachable('a cancelled device must not start');
  } catch (error) {
    assert.instance(error, IllegalStateError);
  }
  await worker(fx, job.id).fail(a);
  const done = await until(fx, job.id, (j) => j.status !== 'RUNNING');
  assert.is(done.status, 'CANCELLED');
  const again = await call(fx.url, token, 'mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: job.id });
  assert.is(codeOf(again), 'CONFLICT');
  assert.match(again.errors?.[0]?.message ?? '', 'already finished');
  const { rows } = await sql<{ actor: string; correlation: string }>`select metadata->>'actor' as actor, metadata->>'correlationId' as correlation
    from eventstore.events where event_type = 'JobCancelled' and stream_id = ${`job-${job.id}`}`.execute(fx.db);
  assert.equal(rows, [{ actor: 'user:admin', correlation: job.id }], 'the cancel names who asked, and belongs to the job');
});

it('a job cancelled before its dispatch is CANCELLED at once', async ({ fx, credentialId }) => {
  const deviceId = await registerDevice(fx, credentialId, ['y']);
  const job = await runJob(fx, { jobType: 'BACKUP', targets: { deviceIds: [deviceId] } });
  const { cancelJob } = await graphql<{ cancelJob: Job }>(fx.url, 'mutation($id: ID!) { cancelJob(id: $id) { status } }', { id: job.id });
  assert.is(cancelJob.status, 'CANCELLED');
});

it('rerunFailed: a LOW job of the same kind for only the failed devices, linked; none failed answers CONFLICT', async ({ fx, credentialId, token }) => {
  const [a, b] = [await registerDevice(fx, credentialId, ['z']), await registerDevice(fx, credentialId, ['z'])] as [string, string];
  const job = await runJob(fx, { jobType: 'REACHABILITY', targets: { tags: ['z'] } });
  await dispatch(fx, job.id, [a, b].sort());
  const none = await call(fx.url, token, 'mutation($id: ID!) { rerunFailed(jobId: $id) { id } }', { id: job.id });
  assert.is(codeOf(none), 'CONFLICT');
  assert.match(none.errors?.[0]?.message ?? '', 'no failed devices');
  await worker(fx, job.id).start(a);
  await worker(fx, job.id).handle({ type: 'RecordDeviceResult', data: { jobId: job.id, deviceId: a } });
  await worker(fx, job.id).start(b);
  await worker(fx, job.id).fail(b);
  await until(fx, job.id, (j) => j.status === 'FAILED');
  const { rerunFailed } = await graphql<{ rerunFailed: Job }>(fx.url, `mutation($id: ID!) { rerunFailed(jobId: $id) { ${JOB} } }`, { id: job.id });
  assert.equal([rerunFailed.type, rerunFailed.priority, rerunFailed.rerunOf?.id, rerunFailed.targets], ['REACHABILITY', 'LOW', job.id, { deviceIds: [b], tags: [] }]);
});

it('COMMAND jobs: anything not read-only on a targeted platform is BAD_USER_INPUT on commands, and nothing is scheduled', async ({ fx, credentialId, token }) => {
  const deviceId = await registerDevice(fx, credentialId, ['cmd']);
  const before = await fx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  for (const commands of [['show version', 'configure terminal'], ['show running-config | redirect flash:x'], ['display version'], []]) {
    const answer = await call(fx.url, token, 'mutation($i: RunJobInput!) { runJob(input: $i) { id } }', { i: { jobType: 'COMMAND', targets: { deviceIds: [deviceId] }, commands } });
    assert.is(codeOf(answer), 'BAD_USER_INPUT', JSON.stringify(commands));
    assert.is((answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field, 'commands');
  }
  const after = await fx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.is(after.n, before.n);
  const ok = await runJob(fx, { jobType: 'COMMAND', targets: { deviceIds: [deviceId] }, commands: ['show version', 'show ip interface brief'] });
  assert.is(ok.type, 'COMMAND');
});

it('the system reachability schedule resists deletion through the API and the use case, and says why; it can be retimed', async ({ fx, token }) => {
  const system = systemActor('scheduler');
  assert.equal(await fx.schedules.ensureSystemReachabilitySchedule(system), { created: true });
  assert.equal(await fx.schedules.ensureSystemReachabilitySchedule(system), { created: false });
  const id = SYSTEM_REACHABILITY_SCHEDULE_ID;
  const shown = await eventually('the system schedule is listed', async () => {
    const { schedule } = await graphql<{ schedule: { id: string; jobType: string; system: boolean; every: string; enabled: boolean } | null }>(fx.url,
      'query($id: ID!) { schedule(id: $id) { id jobType system every enabled } }', { id });
    return schedule ?? undefined;
  }, 10_000);
  assert.equal(shown, { id, jobType: 'REACHABILITY', system: true, every: '15m', enabled: true });
  for (const mutation of ['deleteSchedule', 'disableSchedule']) {
    const answer = await call(fx.url, token, `mutation($id: ID!) { ${mutation}(id: $id) { id } }`, { id });
    assert.is(codeOf(answer), 'CONFLICT', mutation);
    assert.match(answer.errors?.[0]?.message ?? '', 'cannot be deleted or disabled');
    assert.match(answer.errors?.[0]?.message ?? '', 'retime it with updateSchedule');
  }
  try {
    await fx.schedules.deleteSchedule(systemActor('admin-script'), id);
    assert.unreachable('the use case must refuse too');
  } catch (error) {
    assert.instance(error, IllegalStateError);
  }
  const retargeted = await call(fx.url, token, 'mutation($id: ID!) { updateSchedule(id: $id, input: { targets: { tags: ["x"] } }) { id } }', { id });
  assert.is(codeOf(retargeted), 'BAD_USER_INPUT');
  const { updateSchedule } = await graphql<{ updateSchedule: { every: string } }>(fx.url, 'mutation($id: ID!) { updateSchedule(id: $id, input: { every: "1h" }) { every } }', { id });
  assert.is(updateSchedule.every, '1h');
  const { schedules: { nodes: schedules } } = await graphql<{ schedules: { nodes: Array<{ id: string }> } }>(fx.url, '{ schedules { nodes { id } } }');
  assert.ok(schedules.some((s) => s.id === id));
});

it('a job fired by a schedule links to it (job { schedule { id } })', async ({ fx, credentialId }) => {
  const deviceId = await registerDevice(fx, credentialId, ['s']);
  const { createSchedule } = await graphql<{ createSchedule: { id: string } }>(fx.url,
    'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', { i: { name: 'hourly s', every: '1h', targets: { deviceIds: [deviceId] } } });
  const jobId = `sched-${createSchedule.id}-1700000000`;
  // What the schedule runner appends for an occurrence (services/scheduler/src/schedule-runner.ts).
  await worker(fx, jobId).handle({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [deviceId], tags: [] }, priority: 'NORMAL', scheduleId: createSchedule.id } });
  const job = await until(fx, jobId, () => true);
  assert.equal([job.schedule?.id, job.priority, job.type], [createSchedule.id, 'NORMAL', 'BACKUP']);
});

it('queueStatus: depth per priority, oldest task age, in flight', async ({ fx }) => {
  await fx.queue.publish([{ id: 'q/1', jobId: 'q', deviceId: '1', priority: 'LOW' }, { id: 'q/2', jobId: 'q', deviceId: '2', priority: 'HIGH' }]);
  const { queueStatus } = await graphql<{ queueStatus: { queue: string; depth: number; inFlight: number; oldestTaskAgeSeconds: number | null; priorities: Array<{ priority: string; depth: number }> } }>(fx.url,
    '{ queueStatus { queue depth inFlight oldestTaskAgeSeconds priorities { priority depth } } }');
  assert.equal([queueStatus.queue, queueStatus.depth, queueStatus.inFlight], ['in-process', 2, 0]);
  assert.equal(queueStatus.priorities, [{ priority: 'HIGH', depth: 1 }, { priority: 'NORMAL', depth: 0 }, { priority: 'LOW', depth: 1 }]);
  assert.ok(queueStatus.oldestTaskAgeSeconds !== null && queueStatus.oldestTaskAgeSeconds >= 0);
});

it.run();
