import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { CommandHandler, PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { GitConfigRepository } from '@netraven/infra/git';
import { CredentialVault } from '@netraven/infra/secrets';
import { freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner, type ReadModelDatabase } from '@netraven/projections';
import { CredentialCommands, NetRavenCommands } from '@netraven/application';
import { LiveUpdates, startGatewayServer } from '../src/index.js';

export interface GatewayFixture {
  url: string;
  store: EventStore;
  commands: CommandHandler;
  db: Kysely<ReadModelDatabase>;
  vault: CredentialVault;
  git: GitConfigRepository;
  dispose(): Promise<void>;
}

/** The gateway on real parts (Postgres event store and read models, vault, Git), without workers. */
export async function openGatewayFixture(): Promise<GatewayFixture> {
  const database = await freshTestDatabase('netraven_gw');
  const dir = await tempDir('netraven-gw-');
  const store = new UpcastingEventStore(
    await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 50 }),
    NETRAVEN_EVENT_SCHEMAS,
  );
  const db = await openReadModels(database.connectionString);
  const vault = await CredentialVault.open(database.connectionString, new Map([[1, randomBytes(32)]]));
  const git = await GitConfigRepository.open(`${dir.path}/configs.git`);
  const commands = new CommandHandler(store);
  const live = new LiveUpdates();
  const runner = new ProjectionRunner(db, store, ALL_PROJECTORS, { onChange: (change) => live.onReadModelChange(change) });
  await runner.start();
  const netraven = new NetRavenCommands({ store, commands, db, vault, knownPlatforms: ['cisco_ios'] });
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const noProbe = { tryLogin: () => Promise.reject(new Error('no device communication in gateway tests')) };
  const credentials = new CredentialCommands({ store, commands, db, vault, loginProbe: noProbe });
  const gateway = await startGatewayServer({ context: { db, commands: netraven, credentials, git, live, circuitBreaker: { threshold: 3, cooldownMs: 60_000 } }, host: '127.0.0.1', port: 0, logger: silent });
  return {
    url: gateway.url, store, commands, db, vault, git,
    async dispose() {
      await gateway.close();
      await runner.stop();
      await vault.close();
      await db.destroy();
      await store.close();
      await database.drop();
      await dir.remove();
    },
  };
}

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  if (!body.data) throw new Error(`no data (HTTP ${response.status})`);
  return body.data;
}
