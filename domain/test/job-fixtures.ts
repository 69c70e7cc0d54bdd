import type {
  DeviceFacts,
  FailureCategory,
  JobCommand,
  JobCompleted,
  JobEvent,
  JobTargets,
  RecordSnapshot,
  SnapshotRecorded,
} from '../src/job/index.js';
import { isTransientFailure } from '../src/job/index.js';
import { EARLIER, metadata } from './decider-spec.js';

/**
 * Builders that let a job spec read like a shift log: "given the nightly backup was dispatched to
 * core-sw-1 and edge-rtr-1, when core-sw-1's snapshot is recorded, then ...". History events default
 * to EARLIER; pass AT to build the events a command is expected to produce.
 */
export const jobId = 'nightly-2025-03-01';

const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const factsOf = (deviceId: string): DeviceFacts => ({
  hostname: deviceId,
  model: 'C9300-48P',
  serial: `FOC-${deviceId}`,
  osVersion: '17.9.4',
});
export const snapshotOf = (deviceId: string): Omit<RecordSnapshot['data'], 'jobId' | 'deviceId'> => ({
  commit: `commit-${deviceId}`,
  changed: true,
  sha256,
  size: 18_432,
  facts: factsOf(deviceId),
});

// Commands

export const scheduleBackup = (targets: Partial<JobTargets>): JobCommand => ({
  type: 'ScheduleBackup',
  data: { jobId, targets: { deviceIds: [], tags: [], ...targets } },
  metadata,
});

export const dispatchTo = (...deviceIds: string[]): JobCommand => ({
  type: 'DispatchJob',
  data: { jobId, deviceIds },
  metadata,
});

export const startBackupOf = (deviceId: string, attempt = 1, workerId = 'worker-a'): JobCommand => ({
  type: 'StartDeviceBackup',
  data: { jobId, deviceId, workerId, attempt },
  metadata,
});

export const recordSnapshotOf = (
  deviceId: string,
  overrides: Partial<RecordSnapshot['data']> = {},
): JobCommand => ({
  type: 'RecordSnapshot',
  data: { jobId, deviceId, ...snapshotOf(deviceId), ...overrides },
  metadata,
});

export const recordFailureOf = (
  deviceId: string,
  category: FailureCategory = 'timeout',
  message = 'no prompt within 30s',
): JobCommand => ({
  type: 'RecordDeviceFailure',
  data: { jobId, deviceId, category, message },
  metadata,
});

// Events

export const backupScheduled = (
  targets: JobTargets = { deviceIds: [], tags: ['core'] },
  scheduledAt = EARLIER,
): JobEvent => ({ type: 'BackupScheduled', data: { jobId, jobType: 'backup', targets, scheduledAt, priority: 'HIGH' } });

export const jobDispatched = (deviceIds: string[], dispatchedAt = EARLIER): JobEvent => ({
  type: 'JobDispatched',
  data: { jobId, deviceIds, dispatchedAt, jobType: 'backup', priority: 'HIGH' },
});

export const backupStarted = (deviceId: string, attempt = 1, startedAt = EARLIER, workerId = 'worker-a'): JobEvent => ({
  type: 'DeviceBackupStarted',
  data: { jobId, deviceId, workerId, attempt, startedAt },
});

export const snapshotRecorded = (
  deviceId: string,
  recordedAt = EARLIER,
  overrides: Partial<SnapshotRecorded['data']> = {},
): JobEvent => ({
  type: 'SnapshotRecorded',
  data: { jobId, deviceId, ...snapshotOf(deviceId), recordedAt, ...overrides },
});

export const backupFailed = (
  deviceId: string,
  failedAt = EARLIER,
  category: FailureCategory = 'timeout',
  message = 'no prompt within 30s',
): JobEvent => ({
  type: 'DeviceBackupFailed',
  data: { jobId, deviceId, category, transient: isTransientFailure(category), message, failedAt },
});

export const jobCompleted = (
  status: JobCompleted['data']['status'],
  counts: { succeeded: number; failed: number },
  completedAt = EARLIER,
): JobEvent => ({ type: 'JobCompleted', data: { jobId, status, ...counts, completedAt } });
