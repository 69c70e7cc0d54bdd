import type { Kysely } from 'kysely';
import { LOG_KINDS, LOG_LEVELS } from '@netraven/domain';
import {
  listLogs, logPage, logStats, type LogCursor, type LogFilter, type LogRow, type LogStats, type ReadModelDatabase,
} from '@netraven/projections';
import type { Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { scopeOf } from './access/scope.js';

/** A filter as callers give it: the scope always comes from the actor. */
export type LogQueryFilter = Omit<LogFilter, 'scope'>;

export interface LogPageResult {
  readonly rows: LogRow[];
  readonly hasNextPage: boolean;
}

/**
 * The unified log's reads (`logs`, a job's log, `logTypes`, `logLevels`, `logStats`): the role is
 * checked first, then the actor's tag scope is part of every query, so counts and pages agree with
 * what the actor may see.
 */
export class LogQueries {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  /** Newest first, `first` lines after the cursor. */
  async page(actor: Actor, filter: LogQueryFilter, page: { first: number; after?: LogCursor }): Promise<LogPageResult> {
    authorize(actor, 'logs');
    const rows = await logPage(this.db, this.scoped(actor, filter), { limit: page.first, ...(page.after ? { after: page.after } : {}) });
    return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  /** A job's own log, in the order it happened, at most `first` lines. */
  jobLog(actor: Actor, jobId: string, first: number): Promise<LogRow[]> {
    authorize(actor, 'logs');
    return listLogs(this.db, { ...this.scoped(actor, { jobId }), limit: first });
  }

  types(actor: Actor): readonly string[] {
    authorize(actor, 'logTypes');
    return LOG_KINDS;
  }

  levels(actor: Actor): readonly string[] {
    authorize(actor, 'logLevels');
    return LOG_LEVELS;
  }

  /** Every known type and level is listed, with 0 when it has no line. */
  async stats(actor: Actor, filter: LogQueryFilter): Promise<LogStats> {
    authorize(actor, 'logStats');
    const stats = await logStats(this.db, this.scoped(actor, filter));
    return {
      ...stats,
      byType: withZeros(LOG_KINDS, stats.byType),
      byLevel: withZeros(LOG_LEVELS, stats.byLevel),
    };
  }

  private scoped(actor: Actor, filter: LogQueryFilter): LogFilter {
    const scope = scopeOf(actor);
    return scope ? { ...filter, scope } : filter;
  }
}

function withZeros(keys: readonly string[], counts: ReadonlyMap<string, number>): Map<string, number> {
  const all = new Map(keys.map((key) => [key, counts.get(key) ?? 0]));
  for (const [key, count] of counts) all.set(key, count);
  return all;
}
