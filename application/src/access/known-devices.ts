import type { Kysely } from 'kysely';
import { NotFoundError } from '@netraven/domain';
import { deviceIdsInScopeAmong, liveDeviceIdsAmong, type ReadModelDatabase } from '@netraven/projections';
import { isScoped, type Actor } from './actor.js';

/** Unknown ids named in a refusal; the rest are counted. */
const UNKNOWN_IDS_SHOWN = 20;

/**
 * Every named device must be in the inventory and active, and within a scoped actor's tags:
 * devices outside them are reported as unknown, like devices that do not exist (`deviceIds`).
 */
export async function requireKnownDevices(db: Kysely<ReadModelDatabase>, actor: Actor, deviceIds: readonly string[], what: string): Promise<void> {
  const live = await liveDeviceIdsAmong(db, deviceIds);
  if (isScoped(actor)) {
    const visible = await deviceIdsInScopeAmong(db, deviceIds, actor.tags);
    for (const id of live) if (!visible.has(id)) live.delete(id);
  }
  const unknown = deviceIds.filter((id) => !live.has(id));
  if (unknown.length === 0) return;
  const more = unknown.length > UNKNOWN_IDS_SHOWN ? ` and ${unknown.length - UNKNOWN_IDS_SHOWN} more` : '';
  throw new NotFoundError(`${unknown.length} of ${what} are not in the inventory or are decommissioned: ${unknown.slice(0, UNKNOWN_IDS_SHOWN).join(', ')}${more}`, 'deviceIds');
}
