import type { Kysely } from 'kysely';
import { activeDevicesAtHosts, type ReadModelDatabase, type SenderCandidate } from '@netraven/projections';

export type SenderMatch =
  | { readonly found: true; readonly deviceId: string; readonly deviceName: string }
  | { readonly found: false; readonly reason: string };

/** `::ffff:192.0.2.1` (an IPv4 sender on a dual-stack socket) is `192.0.2.1`. */
export function normalizeAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
}

const shortName = (name: string): string => name.toLowerCase().split('.')[0] ?? '';

/**
 * Which device sent a message: the one active device registered at the source address; when several
 * share it (a NAT, a lab, a management proxy), the one whose name or last reported hostname is the
 * message's hostname field (with or without its domain). Anything else is no device.
 */
export function pickSender(candidates: readonly SenderCandidate[], hostname: string | undefined): SenderMatch {
  if (candidates.length === 0) return { found: false, reason: 'no device is registered at this address' };
  if (candidates.length === 1) {
    const only = candidates[0] as SenderCandidate;
    return { found: true, deviceId: only.id, deviceName: only.name };
  }
  if (hostname === undefined) return { found: false, reason: `${candidates.length} devices share this address and the message names no host` };
  const wanted = hostname.toLowerCase();
  const named = (c: SenderCandidate): boolean =>
    [c.name, c.hostname].some((n) => n != null && (n.toLowerCase() === wanted || shortName(n) === shortName(wanted)));
  const matches = candidates.filter(named);
  if (matches.length === 1) {
    const match = matches[0] as SenderCandidate;
    return { found: true, deviceId: match.id, deviceName: match.name };
  }
  return { found: false, reason: `${candidates.length} devices share this address and ${matches.length} of them are named "${hostname}"` };
}

export class SenderDirectory {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  async find(address: string, hostname: string | undefined): Promise<SenderMatch> {
    return pickSender(await activeDevicesAtHosts(this.db, [normalizeAddress(address)]), hostname);
  }
}
