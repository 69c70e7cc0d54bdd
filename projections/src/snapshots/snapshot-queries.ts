import type { Kysely, Selectable } from 'kysely';
import type { ReadModelDatabase, SnapshotsTable } from '../schema/database.js';

export type SnapshotRow = Selectable<SnapshotsTable>;

/** A device's backups, newest first. */
export function deviceSnapshots(db: Kysely<ReadModelDatabase>, deviceId: string, limit = 100): Promise<SnapshotRow[]> {
  return db.selectFrom('snapshots').selectAll().where('device_id', '=', deviceId)
    .orderBy('recorded_at', 'desc').orderBy('job_id').limit(limit).execute();
}
