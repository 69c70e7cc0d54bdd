import type { FailureCategory } from '@netraven/domain';
import { isTransientFailure } from '@netraven/domain';
import type { CaptureOptions, CaptureTarget, DeviceCapture } from '../capture/index.js';

export interface RetryPolicy {
  /** Extra attempts after the first, for transient failures only. */
  readonly retries: number;
  /** Wait before retry n (1-based); the last value repeats. */
  readonly backoffMs: readonly number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, backoffMs: [1000, 3000] };

export type CaptureDevice = (target: CaptureTarget, options: CaptureOptions) => Promise<DeviceCapture>;
/** Any session on a device (a capture, a login check, a command run). */
export type DeviceSession<T> = (target: CaptureTarget, options: CaptureOptions) => Promise<T>;
/** Maps a capture error to its category, or undefined when the error is not a device failure. */
export type CategorizeError = (error: unknown) => FailureCategory | undefined;

/**
 * Retries a capture that failed for a reason that may pass (timeout, unreachable, protocol) with
 * backoff; an auth, host-key, prompt or config failure is final at once: retrying only locks
 * accounts or hides a real problem.
 */
export async function captureWithRetry<T = DeviceCapture>(
  capture: DeviceSession<T>,
  categorize: CategorizeError,
  target: CaptureTarget,
  options: CaptureOptions,
  policy: RetryPolicy,
  onRetry: (attempt: number, category: FailureCategory, error: unknown, waitMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await capture(target, options);
    } catch (error) {
      const category = categorize(error);
      if (!category || !isTransientFailure(category) || attempt > policy.retries) throw error;
      const waitMs = policy.backoffMs[Math.min(attempt - 1, policy.backoffMs.length - 1)] ?? 1000;
      onRetry(attempt, category, error, waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
