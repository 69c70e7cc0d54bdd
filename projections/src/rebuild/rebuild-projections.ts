import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import { type EventStore, type Position } from '@netraven/infra/eventstore';
import type { Projector } from '../runner/projector.js';
import { LOG_START } from '../runner/checkpoints.js';
import { openReadModels } from '../read-models.js';
import { createShadowSchema, shadowSchemaName } from './shadow-schema.js';
import { parallelWriter, replayLog } from './replay.js';
import { selectProjectors } from './select-projectors.js';
import { swapIn } from './swap.js';

export interface RebuildOptions {
  readonly connectionString: string;
  /** The log as projectors expect it (upcast). */
  readonly store: EventStore;
  readonly projectors: readonly Projector[];
  /** Only these projectors (default: all of `projectors`). */
  readonly names?: readonly string[];
  readonly batchSize?: number;
  readonly onProgress?: (progress: { events: number; position: Position }) => void;
  /** Deletions the live tables get from a periodic task (log retention): applied to the rebuilt tables too. */
  readonly retention?: ReadModelRetention;
}

/**
 * A policy that deletes read-model rows the event log keeps (log retention). A rebuild replays
 * every event, so it applies the policy before the swap; a verification applies it to both sides
 * at one instant before comparing, or every trimmed row would count as a difference.
 */
export interface ReadModelRetention {
  /** The tables it deletes from: it runs for projectors that own one of them. */
  readonly tables: readonly string[];
  /** `db` is bound to the schema to trim. */
  apply(db: Kysely<ReadModelDatabase>): Promise<unknown>;
}

export const retentionApplies = (retention: ReadModelRetention | undefined, projectors: readonly Projector[]): retention is ReadModelRetention =>
  retention !== undefined && projectors.some((p) => p.tables.some((t) => retention.tables.includes(t)));

export interface RebuildReport {
  readonly shadowSchema: string;
  readonly liveSchema: string;
  readonly projectors: string[];
  /** Every rebuilt projector's checkpoint after the swap. */
  readonly position: Position;
  readonly replayedEvents: number;
  readonly catchUpEvents: number;
  readonly tables: { table: string; rows: number }[];
  readonly timings: { replayMs: number; swapMs: number; totalMs: number };
}

export const DEFAULT_REPLAY_BATCH = 5000;

/**
 * Replays the whole log into a fresh schema, then swaps the rebuilt tables in under the live
 * checkpoint locks, so a running ProjectionRunner simply continues from the new checkpoints.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildReport> {
  const started = performance.now();
  const projectors = selectProjectors(options.projectors, options.names);
  const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH;
  const liveSchema = await prepareLiveSchema(options.connectionString);
  const shadow = await createShadowSchema(options.connectionString, shadowSchemaName('rebuild'));
  try {
    const write = parallelWriter(shadow.db, projectors);
    const replayed = await replayLog(options.store, projectors, { after: LOG_START }, batchSize, async (events, last) => {
      await write(events, last);
      options.onProgress?.({ events: events.length, position: last });
    });
    if (retentionApplies(options.retention, projectors)) await options.retention.apply(shadow.db);
    const replayMs = performance.now() - started;
    const swapped = await shadow.db.transaction().execute((trx) =>
      swapIn(trx, { store: options.store, projectors, liveSchema, shadowSchema: shadow.name, shadowPosition: replayed.position, batchSize }));
    const totalMs = performance.now() - started;
    return {
      shadowSchema: shadow.name, liveSchema, projectors: projectors.map((p) => p.name), position: swapped.position,
      replayedEvents: replayed.events, catchUpEvents: swapped.catchUpEvents, tables: swapped.tables,
      timings: { replayMs, swapMs: totalMs - replayMs, totalMs },
    };
  } finally {
    await shadow.drop();
  }
}

/** Brings the live read models to the current migration (the shadow gets the same) and names their schema. */
export async function prepareLiveSchema(connectionString: string): Promise<string> {
  const live = await openReadModels(connectionString);
  try {
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(live);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('the read-model connection has no current schema (check search_path)');
    return schema;
  } finally {
    await live.destroy();
  }
}
