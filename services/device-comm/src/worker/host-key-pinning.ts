import type { HostKeyVerifier } from '../session/index.js';

/**
 * Trust on first use: with no pinned key any key is accepted (and pinned after a successful
 * backup); with a pinned key only that key is. The presented key is remembered either way, for
 * the pin and for the alert.
 */
export class HostKeyCheck {
  presented: string | undefined;

  constructor(readonly pinned: string | null) {}

  readonly verifier: HostKeyVerifier = (fingerprint) => {
    this.presented = fingerprint;
    return this.pinned === null || this.pinned === fingerprint;
  };
}
