import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import type { SnapshotRow } from '../snapshots/snapshot-queries.js';
import type { DeviceRow } from '../devices/device-queries.js';

/** The device's snapshot as of `at`: the latest recorded at or before it (ties: the latest job id), or undefined. */
export function snapshotAt(db: Kysely<ReadModelDatabase>, deviceId: string, at: Date): Promise<SnapshotRow | undefined> {
  return db.selectFrom('snapshots').selectAll().where('device_id', '=', deviceId).where('recorded_at', '<=', at)
    .orderBy('recorded_at', 'desc').orderBy('job_id', 'desc').limit(1).executeTakeFirst();
}

/** The device's earliest snapshot with this commit (the one that stored that version), or undefined. */
export function snapshotWithCommit(db: Kysely<ReadModelDatabase>, deviceId: string, commit: string): Promise<SnapshotRow | undefined> {
  return db.selectFrom('snapshots').selectAll().where('device_id', '=', deviceId).where('commit', '=', commit)
    .orderBy('recorded_at').orderBy('job_id').limit(1).executeTakeFirst();
}

/** The version stored before `snapshot`: the device's latest snapshot recorded earlier with another commit. */
export function previousVersion(db: Kysely<ReadModelDatabase>, snapshot: Pick<SnapshotRow, 'device_id' | 'commit' | 'recorded_at'>): Promise<SnapshotRow | undefined> {
  return db.selectFrom('snapshots').selectAll().where('device_id', '=', snapshot.device_id).where('commit', '<>', snapshot.commit)
    .where('recorded_at', '<=', snapshot.recorded_at).orderBy('recorded_at', 'desc').orderBy('job_id', 'desc').limit(1).executeTakeFirst();
}

/** Devices by id with their tags, in one statement (a search page names up to a hundred). */
export async function devicesByIds(db: Kysely<ReadModelDatabase>, ids: readonly string[]): Promise<Map<string, DeviceRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('devices').selectAll('devices')
    .select(sql<string[]>`array(select t.tag from device_tags t where t.device_id = devices.id order by t.tag)`.as('tags'))
    .where(sql<boolean>`devices.id = any(${[...new Set(ids)]}::text[])`).execute();
  return new Map(rows.map((row) => [row.id, row]));
}
