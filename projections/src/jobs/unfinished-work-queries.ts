import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';

export interface UnfinishedDeviceTask {
  readonly jobId: string;
  readonly deviceId: string;
  readonly attempts: number;
  readonly jobType: string;
  readonly priority: string;
  readonly commands: readonly string[];
}

/**
 * Devices of dispatched, unfinished jobs that have no outcome yet, in key order after `after`:
 * the work a volatile queue lost when its process died.
 */
export async function unfinishedDeviceTasks(
  db: Kysely<ReadModelDatabase>,
  options: { after?: { jobId: string; deviceId: string }; limit: number },
): Promise<UnfinishedDeviceTask[]> {
  let query = db
    .selectFrom('job_devices')
    .innerJoin('jobs', 'jobs.id', 'job_devices.job_id')
    .select(['job_devices.job_id', 'job_devices.device_id', 'job_devices.attempts', 'jobs.job_type', 'jobs.priority', 'jobs.commands'])
    .where('job_devices.status', 'in', ['QUEUED', 'RUNNING'])
    .where('jobs.completed_at', 'is', null)
    .orderBy('job_devices.job_id')
    .orderBy('job_devices.device_id')
    .limit(options.limit);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('job_devices.job_id', '>', after.jobId),
        eb.and([eb('job_devices.job_id', '=', after.jobId), eb('job_devices.device_id', '>', after.deviceId)]),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    jobId: row.job_id, deviceId: row.device_id, attempts: row.attempts, jobType: row.job_type, priority: row.priority, commands: [...row.commands],
  }));
}

export interface OverdueDeviceTask {
  readonly jobId: string;
  readonly deviceId: string;
  readonly attempts: number;
  readonly workerId: string | null;
  readonly startedAt: Date;
}

/** Devices whose backup started before `startedBefore` and still has no outcome. */
export async function overdueDeviceTasks(
  db: Kysely<ReadModelDatabase>,
  options: { startedBefore: Date; limit: number },
): Promise<OverdueDeviceTask[]> {
  const rows = await db
    .selectFrom('job_devices')
    .select(['job_id', 'device_id', 'attempts', 'worker_id', 'started_at'])
    .where('status', '=', 'RUNNING')
    .where('started_at', '<', options.startedBefore)
    .orderBy('started_at')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    jobId: row.job_id, deviceId: row.device_id, attempts: row.attempts, workerId: row.worker_id,
    startedAt: row.started_at ?? options.startedBefore,
  }));
}
