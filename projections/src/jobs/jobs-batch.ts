import { sql, type Selectable } from 'kysely';
import type {
  BackupScheduled,
  DeviceBackupFailed,
  DeviceBackupStarted,
  JobCompleted,
  JobDispatched,
  SnapshotRecorded,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type BatchApplier } from '../runner/projector.js';
import type { JobDevicesTable, JobsTable } from '../schema/database.js';
import { writeRows, type ColumnTypes } from '../schema/bulk-writes.js';

type Job = Selectable<JobsTable>;
type JobDevice = Selectable<JobDevicesTable>;

const JOB_COLUMNS: ColumnTypes<'jobs'> = {
  id: 'text', job_type: 'text', status: 'text', target_device_ids: 'jsonb', target_tags: 'jsonb', device_count: 'integer',
  succeeded: 'integer', failed: 'integer', scheduled_at: 'timestamptz', dispatched_at: 'timestamptz', started_at: 'timestamptz',
  completed_at: 'timestamptz', requested_by: 'text',
};

const JOB_DEVICE_COLUMNS: ColumnTypes<'job_devices'> = {
  job_id: 'text', device_id: 'text', status: 'text', attempts: 'integer', worker_id: 'text', started_at: 'timestamptz',
  finished_at: 'timestamptz', error_category: 'text', error_message: 'text', snapshot_commit: 'text', changed: 'boolean',
};

const deviceKey = (jobId: string, deviceId: string): string => `${jobId}\u0000${deviceId}`;

/**
 * The jobs projector for many events at once: the touched rows are loaded, every event is applied
 * to them in memory exactly as `jobsProjector.apply` would in SQL (an update of a missing row does
 * nothing), and the changed rows are written back in a few multi-row upserts.
 */
export const jobsBatch: BatchApplier = {
  eventTypes: ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted'],
  async applyAll(trx, events) {
    const jobIds = [...new Set(events.map((e) => dataOf<{ jobId: string }>(e).jobId))];
    const jobs = new Map<string, Job>();
    const devices = new Map<string, JobDevice>();
    for (const row of await trx.selectFrom('jobs').selectAll().where(sql<boolean>`id = ANY(${jobIds}::text[])`).execute()) jobs.set(row.id, row);
    for (const row of await trx.selectFrom('job_devices').selectAll().where(sql<boolean>`job_id = ANY(${jobIds}::text[])`).execute()) {
      devices.set(deviceKey(row.job_id, row.device_id), row);
    }
    const dirtyJobs = new Set<string>();
    const dirtyDevices = new Set<string>();
    const touchJob = (id: string, change: (job: Job) => Partial<Job> | undefined): void => {
      const job = jobs.get(id);
      const update = job && change(job);
      if (!job || !update) return;
      jobs.set(id, { ...job, ...update });
      dirtyJobs.add(id);
    };
    const touchDevice = (jobId: string, deviceId: string, update: Partial<JobDevice>): void => {
      const key = deviceKey(jobId, deviceId);
      const row = devices.get(key);
      if (!row) return;
      devices.set(key, { ...row, ...update });
      dirtyDevices.add(key);
    };
    for (const event of events) {
      applyInMemory(event, { jobs, devices, dirtyJobs, dirtyDevices, touchJob, touchDevice });
    }
    await writeRows(trx, 'jobs', JOB_COLUMNS, [...dirtyJobs].map((id) => jobs.get(id) as Job), { key: ['id'], then: 'update' });
    await writeRows(trx, 'job_devices', JOB_DEVICE_COLUMNS, [...dirtyDevices].map((key) => devices.get(key) as JobDevice),
      { key: ['job_id', 'device_id'], then: 'update' });
  },
};

interface Rows {
  jobs: Map<string, Job>;
  devices: Map<string, JobDevice>;
  dirtyJobs: Set<string>;
  dirtyDevices: Set<string>;
  touchJob(id: string, change: (job: Job) => Partial<Job> | undefined): void;
  touchDevice(jobId: string, deviceId: string, update: Partial<JobDevice>): void;
}

function applyInMemory(event: RecordedEvent, rows: Rows): void {
  switch (event.type) {
    case 'BackupScheduled': {
      const d = dataOf<BackupScheduled['data']>(event);
      const fields = {
        job_type: d.jobType, status: 'QUEUED', target_device_ids: [...d.targets.deviceIds], target_tags: [...d.targets.tags],
        scheduled_at: new Date(d.scheduledAt), requested_by: event.metadata.actor,
      };
      const existing = rows.jobs.get(d.jobId);
      rows.jobs.set(d.jobId, existing ? { ...existing, ...fields } : {
        id: d.jobId, ...fields, device_count: 0, succeeded: 0, failed: 0, dispatched_at: null, started_at: null, completed_at: null,
      });
      rows.dirtyJobs.add(d.jobId);
      return;
    }
    case 'JobDispatched': {
      const d = dataOf<JobDispatched['data']>(event);
      rows.touchJob(d.jobId, () => ({ device_count: d.deviceIds.length, dispatched_at: new Date(d.dispatchedAt) }));
      for (const deviceId of d.deviceIds) {
        const key = deviceKey(d.jobId, deviceId);
        if (rows.devices.has(key)) continue;
        rows.devices.set(key, { job_id: d.jobId, device_id: deviceId, status: 'QUEUED', attempts: 0, worker_id: null, started_at: null,
          finished_at: null, error_category: null, error_message: null, snapshot_commit: null, changed: null });
        rows.dirtyDevices.add(key);
      }
      return;
    }
    case 'DeviceBackupStarted': {
      const d = dataOf<DeviceBackupStarted['data']>(event);
      const at = new Date(d.startedAt);
      rows.touchJob(d.jobId, (job) => (job.status === 'QUEUED' ? { status: 'RUNNING', started_at: job.started_at ?? at } : undefined));
      rows.touchDevice(d.jobId, d.deviceId, { status: 'RUNNING', attempts: d.attempt, worker_id: d.workerId, started_at: at });
      return;
    }
    case 'SnapshotRecorded': {
      const d = dataOf<SnapshotRecorded['data']>(event);
      rows.touchDevice(d.jobId, d.deviceId, { status: 'SUCCEEDED', finished_at: new Date(d.recordedAt), snapshot_commit: d.commit, changed: d.changed });
      rows.touchJob(d.jobId, (job) => ({ succeeded: job.succeeded + 1 }));
      return;
    }
    case 'DeviceBackupFailed': {
      const d = dataOf<DeviceBackupFailed['data']>(event);
      rows.touchDevice(d.jobId, d.deviceId, { status: 'FAILED', finished_at: new Date(d.failedAt), error_category: d.category, error_message: d.message });
      rows.touchJob(d.jobId, (job) => ({ failed: job.failed + 1 }));
      return;
    }
    case 'JobCompleted': {
      const d = dataOf<JobCompleted['data']>(event);
      rows.touchJob(d.jobId, () => ({ status: d.status, completed_at: new Date(d.completedAt), succeeded: d.succeeded, failed: d.failed }));
      return;
    }
  }
}
