import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError, type Plugin } from 'graphql-yoga';
import { domainErrorCode, isUnavailableFailure, toErrorCode, type ErrorCode } from './errors/error-codes.js';
import { errorCodesInEnum } from './errors/error-code-plugin.js';
import { compiledQueries } from './execution/compiled-queries.js';
import { createRequestLoaders } from './loaders/request-loaders.js';
import { depthLimitRule } from './hardening/depth-limit.js';
import { costLimit, DEFAULT_MAX_QUERY_COST } from './hardening/cost-limit.js';
import { attachGraphqlWebSocket, type GatewayServerContext } from './ws/graphql-ws-server.js';
import { DEFAULT_MAX_BODY_BYTES, withHttpGuards } from './hardening/http-guards.js';
import { schema, type GatewayContext } from './schema/index.js';
import { withHealthRoutes, type ReadinessProbe } from './health/health-routes.js';
import { withOidcRoutes } from './oidc/oidc-routes.js';
import { subscriptionCounter, withMetricsRoute, type MetricsSource } from './metrics/metrics-routes.js';
import { withWebConsole } from './web/web-static.js';
import type { OidcClient } from '@netraven/infra/auth';

export interface YogaLogSink {
  debug: (...args: unknown[]) => void;
  info: (...args: unknown[]) => void;
  warn: (...args: unknown[]) => void;
  error: (...args: unknown[]) => void;
}

export interface GatewayServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** The error at the bottom of GraphQL's wrapping (a resolver's or a scalar's own error). */
function rootCause(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? rootCause(error.originalError) : error;
}

/**
 * Which input a GraphQL refusal of a variable is about: `Variable "$input" got invalid value … at
 * "input.tags[0]"` names `tags`, the last named step of the path (domain rejections name their
 * field the same way); without a path, the variable itself.
 */
export function fieldOfVariableError(message: string): string | undefined {
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message)?.[1];
  if (!variable) return undefined;
  const path = / at "([^"]+)"/.exec(message)?.[1];
  const named = path?.split(/[.[\]]/).filter((step) => step !== '' && !/^\d+$/.test(step));
  return named?.at(-1) ?? variable;
}

/**
 * Domain rejections are the caller's business: they keep their message and say which kind
 * (`extensions.code`, from the `ErrorCode` enum) and, when known, which input (`extensions.field`).
 * GraphQL's own refusals of a request (variables of the wrong type, ...) are input errors too, cut
 * short so a megabyte of input is not echoed back. Anything else is masked as INTERNAL_SERVER_ERROR.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = rootCause(error);
  if (isUnavailableFailure(original)) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError('NetRaven cannot reach its database at this moment; retry shortly', {
      ...(path ? { path } : {}), extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode },
    });
  }
  const code = domainErrorCode(original);
  if (code && original instanceof Error) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    const field = (original as { field?: unknown }).field;
    return new GraphQLError(original.message, { ...(path ? { path } : {}), extensions: { code, ...(typeof field === 'string' ? { field } : {}) } });
  }
  // A database or network failure outside a field (it carries a code such as 57P01 or ECONNREFUSED) stays masked.
  const systemFailure = !(original instanceof GraphQLError) && typeof (original as { code?: unknown } | undefined)?.code === 'string';
  const refusedByGraphQL = error instanceof GraphQLError && error.extensions['code'] === undefined && !systemFailure
    && (original instanceof GraphQLError || error.path === undefined);
  if (refusedByGraphQL) {
    const text = error.message.length > 500 ? `${error.message.slice(0, 500)}…` : error.message;
    const field = fieldOfVariableError(error.message);
    const extensions = { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode, ...(field ? { field } : {}) };
    return new GraphQLError(text, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
  }
  const masked = defaultMaskError(error, message, isDev);
  return masked instanceof GraphQLError ? new GraphQLError(masked.message, { ...(masked.path ? { path: masked.path } : {}), extensions: { ...masked.extensions, code: toErrorCode(masked.extensions['code']) } }) : masked;
}

/** Deepest nesting a document may have (device → snapshots → config is 3; the contract's deepest is 5). */
export const MAX_QUERY_DEPTH = 10;

/** The depth limit, checked in validation: before anything runs, for HTTP, SSE and WebSocket alike. */
const depthLimit: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(depthLimitRule(MAX_QUERY_DEPTH));
  },
};

export async function startGatewayServer(options: {
  context: Omit<GatewayContext, 'actor' | 'address' | 'loaders'>;
  /** Origins allowed to call from a browser (CORS); none by default. */
  corsOrigins?: readonly string[];
  maxBodyBytes?: number;
  /** Most objects one operation may return (see `costLimit`); `DEFAULT_MAX_QUERY_COST` when unset. */
  maxQueryCost?: number;
  host: string;
  port: number;
  /** Where yoga's own log lines go (resolver errors included); defaults to yoga's console logger. */
  logger?: YogaLogSink;
  /** Answers `/readyz`; without it the gateway is ready whenever it answers. */
  readiness?: ReadinessProbe;
  /** OIDC sign-in (`/auth/oidc/login`, `/auth/oidc/callback`); off when unset. */
  oidc?: { client: OidcClient; afterSignInUrl?: string };
  /** Serves `GET /metrics` and counts open subscriptions; no `/metrics` when unset. */
  metrics?: MetricsSource;
  /** The built web console (`web/dist`), served at `/` on the same origin as `/graphql`; none when unset. */
  webRoot?: string;
}): Promise<GatewayServer> {
  const yoga = createYoga<GatewayServerContext, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    maskedErrors: { maskError },
    landingPage: false,
    plugins: [compiledQueries(), depthLimit, costLimit(options.maxQueryCost ?? DEFAULT_MAX_QUERY_COST), errorCodesInEnum(), ...(options.metrics ? [subscriptionCounter(options.metrics)] : [])],
    cors: options.corsOrigins?.length
      ? { origin: [...options.corsOrigins], allowedHeaders: ['authorization', 'content-type'], methods: ['GET', 'POST'], credentials: false }
      : false,
    ...(options.logger ? { logging: options.logger } : {}),
    // Every request (HTTP and SSE) and every WebSocket operation (its socket's token as the header) is
    // authenticated once, here; the use cases decide what it may do.
    context: async ({ request, req }: { request: Request; req?: IncomingMessage }): Promise<GatewayContext> => {
      const address = req?.socket.remoteAddress ?? 'unknown';
      const actor = await options.context.access.authenticator.authenticate(request.headers.get('authorization'), address);
      return { ...options.context, actor, address, loaders: createRequestLoaders(options.context.queries, actor) };
    },
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer(withHttpGuards(maxBodyBytes, withHealthRoutes(options.readiness, withMetricsRoute(options.metrics, withOidcRoutes(options.oidc && { ...options.oidc, access: options.context.access }, withWebConsole(options.webRoot, yoga))))));
  const webSocket = attachGraphqlWebSocket({
    server, path: '/graphql', yoga, maxPayloadBytes: maxBodyBytes,
    authenticate: (authorization, address) => options.context.access.authenticator.authenticate(authorization, address),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${address.port}/graphql`,
    close: async () => {
      await webSocket.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
