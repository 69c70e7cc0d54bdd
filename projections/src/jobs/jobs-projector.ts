import { sql } from 'kysely';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import type { Projector, ReadModelTransaction } from '../runner/projector.js';
import { writeRows, type ColumnTypes } from '../schema/bulk-writes.js';
import { jobRowKeysOf, JobRows, type JobDeviceRow, type JobRow, type JobRowKeys } from './job-rows.js';

const JOB_EVENT_TYPES = ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCancelled', 'DeviceTaskSucceeded', 'JobCompleted'];

/**
 * `jobs` and `job_devices`: each job's status and every device's progress and outcome in it. The live
 * runner (one event at a time) and the rebuild (thousands at once) go through the same `applyJobEvents`.
 */
export const jobsProjector: Projector = {
  name: 'jobs',
  tables: ['jobs', 'job_devices'],
  eventTypes: JOB_EVENT_TYPES,
  apply: (trx, event) => applyJobEvents(trx, [event]),
  batch: { eventTypes: JOB_EVENT_TYPES, applyAll: applyJobEvents },
};

/**
 * Loads the rows the events touch (only those: one outcome of a 10,000-device job reads one device row),
 * applies the events to them in log order in memory, and writes the changed rows back in a few multi-row
 * upserts. Counting outcomes up is safe: the runner applies each event exactly once (its checkpoint claim).
 */
async function applyJobEvents(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const keys = jobRowKeysOf(events);
  const rows = new JobRows(await loadJobs(trx, keys.jobIds), await loadJobDevices(trx, keys.devices));
  for (const event of events) rows.apply(event);
  await writeRows(trx, 'jobs', JOB_COLUMNS, rows.changedJobRows(), { key: ['id'], then: 'update' });
  await writeRows(trx, 'job_devices', JOB_DEVICE_COLUMNS, rows.changedDeviceRows(), { key: ['job_id', 'device_id'], then: 'update' });
}

async function loadJobs(trx: ReadModelTransaction, ids: string[]): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  return trx.selectFrom('jobs').selectAll().where(sql<boolean>`id = ANY(${ids}::text[])`).execute();
}

async function loadJobDevices(trx: ReadModelTransaction, pairs: JobRowKeys['devices']): Promise<JobDeviceRow[]> {
  if (pairs.jobIds.length === 0) return [];
  return trx.selectFrom('job_devices').selectAll()
    .where(sql<boolean>`(job_id, device_id) IN (SELECT * FROM unnest(${pairs.jobIds}::text[], ${pairs.deviceIds}::text[]))`)
    .execute();
}

const JOB_COLUMNS: ColumnTypes<'jobs'> = {
  id: 'text', job_type: 'text', status: 'text', target_device_ids: 'jsonb', target_tags: 'jsonb', device_count: 'integer',
  succeeded: 'integer', failed: 'integer', scheduled_at: 'timestamptz', dispatched_at: 'timestamptz', started_at: 'timestamptz',
  completed_at: 'timestamptz', requested_by: 'text', priority: 'text', schedule_id: 'text', rerun_of: 'text', commands: 'jsonb', cancelled: 'integer',
};

const JOB_DEVICE_COLUMNS: ColumnTypes<'job_devices'> = {
  job_id: 'text', device_id: 'text', status: 'text', attempts: 'integer', worker_id: 'text', started_at: 'timestamptz',
  finished_at: 'timestamptz', error_category: 'text', error_message: 'text', snapshot_commit: 'text', changed: 'boolean',
};
