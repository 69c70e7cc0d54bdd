import type { Selectable } from 'kysely';
import type {
  BackupScheduled,
  DeviceBackupFailed,
  DeviceBackupStarted,
  DeviceTaskSucceeded,
  JobCancelled,
  JobCompleted,
  JobDispatched,
  SnapshotRecorded,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf } from '../runner/projector.js';
import type { JobDevicesTable, JobsTable } from '../schema/database.js';

export type JobRow = Selectable<JobsTable>;
export type JobDeviceRow = Selectable<JobDevicesTable>;

/** The rows a run of events reads or writes: each event's job, and the devices of a job it names. */
export interface JobRowKeys {
  readonly jobIds: string[];
  /** Pairs as two parallel lists (job id, device id), the shape `unnest` takes. */
  readonly devices: { readonly jobIds: string[]; readonly deviceIds: string[] };
}

export function jobRowKeysOf(events: readonly RecordedEvent[]): JobRowKeys {
  const jobIds = new Set<string>();
  const pairs = new Map<string, [string, string]>();
  const addDevice = (jobId: string, deviceId: string): void => {
    pairs.set(deviceKey(jobId, deviceId), [jobId, deviceId]);
  };
  for (const event of events) {
    const { jobId } = dataOf<{ jobId: string }>(event);
    jobIds.add(jobId);
    if (event.type === 'JobDispatched') for (const deviceId of dataOf<JobDispatched['data']>(event).deviceIds) addDevice(jobId, deviceId);
    else if (event.type === 'JobCancelled') for (const deviceId of dataOf<JobCancelled['data']>(event).cancelledDeviceIds) addDevice(jobId, deviceId);
    else if (event.type !== 'BackupScheduled' && event.type !== 'JobCompleted') addDevice(jobId, dataOf<{ deviceId: string }>(event).deviceId);
  }
  return {
    jobIds: [...jobIds],
    devices: { jobIds: [...pairs.values()].map(([jobId]) => jobId), deviceIds: [...pairs.values()].map(([, deviceId]) => deviceId) },
  };
}

/**
 * The `jobs` and `job_devices` rows a run of events touches, changed in memory one event after the
 * other: the job's status and counts, each device's progress and outcome. An event about a row that
 * is not there (a job never scheduled) changes nothing, as an SQL update of a missing row would.
 */
export class JobRows {
  private readonly jobs = new Map<string, JobRow>();
  private readonly devices = new Map<string, JobDeviceRow>();
  private readonly changedJobs = new Set<string>();
  private readonly changedDevices = new Set<string>();

  constructor(jobs: readonly JobRow[], devices: readonly JobDeviceRow[]) {
    for (const job of jobs) this.jobs.set(job.id, job);
    for (const device of devices) this.devices.set(deviceKey(device.job_id, device.device_id), device);
  }

  changedJobRows(): JobRow[] {
    return [...this.changedJobs].map((id) => this.jobs.get(id) as JobRow);
  }

  changedDeviceRows(): JobDeviceRow[] {
    return [...this.changedDevices].map((key) => this.devices.get(key) as JobDeviceRow);
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'BackupScheduled': {
        const d = dataOf<BackupScheduled['data']>(event);
        const fields = {
          job_type: d.jobType, status: 'QUEUED', target_device_ids: [...d.targets.deviceIds], target_tags: [...d.targets.tags],
          scheduled_at: new Date(d.scheduledAt), requested_by: event.metadata.actor,
          priority: d.priority, schedule_id: d.scheduleId ?? null, rerun_of: d.rerunOf ?? null, commands: [...(d.commands ?? [])],
        };
        const existing = this.jobs.get(d.jobId);
        this.jobs.set(d.jobId, existing ? { ...existing, ...fields } : {
          id: d.jobId, ...fields, device_count: 0, succeeded: 0, failed: 0, cancelled: 0, dispatched_at: null, started_at: null, completed_at: null,
        });
        this.changedJobs.add(d.jobId);
        return;
      }
      case 'JobDispatched': {
        const d = dataOf<JobDispatched['data']>(event);
        this.updateJob(d.jobId, () => ({ device_count: d.deviceIds.length, dispatched_at: new Date(d.dispatchedAt) }));
        for (const deviceId of d.deviceIds) {
          const key = deviceKey(d.jobId, deviceId);
          if (this.devices.has(key)) continue;
          this.devices.set(key, { job_id: d.jobId, device_id: deviceId, status: 'QUEUED', attempts: 0, worker_id: null, started_at: null,
            finished_at: null, error_category: null, error_message: null, snapshot_commit: null, changed: null });
          this.changedDevices.add(key);
        }
        return;
      }
      case 'DeviceBackupStarted': {
        const d = dataOf<DeviceBackupStarted['data']>(event);
        const at = new Date(d.startedAt);
        this.updateJob(d.jobId, (job) => (job.status === 'QUEUED' ? { status: 'RUNNING', started_at: job.started_at ?? at } : undefined));
        this.updateDevice(d.jobId, d.deviceId, { status: 'RUNNING', attempts: d.attempt, worker_id: d.workerId, started_at: at });
        return;
      }
      case 'SnapshotRecorded': {
        const d = dataOf<SnapshotRecorded['data']>(event);
        this.updateDevice(d.jobId, d.deviceId, { status: 'SUCCEEDED', finished_at: new Date(d.recordedAt), snapshot_commit: d.commit, changed: d.changed });
        this.updateJob(d.jobId, (job) => ({ succeeded: job.succeeded + 1 }));
        return;
      }
      case 'DeviceTaskSucceeded': {
        const d = dataOf<DeviceTaskSucceeded['data']>(event);
        this.updateDevice(d.jobId, d.deviceId, { status: 'SUCCEEDED', finished_at: new Date(d.finishedAt) });
        this.updateJob(d.jobId, (job) => ({ succeeded: job.succeeded + 1 }));
        return;
      }
      case 'JobCancelled': {
        const d = dataOf<JobCancelled['data']>(event);
        const at = new Date(d.cancelledAt);
        for (const deviceId of d.cancelledDeviceIds) this.updateDevice(d.jobId, deviceId, { status: 'CANCELLED', finished_at: at });
        this.updateJob(d.jobId, (job) => ({ cancelled: job.cancelled + d.cancelledDeviceIds.length }));
        return;
      }
      case 'DeviceBackupFailed': {
        const d = dataOf<DeviceBackupFailed['data']>(event);
        this.updateDevice(d.jobId, d.deviceId, { status: 'FAILED', finished_at: new Date(d.failedAt), error_category: d.category, error_message: d.message });
        this.updateJob(d.jobId, (job) => ({ failed: job.failed + 1 }));
        return;
      }
      case 'JobCompleted': {
        const d = dataOf<JobCompleted['data']>(event);
        this.updateJob(d.jobId, () => ({ status: d.status, completed_at: new Date(d.completedAt), succeeded: d.succeeded, failed: d.failed }));
        return;
      }
    }
  }

  private updateJob(id: string, change: (job: JobRow) => Partial<JobRow> | undefined): void {
    const job = this.jobs.get(id);
    const update = job && change(job);
    if (!job || !update) return;
    this.jobs.set(id, { ...job, ...update });
    this.changedJobs.add(id);
  }

  private updateDevice(jobId: string, deviceId: string, update: Partial<JobDeviceRow>): void {
    const key = deviceKey(jobId, deviceId);
    const row = this.devices.get(key);
    if (!row) return;
    this.devices.set(key, { ...row, ...update });
    this.changedDevices.add(key);
  }
}

const deviceKey = (jobId: string, deviceId: string): string => `${jobId}\u0000${deviceId}`;
