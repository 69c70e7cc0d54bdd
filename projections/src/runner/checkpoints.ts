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

/**
 * Moves the checkpoint from `expected` to `next` and locks its row until the transaction ends, in one statement,
 * before the batch's rows are written: false when it is not at `expected` any more (another runner or a rebuild
 * moved it; a concurrent mover is waited for and then re-checked), and nothing may be applied.
 */
export async function advanceCheckpoint(trx: Transaction<ReadModelDatabase>, name: string, expected: Position, next: Position): Promise<boolean> {
  const moved = await trx
    .updateTable('projection_checkpoints')
    .set({ position_commit: next.commit.toString(), position_prepare: next.prepare.toString(), updated_at: sql`now()` })
    .where('projection', '=', name)
    .where('position_commit', '=', expected.commit.toString())
    .where('position_prepare', '=', expected.prepare.toString())
    .executeTakeFirst();
  return moved.numUpdatedRows === 1n;
}

export async function saveCheckpoint(db: Executor, name: string, position: Position): Promise<void> {
  const values = { position_commit: position.commit.toString(), position_prepare: position.prepare.toString() };
  await db
    .insertInto('projection_checkpoints')
    .values({ projection: name, ...values })
    .onConflict((oc) => oc.column('projection').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/** The log's beginning, as a checkpoint: every event lies after it. */
export const LOG_START: Position = { commit: 0n, prepare: 0n };

/** Creates the checkpoint row at the log's start if missing, so claims always have a row to lock. */
export async function ensureCheckpoint(db: Executor, name: string): Promise<Position> {
  await db
    .insertInto('projection_checkpoints')
    .values({ projection: name, position_commit: '0', position_prepare: '0' })
    .onConflict((oc) => oc.column('projection').doNothing())
    .execute();
  return (await loadCheckpoint(db, name)) ?? LOG_START;
}
