/** What a receiver answered; `statusCode` null when it did not (refused, reset, timed out). */
export interface HttpPostAnswer {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly retryAfterMs: number | null;
}

export interface HttpWebhookTransportOptions {
  /** The whole exchange, connect to last byte (default 10 s): a receiver that hangs counts as no answer. */
  readonly timeoutMs?: number;
}

/**
 * POSTs webhook bodies with Node's built-in `fetch` (undici): no dependency to add, keep-alive pooling, and an
 * `AbortSignal` timeout. Redirects are not followed: a 3xx is the receiver's answer (a final failure), so a
 * compromised receiver cannot bounce signed payloads on to another address.
 */
export class HttpWebhookTransport {
  constructor(private readonly options: HttpWebhookTransportOptions = {}) {}

  async post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<HttpPostAnswer> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
      // The body is not needed, only read to the end so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}`, durationMs: elapsed(), retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      return { statusCode: null, error: networkError(error), durationMs: elapsed(), retryAfterMs: null };
    }
  }
}

/** `Retry-After` as seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** The cause's code (ECONNREFUSED, ...) rather than fetch's "fetch failed"; never the URL, which may be a bearer secret. */
function networkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout: no answer in time';
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
