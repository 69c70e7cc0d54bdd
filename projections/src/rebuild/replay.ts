import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@netraven/infra/eventstore';
import type { Projector, ReadModelTransaction } from '../runner/projector.js';
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
 * Reads the events of the projectors' types in `range` in big batches and hands each to `write`;
 * the next batch is read while the current one is written.
 */
export async function replayLog(
  store: EventStore,
  projectors: readonly Projector[],
  range: ReplayRange,
  batchSize: number,
  write: BatchWriter,
): Promise<ReplayResult> {
  const eventTypes = [...new Set(projectors.flatMap((p) => p.eventTypes))];
  const read = (after: Position): Promise<RecordedEvent[]> => store.readAll({ after, limit: batchSize, filter: { eventTypes } });
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
        await write(inRange, last.position);
        position = last.position;
        events += inRange.length;
      }
      if (!more) return { position, events };
    }
  } finally {
    // A read started ahead of a failed write must not surface as an unhandled rejection.
    next.catch(() => undefined);
  }
}

/** Applies a batch to every projector that handles its events, in log order, and moves their checkpoints. */
export async function applyBatch(
  trx: ReadModelTransaction,
  projectors: readonly Projector[],
  events: readonly RecordedEvent[],
  last: Position,
): Promise<void> {
  for (const projector of projectors) {
    for (const event of events) {
      if (projector.eventTypes.includes(event.type)) await projector.apply(trx, event);
    }
    await saveCheckpoint(trx, projector.name, last);
  }
}
