import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isErrorCode, toErrorCode } from './error-codes.js';

type Result = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

function withEnumCodes<R extends Result>(result: R): R {
  if (!result.errors?.some((error) => !isErrorCode(error.extensions?.['code']))) return result;
  const errors = result.errors.map((error) => {
    if (isErrorCode(error.extensions?.['code'])) return error;
    const extensions = { ...error.extensions, code: toErrorCode(error.extensions?.['code']) };
    return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
  });
  return { ...result, errors };
}

/**
 * The stream with each result mapped. Not an async generator: a generator waiting on the source's
 * next value queues `return()` until that value comes, so a client leaving a quiet subscription
 * would never close it on the server. Here `return()` reaches the source at once.
 */
function eachWithEnumCodes<R extends Result>(results: AsyncIterable<R>): AsyncIterableIterator<R> {
  const source = results[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<R> = {
    [Symbol.asyncIterator]: () => mapped,
    next: async () => {
      const step = await source.next();
      return step.done ? step : { done: false, value: withEnumCodes(step.value) };
    },
    return: async () => {
      await source.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      if (source.throw) return source.throw(error);
      throw error;
    },
  };
  return mapped;
}

/**
 * The last word on every HTTP and SSE answer: each error's `extensions.code` is a member of the
 * `ErrorCode` enum (the libraries' other names are mapped, anything unknown is INTERNAL_SERVER_ERROR),
 * whichever layer refused the request: yoga's request parsing, validation, or a resolver.
 */
export const errorCodesInEnum = (): Plugin => ({
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result)) setResult(result.map(withEnumCodes));
    else if (Symbol.asyncIterator in result) setResult(eachWithEnumCodes(result));
    else setResult(withEnumCodes(result));
  },
});
