import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';

/** A tag as the fleet uses it: the active devices carrying it, the credentials it falls back to, its backup policy. */
export interface TagSummary {
  readonly tag: string;
  readonly devices: number;
  readonly credentials: number;
  readonly hasPolicy: boolean;
}

/**
 * Every tag in use (on an active device, a credential or a backup policy), by name. With a scope, only the scope's
 * own tags and those of devices inside it, counted over those devices: a scoped reader learns nothing beyond its tags.
 */
export async function tagSummaries(db: Kysely<ReadModelDatabase>, scope?: readonly string[]): Promise<TagSummary[]> {
  const scoped = scope ? sql`and exists (select 1 from device_tags s where s.device_id = dt.device_id and s.tag = any(${[...scope]}::text[]))` : sql``;
  const { rows } = await sql<{ tag: string; devices: string; credentials: string; has_policy: boolean }>`
    with device_counts as (
      select dt.tag, count(*) as devices from device_tags dt join devices d on d.id = dt.device_id
       where d.status <> 'decommissioned' ${scoped} group by dt.tag),
    credential_counts as (
      select tag, count(*) as credentials from credentials c, unnest(c.tags) as tag where c.deleted_at is null group by tag),
    policy_tags as (select scope_value as tag from backup_policies where scope_kind = 'tag'),
    names as (
      select tag from device_counts
      ${scope ? sql`union select unnest(${[...scope]}::text[])` : sql`union select tag from credential_counts union select tag from policy_tags`})
    select n.tag, coalesce(dc.devices, 0) as devices, coalesce(cc.credentials, 0) as credentials,
           exists (select 1 from policy_tags p where p.tag = n.tag) as has_policy
      from names n left join device_counts dc on dc.tag = n.tag left join credential_counts cc on cc.tag = n.tag
     order by n.tag`.execute(db);
  return rows.map((row) => ({ tag: row.tag, devices: Number(row.devices), credentials: Number(row.credentials), hasPolicy: row.has_policy }));
}
