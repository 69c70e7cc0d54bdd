import pg from 'pg';
import { PostgresEventStore } from '../src/eventstore/index.js';
import { freshTestDatabase } from '../src/testing/index.js';
import { eventStoreContract } from './eventstore-contract.js';

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
