import { sql } from 'kysely';
import type { DeviceBackupFailed, DeviceTaskSucceeded, FailureCategory, SnapshotRecorded } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';

export const DEVICE_REACHABILITY = ['REACHABLE', 'UNREACHABLE', 'AUTH_FAILED', 'UNKNOWN'] as const;
export type DeviceReachability = (typeof DEVICE_REACHABILITY)[number];

/**
 * What a failure says about reaching the device: no TCP/SSH answer, or a refused login. Failures after
 * a login (a rejected command, a bad config) mean the device was reached; our own failures (internal,
 * deadline, circuit-open, host key, protocol) say nothing either way and leave the last answer standing.
 */
const REACHABILITY_OF_FAILURE: Partial<Record<FailureCategory, DeviceReachability>> = {
  unreachable: 'UNREACHABLE', timeout: 'UNREACHABLE', auth: 'AUTH_FAILED', prompt: 'REACHABLE', command: 'REACHABLE', config: 'REACHABLE',
};

const EVENT_TYPES = ['SnapshotRecorded', 'DeviceTaskSucceeded', 'DeviceBackupFailed'];

/** Rows per statement: a batch of a whole job's outcomes stays within PostgreSQL's parameter limit. */
const ROWS_PER_STATEMENT = 1000;
/** Command outputs can be large: a hundred per statement keeps one statement's size reasonable. */
const OUTPUTS_PER_STATEMENT = 100;

/**
 * `device_reachability` (every contact with a device: backups, reachability checks, command runs) and
 * `job_results` (a COMMAND job's redacted outputs). Its own projector and tables, so the devices and
 * jobs read models stay as they were. A batch costs one upsert per thousand devices, not one per event.
 */
export const jobControlProjector: Projector = {
  name: 'job-control',
  tables: ['job_results', 'device_reachability'],
  eventTypes: EVENT_TYPES,
  apply: (trx, event) => applyAll(trx, [event]),
  batch: { eventTypes: EVENT_TYPES, applyAll },
};

interface ReachabilityRow {
  device_id: string;
  reachability: DeviceReachability;
  last_seen_at: Date | null;
  checked_at: Date;
  job_id: string;
}

/** What an event says about reaching its device, if anything; the last-seen time moves only when the device answered. */
function seenOf(event: RecordedEvent): Omit<ReachabilityRow, 'last_seen_at'> | undefined {
  switch (event.type) {
    case 'SnapshotRecorded': {
      const d = dataOf<SnapshotRecorded['data']>(event);
      return { device_id: d.deviceId, job_id: d.jobId, reachability: 'REACHABLE', checked_at: new Date(d.recordedAt) };
    }
    case 'DeviceTaskSucceeded': {
      const d = dataOf<DeviceTaskSucceeded['data']>(event);
      return { device_id: d.deviceId, job_id: d.jobId, reachability: 'REACHABLE', checked_at: new Date(d.finishedAt) };
    }
    case 'DeviceBackupFailed': {
      const d = dataOf<DeviceBackupFailed['data']>(event);
      const reachability = REACHABILITY_OF_FAILURE[d.category];
      return reachability && { device_id: d.deviceId, job_id: d.jobId, reachability, checked_at: new Date(d.failedAt) };
    }
    default:
      return undefined;
  }
}

async function applyAll(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> {
  // Per device what event by event would leave: the last answer, and the last time it answered in this run.
  const latest = new Map<string, ReachabilityRow>();
  for (const event of events) {
    const seen = seenOf(event);
    if (!seen) continue;
    const lastSeen = seen.reachability === 'REACHABLE' ? seen.checked_at : (latest.get(seen.device_id)?.last_seen_at ?? null);
    latest.set(seen.device_id, { ...seen, last_seen_at: lastSeen });
  }
  const rows = [...latest.values()];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await trx.insertInto('device_reachability').values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.column('device_id').doUpdateSet((eb) => ({
        reachability: eb.ref('excluded.reachability'), checked_at: eb.ref('excluded.checked_at'), job_id: eb.ref('excluded.job_id'),
        last_seen_at: sql<Date | null>`coalesce(excluded.last_seen_at, device_reachability.last_seen_at)`,
      })))
      .execute();
  }
  const results = events.filter((e) => e.type === 'DeviceTaskSucceeded').flatMap((event) => {
    const d = dataOf<DeviceTaskSucceeded['data']>(event);
    return (d.results ?? []).map((r, seq) => ({ job_id: d.jobId, device_id: d.deviceId, seq, command: r.command, output: r.output, recorded_at: new Date(d.finishedAt) }));
  });
  for (let i = 0; i < results.length; i += OUTPUTS_PER_STATEMENT) {
    await trx.insertInto('job_results').values(results.slice(i, i + OUTPUTS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['job_id', 'device_id', 'seq']).doNothing())
      .execute();
  }
}
