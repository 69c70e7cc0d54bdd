import { sql, type ExpressionBuilder, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { LogsTable, ReadModelDatabase } from '../schema/database.js';
import { logInScope } from '../access/scope-filters.js';

export type LogRow = Selectable<LogsTable>;

/** What `logs`, `logStats` and `logAdded` filter by; every field narrows. `until` is exclusive. */
export interface LogFilter {
  readonly jobId?: string;
  readonly deviceId?: string;
  /** The log type (`kind` column): job, connection, session, system. */
  readonly type?: string;
  readonly level?: string;
  readonly source?: string;
  readonly since?: Date;
  readonly until?: Date;
  /** Lines whose message contains this text, case-insensitively. */
  readonly text?: string;
  /** A scoped reader's tags (see `logInScope`); absent or empty: every line. */
  readonly scope?: readonly string[];
}

/** A keyset position in the newest-first order. */
export interface LogCursor {
  readonly at: Date;
  readonly id: string;
}

/** Where a line stands in the event log: live readers follow this order. */
export interface LogPosition {
  readonly commit: string;
  readonly prepare: string;
  readonly seq: number;
}

type Logs = ExpressionBuilder<ReadModelDatabase, 'logs'>;

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(eb: Logs, filter: LogFilter): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  if (filter.jobId !== undefined) all.push(eb('job_id', '=', filter.jobId));
  if (filter.deviceId !== undefined) all.push(eb('device_id', '=', filter.deviceId));
  if (filter.type !== undefined) all.push(eb('kind', '=', filter.type));
  if (filter.level !== undefined) all.push(eb('level', '=', filter.level));
  if (filter.source !== undefined) all.push(eb('source', '=', filter.source));
  if (filter.since !== undefined) all.push(eb('at', '>=', filter.since));
  if (filter.until !== undefined) all.push(eb('at', '<', filter.until));
  if (filter.text !== undefined && filter.text !== '') all.push(eb('message', 'ilike', `%${escapeLike(filter.text)}%`));
  if (filter.scope?.length) all.push(logInScope(filter.scope));
  return all;
}

const filtered = (db: Kysely<ReadModelDatabase>, filter: LogFilter) =>
  db.selectFrom('logs').where((eb) => eb.and(conditions(eb, filter)));

/** Log lines in the order they happened in the event log (a job's own log reads top-down). */
export function listLogs(db: Kysely<ReadModelDatabase>, filter: LogFilter & { limit?: number } = {}): Promise<LogRow[]> {
  return filtered(db, filter).selectAll()
    .orderBy('position_commit').orderBy('position_prepare').orderBy('seq').limit(filter.limit ?? 1000).execute();
}

/** One page, newest first, after `after`; `limit + 1` rows are read so the caller knows whether more follow. */
export function logPage(db: Kysely<ReadModelDatabase>, filter: LogFilter, page: { limit: number; after?: LogCursor }): Promise<LogRow[]> {
  let query = filtered(db, filter).selectAll();
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(after.at, after.id)));
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
}

export interface LogStats {
  readonly total: number;
  readonly byType: ReadonlyMap<string, number>;
  readonly byLevel: ReadonlyMap<string, number>;
  readonly lastAt: Date | null;
}

/** Totals by type and by level and the newest line's time, in one statement (grouping sets). */
export async function logStats(db: Kysely<ReadModelDatabase>, filter: LogFilter): Promise<LogStats> {
  const rows = await filtered(db, filter)
    .select((eb) => ['kind', 'level', eb.fn.countAll<string>().as('count'), eb.fn.max('at').as('last_at')])
    .groupBy(sql`grouping sets ((kind), (level), ())`)
    .execute();
  const byType = new Map<string, number>();
  const byLevel = new Map<string, number>();
  let total = 0;
  let lastAt: Date | null = null;
  for (const row of rows) {
    const count = Number(row.count);
    if (row.kind !== null) byType.set(row.kind, count);
    else if (row.level !== null) byLevel.set(row.level, count);
    else {
      total = count;
      lastAt = row.last_at ?? null;
    }
  }
  return { total, byType, byLevel, lastAt };
}

/** The newest line's place in the event log (the start for a live reader), or the log's start. */
export async function lastLogPosition(db: Kysely<ReadModelDatabase>): Promise<LogPosition> {
  const row = await db.selectFrom('logs').select(['position_commit', 'position_prepare', 'seq'])
    .orderBy('position_commit', 'desc').orderBy('position_prepare', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { commit: row.position_commit, prepare: row.position_prepare, seq: row.seq } : { commit: '0', prepare: '0', seq: -1 };
}

/** Lines after `after` in event-log order that match `filter`: what a live reader has not seen yet. */
export function logsAfterPosition(db: Kysely<ReadModelDatabase>, filter: LogFilter, after: LogPosition, limit: number): Promise<LogRow[]> {
  return filtered(db, filter).selectAll()
    .where((eb) => eb(eb.refTuple('position_commit', 'position_prepare', 'seq'), '>',
      eb.tuple(sql<string>`${after.commit}::numeric`, sql<string>`${after.prepare}::numeric`, after.seq)))
    .orderBy('position_commit').orderBy('position_prepare').orderBy('seq').limit(limit).execute();
}

export const positionOfLog = (row: Pick<LogRow, 'position_commit' | 'position_prepare' | 'seq'>): LogPosition =>
  ({ commit: row.position_commit, prepare: row.position_prepare, seq: row.seq });
