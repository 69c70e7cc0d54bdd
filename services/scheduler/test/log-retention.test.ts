import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { logRetentionCuts, logRetentionPolicy, type JobLogEntry, type LogRetentionPolicy } from '@netraven/domain';
import { eventually } from '@netraven/infra/testing';
import { ALL_PROJECTORS, logRetentionForRebuild, logsProjector, rebuildProjections, verifyProjections, waitUntilCaughtUp } from '@netraven/projections';
import { LogRetentionTask } from '../src/log-retention-task.js';
import { closeSchedulerContext, openSchedulerContext, type SchedulerContext } from './scheduler-fixture.js';

const T0 = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(T0.getTime() - days * DAY).toISOString();

const it = suite<SchedulerContext>('log retention (injected clock, real Postgres)');
it.before.each(async (ctx) => openSchedulerContext(ctx));
it.after.each(async (ctx) => closeSchedulerContext(ctx));

/** A worker's log lines, appended as the worker does and projected. */
async function logLines(ctx: SchedulerContext, jobId: string, entries: JobLogEntry[]): Promise<void> {
  const result = await ctx.store.append(`joblog-${jobId}`, [{
    type: 'JobLogRecorded', data: { jobId, entries },
    metadata: { eventId: randomUUID(), correlationId: jobId, causationId: jobId, actor: 'system:device-comm', occurredAt: T0.toISOString(), schemaVersion: 1 },
  }], 'any');
  await waitUntilCaughtUp(ctx.db, ctx.store, logsProjector, result.position, { timeoutMs: 10_000 });
}

const line = (kind: JobLogEntry['kind'], days: number, message = `${kind} ${days}d`): JobLogEntry =>
  ({ level: 'info', kind, deviceId: 'd1', message, at: daysAgo(days) });

async function remaining(ctx: SchedulerContext): Promise<Record<string, string[]>> {
  const rows = await ctx.db.selectFrom('logs').select(['kind', 'message']).orderBy('at').orderBy('id').execute();
  const byKind: Record<string, string[]> = {};
  for (const row of rows) (byKind[row.kind] ??= []).push(row.message);
  return byKind;
}

/** 90 days for all, 7 days for session lines, at most 2 connection lines. */
const POLICY: LogRetentionPolicy = logRetentionPolicy(undefined, { session: { maxAgeDays: 7 }, connection: { maxCount: 2 } });

async function seed(ctx: SchedulerContext): Promise<void> {
  await logLines(ctx, 'j1', [
    line('job', 200), line('job', 91), line('job', 89), line('job', 1),
    line('session', 8), line('session', 6),
    line('connection', 30), line('connection', 20), line('connection', 10), line('connection', 100),
    line('system', 95), line('system', 0),
  ]);
}

it('the default policy keeps 90 days of every type and no cap', () => {
  const policy = logRetentionPolicy();
  for (const cut of logRetentionCuts(policy, T0)) {
    assert.is(cut.olderThan.toISOString(), daysAgo(90), cut.kind);
    assert.is(cut.keepNewest, undefined, cut.kind);
  }
  assert.throws(() => logRetentionPolicy({ maxAgeDays: 0, maxCount: undefined }), /more than 0 days/);
});

it('a sweep at the clock’s time deletes by age per type, then all but the newest N of a capped type', async (ctx) => {
  await seed(ctx);
  const task = new LogRetentionTask(ctx.db, { policy: POLICY, clock: () => T0 });
  const result = await task.sweep();
  assert.equal(await remaining(ctx), {
    job: ['job 89d', 'job 1d'],
    session: ['session 6d'],
    connection: ['connection 20d', 'connection 10d'],
    system: ['system 0d'],
  });
  assert.is(result.deleted, 6);
  assert.equal(result.byType.find((t) => t.type === 'connection'), { type: 'connection', expired: 1, overCount: 1 });
  // Nothing more to do at the same instant; a day later the 89-day job line is past 90 days.
  assert.is((await task.sweep()).deleted, 0);
  const dayLater = new LogRetentionTask(ctx.db, { policy: POLICY, clock: () => new Date(T0.getTime() + 1.5 * DAY) });
  await dayLater.sweep();
  assert.equal((await remaining(ctx))['job'], ['job 1d']);
});

it('as a supervised follower it sweeps at start and again every interval', async (ctx) => {
  await seed(ctx);
  let now = T0;
  const swept: number[] = [];
  const task = new LogRetentionTask(ctx.db, { policy: POLICY, clock: () => now, everyMs: 50, onSwept: (r) => swept.push(r.deleted) });
  const run = await task.follow();
  try {
    await eventually('the first sweep', async () => (swept.length > 0 ? true : undefined), 10_000, 20);
    assert.is(swept[0], 6);
    now = new Date(T0.getTime() + 1.5 * DAY);
    await eventually('a later sweep with the moved clock', async () => ((await remaining(ctx))['job']?.length === 1 ? true : undefined), 10_000, 20);
  } finally {
    await run.stop();
  }
});

it('a rebuild of the logs read model applies the same policy: the event log still has every line', async (ctx) => {
  await seed(ctx);
  await new LogRetentionTask(ctx.db, { policy: POLICY, clock: () => T0 }).sweep();
  const live = await remaining(ctx);
  await rebuildProjections({
    connectionString: ctx.database.connectionString, store: ctx.store, projectors: ALL_PROJECTORS, names: ['logs'],
    retention: logRetentionForRebuild(() => logRetentionCuts(POLICY, T0)),
  });
  assert.equal(await remaining(ctx), live, 'the rebuilt table holds what the trimmed one held');
  const recorded = await ctx.store.readStream('joblog-j1');
  assert.is((recorded[0]?.data as { entries: unknown[] }).entries.length, 12, 'the event keeps all 12 lines');
  // Without the policy, a rebuild brings every line back.
  await rebuildProjections({ connectionString: ctx.database.connectionString, store: ctx.store, projectors: ALL_PROJECTORS, names: ['logs'] });
  assert.is(Object.values(await remaining(ctx)).flat().length, 12);
});

it('verify applies the policy to both sides at one instant: a trimmed read model verifies clean', async (ctx) => {
  await seed(ctx);
  await new LogRetentionTask(ctx.db, { policy: POLICY, clock: () => T0 }).sweep();
  const options = { connectionString: ctx.database.connectionString, store: ctx.store, projectors: ALL_PROJECTORS, names: ['logs'] };
  const without = await verifyProjections(options);
  assert.is(without.ok, false, 'without the policy every trimmed line is a difference');
  assert.is(without.projectors[0]?.tables[0]?.missingInLive, 6);
  // A day later than the last sweep: verify trims both sides at its own instant, so lines aged since still agree.
  const later = await verifyProjections({ ...options, retention: logRetentionForRebuild(() => logRetentionCuts(POLICY, new Date(T0.getTime() + 1.5 * DAY))) });
  assert.is(later.ok, true, JSON.stringify(later.projectors[0]?.tables));
  assert.equal((await remaining(ctx))['job'], ['job 1d'], 'verify trimmed the live table as a sweep would');
});

it.run();
