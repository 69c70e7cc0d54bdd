import type { SnapshotRecorded } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import { writeRows, type ColumnTypes, type WritableRow } from '../schema/bulk-writes.js';

/** `snapshots`: every successful backup per device, with the Git commit holding its config. */
export const snapshotsProjector: Projector = {
  name: 'snapshots',
  tables: ['snapshots'],
  eventTypes: ['SnapshotRecorded'],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    await upsertSnapshots(trx, [snapshotRowOf(event)]);
  },
  batch: {
    eventTypes: ['SnapshotRecorded'],
    // A later snapshot of the same job and device replaces the earlier one, as it would event by event.
    applyAll: (trx, events) => upsertSnapshots(trx, [...new Map(events.map(snapshotRowOf).map((r) => [`${r.job_id}\u0000${r.device_id}`, r])).values()]),
  },
};

function snapshotRowOf(event: RecordedEvent): WritableRow<'snapshots'> {
  const d = dataOf<SnapshotRecorded['data']>(event);
  return {
    job_id: d.jobId, device_id: d.deviceId, commit: d.commit, changed: d.changed, sha256: d.sha256, size: d.size,
    hostname: d.facts.hostname ?? null, recorded_at: d.recordedAt,
  };
}

const SNAPSHOT_COLUMNS: ColumnTypes<'snapshots'> = {
  job_id: 'text', device_id: 'text', commit: 'text', changed: 'boolean', sha256: 'text', size: 'integer', hostname: 'text', recorded_at: 'timestamptz',
};

async function upsertSnapshots(trx: ReadModelTransaction, rows: WritableRow<'snapshots'>[]): Promise<void> {
  await writeRows(trx, 'snapshots', SNAPSHOT_COLUMNS, rows, { key: ['job_id', 'device_id'], then: 'update' });
}
