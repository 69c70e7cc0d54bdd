import type { Kysely } from 'kysely';
import { IllegalStateError, jobDecider, type BackupScheduled, type DispatchJob } from '@netraven/domain';
import { newCommandMetadata, type CommandHandler, type EventStore, type RecordedEvent, type Subscription } from '@netraven/infra/eventstore';
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
export class JobDispatcher {
  private subscription: Subscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly commands: CommandHandler,
    private readonly options: { onError?: (error: unknown) => void; catchUpTimeoutMs?: number } = {},
  ) {}

  async start(): Promise<void> {
    const after = await loadCheckpoint(this.db, CHECKPOINT);
    this.subscription = this.store.subscribeAll(
      { ...(after ? { after } : {}), filter: { eventTypes: ['BackupScheduled'] } },
      async (events) => {
        for (const event of events) await this.dispatch(event);
        const last = events[events.length - 1];
        if (last) await saveCheckpoint(this.db, CHECKPOINT, last.position);
      },
    );
    this.subscription.done.catch((error: unknown) => this.options.onError?.(error));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
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
