import type { Kysely } from 'kysely';
import { comparePositions, type EventStore, type Position, type RecordedEvent, type Subscription } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';
import type { Projector } from './projector.js';
import { claimCheckpoint, ensureCheckpoint, saveCheckpoint } from './checkpoints.js';

export interface ReadModelChange {
  readonly projection: string;
  readonly events: readonly RecordedEvent[];
}

export interface ProjectionRunnerOptions {
  readonly onChange?: (change: ReadModelChange) => void;
  readonly onError?: (projection: string, error: unknown) => void;
  readonly batchSize?: number;
  readonly retryDelayMs?: number;
}

/** Another runner (or a rebuild swap) moved the checkpoint: re-read it and continue from there. */
class StaleCheckpointError extends Error {
  override readonly name = 'StaleCheckpointError';
}

/**
 * Runs each projector on its own subscription. A batch's row writes and the projector's
 * checkpoint commit in one transaction, guarded by the checkpoint the batch was read after: two
 * runners (replicas, or a rebuild that swapped tables in) never both apply the same batch.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly positions = new Map<string, Position>();
  private readonly loops: Promise<void>[] = [];
  private stopped = false;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly store: EventStore,
    private readonly projectors: readonly Projector[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    for (const projector of this.projectors) {
      this.positions.set(projector.name, await ensureCheckpoint(this.db, projector.name));
      this.loops.push(this.run(projector));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    await Promise.all(this.loops);
    this.subscriptions.clear();
    this.loops.length = 0;
  }

  /** The position up to which a projector has committed (undefined before start). */
  checkpointOf(projection: string): Position | undefined {
    return this.positions.get(projection);
  }

  private async run(projector: Projector): Promise<void> {
    let first = true;
    while (!this.stopped) {
      const after = (first ? this.positions.get(projector.name) : undefined) ?? (await ensureCheckpoint(this.db, projector.name));
      first = false;
      this.positions.set(projector.name, after);
      const subscription = this.store.subscribeAll(
        { after, filter: { eventTypes: projector.eventTypes }, batchSize: this.options.batchSize ?? 500 },
        (events) => this.applyBatch(projector, events),
      );
      this.subscriptions.set(projector.name, subscription);
      try {
        await subscription.done;
      } catch (error) {
        if (error instanceof StaleCheckpointError) continue;
        this.options.onError?.(projector.name, error);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }

  private async applyBatch(projector: Projector, events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1];
    if (!last || this.stopped) return;
    const expected = this.positions.get(projector.name);
    await this.db.transaction().execute(async (trx) => {
      const current = await claimCheckpoint(trx, projector.name);
      if (!current || !expected || comparePositions(current, expected) !== 0) throw new StaleCheckpointError(`checkpoint of ${projector.name} moved`);
      for (const event of events) await projector.apply(trx, event);
      await saveCheckpoint(trx, projector.name, last.position);
    });
    this.positions.set(projector.name, last.position);
    this.options.onChange?.({ projection: projector.name, events });
  }
}
