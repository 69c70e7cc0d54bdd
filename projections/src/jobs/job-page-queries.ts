import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { occurrenceJobIdPrefix } from '@netraven/domain';
import type { ReadModelDatabase } from '../schema/database.js';
import { deviceInScope, jobInScope } from '../access/scope-filters.js';
import { pageByKeyset, type KeysetCursor, type KeysetOrder, type KeysetPage } from '../paging/keyset.js';
import type { JobDeviceRow, JobRow } from './job-queries.js';

/** NEWEST: latest scheduled first; OLDEST: the reverse. */
export const JOB_SORTS = ['NEWEST', 'OLDEST'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

export interface JobListFilter {
  readonly status?: string;
  /** The job type (`backup`, ...). */
  readonly kind?: string;
  /** Only the jobs this schedule fired. */
  readonly scheduleId?: string;
  /** Scheduled at or after / before this instant. */
  readonly since?: Date;
  readonly until?: Date;
  readonly scope?: readonly string[];
}

const scheduledKey = sql<Date>`jobs.scheduled_at`;
const ORDERS: Record<JobSort, KeysetOrder> = {
  NEWEST: { key: scheduledKey, keyType: 'timestamptz', id: 'jobs.id', descending: true },
  OLDEST: { key: scheduledKey, keyType: 'timestamptz', id: 'jobs.id', descending: false },
};

export const jobCursor = (job: JobRow): KeysetCursor => ({ key: job.scheduled_at.toISOString(), id: job.id });

function filtered(db: Kysely<ReadModelDatabase>, filter: JobListFilter): SelectQueryBuilder<ReadModelDatabase, 'jobs', object> {
  let query = db.selectFrom('jobs');
  if (filter.status) query = query.where('jobs.status', '=', filter.status);
  if (filter.kind) query = query.where('jobs.job_type', '=', filter.kind);
  if (filter.scheduleId !== undefined) {
    // A schedule's jobs carry its id: `sched-<scheduleId>-<epoch seconds>`.
    const prefix = occurrenceJobIdPrefix(filter.scheduleId);
    query = query.where(sql<boolean>`(left(jobs.id, ${prefix.length}) = ${prefix} and substr(jobs.id, ${prefix.length + 1}) ~ '^[0-9]+$')`);
  }
  if (filter.since) query = query.where('jobs.scheduled_at', '>=', filter.since);
  if (filter.until) query = query.where('jobs.scheduled_at', '<', filter.until);
  if (filter.scope?.length) query = query.where(jobInScope('jobs.id', filter.scope));
  return query;
}

export function pageJobs(db: Kysely<ReadModelDatabase>, filter: JobListFilter, sort: JobSort, page: KeysetPage): Promise<JobRow[]> {
  return pageByKeyset(filtered(db, filter).selectAll('jobs'), ORDERS[sort], page).execute();
}

export async function countJobs(db: Kysely<ReadModelDatabase>, filter: JobListFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const JOB_DEVICE_ORDER: KeysetOrder = { key: sql<string>`job_devices.device_id`, keyType: 'text', id: 'job_devices.device_id', descending: false };

export const jobDeviceCursor = (row: JobDeviceRow): KeysetCursor => ({ key: row.device_id, id: row.device_id });

function jobDevicesOf(db: Kysely<ReadModelDatabase>, jobId: string, scope?: readonly string[]): SelectQueryBuilder<ReadModelDatabase, 'job_devices', object> {
  let query = db.selectFrom('job_devices').where('job_devices.job_id', '=', jobId);
  if (scope?.length) query = query.where(deviceInScope('job_devices.device_id', scope));
  return query;
}

/** One page of a job's devices, by device id; with `scope`, only those a scoped reader may see. */
export function pageJobDevices(db: Kysely<ReadModelDatabase>, jobId: string, scope: readonly string[] | undefined, page: KeysetPage): Promise<JobDeviceRow[]> {
  return pageByKeyset(jobDevicesOf(db, jobId, scope).selectAll('job_devices'), JOB_DEVICE_ORDER, page).execute();
}

export async function countJobDevices(db: Kysely<ReadModelDatabase>, jobId: string, scope?: readonly string[]): Promise<number> {
  const row = await jobDevicesOf(db, jobId, scope).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
