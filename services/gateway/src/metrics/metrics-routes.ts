import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';

/** What `/metrics` serves: Prometheus' text exposition of this process's metrics. */
export interface MetricsSource {
  exposition(): Promise<{ contentType: string; body: string }>;
  readonly subscriptions: { inc(): void; dec(): void };
}

/**
 * `GET /metrics` for Prometheus. Unauthenticated like `/healthz`: it holds counts and latencies,
 * never a device, job or user name (see NetRavenMetrics).
 */
export function withMetricsRoute(
  metrics: MetricsSource | undefined,
  next: (request: IncomingMessage, response: ServerResponse) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  if (!metrics) return next;
  return (request, response) => {
    if ((request.url ?? '/').split('?')[0] !== '/metrics') return next(request, response);
    metrics.exposition().then(
      ({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}

/** Counts open subscriptions: one more when a subscription's stream starts, one less when it ends. */
export function subscriptionCounter(metrics: MetricsSource): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in Object(result))) return undefined;
          metrics.subscriptions.inc();
          return { onEnd: () => metrics.subscriptions.dec() };
        },
      };
    },
  };
}
