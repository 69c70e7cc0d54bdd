import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';

export type ReadModelTransaction = Transaction<ReadModelDatabase>;

/** Every read-model table; `projection_checkpoints` belongs to the runner, not to a projector. */
export type ReadModelTable = Exclude<keyof ReadModelDatabase, 'projection_checkpoints'>;

/** Builds one read model from named event types; writes are upserts so a replay lands the same rows. */
export interface Projector {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** The tables this projector alone writes: a rebuild swaps exactly these in. */
  readonly tables: readonly ReadModelTable[];
  apply(trx: ReadModelTransaction, event: RecordedEvent): Promise<void>;
  /** Optional set-based path for replaying many events at once (rebuild, verify). */
  readonly batch?: BatchApplier;
}

/**
 * Applies a run of events with a few set-based statements. It must leave exactly the rows that
 * `apply` leaves event by event: verify compares the two (the runner uses `apply`).
 */
export interface BatchApplier {
  /** Types `applyAll` handles; any other event is applied alone with `apply`, in log order. */
  readonly eventTypes: readonly string[];
  applyAll(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void>;
}

/** Event data as the projector expects it; the event type already told us its shape. */
export function dataOf<T>(event: RecordedEvent): T {
  return event.data as T;
}
