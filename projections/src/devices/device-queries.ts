import { sql, type Kysely, type Selectable } from 'kysely';
import type { JobTargets } from '@netraven/domain';
import type { DevicesTable, ReadModelDatabase } from '../schema/database.js';
import { deviceInScope } from '../access/scope-filters.js';

export type DeviceRow = Selectable<DevicesTable> & { tags: string[] };

/** `scope`: only devices carrying one of these tags (a scoped reader); absent or empty: every device. */
export async function listDevices(
  db: Kysely<ReadModelDatabase>,
  filter: { tag?: string; includeDecommissioned?: boolean; scope?: readonly string[] } = {},
): Promise<DeviceRow[]> {
  let query = db.selectFrom('devices').selectAll('devices').orderBy('name').orderBy('id');
  if (filter.scope?.length) query = query.where(deviceInScope('devices.id', filter.scope));
  if (!filter.includeDecommissioned) query = query.where('status', '=', 'active');
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('device_tags').select('tag').whereRef('device_tags.device_id', '=', 'devices.id').where('tag', '=', tag)));
  }
  return withTags(db, await query.execute());
}

/** One statement (tags aggregated in it): the worker reads each task's device this way. */
export function findDevice(db: Kysely<ReadModelDatabase>, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll('devices')
    .select(sql<string[]>`coalesce((select array_agg(tag order by tag) from device_tags where device_id = devices.id), '{}')`.as('tags'))
    .where('id', '=', id).executeTakeFirst();
}

/** A job's targets as concrete active devices: the listed ids plus every device carrying a listed tag. */
export async function resolveTargetDeviceIds(db: Kysely<ReadModelDatabase>, targets: JobTargets): Promise<string[]> {
  const ids = new Set<string>();
  if (targets.all === true) {
    const rows = await db.selectFrom('devices').select('id').where('status', '=', 'active').execute();
    return rows.map((r) => r.id).sort();
  }
  if (targets.deviceIds.length > 0) {
    (await liveDeviceIdsAmong(db, targets.deviceIds)).forEach((id) => ids.add(id));
  }
  if (targets.tags.length > 0) {
    const rows = await db.selectFrom('device_tags').innerJoin('devices', 'devices.id', 'device_tags.device_id')
      .select('devices.id').where('devices.status', '=', 'active').where('device_tags.tag', 'in', targets.tags).execute();
    rows.forEach((r) => ids.add(r.id));
  }
  return [...ids].sort();
}

/**
 * Which of `ids` are active devices. One array parameter, not one parameter per id: a request
 * may name up to 100,000 devices, past Postgres' 65,535 bind parameters.
 */
export async function liveDeviceIdsAmong(db: Kysely<ReadModelDatabase>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('devices').select('id').where('status', '=', 'active')
    .where(sql<boolean>`id = any(${[...ids]}::text[])`).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of `ids` carry one of the `scope` tags (active or not): what a scoped reader may see of a list of ids. */
export async function deviceIdsInScopeAmong(db: Kysely<ReadModelDatabase>, ids: readonly string[], scope: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('device_tags').select('device_id').distinct()
    .where(sql<boolean>`device_id = any(${[...ids]}::text[])`).where(sql<boolean>`tag = any(${[...scope]}::text[])`).execute();
  return new Set(rows.map((r) => r.device_id));
}

/**
 * An active device other than `exceptId` whose name equals `normalizedName` once trimmed and
 * lower-cased. Advisory only (the read model may lag): the name reservation streams decide.
 */
export async function findActiveDeviceNamed(db: Kysely<ReadModelDatabase>, normalizedName: string, exceptId?: string): Promise<DeviceRow | undefined> {
  let query = db.selectFrom('devices').selectAll().where('status', '=', 'active')
    .where(sql<boolean>`lower(btrim(name)) = ${normalizedName}`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  const row = await query.orderBy('registered_at').limit(1).executeTakeFirst();
  return row ? (await withTags(db, [row]))[0] : undefined;
}

/**
 * The active devices whose trimmed, lower-cased names are among `normalizedNames` (an inventory
 * import checks its rows in one query; one array parameter, so 100,000 names fit).
 */
export async function activeDevicesNamed(db: Kysely<ReadModelDatabase>, normalizedNames: readonly string[]): Promise<DeviceRow[]> {
  if (normalizedNames.length === 0) return [];
  const rows = await db.selectFrom('devices').selectAll().where('status', '=', 'active')
    .where(sql<boolean>`lower(btrim(name)) = any(${[...normalizedNames]}::text[])`).orderBy('registered_at').execute();
  return withTags(db, rows);
}

/** Devices by id (any status), with their tags, in id order. */
export async function findDevicesByIds(db: Kysely<ReadModelDatabase>, ids: readonly string[]): Promise<DeviceRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('devices').selectAll().where(sql<boolean>`id = any(${[...ids]}::text[])`).orderBy('id').execute();
  return withTags(db, rows);
}

/** Rows with their tags, in one statement. */
export async function withTags(db: Kysely<ReadModelDatabase>, rows: Selectable<DevicesTable>[]): Promise<DeviceRow[]> {
  if (rows.length === 0) return [];
  const tags = await db.selectFrom('device_tags').select(['device_id', 'tag'])
    .where(sql<boolean>`device_id = any(${rows.map((r) => r.id)}::text[])`).orderBy('tag').execute();
  const byDevice = new Map<string, string[]>();
  for (const t of tags) byDevice.set(t.device_id, [...(byDevice.get(t.device_id) ?? []), t.tag]);
  return rows.map((r) => ({ ...r, tags: byDevice.get(r.id) ?? [] }));
}
