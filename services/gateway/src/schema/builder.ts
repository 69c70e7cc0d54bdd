import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { Kysely } from 'kysely';
import type { CircuitBreakerPolicy } from '@netraven/domain';
import type { GitConfigRepository } from '@netraven/infra/git';
import type { ReadModelDatabase } from '@netraven/projections';
import type { Actor, CredentialCommands, LogQueries, NetRavenAccess, NetRavenCommands, NetRavenQueries, ScheduleUseCases } from '@netraven/application';
import type { LiveFeeds } from '../live/live-feeds.js';
import type { LiveUpdates } from '../live/live-updates.js';

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
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
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
