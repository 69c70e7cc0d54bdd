import { sql } from 'kysely';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import { writeRows, type ColumnTypes } from '../schema/bulk-writes.js';
import { DeviceRows, type TagChange } from './device-rows.js';

const DEVICE_EVENT_TYPES = [
  'DeviceRegistered',
  'DeviceUpdated',
  'DeviceTagged',
  'DeviceUntagged',
  'DeviceDecommissioned',
  'SnapshotRecorded',
  'DeviceBackupFailed',
  'DeviceHostKeyPinned',
  'DeviceHostKeyReset',
  'DeviceCredentialConfirmed',
];

/**
 * `devices` and `device_tags`: the inventory, with each device's latest backup outcome and facts. The live
 * runner (one event at a time) and the rebuild (thousands at once) go through the same `applyDeviceEvents`.
 */
export const devicesProjector: Projector = {
  name: 'devices',
  tables: ['devices', 'device_tags'],
  eventTypes: DEVICE_EVENT_TYPES,
  apply: (trx, event) => applyDeviceEvents(trx, [event]),
  batch: { eventTypes: DEVICE_EVENT_TYPES, applyAll: applyDeviceEvents },
};

/**
 * Loads the devices the events name, applies the events to them in log order in memory, and writes the
 * changed rows and the tags' last word back in a few statements. Counting transient failures up is safe:
 * the runner applies each event exactly once (its checkpoint claim).
 */
async function applyDeviceEvents(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((e) => dataOf<{ deviceId: string }>(e).deviceId))];
  const rows = new DeviceRows(await trx.selectFrom('devices').selectAll().where(sql<boolean>`id = ANY(${ids}::text[])`).execute());
  for (const event of events) rows.apply(event);
  await writeRows(trx, 'devices', DEVICE_COLUMNS, rows.changedDevices(), { key: ['id'], then: 'update' });
  await writeTags(trx, rows.tagChanges());
}

async function writeTags(trx: ReadModelTransaction, changes: readonly TagChange[]): Promise<void> {
  const removed = changes.filter((c) => !c.present);
  if (removed.length > 0) {
    await sql`DELETE FROM device_tags WHERE (device_id, tag) IN
      (SELECT * FROM unnest(${removed.map((c) => c.deviceId)}::text[], ${removed.map((c) => c.tag)}::text[]))`.execute(trx);
  }
  const added = changes.filter((c) => c.present).map((c) => ({ device_id: c.deviceId, tag: c.tag }));
  await writeRows(trx, 'device_tags', { device_id: 'text', tag: 'text' }, added, { key: ['device_id', 'tag'], then: 'nothing' });
}

const DEVICE_COLUMNS: ColumnTypes<'devices'> = {
  id: 'text', name: 'text', host: 'text', port: 'integer', platform: 'text', credential_id: 'text', status: 'text',
  registered_at: 'timestamptz', updated_at: 'timestamptz', last_job_id: 'text', last_backup_status: 'text',
  last_backup_at: 'timestamptz', last_error_category: 'text', last_snapshot_commit: 'text', hostname: 'text', model: 'text',
  serial: 'text', os_version: 'text', host_key_fingerprint: 'text', protocol: 'text', consecutive_transient_failures: 'integer',
  last_transient_failure_at: 'timestamptz', confirmed_credential_id: 'text',
};
