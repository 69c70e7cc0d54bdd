/** How many times and how often a delivery is tried. */
export interface DeliveryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** 6 attempts over about 30 minutes: 30 s, 1, 2, 4, 8 min between them. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 6, initialBackoffMs: 30_000, maxBackoffMs: 15 * 60_000 };

/**
 * What an answer means: 2xx was received; 5xx, 429 (slow down) and no answer at all (network error, timeout) may
 * pass, so they are tried again; any other answer (4xx, a redirect) will not change by itself, so it is final.
 */
export function classifyAnswer(statusCode: number | null): 'received' | 'retryable' | 'final' {
  if (statusCode === null) return 'retryable';
  if (statusCode >= 200 && statusCode < 300) return 'received';
  if (statusCode === 429 || statusCode >= 500) return 'retryable';
  return 'final';
}

/** Wait after attempt `attempt` (1-based): doubling from the initial wait, capped; a receiver's Retry-After is honoured up to the cap. */
export function backoffAfter(attempt: number, policy: DeliveryPolicy, retryAfterMs?: number | null): number {
  const exponential = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.min(policy.maxBackoffMs, Math.max(exponential, retryAfterMs ?? 0));
}

/** One delivery per (source event, webhook): the receiver's `X-NetRaven-Delivery`, the same on every attempt. */
export const deliveryIdOf = (sourceEventId: string, webhookId: string): string => `${sourceEventId}:${webhookId}`;
