import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jobDecider } from '@netraven/domain';
import { InProcessWorkQueue, type WorkTask } from '@netraven/infra/queue';
import { eventually } from '@netraven/infra/testing';
import { findJob } from '@netraven/projections';
import { JobDispatcher, TaskRelay } from '../src/index.js';
import { closeSchedulerContext, openSchedulerContext, send, type SchedulerContext } from './scheduler-fixture.js';

type Context = SchedulerContext;

const scheduler = suite<Context>('job dispatcher and task relay');

async function startScheduler(ctx: Context, queue: InProcessWorkQueue): Promise<() => Promise<void>> {
  const dispatcher = new JobDispatcher(ctx.store, ctx.db, ctx.commands);
  const relay = new TaskRelay(ctx.store, ctx.db, queue);
  await dispatcher.start();
  await relay.start();
  return async () => {
    await relay.stop();
    await dispatcher.stop();
  };
}

scheduler.before.each(openSchedulerContext);
scheduler.after.each(closeSchedulerContext);

scheduler('resolves tags and ids to devices and publishes one task per device', async (ctx) => {
  const queue = new InProcessWorkQueue();
  const tasks: WorkTask[] = [];
  const consumer = queue.consume(async (d) => void tasks.push(d.task), { concurrency: 10 });
  ctx.stops.push(await startScheduler(ctx, queue), () => consumer.stop(), () => queue.close());
  await send(ctx, jobDecider, 'j1', 'ScheduleBackup', { jobId: 'j1', targets: { deviceIds: ['d3'], tags: ['core'] } });
  await eventually('three tasks', async () => (tasks.length === 3 ? true : undefined), 10_000);
  assert.equal(tasks.map((t) => t.id).sort(), ['j1/d1', 'j1/d2', 'j1/d3']);
  const dispatched = (await ctx.store.readStream('job-j1')).find((e) => e.type === 'JobDispatched');
  assert.equal((dispatched?.data as { deviceIds: string[] }).deviceIds, ['d1', 'd2', 'd3']);
});

scheduler('a job whose tags match nothing completes as COMPLETED_NO_DEVICES', async (ctx) => {
  const queue = new InProcessWorkQueue();
  ctx.stops.push(await startScheduler(ctx, queue), () => queue.close());
  await send(ctx, jobDecider, 'j2', 'ScheduleBackup', { jobId: 'j2', targets: { deviceIds: [], tags: ['nowhere'] } });
  await eventually('job completed', async () => ((await findJob(ctx.db, 'j2'))?.status === 'COMPLETED_NO_DEVICES' ? true : undefined), 10_000);
});

scheduler('a restarted scheduler resumes from its checkpoints: nothing dispatched or published twice', async (ctx) => {
  const queue = new InProcessWorkQueue();
  const tasks: WorkTask[] = [];
  const consumer = queue.consume(async (d) => void tasks.push(d.task), { concurrency: 10 });
  ctx.stops.push(() => consumer.stop(), () => queue.close());
  const stopFirst = await startScheduler(ctx, queue);
  await send(ctx, jobDecider, 'j3', 'ScheduleBackup', { jobId: 'j3', targets: { deviceIds: [], tags: ['edge'] } });
  await eventually('two tasks', async () => (tasks.length === 2 ? true : undefined), 10_000);
  await stopFirst();
  // A fresh queue after the restart: its dedupe cannot hide a re-publish, only the checkpoint can.
  const secondQueue = new InProcessWorkQueue();
  const secondConsumer = secondQueue.consume(async (d) => void tasks.push(d.task), { concurrency: 10 });
  ctx.stops.push(() => secondConsumer.stop(), () => secondQueue.close());
  ctx.stops.push(await startScheduler(ctx, secondQueue));
  await send(ctx, jobDecider, 'j4', 'ScheduleBackup', { jobId: 'j4', targets: { deviceIds: ['d1'], tags: [] } });
  await eventually('third task', async () => (tasks.length === 3 ? true : undefined), 10_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(tasks.map((t) => t.id).sort(), ['j3/d2', 'j3/d3', 'j4/d1']);
  const j3 = await ctx.store.readStream('job-j3');
  assert.is(j3.filter((e) => e.type === 'JobDispatched').length, 1);
});

scheduler.run();
