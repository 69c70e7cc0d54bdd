import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';

/** What the syslog listener needs to know to tell which device sent a message. */
export interface SenderCandidate {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  /** The hostname the device reported at its last backup. */
  readonly hostname: string | null;
}

/** Active devices registered at one of these hosts (compared case-insensitively). */
export async function activeDevicesAtHosts(db: Kysely<ReadModelDatabase>, hosts: readonly string[]): Promise<SenderCandidate[]> {
  if (hosts.length === 0) return [];
  return db.selectFrom('devices')
    .select(['id', 'name', 'host', 'hostname'])
    .where('status', '=', 'active')
    .where((eb) => eb(eb.fn('lower', ['host']), 'in', hosts.map((h) => h.toLowerCase())))
    .orderBy('id')
    .execute();
}
