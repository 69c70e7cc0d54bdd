import type { IncomingMessage, ServerResponse } from 'node:http';

/** What `/readyz` answers: `ready` decides the status code, the rest says why. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly [detail: string]: unknown;
}

export type ReadinessProbe = () => Promise<ReadinessReport>;

/**
 * `/healthz`: the process answers (liveness). `/readyz`: its dependencies answer and its followers
 * run (readiness), 200 or 503 with the details as JSON. Anything else goes to the GraphQL server.
 */
export function withHealthRoutes(
  readiness: ReadinessProbe | undefined,
  next: (request: IncomingMessage, response: ServerResponse) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(response, 200, { status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
    if (path === '/readyz') {
      if (!readiness) return sendJson(response, 200, { ready: true });
      readiness().then(
        (report) => sendJson(response, report.ready ? 200 : 503, report),
        (error: unknown) => sendJson(response, 503, { ready: false, error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    next(request, response);
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}
