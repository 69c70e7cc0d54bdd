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

/**
 * Active devices registered by a DNS name that is this hostname, or starts with its first label
 * (`core-r1` finds `core-r1.example.net`), at most `limit`: the ones worth resolving for a sender
 * whose address is not registered as such.
 */
export async function activeDevicesNamedHost(db: Kysely<ReadModelDatabase>, hostname: string, limit = 20): Promise<SenderCandidate[]> {
  const full = hostname.toLowerCase();
  const first = full.split('.')[0] ?? full;
  const escaped = first.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db.selectFrom('devices')
    .select(['id', 'name', 'host', 'hostname'])
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb(eb.fn('lower', ['host']), '=', full), eb(eb.fn('lower', ['host']), '=', first), eb(eb.fn('lower', ['host']), 'like', `${escaped}.%`)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}
