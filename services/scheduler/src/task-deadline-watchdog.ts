import type { Kysely } from 'kysely';
import { IllegalStateError, jobDecider, type RecordDeviceFailure } from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler } from '@netraven/infra/eventstore';
import { runPeriodically, type Follower, type FollowerRun } from '@netraven/infra/supervision';
import { overdueDeviceTasks, type ReadModelDatabase } from '@netraven/projections';

export interface TaskDeadlineOptions {
  /** A started device backup without an outcome after this long fails with category `deadline`. */
  readonly deadlineMs: number;
  /** How often to look; default a quarter of the deadline, at most 30 s. */
  readonly sweepEveryMs?: number;
  readonly clock?: Clock;
  readonly onFailed?: (task: { jobId: string; deviceId: string; workerId: string | null }) => void;
}

/**
 * The last line against jobs that never finish: a worker that died without a redelivery, or a
 * session that hangs past every timeout. Its failure is an ordinary outcome, so the decider refuses
 * it when the worker reports first, and the job completes either way.
 */
export class TaskDeadlineWatchdog implements Follower {
  readonly name = 'deadline-watchdog';
  private readonly clock: Clock;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly commands: CommandHandler,
    private readonly options: TaskDeadlineOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async follow(): Promise<FollowerRun> {
    const every = this.options.sweepEveryMs ?? Math.min(30_000, Math.max(100, this.options.deadlineMs / 4));
    return runPeriodically(async () => {
      await this.sweep();
      return every;
    });
  }

  /** Fails every overdue device task; returns how many it failed. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const overdue = await overdueDeviceTasks(this.db, { startedBefore: new Date(now.getTime() - this.options.deadlineMs), limit: 1000 });
    let failed = 0;
    for (const task of overdue) {
      const seconds = Math.round(this.options.deadlineMs / 1000);
      const command: RecordDeviceFailure = {
        type: 'RecordDeviceFailure',
        data: {
          jobId: task.jobId, deviceId: task.deviceId, category: 'deadline',
          message: `no outcome ${seconds} s after attempt ${task.attempts} started${task.workerId ? ` on ${task.workerId}` : ''}: the worker was lost or the session stalled`,
        },
        metadata: newCommandMetadata({ actor: 'system:watchdog', commandId: `deadline-${task.jobId}-${task.deviceId}-${task.attempts}`, correlationId: task.jobId, clock: this.clock }),
      };
      try {
        await this.commands.handle(jobDecider, task.jobId, command);
        failed++;
        this.options.onFailed?.(task);
      } catch (error) {
        // The worker's own outcome landed after the read model was read: nothing to do.
        if (!(error instanceof IllegalStateError)) throw error;
      }
    }
    return failed;
  }
}
