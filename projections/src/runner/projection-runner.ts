import type { Kysely } from 'kysely';
import type { EventStore, Position, RecordedEvent } from '@netraven/infra/eventstore';
import { Supervisor, type Follower, type FollowerRun } from '@netraven/infra/supervision';
import type { ReadModelDatabase } from '../schema/database.js';
import { applyInLogOrder, type Projector } from './projector.js';
import { advanceCheckpoint, ensureCheckpoint } from './checkpoints.js';

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

export const isStaleCheckpoint = (error: unknown): boolean => error instanceof StaleCheckpointError;

/**
 * Runs each projector as a supervised follower on its own subscription. A batch's row writes and
 * the projector's checkpoint commit in one transaction, guarded by the checkpoint the batch was
 * read after: two runners (replicas, or a rebuild that swapped tables in) never both apply the same batch.
 */
export class ProjectionRunner {
  private readonly positions = new Map<string, Position>();
  private supervisor: Supervisor | undefined;
  private ownsSupervisor = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly store: EventStore,
    private readonly projectors: readonly Projector[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  /** Adds one follower per projector to `supervisor` (the process's), or to one of its own. */
  async start(supervisor?: Supervisor): Promise<void> {
    this.stopped = false;
    this.ownsSupervisor = supervisor === undefined;
    this.supervisor = supervisor ?? new Supervisor(
      { onOutage: (name, error) => this.options.onError?.(name, error), onRecovered: () => undefined },
      { isRoutineRestart: isStaleCheckpoint, ...(this.options.retryDelayMs ? { initialBackoffMs: this.options.retryDelayMs } : {}) },
    );
    for (const projector of this.projectors) await this.supervisor.add(this.followerOf(projector));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const supervisor = this.supervisor;
    this.supervisor = undefined;
    if (!supervisor) return;
    if (this.ownsSupervisor) return supervisor.stopAll();
    for (const projector of [...this.projectors].reverse()) await supervisor.stop(followerName(projector));
  }

  /** The position up to which a projector has committed (undefined before start). */
  checkpointOf(projection: string): Position | undefined {
    return this.positions.get(projection);
  }

  private followerOf(projector: Projector): Follower {
    return {
      name: followerName(projector),
      tracks: { checkpoint: projector.name, eventTypes: projector.eventTypes },
      follow: async (): Promise<FollowerRun> => {
        const after = await ensureCheckpoint(this.db, projector.name);
        this.positions.set(projector.name, after);
        return this.store.subscribeAll(
          { after, filter: { eventTypes: projector.eventTypes }, batchSize: this.options.batchSize ?? 500 },
          (events) => this.applyBatch(projector, events),
        );
      },
    };
  }

  private async applyBatch(projector: Projector, events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1];
    if (!last || this.stopped) return;
    const expected = this.positions.get(projector.name);
    await this.db.transaction().execute(async (trx) => {
      if (!expected || !(await advanceCheckpoint(trx, projector.name, expected, last.position))) {
        throw new StaleCheckpointError(`checkpoint of ${projector.name} moved`);
      }
      await applyInLogOrder(trx, projector, events);
    });
    this.positions.set(projector.name, last.position);
    this.options.onChange?.({ projection: projector.name, events });
  }
}

const followerName = (projector: Projector): string => `projection:${projector.name}`;
