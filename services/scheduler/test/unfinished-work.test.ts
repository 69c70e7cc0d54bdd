import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jobDecider } from '@netraven/domain';
import { InProcessWorkQueue, type Delivery } from '@netraven/infra/queue';
import { eventually } from '@netraven/infra/testing';
import { findJob, jobDevices, jobsProjector, waitUntilDrained } from '@netraven/projections';
import { reissueUnfinishedWork, TaskDeadlineWatchdog } from '../src/index.js';
import { closeSchedulerContext, openSchedulerContext, send, type SchedulerContext } from './scheduler-fixture.js';

const work = suite<SchedulerContext>('work that lost its worker');
work.before.each(openSchedulerContext);
work.after.each(closeSchedulerContext);

/** A job over d1, d2, d3 in which d1 finished, d2 was started (attempt 1) and d3 was never picked up. */
async function jobInterruptedMidway(ctx: SchedulerContext, jobId: string): Promise<void> {
  await send(ctx, jobDecider, jobId, 'ScheduleBackup', { jobId, targets: { deviceIds: ['d1', 'd2', 'd3'], tags: [] } });
  await send(ctx, jobDecider, jobId, 'DispatchJob', { jobId, deviceIds: ['d1', 'd2', 'd3'] });
  await send(ctx, jobDecider, jobId, 'StartDeviceBackup', { jobId, deviceId: 'd1', workerId: 'w/1', attempt: 1 });
  await send(ctx, jobDecider, jobId, 'RecordDeviceFailure', { jobId, deviceId: 'd1', category: 'auth', message: 'denied' });
  await send(ctx, jobDecider, jobId, 'StartDeviceBackup', { jobId, deviceId: 'd2', workerId: 'w/1', attempt: 1 });
}

work('a restart re-issues exactly the devices without an outcome, their attempts counting on', async (ctx) => {
  await jobInterruptedMidway(ctx, 'j1');
  const queue = new InProcessWorkQueue();
  const deliveries: Delivery[] = [];
  const consumer = queue.consume(async (delivery) => void deliveries.push(delivery), { concurrency: 4 });
  ctx.stops.push(() => consumer.stop(), () => queue.close());

  const { reissued } = await reissueUnfinishedWork(ctx.store, ctx.db, queue, { catchUpTimeoutMs: 10_000 });
  assert.is(reissued, 2);
  await eventually('both deliveries', async () => (deliveries.length === 2 ? true : undefined), 5_000);
  assert.equal(
    deliveries.map((d) => ({ id: d.task.id, attempt: d.attempt })).sort((a, b) => a.id.localeCompare(b.id)),
    [{ id: 'j1/d2', attempt: 2 }, { id: 'j1/d3', attempt: 1 }],
  );
  // Run twice (a second start before any worker ran): the queue drops what it already holds.
  assert.is((await reissueUnfinishedWork(ctx.store, ctx.db, queue)).reissued, 0);
});

work('a completed job has nothing to re-issue', async (ctx) => {
  await jobInterruptedMidway(ctx, 'j2');
  await send(ctx, jobDecider, 'j2', 'RecordDeviceFailure', { jobId: 'j2', deviceId: 'd2', category: 'timeout', message: 'slow' });
  await send(ctx, jobDecider, 'j2', 'RecordDeviceFailure', { jobId: 'j2', deviceId: 'd3', category: 'timeout', message: 'slow' });
  const queue = new InProcessWorkQueue();
  ctx.stops.push(() => queue.close());
  assert.is((await reissueUnfinishedWork(ctx.store, ctx.db, queue)).reissued, 0);
});

work('the watchdog fails a started device past its deadline, so the job completes; a device that reports first is left alone', async (ctx) => {
  await jobInterruptedMidway(ctx, 'j3');
  await send(ctx, jobDecider, 'j3', 'StartDeviceBackup', { jobId: 'j3', deviceId: 'd3', workerId: 'w/2', attempt: 1 });
  await waitUntilDrained(ctx.db, ctx.store, jobsProjector, { timeoutMs: 10_000 });

  const failed: string[] = [];
  const inAnHour = () => new Date(Date.now() + 3_600_000);
  const watchdog = new TaskDeadlineWatchdog(ctx.db, ctx.commands, { deadlineMs: 60_000, clock: inAnHour, onFailed: (t) => failed.push(t.deviceId) });
  // d3's worker reports after the read model was read but before the watchdog's command: the decider keeps the worker's outcome.
  await send(ctx, jobDecider, 'j3', 'RecordDeviceFailure', { jobId: 'j3', deviceId: 'd3', category: 'unreachable', message: 'no route' });
  assert.is(await watchdog.sweep(), 1);
  assert.equal(failed, ['d2']);

  await eventually('the job to complete', async () => ((await findJob(ctx.db, 'j3'))?.status === 'FAILED' ? true : undefined), 10_000);
  const byDevice = Object.fromEntries((await jobDevices(ctx.db, 'j3')).map((row) => [row.device_id, row.error_category]));
  assert.equal(byDevice, { d1: 'auth', d2: 'deadline', d3: 'unreachable' });
  const d2 = (await jobDevices(ctx.db, 'j3')).find((row) => row.device_id === 'd2');
  assert.match(d2?.error_message ?? '', /no outcome 60 s after attempt 1 started on w\/1/);
});

work('the watchdog leaves a device inside its deadline alone', async (ctx) => {
  await jobInterruptedMidway(ctx, 'j4');
  await waitUntilDrained(ctx.db, ctx.store, jobsProjector, { timeoutMs: 10_000 });
  const watchdog = new TaskDeadlineWatchdog(ctx.db, ctx.commands, { deadlineMs: 60_000 });
  assert.is(await watchdog.sweep(), 0);
  assert.is((await findJob(ctx.db, 'j4'))?.status, 'RUNNING');
});

work.run();
