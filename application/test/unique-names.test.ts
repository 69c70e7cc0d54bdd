import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceDecider, NameTakenError, RESERVATION_GRACE_MS } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, PostgresEventStore, type EventStore } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { nameKey, UniqueNames } from '../src/index.js';

/** Two processes: each has its own event store connection and command handler (and so its own stream cache). */
const names = suite<{ database: FreshDatabase; stores: EventStore[]; now: Date; a: UniqueNames; b: UniqueNames }>('Unique names');

names.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_names');
  ctx.stores = [
    await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 50 }),
    await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 50 }),
  ];
  ctx.now = new Date('2026-01-01T00:00:00.000Z');
  const clock = () => ctx.now;
  [ctx.a, ctx.b] = ctx.stores.map((store) => new UniqueNames({ commands: new CommandHandler(store), store, clock })) as [UniqueNames, UniqueNames];
});
names.after.each(async (ctx) => {
  await Promise.all(ctx.stores.map((store) => store.close()));
  await ctx.database.drop();
});

/** The error a promise is rejected with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return assert.unreachable('expected a rejection');
}

const outcomes = (results: PromiseSettledResult<void>[]) => ({
  won: results.filter((r) => r.status === 'fulfilled').length,
  lost: results.filter((r) => r.status === 'rejected' && r.reason instanceof NameTakenError).length,
});

names('of many concurrent reservations of one name, from two processes, exactly one wins', async ({ a, b }) => {
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).reserve('device', i % 3 === 0 ? 'Core-1' : ' core-1', `dev-${i}`, 'test')),
  );
  assert.equal(outcomes(results), { won: 1, lost: 9 });
});

names('the stream is keyed by the normalized name', async ({ stores, a }) => {
  await a.reserve('device', ' Core-1 ', 'dev-a', 'test');
  const events = await stores[0]!.readStream(`devicename-${nameKey('core-1')}`);
  assert.equal(events.map((e) => e.type), ['NameReserved']);
  assert.is(nameKey('CORE-1'), nameKey('core-1'));
});

names('a refused write gives the name back', async ({ a, b }) => {
  assert.match(String(await rejection(a.whileReserved('device', 'Core-1', 'dev-a', 'test', () => Promise.reject(new Error('refused'))))), 'refused');
  await b.reserve('device', 'core-1', 'dev-b', 'test');
});

names('a reservation whose device never appeared is taken over after the grace period, not before', async (ctx) => {
  await ctx.a.reserve('device', 'Core-1', 'dev-crashed', 'test');
  assert.instance(await rejection(ctx.b.reserve('device', 'Core-1', 'dev-b', 'test')), NameTakenError);
  ctx.now = new Date(ctx.now.getTime() + RESERVATION_GRACE_MS + 1);
  await ctx.b.reserve('device', 'Core-1', 'dev-b', 'test');
});

names('a reservation whose device is live under that name is never taken over', async (ctx) => {
  const commands = new CommandHandler(ctx.stores[0]!);
  await ctx.a.whileReserved('device', 'Core-1', 'dev-a', 'test', () =>
    commands.handle(deviceDecider, 'dev-a', {
      type: 'RegisterDevice',
      data: { deviceId: 'dev-a', name: 'Core-1', host: '10.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'c', tags: [] },
      metadata: newCommandMetadata({ actor: 'test', clock: () => ctx.now }),
    }));
  ctx.now = new Date(ctx.now.getTime() + 24 * 3600_000);
  assert.instance(await rejection(ctx.b.reserve('device', 'core-1', 'dev-b', 'test')), NameTakenError);
  // Decommissioned without the release (a crash in between): the name is free at once.
  await commands.handle(deviceDecider, 'dev-a', { type: 'DecommissionDevice', data: { deviceId: 'dev-a', reason: '' }, metadata: newCommandMetadata({ actor: 'test' }) });
  await ctx.b.reserve('device', 'core-1', 'dev-b', 'test');
});

names.run();
