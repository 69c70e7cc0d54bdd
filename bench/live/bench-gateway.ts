import { randomBytes } from 'node:crypto';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { LiveQueries, NetRavenAccess } from '@netraven/application';
import { InProcessWorkQueue } from '@netraven/infra/queue';
import { HttpWebhookTransport } from '@netraven/infra/webhooks';
import { AccessTokens, AuthStore } from '@netraven/infra/auth';
import { CommandHandler, PostgresEventStore, UpcastingEventStore } from '@netraven/infra/eventstore';
import { GitConfigRepository } from '@netraven/infra/git';
import { CredentialVault } from '@netraven/infra/secrets';
import { tempDir } from '@netraven/infra/testing';
import { ALL_PROJECTORS, jobsProjector, openReadModels, ProjectionRunner } from '@netraven/projections';
import { noteHandOvers } from './handed-over.js';
import { gatewayContext, LiveFeeds, LiveUpdates, ReadModelChangeListener, startGatewayServer } from '@netraven/gateway';

export interface BenchGateway {
  readonly url: string;
  /** The admin's access token. */
  readonly token: string;
  /** The admin's sign-in, for the web console. */
  readonly admin: { readonly username: string; readonly password: string };
  readonly commands: CommandHandler;
  readonly feeds: LiveFeeds;
  /** When each job's row was first announced by the jobs projector (wall clock, ms): the projection's share of the latency. */
  readonly projected: Map<string, number>;
  /** When each job's first event was handed over to the jobs projector (wall clock, ms): the read's part of that share. */
  readonly handedOver: Map<string, number>;
  close(): Promise<void>;
}

const ADMIN_PASSWORD = 'bench-admin-password';

/**
 * A NetRaven gateway (no scheduler or worker) on a fresh database, with the projectors in its
 * process (`in-process`, as standalone runs) or hearing of another process's projectors through
 * LISTEN/NOTIFY (`apart`, as distributed mode runs).
 */
export async function startBenchGateway(connectionString: string, projector: 'in-process' | 'apart', webRoot?: string): Promise<BenchGateway> {
  const dir = await tempDir('netraven-bench-live-');
  const store = new UpcastingEventStore(await PostgresEventStore.open({ connectionString, poolSize: 20 }), NETRAVEN_EVENT_SCHEMAS);
  const db = await openReadModels(connectionString);
  const vault = await CredentialVault.open(connectionString, new Map([[1, randomBytes(32)]]));
  const git = await GitConfigRepository.open(`${dir.path}/configs.git`);
  const commands = new CommandHandler(store);
  // No worker here: the queue only answers `queueStatus`.
  const queue = new InProcessWorkQueue();
  const live = new LiveUpdates();
  const projected = new Map<string, number>();
  live.listen((notice) => {
    if (notice?.projection !== 'jobs') return;
    const at = performance.timeOrigin + performance.now();
    for (const jobId of notice.jobIds) if (!projected.has(jobId)) projected.set(jobId, at);
  });
  const handedOver = new Map<string, number>();
  const runner = projector === 'in-process' ? new ProjectionRunner(db, noteHandOvers(store, jobsProjector.eventTypes, handedOver), ALL_PROJECTORS, { onChange: (change) => live.onReadModelChange(change) }) : undefined;
  await runner?.start();
  const listening = projector === 'apart'
    ? await new ReadModelChangeListener(connectionString, live, (error) => console.error('# bad notice', error)).follow()
    : undefined;
  const feeds = new LiveFeeds(live, new LiveQueries(db), (error) => console.error('# live feed read failed', error));
  const auth = await AuthStore.open(connectionString);
  const access = new NetRavenAccess({ store, commands, db, auth, accessTokens: new AccessTokens(randomBytes(32)) });
  await access.users.ensureInitialAdmin(ADMIN_PASSWORD);
  const noProbe = { tryLogin: async () => ({ ok: false as const, category: 'unreachable' as const, message: 'no devices in this benchmark' }) };
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const gateway = await startGatewayServer({
    context: gatewayContext({
      store, commands, db, vault, git, access, live, liveFeeds: feeds, queue, knownPlatforms: ['cisco_ios'], loginProbe: noProbe,
      webhookTransport: new HttpWebhookTransport(), circuitBreaker: { threshold: 3, cooldownMs: 60_000 },
    }),
    host: '127.0.0.1', port: 0, logger: silent, ...(webRoot ? { webRoot } : {}),
  });
  const { accessToken } = await access.signIn.login({ username: 'admin', password: ADMIN_PASSWORD }, '127.0.0.1');
  return {
    url: gateway.url, token: accessToken, admin: { username: 'admin', password: ADMIN_PASSWORD }, commands, feeds, projected, handedOver,
    async close() {
      await gateway.close();
      await queue.close();
      feeds.close();
      await auth.close();
      await runner?.stop();
      await listening?.stop();
      await vault.close();
      await db.destroy();
      await store.close();
      await dir.remove();
    },
  };
}
