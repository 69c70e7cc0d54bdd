import type { Kysely } from 'kysely';
import { CommandHandler, newCommandMetadata, PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { NETRAVEN_EVENT_SCHEMAS, type Command, type Decider, type DomainEvent } from '@netraven/domain';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner, type ReadModelDatabase } from '../src/index.js';

export interface ReadModelFixture {
  database: FreshDatabase;
  /** The log as written, without upcasting: for planting old-version events. */
  raw: PostgresEventStore;
  store: EventStore;
  db: Kysely<ReadModelDatabase>;
  runner: ProjectionRunner;
  commands: CommandHandler;
  send<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, id: string, type: C['type'], data: C['data']): Promise<void>;
  dispose(): Promise<void>;
}

export async function openReadModelFixture(): Promise<ReadModelFixture> {
  const database = await freshTestDatabase('netraven_rm');
  const raw = await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 50 });
  const store = new UpcastingEventStore(raw, NETRAVEN_EVENT_SCHEMAS);
  const db = await openReadModels(database.connectionString);
  const runner = new ProjectionRunner(db, store, ALL_PROJECTORS);
  await runner.start();
  const commands = new CommandHandler(store);
  let tick = 0;
  return {
    database, raw, store, db, runner, commands,
    async send(decider, id, type, data) {
      const now = new Date(Date.UTC(2026, 10, 22, 12, 0, tick++));
      await commands.handle(decider, id, { type, data, metadata: newCommandMetadata({ actor: 'tester', clock: () => now }) } as never);
    },
    async dispose() {
      await runner.stop();
      await db.destroy();
      await store.close();
      await database.drop();
    },
  };
}
