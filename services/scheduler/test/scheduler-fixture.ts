import type { Kysely } from 'kysely';
import { credentialDecider, deviceDecider, type Command, type Decider, type DomainEvent } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, PostgresEventStore } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner, type ReadModelDatabase } from '@netraven/projections';

export interface SchedulerContext {
  database: FreshDatabase;
  store: PostgresEventStore;
  db: Kysely<ReadModelDatabase>;
  commands: CommandHandler;
  stops: Array<() => Promise<void>>;
}

export async function send<C extends Command, E extends DomainEvent, S>(
  ctx: SchedulerContext, decider: Decider<C, E, S>, id: string, type: C['type'], data: C['data'],
): Promise<void> {
  await ctx.commands.handle(decider, id, { type, data, metadata: newCommandMetadata({ actor: 'tester' }) } as never);
}

/** A fresh database with running projections, one credential and devices d1 (core), d2 (core, edge), d3 (edge). */
export async function openSchedulerContext(ctx: SchedulerContext): Promise<void> {
  ctx.database = await freshTestDatabase('netraven_sched');
  ctx.store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 50 });
  ctx.db = await openReadModels(ctx.database.connectionString);
  ctx.commands = new CommandHandler(ctx.store);
  const runner = new ProjectionRunner(ctx.db, ctx.store, ALL_PROJECTORS);
  await runner.start();
  ctx.stops = [() => runner.stop()];
  await send(ctx, credentialDecider, 'c1', 'CreateCredential', { credentialId: 'c1', name: 'ops', username: 'u', secretRef: 'r', fingerprint: 'f' });
  for (const [id, tags] of [['d1', ['core']], ['d2', ['core', 'edge']], ['d3', ['edge']]] as const) {
    await send(ctx, deviceDecider, id, 'RegisterDevice', { deviceId: id, name: id, host: '127.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'c1', tags: [...tags] });
  }
}

export async function closeSchedulerContext(ctx: SchedulerContext): Promise<void> {
  for (const stop of ctx.stops.reverse()) await stop();
  await ctx.db.destroy();
  await ctx.store.close();
  await ctx.database.drop();
}
