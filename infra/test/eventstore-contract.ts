import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '../src/eventstore/index.js';

export interface ContractFixture {
  store: EventStore;
  /** Runs `work` inside a transaction that appends `event` and stays open until `work` resolves. */
  appendInSlowTransaction?: (streamId: string, event: NewEvent, holdMs: number) => Promise<void>;
  dispose(): Promise<void>;
}

export function newEvent(type: string, data: unknown = {}, eventId: string = randomUUID()): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId, correlationId: eventId, causationId: eventId, actor: 'test',
      occurredAt: new Date().toISOString(), schemaVersion: 1,
    },
  };
}

/** The behaviour every event-store adapter must show; run once per adapter. */
export function eventStoreContract(adapter: string, open: () => Promise<ContractFixture>): void {
  const test = suite<{ fx: ContractFixture }>(`event store contract (${adapter})`);
  test.before.each(async (ctx) => {
    ctx.fx = await open();
  });
  test.after.each(async (ctx) => {
    await ctx.fx.dispose();
  });
  const stream = (): string => `test-${randomUUID()}`;

  test('appends to a new stream with no_stream and reads it back in order', async ({ fx }) => {
    const s = stream();
    const result = await fx.store.append(s, [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no_stream');
    assert.is(result.nextRevision, 1);
    const events = await fx.store.readStream(s);
    assert.equal(events.map((e) => [e.type, e.revision, e.data]), [['A', 0, { n: 1 }], ['B', 1, { n: 2 }]]);
  });

  test('no_stream on an existing stream is a conflict naming the stream and both revisions', async ({ fx }) => {
    const s = stream();
    await fx.store.append(s, [newEvent('A')], 'no_stream');
    try {
      await fx.store.append(s, [newEvent('B')], 'no_stream');
      assert.unreachable('expected a conflict');
    } catch (error) {
      assert.instance(error, WrongExpectedRevisionError);
      const conflict = error as WrongExpectedRevisionError;
      assert.is(conflict.streamId, s);
      assert.is(conflict.expected, 'no_stream');
      assert.is(conflict.actual, 0);
      assert.match(conflict.message, s);
    }
  });

  test('an exact expected revision succeeds once; a stale one is refused', async ({ fx }) => {
    const s = stream();
    await fx.store.append(s, [newEvent('A')], 'no_stream');
    await fx.store.append(s, [newEvent('B')], 0);
    try {
      await fx.store.append(s, [newEvent('C')], 0);
      assert.unreachable('expected a conflict');
    } catch (error) {
      assert.instance(error, WrongExpectedRevisionError);
      assert.is((error as WrongExpectedRevisionError).actual, 1);
    }
    assert.is((await fx.store.readStream(s)).length, 2);
  });

  test('any and stream_exists', async ({ fx }) => {
    const s = stream();
    try {
      await fx.store.append(s, [newEvent('A')], 'stream_exists');
      assert.unreachable('expected a conflict');
    } catch (error) {
      assert.instance(error, WrongExpectedRevisionError);
      assert.is((error as WrongExpectedRevisionError).actual, 'no_stream');
    }
    await fx.store.append(s, [newEvent('A')], 'any');
    await fx.store.append(s, [newEvent('B')], 'any');
    await fx.store.append(s, [newEvent('C')], 'stream_exists');
    assert.equal((await fx.store.readStream(s)).map((e) => e.type), ['A', 'B', 'C']);
  });

  test('re-appending the same event ids is idempotent', async ({ fx }) => {
    const s = stream();
    const events = [newEvent('A'), newEvent('B')];
    const first = await fx.store.append(s, events, 'no_stream');
    const again = await fx.store.append(s, events, 'no_stream');
    assert.is(again.nextRevision, first.nextRevision);
    assert.equal(again.position, first.position);
    assert.is((await fx.store.readStream(s)).length, 2);
  });

  test('concurrent writers with the same expected revision: exactly one wins', async ({ fx }) => {
    const s = stream();
    await fx.store.append(s, [newEvent('A')], 'no_stream');
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => fx.store.append(s, [newEvent(`W${i}`)], 0)));
    assert.is(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    for (const o of outcomes) if (o.status === 'rejected') assert.instance(o.reason, WrongExpectedRevisionError);
  });

  test('reads a stream backwards and with limits', async ({ fx }) => {
    const s = stream();
    await fx.store.append(s, ['A', 'B', 'C', 'D'].map((t) => newEvent(t)), 'no_stream');
    assert.equal((await fx.store.readStream(s, { direction: 'backwards', limit: 2 })).map((e) => e.type), ['D', 'C']);
    assert.equal((await fx.store.readStream(s, { fromRevision: 2 })).map((e) => e.type), ['C', 'D']);
  });

  test('readAll keeps global order across streams and filters by type and stream prefix', async ({ fx }) => {
    const tag = randomUUID().slice(0, 8);
    await fx.store.append(`alpha${tag}-1`, [newEvent(`X${tag}`), newEvent(`Y${tag}`)], 'no_stream');
    await fx.store.append(`beta${tag}-1`, [newEvent(`X${tag}`)], 'no_stream');
    const all = await fx.store.readAll({ filter: { streamPrefixes: [`alpha${tag}`, `beta${tag}`] } });
    assert.equal(all.map((e) => `${e.streamId.slice(0, 4)}:${e.type.slice(0, 1)}`), ['alph:X', 'alph:Y', 'beta:X']);
    const onlyX = await fx.store.readAll({ filter: { eventTypes: [`X${tag}`] } });
    assert.is(onlyX.length, 2);
    const after = await fx.store.readAll({ after: all[0]?.position, filter: { streamPrefixes: [`alpha${tag}`] } });
    assert.equal(after.map((e) => e.type), [`Y${tag}`]);
  });

  test('a subscription catches up, then goes live, with no gap and no duplicate', async ({ fx }) => {
    const tag = `sub${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++) await fx.store.append(`${tag}-${i}`, [newEvent('E', { i })], 'no_stream');
    const seen: number[] = [];
    const subscription = fx.store.subscribeAll({ filter: { streamPrefixes: [tag] }, batchSize: 2 }, async (batch) => {
      for (const e of batch) seen.push((e.data as { i: number }).i);
    });
    for (let i = 5; i < 10; i++) await fx.store.append(`${tag}-${i}`, [newEvent('E', { i })], 'no_stream');
    await waitFor(() => seen.length >= 10, 10_000);
    await subscription.stop();
    assert.equal(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('resumes from a stored checkpoint', async ({ fx }) => {
    const tag = `cp${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 4; i++) await fx.store.append(`${tag}-${i}`, [newEvent('E', { i })], 'no_stream');
    const firstTwo = (await fx.store.readAll({ filter: { streamPrefixes: [tag] }, limit: 2 }));
    const checkpoint = firstTwo[1]?.position;
    const rest = await fx.store.readAll({ after: checkpoint, filter: { streamPrefixes: [tag] } });
    assert.equal(rest.map((e) => (e.data as { i: number }).i), [2, 3]);
  });

  test('never delivers a later-committed event out of order (slow transaction)', async ({ fx }) => {
    if (!fx.appendInSlowTransaction) {
      console.log(`  [${adapter}] slow-transaction check not applicable: the server orders commits itself`);
      return;
    }
    const tag = `slow${randomUUID().slice(0, 8)}`;
    const seen: RecordedEvent[] = [];
    const subscription = fx.store.subscribeAll({ filter: { streamPrefixes: [tag] } }, async (batch) => {
      seen.push(...batch);
    });
    // The slow transaction takes its sequence number first but commits after the fast one.
    const slow = fx.appendInSlowTransaction(`${tag}-slow`, newEvent('Slow'), 500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fx.store.append(`${tag}-fast`, [newEvent('Fast')], 'no_stream');
    await slow;
    await waitFor(() => seen.length >= 2, 10_000);
    await subscription.stop();
    assert.equal(seen.map((e) => e.type).sort(), ['Fast', 'Slow']);
    assert.is(seen.length, 2);
  });

  test.run();
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
