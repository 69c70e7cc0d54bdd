import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scheduleDecider, WEEKDAYS, type ScheduleCommand, type ScheduleInput } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, type Position } from '@netraven/infra/eventstore';
import { schedulesProjector, waitUntilCaughtUp } from '@netraven/projections';
import { ScheduleRunner, type TickResult } from '../src/schedule-runner.js';
import { closeSchedulerContext, openSchedulerContext, type SchedulerContext } from './scheduler-fixture.js';

interface Ctx extends SchedulerContext {
  now: Date;
}

// Monday 5 January 2026, 10:00 UTC (11:00 in Berlin).
const T0 = new Date('2026-01-05T10:00:00.000Z');
const it = suite<Ctx>('schedule runner with maintenance windows (injected clock, real Postgres)');
it.before.each(async (ctx) => {
  await openSchedulerContext(ctx);
  ctx.now = T0;
});
it.after.each(async (ctx) => closeSchedulerContext(ctx));

async function caughtUp(ctx: Ctx, position: Position | undefined): Promise<void> {
  if (position) await waitUntilCaughtUp(ctx.db, ctx.store, schedulesProjector, position, { timeoutMs: 10_000 });
}

async function createSchedule(ctx: Ctx, id: string, input: ScheduleInput): Promise<void> {
  const command: ScheduleCommand = { type: 'CreateSchedule', data: { scheduleId: id, input }, metadata: newCommandMetadata({ actor: 'user:alice', clock: () => ctx.now }) };
  await caughtUp(ctx, (await ctx.commands.handle(scheduleDecider, id, command)).position);
}

const runner = (ctx: Ctx) => new ScheduleRunner(ctx.db, new CommandHandler(ctx.store), { clock: () => ctx.now });
async function look(ctx: Ctx): Promise<Omit<TickResult, 'position'>> {
  const result = await runner(ctx).tick();
  await caughtUp(ctx, result.position);
  return { fired: result.fired, skipped: result.skipped };
}
const at = (iso: string) => new Date(iso);
const epoch = (iso: string) => Date.parse(iso) / 1000;

const nightly: ScheduleInput = {
  name: 'hourly at night', every: '1h', timezone: 'Europe/Berlin', targets: { tags: ['core'] },
  windows: [{ days: [...WEEKDAYS], start: '22:00', end: '02:00' }],
};

it('hourly inside a Berlin night window: daytime occurrences fire nothing, night ones fire; the runner sleeps until the window', async (ctx) => {
  await createSchedule(ctx, 'w1', nightly);
  ctx.now = at('2026-01-05T15:00:05Z'); // 16:00 Berlin: outside
  assert.equal(await look(ctx), { fired: [], skipped: 0 });
  assert.is(await runner(ctx).msUntilNextLook(), 30_000, 'no occurrence within the longest sleep');
  ctx.now = at('2026-01-05T20:59:50Z');
  assert.is(await runner(ctx).msUntilNextLook(), 10_000, 'until 22:00 Berlin, the first occurrence inside');
  ctx.now = at('2026-01-05T21:00:02Z'); // 22:00 Berlin
  assert.equal(await look(ctx), { fired: [`sched-w1-${epoch('2026-01-05T21:00:00Z')}`], skipped: 0 });
  ctx.now = at('2026-01-06T00:00:02Z'); // 01:00 Berlin; 23:00 and 00:00 were missed while no runner looked
  assert.equal(await look(ctx), { fired: [`sched-w1-${epoch('2026-01-06T00:00:00Z')}`], skipped: 0 }, 'RUN_ONCE catches up inside the window');
  const schedule = await ctx.db.selectFrom('schedules').select(['windows', 'last_occurrence']).where('id', '=', 'w1').executeTakeFirstOrThrow();
  assert.equal(schedule.windows, { timezone: 'Europe/Berlin', list: [{ days: [...WEEKDAYS], start: '22:00', end: '02:00' }] });
});

it('missed night occurrences found after the window closed are skipped, not run in the day', async (ctx) => {
  await createSchedule(ctx, 'w2', nightly);
  ctx.now = at('2026-01-06T08:00:00Z'); // 09:00 Berlin: the whole night was missed
  assert.equal(await look(ctx), { fired: [], skipped: 4 });
  assert.equal(await look(ctx), { fired: [], skipped: 0 });
  ctx.now = at('2026-01-06T21:00:01Z');
  assert.is((await look(ctx)).fired.length, 1, 'the next night fires on time');
});

it.run();
