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

/**
 * `device_reachability` (every contact with a device: backups, reachability checks, command runs) and
 * `job_results` (a COMMAND job's redacted outputs). Its own projector and tables, so the devices and
 * jobs read models stay as they were.
 */
export const jobControlProjector: Projector = {
  name: 'job-control',
  tables: ['job_results', 'device_reachability'],
  eventTypes: EVENT_TYPES,
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    switch (event.type) {
      case 'SnapshotRecorded': {
        const d = dataOf<SnapshotRecorded['data']>(event);
        return seen(trx, d.deviceId, d.jobId, 'REACHABLE', d.recordedAt);
      }
      case 'DeviceTaskSucceeded': {
        const d = dataOf<DeviceTaskSucceeded['data']>(event);
        await seen(trx, d.deviceId, d.jobId, 'REACHABLE', d.finishedAt);
        const results = d.results ?? [];
        if (results.length === 0) return;
        await trx.insertInto('job_results')
          .values(results.map((r, seq) => ({ job_id: d.jobId, device_id: d.deviceId, seq, command: r.command, output: r.output, recorded_at: new Date(d.finishedAt) })))
          .onConflict((oc) => oc.columns(['job_id', 'device_id', 'seq']).doNothing())
          .execute();
        return;
      }
      case 'DeviceBackupFailed': {
        const d = dataOf<DeviceBackupFailed['data']>(event);
        const reachability = REACHABILITY_OF_FAILURE[d.category];
        if (reachability) await seen(trx, d.deviceId, d.jobId, reachability, d.failedAt);
        return;
      }
    }
  },
};

/** Records the answer; the last-seen time moves only when the device answered. */
async function seen(trx: ReadModelTransaction, deviceId: string, jobId: string, reachability: DeviceReachability, at: string): Promise<void> {
  const when = new Date(at);
  const lastSeen = reachability === 'REACHABLE' ? when : null;
  await trx.insertInto('device_reachability')
    .values({ device_id: deviceId, reachability, last_seen_at: lastSeen, checked_at: when, job_id: jobId })
    .onConflict((oc) => oc.column('device_id').doUpdateSet({
      reachability, checked_at: when, job_id: jobId,
      last_seen_at: sql<Date | null>`coalesce(${lastSeen}::timestamptz, device_reachability.last_seen_at)`,
    }))
    .execute();
}
