import type { Kysely } from 'kysely';
import type { CircuitBreakerPolicy } from '@netraven/domain';
import {
  AuditQueries, BackupPolicyUseCases, CredentialCommands, JobControl, LogQueries, NetRavenCommands, NetRavenQueries, ScheduleUseCases, WebhookUseCases,
  type JobControlDependencies, type LoginProbe, type NetRavenAccess, type WebhookTransport,
} from '@netraven/application';
import type { CommandHandler, EventStore } from '@netraven/infra/eventstore';
import type { GitConfigRepository } from '@netraven/infra/git';
import type { CredentialVault } from '@netraven/infra/secrets';
import type { ReadModelDatabase } from '@netraven/projections';
import type { LiveFeeds } from './live/live-feeds.js';
import type { LiveUpdates } from './live/live-updates.js';
import type { GatewayContext } from './schema/builder.js';

/** What every request shares: the use cases and adapters (the actor, address and loaders are per request). */
export type GatewayServices = Omit<GatewayContext, 'actor' | 'address' | 'loaders'>;

/** The running parts the gateway's use cases are made of; the caller opens them and closes them. */
export interface GatewayParts {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly git: GitConfigRepository;
  readonly access: NetRavenAccess;
  readonly live: LiveUpdates;
  readonly liveFeeds: LiveFeeds;
  /** The work queue `queueStatus` reports. */
  readonly queue: JobControlDependencies['queue'];
  /** Platforms a device may be registered with. */
  readonly knownPlatforms: readonly string[];
  /** How `testCredential` tries a login on a device. */
  readonly loginProbe: LoginProbe;
  /** How `testWebhook` sends its ping. */
  readonly webhookTransport: WebhookTransport;
  readonly circuitBreaker: CircuitBreakerPolicy;
  /** The read model the API's queries read (`db` unless told: a test may watch the statements). */
  readonly queryDb?: Kysely<ReadModelDatabase>;
}

/** The gateway's shared context, built in one place for the product, its tests and its benchmarks. */
export function gatewayContext(parts: GatewayParts): GatewayServices {
  const { store, commands, db, vault } = parts;
  return {
    db,
    commands: new NetRavenCommands({ store, commands, db, vault, knownPlatforms: parts.knownPlatforms }),
    credentials: new CredentialCommands({ store, commands, db, vault, loginProbe: parts.loginProbe }),
    queries: new NetRavenQueries(parts.queryDb ?? db),
    access: parts.access,
    schedules: new ScheduleUseCases({ store, commands, db }),
    webhooks: new WebhookUseCases({ store, commands, db, vault, transport: parts.webhookTransport }),
    jobControl: new JobControl({ store, commands, db, queue: parts.queue }),
    audit: new AuditQueries({ db, store }),
    backupPolicies: new BackupPolicyUseCases({ store, commands, db }),
    git: parts.git,
    live: parts.live,
    logQueries: new LogQueries(db),
    liveFeeds: parts.liveFeeds,
    circuitBreaker: parts.circuitBreaker,
  };
}
