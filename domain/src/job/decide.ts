import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { INPUT_LIMITS, requireId, requireText, uniqueIds } from '../shared/validation.js';
import type { CredentialTry } from '../credential/login-verdict.js';
import type {
  CancelJob,
  DispatchJob,
  JobCommand,
  RecordDeviceResult,
  RecordDeviceFailure,
  RecordSnapshot,
  ScheduleBackup,
  StartDeviceBackup,
} from './commands.js';
import {
  FAILURE_CATEGORIES,
  JOB_PRIORITIES,
  JOB_TYPES,
  type BackupScheduled,
  type CommandResult,
  type DeviceTaskSucceeded,
  type JobCancelled,
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
import { validateCommandList } from './command-allow-list.js';

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
  if (state.outcomes.get(deviceId)?.result === 'cancelled') throw new IllegalStateError(`Device ${deviceId} was cancelled with its job`);
  if (!state.dispatched.has(deviceId)) throw new IllegalStateError(`Device ${deviceId} is not part of this job`);
  if (state.outcomes.has(deviceId)) throw new IllegalStateError(`Device ${deviceId} already has an outcome`);
  return state;
};

/** The job completes together with the outcome of its last awaited device. */
const completionAfter = (
  job: RunningJob,
  result: 'succeeded' | 'failed' | undefined,
  jobId: string,
  completedAt: string,
): JobCompleted[] => {
  const added = result === undefined ? 0 : 1;
  if (job.outcomes.size + added < job.deviceIds.length) return [];

  const results = [...job.outcomes.values()].map((outcome) => outcome.result).concat(result === undefined ? [] : [result]);
  const failed = results.filter((each) => each === 'failed').length;
  const cancelled = results.filter((each) => each === 'cancelled').length;
  const succeeded = results.length - failed - cancelled;
  if (job.cancelled) return [completed(jobId, { status: 'CANCELLED', succeeded, failed, cancelled, completedAt })];
  return [completed(jobId, { status: failed > 0 ? 'FAILED' : 'COMPLETED', succeeded, failed, completedAt })];
};

/** A backup's targets in canonical form: at most 100,000 device ids and 64 tags, at least one of either. */
export const validateBackupTargets = (targets: ScheduleBackup['data']['targets']): JobTargets => {
  if (targets.all === true) return { deviceIds: [], tags: [], all: true };
  const deviceIds = uniqueIds(targets.deviceIds, 'deviceIds', INPUT_LIMITS.idsPerRequest);
  const tags = normalizeTags(targets.tags, 'tags');
  if (deviceIds.length === 0 && tags.length === 0)
    throw new ValidationError('A backup needs at least one device or tag to target', 'deviceIds');
  return { deviceIds, tags };
};

export const scheduleBackup = (command: ScheduleBackup, state: JobState): BackupScheduled[] => {
  const { jobId, scheduleId, rerunOf } = command.data;
  requireText(jobId, 'jobId');
  const targets = validateBackupTargets(command.data.targets);
  const jobType = command.data.jobType ?? 'backup';
  if (!(JOB_TYPES as readonly string[]).includes(jobType)) throw new ValidationError(`jobType must be one of ${JOB_TYPES.join(', ')}`, 'jobType');
  const priority = command.data.priority ?? 'HIGH';
  if (!(JOB_PRIORITIES as readonly string[]).includes(priority)) throw new ValidationError(`priority must be one of ${JOB_PRIORITIES.join(', ')}`, 'priority');
  if (scheduleId !== undefined) requireId(scheduleId, 'scheduleId');
  if (rerunOf !== undefined) requireId(rerunOf, 'rerunOf');
  const commands = jobType === 'command' ? validateCommandList(command.data.commands) : undefined;
  if (jobType !== 'command' && command.data.commands !== undefined && command.data.commands.length > 0)
    throw new ValidationError('commands apply to COMMAND jobs only', 'commands');

  if (state.phase !== 'New') throw new IllegalStateError('Job is already scheduled');

  return [
    {
      type: 'BackupScheduled',
      data: {
        jobId, jobType, targets, priority, scheduledAt: command.metadata.now.toISOString(),
        ...(scheduleId !== undefined ? { scheduleId } : {}), ...(rerunOf !== undefined ? { rerunOf } : {}), ...(commands ? { commands } : {}),
      },
    },
  ];
};

/** Queued devices end CANCELLED at once; started ones still report (or the deadline watchdog fails them). */
export const cancelJob = (command: CancelJob, state: JobState): JobEvent[] => {
  const { jobId } = command.data;
  if (state.phase === 'New') throw new IllegalStateError(`Job ${jobId} does not exist`);
  if (state.phase === 'Completed')
    throw new IllegalStateError(`Job ${jobId} already finished (${state.status}); only a queued or running job can be cancelled`);
  if (state.cancelled) return [];
  const cancelledAt = command.metadata.now.toISOString();
  if (state.phase === 'Scheduled') {
    const cancelled: JobCancelled = { type: 'JobCancelled', data: { jobId, cancelledDeviceIds: [], running: 0, cancelledAt } };
    return [cancelled, completed(jobId, { status: 'CANCELLED', succeeded: 0, failed: 0, cancelled: 0, completedAt: cancelledAt })];
  }
  const awaiting = state.deviceIds.filter((deviceId) => !state.outcomes.has(deviceId));
  const queued = awaiting.filter((deviceId) => !state.attempts.has(deviceId));
  const running = awaiting.length - queued.length;
  const cancelled: JobCancelled = { type: 'JobCancelled', data: { jobId, cancelledDeviceIds: queued, running, cancelledAt } };
  if (running > 0) return [cancelled];
  const after = evolve(state, cancelled) as RunningJob;
  return [cancelled, ...completionAfter(after, undefined, jobId, cancelledAt)];
};

const MAX_RESULTS = 50;
const MAX_OUTPUT_CHARS = 1 << 20;

export const recordDeviceResult = (command: RecordDeviceResult, state: JobState): JobEvent[] => {
  const { jobId, deviceId, results, credentialsTried } = command.data;
  const job = requireAwaitingOutcome(state, deviceId);
  if (results !== undefined && (!Array.isArray(results) || results.length > MAX_RESULTS))
    throw new ValidationError(`results must be a list of at most ${MAX_RESULTS}`, 'results');
  const kept: CommandResult[] | undefined = results?.map((r) => {
    requireText(r.command, 'results');
    if (typeof r.output !== 'string') throw new ValidationError('results: output must be text', 'results');
    // A runaway output is cut (and says so) rather than refused: the rest of the device's answers still count.
    const output = r.output.length > MAX_OUTPUT_CHARS ? `${r.output.slice(0, MAX_OUTPUT_CHARS)}\n... ${r.output.length - MAX_OUTPUT_CHARS} more characters not kept` : r.output;
    return { command: r.command, output };
  });
  const finishedAt = command.metadata.now.toISOString();
  const succeeded: DeviceTaskSucceeded = {
    type: 'DeviceTaskSucceeded',
    data: { jobId, deviceId, finishedAt, ...(kept ? { results: kept } : {}), ...triedOf(credentialsTried) },
  };
  return [succeeded, ...completionAfter(job, 'succeeded', jobId, finishedAt)];
};

export const dispatchJob = (command: DispatchJob, state: JobState): JobEvent[] => {
  const { jobId } = command.data;
  const deviceIds = uniqueIds(command.data.deviceIds, 'deviceId');

  if (state.phase === 'New') throw new IllegalStateError('Job is not scheduled');
  if (state.cancelled) throw new IllegalStateError('Job was cancelled before its dispatch');
  if (state.phase !== 'Scheduled') throw new IllegalStateError('Job is already dispatched');

  const at = command.metadata.now.toISOString();
  const dispatched: JobDispatched = {
    type: 'JobDispatched',
    data: { jobId, deviceIds, dispatchedAt: at, jobType: state.jobType, priority: state.priority, ...(state.commands.length > 0 ? { commands: [...state.commands] } : {}) },
  };
  if (deviceIds.length > 0) return [dispatched];

  // No device matched the targets: nothing will ever report, so the job finishes here.
  return [dispatched, completed(jobId, { status: 'COMPLETED_NO_DEVICES', succeeded: 0, failed: 0, completedAt: at })];
};

export const startDeviceBackup = (command: StartDeviceBackup, state: JobState): DeviceBackupStarted[] => {
  const { jobId, deviceId, workerId, attempt } = command.data;
  requireText(workerId, 'workerId');
  if (!Number.isInteger(attempt) || attempt < 1) throw new ValidationError('attempt must be a positive integer');

  // A cancelled job starts nothing more: the worker that picked the task up acknowledges it and moves on.
  if (state.phase !== 'New' && state.cancelled) throw new IllegalStateError('Job was cancelled: device task skipped');
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
    case 'CancelJob':
      return cancelJob(command, state);
    case 'RecordDeviceResult':
      return recordDeviceResult(command, state);
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
