import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scheduleDecider, type ScheduleCommand, type ScheduleInput } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, type Position } from '@netraven/infra/eventstore';
import { schedulesProjector, waitUntilCaughtUp } from '@netraven/projections';
import { sql } from 'kysely';
import { eventually } from '@netraven/infra/testing';
import { ScheduleRunner, type TickResult } from '../src/schedule-runner.js';
import { JobDispatcher } from '../src/job-dispatcher.js';
import { closeSchedulerContext, openSchedulerContext, type SchedulerContext } from './scheduler-fixture.js';

interface Ctx extends SchedulerContext {
  now: Date;
}

const T0 = new Date('2026-01-05T10:00:00.000Z');
const HOUR = 3_600_000;
const later = (ms: number) => new Date(T0.getTime() + ms);
const it = suite<Ctx>('schedule runner (injected clock, real Postgres)');
it.before.each(async (ctx) => {
  await openSchedulerContext(ctx);
  ctx.now = T0;
});
it.after.each(async (ctx) => closeSchedulerContext(ctx));

const hourly = (id: string, over: Partial<ScheduleInput> = {}): ScheduleInput => ({ name: `hourly ${id}`, every: '1h', targets: { tags: ['core'] }, ...over });

async function caughtUp(ctx: Ctx, position: Position | undefined): Promise<void> {
  if (position) await waitUntilCaughtUp(ctx.db, ctx.store, schedulesProjector, position, { timeoutMs: 10_000 });
}

async function createSchedule(ctx: Ctx, id: string, input: ScheduleInput): Promise<void> {
  const command: ScheduleCommand = { type: 'CreateSchedule', data: { scheduleId: id, input }, metadata: newCommandMetadata({ actor: 'user:alice', clock: () => ctx.now }) };
  await caughtUp(ctx, (await ctx.commands.handle(scheduleDecider, id, command)).position);
}

/** A runner as a separate process would have it: its own command handler (no shared stream cache). */
const runner = (ctx: Ctx) => new ScheduleRunner(ctx.db, new CommandHandler(ctx.store), { clock: () => ctx.now });

/** Looks once and waits until the schedules read model holds what the look appended. */
async function look(ctx: Ctx, r: ScheduleRunner): Promise<TickResult> {
  const result = await r.tick();
  await caughtUp(ctx, result.position);
  return { fired: result.fired, skipped: result.skipped };
}

/** Backup jobs in the log, straight from the table (the global reader hides rows behind transactions in flight). */
async function jobStarts(ctx: Ctx): Promise<Array<{ actor: string; targets: unknown }>> {
  const { rows } = await sql<{ actor: string; targets: unknown }>`select metadata->>'actor' as actor, data->'targets' as targets
    from eventstore.events where event_type = 'BackupScheduled' order by global_position`.execute(ctx.db);
  return rows;
}

it('each occurrence fires one job, with the schedule as its actor and a job id from the occurrence', async (ctx) => {
  await createSchedule(ctx, 's1', hourly('s1'));
  const r = runner(ctx);
  assert.equal((await look(ctx, r)).fired, []);
  ctx.now = later(HOUR + 1000);
  assert.equal((await look(ctx, r)).fired, [`sched-s1-${(T0.getTime() + HOUR) / 1000}`]);
  assert.equal((await look(ctx, r)).fired, [], 'the same occurrence again');
  ctx.now = later(2 * HOUR + 500);
  assert.is((await look(ctx, r)).fired.length, 1);
  const jobs = await jobStarts(ctx);
  assert.is(jobs.length, 2);
  assert.equal(jobs[0], { actor: 'system:schedule:hourly s1', targets: { deviceIds: [], tags: ['core'] } });
  assert.is(await r.msUntilNextLook(), 30_000);
});

it('two runners at once fire each occurrence exactly once', async (ctx) => {
  await createSchedule(ctx, 's1', hourly('s1'));
  await createSchedule(ctx, 's2', hourly('s2', { every: '30m' }));
  for (let step = 1; step <= 3; step++) {
    ctx.now = later(step * HOUR + 2000);
    const [a, b] = await Promise.all([look(ctx, runner(ctx)), look(ctx, runner(ctx))]);
    assert.is(a.fired.length + b.fired.length, 2, `step ${step}: one job per schedule`);
  }
  assert.is((await jobStarts(ctx)).length, 6);
});

it('a restarted runner does not fire again, even before the read model saw the occurrence settled', async (ctx) => {
  await createSchedule(ctx, 's1', hourly('s1'));
  ctx.now = later(HOUR + 1000);
  const first = await runner(ctx).tick();
  assert.is(first.fired.length, 1);
  assert.equal((await runner(ctx).tick()).fired, [], 'a new process at once, before the read model moved on');
  await caughtUp(ctx, first.position);
  assert.equal((await look(ctx, runner(ctx))).fired, [], 'a new process later');
  assert.is((await jobStarts(ctx)).length, 1);
});

it('SKIP: occurrences missed while down fire nothing; the next one fires on time', async (ctx) => {
  await createSchedule(ctx, 's1', hourly('s1', { misfire: 'SKIP' }));
  ctx.now = later(5 * HOUR + 10 * 60_000);
  const down = await look(ctx, runner(ctx));
  assert.equal(down, { fired: [], skipped: 5 });
  assert.equal(await look(ctx, runner(ctx)), { fired: [], skipped: 0 });
  ctx.now = later(6 * HOUR + 1000);
  assert.is((await look(ctx, runner(ctx))).fired.length, 1);
  assert.is((await jobStarts(ctx)).length, 1);
});

it('RUN_ONCE: occurrences missed while down fire one catch-up job, for the latest', async (ctx) => {
  await createSchedule(ctx, 's1', hourly('s1'));
  ctx.now = later(5 * HOUR + 10 * 60_000);
  assert.equal((await look(ctx, runner(ctx))).fired, [`sched-s1-${(T0.getTime() + 5 * HOUR) / 1000}`]);
  assert.equal((await look(ctx, runner(ctx))).fired, []);
  const schedule = await ctx.db.selectFrom('schedules').selectAll().where('id', '=', 's1').executeTakeFirstOrThrow();
  assert.equal(schedule.last_occurrence, later(5 * HOUR));
});

it('a disabled schedule fires nothing; a cron schedule fires in its time zone', async (ctx) => {
  await createSchedule(ctx, 'c1', { name: 'nightly', cron: '0 3 * * *', timezone: 'Europe/Berlin', targets: { deviceIds: ['d1'] } });
  const disable: ScheduleCommand = { type: 'DisableSchedule', data: { scheduleId: 'c1' }, metadata: newCommandMetadata({ actor: 'user:alice', clock: () => ctx.now }) };
  ctx.now = new Date('2026-01-06T02:00:10.000Z'); // 03:00:10 in Berlin (CET)
  assert.is((await look(ctx, runner(ctx))).fired.length, 1);
  await caughtUp(ctx, (await ctx.commands.handle(scheduleDecider, 'c1', disable)).position);
  ctx.now = new Date('2026-01-07T02:00:10.000Z');
  assert.equal((await look(ctx, runner(ctx))).fired, []);
});

it('a COMMAND schedule fires COMMAND jobs that carry its commands', async (ctx) => {
  await createSchedule(ctx, 'show', hourly('show', { jobType: 'command', commands: ['show version', 'show inventory'] }));
  ctx.now = later(HOUR + 1000);
  const [jobId] = (await look(ctx, runner(ctx))).fired;
  const { rows } = await sql<{ data: { jobType: string; commands: string[]; scheduleId: string } }>`select data from eventstore.events
    where event_type = 'BackupScheduled' and stream_id = ${`job-${jobId}`}`.execute(ctx.db);
  assert.equal([rows[0]?.data.jobType, rows[0]?.data.commands, rows[0]?.data.scheduleId], ['command', ['show version', 'show inventory'], 'show']);
});

it('a reachability schedule fires REACHABILITY jobs at NORMAL, linked to the schedule; the system one reaches every device', async (ctx) => {
  const system: ScheduleCommand = {
    type: 'CreateSchedule', metadata: newCommandMetadata({ actor: 'system:scheduler', clock: () => ctx.now }),
    data: { scheduleId: 'system-reachability', system: true, input: { name: 'System reachability', every: '15m', jobType: 'reachability', targets: { all: true }, misfire: 'SKIP' } },
  };
  await caughtUp(ctx, (await ctx.commands.handle(scheduleDecider, 'system-reachability', system)).position);
  ctx.now = later(15 * 60_000 + 1000);
  const [jobId] = (await look(ctx, runner(ctx))).fired;
  assert.is(jobId, `sched-system-reachability-${(T0.getTime() + 15 * 60_000) / 1000}`);
  const { rows } = await sql<{ data: { jobType: string; priority: string; scheduleId: string; targets: unknown } }>`select data from eventstore.events
    where event_type = 'BackupScheduled' and stream_id = ${`job-${jobId}`}`.execute(ctx.db);
  const data = rows[0]?.data;
  assert.equal([data?.jobType, data?.priority, data?.scheduleId, data?.targets], ['reachability', 'NORMAL', 'system-reachability', { deviceIds: [], tags: [], all: true }]);
  const dispatcher = new JobDispatcher(ctx.store, ctx.db, ctx.commands);
  await dispatcher.start();
  ctx.stops.push(() => dispatcher.stop());
  const dispatched = await eventually('dispatched to every device', async () => {
    const result = await sql<{ data: { deviceIds: string[]; jobType: string; priority: string } }>`select data from eventstore.events
      where event_type = 'JobDispatched' and stream_id = ${`job-${jobId}`}`.execute(ctx.db);
    return result.rows[0]?.data;
  }, 10_000);
  assert.equal([dispatched.deviceIds, dispatched.jobType, dispatched.priority], [['d1', 'd2', 'd3'], 'reachability', 'NORMAL']);
});

it.run();
