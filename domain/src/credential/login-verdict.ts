import type { FailureCategory } from '../job/events.js';

/**
 * What one login with a credential says about that credential: the device `accepted` it (the session
 * got past authentication, whatever happened after), `refused` it (category `auth`), or the attempt
 * ended before the device could judge it (`undecided`: unreachable, timeout, host key, ...).
 */
export type LoginVerdict = 'accepted' | 'refused' | 'undecided';

/** One credential tried during one device backup, as the outcome event records it. */
export interface CredentialTry {
  readonly credentialId: string;
  readonly verdict: LoginVerdict;
}

/** Failures that happen only after the device let us in. */
const AFTER_LOGIN: readonly FailureCategory[] = ['prompt', 'command', 'config'];

export function loginVerdictOf(category: FailureCategory | null): LoginVerdict {
  if (category === null) return 'accepted';
  if (category === 'auth') return 'refused';
  return AFTER_LOGIN.includes(category) ? 'accepted' : 'undecided';
}
