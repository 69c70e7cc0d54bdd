import { hostname } from 'node:os';
import { captureDevice, isDeviceCommError, listPlatforms, BackupWorker } from '@netraven/device-comm';
import { NetRavenCommands, LiveUpdates, ReadModelChangeListener, startGatewayServer } from '@netraven/gateway';
import type { NetRavenConfig } from '@netraven/infra/config';
import type { Logger } from '@netraven/infra/log';
import { ALL_PROJECTORS, ProjectionRunner } from '@netraven/projections';
import { JobDispatcher, TaskRelay } from '@netraven/scheduler';
import type { Infrastructure, Stop } from './infrastructure.js';
import { yogaLogSink } from './yoga-log-sink.js';
import { ReadModelChangeAnnouncer } from './read-model-change-announcer.js';

export const ROLES = ['gateway', 'projector', 'scheduler', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export function parseRoles(value: string | undefined): Set<Role> {
  if (!value || value === 'all') return new Set(ROLES);
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`unknown role(s) ${unknown.join(', ')}; known: ${ROLES.join(', ')}, all`);
  return new Set(roles as Role[]);
}

export interface RunningRoles {
  readonly graphqlUrl: string | undefined;
  readonly commands: NetRavenCommands;
  readonly live: LiveUpdates;
}

/** Starts the chosen services on shared adapters; each pushes its stop so shutdown runs in reverse. */
export async function startRoles(infra: Infrastructure, config: NetRavenConfig, logger: Logger, roles: Set<Role>, stops: Stop[]): Promise<RunningRoles> {
  if (infra.queueKind === 'in-process' && roles.has('scheduler') !== roles.has('worker')) {
    throw new Error('the in-process work queue needs the scheduler and the worker in one process; set NATS_URL to run them apart');
  }
  const onError = (component: string) => (error: unknown) => logger.error({ err: error, component }, `${component} failed`);
  const { store, db, vault, git, commands, queue } = infra;
  const live = new LiveUpdates();

  // The gateway's live updates come from the projector's change notices, so both share a process
  // for subscriptions to be live; a gateway alone still answers queries and mutations.
  if (roles.has('projector')) {
    const announce = roles.has('gateway') ? undefined : new ReadModelChangeAnnouncer(db, onError('change-announcer'));
    const projections = new ProjectionRunner(db, store, ALL_PROJECTORS, {
      onChange: (change) => (announce ? announce.announce(change) : live.onReadModelChange(change)),
      onError: (projection, error) => onError(`projection ${projection}`)(error),
    });
    await projections.start();
    stops.push(() => projections.stop());
  }
  if (roles.has('scheduler')) {
    const dispatcher = new JobDispatcher(store, db, commands, { onError: onError('dispatcher') });
    await dispatcher.start();
    stops.push(() => dispatcher.stop());
    const relay = new TaskRelay(store, db, queue, { onError: onError('relay') });
    await relay.start();
    stops.push(() => relay.stop());
  }
  if (roles.has('worker')) {
    const worker = new BackupWorker({
      store, commands, db, vault, git,
      capture: captureDevice,
      categorize: (error) => (isDeviceCommError(error) ? error.category : undefined),
      workerId: `${hostname()}/${process.pid}`,
      timeouts: { connectTimeoutMs: config.worker.connectTimeoutMs, commandTimeoutMs: config.worker.commandTimeoutMs },
      retry: { retries: config.worker.retries, backoffMs: config.worker.retryBackoffMs },
      circuitBreaker: config.circuitBreaker,
      perHostLimit: config.worker.perHostLimit,
    });
    const consumer = queue.consume((delivery) => worker.handle(delivery), {
      concurrency: config.worker.concurrency,
      onGiveUp: (delivery, error) => {
        logger.error({ err: error, task: delivery.task.id, attempt: delivery.attempt }, 'task failed on its last delivery');
        worker.recordGaveUp(delivery, error).catch(onError(`recording the failure of ${delivery.task.id}`));
      },
    });
    stops.push(() => consumer.stop());
  }
  const netraven = new NetRavenCommands({ store, commands, db, vault, knownPlatforms: listPlatforms().map((p) => p.id) });
  let graphqlUrl: string | undefined;
  if (roles.has('gateway')) {
    if (!roles.has('projector')) {
      const listener = new ReadModelChangeListener(infra.databaseUrl, live, onError('change-listener'));
      await listener.start();
      stops.push(() => listener.stop());
    }
    const gateway = await startGatewayServer({
      context: { db, commands: netraven, git, live, circuitBreaker: config.circuitBreaker },
      host: config.http.host,
      port: config.http.port,
      logger: yogaLogSink(logger.child({ component: 'gateway' })),
    });
    stops.push(() => gateway.close());
    graphqlUrl = gateway.url;
    logger.info({ url: gateway.url }, 'GraphQL gateway listening');
  }
  return { graphqlUrl, commands: netraven, live };
}
