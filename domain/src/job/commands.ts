import type { Command } from '../shared/decider.js';
import type { CredentialTry } from '../credential/login-verdict.js';
import type { DeviceFacts, FailureCategory, JobTargets } from './events.js';

export type ScheduleBackup = Command<'ScheduleBackup', { jobId: string; targets: JobTargets }>;
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

export type JobCommand = ScheduleBackup | DispatchJob | StartDeviceBackup | RecordSnapshot | RecordDeviceFailure;
