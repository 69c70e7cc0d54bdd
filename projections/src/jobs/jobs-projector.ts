import { sql } from 'kysely';
import type {
  BackupScheduled,
  DeviceBackupFailed,
  DeviceBackupStarted,
  JobCompleted,
  JobDispatched,
  SnapshotRecorded,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import { jobsBatch } from './jobs-batch.js';

/** `jobs` and `job_devices`: each job's status and every device's progress and outcome in it. */
export const jobsProjector: Projector = {
  name: 'jobs',
  tables: ['jobs', 'job_devices'],
  batch: jobsBatch,
  eventTypes: ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted'],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    switch (event.type) {
      case 'BackupScheduled': {
        const d = dataOf<BackupScheduled['data']>(event);
        const row = {
          job_type: d.jobType, status: 'QUEUED', target_device_ids: JSON.stringify(d.targets.deviceIds),
          target_tags: JSON.stringify(d.targets.tags), scheduled_at: new Date(d.scheduledAt), requested_by: event.metadata.actor,
        };
        await trx.insertInto('jobs').values({ id: d.jobId, ...row, device_count: 0, succeeded: 0, failed: 0,
          dispatched_at: null, started_at: null, completed_at: null })
          .onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
        return;
      }
      case 'JobDispatched': {
        const d = dataOf<JobDispatched['data']>(event);
        await trx.updateTable('jobs').set({ device_count: d.deviceIds.length, dispatched_at: new Date(d.dispatchedAt) })
          .where('id', '=', d.jobId).execute();
        // Postgres takes at most 65,535 parameters per statement: a 10,000-device job goes in slices.
        for (let i = 0; i < d.deviceIds.length; i += 2000) {
          await trx.insertInto('job_devices')
            .values(d.deviceIds.slice(i, i + 2000).map((deviceId) => ({ job_id: d.jobId, device_id: deviceId, status: 'QUEUED' as const,
              attempts: 0, worker_id: null, started_at: null, finished_at: null, error_category: null, error_message: null,
              snapshot_commit: null, changed: null })))
            .onConflict((oc) => oc.columns(['job_id', 'device_id']).doNothing()).execute();
        }
        return;
      }
      case 'DeviceBackupStarted': {
        const d = dataOf<DeviceBackupStarted['data']>(event);
        const at = new Date(d.startedAt);
        await trx.updateTable('jobs').set({ status: 'RUNNING', started_at: sql`coalesce(started_at, ${at})` })
          .where('id', '=', d.jobId).where('status', '=', 'QUEUED').execute();
        await trx.updateTable('job_devices').set({ status: 'RUNNING', attempts: d.attempt, worker_id: d.workerId, started_at: at })
          .where('job_id', '=', d.jobId).where('device_id', '=', d.deviceId).execute();
        return;
      }
      case 'SnapshotRecorded': {
        const d = dataOf<SnapshotRecorded['data']>(event);
        await trx.updateTable('job_devices').set({ status: 'SUCCEEDED', finished_at: new Date(d.recordedAt),
          snapshot_commit: d.commit, changed: d.changed })
          .where('job_id', '=', d.jobId).where('device_id', '=', d.deviceId).execute();
        await countOutcome(trx, d.jobId, 'succeeded');
        return;
      }
      case 'DeviceBackupFailed': {
        const d = dataOf<DeviceBackupFailed['data']>(event);
        await trx.updateTable('job_devices').set({ status: 'FAILED', finished_at: new Date(d.failedAt),
          error_category: d.category, error_message: d.message })
          .where('job_id', '=', d.jobId).where('device_id', '=', d.deviceId).execute();
        await countOutcome(trx, d.jobId, 'failed');
        return;
      }
      case 'JobCompleted': {
        const d = dataOf<JobCompleted['data']>(event);
        await trx.updateTable('jobs').set({ status: d.status, completed_at: new Date(d.completedAt), succeeded: d.succeeded, failed: d.failed })
          .where('id', '=', d.jobId).execute();
        return;
      }
    }
  },
};

/**
 * Counting up is safe: the runner applies each event exactly once (its checkpoint claim), and
 * recounting job_devices per event would cost O(devices) for every outcome of a large job.
 */
async function countOutcome(trx: ReadModelTransaction, jobId: string, column: 'succeeded' | 'failed'): Promise<void> {
  await trx.updateTable('jobs').set({ [column]: sql`${sql.ref(column)} + 1` }).where('id', '=', jobId).execute();
}
