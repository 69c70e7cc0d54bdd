import { jobDecider, type DeviceOutcome, type JobEvent, type JobState } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import type { JobDeviceRow, JobRow } from '@netraven/projections';

/** A job as it stood at some point of its history, in the read model's row shape (what `job` answers). */
export interface ReplayedJob {
  readonly job: JobRow;
  readonly devices: JobDeviceRow[];
}

/**
 * What the rows show besides the domain's state: when each step happened and who asked. The domain
 * state does not keep them (deciders need none), so they are read off the same events as they fold.
 */
interface Times {
  requestedBy: string;
  scheduledAt: Date;
  dispatchedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  scheduleId: string | null;
  rerunOf: string | null;
  devices: Map<string, { workerId: string | null; startedAt: Date | null; finishedAt: Date | null }>;
}

/**
 * Folds a job's own events (the `job-<id>` stream, in order) with the domain's `evolve`, then maps the
 * state to the `jobs`/`job_devices` row shape. This is the one place that mapping lives; folding the
 * whole stream gives the row the projector wrote (tested in audit-full-job.test.ts). Undefined when no
 * event scheduled the job yet.
 */
export function replayJob(jobId: string, events: readonly RecordedEvent[]): ReplayedJob | undefined {
  const own = events.filter((e) => e.streamId === jobDecider.streamName(jobId));
  let state = jobDecider.initialState();
  let times: Times | undefined;
  for (const event of own) {
    state = jobDecider.evolve(state, { type: event.type, data: event.data } as JobEvent);
    times = noteTimes(times, event);
  }
  if (state.phase === 'New' || !times) return undefined;
  return toRows(state, times);
}

function noteTimes(times: Times | undefined, event: RecordedEvent): Times | undefined {
  const data = event.data as Record<string, unknown>;
  const at = (key: string): Date => new Date(String(data[key]));
  if (event.type === 'BackupScheduled') {
    return {
      requestedBy: event.metadata.actor, scheduledAt: at('scheduledAt'), dispatchedAt: null, startedAt: null, completedAt: null,
      scheduleId: typeof data['scheduleId'] === 'string' ? data['scheduleId'] : null, rerunOf: typeof data['rerunOf'] === 'string' ? data['rerunOf'] : null,
      devices: new Map(),
    };
  }
  if (!times) return times;
  const device = (): { workerId: string | null; startedAt: Date | null; finishedAt: Date | null } => {
    const id = String(data['deviceId']);
    const found = times.devices.get(id) ?? { workerId: null, startedAt: null, finishedAt: null };
    times.devices.set(id, found);
    return found;
  };
  switch (event.type) {
    case 'JobDispatched':
      times.dispatchedAt ??= at('dispatchedAt');
      break;
    case 'DeviceBackupStarted': {
      times.startedAt ??= at('startedAt');
      const d = device();
      d.workerId = String(data['workerId']);
      d.startedAt = at('startedAt');
      break;
    }
    case 'SnapshotRecorded':
      device().finishedAt = at('recordedAt');
      break;
    case 'DeviceBackupFailed':
      device().finishedAt = at('failedAt');
      break;
    case 'JobCompleted':
      times.completedAt = at('completedAt');
      break;
    case 'JobCancelled':
      for (const deviceId of (data['cancelledDeviceIds'] as string[] | undefined) ?? []) {
        const found = times.devices.get(deviceId) ?? { workerId: null, startedAt: null, finishedAt: null };
        found.finishedAt = at('cancelledAt');
        times.devices.set(deviceId, found);
      }
      break;
  }
  return times;
}

const DEVICE_STATUS = { succeeded: 'SUCCEEDED', failed: 'FAILED', cancelled: 'CANCELLED' } as const;

function toRows(state: Exclude<JobState, { phase: 'New' }>, times: Times): ReplayedJob {
  const dispatched = state.phase === 'Dispatched' || state.phase === 'Completed' ? state : undefined;
  const outcomes = dispatched ? [...dispatched.outcomes.values()] : [];
  const counted = (result: DeviceOutcome['result']): number => outcomes.filter((o) => o.result === result).length;
  const job: JobRow = {
    id: state.jobId,
    job_type: state.jobType,
    status: state.status,
    target_device_ids: [...state.targets.deviceIds],
    target_tags: [...state.targets.tags],
    device_count: dispatched ? dispatched.deviceIds.length : 0,
    succeeded: state.phase === 'Completed' ? state.succeeded : counted('succeeded'),
    failed: state.phase === 'Completed' ? state.failed : counted('failed'),
    scheduled_at: times.scheduledAt,
    dispatched_at: times.dispatchedAt,
    // The read model marks a job started by its first device start; a job with no start has none.
    started_at: times.startedAt,
    completed_at: times.completedAt,
    requested_by: times.requestedBy,
    priority: state.priority,
    schedule_id: times.scheduleId,
    rerun_of: times.rerunOf,
    commands: [...state.commands],
    cancelled: counted('cancelled'),
  };
  // In the read model's order (`jobDevices` sorts by device id).
  const devices = [...(dispatched?.deviceIds ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((deviceId): JobDeviceRow => {
    const outcome = dispatched?.outcomes.get(deviceId);
    const attempts = dispatched?.attempts.get(deviceId) ?? 0;
    const when = times.devices.get(deviceId);
    return {
      job_id: state.jobId,
      device_id: deviceId,
      status: outcome ? DEVICE_STATUS[outcome.result] : attempts > 0 ? 'RUNNING' : 'QUEUED',
      attempts,
      worker_id: when?.workerId ?? null,
      started_at: when?.startedAt ?? null,
      finished_at: outcome ? when?.finishedAt ?? null : null,
      error_category: outcome?.result === 'failed' ? outcome.category : null,
      error_message: outcome?.result === 'failed' ? outcome.message : null,
      snapshot_commit: outcome?.result === 'succeeded' ? outcome.commit ?? null : null,
      changed: outcome?.result === 'succeeded' ? outcome.changed ?? null : null,
    };
  });
  return { job, devices };
}
