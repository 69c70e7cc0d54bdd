import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FreshDatabase } from '../src/db/index.js';
import { PostgresEventStore, type RecordedEvent } from '../src/eventstore/index.js';
import { parseAppendNotice, PendingAppends } from '../src/eventstore/postgres/append-notice.js';
import { freshTestDatabase } from '../src/testing/index.js';
import { newEvent } from './eventstore-contract.js';

// Subscriptions hear of appends promptly without relying on the poll interval (set to a minute here): another
// process's appends through its NOTIFY, which says what it appended, and a read held back by a transaction that
// appends nothing (so announces nothing) by reading again soon after.

const POLL_NEVER_MS = 60_000;
const PROMPT_MS = 5_000;

const it = suite<{ database: FreshDatabase; stores: PostgresEventStore[] }>('postgres event store: wake-ups');
it.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_es_wakes');
  ctx.stores = [];
});
it.after.each(async (ctx) => {
  for (const store of ctx.stores) await store.close();
  await ctx.database.drop();
});

const open = async (ctx: { database: FreshDatabase; stores: PostgresEventStore[] }): Promise<PostgresEventStore> => {
  const store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: POLL_NEVER_MS });
  ctx.stores.push(store);
  return store;
};

/** Resolves with the first event of `type` the subscription hands over, rejects after `ms`. */
function firstOf(received: RecordedEvent[], type: string, ms: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (received.some((e) => e.type === type)) {
        clearInterval(check);
        resolve(Date.now() - started);
      } else if (Date.now() - started > ms) {
        clearInterval(check);
        reject(new Error(`no ${type} within ${ms} ms`));
      }
    }, 5);
  });
}

it('a notice names what was appended; too much, or an older store\'s bare token, names nothing', () => {
  const pending = new PendingAppends();
  pending.add({ events: [{ type: 'A', streamId: 's-1' }], commit: 7n });
  pending.add({ events: [{ type: 'B', streamId: 's-2' }, { type: 'A', streamId: 's-1' }], commit: 5n });
  const notice = parseAppendNotice(pending.take('me'));
  assert.is(notice.from, 'me');
  assert.equal(notice.appended, { commit: 7n, events: [{ type: 'A', streamId: 's-1' }, { type: 'B', streamId: 's-2' }] });
  assert.ok(pending.isEmpty);
  for (let i = 0; i < 500; i++) pending.add({ events: [{ type: 'A', streamId: `stream-${i}` }], commit: BigInt(i) });
  assert.equal(parseAppendNotice(pending.take('me')), { from: 'me', appended: undefined });
  assert.equal(parseAppendNotice('3f1c0e0e-token'), { from: '3f1c0e0e-token', appended: undefined });
  assert.equal(parseAppendNotice('{"from":"x","commit":"1","events":[["A"]]}'), { from: 'x', appended: undefined });
});

it('another process\'s append wakes a subscription of its type at once', async (ctx) => {
  const [writer, reader] = [await open(ctx), await open(ctx)];
  const received: RecordedEvent[] = [];
  reader.subscribeAll({ filter: { eventTypes: ['Wanted'] } }, async (events) => void received.push(...events));
  await writer.append('other-1', [newEvent('Unwanted')], 'no_stream');
  await writer.append('wanted-1', [newEvent('Wanted')], 'no_stream');
  await firstOf(received, 'Wanted', PROMPT_MS);
  assert.equal(received.map((e) => e.type), ['Wanted']);
});

it('a read held back by a transaction that appends nothing is read again once it ends', async (ctx) => {
  const store = await open(ctx);
  const received: RecordedEvent[] = [];
  store.subscribeAll({ filter: { eventTypes: ['Hidden'] } }, async (events) => void received.push(...events));
  const blocker = new pg.Client({ connectionString: ctx.database.connectionString });
  await blocker.connect();
  try {
    // A write elsewhere takes a transaction id older than the append's: readers stop below it.
    await blocker.query('BEGIN');
    await blocker.query('CREATE TEMP TABLE held (n int) ON COMMIT DROP');
    await blocker.query('INSERT INTO held VALUES (1)');
    await store.append('hidden-1', [newEvent('Hidden')], 'no_stream');
    assert.is((await store.readAll({ filter: { eventTypes: ['Hidden'] } })).length, 0, 'hidden while the older transaction runs');
    assert.is(received.length, 0);
    await blocker.query('COMMIT');
    const after = await firstOf(received, 'Hidden', PROMPT_MS);
    assert.ok(after < 1_000, `seen ${after} ms after the blocking transaction ended`);
  } finally {
    await blocker.end();
  }
});

it.run();
