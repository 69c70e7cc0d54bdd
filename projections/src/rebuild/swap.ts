import { sql, type Transaction } from 'kysely';
import type { EventStore, Position } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';
import type { Projector } from '../runner/projector.js';
import { applyEvents, replayLog } from './replay.js';
import { ensureLiveCheckpoints, readLiveCheckpoints, writeLiveCheckpoint } from './live-checkpoints.js';
import { ownedTables } from './select-projectors.js';

export interface SwapInput {
  readonly store: EventStore;
  readonly projectors: readonly Projector[];
  readonly liveSchema: string;
  readonly shadowSchema: string;
  /** Where the shadow's replay stopped. */
  readonly shadowPosition: Position;
  readonly batchSize: number;
}

export interface SwapResult {
  readonly position: Position;
  readonly catchUpEvents: number;
  readonly tables: { table: string; rows: number }[];
}

/**
 * Runs in one transaction on a connection whose search path is the shadow schema. Holding the
 * live checkpoint rows stops every runner of these projectors at its next batch; after commit
 * each finds its checkpoint moved and resumes from the swapped-in position.
 */
export async function swapIn(trx: Transaction<ReadModelDatabase>, input: SwapInput): Promise<SwapResult> {
  const names = input.projectors.map((p) => p.name);
  await sql`SET LOCAL synchronous_commit = on`.execute(trx);
  await ensureLiveCheckpoints(trx, input.liveSchema, names);
  await readLiveCheckpoints(trx, input.liveSchema, names, true);
  const catchUp = await replayLog(input.store, input.projectors, { after: input.shadowPosition }, input.batchSize,
    (events, last) => applyEvents(trx, input.projectors, events, last));
  const tables: { table: string; rows: number }[] = [];
  for (const table of ownedTables(input.projectors)) {
    // Dropping (not moving) the live table: moving it into the shadow schema would collide with the shadow's index names.
    await sql`DROP TABLE ${sql.table(`${input.liveSchema}.${table}`)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(`${input.shadowSchema}.${table}`)} SET SCHEMA ${sql.id(input.liveSchema)}`.execute(trx);
    const { rows } = await sql<{ rows: number }>`SELECT count(*)::int AS rows FROM ${sql.table(`${input.liveSchema}.${table}`)}`.execute(trx);
    tables.push({ table, rows: rows[0]?.rows ?? 0 });
  }
  for (const name of names) await writeLiveCheckpoint(trx, input.liveSchema, name, catchUp.position);
  return { position: catchUp.position, catchUpEvents: catchUp.events, tables };
}
