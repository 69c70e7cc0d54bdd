import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import { activeDevicesAtHosts, activeDevicesNamedHost, type ReadModelDatabase, type SenderCandidate } from '@netraven/projections';

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
    [c.name, c.hostname, isIP(c.host) === 0 ? c.host : null].some((n) => n != null && (n.toLowerCase() === wanted || shortName(n) === shortName(wanted)));
  const matches = candidates.filter(named);
  if (matches.length === 1) {
    const match = matches[0] as SenderCandidate;
    return { found: true, deviceId: match.id, deviceName: match.name };
  }
  return { found: false, reason: `${candidates.length} devices share this address and ${matches.length} of them are named "${hostname}"` };
}

/** The addresses a DNS name stands for. */
export type ResolveHost = (host: string) => Promise<string[]>;

const resolveWithDns: ResolveHost = async (host) => (await lookup(host, { all: true })).map((a) => a.address);
// A device's DNS name is looked up at most this often; a failed lookup counts as no address.
const RESOLVED_FOR_MS = 5 * 60_000;

/**
 * The devices at an address: registered with it as `host`, or registered by a DNS name that
 * resolves to it. Names are looked up only for devices whose host is the message's hostname (or
 * starts with its first label), so a change message costs one or two indexed queries and, rarely,
 * a cached lookup.
 */
export class SenderDirectory {
  private readonly resolved = new Map<string, { addresses: Promise<string[]>; at: number }>();

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly resolve: ResolveHost = resolveWithDns,
    private readonly now: () => number = Date.now,
  ) {}

  async find(address: string, hostname: string | undefined): Promise<SenderMatch> {
    const source = normalizeAddress(address);
    const candidates = await activeDevicesAtHosts(this.db, [source]);
    if (hostname !== undefined && HOSTNAME_LIKE.test(hostname)) {
      for (const device of await activeDevicesNamedHost(this.db, hostname)) {
        if (isIP(device.host) !== 0 || candidates.some((c) => c.id === device.id)) continue;
        if ((await this.addressesOf(device.host)).map(normalizeAddress).includes(source)) candidates.push(device);
      }
    }
    return pickSender(candidates, hostname);
  }

  private addressesOf(host: string): Promise<string[]> {
    const key = host.toLowerCase();
    const cached = this.resolved.get(key);
    if (cached && this.now() - cached.at < RESOLVED_FOR_MS) return cached.addresses;
    if (this.resolved.size > 10_000) this.resolved.clear();
    const addresses = this.resolve(key).catch(() => []);
    this.resolved.set(key, { addresses, at: this.now() });
    return addresses;
  }
}

const HOSTNAME_LIKE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;
