import type { DomainEvent } from '../shared/decider.js';

/**
 * The audit trail of access, on `signin-<userId>` (or `signin-unknown` for names that are no user):
 * who signed in from where, who failed and why, which refresh-token family was opened or revoked.
 * No password, hash or token is ever part of them; a family id is a random handle, not a secret.
 */
/** How a user proved who it is: its NetRaven password, or an OIDC provider's ID token. Absent on older events: `password`. */
export type SignInMethod = 'password' | 'oidc';
export type SignedIn = DomainEvent<'SignedIn', { userId: string; username: string; address: string; familyId: string; at: string; method?: SignInMethod }>;
export type SignInFailed = DomainEvent<
  'SignInFailed',
  {
    username: string; address: string; at: string; method?: SignInMethod;
    /** `no-mapped-group`: the provider vouched for the user but none of its groups is mapped; `not-external`: the name is a local user's. */
    reason: 'bad-credentials' | 'disabled' | 'throttled' | 'no-mapped-group' | 'not-external';
  }
>;
export type SessionRefreshed = DomainEvent<'SessionRefreshed', { userId: string; familyId: string; address: string; at: string }>;
export type SessionRevoked = DomainEvent<
  'SessionRevoked',
  { userId: string; familyId: string; reason: 'logout' | 'refresh-token-reused' | 'password-changed' | 'user-disabled'; at: string }
>;

/** An API token was used, from where: at most one per token and minute (the first use of that minute). */
export type ApiTokenUsed = DomainEvent<'ApiTokenUsed', { tokenId: string; name: string; address: string; at: string }>;

export type AccessEvent = SignedIn | SignInFailed | SessionRefreshed | SessionRevoked | ApiTokenUsed;

export const accessStreamName = (userId: string | undefined): string => `signin-${userId ?? 'unknown'}`;
/** API-token uses, per token, apart from the token's own stream (its decider need not know them). */
export const apiTokenUseStreamName = (tokenId: string): string => `apitoken-use-${tokenId}`;
