import type { Follower, FollowerRun } from '../supervision/supervisor.js';
import { runPeriodically } from '../supervision/periodic-run.js';
import type { AuthStore } from './auth-store.js';

export interface SignInFailureSweeperOptions {
  /** Failures older than this are deleted; keep it well above the throttling window. Default one day. */
  readonly retainMs?: number;
  /** How often to sweep; default hourly. */
  readonly everyMs?: number;
  readonly now?: () => Date;
  readonly onSwept?: (deleted: number) => void;
}

export const DEFAULT_FAILURE_RETENTION_MS = 24 * 3_600_000;

/**
 * Keeps `auth.sign_in_failures` small: the throttle reads only the last minutes, so older rows are
 * deleted periodically (the audit trail is the `SignInFailed` events, not this table).
 */
export class SignInFailureSweeper implements Follower {
  readonly name = 'sign-in-failure-sweeper';

  constructor(private readonly auth: AuthStore, private readonly options: SignInFailureSweeperOptions = {}) {}

  async follow(): Promise<FollowerRun> {
    return runPeriodically(async () => {
      const deleted = await this.sweep();
      if (deleted > 0) this.options.onSwept?.(deleted);
      return this.options.everyMs ?? 3_600_000;
    });
  }

  sweep(): Promise<number> {
    const now = (this.options.now ?? (() => new Date()))();
    return this.auth.deleteSignInFailuresBefore(new Date(now.getTime() - (this.options.retainMs ?? DEFAULT_FAILURE_RETENTION_MS)));
  }
}
