import type { Kysely } from 'kysely';
import type { NetRavenCommands } from '@netraven/application';
import type { NetRavenConfig } from '@netraven/infra/config';
import type { EventStore } from '@netraven/infra/eventstore';
import type { GitConfigRepository } from '@netraven/infra/git';
import type { Logger } from '@netraven/infra/log';
import type { ReadModelDatabase } from '@netraven/projections';
import { NetRavenMetrics } from '@netraven/infra/metrics';
import { openInfrastructure, type Stop } from './composition/infrastructure.js';
import { ROLES, startRoles, type Role } from './composition/roles.js';

export interface StandaloneNetRaven {
  /** Empty when this process runs no gateway. */
  readonly graphqlUrl: string;
  readonly commands: NetRavenCommands;
  readonly db: Kysely<ReadModelDatabase>;
  readonly git: GitConfigRepository;
  readonly store: EventStore;
  /** Set when this start created the first admin (`generatedPassword`: to be printed once, then changed at first sign-in). */
  readonly initialAdmin: { readonly created: boolean; readonly generatedPassword?: string } | undefined;
  stop(): Promise<void>;
}

/**
 * The composition root. Standalone mode runs every role in one process on embedded defaults;
 * distributed mode runs chosen roles per process on EventStoreDB/NATS/PostgreSQL (compose.yaml).
 */
export async function startNetRaven(config: NetRavenConfig, logger: Logger, roles: Set<Role> = new Set(ROLES)): Promise<StandaloneNetRaven> {
  const stops: Stop[] = [];
  try {
    const infra = await openInfrastructure(config, logger, stops, new NetRavenMetrics({ roles: [...roles] }));
    const running = await startRoles(infra, config, logger, roles, stops);
    return {
      graphqlUrl: running.graphqlUrl ?? '',
      commands: running.commands, db: infra.db, git: infra.git, store: infra.store, initialAdmin: running.initialAdmin,
      stop: () => stopAll(stops, logger),
    };
  } catch (error) {
    await stopAll(stops, logger);
    throw error;
  }
}

export function startStandalone(config: NetRavenConfig, logger: Logger): Promise<StandaloneNetRaven> {
  return startNetRaven(config, logger);
}

async function stopAll(stops: Stop[], logger: Logger): Promise<void> {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
    }
  }
  stops.length = 0;
}
