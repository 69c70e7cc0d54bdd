import { randomUUID } from 'node:crypto';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { comparePositions, type EventStore, type RecordedEvent } from '../src/eventstore/index.js';
import { newEvent, type ContractFixture } from './eventstore-contract.js';

const WRITERS = 10;
const APPENDS_PER_WRITER = 30;

/** mulberry32: the seed is printed on failure so a run can be repeated. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every event under the prefix, waiting (bounded) until at least `atLeast` are readable. */
export async function readEverything(store: EventStore, streamPrefix: string, atLeast = 0): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const deadline = Date.now() + 10_000;
  for (;;) {
    const last = events[events.length - 1];
    const batch = await store.readAll({ ...(last ? { after: last.position } : {}), limit: 500, filter: { streamPrefixes: [streamPrefix] } });
    events.push(...batch);
    if (batch.length === 500) continue;
    if (events.length >= atLeast || Date.now() > deadline) return events;
    await sleep(20);
  }
}

/**
 * Concurrent appenders with random delays and batch sizes, plus one transaction that takes its
 * place in the sequence early and commits late, against a live subscriber. The subscriber must
 * see exactly the final global order: every event once, positions strictly increasing, and never
 * an event before one that sorts ahead of it but committed later.
 */
export function tortureCases(test: Test<{ fx: ContractFixture }>, adapter: string): void {
  test('torture: concurrent appenders and a slow transaction against a live subscriber', async ({ fx }) => {
    const seed = Number(process.env.NETRAVEN_TORTURE_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const tag = `tort${randomUUID().slice(0, 8)}`;
    const seen: RecordedEvent[] = [];
    const problems: string[] = [];
    const subscription = fx.store.subscribeAll({ filter: { streamPrefixes: [tag] }, batchSize: 7 }, async (batch) => {
      for (const event of batch) {
        const previous = seen[seen.length - 1];
        if (previous && comparePositions(previous.position, event.position) >= 0) {
          problems.push(`position ${event.position.commit}/${event.position.prepare} after ${previous.position.commit}/${previous.position.prepare}`);
        }
        seen.push(event);
      }
    });
    const appended = new Set<string>();
    const writer = async (w: number): Promise<void> => {
      let ownRevision = -1;
      for (let i = 0; i < APPENDS_PER_WRITER; i++) {
        await sleep(Math.floor(random() * 12));
        const events = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => newEvent(`T${n}`, { w, i, n }));
        if (random() < 0.5) {
          const result = await fx.store.append(`${tag}-own-${w}`, events, ownRevision < 0 ? 'no_stream' : ownRevision);
          ownRevision = result.nextRevision;
        } else {
          await fx.store.append(`${tag}-shared-${Math.floor(random() * 3)}`, events, 'any');
        }
        events.forEach((e) => appended.add(e.metadata.eventId));
      }
    };
    const slow = (async () => {
      if (!fx.appendInSlowTransaction) return;
      await sleep(40);
      const event = newEvent('Slow', { slow: true });
      await fx.appendInSlowTransaction(`${tag}-slow`, event, 600);
      appended.add(event.metadata.eventId);
    })();
    await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), slow]);
    const expected = appended.size;
    const deadline = Date.now() + 15_000;
    while (seen.length < expected && Date.now() < deadline) await sleep(20);
    await sleep(300); // a duplicate would arrive now
    await subscription.stop();

    const final = await readEverything(fx.store, tag, expected);
    const context = `[${adapter}] seed ${seed}`;
    assert.is(final.length, expected, `${context}: the log holds every appended event`);
    assert.equal(new Set(final.map((e) => e.metadata.eventId)), appended, `${context}: exactly the appended events`);
    const seenIds = seen.map((e) => e.metadata.eventId);
    const finalIds = final.map((e) => e.metadata.eventId);
    const seenOnce = new Set(seenIds);
    const summary = {
      missed: finalIds.filter((id) => !seenOnce.has(id)).length,
      duplicates: seenIds.length - seenOnce.size,
      positionsNotIncreasing: problems.length,
      firstDifferenceFromFinalOrder: seenIds.findIndex((id, i) => id !== finalIds[i]),
    };
    assert.equal(summary, { missed: 0, duplicates: 0, positionsNotIncreasing: 0, firstDifferenceFromFinalOrder: -1 }, `${context}: subscriber vs final log`);
    assert.equal(seenIds, finalIds, `${context}: the subscriber saw exactly the final order`);
  });
}
