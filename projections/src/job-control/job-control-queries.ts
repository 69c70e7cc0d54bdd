import { sql, type Kysely, type Selectable } from 'kysely';
import type { DeviceReachabilityTable, JobResultsTable, ReadModelDatabase } from '../schema/database.js';
import { deviceInScope } from '../access/scope-filters.js';

export type JobResultRow = Selectable<JobResultsTable>;
export type DeviceReachabilityRow = Selectable<DeviceReachabilityTable>;

/** A COMMAND job's outputs by device and command order; with `scope`, only devices a scoped reader may see. */
export function jobResults(db: Kysely<ReadModelDatabase>, jobId: string, scope?: readonly string[]): Promise<JobResultRow[]> {
  let query = db.selectFrom('job_results').selectAll().where('job_id', '=', jobId);
  if (scope?.length) query = query.where(deviceInScope('job_results.device_id', scope));
  return query.orderBy('device_id').orderBy('seq').execute();
}

export function deviceReachability(db: Kysely<ReadModelDatabase>, deviceId: string): Promise<DeviceReachabilityRow | undefined> {
  return db.selectFrom('device_reachability').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
}

/** Devices of a job that failed, for a re-run (with `scope`, only those a scoped actor may see). */
export async function failedDevicesOf(db: Kysely<ReadModelDatabase>, jobId: string, scope?: readonly string[]): Promise<string[]> {
  let query = db.selectFrom('job_devices').select('device_id').where('job_id', '=', jobId).where('status', '=', 'FAILED');
  if (scope?.length) query = query.where(deviceInScope('job_devices.device_id', scope));
  return (await query.orderBy('device_id').execute()).map((r) => r.device_id);
}

/** The platforms of the given devices and of every active device carrying one of the tags (a COMMAND job's allow-list check). */
export async function platformsOfTargets(db: Kysely<ReadModelDatabase>, targets: { deviceIds: readonly string[]; tags: readonly string[] }): Promise<string[]> {
  const platforms = new Set<string>();
  if (targets.deviceIds.length > 0) {
    const rows = await db.selectFrom('devices').select('platform').distinct().where(sql<boolean>`id = any(${[...targets.deviceIds]}::text[])`).execute();
    rows.forEach((r) => platforms.add(r.platform));
  }
  if (targets.tags.length > 0) {
    const rows = await db.selectFrom('devices').innerJoin('device_tags', 'device_tags.device_id', 'devices.id').select('devices.platform').distinct()
      .where('devices.status', '=', 'active').where('device_tags.tag', 'in', [...targets.tags]).execute();
    rows.forEach((r) => platforms.add(r.platform));
  }
  return [...platforms].sort();
}
