import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What a WebSocket operation ended with: its messages (data or errors), or the socket's close. */
export interface WsOutcome<T = Record<string, unknown>> {
  messages: Array<{ data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
  closed?: { code: number; reason: string };
}

/** A real graphql-ws client on the gateway's `/graphql`, with `connectionParams` as given; no retries. */
export function wsClient(httpUrl: string, connectionParams?: Record<string, unknown>, options: { keepOpen?: boolean } = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0,
    // keepOpen: one socket for every operation, not closed when the last one completes.
    ...(options.keepOpen ? { lazyCloseTimeout: 60_000 } : {}),
    ...(connectionParams ? { connectionParams } : {}),
  });
}

const isClose = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number';

/**
 * Runs `query` over the socket until `count` messages came (or one satisfies `until`), it completed, errored or the socket
 * closed (10 s at most); `trigger` runs once the first message arrived (a subscription answers at once: it is live).
 */
export async function overSocket<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {},
  options: { count?: number; until?: (message: WsOutcome<T>['messages'][number]) => boolean; trigger?: () => Promise<void> } = {}): Promise<WsOutcome<T>> {
  const outcome: WsOutcome<T> = { messages: [] };
  // A subscription answers at once with the current state: the trigger runs after that, when it is live.
  let triggered: Promise<void> = Promise.resolve();
  let firstSeen = false;
  let stop: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const unsubscribe = client.subscribe<T>({ query, variables }, {
    next: (message) => {
      const received = message as WsOutcome<T>['messages'][number];
      outcome.messages.push(received);
      if (!firstSeen && options.trigger) triggered = options.trigger();
      firstSeen = true;
      if (options.until ? options.until(received) : outcome.messages.length >= (options.count ?? 1)) stop();
    },
    error: (error: unknown) => {
      if (Array.isArray(error)) outcome.messages.push({ errors: error as NonNullable<WsOutcome['messages'][number]['errors']> });
      else if (isClose(error)) outcome.closed = { code: error.code, reason: error.reason };
      else outcome.messages.push({ errors: [{ message: String(error) }] });
      stop();
    },
    complete: () => stop(),
  });

  const timeout = setTimeout(stop, 10_000);
  await finished;
  clearTimeout(timeout);
  unsubscribe();
  await triggered;
  return outcome;
}
