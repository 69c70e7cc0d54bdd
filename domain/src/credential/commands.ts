import type { Command } from '../shared/decider.js';

export type CreateCredential = Command<
  'CreateCredential',
  { credentialId: string; name: string; username: string; secretRef: string; fingerprint: string }
>;
export type RotateCredentialSecret = Command<
  'RotateCredentialSecret',
  { credentialId: string; secretRef: string; fingerprint: string }
>;
export type DeleteCredential = Command<'DeleteCredential', { credentialId: string }>;

export type CredentialCommand = CreateCredential | RotateCredentialSecret | DeleteCredential;
