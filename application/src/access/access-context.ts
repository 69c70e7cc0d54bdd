import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccessEvent, Command, Decider, DomainEvent, GroupRule } from '@netraven/domain';
import { accessStreamName } from '@netraven/domain';
import type { AccessTokens, AuthStore } from '@netraven/infra/auth';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';
import { accessProjector, waitUntilCaughtUp, type ReadModelDatabase } from '@netraven/projections';
import { UniqueNames } from '../unique-names.js';
import { actorLabel, type Actor } from './actor.js';

export interface AccessDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly auth: AuthStore;
  readonly accessTokens: AccessTokens;
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
  /** Failed sign-ins within `windowMs` after which sign-in is refused, per username and per address. */
  readonly throttle?: { readonly perUser: number; readonly perAddress: number; readonly windowMs: number };
  /** How long a refresh token (and so a session) lives. */
  readonly refreshLifetimeMs?: number;
  /** Which identity-provider groups get which role and tags (`NETRAVEN_OIDC_GROUPS`); none: every external sign-in is refused. */
  readonly externalGroups?: readonly GroupRule[];
}

export const DEFAULT_THROTTLE = { perUser: 5, perAddress: 20, windowMs: 5 * 60_000 } as const;
export const DEFAULT_REFRESH_LIFETIME_MS = 7 * 24 * 3_600_000;

/** What the access use cases share: the clock, commands with the actor in their metadata, access events, read-your-writes. */
export class AccessContext {
  readonly names: UniqueNames;
  readonly clock: Clock;

  constructor(readonly deps: AccessDependencies) {
    this.clock = deps.clock ?? systemClock;
    this.names = new UniqueNames({ commands: deps.commands, store: deps.store, clock: this.clock });
  }

  async issue<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>, aggregateId: string, command: { type: C['type']; data: C['data'] }, actor: Actor,
  ): Promise<Position | undefined> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.clock });
    return (await this.deps.commands.handle(decider, aggregateId, { ...command, metadata } as C)).position;
  }

  async caughtUp(position: Position | undefined): Promise<void> {
    if (!position) return;
    await waitUntilCaughtUp(this.deps.db, this.deps.store, accessProjector, position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
  }

  /** Sign-ins, failures and session revocations: facts on `signin-<userId>` (or `stream`), never with a secret in them. */
  async record(event: AccessEvent, userId: string | undefined, actor: string, stream = accessStreamName(userId)): Promise<void> {
    const eventId = randomUUID();
    await this.deps.store.append(stream, [{
      type: event.type,
      data: event.data,
      metadata: { eventId, correlationId: eventId, causationId: eventId, actor, occurredAt: this.clock().toISOString(), schemaVersion: 1 },
    }], 'any');
  }
}
