import type { DomainEvent } from '../shared/decider.js';
import type { FailureCategory } from '../job/events.js';

/** Fallback order among tag credentials: lower first. A credential created without one gets this. */
export const DEFAULT_CREDENTIAL_PRIORITY = 100;

/**
 * Credential events never carry a secret: only the vault reference (`secretRef`) and a
 * fingerprint that changes when the secret changes (so the audit trail shows rotations).
 * Schema v2 of CredentialCreated added `tags` and `priority` (see credential/upcasters.ts).
 */
export type CredentialCreated = DomainEvent<
  'CredentialCreated',
  {
    credentialId: string; name: string; username: string; secretRef: string; fingerprint: string;
    /** Devices carrying one of these tags may fall back to this credential. */
    tags: string[];
    priority: number;
    createdAt: string;
  }
>;
export type CredentialSecretRotated = DomainEvent<
  'CredentialSecretRotated',
  { credentialId: string; secretRef: string; fingerprint: string; rotatedAt: string }
>;
/** Only what changed: `tags` is the whole new list when present. */
export type CredentialUpdated = DomainEvent<
  'CredentialUpdated',
  { credentialId: string; changes: { tags?: string[]; priority?: number }; updatedAt: string }
>;
export type CredentialDeleted = DomainEvent<'CredentialDeleted', { credentialId: string; deletedAt: string }>;
/** An operator asked for a test login to a device; what the device answered (never the secret). */
export type CredentialTested = DomainEvent<
  'CredentialTested',
  {
    credentialId: string; deviceId: string; ok: boolean; category: FailureCategory | null; message: string;
    durationMs: number; testedAt: string;
  }
>;

export type CredentialEvent = CredentialCreated | CredentialSecretRotated | CredentialUpdated | CredentialDeleted | CredentialTested;
