import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { InProcessWorkQueue, NatsWorkQueue, PriorityPicker, taskId, type TaskPriority, type WorkQueue, type WorkTask } from '../src/queue/index.js';
import { eventually } from '../src/testing/index.js';

const natsUrl = process.env.NETRAVEN_TEST_NATS_URL ?? '127.0.0.1:4222';
const task = (jobId: string, deviceId: string, priority: TaskPriority): WorkTask => ({ id: taskId(jobId, deviceId), jobId, deviceId, priority, kind: 'backup' });

/**
 * One worker slot: LOW work is queued and its first task starts (and is held); then HIGH work is queued.
 * When the held task is let go, the HIGH task runs next, before the rest of the LOW work.
 */
async function highOvertakesLow(queue: WorkQueue): Promise<void> {
  const order: string[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const consumer = queue.consume(async ({ task: t }) => {
    order.push(t.id);
    if (t.id === 'low/1') await held;
  }, { concurrency: 1 });
  await queue.publish(['1', '2', '3'].map((d) => task('low', d, 'LOW')));
  await eventually('the first LOW task runs', async () => (order.length === 1 ? true : undefined), 10_000);
  await queue.publish([task('high', '1', 'HIGH')]);
  const status = await eventually('the queue shows the waiting work', async () => {
    const s = await queue.status();
    const depth = (p: TaskPriority) => s.priorities.find((each) => each.priority === p)?.depth;
    return depth('HIGH') === 1 && depth('LOW') === 2 ? s : undefined;
  }, 10_000);
  assert.is(status.inFlight, 1);
  assert.ok((status.priorities.find((p) => p.priority === 'LOW')?.oldestTaskAgeMs ?? -1) >= 0, JSON.stringify(status));
  assert.is(status.priorities.find((p) => p.priority === 'NORMAL')?.depth, 0);
  release();
  await eventually('every task ran', async () => (order.length === 4 ? true : undefined), 15_000);
  await consumer.stop();
  assert.equal(order, ['low/1', 'high/1', 'low/2', 'low/3']);
}

const picker = suite('priority rule');

picker('HIGH first; a waiting lower priority gets a pick after four passes, so neither starves', () => {
  const p = new PriorityPicker(4);
  const waiting = { HIGH: 10, NORMAL: 3, LOW: 3 };
  const picks: string[] = [];
  for (let i = 0; i < 12; i++) {
    const chosen = p.pick((level) => waiting[level] > 0);
    if (!chosen) break;
    waiting[chosen]--;
    picks.push(chosen[0] ?? '');
  }
  assert.is(picks.join(''), 'HHHHLNHHHLHN');
  // HIGH never waits more than two picks; LOW and NORMAL each ran twice in twelve.
  assert.not.match(picks.join(''), /[LN]{3}/);
});

picker('only what waits is picked', () => {
  const p = new PriorityPicker();
  assert.is(p.pick(() => false), undefined);
  assert.is(p.pick((level) => level === 'LOW'), 'LOW');
});

const embedded = suite('embedded queue priorities');

embedded('with one worker slot, HIGH work queued after LOW work runs before the rest of it', async () => {
  const queue = new InProcessWorkQueue();
  await highOvertakesLow(queue);
  await queue.close();
});

const jetstream = suite('JetStream queue priorities');

jetstream('with one worker slot, HIGH work queued after LOW work runs before the rest of it', async () => {
  const unique = `P${process.pid}_${Date.now()}`;
  const names = { stream: `NRTEST_${unique}`, subject: `nrtest.${unique}.work`, durable: `worker_${unique}` };
  const queue = await NatsWorkQueue.connect({ servers: natsUrl, ...names, pullExpiresMs: 1000 });
  try {
    await highOvertakesLow(queue);
  } finally {
    await queue.close();
    const admin = await connect({ servers: natsUrl });
    await (await jetstreamManager(admin)).streams.delete(names.stream).catch(() => false);
    await admin.close();
  }
});

picker.run();
embedded.run();
jetstream.run();
