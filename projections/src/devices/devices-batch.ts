import { sql, type Selectable } from 'kysely';
import type { DeviceBackupFailed, SnapshotRecorded } from '@netraven/domain';
import { dataOf, type BatchApplier } from '../runner/projector.js';
import type { DevicesTable } from '../schema/database.js';
import { writeRows, type ColumnTypes } from '../schema/bulk-writes.js';

type Device = Selectable<DevicesTable>;

const DEVICE_COLUMNS: ColumnTypes<'devices'> = {
  id: 'text', name: 'text', host: 'text', port: 'integer', platform: 'text', credential_id: 'text', status: 'text',
  registered_at: 'timestamptz', updated_at: 'timestamptz', last_job_id: 'text', last_backup_status: 'text',
  last_backup_at: 'timestamptz', last_error_category: 'text', last_snapshot_commit: 'text', hostname: 'text', model: 'text',
  serial: 'text', os_version: 'text', host_key_fingerprint: 'text', protocol: 'text', consecutive_transient_failures: 'integer',
  last_transient_failure_at: 'timestamptz',
};

/**
 * The devices projector's bulk of events, backup outcomes, many at once: the devices touched are
 * loaded, each outcome is applied to them in memory as `devicesProjector.apply` does in SQL (an
 * unknown device is left alone), and the changed rows are written back in one upsert. Inventory
 * events are rare and go through `apply`.
 */
export const devicesBatch: BatchApplier = {
  eventTypes: ['SnapshotRecorded', 'DeviceBackupFailed'],
  async applyAll(trx, events) {
    const ids = [...new Set(events.map((e) => dataOf<{ deviceId: string }>(e).deviceId))];
    const devices = new Map<string, Device>();
    for (const row of await trx.selectFrom('devices').selectAll().where(sql<boolean>`id = ANY(${ids}::text[])`).execute()) devices.set(row.id, row);
    const changed = new Set<string>();
    for (const event of events) {
      const { deviceId } = dataOf<{ deviceId: string }>(event);
      const device = devices.get(deviceId);
      if (!device) continue;
      devices.set(deviceId, { ...device, ...(event.type === 'SnapshotRecorded' ? afterSnapshot(event.data as SnapshotRecorded['data']) : afterFailure(device, event.data as DeviceBackupFailed['data'])) });
      changed.add(deviceId);
    }
    await writeRows(trx, 'devices', DEVICE_COLUMNS, [...changed].map((id) => devices.get(id) as Device), { key: ['id'], then: 'update' });
  },
};

function afterSnapshot(d: SnapshotRecorded['data']): Partial<Device> {
  return {
    last_job_id: d.jobId, last_backup_status: 'SUCCEEDED', last_backup_at: new Date(d.recordedAt),
    last_error_category: null, last_snapshot_commit: d.commit, consecutive_transient_failures: 0,
    ...(d.facts.hostname ? { hostname: d.facts.hostname } : {}),
    ...(d.facts.model ? { model: d.facts.model } : {}),
    ...(d.facts.serial ? { serial: d.facts.serial } : {}),
    ...(d.facts.osVersion ? { os_version: d.facts.osVersion } : {}),
  };
}

function afterFailure(device: Device, d: DeviceBackupFailed['data']): Partial<Device> {
  return {
    last_job_id: d.jobId, last_backup_status: 'FAILED', last_backup_at: new Date(d.failedAt), last_error_category: d.category,
    ...(d.transient ? { consecutive_transient_failures: device.consecutive_transient_failures + 1, last_transient_failure_at: new Date(d.failedAt) } : {}),
  };
}
