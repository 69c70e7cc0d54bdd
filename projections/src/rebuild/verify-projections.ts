import { comparePositions, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { Projector } from '../runner/projector.js';
import { LOG_START } from '../runner/checkpoints.js';
import { createShadowSchema, shadowSchemaName } from './shadow-schema.js';
import { applyEvents, parallelWriter, replayLog } from './replay.js';
import { readLiveCheckpoints } from './live-checkpoints.js';
import { compareTable, type TableComparison } from './compare-tables.js';
import { DEFAULT_REPLAY_BATCH, prepareLiveSchema, retentionApplies, type ReadModelRetention } from './rebuild-projections.js';
import { selectProjectors } from './select-projectors.js';

export interface VerifyOptions {
  readonly connectionString: string;
  readonly store: EventStore;
  readonly projectors: readonly Projector[];
  readonly names?: readonly string[];
  /** Differing rows reported per table and direction (default 20). */
  readonly sampleSize?: number;
  readonly batchSize?: number;
  /** Applied to both sides, at one instant, before each owning projector's tables are compared. */
  readonly retention?: ReadModelRetention;
}

export interface ProjectorVerification {
  readonly projector: string;
  /** The live checkpoint both sides were compared at. */
  readonly position: Position;
  readonly tables: TableComparison[];
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly liveSchema: string;
  readonly shadowSchema: string;
  readonly projectors: ProjectorVerification[];
  readonly replayedEvents: number;
  readonly timings: { replayMs: number; compareMs: number; totalMs: number };
}

/**
 * Rebuilds into a shadow schema and compares it with the live tables at exactly the live
 * checkpoints: the replay runs up to the lowest of them, then, under the checkpoint locks, each
 * projector is brought up to its own and every table is compared row by row.
 */
export async function verifyProjections(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const projectors = selectProjectors(options.projectors, options.names);
  const names = projectors.map((p) => p.name);
  const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH;
  const liveSchema = await prepareLiveSchema(options.connectionString);
  const shadow = await createShadowSchema(options.connectionString, shadowSchemaName('verify'));
  try {
    const before = await readLiveCheckpoints(shadow.db, liveSchema, names, false);
    const bound = [...before.values()].reduce((low, p) => (comparePositions(p, low) < 0 ? p : low));
    const replayed = await replayLog(options.store, projectors, { after: LOG_START, until: bound }, batchSize, parallelWriter(shadow.db, projectors));
    const replayMs = performance.now() - started;
    const verified = await shadow.db.transaction().execute(async (trx) => {
      const live = await readLiveCheckpoints(trx, liveSchema, names, true);
      const results: ProjectorVerification[] = [];
      for (const projector of projectors) {
        const position = live.get(projector.name) ?? LOG_START;
        if (comparePositions(position, bound) < 0) {
          throw new Error(`checkpoint of ${projector.name} moved backwards during verification`);
        }
        await replayLog(options.store, [projector], { after: replayed.position, until: position }, batchSize, (events, last) =>
          applyEvents(trx, [projector], events, last));
        if (retentionApplies(options.retention, [projector])) {
          await options.retention.apply(trx);
          await options.retention.apply(trx.withSchema(liveSchema));
        }
        const tables: TableComparison[] = [];
        for (const table of projector.tables) {
          tables.push(await compareTable(trx, table, { live: liveSchema, rebuilt: shadow.name }, options.sampleSize ?? 20));
        }
        results.push({ projector: projector.name, position, tables });
      }
      return results;
    });
    const totalMs = performance.now() - started;
    return {
      ok: verified.every((v) => v.tables.every((t) => t.missingInLive === 0 && t.extraInLive === 0)),
      liveSchema, shadowSchema: shadow.name, projectors: verified, replayedEvents: replayed.events,
      timings: { replayMs, compareMs: totalMs - replayMs, totalMs },
    };
  } finally {
    await shadow.drop();
  }
}
