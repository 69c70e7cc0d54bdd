import type { SnapshotRecorded } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';

/** `snapshots`: every successful backup per device, with the Git commit holding its config. */
export const snapshotsProjector: Projector = {
  name: 'snapshots',
  tables: ['snapshots'],
  eventTypes: ['SnapshotRecorded'],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    const d = dataOf<SnapshotRecorded['data']>(event);
    const row = {
      commit: d.commit, changed: d.changed, sha256: d.sha256, size: d.size,
      hostname: d.facts.hostname ?? null, recorded_at: new Date(d.recordedAt),
    };
    await trx.insertInto('snapshots').values({ job_id: d.jobId, device_id: d.deviceId, ...row })
      .onConflict((oc) => oc.columns(['job_id', 'device_id']).doUpdateSet(row)).execute();
  },
};
