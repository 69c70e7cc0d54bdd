import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import type { DeviceRow } from '../devices/device-queries.js';
import type { CredentialRow } from '../credentials/credential-queries.js';
import { mergeBackupPolicies, type BackupPolicyRow, type EffectiveBackupPolicy } from './backup-policy-queries.js';

export interface BackupTaskView {
  readonly device: DeviceRow;
  /** The policies of the device and its tags as they stand now, merged. */
  readonly policy: EffectiveBackupPolicy;
  /** The credentials it may log in with (`credentialCandidates`): its own, the one that last worked, its tags'. */
  readonly credentials: CredentialRow[];
}

type PolicyJson = Omit<BackupPolicyRow, 'updated_at'> & { updated_at: string };
type CredentialJson = Omit<CredentialRow, 'created_at' | 'updated_at' | 'deleted_at' | 'last_used_at'>
  & { created_at: string; updated_at: string; deleted_at: string | null; last_used_at: string | null };
const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

/**
 * What a backup task reads before its session, in one statement instead of four: the device, its tags, the backup
 * policies that apply to it (its own and its tags', ordered as `effectiveBackupPolicy` orders them) and its
 * candidate credentials (rows without secrets; the secret itself stays in the vault).
 */
export async function backupTaskView(db: Kysely<ReadModelDatabase>, deviceId: string): Promise<BackupTaskView | undefined> {
  return (await backupTaskViews(db, [deviceId])).get(deviceId);
}

/** Many tasks' views in one statement (the worker's `TaskViewLoader`); devices not in the inventory are absent. */
export async function backupTaskViews(db: Kysely<ReadModelDatabase>, deviceIds: readonly string[]): Promise<Map<string, BackupTaskView>> {
  const views = new Map<string, BackupTaskView>();
  if (deviceIds.length === 0) return views;
  const rows = await db.selectFrom('devices').selectAll('devices')
    .select(sql<string[]>`coalesce((select array_agg(tag order by tag) from device_tags where device_id = devices.id), '{}')`.as('tags'))
    .select(sql<PolicyJson[]>`coalesce((
      select json_agg(p order by p.scope_kind, p.scope_value) from backup_policies p
       where (p.scope_kind = 'device' and p.scope_value = devices.id)
          or (p.scope_kind = 'tag' and p.scope_value in (select tag from device_tags where device_id = devices.id))), '[]')`.as('policies'))
    .select(sql<CredentialJson[]>`coalesce((
      select json_agg(c order by c.id) from credentials c
       where c.deleted_at is null
         and (c.id = devices.credential_id or c.id = devices.confirmed_credential_id
              or c.tags && array(select tag from device_tags where device_id = devices.id))), '[]')`.as('credentials'))
    .where(sql<boolean>`id = any(${[...new Set(deviceIds)]}::text[])`)
    .execute();
  for (const row of rows) {
    const { policies, credentials, ...device } = row;
    views.set(device.id, {
      device,
      policy: mergeBackupPolicies(device.id, policies.map((p) => ({ ...p, updated_at: new Date(p.updated_at) }))),
      credentials: credentials.map((c) => ({
        ...c, created_at: new Date(c.created_at), updated_at: new Date(c.updated_at), deleted_at: dateOrNull(c.deleted_at), last_used_at: dateOrNull(c.last_used_at),
      })),
    });
  }
  return views;
}
