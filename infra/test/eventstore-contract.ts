import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { comparePositions, WrongExpectedRevisionError, type EventStore, type NewEvent, type ReadAllOptions, type RecordedEvent } from '../src/eventstore/index.js';
import { liveCases } from './eventstore-contract-live.js';
import { readEverything, tortureCases } from './eventstore-torture.js';

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

  test('appendMany writes several streams with their own expectations; readStreams reads them back', async ({ fx }) => {
    const [a, b, c] = [stream(), stream(), stream()];
    await fx.store.append(c, [newEvent('C0')], 'no_stream');
    const results = await fx.store.appendMany([
      { streamId: a, events: [newEvent('A0'), newEvent('A1')], expected: 'no_stream' },
      { streamId: b, events: [newEvent('B0')], expected: 'no_stream' },
      { streamId: c, events: [newEvent('C1')], expected: 0 },
    ]);
    assert.equal(results.map((r) => r.nextRevision), [1, 0, 1]);
    const streams = await fx.store.readStreams([a, b, c, stream()]);
    assert.equal([...streams.keys()].sort(), [a, b, c].sort(), 'an empty stream is absent');
    assert.equal(streams.get(a)!.map((e) => e.type), ['A0', 'A1']);
    assert.equal(streams.get(c)!.map((e) => e.revision), [0, 1]);
  });

  test('appendMany of new streams only: re-sent event ids are idempotent', async ({ fx }) => {
    const [a, b] = [stream(), stream()];
    const writes = [
      { streamId: a, events: [newEvent('A0')], expected: 'no_stream' as const },
      { streamId: b, events: [newEvent('B0'), newEvent('B1')], expected: 'no_stream' as const },
    ];
    const first = await fx.store.appendMany(writes);
    const again = await fx.store.appendMany(writes);
    assert.equal(again.map((r) => r.nextRevision), first.map((r) => r.nextRevision));
    assert.is((await fx.store.readStream(b)).length, 2, 'nothing appended twice');
  });

  test('readAll up to a settled position returns nothing past it', async ({ fx }) => {
    const s = stream();
    await fx.store.append(s, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
    const all = await readEverything(fx.store, s, 3);
    const upToB = await fx.store.readAll({ settledUpTo: all[1]!.position, filter: { streamPrefixes: [s] } });
    assert.equal(upToB.map((e) => e.type), ['A', 'B']);
    const afterA = await fx.store.readAll({ after: all[0]!.position, settledUpTo: all[1]!.position, filter: { streamPrefixes: [s] } });
    assert.equal(afterA.map((e) => e.type), ['B']);
  });

  test('readStreams of nothing is an empty map', async ({ fx }) => {
    assert.is((await fx.store.readStreams([])).size, 0);
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
    const all = await readVisible(fx.store, { filter: { streamPrefixes: [`alpha${tag}`, `beta${tag}`] } }, 3);
    assert.equal(all.map((e) => `${e.streamId.slice(0, 4)}:${e.type.slice(0, 1)}`), ['alph:X', 'alph:Y', 'beta:X']);
    const onlyX = await fx.store.readAll({ filter: { eventTypes: [`X${tag}`] } });
    assert.is(onlyX.length, 2);
    const after = await fx.store.readAll({ after: all[0]?.position, filter: { streamPrefixes: [`alpha${tag}`] } });
    assert.equal(after.map((e) => e.type), [`Y${tag}`]);
  });

  test('large payloads: a 1 MB event, and 200 events in one append', async ({ fx }) => {
    const tag = `big${randomUUID().slice(0, 8)}`;
    // 1 MB of data: just below EventStoreDB's default 1 MiB limit per append, metadata included.
    const blob = 'x'.repeat(1_000_000);
    await fx.store.append(`${tag}-blob`, [newEvent('Blob', { blob })], 'no_stream');
    const [stored] = await fx.store.readStream(`${tag}-blob`);
    assert.is((stored?.data as { blob: string }).blob.length, blob.length);
    assert.ok((stored?.data as { blob: string }).blob === blob);
    const batch = Array.from({ length: 200 }, (_, i) => newEvent('Item', { i, pad: 'y'.repeat(500) }));
    const result = await fx.store.append(`${tag}-batch`, batch, 'no_stream');
    assert.is(result.nextRevision, 199);
    const streamed = await fx.store.readStream(`${tag}-batch`);
    assert.equal(streamed.map((e) => e.revision), batch.map((_, i) => i));
    const all = await readEverything(fx.store, tag, 201);
    assert.equal(all.map((e) => e.metadata.eventId), [stored?.metadata.eventId, ...batch.map((e) => e.metadata.eventId)]);
    for (let i = 1; i < all.length; i++) assert.ok(comparePositions((all[i - 1] as RecordedEvent).position, (all[i] as RecordedEvent).position) < 0);
    assert.equal(all[all.length - 1]?.position, result.position);
  });

  liveCases(test, adapter);
  tortureCases(test, adapter);
  test.run();
}

/**
 * A gap-free reader sees a committed event only once every older transaction on the server has
 * ended, so a read right after an append may briefly come back short: poll, bounded.
 */
export async function readVisible(store: EventStore, options: ReadAllOptions, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await store.readAll(options);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
