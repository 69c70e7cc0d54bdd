import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import { deviceInScope, jobInScope } from '../access/scope-filters.js';
import type { DeviceRow } from '../devices/device-queries.js';
import type { JobRow } from '../jobs/job-queries.js';

/** Which changed jobs a `jobsChanged` subscriber wants: any of the statuses, any of the kinds (empty: all). */
export interface JobChangeFilter {
  readonly statuses?: readonly string[];
  readonly kinds?: readonly string[];
  readonly scope?: readonly string[];
}

/** Which changed devices a `deviceChanged` subscriber wants; every list given narrows (empty: all). */
export interface DeviceChangeFilter {
  readonly deviceIds?: readonly string[];
  readonly tags?: readonly string[];
  readonly platforms?: readonly string[];
  readonly scope?: readonly string[];
}

/** The jobs among `ids` that match: what a live reader re-reads after a change notice. */
export function jobsAmong(db: Kysely<ReadModelDatabase>, ids: readonly string[], filter: JobChangeFilter): Promise<JobRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('jobs').selectAll().where(sql<boolean>`id = any(${[...ids]}::text[])`);
  if (filter.statuses?.length) query = query.where(sql<boolean>`status = any(${[...filter.statuses]}::text[])`);
  if (filter.kinds?.length) query = query.where(sql<boolean>`job_type = any(${[...filter.kinds]}::text[])`);
  if (filter.scope?.length) query = query.where(jobInScope('jobs.id', filter.scope));
  return query.orderBy('scheduled_at').orderBy('id').execute();
}

/** The devices among `ids` (decommissioned ones too: that is a change) that match, with their tags. */
export async function devicesAmong(db: Kysely<ReadModelDatabase>, ids: readonly string[], filter: DeviceChangeFilter): Promise<DeviceRow[]> {
  const wanted = filter.deviceIds?.length ? ids.filter((id) => filter.deviceIds?.includes(id)) : ids;
  if (wanted.length === 0) return [];
  let query = db.selectFrom('devices').selectAll('devices')
    .select(sql<string[]>`array(select dt.tag from device_tags dt where dt.device_id = devices.id order by dt.tag)`.as('tags'))
    .where(sql<boolean>`id = any(${[...wanted]}::text[])`);
  if (filter.platforms?.length) query = query.where(sql<boolean>`platform = any(${[...filter.platforms]}::text[])`);
  if (filter.tags?.length) {
    const tags = [...filter.tags];
    query = query.where(sql<boolean>`exists (select 1 from device_tags ft where ft.device_id = devices.id and ft.tag = any(${tags}::text[]))`);
  }
  if (filter.scope?.length) query = query.where(deviceInScope('devices.id', filter.scope));
  return query.orderBy('name').orderBy('id').execute();
}
