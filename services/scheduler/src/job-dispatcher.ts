import type { Kysely } from 'kysely';
import { IllegalStateError, jobDecider, type BackupScheduled, type DispatchJob } from '@netraven/domain';
import { newCommandMetadata, type CommandHandler, type EventStore, type RecordedEvent } from '@netraven/infra/eventstore';
import { superviseAlone, type Follower, type FollowerRun, type Supervisor } from '@netraven/infra/supervision';
import {
  devicesProjector,
  loadCheckpoint,
  resolveTargetDeviceIds,
  saveCheckpoint,
  waitUntilCaughtUp,
  type ReadModelDatabase,
} from '@netraven/projections';

const CHECKPOINT = 'scheduler:dispatcher';

/**
 * Turns each scheduled backup into a dispatched job: resolves its tags and devices against the
 * inventory as it stood when the backup was scheduled, and fixes that list in JobDispatched.
 */
export class JobDispatcher implements Follower {
  readonly name = 'dispatcher';
  readonly tracks = { checkpoint: CHECKPOINT, eventTypes: ['BackupScheduled'] };
  private alone: Supervisor | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly commands: CommandHandler,
    private readonly options: { onError?: (error: unknown) => void; catchUpTimeoutMs?: number } = {},
  ) {}

  async follow(): Promise<FollowerRun> {
    const after = await loadCheckpoint(this.db, CHECKPOINT);
    return this.store.subscribeAll(
      { ...(after ? { after } : {}), filter: { eventTypes: this.tracks.eventTypes } },
      async (events) => {
        for (const event of events) await this.dispatch(event);
        const last = events[events.length - 1];
        if (last) await saveCheckpoint(this.db, CHECKPOINT, last.position);
      },
    );
  }

  async start(): Promise<void> {
    this.alone = await superviseAlone(this, this.options.onError);
  }

  async stop(): Promise<void> {
    await this.alone?.stopAll();
  }

  private async dispatch(event: RecordedEvent): Promise<void> {
    const scheduled = event.data as BackupScheduled['data'];
    await waitUntilCaughtUp(this.db, this.store, devicesProjector, event.position, {
      timeoutMs: this.options.catchUpTimeoutMs ?? 30_000,
    });
    const deviceIds = await resolveTargetDeviceIds(this.db, scheduled.targets);
    const command: DispatchJob = {
      type: 'DispatchJob',
      data: { jobId: scheduled.jobId, deviceIds },
      metadata: newCommandMetadata({
        actor: 'system:scheduler',
        commandId: `dispatch-${scheduled.jobId}`,
        correlationId: event.metadata.correlationId,
      }),
    };
    try {
      await this.commands.handle(jobDecider, scheduled.jobId, command);
    } catch (error) {
      // Replaying after a crash may meet a job that another run already dispatched.
      if (!(error instanceof IllegalStateError)) throw error;
    }
  }
}
