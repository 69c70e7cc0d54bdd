import { hostname } from 'node:os';
import { captureDevice, isDeviceCommError, listPlatforms, BackupWorker } from '@netraven/device-comm';
import { NetRavenCommands, ScheduleUseCases, systemActor, WebhookDeliveries } from '@netraven/application';
import { HttpWebhookTransport } from '@netraven/infra/webhooks';
import { RepositoryMaintenance } from '@netraven/infra/git';
import type { NetRavenConfig } from '@netraven/infra/config';
import type { Logger } from '@netraven/infra/log';
import { outageLog, Supervisor } from '@netraven/infra/supervision';
import { anyJobRunning, isStaleCheckpoint, ProjectionRunner, readModelProjectors } from '@netraven/projections';
import { JobDispatcher, LogRetentionTask, reissueUnfinishedWork, ScheduleRunner, StalenessWatch, TaskDeadlineWatchdog, TaskRelay, WebhookMatcher, WebhookSender } from '@netraven/scheduler';
import type { Infrastructure, Stop } from './infrastructure.js';
import { readinessProbe } from './readiness.js';
import { deviceLoginProbe } from './device-login-probe.js';
import { registerFollowerGauges, registerQueueGauges, startMetricsServer } from './process-metrics.js';
import { syslogListener } from './syslog-backups.js';

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
  readonly supervisor: Supervisor;
  /** Set when this process created the first admin; `generatedPassword` only when it chose the password. */
  readonly initialAdmin: { readonly created: boolean; readonly generatedPassword?: string } | undefined;
}

/** Starts the chosen services on shared adapters; each pushes its stop so shutdown runs in reverse. */
export async function startRoles(infra: Infrastructure, config: NetRavenConfig, logger: Logger, roles: Set<Role>, stops: Stop[]): Promise<RunningRoles> {
  if (infra.queueKind === 'in-process' && roles.has('scheduler') !== roles.has('worker')) {
    throw new Error('the in-process work queue needs the scheduler and the worker in one process; set NATS_URL to run them apart');
  }
  const onError = (component: string) => (error: unknown) => logger.error({ err: error, component }, `${component} failed`);
  const { store, db, vault, git, commands, queue, metrics } = infra;
  // Loaded only where the gateway runs (see gateway-role.ts): a worker never loads GraphQL.
  const gatewayRole = roles.has('gateway') ? await import('./gateway-role.js') : undefined;
  const live = gatewayRole ? new gatewayRole.LiveUpdates() : undefined;
  const webhookTransport = new HttpWebhookTransport();
  // Every event follower of this process runs under one supervisor: restarts with backoff, one log line per outage.
  const supervisor = new Supervisor(outageLog(logger), { isRoutineRestart: isStaleCheckpoint });
  stops.push(() => supervisor.stopAll());
  registerFollowerGauges(metrics, { store, db, supervisor });
  registerQueueGauges(metrics, queue);

  // The gateway's live updates come from the projector's change notices, so both share a process
  // for subscriptions to be live; a gateway alone hears of changes through NOTIFY.
  if (roles.has('projector')) {
    const announce = live ? undefined : new (await import('./read-model-change-announcer.js')).ReadModelChangeAnnouncer(db, onError('change-announcer'));
    const projections = new ProjectionRunner(db, store, readModelProjectors({ configs: git }), {
      onChange: (change) => (live ? live.onReadModelChange(change) : announce?.announce(change)),
    });
    await projections.start(supervisor);
  }
  if (roles.has('scheduler')) {
    await supervisor.add(new JobDispatcher(store, db, commands));
    if (!queue.durable) {
      // The embedded queue lost its tasks with the last process: re-issue them before the relay adds new ones.
      const { reissued } = await reissueUnfinishedWork(store, db, queue);
      if (reissued > 0) logger.warn({ reissued }, 're-issued device tasks that had no outcome when NetRaven last stopped');
    }
    await supervisor.add(new TaskRelay(store, db, queue));
    await supervisor.add(new TaskDeadlineWatchdog(db, commands, {
      deadlineMs: config.worker.taskDeadlineMs,
      onFailed: (task) => logger.warn({ ...task, deadlineMs: config.worker.taskDeadlineMs }, 'device task failed: no outcome within the task deadline'),
    }));
    const { created } = await new ScheduleUseCases({ store, commands, db }).ensureSystemReachabilitySchedule(systemActor('scheduler'));
    if (created) logger.info('system reachability schedule created (every device, every 15 minutes; retime it with updateSchedule)');
    await supervisor.add(new ScheduleRunner(db, commands, {
      onFired: (fired) => logger.info(fired, 'schedule fired a backup job'),
      onSkipped: (skipped) => logger.warn(skipped, 'schedule skipped occurrences missed while no scheduler ran (misfire SKIP)'),
    }));
    // Notifications: the matcher requests one delivery per (event, webhook); the sender posts and retries them.
    const deliveries = new WebhookDeliveries({ store, commands, db, vault, configs: git, transport: webhookTransport });
    const sender = new WebhookSender(db, deliveries, {
      onAttempt: (report) => {
        const fields = { delivery: report.deliveryId, attempt: report.attempt, statusCode: report.answer.statusCode, error: report.answer.error, durationMs: report.answer.durationMs };
        if (report.answer.statusCode !== null && report.answer.statusCode < 300) logger.debug(fields, 'webhook delivered');
        else logger.warn(fields, 'webhook delivery attempt failed');
      },
    });
    await supervisor.add(new WebhookMatcher(store, db, commands, git, { onRequested: () => sender.wake() }));
    await supervisor.add(sender);
    await supervisor.add(new StalenessWatch(db, commands, {
      onChange: (change) => logger.info(change, change.stale ? 'device is stale: no successful backup within its threshold' : 'device is no longer stale'),
    }));
    await supervisor.add(new LogRetentionTask(db, {
      policy: config.logRetention.policy,
      everyMs: config.logRetention.intervalMs,
      onSwept: (result) => {
        if (result.deleted > 0) logger.info({ deleted: result.deleted, byType: result.byType, component: 'log-retention' }, 'log lines past their retention deleted from the read model');
      },
    }));
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
    if (config.gitMaintenanceIntervalMs > 0) {
      await supervisor.add(new RepositoryMaintenance({
        repoPath: config.gitDir,
        intervalMs: config.gitMaintenanceIntervalMs,
        isBusy: () => anyJobRunning(db),
        onOutcome: (outcome) => {
          if (outcome.ran) logger.info({ component: 'git', before: outcome.before, after: outcome.after, ms: outcome.ms }, 'config repository packed');
        },
      }));
    }
  }
  const knownPlatforms = listPlatforms().map((p) => p.id);
  const netraven = new NetRavenCommands({ store, commands, db, vault, knownPlatforms });
  if (roles.has('scheduler') && config.syslog) await supervisor.add(syslogListener(config.syslog, db, netraven, logger));
  const loginProbe = deviceLoginProbe({ connectTimeoutMs: config.worker.connectTimeoutMs, commandTimeoutMs: config.worker.commandTimeoutMs });
  let graphqlUrl: string | undefined;
  let initialAdmin: RunningRoles['initialAdmin'];
  if (gatewayRole && live) {
    const gateway = await gatewayRole.startGatewayRole({
      infra, config, logger, supervisor, stops, live, projectorInProcess: roles.has('projector'),
      knownPlatforms, loginProbe, webhookTransport, onError,
    });
    graphqlUrl = gateway.url;
    initialAdmin = gateway.initialAdmin;
  }
  if (!roles.has('gateway') && config.http.metricsPort !== undefined) {
    const server = await startMetricsServer(metrics, readinessProbe({ store, db, queue, supervisor }), config.http.host, config.http.metricsPort);
    stops.push(() => server.close());
    logger.info({ url: server.url }, 'metrics listening');
  }
  return { graphqlUrl, commands: netraven, supervisor, initialAdmin };
}
