import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import { pageByKeyset, type KeysetCursor, type KeysetOrder, type KeysetPage } from '../paging/keyset.js';
import type { SnapshotRow } from './snapshot-queries.js';

/** Newest first; a job backs a device up once, so (recorded_at, job_id) is unique within a device. */
const ORDER: KeysetOrder = { key: sql<Date>`snapshots.recorded_at`, keyType: 'timestamptz', id: 'snapshots.job_id', descending: true };

export const snapshotCursor = (row: SnapshotRow): KeysetCursor => ({ key: row.recorded_at.toISOString(), id: row.job_id });

export function pageSnapshots(db: Kysely<ReadModelDatabase>, deviceId: string, page: KeysetPage): Promise<SnapshotRow[]> {
  return pageByKeyset(db.selectFrom('snapshots').selectAll('snapshots').where('snapshots.device_id', '=', deviceId), ORDER, page).execute();
}

export async function countSnapshots(db: Kysely<ReadModelDatabase>, deviceId: string): Promise<number> {
  const row = await db.selectFrom('snapshots').where('device_id', '=', deviceId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
