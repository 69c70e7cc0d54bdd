import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Actor } from '@netraven/application';
import type { YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext } from '../schema/index.js';
import type { ErrorCode } from '../errors/error-codes.js';

/** What a socket proved at connection: its `Authorization` value, re-checked for every operation. */
export interface SocketIdentity {
  readonly authorization: string;
  readonly address: string;
}

/** The server context yoga sees: the HTTP request, or the WebSocket's upgrade request. */
export interface GatewayServerContext {
  req?: IncomingMessage;
}

export interface GraphqlWebSocket {
  close(): Promise<void>;
}

type GetEnveloped = YogaServerInstance<GatewayServerContext, GatewayContext>['getEnveloped'];
type Enveloped = Pick<ReturnType<GetEnveloped>, 'execute' | 'subscribe'>;

/**
 * `Authorization: Bearer <token>` from `connectionParams`: `Authorization`, `authorization`, or a
 * bare `token` (with or without `Bearer `). Undefined when none is given.
 */
export function bearerFromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.['Authorization'] ?? params?.['authorization'] ?? params?.['token'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return /^Bearer\s/i.test(value) ? value : `Bearer ${value}`;
}

/** A close reason is at most 123 bytes. */
const reason = (text: string): string => (Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString()}…`);

/**
 * GraphQL over WebSocket (graphql-ws protocol) on `path` of the gateway's HTTP server, run through
 * yoga's envelope (yoga's documented integration) so validation (depth and cost limits), error
 * masking and the context are the same as over HTTP and SSE.
 *
 * The socket authenticates once at `connection_init` with the same authenticator as HTTP: no token
 * closes it with 4401, a refused token with 4403. Each operation then authenticates the same token
 * again, as each HTTP request does, so a revoked session, a disabled user or a changed role or tag
 * scope applies to the next operation (refused by the use cases with `UNAUTHENTICATED`/`FORBIDDEN`).
 */
export function attachGraphqlWebSocket(options: {
  server: Server;
  path: string;
  yoga: { getEnveloped: GetEnveloped };
  authenticate: (authorization: string, address: string) => Promise<Actor>;
  maxPayloadBytes: number;
}): GraphqlWebSocket {
  const wss = new WebSocketServer({ server: options.server, path: options.path, maxPayload: options.maxPayloadBytes });
  // The per-operation execute/subscribe from yoga's envelope, found again by the operation's context.
  const envelopes = new WeakMap<object, Enveloped>();
  const envelopeOf = (args: ExecutionArgs): Enveloped => {
    const found = typeof args.contextValue === 'object' && args.contextValue !== null ? envelopes.get(args.contextValue) : undefined;
    if (!found) throw new Error('operation without an envelope');
    return found;
  };

  const disposable = useServer<Record<string, unknown>, { identity: SocketIdentity }>({
    onConnect: async (ctx) => {
      const address = ctx.extra.request.socket.remoteAddress ?? 'unknown';
      const authorization = bearerFromConnectionParams(ctx.connectionParams);
      if (!authorization) {
        ctx.extra.socket.close(CloseCode.Unauthorized, reason('Unauthorized: send connectionParams { Authorization: "Bearer <token>" }'));
        return false;
      }
      const actor = await options.authenticate(authorization, address);
      if (actor.kind === 'anonymous' || actor.role === null) {
        ctx.extra.socket.close(CloseCode.Forbidden, reason(`Forbidden: ${actor.rejection ?? 'the token is not accepted'}`));
        return false;
      }
      ctx.extra.identity = { authorization, address };
      return true;
    },
    onSubscribe: async (ctx, _id, payload) => {
      const identity = ctx.extra.identity;
      if (!identity) return [new GraphQLError('the connection is not authenticated', { extensions: { code: 'UNAUTHENTICATED' satisfies ErrorCode } })];
      const { schema, execute, subscribe, contextFactory, parse, validate } = options.yoga.getEnveloped({
        req: ctx.extra.request,
        params: payload,
        // The operation's request as the context sees it: the socket's token as its Authorization header.
        request: new Request(`http://gateway.invalid${options.path}`, { method: 'POST', headers: { authorization: identity.authorization } }),
      });
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [asInputError(error instanceof GraphQLError ? error : new GraphQLError(String(error)))];
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return errors.map(asInputError);
      const contextValue = await contextFactory();
      envelopes.set(contextValue, { execute, subscribe });
      return {
        schema, document, contextValue,
        ...(payload.operationName ? { operationName: payload.operationName } : {}),
        ...(payload.variables ? { variableValues: payload.variables } : {}),
      };
    },
    execute: (args) => envelopeOf(args).execute(args),
    subscribe: (args) => envelopeOf(args).subscribe(args),
  }, wss);

  return {
    close: async () => {
      await disposable.dispose();
      for (const client of wss.clients) client.terminate();
    },
  };
}

/** A refusal of the document (syntax, depth, cost, unknown field) is the caller's: `BAD_USER_INPUT`, as over HTTP. */
function asInputError(error: GraphQLError): GraphQLError {
  if (error.extensions['code'] !== undefined) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode } });
}
