import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError } from 'graphql-yoga';
import { IllegalStateError, NotFoundError, ValidationError } from '@netraven/domain';
import { schema, type GatewayContext } from './schema/index.js';

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

/** Domain rejections are the caller's business and keep their message; anything else is masked. */
function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const code =
    original instanceof ValidationError ? 'BAD_USER_INPUT'
    : original instanceof IllegalStateError ? 'CONFLICT'
    : original instanceof NotFoundError ? 'NOT_FOUND'
    : undefined;
  if (code && original instanceof Error) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(original.message, { ...(path ? { path } : {}), extensions: { code } });
  }
  return defaultMaskError(error, message, isDev);
}

export async function startGatewayServer(options: {
  context: Omit<GatewayContext, 'actor'>;
  host: string;
  port: number;
  /** Where yoga's own log lines go (resolver errors included); defaults to yoga's console logger. */
  logger?: YogaLogSink;
}): Promise<GatewayServer> {
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    maskedErrors: { maskError },
    landingPage: false,
    ...(options.logger ? { logging: options.logger } : {}),
    context: (): GatewayContext => ({ ...options.context, actor: 'operator' }),
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${address.port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
