import { Map as PersistentMap, Set as PersistentSet } from 'immutable';
import type { FailureCategory, JobCompleted, JobEvent, JobPriority, JobStatus, JobTargets, JobType } from './events.js';

export type DeviceOutcome =
  | { readonly result: 'succeeded'; readonly commit?: string; readonly changed?: boolean }
  | { readonly result: 'failed'; readonly category: FailureCategory; readonly message: string }
  | { readonly result: 'cancelled' };

interface ScheduledJob {
  readonly jobId: string;
  readonly jobType: JobType;
  readonly targets: JobTargets;
  readonly priority: JobPriority;
  readonly commands: readonly string[];
  /** Set by CancelJob: no device starts from then on. */
  readonly cancelled: boolean;
}

interface DispatchedJob extends ScheduledJob {
  /** Fixed at dispatch: each of these devices must report exactly one outcome. */
  readonly deviceIds: readonly string[];
  /** The same devices as a set: membership is checked on every command of a job with thousands of devices. */
  readonly dispatched: PersistentSet<string>;
  // Persistent maps: evolving a 10,000-device job must not copy every outcome per event.
  readonly outcomes: PersistentMap<string, DeviceOutcome>;
  /** Highest attempt seen per device; a redelivery after a worker crash raises it. */
  readonly attempts: PersistentMap<string, number>;
}

export type CompletedJobStatus = JobCompleted['data']['status'];

export type JobState =
  | { readonly phase: 'New' }
  | ({ readonly phase: 'Scheduled'; readonly status: 'QUEUED' } & ScheduledJob)
  | ({ readonly phase: 'Dispatched'; readonly status: 'QUEUED' | 'RUNNING' } & DispatchedJob)
  | ({
      readonly phase: 'Completed';
      readonly status: CompletedJobStatus;
      readonly succeeded: number;
      readonly failed: number;
    } & DispatchedJob);

export type RunningJob = Extract<JobState, { phase: 'Dispatched' }>;

export const initialState = (): JobState => ({ phase: 'New' });

/** The user-facing status; undefined while nothing has been scheduled on the stream. */
export const jobStatusOf = (state: JobState): JobStatus | undefined =>
  state.phase === 'New' ? undefined : state.status;

/** Dispatched devices that have neither a snapshot nor a failure yet. */
export const devicesAwaitingOutcome = (state: JobState): string[] =>
  state.phase === 'Dispatched' || state.phase === 'Completed'
    ? state.deviceIds.filter((deviceId) => !state.outcomes.has(deviceId))
    : [];

const withOutcome = (job: RunningJob, deviceId: string, outcome: DeviceOutcome): RunningJob => ({
  ...job,
  status: 'RUNNING',
  outcomes: job.outcomes.set(deviceId, outcome),
});

const emptyDispatch = { deviceIds: [], dispatched: PersistentSet<string>(), outcomes: PersistentMap<string, DeviceOutcome>(), attempts: PersistentMap<string, number>() };

export const evolve = (state: JobState, event: JobEvent): JobState => {
  switch (event.type) {
    case 'BackupScheduled': {
      const { jobId, jobType, targets, priority, commands } = event.data;
      return { phase: 'Scheduled', status: 'QUEUED', jobId, jobType, targets, priority, commands: commands ?? [], cancelled: false };
    }
    case 'JobDispatched':
      if (state.phase !== 'Scheduled') return state;
      return {
        ...state,
        phase: 'Dispatched',
        status: 'QUEUED',
        deviceIds: event.data.deviceIds,
        dispatched: PersistentSet(event.data.deviceIds),
        outcomes: PersistentMap(),
        attempts: PersistentMap(),
      };
    case 'DeviceBackupStarted': {
      if (state.phase !== 'Dispatched') return state;
      const { deviceId, attempt } = event.data;
      const highest = Math.max(attempt, state.attempts.get(deviceId) ?? 0);
      return { ...state, status: 'RUNNING', attempts: state.attempts.set(deviceId, highest) };
    }
    case 'SnapshotRecorded': {
      if (state.phase !== 'Dispatched') return state;
      const { deviceId, commit, changed } = event.data;
      return withOutcome(state, deviceId, { result: 'succeeded', commit, changed });
    }
    case 'DeviceTaskSucceeded':
      if (state.phase !== 'Dispatched') return state;
      return withOutcome(state, event.data.deviceId, { result: 'succeeded' });
    case 'DeviceBackupFailed': {
      if (state.phase !== 'Dispatched') return state;
      const { deviceId, category, message } = event.data;
      return withOutcome(state, deviceId, { result: 'failed', category, message });
    }
    case 'JobCancelled': {
      if (state.phase === 'Scheduled') return { ...state, cancelled: true };
      if (state.phase !== 'Dispatched') return state;
      let outcomes = state.outcomes;
      for (const deviceId of event.data.cancelledDeviceIds) outcomes = outcomes.set(deviceId, { result: 'cancelled' });
      return { ...state, cancelled: true, outcomes };
    }
    case 'JobCompleted': {
      const { status, succeeded, failed } = event.data;
      // A job cancelled before its dispatch completes with no devices.
      if (state.phase === 'Scheduled') return { ...state, ...emptyDispatch, phase: 'Completed', status, succeeded, failed };
      if (state.phase !== 'Dispatched') return state;
      return { ...state, phase: 'Completed', status, succeeded, failed };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
