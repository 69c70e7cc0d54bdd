import { sql, type Kysely, type Transaction } from 'kysely';
import type { Position } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';
import { LOG_START } from '../runner/checkpoints.js';

type Executor = Kysely<ReadModelDatabase> | Transaction<ReadModelDatabase>;

interface CheckpointRow {
  projection: string;
  position_commit: string;
  position_prepare: string;
}

/** The live schema's checkpoints, read from a connection whose search path is another schema. */
export async function readLiveCheckpoints(db: Executor, schema: string, names: readonly string[], lock: boolean): Promise<Map<string, Position>> {
  const { rows } = await sql<CheckpointRow>`
    SELECT projection, position_commit::text AS position_commit, position_prepare::text AS position_prepare
      FROM ${sql.table(`${schema}.projection_checkpoints`)}
     WHERE projection = ANY(${[...names]}::text[])
     ORDER BY projection ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  const positions = new Map<string, Position>();
  for (const name of names) positions.set(name, LOG_START);
  for (const row of rows) positions.set(row.projection, { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) });
  return positions;
}

/** Creates missing rows at the log's start, so that a lock always has a row to hold. */
export async function ensureLiveCheckpoints(db: Executor, schema: string, names: readonly string[]): Promise<void> {
  await sql`
    INSERT INTO ${sql.table(`${schema}.projection_checkpoints`)} (projection, position_commit, position_prepare)
    SELECT name, 0, 0 FROM unnest(${[...names]}::text[]) AS name
    ON CONFLICT (projection) DO NOTHING`.execute(db);
}

export async function writeLiveCheckpoint(db: Executor, schema: string, name: string, position: Position): Promise<void> {
  await sql`
    UPDATE ${sql.table(`${schema}.projection_checkpoints`)}
       SET position_commit = ${position.commit.toString()}, position_prepare = ${position.prepare.toString()}, updated_at = now()
     WHERE projection = ${name}`.execute(db);
}
