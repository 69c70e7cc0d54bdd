import type { Kysely } from 'kysely';
import { logRetentionCuts, type LogRetentionPolicy } from '@netraven/domain';
import { systemClock, type Clock } from '@netraven/infra/eventstore';
import { runPeriodically, type Follower, type FollowerRun } from '@netraven/infra/supervision';
import { applyLogRetention, type LogRetentionResult, type ReadModelDatabase } from '@netraven/projections';

export interface LogRetentionOptions {
  readonly policy: LogRetentionPolicy;
  /** How often to sweep (default hourly); the first sweep runs at start. */
  readonly everyMs?: number;
  readonly clock?: Clock;
  readonly onSwept?: (result: LogRetentionResult) => void;
}

/**
 * The system task that keeps the log read model within its retention policy (max age and max count
 * per type). It deletes read-model rows only: the event log is immutable and keeps every line, and
 * a rebuild applies the same policy before it swaps its tables in. Several schedulers may run it;
 * the deletes are idempotent.
 */
export class LogRetentionTask implements Follower {
  readonly name = 'log-retention';
  private readonly clock: Clock;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly options: LogRetentionOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async follow(): Promise<FollowerRun> {
    const every = this.options.everyMs ?? 3_600_000;
    return runPeriodically(async () => {
      await this.sweep();
      return every;
    });
  }

  async sweep(): Promise<LogRetentionResult> {
    const result = await applyLogRetention(this.db, logRetentionCuts(this.options.policy, this.clock()));
    this.options.onSwept?.(result);
    return result;
  }
}
