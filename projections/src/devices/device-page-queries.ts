import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import { deviceInScope } from '../access/scope-filters.js';
import { pageByKeyset, timeKey, type KeysetCursor, type KeysetOrder, type KeysetPage } from '../paging/keyset.js';
import type { DeviceRow } from './device-queries.js';

/** A device's last backup outcome: OK, FAILED, or NEVER backed up. */
export const DEVICE_BACKUP_STATES = ['OK', 'FAILED', 'NEVER'] as const;
export type DeviceBackupState = (typeof DEVICE_BACKUP_STATES)[number];

/** NAME: A→Z; LAST_BACKUP: most recent first, never backed up last; LAST_BACKUP_OLDEST: the reverse (stale first). */
export const DEVICE_SORTS = ['NAME', 'NAME_DESC', 'LAST_BACKUP', 'LAST_BACKUP_OLDEST'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

export interface DeviceListFilter {
  /** Case-insensitive substring of the name or the host. */
  readonly text?: string;
  readonly tag?: string;
  readonly platform?: string;
  readonly backupState?: DeviceBackupState;
  readonly includeDecommissioned?: boolean;
  /** A scoped reader's tags: only devices carrying one of them. */
  readonly scope?: readonly string[];
}

const nameKey = sql<string>`devices.name`;
const lastBackupKey = sql<Date>`coalesce(devices.last_backup_at, '-infinity'::timestamptz)`;

const ORDERS: Record<DeviceSort, KeysetOrder> = {
  NAME: { key: nameKey, keyType: 'text', id: 'devices.id', descending: false },
  NAME_DESC: { key: nameKey, keyType: 'text', id: 'devices.id', descending: true },
  LAST_BACKUP: { key: lastBackupKey, keyType: 'timestamptz', id: 'devices.id', descending: true },
  LAST_BACKUP_OLDEST: { key: lastBackupKey, keyType: 'timestamptz', id: 'devices.id', descending: false },
};

/** The cursor of a device in a list sorted by `sort`. */
export const deviceCursor = (sort: DeviceSort, device: DeviceRow): KeysetCursor => ({
  key: sort === 'NAME' || sort === 'NAME_DESC' ? device.name : timeKey(device.last_backup_at),
  id: device.id,
});

/** `%`, `_` and `\` match themselves in a substring search. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(db: Kysely<ReadModelDatabase>, filter: DeviceListFilter): SelectQueryBuilder<ReadModelDatabase, 'devices', object> {
  let query = db.selectFrom('devices');
  if (filter.scope?.length) query = query.where(deviceInScope('devices.id', filter.scope));
  if (!filter.includeDecommissioned) query = query.where('devices.status', '=', 'active');
  if (filter.text) {
    const pattern = likePattern(filter.text);
    query = query.where(sql<boolean>`(devices.name ilike ${pattern} or devices.host ilike ${pattern})`);
  }
  if (filter.platform) query = query.where('devices.platform', '=', filter.platform);
  if (filter.backupState === 'OK') query = query.where('devices.last_backup_status', '=', 'SUCCEEDED');
  else if (filter.backupState === 'FAILED') query = query.where('devices.last_backup_status', '=', 'FAILED');
  else if (filter.backupState === 'NEVER') query = query.where('devices.last_backup_status', 'is', null);
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('device_tags').select('tag').whereRef('device_tags.device_id', '=', 'devices.id').where('tag', '=', tag)));
  }
  return query;
}

/** Each row's tags, sorted, read through the tags' primary key (device_id, tag) beside the row itself. */
export const tagsOfRow = sql<string[]>`coalesce((select array_agg(dt.tag order by dt.tag) from device_tags dt where dt.device_id = devices.id), '{}')`;

/** One page of devices with their tags, in one statement. */
export function pageDevices(db: Kysely<ReadModelDatabase>, filter: DeviceListFilter, sort: DeviceSort, page: KeysetPage): Promise<DeviceRow[]> {
  return pageByKeyset(filtered(db, filter).selectAll('devices').select(tagsOfRow.as('tags')), ORDERS[sort], page).execute();
}

export async function countDevices(db: Kysely<ReadModelDatabase>, filter: DeviceListFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
