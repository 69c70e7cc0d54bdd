import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { createKysely, type FreshDatabase } from '../src/db/index.js';
import { comparePositions, PostgresEventStore, WrongExpectedRevisionError, type EventFilter, type Position } from '../src/eventstore/index.js';
import { eventually, freshTestDatabase } from '../src/testing/index.js';
import { eventStoreContract, newEvent } from './eventstore-contract.js';

eventStoreContract('postgres', async () => {
  const database = await freshTestDatabase('netraven_es');
  const store = await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 100 });
  return {
    store,
    async appendInSlowTransaction(streamId, event, holdMs) {
      const client = new pg.Client({ connectionString: database.connectionString });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `SELECT * FROM eventstore.append_events($1, 'any', NULL, $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[])`,
          [streamId, [event.metadata.eventId], [event.type], [JSON.stringify(event.data)], [JSON.stringify(event.metadata)]],
        );
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
});

const adapter = suite<{ database: FreshDatabase; store: PostgresEventStore }>('postgres event store specifics');
adapter.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_es');
  ctx.store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 100 });
});
adapter.after.each(async (ctx) => {
  await ctx.store.close();
  await ctx.database.drop();
});

adapter('global order compares transaction ids as numbers, also where they gain a digit', async ({ database, store }) => {
  // Ids 9, 10 and 100 sort 10 < 100 < 9 as text: a reader ordering by text would skip the first event.
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  try {
    for (const [xid, n] of [['9', 1], ['10', 2], ['100', 3]] as const) {
      const event = newEvent('Ordered', { n });
      await client.query(
        `INSERT INTO eventstore.events (transaction_id, stream_id, stream_position, event_id, event_type, data, metadata)
         VALUES ($1::xid8, $2, 0, $3, $4, $5, $6)`,
        [xid, `ordered-${n}`, event.metadata.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      );
    }
  } finally {
    await client.end();
  }
  const seen: number[] = [];
  let after: Position | undefined;
  for (;;) {
    const [next] = await store.readAll({ ...(after ? { after } : {}), limit: 1, filter: { streamPrefixes: ['ordered-'] } });
    if (!next) break;
    seen.push((next.data as { n: number }).n);
    after = next.position;
  }
  assert.equal(seen, [1, 2, 3]);
});

adapter('appendMany is all or nothing: a wrong expected revision on one stream keeps every other write out', async ({ store }) => {
  await store.append('taken', [newEvent('T0')], 'no_stream');
  for (const expected of ['no_stream', 5] as const) {
    const error = await store.appendMany([
      { streamId: 'fresh-1', events: [newEvent('F')], expected: 'no_stream' },
      { streamId: 'taken', events: [newEvent('T1')], expected },
      { streamId: 'fresh-2', events: [newEvent('F')], expected: 'no_stream' },
    ]).then(() => undefined, (e: unknown) => e);
    assert.instance(error, WrongExpectedRevisionError);
    assert.is((error as WrongExpectedRevisionError).streamId, 'taken');
    assert.is((await store.readStreams(['fresh-1', 'fresh-2'])).size, 0, `nothing kept (expected ${expected})`);
  }
});

adapter('a long transaction in another database of the server does not hold readers back; one in this database does', async ({ database, store }) => {
  const elsewhere = await freshTestDatabase('netraven_es_other');
  const other = new pg.Client({ connectionString: elsewhere.connectionString });
  const here = new pg.Client({ connectionString: database.connectionString });
  await other.connect();
  await here.connect();
  try {
    // Both hold a transaction id, as a writer does, and stay open.
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    await store.append('after-foreign', [newEvent('Seen')], 'no_stream');
    const seen = await store.readAll({ filter: { streamPrefixes: ['after-foreign'] } });
    assert.is(seen.length, 1, 'the other database\'s open transaction is not waited for');

    await here.query('BEGIN');
    await here.query('SELECT pg_current_xact_id()');
    await store.append('after-local', [newEvent('Held')], 'no_stream');
    assert.is((await store.readAll({ filter: { streamPrefixes: ['after-local'] } })).length, 0, 'an open transaction here may still append below it');
    await here.query('COMMIT');
    assert.is((await store.readAll({ filter: { streamPrefixes: ['after-local'] } })).length, 1);
  } finally {
    await other.query('ROLLBACK').catch(() => undefined);
    await here.end();
    await other.end();
    await elsewhere.drop();
  }
});

adapter('a read-model connection\'s open transaction does not hold readers back, and such a connection cannot append events', async ({ database, store }) => {
  const readModels = createKysely<Record<string, never>>(database.connectionString, 1);
  try {
    await readModels.transaction().execute(async (trx) => {
      // A projector's batch: it holds a transaction id while it writes its rows.
      await sql`SELECT pg_current_xact_id()`.execute(trx);
      await store.append('beside-projector', [newEvent('Seen')], 'no_stream');
      const seen = await store.readAll({ filter: { streamPrefixes: ['beside-projector'] } });
      assert.is(seen.length, 1, 'the read-model transaction is not waited for');
      const refused = await sql`SELECT * FROM eventstore.append_events('from-read-models', 'any', NULL,
        ARRAY[gen_random_uuid()], ARRAY['Sneaked'], ARRAY['{}'::jsonb], ARRAY['{}'::jsonb])`.execute(trx).then(() => undefined, (e: unknown) => e);
      assert.match(String(refused), /appends no events/);
    }).catch((error: unknown) => {
      // The refused append aborted the transaction; only that failure is expected here.
      if (!String(error).includes('appends no events')) throw error;
    });
    assert.is((await store.readStream('from-read-models')).length, 0, 'nothing appended');
  } finally {
    await readModels.destroy();
  }
});

adapter('another process\'s appends wake only the subscriptions whose event types its notice names', async ({ database }) => {
  const reader = await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 60_000 });
  const writer = await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 60_000 });
  const reads = new Map<string, number>();
  // Subscriptions read through the store's live reads (alone or sharing a statement of the log's tail): count those.
  type LiveRead = (after: unknown, limit: number, filter: EventFilter | undefined) => Promise<unknown>;
  const spied = (reader as unknown as { liveReads: { read: LiveRead } }).liveReads;
  const readLive = spied.read.bind(spied);
  spied.read = (after, limit, filter) => {
    const key = filter?.eventTypes?.join(',') ?? '*';
    reads.set(key, (reads.get(key) ?? 0) + 1);
    return readLive(after, limit, filter);
  };
  const wanted: string[] = [];
  const probe: string[] = [];
  const subscriptions = [
    reader.subscribeAll({ filter: { eventTypes: ['Wanted'] } }, async (events) => void wanted.push(...events.map((e) => e.streamId))),
    reader.subscribeAll({ filter: { eventTypes: ['Other'] } }, async (events) => void probe.push(...events.map((e) => e.streamId))),
  ];
  try {
    await eventually('both subscriptions made their first read', async () => ((reads.get('Wanted') ?? 0) >= 1 && (reads.get('Other') ?? 0) >= 1 ? true : undefined));
    const before = reads.get('Wanted');
    for (let i = 0; i < 3; i++) await writer.append(`other-${i}`, [newEvent('Other')], 'no_stream');
    // The probe got them through the same LISTEN connection: the notices have been handled.
    await eventually('the probe saw the other appends', async () => (probe.length === 3 ? true : undefined));
    assert.is(reads.get('Wanted'), before, 'appends of other types do not make it read');
    await writer.append('wanted-0', [newEvent('Wanted')], 'no_stream');
    await eventually('woken by the notice, long before its 60 s poll', async () => (wanted.length === 1 ? true : undefined), 10_000);
  } finally {
    await Promise.all(subscriptions.map((s) => s.stop()));
    await writer.close();
    await reader.close();
  }
});

adapter('a subscription whose events are rare reads on from the horizon, not from its last event', async ({ database }) => {
  const reader = await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 20 });
  const reads: Position[] = [];
  type LiveRead = (after: Position | undefined, limit: number, filter: EventFilter | undefined) => Promise<unknown>;
  const spied = (reader as unknown as { liveReads: { read: LiveRead } }).liveReads;
  const readLive = spied.read.bind(spied);
  spied.read = (after, limit, filter) => {
    if (filter?.eventTypes?.includes('Rare') && after) reads.push(after);
    return readLive(after, limit, filter);
  };
  const rare: string[] = [];
  const subscription = reader.subscribeAll({ filter: { eventTypes: ['Rare'] } }, async (events) => void rare.push(...events.map((e) => e.streamId)));
  try {
    await reader.append('rare-0', [newEvent('Rare')], 'no_stream');
    await eventually('the first rare event', async () => (rare.length === 1 ? true : undefined));
    let last: Position | undefined;
    for (let i = 0; i < 20; i++) last = (await reader.append(`common-${i}`, [newEvent('Common')], 'no_stream')).position;
    await eventually('a read starts past the common events', async () =>
      (reads.some((after) => comparePositions(after, last!) >= 0) ? true : undefined));
    await reader.append('rare-1', [newEvent('Rare')], 'no_stream');
    await eventually('the next rare event still comes', async () => (rare.length === 2 ? true : undefined));
    assert.equal(rare, ['rare-0', 'rare-1']);
  } finally {
    await subscription.stop();
    await reader.close();
  }
});

adapter.run();
