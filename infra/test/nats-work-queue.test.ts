import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NatsWorkQueue, taskId, type Delivery, type NatsWorkQueueOptions, type WorkTask } from '../src/queue/index.js';
import { eventually } from '../src/testing/index.js';
import { MaxDeliveriesWatch } from '../src/queue/nats/max-deliveries-watch.js';

const natsUrl = process.env.NETRAVEN_TEST_NATS_URL ?? '127.0.0.1:4222';
const test = suite('NATS JetStream work queue');
const task = (jobId: string, deviceId: string): WorkTask => ({ id: taskId(jobId, deviceId), jobId, deviceId });
const tasks = (n: number): WorkTask[] => Array.from({ length: n }, (_, i) => task('job', `d${i}`));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Scenario {
  /** A queue on this scenario's own stream; errors reported by it land in `errors` unless onError is given. */
  open(options?: Partial<NatsWorkQueueOptions>): Promise<NatsWorkQueue>;
  readonly errors: unknown[];
  storedMessages(): Promise<number>;
  consumerConfig(): Promise<{ maxDeliver: number; ackWaitMs: number; maxAckPending: number }>;
  readonly names: { stream: string; subject: string; durable: string };
}

let counter = 0;

/** Runs `body` against a fresh, uniquely named stream/subject/durable and deletes the stream afterwards. */
async function scenario(body: (s: Scenario) => Promise<void>): Promise<void> {
  const unique = `T${process.pid}_${Date.now()}_${++counter}`;
  const names = { stream: `NRTEST_${unique}`, subject: `nrtest.${unique}.work`, durable: `worker_${unique}` };
  let admin: NatsConnection;
  try {
    admin = await connect({ servers: natsUrl, maxReconnectAttempts: 0 });
  } catch (error) {
    throw new Error(`these tests need NATS with JetStream at ${natsUrl} (set NETRAVEN_TEST_NATS_URL): ${String(error)}`);
  }
  const jsm = await jetstreamManager(admin);
  const opened: NatsWorkQueue[] = [];
  const errors: unknown[] = [];
  try {
    await body({
      names,
      errors,
      open: async (options) => {
        const queue = await NatsWorkQueue.connect({
          servers: natsUrl, ...names, pullExpiresMs: 1000, onError: (e) => errors.push(e), ...options,
        });
        opened.push(queue);
        return queue;
      },
      storedMessages: async () => (await jsm.streams.info(names.stream)).state.messages,
      consumerConfig: async () => {
        const { config } = await jsm.consumers.info(names.stream, names.durable);
        return { maxDeliver: config.max_deliver ?? 0, ackWaitMs: (config.ack_wait ?? 0) / 1e6, maxAckPending: config.max_ack_pending ?? 0 };
      },
    });
    for (const queue of opened) await queue.close();
    assert.equal(errors.map(String), [], 'no errors reported');
  } finally {
    for (const queue of opened) if (!queue.connection.isClosed()) await queue.connection.close();
    await jsm.streams.delete(names.stream).catch(() => false);
    await admin.close();
  }
}

test('drops a task whose id was already published; the handler sees it once', () =>
  scenario(async ({ open, storedMessages }) => {
    const queue = await open();
    assert.equal(await queue.publish([task('j', 'a'), task('j', 'b')]), { published: 2, duplicates: 0 });
    assert.equal(await queue.publish([task('j', 'a'), task('j', 'c')]), { published: 1, duplicates: 1 });
    const seen: string[] = [];
    const consumer = queue.consume(async (d) => void seen.push(d.task.id), { concurrency: 4 });
    await eventually('all delivered', async () => (seen.length === 3 ? true : undefined), 5000);
    await eventually('acked tasks leave the stream', async () => ((await storedMessages()) === 0 ? true : undefined), 5000);
    await consumer.stop();
    assert.equal(seen.sort(), ['j/a', 'j/b', 'j/c']);
  }));

test('an acknowledged task is not delivered again', () =>
  scenario(async ({ open, storedMessages }) => {
    const queue = await open({ ackWaitMs: 1000 });
    const seen: Delivery[] = [];
    const consumer = queue.consume(async (d) => void seen.push(d), { concurrency: 2 });
    await queue.publish([task('j', 'a')]);
    await eventually('delivered', async () => (seen.length === 1 ? true : undefined), 5000);
    await sleep(2500);
    await consumer.stop();
    assert.equal(seen, [{ task: task('j', 'a'), attempt: 1 }]);
    assert.is(await storedMessages(), 0);
  }));

test('a failing task is redelivered with backoff, then given up after maxDeliver', () =>
  scenario(async ({ open, storedMessages }) => {
    const queue = await open({ maxDeliver: 3, backoffMs: [200, 400] });
    const attempts: Array<{ attempt: number; at: number }> = [];
    let gaveUp: { delivery: Delivery; error: unknown } | undefined;
    const consumer = queue.consume(
      async (d) => {
        attempts.push({ attempt: d.attempt, at: Date.now() });
        throw new Error(`transient ${d.attempt}`);
      },
      { concurrency: 1, onGiveUp: (delivery, error) => (gaveUp = { delivery, error }) },
    );
    await queue.publish([task('j', 'x')]);
    await eventually('give up', async () => gaveUp, 10_000);
    await sleep(500);
    await consumer.stop();
    assert.equal(attempts.map((a) => a.attempt), [1, 2, 3]);
    const [first, second, third] = attempts.map((a) => a.at);
    assert.ok(second! - first! >= 180, `first redelivery waited ${second! - first!} ms`);
    assert.ok(third! - second! >= 380, `second redelivery waited ${third! - second!} ms`);
    assert.equal(gaveUp?.delivery, { task: task('j', 'x'), attempt: 3 });
    assert.is(String(gaveUp?.error), 'Error: transient 3');
    assert.is(await storedMessages(), 0, 'a terminated task leaves the work-queue stream');
  }));

test('never runs more tasks at once than the concurrency limit', () =>
  scenario(async ({ open }) => {
    const queue = await open();
    let running = 0;
    let peak = 0;
    let done = 0;
    const consumer = queue.consume(async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(30);
      running--;
      done++;
    }, { concurrency: 4 });
    await queue.publish(tasks(20));
    await eventually('all done', async () => (done === 20 ? true : undefined), 10_000);
    await consumer.stop();
    assert.is(peak, 4);
  }));

test('two workers on the same durable share the work, each task handled once', () =>
  scenario(async ({ open }) => {
    const [a, b] = [await open(), await open()];
    const handledBy = new Map<string, string[]>();
    const worker = (name: string) => async (d: Delivery) => {
      handledBy.set(d.task.id, [...(handledBy.get(d.task.id) ?? []), name]);
      await sleep(20);
    };
    const consumers = [a.consume(worker('a'), { concurrency: 5 }), b.consume(worker('b'), { concurrency: 5 })];
    await a.publish(tasks(60));
    await eventually('all handled', async () => (handledBy.size === 60 ? true : undefined), 10_000);
    await sleep(300);
    await Promise.all(consumers.map((c) => c.stop()));
    const workers = [...handledBy.values()];
    assert.ok(workers.every((w) => w.length === 1), 'every task handled exactly once');
    const byA = workers.filter((w) => w[0] === 'a').length;
    assert.ok(byA > 0 && byA < 60, `both workers took tasks (a: ${byA}, b: ${60 - byA})`);
  }));

test('a task held by a crashed worker goes to another worker after ack_wait', () =>
  scenario(async ({ open }) => {
    const crashErrors: unknown[] = [];
    const crashing = await open({ ackWaitMs: 1000, onError: (e) => crashErrors.push(e) });
    const survivor = await open({ ackWaitMs: 1000 });
    let release: () => void = () => undefined;
    let startedAt = 0;
    const stuck = crashing.consume(() => {
      startedAt = Date.now();
      return new Promise<void>((resolve) => (release = resolve));
    }, { concurrency: 1 });
    await crashing.publish([task('j', 'crash')]);
    await eventually('the first worker took it', async () => (startedAt > 0 ? true : undefined), 5000);
    await crashing.connection.close();
    const redelivered: Delivery[] = [];
    const rescue = survivor.consume(async (d) => void redelivered.push(d), { concurrency: 1 });
    await eventually('redelivered', async () => (redelivered.length > 0 ? true : undefined), 8000);
    const waited = Date.now() - startedAt;
    assert.equal(redelivered, [{ task: task('j', 'crash'), attempt: 2 }]);
    assert.ok(waited >= 900, `redelivered after ${waited} ms, not before ack_wait`);
    release();
    await stuck.stop();
    assert.ok(crashErrors.length > 0, 'the late ack on a closed connection is reported, not swallowed');
    await rescue.stop();
  }));

test('a task whose every delivery died with its worker is handed to onGiveUp and removed', () =>
  scenario(async ({ open, storedMessages, names }) => {
    const gaveUp: Delivery[] = [];
    const listener = await connect({ servers: natsUrl });
    const watchErrors: unknown[] = [];
    const watch = new MaxDeliveriesWatch(listener, await jetstreamManager(listener), names.stream, names.durable, (d) => gaveUp.push(d), (e) => watchErrors.push(e));
    watch.start();
    // The crashed workers' handlers are released at the end so their queues can close.
    const releases: Array<() => void> = [];
    try {
      for (let crash = 1; crash <= 2; crash++) {
        const doomed = await open({ ackWaitMs: 1000, maxDeliver: 2, onError: () => undefined });
        let took = false;
        doomed.consume(() => {
          took = true;
          return new Promise<void>((resolve) => releases.push(resolve));
        }, { concurrency: 1 });
        if (crash === 1) await doomed.publish([task('j', 'doomed')]);
        await eventually(`delivery ${crash} taken`, async () => (took ? true : undefined), 8000);
        await doomed.connection.close();
      }
      // A live worker keeps pulling: that is when the server notices the delivery limit and tells.
      const survivor = await open({ ackWaitMs: 1000, maxDeliver: 2 });
      const handled: Delivery[] = [];
      const pulling = survivor.consume(async (d) => void handled.push(d), { concurrency: 1 });
      await eventually('the advisory after the last delivery', async () => (gaveUp.length > 0 ? true : undefined), 10_000);
      await pulling.stop();
      assert.equal(handled, [], 'a task past its delivery limit is not delivered again');
      assert.equal(gaveUp[0]?.task, task('j', 'doomed'));
      assert.is(gaveUp[0]?.attempt, 2);
      await eventually('the exhausted task left the stream', async () => ((await storedMessages()) === 0 ? true : undefined), 5000);
      assert.equal(watchErrors.map(String), []);
    } finally {
      releases.forEach((release) => release());
      watch.stop();
      await listener.close();
    }
  }));

test('a slow handler keeps its task past ack_wait (working() heartbeats)', () =>
  scenario(async ({ open }) => {
    const [a, b] = [await open({ ackWaitMs: 1000 }), await open({ ackWaitMs: 1000 })];
    const deliveries: Delivery[] = [];
    const slow = async (d: Delivery) => {
      deliveries.push(d);
      await sleep(2500);
    };
    const consumers = [a.consume(slow, { concurrency: 1 }), b.consume(slow, { concurrency: 1 })];
    await a.publish([task('j', 'slow')]);
    await eventually('delivered', async () => (deliveries.length > 0 ? true : undefined), 5000);
    await sleep(3500);
    await Promise.all(consumers.map((c) => c.stop()));
    assert.equal(deliveries, [{ task: task('j', 'slow'), attempt: 1 }]);
  }));

test('stop() waits for in-flight handlers and pulls nothing more; another worker gets new tasks at once', () =>
  scenario(async ({ open }) => {
    const [a, b] = [await open({ ackWaitMs: 30_000 }), await open({ ackWaitMs: 30_000 })];
    let started = false;
    let finished = false;
    const first = a.consume(async () => {
      started = true;
      await sleep(300);
      finished = true;
    }, { concurrency: 2 });
    await a.publish([task('j', 'inflight')]);
    await eventually('started', async () => (started || undefined), 5000);
    await first.stop();
    assert.ok(finished, 'stop() returned only after the in-flight handler finished');
    const seen: Delivery[] = [];
    const second = b.consume(async (d) => void seen.push(d), { concurrency: 2 });
    const publishedAt = Date.now();
    await b.publish([task('j', 'later1'), task('j', 'later2')]);
    await eventually('the running worker got both', async () => (seen.length === 2 ? true : undefined), 8000);
    assert.ok(Date.now() - publishedAt < 5000, 'no task waited out an ack_wait in a stopped worker');
    assert.ok(seen.every((d) => d.attempt === 1));
    await second.stop();
  }));

test('workers starting together converge on one stream and consumer; a new setting updates it', () =>
  scenario(async ({ open, consumerConfig }) => {
    const queues = await Promise.all([open(), open(), open()]);
    assert.equal(await consumerConfig(), { maxDeliver: 5, ackWaitMs: 30_000, maxAckPending: 1000 });
    assert.equal(await queues[0]!.publish([task('j', 'a')]), { published: 1, duplicates: 0 });
    await open({ maxDeliver: 7, ackWaitMs: 5000 });
    assert.equal(await consumerConfig(), { maxDeliver: 7, ackWaitMs: 5000, maxAckPending: 1000 });
    const seen: string[] = [];
    const consumer = queues[1]!.consume(async (d) => void seen.push(d.task.id), { concurrency: 1500 });
    await eventually('the published task', async () => (seen.length === 1 ? true : undefined), 5000);
    await consumer.stop();
    assert.is((await consumerConfig()).maxAckPending, 1500, 'max_ack_pending raised to the concurrency');
  }));

test('an unreachable server is a clear error', async () => {
  try {
    await NatsWorkQueue.connect({ servers: '127.0.0.1:1' });
    assert.unreachable('connect should fail');
  } catch (error) {
    assert.match(String(error), /cannot connect to NATS at 127\.0\.0\.1:1/);
  }
});

test.run();
