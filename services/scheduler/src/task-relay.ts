import type { Kysely } from 'kysely';
import type { JobDispatched } from '@netraven/domain';
import type { EventStore } from '@netraven/infra/eventstore';
import { superviseAlone, type Follower, type FollowerRun, type Supervisor } from '@netraven/infra/supervision';
import { taskId, type WorkQueue } from '@netraven/infra/queue';
import { loadCheckpoint, saveCheckpoint, type ReadModelDatabase } from '@netraven/projections';

const CHECKPOINT = 'scheduler:relay';

/**
 * Follows JobDispatched and publishes one task per device. The checkpoint moves only after the
 * queue accepted the tasks; a re-publish after a crash is dropped by the queue's message-id dedupe.
 */
export class TaskRelay implements Follower {
  readonly name = 'relay';
  readonly tracks = { checkpoint: CHECKPOINT, eventTypes: ['JobDispatched'] };
  private alone: Supervisor | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly queue: WorkQueue,
    private readonly options: { onError?: (error: unknown) => void } = {},
  ) {}

  async follow(): Promise<FollowerRun> {
    const after = await loadCheckpoint(this.db, CHECKPOINT);
    return this.store.subscribeAll(
      { ...(after ? { after } : {}), filter: { eventTypes: this.tracks.eventTypes } },
      async (events) => {
        for (const event of events) {
          const { jobId, deviceIds, jobType, priority, commands } = event.data as JobDispatched['data'];
          await this.queue.publish(deviceIds.map((deviceId) => ({
            id: taskId(jobId, deviceId), jobId, deviceId, kind: jobType, priority, ...(commands ? { commands } : {}),
          })));
        }
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
}
