/** What one POST to a receiver gave: its status (null when there was no answer) or the network error. */
export interface WebhookAnswer {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** A 429's or 503's Retry-After, in milliseconds. */
  readonly retryAfterMs: number | null;
}

/** The port the deliveries go out through (an HTTP client in infra). */
export interface WebhookTransport {
  post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<WebhookAnswer>;
}
