import { randomUUID } from 'node:crypto';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { comparePositions, type NewEvent, type RecordedEvent } from '../src/eventstore/index.js';
import { newEvent, readVisible, type ContractFixture } from './eventstore-contract.js';

/** The contract's subscriptions and selected reads: what the projectors, followers and audits rely on. */
export function liveCases(test: Test<{ fx: ContractFixture }>, adapter: string): void {
  test('filters by event type and stream prefix combined, in reads and subscriptions', async ({ fx }) => {
    const tag = randomUUID().slice(0, 8);
    const [x, y] = [`X${tag}`, `Y${tag}`];
    await fx.store.append(`alpha${tag}-1`, [newEvent(x, { n: 1 }), newEvent(y, { n: 2 })], 'no_stream');
    await fx.store.append(`beta${tag}-1`, [newEvent(x, { n: 3 })], 'no_stream');
    await fx.store.append(`alpha${tag}-2`, [newEvent(y, { n: 4 }), newEvent(x, { n: 5 })], 'no_stream');
    const filter = { eventTypes: [x], streamPrefixes: [`alpha${tag}`] };
    const read = await readVisible(fx.store, { filter }, 2);
    assert.equal(read.map((e) => (e.data as { n: number }).n), [1, 5]);
    const paged = await fx.store.readAll({ filter, after: read[0]?.position, limit: 1 });
    assert.equal(paged.map((e) => (e.data as { n: number }).n), [5]);
    const seen: number[] = [];
    const subscription = fx.store.subscribeAll({ filter, batchSize: 1 }, async (batch) => {
      for (const e of batch) seen.push((e.data as { n: number }).n);
    });
    await fx.store.append(`alpha${tag}-3`, [newEvent(y, { n: 6 }), newEvent(x, { n: 7 })], 'no_stream');
    await fx.store.append(`beta${tag}-3`, [newEvent(x, { n: 8 })], 'no_stream');
    await waitFor(() => seen.length >= 3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await subscription.stop();
    assert.equal(seen, [1, 5, 7]);
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
    await readVisible(fx.store, { filter: { streamPrefixes: [tag] } }, 4);
    const firstTwo = await fx.store.readAll({ filter: { streamPrefixes: [tag] }, limit: 2 });
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

  test('readSelected: streams, correlation ids and a data field in other streams, merged in global order, paged by position', async ({ fx }) => {
    const tag = randomUUID().slice(0, 8);
    const correlated = (type: string, data: unknown, correlationId: string): NewEvent => {
      const event = newEvent(type, data);
      return { ...event, metadata: { ...event.metadata, correlationId } };
    };
    await fx.store.append(`job${tag}-1`, [newEvent('Scheduled'), newEvent('Started', { deviceId: `d${tag}` })], 'no_stream');
    await fx.store.append(`dev${tag}-1`, [correlated('Pinned', { deviceId: `d${tag}` }, `c${tag}`)], 'no_stream');
    await fx.store.append(`job${tag}-2`, [newEvent('Started', { deviceId: `other${tag}` })], 'no_stream');
    await fx.store.append(`log${tag}-1`, [newEvent('Logged')], 'no_stream');
    await fx.store.append(`elsewhere${tag}`, [newEvent('Started', { deviceId: `d${tag}` })], 'no_stream');
    await fx.store.append(`job${tag}-1`, [newEvent('Completed')], 1);
    const selection = { streamIds: [`job${tag}-1`, `log${tag}-1`], correlationIds: [`c${tag}`] };
    const deadline = Date.now() + 10_000;
    let all = await fx.store.readSelected(selection);
    while (all.length < 5 && Date.now() < deadline) all = await fx.store.readSelected(selection);
    assert.equal(all.map((e) => `${e.streamId.replace(tag, '')}:${e.type}`),
      ['job-1:Scheduled', 'job-1:Started', 'dev-1:Pinned', 'log-1:Logged', 'job-1:Completed']);
    for (let i = 1; i < all.length; i++) assert.ok(comparePositions(all[i - 1]!.position, all[i]!.position) < 0, 'global order');
    const page = await fx.store.readSelected(selection, { after: all[1]!.position, limit: 2 });
    assert.equal(page.map((e) => e.type), ['Pinned', 'Logged']);
    const device = await fx.store.readSelected({ streamIds: [`dev${tag}-1`], dataField: { name: 'deviceId', value: `d${tag}`, streamPrefixes: [`job${tag}-`] } });
    assert.equal(device.map((e) => `${e.streamId.replace(tag, '')}:${e.type}`), ['job-1:Started', 'dev-1:Pinned']);
    assert.equal(await fx.store.readSelected({}), []);
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
