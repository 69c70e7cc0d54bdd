import type { Kysely } from 'kysely';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@netraven/infra/eventstore';
import { applyInLogOrder, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import type { ReadModelDatabase } from '../schema/database.js';
import { saveCheckpoint } from '../runner/checkpoints.js';

export interface ReplayRange {
  /** Exclusive. */
  readonly after: Position;
  /** Inclusive; without it the replay runs to the end of the log as visible when it gets there. */
  readonly until?: Position;
}

export interface ReplayResult {
  /** The last position read (or `after` when nothing was read). */
  readonly position: Position;
  readonly events: number;
}

export type BatchWriter = (events: RecordedEvent[], last: Position) => Promise<void>;

/**
 * Reads the log in `range` in big batches and hands the events of the projectors' types to
 * `write`; the next batch is read while the current one is written. The read is unfiltered and
 * the types are picked here: the global-order scan keeps one plan whatever the table statistics
 * say, where a type filter can make PostgreSQL sort everything after the position for every batch.
 */
export async function replayLog(
  store: EventStore,
  projectors: readonly Projector[],
  range: ReplayRange,
  batchSize: number,
  write: BatchWriter,
): Promise<ReplayResult> {
  const eventTypes = new Set(projectors.flatMap((p) => p.eventTypes));
  const read = (after: Position): Promise<RecordedEvent[]> => store.readAll({ after, limit: batchSize });
  let position = range.after;
  let events = 0;
  let next = read(position);
  try {
    for (;;) {
      const batch = await next;
      const inRange = range.until ? batch.filter((e) => comparePositions(e.position, range.until as Position) <= 0) : batch;
      const last = inRange[inRange.length - 1];
      const more = inRange.length === batchSize;
      if (more && last) next = read(last.position);
      if (last) {
        const relevant = inRange.filter((e) => eventTypes.has(e.type));
        // The position moves past events nobody here handles as well: nothing is left to apply below it.
        await write(relevant, last.position);
        position = last.position;
        events += relevant.length;
      }
      if (!more) return { position, events };
    }
  } finally {
    // A read started ahead of a failed write must not surface as an unhandled rejection.
    next.catch(() => undefined);
  }
}

/**
 * Applies a batch to every projector that handles its events, in log order (as the live runner
 * does: `applyInLogOrder`), and moves their checkpoints. Projectors own disjoint tables, so one
 * projector after the other is the same as event by event across all of them.
 */
export async function applyEvents(
  trx: ReadModelTransaction,
  projectors: readonly Projector[],
  events: readonly RecordedEvent[],
  last: Position,
): Promise<void> {
  for (const projector of projectors) {
    await applyInLogOrder(trx, projector, events.filter((e) => projector.eventTypes.includes(e.type)));
    await saveCheckpoint(trx, projector.name, last);
  }
}

/**
 * A writer for the bulk of a replay: each projector applies the batch in its own transaction
 * (rows and checkpoint together), all projectors at once on separate connections. They own
 * disjoint tables and checkpoints, so running them side by side changes no row, and the
 * database's cores share the work.
 */
export function parallelWriter(db: Kysely<ReadModelDatabase>, projectors: readonly Projector[]): BatchWriter {
  return async (events, last) => {
    await Promise.all(projectors.map((projector) => db.transaction().execute((trx) => applyEvents(trx, [projector], events, last))));
  };
}
