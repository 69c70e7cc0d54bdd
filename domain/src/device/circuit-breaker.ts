export interface CircuitBreakerPolicy {
  /** Consecutive transient failures that open the circuit. */
  readonly threshold: number;
  /** How long an open circuit skips the device before trying again. */
  readonly cooldownMs: number;
}

export interface DeviceFailureHistory {
  readonly consecutiveTransientFailures: number;
  readonly lastTransientFailureAt: Date | null;
}

export type CircuitState = { readonly open: false } | { readonly open: true; readonly retryAfter: Date };

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerPolicy = { threshold: 3, cooldownMs: 5 * 60_000 };

/**
 * A device that keeps timing out is skipped for a while instead of tying up sessions: after
 * `threshold` transient failures in a row, until `cooldownMs` after the last one. The next
 * attempt after the cool-down is the probe; a success closes the circuit.
 */
export function circuitStateOf(history: DeviceFailureHistory, now: Date, policy: CircuitBreakerPolicy): CircuitState {
  if (history.consecutiveTransientFailures < policy.threshold || !history.lastTransientFailureAt) return { open: false };
  const retryAfter = new Date(history.lastTransientFailureAt.getTime() + policy.cooldownMs);
  return now < retryAfter ? { open: true, retryAfter } : { open: false };
}
