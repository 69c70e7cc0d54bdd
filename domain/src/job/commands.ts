import type { Command } from '../shared/decider.js';
import type { CredentialTry } from '../credential/login-verdict.js';
import type { CommandResult, DeviceFacts, FailureCategory, JobPriority, JobTargets, JobType } from './events.js';

/** Asks for a job of any kind (`jobType` default backup, `priority` default HIGH: a person asking now). */
export type ScheduleBackup = Command<
  'ScheduleBackup',
  {
    jobId: string; targets: JobTargets; jobType?: JobType; priority?: JobPriority;
    scheduleId?: string; rerunOf?: string; commands?: readonly string[];
  }
>;
/** Queued devices end CANCELLED; running ones finish or time out. A finished job cannot be cancelled. */
export type CancelJob = Command<'CancelJob', { jobId: string }>;
/** A reachability check or command run succeeded; `results` holds a command job's redacted outputs. */
export type RecordDeviceResult = Command<
  'RecordDeviceResult',
  { jobId: string; deviceId: string; results?: readonly CommandResult[]; credentialsTried?: CredentialTry[] }
>;
export type DispatchJob = Command<'DispatchJob', { jobId: string; deviceIds: string[] }>;
export type StartDeviceBackup = Command<
  'StartDeviceBackup',
  { jobId: string; deviceId: string; workerId: string; attempt: number }
>;
export type RecordSnapshot = Command<
  'RecordSnapshot',
  {
    jobId: string; deviceId: string; commit: string; changed: boolean; sha256: string; size: number; facts: DeviceFacts;
    credentialsTried?: CredentialTry[];
  }
>;
export type RecordDeviceFailure = Command<
  'RecordDeviceFailure',
  { jobId: string; deviceId: string; category: FailureCategory; message: string; credentialsTried?: CredentialTry[] }
>;

export type JobCommand = ScheduleBackup | DispatchJob | StartDeviceBackup | RecordSnapshot | RecordDeviceFailure | CancelJob | RecordDeviceResult;
