import type { DomainEvent } from '../shared/decider.js';

/**
 * Credential events never carry a secret: only the vault reference (`secretRef`) and a
 * fingerprint that changes when the secret changes (so the audit trail shows rotations).
 */
export type CredentialCreated = DomainEvent<
  'CredentialCreated',
  { credentialId: string; name: string; username: string; secretRef: string; fingerprint: string; createdAt: string }
>;
export type CredentialSecretRotated = DomainEvent<
  'CredentialSecretRotated',
  { credentialId: string; secretRef: string; fingerprint: string; rotatedAt: string }
>;
export type CredentialDeleted = DomainEvent<'CredentialDeleted', { credentialId: string; deletedAt: string }>;

export type CredentialEvent = CredentialCreated | CredentialSecretRotated | CredentialDeleted;
