import type { Kysely } from 'kysely';
import type { EventStore } from '@netraven/infra/eventstore';
import { JOB_PRIORITIES, JOB_TYPES, type JobPriority, type JobType } from '@netraven/domain';
import { taskId, type WorkQueue } from '@netraven/infra/queue';
import { jobsProjector, unfinishedDeviceTasks, waitUntilDrained, type ReadModelDatabase } from '@netraven/projections';

const PAGE = 5_000;

/**
 * Re-issues the work a volatile queue lost with its process: every dispatched device that has no
 * outcome yet. The event log is the durable record of dispatched work, so the embedded queue needs
 * no storage of its own; the job decider's one-outcome rule keeps a re-issued task from counting twice.
 * Run once at start-up, before the relay, so re-issued tasks carry their earlier attempts.
 */
export async function reissueUnfinishedWork(
  store: EventStore,
  db: Kysely<ReadModelDatabase>,
  queue: WorkQueue,
  options: { catchUpTimeoutMs?: number } = {},
): Promise<{ reissued: number }> {
  await waitUntilDrained(db, store, jobsProjector, { timeoutMs: options.catchUpTimeoutMs ?? 120_000 });
  let reissued = 0;
  let after: { jobId: string; deviceId: string } | undefined;
  for (;;) {
    const page = await unfinishedDeviceTasks(db, { ...(after ? { after } : {}), limit: PAGE });
    if (page.length === 0) break;
    const { published } = await queue.publish(page.map((task) => ({
      id: taskId(task.jobId, task.deviceId), jobId: task.jobId, deviceId: task.deviceId, previousAttempts: task.attempts,
      ...((JOB_TYPES as readonly string[]).includes(task.jobType) ? { kind: task.jobType as JobType } : {}),
      ...((JOB_PRIORITIES as readonly string[]).includes(task.priority) ? { priority: task.priority as JobPriority } : {}),
      ...(task.commands.length > 0 ? { commands: task.commands } : {}),
    })));
    reissued += published;
    const last = page[page.length - 1];
    after = last ? { jobId: last.jobId, deviceId: last.deviceId } : undefined;
    if (page.length < PAGE) break;
  }
  return { reissued };
}
