import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { INPUT_LIMITS, requireId, requireText, uniqueIds } from '../shared/validation.js';
import type { CredentialTry } from '../credential/login-verdict.js';
import type {
  DispatchJob,
  JobCommand,
  RecordDeviceFailure,
  RecordSnapshot,
  ScheduleBackup,
  StartDeviceBackup,
} from './commands.js';
import {
  FAILURE_CATEGORIES,
  type BackupScheduled,
  type DeviceBackupFailed,
  isTransientFailure,
  type DeviceBackupStarted,
  type JobCompleted,
  type JobDispatched,
  type JobEvent,
  type JobTargets,
  type SnapshotRecorded,
} from './events.js';
import { evolve, initialState, type JobState, type RunningJob } from './state.js';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

const completed = (jobId: string, data: Omit<JobCompleted['data'], 'jobId'>): JobCompleted => ({
  type: 'JobCompleted',
  data: { jobId, ...data },
});

/**
 * Guards every per-device command. Refusing a second outcome is what makes a worker's retry safe:
 * whichever report lands first wins, and the job's counts can never double up.
 */
const requireAwaitingOutcome = (state: JobState, deviceId: string): RunningJob => {
  if (state.phase === 'New' || state.phase === 'Scheduled') throw new IllegalStateError('Job is not dispatched');
  if (state.phase === 'Completed') throw new IllegalStateError('Job is already completed');
  if (!state.dispatched.has(deviceId)) throw new IllegalStateError(`Device ${deviceId} is not part of this job`);
  if (state.outcomes.has(deviceId)) throw new IllegalStateError(`Device ${deviceId} already has an outcome`);
  return state;
};

/** The job completes together with the outcome of its last awaited device. */
const completionAfter = (
  job: RunningJob,
  result: 'succeeded' | 'failed',
  jobId: string,
  completedAt: string,
): JobCompleted[] => {
  if (job.outcomes.size + 1 < job.deviceIds.length) return [];

  const results = [...job.outcomes.values()].map((outcome) => outcome.result).concat(result);
  const failed = results.filter((each) => each === 'failed').length;
  const succeeded = results.length - failed;
  return [completed(jobId, { status: failed > 0 ? 'FAILED' : 'COMPLETED', succeeded, failed, completedAt })];
};

/** A backup's targets in canonical form: at most 100,000 device ids and 64 tags, at least one of either. */
export const validateBackupTargets = (targets: ScheduleBackup['data']['targets']): JobTargets => {
  const deviceIds = uniqueIds(targets.deviceIds, 'deviceIds', INPUT_LIMITS.idsPerRequest);
  const tags = normalizeTags(targets.tags, 'tags');
  if (deviceIds.length === 0 && tags.length === 0)
    throw new ValidationError('A backup needs at least one device or tag to target', 'deviceIds');
  return { deviceIds, tags };
};

export const scheduleBackup = (command: ScheduleBackup, state: JobState): BackupScheduled[] => {
  const { jobId } = command.data;
  requireText(jobId, 'jobId');
  const { deviceIds, tags } = validateBackupTargets(command.data.targets);

  if (state.phase !== 'New') throw new IllegalStateError('Job is already scheduled');

  return [
    {
      type: 'BackupScheduled',
      data: { jobId, jobType: 'backup', targets: { deviceIds, tags }, scheduledAt: command.metadata.now.toISOString() },
    },
  ];
};

export const dispatchJob = (command: DispatchJob, state: JobState): JobEvent[] => {
  const { jobId } = command.data;
  const deviceIds = uniqueIds(command.data.deviceIds, 'deviceId');

  if (state.phase === 'New') throw new IllegalStateError('Job is not scheduled');
  if (state.phase !== 'Scheduled') throw new IllegalStateError('Job is already dispatched');

  const at = command.metadata.now.toISOString();
  const dispatched: JobDispatched = { type: 'JobDispatched', data: { jobId, deviceIds, dispatchedAt: at } };
  if (deviceIds.length > 0) return [dispatched];

  // No device matched the targets: nothing will ever report, so the job finishes here.
  return [dispatched, completed(jobId, { status: 'COMPLETED_NO_DEVICES', succeeded: 0, failed: 0, completedAt: at })];
};

export const startDeviceBackup = (command: StartDeviceBackup, state: JobState): DeviceBackupStarted[] => {
  const { jobId, deviceId, workerId, attempt } = command.data;
  requireText(workerId, 'workerId');
  if (!Number.isInteger(attempt) || attempt < 1) throw new ValidationError('attempt must be a positive integer');

  // A repeated start is a redelivery after a worker crash: allowed until the device has an outcome.
  requireAwaitingOutcome(state, deviceId);

  return [
    {
      type: 'DeviceBackupStarted',
      data: { jobId, deviceId, workerId, attempt, startedAt: command.metadata.now.toISOString() },
    },
  ];
};

export const recordSnapshot = (command: RecordSnapshot, state: JobState): JobEvent[] => {
  const { jobId, deviceId, commit, changed, sha256, size, facts, credentialsTried } = command.data;
  requireText(commit, 'commit');
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))
    throw new ValidationError('sha256 must be 64 hexadecimal characters');
  if (!Number.isInteger(size) || size < 0) throw new ValidationError('size must be a non-negative integer');

  const job = requireAwaitingOutcome(state, deviceId);

  const recordedAt = command.metadata.now.toISOString();
  const recorded: SnapshotRecorded = {
    type: 'SnapshotRecorded',
    data: { jobId, deviceId, commit, changed, sha256, size, facts, recordedAt, ...triedOf(credentialsTried) },
  };
  return [recorded, ...completionAfter(job, 'succeeded', jobId, recordedAt)];
};

export const recordDeviceFailure = (command: RecordDeviceFailure, state: JobState): JobEvent[] => {
  const { jobId, deviceId, category, message, credentialsTried } = command.data;
  if (!(FAILURE_CATEGORIES as readonly string[]).includes(category))
    throw new ValidationError(`category must be one of ${FAILURE_CATEGORIES.join(', ')}`);
  requireText(message, 'message');

  const job = requireAwaitingOutcome(state, deviceId);

  const failedAt = command.metadata.now.toISOString();
  const failed: DeviceBackupFailed = {
    type: 'DeviceBackupFailed',
    data: { jobId, deviceId, category, transient: isTransientFailure(category), message, failedAt, ...triedOf(credentialsTried) },
  };
  return [failed, ...completionAfter(job, 'failed', jobId, failedAt)];
};

/** The credentials tried go into the outcome only when there were some, so outcomes without credentials keep their shape. */
const triedOf = (tried: readonly CredentialTry[] | undefined): { credentialsTried?: CredentialTry[] } => {
  if (tried === undefined || tried.length === 0) return {};
  for (const t of tried) {
    requireId(t.credentialId, 'credentialsTried');
    if (!['accepted', 'refused', 'undecided'].includes(t.verdict)) throw new ValidationError('credentialsTried: unknown verdict', 'credentialsTried');
  }
  return { credentialsTried: tried.map((t) => ({ credentialId: t.credentialId, verdict: t.verdict })) };
};

export const decide = (command: JobCommand, state: JobState): JobEvent[] => {
  switch (command.type) {
    case 'ScheduleBackup':
      return scheduleBackup(command, state);
    case 'DispatchJob':
      return dispatchJob(command, state);
    case 'StartDeviceBackup':
      return startDeviceBackup(command, state);
    case 'RecordSnapshot':
      return recordSnapshot(command, state);
    case 'RecordDeviceFailure':
      return recordDeviceFailure(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown job command ${(command as { type: string }).type}`);
    }
  }
};

export const jobDecider: Decider<JobCommand, JobEvent, JobState> = {
  decide,
  evolve,
  initialState,
  streamName: (jobId) => `job-${jobId}`,
};
