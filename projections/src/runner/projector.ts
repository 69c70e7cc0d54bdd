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
}

/** Event data as the projector expects it; the event type already told us its shape. */
export function dataOf<T>(event: RecordedEvent): T {
  return event.data as T;
}
