import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import type { DeviceRow } from '../devices/device-queries.js';
import { mergeBackupPolicies, type BackupPolicyRow, type EffectiveBackupPolicy } from './backup-policy-queries.js';

export interface BackupTaskView {
  readonly device: DeviceRow;
  /** The policies of the device and its tags as they stand now, merged. */
  readonly policy: EffectiveBackupPolicy;
}

type PolicyJson = Omit<BackupPolicyRow, 'updated_at'> & { updated_at: string };

/**
 * What a backup task reads before its session, in one statement instead of three: the device, its tags and the
 * backup policies that apply to it (its own and its tags', ordered as `effectiveBackupPolicy` orders them).
 */
export async function backupTaskView(db: Kysely<ReadModelDatabase>, deviceId: string): Promise<BackupTaskView | undefined> {
  const row = await db.selectFrom('devices').selectAll('devices')
    .select(sql<string[]>`coalesce((select array_agg(tag order by tag) from device_tags where device_id = devices.id), '{}')`.as('tags'))
    .select(sql<PolicyJson[]>`coalesce((
      select json_agg(p order by p.scope_kind, p.scope_value) from backup_policies p
       where (p.scope_kind = 'device' and p.scope_value = devices.id)
          or (p.scope_kind = 'tag' and p.scope_value in (select tag from device_tags where device_id = devices.id))), '[]')`.as('policies'))
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { policies, ...device } = row;
  return { device, policy: mergeBackupPolicies(device.id, policies.map((p) => ({ ...p, updated_at: new Date(p.updated_at) }))) };
}
