import type { Kysely } from 'kysely';
import type { LogRetentionCut } from '@netraven/domain';
import type { ReadModelDatabase } from '../schema/database.js';
import type { ReadModelRetention } from '../rebuild/rebuild-projections.js';

/** Rows deleted per statement: short transactions, so the projector's inserts never wait long. */
const DELETE_BATCH = 5000;

export interface LogRetentionResult {
  /** Rows deleted per type, by age and by count. */
  readonly byType: ReadonlyArray<{ readonly type: string; readonly expired: number; readonly overCount: number }>;
  readonly deleted: number;
}

/**
 * Deletes the read model's log lines the cuts leave out: older than a type's cut-off, then all but
 * the newest `keepNewest` of the type (newest by `at`, then `id`). The event log keeps every line;
 * this trims only what the API serves. `db` may be bound to another schema (`withSchema`): a
 * rebuild applies the same policy to its shadow tables.
 */
export async function applyLogRetention(db: Kysely<ReadModelDatabase>, cuts: readonly LogRetentionCut[], batch = DELETE_BATCH): Promise<LogRetentionResult> {
  const byType: Array<{ type: string; expired: number; overCount: number }> = [];
  for (const cut of cuts) {
    let expired = 0;
    for (let n = batch; n === batch;) {
      const { numDeletedRows } = await db.deleteFrom('logs').where('id', 'in', (eb) =>
        eb.selectFrom('logs').select('id').where('kind', '=', cut.kind).where('at', '<', cut.olderThan).limit(batch)).executeTakeFirst();
      n = Number(numDeletedRows);
      expired += n;
    }
    let overCount = 0;
    if (cut.keepNewest !== undefined) {
      const keep = cut.keepNewest;
      for (let n = batch; n === batch;) {
        // The oldest lines past the newest `keep`, a batch at a time.
        const { numDeletedRows } = await db.deleteFrom('logs').where('id', 'in', (eb) =>
          eb.selectFrom('logs').select('id').where('kind', '=', cut.kind).orderBy('at', 'desc').orderBy('id', 'desc').offset(keep).limit(batch)).executeTakeFirst();
        n = Number(numDeletedRows);
        overCount += n;
      }
    }
    byType.push({ type: cut.kind, expired, overCount });
  }
  return { byType, deleted: byType.reduce((sum, t) => sum + t.expired + t.overCount, 0) };
}

/** Log retention as a rebuild and a verification apply it (see `ReadModelRetention`). */
export const logRetentionForRebuild = (cuts: () => readonly LogRetentionCut[]): ReadModelRetention => ({
  tables: ['logs'],
  apply: (db) => applyLogRetention(db, cuts()),
});
