import DataLoader from 'dataloader';
import type { Actor, NetRavenQueries } from '@netraven/application';
import type { CredentialRow, DeviceRow, JobDeviceRow } from '@netraven/projections';

/**
 * Per-request batching (DataLoader): the fields a list resolves once per row (a job device's
 * device, a device's credential and last backup) are gathered while one level of the answer
 * resolves and read in one statement, so a page of N rows costs the same few statements as a
 * page of one. Created for each request, with its actor, and batching only (no cache): a
 * subscription keeps its context for its lifetime, and each payload must be read afresh. Every read
 * still goes through `NetRavenQueries` (role and tag scope).
 */
export interface RequestLoaders {
  readonly device: DataLoader<string, DeviceRow | undefined>;
  readonly credential: DataLoader<string, CredentialRow | undefined>;
  readonly lastBackup: DataLoader<DeviceRow, JobDeviceRow | undefined, string>;
}

function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | undefined)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key));
}

export function createRequestLoaders(queries: NetRavenQueries, actor: Actor): RequestLoaders {
  return {
    device: new DataLoader(async (ids) => byKey(ids, await queries.devicesByIds(actor, ids), (d) => d.id), { cache: false }),
    credential: new DataLoader(async (ids) => byKey(ids, await queries.credentialsByIds(actor, ids), (c) => c.id), { cache: false }),
    lastBackup: new DataLoader(
      async (devices) => byKey(devices.map((d) => d.id), await queries.lastBackups(actor, devices), (jd) => jd.device_id),
      { cache: false },
    ),
  };
}
