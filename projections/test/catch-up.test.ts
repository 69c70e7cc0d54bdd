import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Kysely } from 'kysely';
import { PostgresEventStore, type NewEvent, type Position } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import { isCaughtUp, openReadModels, saveCheckpoint, type Projector, type ReadModelDatabase } from '../src/index.js';

// A proof that a projector is caught up reads on from the last proof, not from its checkpoint: these are the
// answers that shortcut must keep (a rare event past the last proof, a checkpoint moved back before it).

interface Context {
  database: Awaited<ReturnType<typeof freshTestDatabase>>;
  db: Kysely<ReadModelDatabase>;
  store: PostgresEventStore;
}

const it = suite<Context>('isCaughtUp: proofs read on from the last one');
it.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_catch_up');
  ctx.db = await openReadModels(ctx.database.connectionString);
  ctx.store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 50 });
});
it.after.each(async (ctx) => {
  await ctx.store.close();
  await ctx.db.destroy();
  await ctx.database.drop();
});

const rareProjector: Projector = { name: 'rare-test', eventTypes: ['Rare'], tables: [], apply: async () => undefined };

function newEvent(type: string): NewEvent {
  const eventId = randomUUID();
  return { type, data: {}, metadata: { eventId, correlationId: eventId, causationId: eventId, actor: 'test', occurredAt: new Date().toISOString(), schemaVersion: 1 } };
}

async function append(store: PostgresEventStore, type: string): Promise<Position> {
  return (await store.append(`s-${randomUUID()}`, [newEvent(type)], 'no_stream')).position;
}

it('a rare event past the last proof is still found', async ({ db, store }) => {
  const rare = await append(store, 'Rare');
  await saveCheckpoint(db, rareProjector.name, rare);
  for (let i = 0; i < 5; i++) await append(store, 'Common');
  const common = await append(store, 'Common');
  assert.ok(await isCaughtUp(db, store, rareProjector, common), 'no rare event after the checkpoint');
  const later = await append(store, 'Rare');
  const last = await append(store, 'Common');
  assert.not.ok(await isCaughtUp(db, store, rareProjector, last), 'the rare event after the proof is not applied yet');
  assert.ok(await isCaughtUp(db, store, rareProjector, common), 'an earlier position is still proven');
  await saveCheckpoint(db, rareProjector.name, later);
  assert.ok(await isCaughtUp(db, store, rareProjector, last));
});

it('a checkpoint moved back before the proof reads from the checkpoint again', async ({ db, store }) => {
  const first = await append(store, 'Rare');
  const second = await append(store, 'Rare');
  await saveCheckpoint(db, rareProjector.name, second);
  const common = await append(store, 'Common');
  assert.ok(await isCaughtUp(db, store, rareProjector, common));
  // A rebuild (or an operator) puts the checkpoint back: the second rare event is to be applied again.
  await saveCheckpoint(db, rareProjector.name, first);
  assert.not.ok(await isCaughtUp(db, store, rareProjector, common));
});

it.run();
