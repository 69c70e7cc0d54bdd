import type { Kysely, Selectable } from 'kysely';
import type { JobDevicesTable, JobsTable, ReadModelDatabase } from '../schema/database.js';

export type JobRow = Selectable<JobsTable>;
export type JobDeviceRow = Selectable<JobDevicesTable>;

export function listJobs(db: Kysely<ReadModelDatabase>, options: { limit?: number; status?: string } = {}): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('scheduled_at', 'desc').orderBy('id').limit(options.limit ?? 100);
  if (options.status) query = query.where('status', '=', options.status);
  return query.execute();
}

export function findJob(db: Kysely<ReadModelDatabase>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function jobDevices(db: Kysely<ReadModelDatabase>, jobId: string): Promise<JobDeviceRow[]> {
  return db.selectFrom('job_devices').selectAll().where('job_id', '=', jobId).orderBy('device_id').execute();
}
