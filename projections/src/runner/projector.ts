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
  /** Optional set-based path for many events at once (the live runner's batches, rebuild, verify). */
  readonly batch?: BatchApplier;
}

/**
 * Applies a run of events with a few set-based statements. It must leave exactly the rows that
 * `apply` leaves event by event. Best built on one function that takes a list, `apply` handing it
 * one event: then the live runner and the rebuild cannot drift apart.
 */
export interface BatchApplier {
  /** Types `applyAll` handles; any other event is applied alone with `apply`, in log order. */
  readonly eventTypes: readonly string[];
  applyAll(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * Applies `events` (the projector's own, in log order): runs of the types its batch path handles go
 * through it, any other event alone with `apply` between the runs, so the order is kept. The live
 * runner and the rebuild both apply through here.
 */
export async function applyInLogOrder(trx: ReadModelTransaction, projector: Projector, events: readonly RecordedEvent[]): Promise<void> {
  const batch = projector.batch;
  if (!batch) {
    for (const event of events) await projector.apply(trx, event);
    return;
  }
  let run: RecordedEvent[] = [];
  for (const event of events) {
    if (batch.eventTypes.includes(event.type)) {
      run.push(event);
      continue;
    }
    if (run.length > 0) await batch.applyAll(trx, run);
    run = [];
    await projector.apply(trx, event);
  }
  if (run.length > 0) await batch.applyAll(trx, run);
}

/** Event data as the projector expects it; the event type already told us its shape. */
export function dataOf<T>(event: RecordedEvent): T {
  return event.data as T;
}
