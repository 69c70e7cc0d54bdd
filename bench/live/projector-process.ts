import { sql } from 'kysely';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { noticesOf, READ_MODEL_CHANNEL } from '@netraven/gateway';
import { PostgresEventStore, UpcastingEventStore } from '@netraven/infra/eventstore';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner } from '@netraven/projections';

/**
 * The projectors in a process of their own (`--projector apart`), as a distributed NetRaven runs
 * them: each committed batch is announced to the gateway with NOTIFY, as the projector role does.
 */
process.once('message', (message: { connectionString: string }) => void run(message.connectionString));

async function run(connectionString: string): Promise<void> {
  const store = new UpcastingEventStore(await PostgresEventStore.open({ connectionString, poolSize: 20 }), NETRAVEN_EVENT_SCHEMAS);
  const db = await openReadModels(connectionString);
  const runner = new ProjectionRunner(db, store, ALL_PROJECTORS, {
    onChange: (change) => {
      for (const notice of noticesOf(change)) {
        sql`SELECT pg_notify(${READ_MODEL_CHANNEL}, ${JSON.stringify(notice)})`.execute(db).catch((error: unknown) => console.error('# notify failed', error));
      }
    },
  });
  await runner.start();
  process.send?.({ type: 'ready' });
  process.once('message', () => void (async () => {
    await runner.stop();
    await db.destroy();
    await store.close();
    process.exit(0);
  })());
}
