import { randomBytes } from 'node:crypto';
import type { Kysely, KyselyPlugin } from 'kysely';
import { NETRAVEN_EVENT_SCHEMAS, parseGroupMapping } from '@netraven/domain';
import { CommandHandler, PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { GitConfigRepository } from '@netraven/infra/git';
import { CredentialVault } from '@netraven/infra/secrets';
import { freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { openReadModels, ProjectionRunner, readModelProjectors, type ReadModelDatabase } from '@netraven/projections';
import { LiveQueries, NetRavenAccess, type ScheduleUseCases } from '@netraven/application';
import { HttpWebhookTransport } from '@netraven/infra/webhooks';
import { InProcessWorkQueue } from '@netraven/infra/queue';
import { AccessTokens, AuthStore, OidcClient } from '@netraven/infra/auth';
import { gatewayContext, LiveFeeds, LiveUpdates, startGatewayServer } from '../src/index.js';

export interface GatewayFixture {
  url: string;
  store: EventStore;
  commands: CommandHandler;
  db: Kysely<ReadModelDatabase>;
  vault: CredentialVault;
  git: GitConfigRepository;
  access: NetRavenAccess;
  auth: AuthStore;
  /** The (embedded) work queue `queueStatus` reports; no worker consumes it here. */
  queue: InProcessWorkQueue;
  schedules: ScheduleUseCases;
  /** `Bearer <access token>` of the admin the fixture signed in as. */
  authorization: string;
  /** The live subscriptions: `liveFeeds.subscribers` tells when a subscription is listening. */
  liveFeeds: LiveFeeds;
  /** Every read-model change notice of the fixture's projectors. */
  live: LiveUpdates;
  connectionString: string;
  dispose(): Promise<void>;
}

/** The first admin's password in every gateway test. */
export const ADMIN_PASSWORD = 'admin-test-password';

/** Access tokens per gateway URL: `graphql()` sends the one its fixture signed in with. */
const tokens = new Map<string, string>();

/** The gateway on real parts (Postgres event store and read models, vault, Git), without workers. */
export async function openGatewayFixture(options: { port?: number; oidc?: { issuer: string; clientId: string; clientSecret: string; groups: string }; /** Sees every statement the API's reads run. */ readModelPlugin?: KyselyPlugin } = {}): Promise<GatewayFixture> {
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
  const liveFeeds = new LiveFeeds(live, new LiveQueries(db));
  const runner = new ProjectionRunner(db, store, readModelProjectors({ configs: git }), { onChange: (change) => live.onReadModelChange(change) });
  await runner.start();
  const auth = await AuthStore.open(database.connectionString);
  const externalGroups = options.oidc ? parseGroupMapping(options.oidc.groups) : undefined;
  const access = new NetRavenAccess({ store, commands, db, auth, accessTokens: new AccessTokens(randomBytes(32)), ...(externalGroups ? { externalGroups } : {}) });
  const port = options.port ?? 0;
  const oidc = options.oidc && {
    client: new OidcClient({ ...options.oidc, redirectUrl: `http://127.0.0.1:${port}/auth/oidc/callback`, groupsClaim: 'groups', scopes: 'openid profile groups' }),
  };
  await access.users.ensureInitialAdmin(ADMIN_PASSWORD);
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  // The gateway's tests reach no device (device-comm's real probe is tested against the lab in services/netraven).
  const noProbe = { tryLogin: async () => ({ ok: false as const, category: 'unreachable' as const, message: 'gateway tests reach no device' }) };
  const queue = new InProcessWorkQueue();
  const context = gatewayContext({
    store, commands, db, vault, git, access, live, liveFeeds, queue, knownPlatforms: ['cisco_ios'], loginProbe: noProbe,
    webhookTransport: new HttpWebhookTransport({ timeoutMs: 2000 }), circuitBreaker: { threshold: 3, cooldownMs: 60_000 },
    ...(options.readModelPlugin ? { queryDb: db.withPlugin(options.readModelPlugin) } : {}),
  });
  const schedules = context.schedules;
  const gateway = await startGatewayServer({
    context,
    host: '127.0.0.1', port, logger: silent, ...(oidc ? { oidc } : {}),
  });
  const { accessToken } = await access.signIn.login({ username: 'admin', password: ADMIN_PASSWORD }, '127.0.0.1');
  tokens.set(gateway.url, accessToken);
  return {
    url: gateway.url, store, commands, db, vault, git, access, auth, queue, schedules, authorization: `Bearer ${accessToken}`, liveFeeds, live, connectionString: database.connectionString,
    async dispose() {
      tokens.delete(gateway.url);
      await gateway.close();
      liveFeeds.close();
      await auth.close();
      await runner.stop();
      await queue.close();
      await vault.close();
      await db.destroy();
      await store.close();
      await database.drop();
      await dir.remove();
    },
  };
}

/** As the fixture's admin (the token its fixture signed in with), or as `token` when given (null: anonymous). */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<T> {
  const bearer = token === undefined ? tokens.get(url) : token;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  if (!body.data) throw new Error(`no data (HTTP ${response.status})`);
  return body.data;
}
