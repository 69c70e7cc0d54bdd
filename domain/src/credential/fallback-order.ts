/** At most this many credentials are tried in one backup, so a device's lockout policy is not provoked by a long list. */
export const MAX_CREDENTIALS_PER_BACKUP = 8;

/** A live credential as the fallback rule sees it. */
export interface FallbackCandidate {
  readonly id: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly priority: number;
}

export interface DeviceCredentials {
  /** The credential the device names. */
  readonly credentialId: string;
  /** The credential that last worked for it, if one did since its own credential was set. */
  readonly confirmedCredentialId: string | null;
  readonly tags: readonly string[];
}

/**
 * The order a device's backup tries credentials in: the one that last worked (if it is still one of
 * the device's), its own, then every credential sharing a tag with it by priority (lower first; ties by
 * name). `live` holds the credentials that exist; deleted ones are never tried.
 */
export function credentialFallbackOrder(device: DeviceCredentials, live: readonly FallbackCandidate[]): string[] {
  const deviceTags = new Set(device.tags);
  const liveIds = new Set(live.map((c) => c.id));
  const byTag = live
    .filter((c) => c.tags.some((tag) => deviceTags.has(tag)))
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((c) => c.id);
  const own = liveIds.has(device.credentialId) ? [device.credentialId] : [];
  const eligible = [...own, ...byTag];
  const remembered = device.confirmedCredentialId !== null && eligible.includes(device.confirmedCredentialId) ? [device.confirmedCredentialId] : [];
  return [...new Set([...remembered, ...eligible])].slice(0, MAX_CREDENTIALS_PER_BACKUP);
}
