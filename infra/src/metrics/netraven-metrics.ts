import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a gauge reads when Prometheus scrapes: one value per label set. */
export type GaugeReading = ReadonlyArray<{ readonly labels?: Record<string, string>; readonly value: number }>;

const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const DEVICE_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/**
 * The process's Prometheus metrics (prom-client), served as `GET /metrics`. Labels never name a
 * device or a job: an inventory of 100,000 devices must not become 100,000 series.
 */
export class NetRavenMetrics {
  readonly registry = new Registry();
  readonly backups: Counter<'outcome' | 'category'>;
  readonly deviceDuration: Histogram<'outcome'>;
  readonly eventStoreAppend: Histogram;
  readonly gitCommit: Histogram;
  readonly subscriptions: Gauge;

  constructor(options: { readonly roles?: readonly string[] } = {}) {
    if (options.roles) this.registry.setDefaultLabels({ roles: [...options.roles].sort().join(',') });
    collectDefaultMetrics({ register: this.registry, prefix: 'netraven_' });
    this.backups = new Counter({
      name: 'netraven_backups_total',
      help: 'Device backups recorded by this process, by outcome (changed, unchanged, failed) and failure category',
      labelNames: ['outcome', 'category'], registers: [this.registry],
    });
    this.deviceDuration = new Histogram({
      name: 'netraven_device_backup_duration_seconds',
      help: 'From a device backup starting to its outcome being recorded (attempts in this process)',
      labelNames: ['outcome'], buckets: DEVICE_BUCKETS_SECONDS, registers: [this.registry],
    });
    this.eventStoreAppend = new Histogram({
      name: 'netraven_eventstore_append_duration_seconds', help: 'Latency of one event-store append (one stream write)',
      buckets: LATENCY_BUCKETS_SECONDS, registers: [this.registry],
    });
    this.gitCommit = new Histogram({
      name: 'netraven_git_commit_duration_seconds', help: 'Latency of committing one device config to Git (waiting for its wave included)',
      buckets: LATENCY_BUCKETS_SECONDS, registers: [this.registry],
    });
    this.subscriptions = new Gauge({
      name: 'netraven_graphql_subscriptions', help: 'GraphQL subscriptions open on this gateway (SSE and WebSocket)', registers: [this.registry],
    });
  }

  /** A gauge whose values are read at scrape time (queue depth, projection lag). A failing read leaves it unset. */
  gauge(name: string, help: string, labelNames: readonly string[], read: () => Promise<GaugeReading>): void {
    new Gauge({
      name, help, labelNames: [...labelNames], registers: [this.registry],
      async collect() {
        this.reset();
        for (const reading of await read()) {
          if (reading.labels) this.set(reading.labels, reading.value);
          else this.set(reading.value);
        }
      },
    });
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
