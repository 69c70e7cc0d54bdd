import type { Kysely } from 'kysely';
import {
  devicesAmong, jobsAmong, lastLogPosition, logsAfterPosition,
  type DeviceChangeFilter, type DeviceRow, type JobChangeFilter, type JobRow, type LogPosition, type LogRow, type ReadModelDatabase,
} from '@netraven/projections';
import { isScoped, type Actor } from './access/actor.js';
import { authorize, type Operation } from './access/policy.js';
import { scopeOf } from './access/scope.js';
import type { LogQueryFilter } from './log-queries.js';
import { NetRavenQueries } from './netraven-queries.js';

export type LiveOperation = Extract<Operation, 'jobsChanged' | 'deviceChanged' | 'logAdded'>;

/**
 * The reads behind the live subscriptions (`jobsChanged`, `deviceChanged`, `logAdded`): after each
 * read-model change, what a query with the same filter and the actor's scope returns, so a
 * subscriber never receives what a query would not show it.
 */
export class LiveQueries {
  private readonly queries: NetRavenQueries;

  constructor(private readonly db: Kysely<ReadModelDatabase>) {
    this.queries = new NetRavenQueries(db);
  }

  /** The check made when a subscription starts and again at every message it is sent. */
  recheck(actor: Actor, operation: LiveOperation): void {
    authorize(actor, operation);
  }

  /** Where a new `logAdded` reader starts: after the newest line there is. */
  logStart(actor: Actor): Promise<LogPosition> {
    authorize(actor, 'logAdded');
    return lastLogPosition(this.db);
  }

  /** Lines after `after` (event-log order) that match the filter within the actor's scope. */
  logsAdded(actor: Actor, filter: LogQueryFilter, after: LogPosition, limit: number): Promise<LogRow[]> {
    authorize(actor, 'logAdded');
    const scope = scopeOf(actor);
    return logsAfterPosition(this.db, scope ? { ...filter, scope } : filter, after, limit);
  }

  /** The changed jobs that match, as `job(id)` shows them to the actor (a scoped reader's counts are its own). */
  async changedJobs(actor: Actor, ids: readonly string[], filter: Omit<JobChangeFilter, 'scope'>): Promise<JobRow[]> {
    authorize(actor, 'jobsChanged');
    const scope = scopeOf(actor);
    const rows = await jobsAmong(this.db, ids, scope ? { ...filter, scope } : filter);
    if (!isScoped(actor)) return rows;
    const views = await Promise.all(rows.map((row) => this.queries.job(actor, row.id)));
    return views.filter((job): job is JobRow => job !== undefined);
  }

  async changedDevices(actor: Actor, ids: readonly string[], filter: Omit<DeviceChangeFilter, 'scope'>): Promise<DeviceRow[]> {
    authorize(actor, 'deviceChanged');
    const scope = scopeOf(actor);
    return devicesAmong(this.db, ids, scope ? { ...filter, scope } : filter);
  }
}
