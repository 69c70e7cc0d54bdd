import type { DomainEvent } from '../shared/decider.js';
import type { CredentialTry } from '../credential/login-verdict.js';

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'COMPLETED_NO_DEVICES', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FAILURE_CATEGORIES = [
  'auth',
  'timeout',
  'unreachable',
  'hostkey',
  'prompt',
  'protocol',
  'command',
  'config',
  'circuit-open',
  // NetRaven's own side failed (storage, queue) on every delivery: the device was not reached or not recorded.
  'internal',
  // No outcome within the task deadline: the worker was lost or the session stalled; the job completes anyway.
  'deadline',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** Failures that may pass on their own (a retry or the circuit breaker deals with them); the rest need a person. */
export const TRANSIENT_FAILURE_CATEGORIES: readonly FailureCategory[] = ['timeout', 'unreachable', 'protocol'];

export function isTransientFailure(category: FailureCategory): boolean {
  return TRANSIENT_FAILURE_CATEGORIES.includes(category);
}

/** What a job does on each device: capture the config, check the login only, or run read-only commands. */
export const JOB_TYPES = ['backup', 'reachability', 'command'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** HIGH for run-now, NORMAL for schedules, LOW for bulk re-runs (see infra/src/queue/priority-picker.ts for the fairness rule). */
export const JOB_PRIORITIES = ['HIGH', 'NORMAL', 'LOW'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

export interface JobTargets {
  deviceIds: string[];
  tags: string[];
  /** Every active device (the system reachability schedule); absent on everything a user targets. */
  all?: boolean;
}

/** One read-only command's output on one device, redacted like a config. */
export interface CommandResult {
  command: string;
  output: string;
}

/** What a device told us about itself during a backup. */
export interface DeviceFacts {
  hostname?: string;
  model?: string;
  serial?: string;
  osVersion?: string;
}

/**
 * A job of any kind was asked for (the name is kept from when every job was a backup).
 * Schema v2 added `priority` and the optional `scheduleId`, `rerunOf` and `commands` (see job/upcasters.ts).
 */
export type BackupScheduled = DomainEvent<
  'BackupScheduled',
  {
    jobId: string; jobType: JobType; targets: JobTargets; scheduledAt: string; priority: JobPriority;
    /** The schedule whose occurrence fired this job. */
    scheduleId?: string;
    /** The job whose failed devices this job runs again. */
    rerunOf?: string;
    /** The read-only commands of a `command` job. */
    commands?: string[];
  }
>;
/**
 * Targets resolved to concrete devices at dispatch time; the list is fixed from then on.
 * Schema v2 added `jobType`, `priority` and `commands`, so the relay can queue each task by itself.
 */
export type JobDispatched = DomainEvent<
  'JobDispatched',
  { jobId: string; deviceIds: string[]; dispatchedAt: string; jobType: JobType; priority: JobPriority; commands?: string[] }
>;
/** The job was cancelled: its queued devices end CANCELLED; `running` devices still report (or time out). */
export type JobCancelled = DomainEvent<
  'JobCancelled',
  { jobId: string; cancelledDeviceIds: string[]; running: number; cancelledAt: string }
>;
/** A reachability check or a command run succeeded on one device (a backup's success is SnapshotRecorded). */
export type DeviceTaskSucceeded = DomainEvent<
  'DeviceTaskSucceeded',
  { jobId: string; deviceId: string; finishedAt: string; results?: CommandResult[]; credentialsTried?: CredentialTry[] }
>;
export type DeviceBackupStarted = DomainEvent<
  'DeviceBackupStarted',
  { jobId: string; deviceId: string; workerId: string; attempt: number; startedAt: string }
>;
export type SnapshotRecorded = DomainEvent<
  'SnapshotRecorded',
  {
    jobId: string;
    deviceId: string;
    /** Git commit holding this config (the previous one when unchanged). */
    commit: string;
    changed: boolean;
    sha256: string;
    size: number;
    facts: DeviceFacts;
    recordedAt: string;
    /**
     * The credentials the worker tried, in order, and what each login said (the last one was accepted).
     * Optional and additive: absent on events written before credential sets, and nothing reads an absence
     * differently from an empty list, so no schema version or upcaster is needed.
     */
    credentialsTried?: CredentialTry[];
  }
>;
/** Schema v2 added `transient`; v1 events are upcast (see job/upcasters.ts). */
export type DeviceBackupFailed = DomainEvent<
  'DeviceBackupFailed',
  {
    jobId: string; deviceId: string; category: FailureCategory; transient: boolean; message: string; failedAt: string;
    /** As on SnapshotRecorded: absent when no credential was tried (circuit open, deadline, older events). */
    credentialsTried?: CredentialTry[];
  }
>;
export type JobCompleted = DomainEvent<
  'JobCompleted',
  {
    jobId: string;
    status: Extract<JobStatus, 'COMPLETED' | 'FAILED' | 'COMPLETED_NO_DEVICES' | 'CANCELLED'>;
    succeeded: number;
    failed: number;
    /** Devices that never ran because the job was cancelled (absent: none). */
    cancelled?: number;
    completedAt: string;
  }
>;

export type JobEvent =
  | BackupScheduled
  | JobDispatched
  | DeviceBackupStarted
  | SnapshotRecorded
  | DeviceBackupFailed
  | JobCancelled
  | DeviceTaskSucceeded
  | JobCompleted;

export const JOB_EVENT_TYPES: readonly JobEvent['type'][] = [
  'BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCancelled', 'DeviceTaskSucceeded', 'JobCompleted',
];
