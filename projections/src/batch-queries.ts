import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from './schema/database.js';
import type { CredentialRow } from './credentials/credential-queries.js';
import type { DeviceRow } from './devices/device-queries.js';
import { tagsOfRow } from './devices/device-page-queries.js';
import type { JobDeviceRow } from './jobs/job-queries.js';

/**
 * Lookups of many rows at once, for the API's per-request batching: a page of N rows costs one
 * statement per kind of lookup, not N. Each takes one array parameter, so any number of ids fits.
 */
export function findDevices(db: Kysely<ReadModelDatabase>, ids: readonly string[]): Promise<DeviceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('devices').selectAll('devices').select(tagsOfRow.as('tags')).where(sql<boolean>`devices.id = any(${[...ids]}::text[])`).execute();
}

export function findCredentials(db: Kysely<ReadModelDatabase>, ids: readonly string[]): Promise<CredentialRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('credentials').selectAll().where(sql<boolean>`id = any(${[...ids]}::text[])`).execute();
}

/** The job-device rows named by (job, device) pairs. */
export async function jobDevicesAt(db: Kysely<ReadModelDatabase>, pairs: ReadonlyArray<{ jobId: string; deviceId: string }>): Promise<JobDeviceRow[]> {
  if (pairs.length === 0) return [];
  // One primary-key probe per pair, whatever the table's size: the lateral subquery's `limit 1` (the
  // key is unique) keeps the planner from turning it into a hash join over the whole table.
  const { rows } = await sql<JobDeviceRow>`select jd.* from unnest(${pairs.map((p) => p.jobId)}::text[], ${pairs.map((p) => p.deviceId)}::text[]) as p(job_id, device_id)
    cross join lateral (select * from job_devices j where j.job_id = p.job_id and j.device_id = p.device_id limit 1) jd`.execute(db);
  return rows;
}

/** Per job, how many of its devices a scoped reader sees, and how many of those succeeded or failed. */
export async function jobDeviceCountsInScope(
  db: Kysely<ReadModelDatabase>, jobIds: readonly string[], scope: readonly string[],
): Promise<Map<string, { total: number; succeeded: number; failed: number }>> {
  if (jobIds.length === 0) return new Map();
  const rows = await db.selectFrom('job_devices')
    .select((eb) => [
      'job_id',
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) filter (where status = 'SUCCEEDED')`.as('succeeded'),
      sql<string>`count(*) filter (where status = 'FAILED')`.as('failed'),
    ])
    .where(sql<boolean>`job_id = any(${[...jobIds]}::text[])`)
    .where(sql<boolean>`exists (select 1 from device_tags st where st.device_id = job_devices.device_id and st.tag = any(${[...scope]}::text[]))`)
    .groupBy('job_id').execute();
  return new Map(rows.map((r) => [r.job_id, { total: Number(r.total), succeeded: Number(r.succeeded), failed: Number(r.failed) }]));
}
