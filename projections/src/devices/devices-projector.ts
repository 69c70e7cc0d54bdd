import type {
  DeviceBackupFailed,
  DeviceDecommissioned,
  DeviceHostKeyPinned,
  DeviceHostKeyReset,
  DeviceRegistered,
  DeviceTagged,
  DeviceUntagged,
  DeviceUpdated,
  SnapshotRecorded,
} from '@netraven/domain';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { devicesBatch } from './devices-batch.js';
import { sql } from 'kysely';

/** `devices` and `device_tags`: the inventory, with each device's latest backup outcome and facts. */
export const devicesProjector: Projector = {
  name: 'devices',
  tables: ['devices', 'device_tags'],
  batch: devicesBatch,
  eventTypes: [
    'DeviceRegistered',
    'DeviceUpdated',
    'DeviceTagged',
    'DeviceUntagged',
    'DeviceDecommissioned',
    'SnapshotRecorded',
    'DeviceBackupFailed',
    'DeviceHostKeyPinned',
    'DeviceHostKeyReset',
  ],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    switch (event.type) {
      case 'DeviceRegistered': {
        const d = dataOf<DeviceRegistered['data']>(event);
        const at = new Date(d.registeredAt);
        const row = {
          name: d.name, host: d.host, port: d.port, platform: d.platform, credential_id: d.credentialId, protocol: d.protocol,
          status: 'active' as const, registered_at: at, updated_at: at,
        };
        await trx.insertInto('devices').values({ id: d.deviceId, ...row, last_job_id: null, last_backup_status: null,
          last_backup_at: null, last_error_category: null, last_snapshot_commit: null, hostname: null, model: null,
          serial: null, os_version: null, host_key_fingerprint: null, last_transient_failure_at: null })
          .onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
        await addTags(trx, d.deviceId, d.tags);
        return;
      }
      case 'DeviceUpdated': {
        const d = dataOf<DeviceUpdated['data']>(event);
        const c = d.changes;
        await trx.updateTable('devices').set({
          ...(c.name !== undefined ? { name: c.name } : {}),
          ...(c.host !== undefined ? { host: c.host } : {}),
          ...(c.port !== undefined ? { port: c.port } : {}),
          ...(c.platform !== undefined ? { platform: c.platform } : {}),
          ...(c.credentialId !== undefined ? { credential_id: c.credentialId } : {}),
          ...(c.protocol !== undefined ? { protocol: c.protocol } : {}),
          updated_at: new Date(d.updatedAt),
        }).where('id', '=', d.deviceId).execute();
        return;
      }
      case 'DeviceTagged': {
        const d = dataOf<DeviceTagged['data']>(event);
        await addTags(trx, d.deviceId, d.tags);
        return;
      }
      case 'DeviceUntagged': {
        const d = dataOf<DeviceUntagged['data']>(event);
        if (d.tags.length > 0) {
          await trx.deleteFrom('device_tags').where('device_id', '=', d.deviceId).where('tag', 'in', d.tags).execute();
        }
        return;
      }
      case 'DeviceDecommissioned': {
        const d = dataOf<DeviceDecommissioned['data']>(event);
        await trx.updateTable('devices').set({ status: 'decommissioned', updated_at: new Date(d.decommissionedAt) })
          .where('id', '=', d.deviceId).execute();
        return;
      }
      case 'SnapshotRecorded': {
        const d = dataOf<SnapshotRecorded['data']>(event);
        await trx.updateTable('devices').set({
          last_job_id: d.jobId, last_backup_status: 'SUCCEEDED', last_backup_at: new Date(d.recordedAt),
          last_error_category: null, last_snapshot_commit: d.commit, consecutive_transient_failures: 0,
          ...(d.facts.hostname ? { hostname: d.facts.hostname } : {}),
          ...(d.facts.model ? { model: d.facts.model } : {}),
          ...(d.facts.serial ? { serial: d.facts.serial } : {}),
          ...(d.facts.osVersion ? { os_version: d.facts.osVersion } : {}),
        }).where('id', '=', d.deviceId).execute();
        return;
      }
      case 'DeviceBackupFailed': {
        const d = dataOf<DeviceBackupFailed['data']>(event);
        await trx.updateTable('devices').set({
          last_job_id: d.jobId, last_backup_status: 'FAILED', last_backup_at: new Date(d.failedAt),
          last_error_category: d.category,
          // Each event is applied exactly once (the runner claims its checkpoint), so counting up is safe.
          // Only transient failures count: a circuit-open skip must not extend its own cool-down.
          ...(d.transient
            ? { consecutive_transient_failures: sql`consecutive_transient_failures + 1`, last_transient_failure_at: new Date(d.failedAt) }
            : {}),
        }).where('id', '=', d.deviceId).execute();
        return;
      }
      case 'DeviceHostKeyPinned': {
        const d = dataOf<DeviceHostKeyPinned['data']>(event);
        await trx.updateTable('devices').set({ host_key_fingerprint: d.fingerprint }).where('id', '=', d.deviceId).execute();
        return;
      }
      case 'DeviceHostKeyReset': {
        const d = dataOf<DeviceHostKeyReset['data']>(event);
        await trx.updateTable('devices').set({ host_key_fingerprint: null }).where('id', '=', d.deviceId).execute();
        return;
      }
    }
  },
};

async function addTags(trx: ReadModelTransaction, deviceId: string, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  await trx.insertInto('device_tags').values(tags.map((tag) => ({ device_id: deviceId, tag })))
    .onConflict((oc) => oc.columns(['device_id', 'tag']).doNothing()).execute();
}
