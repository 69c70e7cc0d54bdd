import { sql, type Kysely, type Transaction } from 'kysely';
import type { Position } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';

type Executor = Kysely<ReadModelDatabase> | Transaction<ReadModelDatabase>;

/** Where a projector or an event-following service (dispatcher, relay) has got to in the log. */
export async function loadCheckpoint(db: Executor, name: string): Promise<Position | undefined> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select(['position_commit', 'position_prepare'])
    .where('projection', '=', name)
    .executeTakeFirst();
  return row ? { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) } : undefined;
}

export async function saveCheckpoint(db: Executor, name: string, position: Position): Promise<void> {
  const values = { position_commit: position.commit.toString(), position_prepare: position.prepare.toString() };
  await db
    .insertInto('projection_checkpoints')
    .values({ projection: name, ...values })
    .onConflict((oc) => oc.column('projection').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}
