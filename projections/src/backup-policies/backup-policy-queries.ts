import { sql, type Kysely } from 'kysely';
import { staleAfterHoursFor, type BackupPolicyScope } from '@netraven/domain';
import type { ReadModelDatabase } from '../schema/database.js';

export interface BackupPolicyRow {
  scope_kind: 'tag' | 'device';
  scope_value: string;
  volatile: string[];
  secrets: string[];
  stale_after_hours: number | null;
  updated_at: Date;
  updated_by: string;
}

/** What applies to one device: its tags' policies and its own, merged (patterns added up, threshold per `staleAfterHoursFor`). */
export interface EffectiveBackupPolicy {
  readonly volatile: readonly string[];
  readonly secrets: readonly string[];
  readonly staleAfterHours: number;
  /** The policies it was merged from. */
  readonly sources: readonly BackupPolicyRow[];
}

export async function listBackupPolicies(db: Kysely<ReadModelDatabase>): Promise<BackupPolicyRow[]> {
  return db.selectFrom('backup_policies').selectAll().orderBy('scope_kind').orderBy('scope_value').execute();
}

export async function findBackupPolicy(db: Kysely<ReadModelDatabase>, scope: BackupPolicyScope): Promise<BackupPolicyRow | undefined> {
  const value = scope.kind === 'tag' ? scope.tag : scope.deviceId;
  return db.selectFrom('backup_policies').selectAll().where('scope_kind', '=', scope.kind).where('scope_value', '=', value).executeTakeFirst();
}

export function mergeBackupPolicies(deviceId: string, policies: readonly BackupPolicyRow[]): EffectiveBackupPolicy {
  const own = policies.find((p) => p.scope_kind === 'device' && p.scope_value === deviceId);
  const tags = policies.filter((p) => p.scope_kind === 'tag');
  const union = (pick: (p: BackupPolicyRow) => string[]) => [...new Set(policies.flatMap(pick))];
  return {
    volatile: union((p) => p.volatile),
    secrets: union((p) => p.secrets),
    staleAfterHours: staleAfterHoursFor(own?.stale_after_hours ?? null, tags.map((p) => p.stale_after_hours)),
    sources: policies,
  };
}

/** The policy for the next backup of a device with these tags: one indexed query. */
export async function effectiveBackupPolicy(db: Kysely<ReadModelDatabase>, deviceId: string, tags: readonly string[]): Promise<EffectiveBackupPolicy> {
  const policies = await db.selectFrom('backup_policies').selectAll()
    .where((eb) => eb.or([
      eb.and([eb('scope_kind', '=', 'device'), eb('scope_value', '=', deviceId)]),
      ...(tags.length > 0 ? [eb.and([eb('scope_kind', '=', 'tag'), eb('scope_value', 'in', [...tags])])] : []),
    ]))
    .orderBy('scope_kind').orderBy('scope_value')
    .execute();
  return mergeBackupPolicies(deviceId, policies);
}

export interface StalenessCandidate {
  id: string;
  tags: string[];
  registered_at: Date;
  last_success_at: Date | null;
  stale: boolean;
}

/** Every active device with what the staleness check needs (its tags, last success, current mark). */
export async function stalenessCandidates(db: Kysely<ReadModelDatabase>): Promise<StalenessCandidate[]> {
  const rows = await db.selectFrom('devices')
    .leftJoin('device_staleness', 'device_staleness.device_id', 'devices.id')
    .select([
      'devices.id', 'devices.registered_at', 'device_staleness.last_success_at', 'device_staleness.stale',
      sql<string[]>`coalesce((select array_agg(tag order by tag) from device_tags where device_id = devices.id), '{}')`.as('tags'),
    ])
    .where('devices.status', '=', 'active')
    .orderBy('devices.id')
    .execute();
  return rows.map((r) => ({ id: r.id, tags: r.tags, registered_at: r.registered_at, last_success_at: r.last_success_at ?? null, stale: r.stale ?? false }));
}

export interface DeviceStaleness {
  stale: boolean;
  stale_since: Date | null;
  last_success_at: Date | null;
}

export async function deviceStaleness(db: Kysely<ReadModelDatabase>, deviceIds: readonly string[]): Promise<Map<string, DeviceStaleness>> {
  if (deviceIds.length === 0) return new Map();
  const rows = await db.selectFrom('device_staleness').selectAll().where('device_id', 'in', [...deviceIds]).execute();
  return new Map(rows.map((r) => [r.device_id, { stale: r.stale, stale_since: r.stale_since, last_success_at: r.last_success_at }]));
}

/** Ids of the stale devices (the partial index keeps this cheap however large the inventory). */
export async function staleDeviceIds(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('device_staleness').select('device_id').where('stale', '=', true).orderBy('device_id').execute();
  return rows.map((r) => r.device_id);
}
