import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
// Subpaths, not the package: a worker's metrics server must not load the GraphQL server.
import { withHealthRoutes, type ReadinessProbe } from '@netraven/gateway/health';
import { withMetricsRoute } from '@netraven/gateway/metrics';
import type { EventStore } from '@netraven/infra/eventstore';
import type { WorkQueue } from '@netraven/infra/queue';
import type { NetRavenMetrics } from '@netraven/infra/metrics';
import type { Supervisor } from '@netraven/infra/supervision';
import type { ReadModelDatabase } from '@netraven/projections';
import { followerLag } from './follower-lag.js';

/** Lag beyond this many events reads as this many: the gauge tells "behind" from "far behind", cheaply. */
const LAG_COUNTED_UP_TO = 10_000;

/** Gauges read at scrape time from this process's followers. */
export function registerFollowerGauges(metrics: NetRavenMetrics, parts: { store: EventStore; db: Kysely<ReadModelDatabase>; supervisor: Supervisor }): void {
  metrics.gauge('netraven_projection_lag_events', 'Events a checkpointed follower (projector, dispatcher, relay...) has yet to process', ['follower'], async () => {
    const readings = await Promise.all(parts.supervisor.statuses().map(async (status) => {
      const lag = await followerLag(status, parts, LAG_COUNTED_UP_TO);
      return lag ? [{ labels: { follower: status.name }, value: lag.lag }] : [];
    }));
    return readings.flat();
  });
  metrics.gauge('netraven_follower_restarts', 'Restarts of each supervised follower since this process started', ['follower'], () =>
    Promise.resolve(parts.supervisor.statuses().map((status) => ({ labels: { follower: status.name }, value: status.restarts }))));
}

/** Queue gauges read at scrape time (JetStream's consumers or the embedded queue's own lists). */
export function registerQueueGauges(metrics: NetRavenMetrics, queue: WorkQueue): void {
  metrics.gauge('netraven_queue_depth', 'Device tasks waiting, by priority', ['priority'], async () =>
    (await queue.status()).priorities.map((p) => ({ labels: { priority: p.priority }, value: p.depth })));
  metrics.gauge('netraven_queue_oldest_task_age_seconds', 'How long the oldest waiting task of each priority has waited (0: none waiting)', ['priority'], async () =>
    (await queue.status()).priorities.map((p) => ({ labels: { priority: p.priority }, value: (p.oldestTaskAgeMs ?? 0) / 1000 })));
  metrics.gauge('netraven_queue_in_flight', 'Device tasks handed to a worker and not yet acknowledged', [], async () =>
    [{ value: (await queue.status()).inFlight }]);
}

/**
 * `/metrics`, `/healthz` and `/readyz` for a process that runs no gateway (a worker or projector of
 * the distributed mode), on `NETRAVEN_METRICS_PORT`.
 */
export async function startMetricsServer(metrics: NetRavenMetrics, readiness: ReadinessProbe, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(withHealthRoutes(readiness, withMetricsRoute(metrics, (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found: this process serves /metrics, /healthz and /readyz\n');
  })));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/metrics`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
