import type { DomainEvent } from '../shared/decider.js';

/**
 * The audit trail of access, on `signin-<userId>` (or `signin-unknown` for names that are no user):
 * who signed in from where, who failed and why, which refresh-token family was opened or revoked.
 * No password, hash or token is ever part of them; a family id is a random handle, not a secret.
 */
export type SignedIn = DomainEvent<'SignedIn', { userId: string; username: string; address: string; familyId: string; at: string }>;
export type SignInFailed = DomainEvent<
  'SignInFailed',
  { username: string; address: string; reason: 'bad-credentials' | 'disabled' | 'throttled'; at: string }
>;
export type SessionRefreshed = DomainEvent<'SessionRefreshed', { userId: string; familyId: string; address: string; at: string }>;
export type SessionRevoked = DomainEvent<
  'SessionRevoked',
  { userId: string; familyId: string; reason: 'logout' | 'refresh-token-reused' | 'password-changed' | 'user-disabled'; at: string }
>;

export type AccessEvent = SignedIn | SignInFailed | SessionRefreshed | SessionRevoked;

export const accessStreamName = (userId: string | undefined): string => `signin-${userId ?? 'unknown'}`;
