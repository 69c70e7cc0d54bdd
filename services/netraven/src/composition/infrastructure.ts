import type { Kysely } from 'kysely';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import type { NetRavenConfig } from '@netraven/infra/config';
import { startEmbeddedPostgres, type KeeperEvent } from '@netraven/infra/db';
import { CommandHandler, PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { GitConfigRepository } from '@netraven/infra/git';
import type { Logger } from '@netraven/infra/log';
import { instrumentEventStore, instrumentGit, NetRavenMetrics } from '@netraven/infra/metrics';
import { InProcessWorkQueue, NatsWorkQueue, type WorkQueue } from '@netraven/infra/queue';
import { CredentialVault, loadVaultKeys } from '@netraven/infra/secrets';
import { oncePerBurst } from '@netraven/infra/supervision';
import { openReadModels, type ReadModelDatabase } from '@netraven/projections';

export interface Infrastructure {
  readonly databaseUrl: string;
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly git: GitConfigRepository;
  readonly commands: CommandHandler;
  readonly queue: WorkQueue;
  readonly queueKind: 'nats' | 'in-process';
  /** This process's Prometheus metrics; the event store and Git above already report to it. */
  readonly metrics: NetRavenMetrics;
}

export type Stop = () => Promise<void>;

/**
 * Picks the adapters from the configuration: EventStoreDB when ESDB_URL is set (else the Postgres
 * event store), NATS JetStream when NATS_URL is set (else the in-process queue), DATABASE_URL or
 * an embedded PostgreSQL for read models and the vault.
 */
export async function openInfrastructure(config: NetRavenConfig, logger: Logger, stops: Stop[], metrics = new NetRavenMetrics()): Promise<Infrastructure> {
  const onError = (component: string) => (error: unknown) => logger.error({ err: error, component }, `${component} failed`);
  // A database or NATS restart closes every pooled connection at once: one warning per outage, not one per connection.
  const connectionLost = (component: string) =>
    oncePerBurst((error) => logger.warn({ err: error, component }, `${component}: connection lost; reconnecting on next use`));
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message),
      keepAlive: { onEvent: embeddedPostgresEvents(logger) },
    });
    stops.push(() => embedded.stop());
    databaseUrl = embedded.connectionString;
    logger.info({ port: config.embeddedPostgresPort }, 'embedded PostgreSQL started');
  }
  const rawStore = config.esdbUrl
    ? (await import('@netraven/infra/esdb')).KurrentEventStore.connect(config.esdbUrl, { onError: onError('event-store') })
    : await PostgresEventStore.open({ connectionString: databaseUrl, onError: connectionLost('event-store') });
  const store: EventStore = instrumentEventStore(new UpcastingEventStore(rawStore, NETRAVEN_EVENT_SCHEMAS), metrics);
  stops.push(() => store.close());
  const db = await openReadModels(databaseUrl, connectionLost('read-models'));
  stops.push(() => db.destroy());
  // The key file is re-read when a secret under an unknown version turns up (`netraven vault rotate-key` while running).
  const keyFile = `${config.dataDir}/vault.key`;
  const vaultKeys = config.vaultKey ? loadVaultKeys({ envKey: config.vaultKey, keyFile }) : () => loadVaultKeys({ keyFile });
  const vault = await CredentialVault.open(databaseUrl, vaultKeys, connectionLost('vault'));
  stops.push(() => vault.close());
  const git = instrumentGit(await GitConfigRepository.open(config.gitDir), metrics);
  const queue: WorkQueue = config.natsUrl
    ? await NatsWorkQueue.connect({
        servers: config.natsUrl,
        stream: config.nats.stream,
        subject: config.nats.subject,
        durable: config.nats.durable,
        ackWaitMs: config.nats.ackWaitMs,
        maxDeliver: config.queue.maxDeliver,
        backoffMs: config.queue.backoffMs,
        maxAckPending: Math.max(1000, config.worker.concurrency * 4),
        onError: oncePerBurst(onError('work-queue'), 30_000),
      })
    : new InProcessWorkQueue({ maxDeliver: config.queue.maxDeliver, backoffMs: config.queue.backoffMs });
  stops.push(() => queue.close());
  logger.info({ eventStore: config.esdbUrl ? 'eventstoredb' : 'postgres', queue: config.natsUrl ? 'nats' : 'in-process' }, 'adapters chosen');
  return { databaseUrl, store, db, vault, git, commands: new CommandHandler(store), queue, queueKind: config.natsUrl ? 'nats' : 'in-process', metrics };
}

/** The embedded server's outages, as an operator reads them: once when it goes, once when it is back. */
function embeddedPostgresEvents(logger: Logger): (event: KeeperEvent) => void {
  const component = 'embedded-postgres';
  return (event) => {
    if (event.kind === 'down') logger.warn({ component }, 'embedded PostgreSQL is not running; starting it again');
    else if (event.kind === 'restarted') logger.info({ component, downForMs: event.downForMs, attempts: event.attempts }, 'embedded PostgreSQL is running again');
    // Tried every two seconds: the first failure and then one in fifteen (about every 30 s) are worth a line.
    else if (event.attempt % 15 === 1) logger.error({ component, err: event.error, attempt: event.attempt }, 'embedded PostgreSQL did not start again; still trying');
  };
}
