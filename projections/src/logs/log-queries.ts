import type { Kysely, Selectable } from 'kysely';
import type { LogsTable, ReadModelDatabase } from '../schema/database.js';
import { logInScope } from '../access/scope-filters.js';

export type LogRow = Selectable<LogsTable>;

/** Log lines in the order they happened in the event log. */
export function listLogs(
  db: Kysely<ReadModelDatabase>,
  filter: { jobId?: string; deviceId?: string; level?: string; limit?: number; scope?: readonly string[] } = {},
): Promise<LogRow[]> {
  let query = db.selectFrom('logs').selectAll();
  if (filter.jobId) query = query.where('job_id', '=', filter.jobId);
  if (filter.deviceId) query = query.where('device_id', '=', filter.deviceId);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.scope?.length) query = query.where(logInScope(filter.scope));
  return query.orderBy('position_commit').orderBy('position_prepare').orderBy('seq').limit(filter.limit ?? 1000).execute();
}
