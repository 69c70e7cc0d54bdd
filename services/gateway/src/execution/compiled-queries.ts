import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, type ExecutionArgs } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';

/** Compiled queries kept, by document: the console and scripts send the same few again and again. */
const COMPILED_QUERIES_KEPT = 500;

/**
 * Queries run compiled (graphql-jit): a devices page of 1,000 rows spends most of its time in graphql-js's
 * per-field execution, which compiled code cuts by about a third (docs/benchmarks.md). Only queries whose
 * variables graphql-js accepts: a refused variable keeps graphql-js's typed refusal (BAD_USER_INPUT with the
 * variable named) instead of the compiler's own error; mutations and subscriptions keep the standard path.
 */
export function compiledQueries(): ReturnType<typeof useGraphQlJit> {
  return useGraphQlJit({}, { enableIf: compilable, cache: boundedCache(COMPILED_QUERIES_KEPT) });
}

function compilable(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'query') return false;
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>, { maxErrors: 1 });
  return coerced.errors === undefined;
}

/** The least recently used entry leaves first (a Map iterates in insertion order; a hit moves its entry to the end). */
function boundedCache<V>(limit: number): { get(key: string): V | undefined; set(key: string, value: V): void } {
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
  };
}
