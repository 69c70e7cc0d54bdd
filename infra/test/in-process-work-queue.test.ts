import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessWorkQueue, taskId, type Delivery } from '../src/queue/index.js';
import { eventually } from '../src/testing/index.js';

const queue = suite('in-process work queue');
const task = (jobId: string, deviceId: string) => ({ id: taskId(jobId, deviceId), jobId, deviceId });

queue('drops a task whose id was already published', async () => {
  const q = new InProcessWorkQueue();
  const first = await q.publish([task('j', 'a'), task('j', 'b')]);
  const again = await q.publish([task('j', 'a'), task('j', 'c')]);
  assert.equal(first, { published: 2, duplicates: 0 });
  assert.equal(again, { published: 1, duplicates: 1 });
  const seen: string[] = [];
  const consumer = q.consume(async (d) => void seen.push(d.task.id), { concurrency: 4 });
  await eventually('all delivered', async () => (seen.length === 3 ? true : undefined), 2000);
  await consumer.stop();
  assert.equal(seen.sort(), ['j/a', 'j/b', 'j/c']);
  await q.close();
});

queue('redelivers a failed task with backoff and gives up after maxDeliver', async () => {
  const q = new InProcessWorkQueue({ maxDeliver: 3, backoffMs: [10, 20] });
  const attempts: number[] = [];
  let gaveUp: Delivery | undefined;
  const consumer = q.consume(
    async (d) => {
      attempts.push(d.attempt);
      throw new Error('transient');
    },
    { concurrency: 1, onGiveUp: (d) => (gaveUp = d) },
  );
  await q.publish([task('j', 'x')]);
  await eventually('give up', async () => gaveUp, 2000);
  await consumer.stop();
  assert.equal(attempts, [1, 2, 3]);
  assert.is(gaveUp?.attempt, 3);
  await q.close();
});

queue('never runs more tasks at once than the concurrency limit', async () => {
  const q = new InProcessWorkQueue();
  let running = 0;
  let peak = 0;
  let done = 0;
  const consumer = q.consume(async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    done++;
  }, { concurrency: 3 });
  await q.publish(Array.from({ length: 20 }, (_, i) => task('j', `d${i}`)));
  await eventually('all done', async () => (done === 20 ? true : undefined), 5000);
  await consumer.stop();
  assert.is(peak, 3);
  await q.close();
});

queue.run();
