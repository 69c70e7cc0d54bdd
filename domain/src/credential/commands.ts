import type { Command } from '../shared/decider.js';
import type { FailureCategory } from '../job/events.js';

export type CreateCredential = Command<
  'CreateCredential',
  {
    credentialId: string; name: string; username: string; secretRef: string; fingerprint: string;
    tags?: string[]; priority?: number;
  }
>;
export type RotateCredentialSecret = Command<
  'RotateCredentialSecret',
  { credentialId: string; secretRef: string; fingerprint: string }
>;
export type UpdateCredential = Command<'UpdateCredential', { credentialId: string; tags?: string[]; priority?: number }>;
export type DeleteCredential = Command<'DeleteCredential', { credentialId: string }>;
export type RecordCredentialTest = Command<
  'RecordCredentialTest',
  { credentialId: string; deviceId: string; ok: boolean; category: FailureCategory | null; message: string; durationMs: number }
>;

export type CredentialCommand =
  | CreateCredential
  | RotateCredentialSecret
  | UpdateCredential
  | DeleteCredential
  | RecordCredentialTest;
