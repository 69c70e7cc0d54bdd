import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { captureDevice, isDeviceCommError, listPlatforms } from '@netraven/device-comm';
import { BackupWorker } from '@netraven/device-comm';
import { NetRavenCommands, LiveUpdates, startGatewayServer, type GatewayServer, type YogaLogSink } from '@netraven/gateway';
import type { NetRavenConfig } from '@netraven/infra/config';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@netraven/infra/db';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { CommandHandler, PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { GitConfigRepository } from '@netraven/infra/git';
import type { Logger } from '@netraven/infra/log';
import { InProcessWorkQueue, type Consumer } from '@netraven/infra/queue';
import { CredentialVault, loadVaultKeys } from '@netraven/infra/secrets';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner, type ReadModelDatabase } from '@netraven/projections';
import { JobDispatcher, TaskRelay } from '@netraven/scheduler';

export interface StandaloneNetRaven {
  readonly graphqlUrl: string;
  readonly commands: NetRavenCommands;
  readonly db: Kysely<ReadModelDatabase>;
  readonly git: GitConfigRepository;
  readonly store: EventStore;
  stop(): Promise<void>;
}

/**
 * Every NetRaven service in one process on embedded defaults: the composition root of standalone
 * mode. Distributed mode wires the same parts to other adapters (NATS, EventStoreDB).
 */
export async function startStandalone(config: NetRavenConfig, logger: Logger): Promise<StandaloneNetRaven> {
  const stops: Array<() => Promise<void>> = [];
  const onError = (component: string) => (error: unknown) => logger.error({ err: error, component }, `${component} failed`);
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded: EmbeddedPostgresServer = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPostgresPort,
        onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message),
      });
      stops.push(() => embedded.stop());
      databaseUrl = embedded.connectionString;
      logger.info({ port: config.embeddedPostgresPort }, 'embedded PostgreSQL started');
    }
    const store: EventStore = new UpcastingEventStore(
      await PostgresEventStore.open({ connectionString: databaseUrl, onError: onError('event-store') }),
      NETRAVEN_EVENT_SCHEMAS,
    );
    stops.push(() => store.close());
    const db = await openReadModels(databaseUrl);
    stops.push(() => db.destroy());
    const vault = await CredentialVault.open(databaseUrl, loadVaultKeys({ envKey: config.vaultKey, keyFile: `${config.dataDir}/vault.key` }));
    stops.push(() => vault.close());
    const git = await GitConfigRepository.open(config.gitDir);
    const commands = new CommandHandler(store);

    const live = new LiveUpdates();
    const projections = new ProjectionRunner(db, store, ALL_PROJECTORS, {
      onChange: (change) => live.onReadModelChange(change),
      onError: (projection, error) => onError(`projection ${projection}`)(error),
    });
    await projections.start();
    stops.push(() => projections.stop());

    const queue = new InProcessWorkQueue();
    stops.push(() => queue.close());
    const dispatcher = new JobDispatcher(store, db, commands, { onError: onError('dispatcher') });
    await dispatcher.start();
    stops.push(() => dispatcher.stop());
    const relay = new TaskRelay(store, db, queue, { onError: onError('relay') });
    await relay.start();
    stops.push(() => relay.stop());

    const worker = new BackupWorker({
      store, commands, db, vault, git,
      capture: captureDevice,
      categorize: (error) => (isDeviceCommError(error) ? error.category : undefined),
      workerId: `${hostname()}/${process.pid}`,
      timeouts: { connectTimeoutMs: config.worker.connectTimeoutMs, commandTimeoutMs: config.worker.commandTimeoutMs },
      retry: { retries: config.worker.retries, backoffMs: config.worker.retryBackoffMs },
      circuitBreaker: config.circuitBreaker,
    });
    const consumer: Consumer = queue.consume((delivery) => worker.handle(delivery), {
      concurrency: config.worker.concurrency,
      onGiveUp: (delivery, error) => logger.error({ err: error, task: delivery.task.id, attempt: delivery.attempt }, 'task dropped after its last delivery'),
    });
    stops.push(() => consumer.stop());

    const netraven = new NetRavenCommands({ store, commands, db, vault, knownPlatforms: listPlatforms().map((p) => p.id) });
    const gateway: GatewayServer = await startGatewayServer({
      context: { db, commands: netraven, git, live, circuitBreaker: config.circuitBreaker },
      host: config.http.host,
      port: config.http.port,
      logger: yogaLogSink(logger.child({ component: 'gateway' })),
    });
    stops.push(() => gateway.close());
    logger.info({ url: gateway.url }, 'GraphQL gateway listening');

    return {
      graphqlUrl: gateway.url, commands: netraven, db, git, store,
      stop: () => stopAll(stops, logger),
    };
  } catch (error) {
    await stopAll(stops, logger);
    throw error;
  }
}

/** Yoga logs rejected input as errors; domain rejections are answered to the caller, so they are warnings here. */
function yogaLogSink(logger: Logger): YogaLogSink {
  const format = (args: unknown[]): { err?: unknown; msg: string } => {
    const err = args.find((a) => a instanceof Error);
    return { ...(err ? { err } : {}), msg: args.filter((a) => !(a instanceof Error)).map(String).join(' ') };
  };
  return {
    debug: (...args) => { const f = format(args); logger.debug({ err: f.err }, f.msg); },
    info: (...args) => { const f = format(args); logger.info({ err: f.err }, f.msg); },
    warn: (...args) => { const f = format(args); logger.warn({ err: f.err }, f.msg); },
    error: (...args) => {
      const f = format(args);
      const original = f.err instanceof Error && 'originalError' in f.err ? (f.err as { originalError?: unknown }).originalError : f.err;
      const domainRejection = original instanceof Error && ['ValidationError', 'IllegalStateError', 'NotFoundError'].includes(original.name);
      if (domainRejection) logger.debug({ err: f.err }, f.msg || 'request rejected');
      else logger.error({ err: f.err }, f.msg || 'gateway error');
    },
  };
}

async function stopAll(stops: Array<() => Promise<void>>, logger: Logger): Promise<void> {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
    }
  }
  stops.length = 0;
}
