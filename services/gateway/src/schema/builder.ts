import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { Kysely } from 'kysely';
import type { CircuitBreakerPolicy } from '@netraven/domain';
import type { GitConfigRepository } from '@netraven/infra/git';
import type { ReadModelDatabase } from '@netraven/projections';
import type { Actor, AuditQueries, BackupPolicyUseCases, CredentialCommands, JobControl, LogQueries, NetRavenAccess, NetRavenCommands, NetRavenQueries, ScheduleUseCases, WebhookUseCases } from '@netraven/application';
import type { LiveFeeds } from '../live/live-feeds.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { RequestLoaders } from '../loaders/request-loaders.js';

export interface GatewayContext {
  readonly db: Kysely<ReadModelDatabase>;
  readonly commands: NetRavenCommands;
  /** Credential sets after creation: tags, priority, secret, test logins. */
  readonly credentials: CredentialCommands;
  /** Every read, with the actor's role and tag scope applied. */
  readonly queries: NetRavenQueries;
  readonly access: NetRavenAccess;
  /** Schedules: their changes, reads and upcoming runs. */
  readonly schedules: ScheduleUseCases;
  /** Webhooks: rules, deliveries, test pings (ADMIN). */
  readonly webhooks: WebhookUseCases;
  /** Job kinds and control: run now, cancel, re-run failed devices, queue status. */
  readonly jobControl: JobControl;
  /** Audit replay: job and device trails from the event log, a job's state at any point. */
  readonly audit: AuditQueries;
  /** Backup policies per tag or device, and staleness. */
  readonly backupPolicies: BackupPolicyUseCases;
  readonly git: GitConfigRepository;
  readonly live: LiveUpdates;
  /** The unified log's reads: pages, a job's log, types, levels, stats. */
  readonly logQueries: LogQueries;
  /** `jobsChanged`, `deviceChanged`, `logAdded`: shared reads after each read-model change. */
  readonly liveFeeds: LiveFeeds;
  /** How the workers decide a device's circuit is open, so the API shows the same answer. */
  readonly circuitBreaker: CircuitBreakerPolicy;
  /** Who is asking, from `Authorization: Bearer <token>` (anonymous without one). */
  readonly actor: Actor;
  /** The caller's network address, for sign-in throttling and the audit trail. */
  readonly address: string;
  /** This request's batched lookups (one statement per kind per level, not one per row). */
  readonly loaders: RequestLoaders;
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: { DateTime: { Input: Date; Output: Date }; JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  // A connection counts its whole list (filters and tag scope applied), only when asked; lists whose count
  // would mean reading everything (a search through every stored config) leave it out and answer null.
  Connection: { totalCount?: () => Promise<number> };
}>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin],
  // Cursor connections for every list that can grow; `nodes` beside `edges` keeps simple scripts simple.
  // No global `node(id)` queries: every lookup goes through its own authorized query.
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: true,
    description: 'How many items the whole list holds (filters and tag scope applied), not only this page; null where counting would mean reading everything (config search through history, audit trails).',
    resolve: (connection) => connection.totalCount?.() ?? null,
  }),
);

builder.scalarType('DateTime', {
  description: 'An ISO-8601 timestamp',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new TypeError('DateTime must be an ISO-8601 string');
    return new Date(value);
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
