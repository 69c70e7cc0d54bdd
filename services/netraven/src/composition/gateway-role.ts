import { LiveQueries, NetRavenAccess, type LoginProbe } from '@netraven/application';
import { AccessTokens, AuthStore, loadJwtKey, OidcClient, SignInFailureSweeper } from '@netraven/infra/auth';
import type { NetRavenConfig } from '@netraven/infra/config';
import type { Logger } from '@netraven/infra/log';
import { oncePerBurst, type Supervisor } from '@netraven/infra/supervision';
import type { HttpWebhookTransport } from '@netraven/infra/webhooks';
import { gatewayContext, LiveFeeds, LiveUpdates, ReadModelChangeListener, ReadModelCatchUp, startGatewayServer } from '@netraven/gateway';
import type { Infrastructure, Stop } from './infrastructure.js';
import { readinessProbe } from './readiness.js';
import { afterOidcSignIn, webConsoleDir } from './web-console.js';
import { yogaLogSink } from './yoga-log-sink.js';

// The gateway role in a module of its own, imported only by a process that runs it: GraphQL, its schema, sign-in and
// the web console are ~17 MB of heap a worker has no use for.
export { LiveUpdates };

export interface GatewayRoleInput {
  readonly infra: Infrastructure;
  readonly config: NetRavenConfig;
  readonly logger: Logger;
  readonly supervisor: Supervisor;
  readonly stops: Stop[];
  readonly live: LiveUpdates;
  /** The projector runs in this process and feeds `live`; otherwise changes arrive through NOTIFY. */
  readonly projectorInProcess: boolean;
  readonly knownPlatforms: readonly string[];
  readonly loginProbe: LoginProbe;
  readonly webhookTransport: HttpWebhookTransport;
  readonly onError: (component: string) => (error: unknown) => void;
}

export interface RunningGateway {
  readonly url: string;
  readonly initialAdmin: { readonly created: boolean; readonly generatedPassword?: string };
}

export async function startGatewayRole(input: GatewayRoleInput): Promise<RunningGateway> {
  const { infra, config, logger, supervisor, stops, live, onError } = input;
  const { store, db, vault, git, commands, queue, metrics } = infra;
  if (!input.projectorInProcess) {
    await supervisor.add(new ReadModelChangeListener(infra.databaseUrl, live, onError('change-listener'), { catchUp: new ReadModelCatchUp(store, live) }));
  }
  // A database restart closes every pooled connection at once: one warning per outage.
  const auth = await AuthStore.open(infra.databaseUrl, oncePerBurst((error) => logger.warn({ err: error, component: 'auth' }, 'auth: connection lost; reconnecting on next use')));
  stops.push(() => auth.close());
  await supervisor.add(new SignInFailureSweeper(auth, { onSwept: (deleted) => logger.debug({ deleted, component: 'auth' }, 'old failed sign-ins deleted') }));
  const accessTokens = new AccessTokens(loadJwtKey({ secret: config.auth.jwtSecret, keyFile: config.auth.jwtKeyFile }));
  const oidc = config.auth.oidc;
  const access = new NetRavenAccess({ store, commands, db, auth, accessTokens, ...(oidc ? { externalGroups: oidc.groups } : {}) });
  const initialAdmin = await access.users.ensureInitialAdmin(config.auth.adminPassword);
  const liveFeeds = new LiveFeeds(live, new LiveQueries(db), onError('live-feeds'));
  stops.push(async () => liveFeeds.close());
  const webRoot = webConsoleDir(config, logger);
  const gateway = await startGatewayServer({
    context: gatewayContext({
      store, commands, db, vault, git, access, live, liveFeeds, queue,
      knownPlatforms: input.knownPlatforms, loginProbe: input.loginProbe, webhookTransport: input.webhookTransport, circuitBreaker: config.circuitBreaker,
    }),
    corsOrigins: config.auth.corsOrigins,
    ...(config.http.maxQueryCost ? { maxQueryCost: config.http.maxQueryCost } : {}),
    ...(config.http.maxBodyBytes ? { maxBodyBytes: config.http.maxBodyBytes } : {}),
    host: config.http.host,
    port: config.http.port,
    logger: yogaLogSink(logger.child({ component: 'gateway' })),
    readiness: readinessProbe({ store, db, queue, supervisor }),
    metrics,
    ...(oidc ? { oidc: oidcRoutes(oidc, webRoot) } : {}),
    webRoot,
  });
  if (oidc) logger.info({ issuer: oidc.issuer, redirectUrl: oidc.redirectUrl }, 'OIDC sign-in at /auth/oidc/login');
  stops.push(() => gateway.close());
  logger.info({ url: gateway.url }, 'GraphQL gateway listening');
  return { url: gateway.url, initialAdmin };
}

function oidcRoutes(oidc: NonNullable<NetRavenConfig['auth']['oidc']>, webRoot: string | undefined): { client: OidcClient; afterSignInUrl?: string } {
  const afterSignInUrl = afterOidcSignIn(oidc, webRoot);
  return { client: new OidcClient(oidc), ...(afterSignInUrl ? { afterSignInUrl } : {}) };
}
