import type { Kysely, Selectable } from 'kysely';
import type { JobDevicesTable, JobsTable, ReadModelDatabase } from '../schema/database.js';
import { deviceInScope, jobInScope } from '../access/scope-filters.js';

export type JobRow = Selectable<JobsTable>;
export type JobDeviceRow = Selectable<JobDevicesTable>;

/** `scope`: only jobs a reader scoped to these tags may see (see `jobInScope`). */
export function listJobs(db: Kysely<ReadModelDatabase>, options: { limit?: number; status?: string; scope?: readonly string[] } = {}): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('scheduled_at', 'desc').orderBy('id').limit(options.limit ?? 100);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.scope?.length) query = query.where(jobInScope('jobs.id', options.scope));
  return query.execute();
}

export function findJob(db: Kysely<ReadModelDatabase>, id: string, scope?: readonly string[]): Promise<JobRow | undefined> {
  let query = db.selectFrom('jobs').selectAll().where('id', '=', id);
  if (scope?.length) query = query.where(jobInScope('jobs.id', scope));
  return query.executeTakeFirst();
}

/** A job's devices; with `scope`, only those a scoped reader may see. */
export function jobDevices(db: Kysely<ReadModelDatabase>, jobId: string, scope?: readonly string[]): Promise<JobDeviceRow[]> {
  let query = db.selectFrom('job_devices').selectAll().where('job_id', '=', jobId);
  if (scope?.length) query = query.where(deviceInScope('job_devices.device_id', scope));
  return query.orderBy('device_id').execute();
}

/** True while any job has devices being backed up: work that must not share the disk with repository maintenance. */
export async function anyJobRunning(db: Kysely<ReadModelDatabase>): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('status', '=', 'RUNNING').limit(1).executeTakeFirst();
  return row !== undefined;
}
