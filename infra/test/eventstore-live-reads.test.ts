import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FreshDatabase } from '../src/db/index.js';
import { PostgresEventStore, type EventFilter, type RecordedEvent, type Subscription } from '../src/eventstore/index.js';
import { eventually, freshTestDatabase } from '../src/testing/index.js';
import { newEvent } from './eventstore-contract.js';

const it = suite<{ database: FreshDatabase; store: PostgresEventStore }>('live subscription reads that share one statement of the log\'s tail');
it.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_es_live');
  ctx.store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 50 });
});
it.after.each(async (ctx) => {
  await ctx.store.close();
  await ctx.database.drop();
});

const FILTERS: Record<string, EventFilter | undefined> = {
  all: undefined,
  started: { eventTypes: ['Started'] },
  outcomes: { eventTypes: ['Recorded', 'Failed'] },
  jobs: { streamPrefixes: ['job-'] },
  jobOutcomes: { eventTypes: ['Recorded'], streamPrefixes: ['job-'] },
  rare: { eventTypes: ['Rare'] },
};

function subscribeEach(store: PostgresEventStore, seen: Map<string, RecordedEvent[]>): Subscription[] {
  return Object.entries(FILTERS).map(([name, filter]) => {
    seen.set(name, []);
    return store.subscribeAll({ ...(filter ? { filter } : {}), batchSize: 25 }, async (events) => void seen.get(name)!.push(...events));
  });
}

it('each subscription gets exactly its filter\'s events, in log order, and most reads share a statement', async ({ store }) => {
  const seen = new Map<string, RecordedEvent[]>();
  const subscriptions = subscribeEach(store, seen);
  try {
    const types = ['Started', 'Recorded', 'Failed', 'Noted'];
    // Appends from many writers at once: transactions commit out of id order, as a busy job's do.
    await Promise.all(Array.from({ length: 40 }, async (_, writer) => {
      for (let i = 0; i < 8; i++) {
        const stream = `${writer % 2 === 0 ? 'job' : 'device'}-${writer}-${i}`;
        await store.append(stream, [newEvent(types[(writer + i) % 4]!), newEvent(types[(writer + i + 1) % 4]!)], 'no_stream');
      }
    }));
    await store.append('rare-1', [newEvent('Rare')], 'no_stream');
    for (const [name, filter] of Object.entries(FILTERS)) {
      const expected = await store.readAll({ limit: 10_000, ...(filter ? { filter } : {}) });
      await eventually(`${name} to see its ${expected.length} events`, async () => (seen.get(name)!.length >= expected.length ? true : undefined));
      assert.equal(seen.get(name)!.map((e) => e.metadata.eventId), expected.map((e) => e.metadata.eventId), `${name}: the same events, once each, in order`);
    }
    const stats = store.liveReadStats();
    assert.ok(stats.sharedReads > 0, 'reads shared a statement');
    assert.ok(stats.servedShared > stats.sharedReads, `each shared statement answered several reads: ${JSON.stringify(stats)}`);
  } finally {
    await Promise.all(subscriptions.map((s) => s.stop()));
  }
});

it('an older transaction still in flight holds back every subscription sharing the read, then all get both events in order', async ({ store, database }) => {
  const seen = new Map<string, RecordedEvent[]>();
  const subscriptions = subscribeEach(store, seen);
  const slow = new pg.Client({ connectionString: database.connectionString });
  await slow.connect();
  try {
    await store.append('job-warmup', [newEvent('Started')], 'no_stream');
    await eventually('every subscription is live', async () => (seen.get('started')!.length === 1 && seen.get('all')!.length === 1 ? true : undefined));
    const held = newEvent('Recorded');
    await slow.query('BEGIN');
    await slow.query(`SELECT * FROM eventstore.append_events($1, 'any', NULL, $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[])`,
      ['job-slow', [held.metadata.eventId], [held.type], [JSON.stringify(held.data)], [JSON.stringify(held.metadata)]]);
    await store.append('job-fast', [newEvent('Recorded')], 'no_stream');
    const before = store.liveReadStats().requests;
    await eventually('several reads while held back', async () => (store.liveReadStats().requests > before + 10 ? true : undefined));
    for (const name of ['all', 'outcomes', 'jobs', 'jobOutcomes']) {
      assert.is(seen.get(name)!.filter((e) => e.streamId === 'job-fast').length, 0, `${name}: the later commit waits for the older transaction`);
    }
    await slow.query('COMMIT');
    for (const name of ['all', 'outcomes', 'jobs', 'jobOutcomes']) {
      await eventually(`${name} gets both`, async () => (seen.get(name)!.some((e) => e.streamId === 'job-fast') ? true : undefined));
      const order = seen.get(name)!.map((e) => e.streamId).filter((s) => s === 'job-slow' || s === 'job-fast');
      assert.equal(order, ['job-slow', 'job-fast'], `${name}: the older transaction's event first`);
    }
    assert.equal(seen.get('started')!.map((e) => e.streamId), ['job-warmup']);
    assert.equal(seen.get('rare')!, []);
  } finally {
    await slow.query('ROLLBACK').catch(() => undefined);
    await slow.end();
    await Promise.all(subscriptions.map((s) => s.stop()));
  }
});

it('a subscription catching up far behind the others reads alone, and is not slowed by theirs', async ({ store }) => {
  for (let i = 0; i < 30; i++) {
    await store.appendMany(Array.from({ length: 100 }, (_, k) => ({ streamId: `bulk-${i}-${k}`, events: [newEvent('Noted')], expected: 'no_stream' as const })));
  }
  const seen = new Map<string, RecordedEvent[]>();
  const subscriptions = subscribeEach(store, seen);
  try {
    await eventually('the unfiltered subscription read all 3,000', async () => (seen.get('all')!.length === 3_000 ? true : undefined), 30_000);
    await store.append('job-1', [newEvent('Recorded')], 'no_stream');
    await eventually('every filter of it saw it', async () =>
      (['all', 'outcomes', 'jobs', 'jobOutcomes'].every((name) => seen.get(name)!.some((e) => e.streamId === 'job-1')) ? true : undefined));
    assert.equal(seen.get('started')!, []);
  } finally {
    await Promise.all(subscriptions.map((s) => s.stop()));
  }
});

it.run();
