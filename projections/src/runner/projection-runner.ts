import type { Kysely } from 'kysely';
import type { EventStore, Position, RecordedEvent, Subscription } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';
import type { Projector } from './projector.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoints.js';

export interface ReadModelChange {
  readonly projection: string;
  readonly events: readonly RecordedEvent[];
}

export interface ProjectionRunnerOptions {
  readonly onChange?: (change: ReadModelChange) => void;
  readonly onError?: (projection: string, error: unknown) => void;
  readonly batchSize?: number;
}

/**
 * Runs each projector on its own subscription. A batch's row writes and the projector's
 * checkpoint commit in one transaction, so a crash can neither lose nor repeat an event.
 */
export class ProjectionRunner {
  private readonly subscriptions: Subscription[] = [];
  private readonly positions = new Map<string, Position | undefined>();

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly store: EventStore,
    private readonly projectors: readonly Projector[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    for (const projector of this.projectors) {
      const after = await loadCheckpoint(this.db, projector.name);
      this.positions.set(projector.name, after);
      const subscription = this.store.subscribeAll(
        { ...(after ? { after } : {}), filter: { eventTypes: projector.eventTypes }, batchSize: this.options.batchSize ?? 500 },
        (events) => this.applyBatch(projector, events),
      );
      subscription.done.catch((error: unknown) => this.options.onError?.(projector.name, error));
      this.subscriptions.push(subscription);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.subscriptions.length = 0;
  }

  /** The position up to which a projector has committed (undefined before its first event). */
  checkpointOf(projection: string): Position | undefined {
    return this.positions.get(projection);
  }

  private async applyBatch(projector: Projector, events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1];
    if (!last) return;
    await this.db.transaction().execute(async (trx) => {
      for (const event of events) await projector.apply(trx, event);
      await saveCheckpoint(trx, projector.name, last.position);
    });
    this.positions.set(projector.name, last.position);
    this.options.onChange?.({ projection: projector.name, events });
  }
}
