import { getDocumentString } from '@envelop/core';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { Kind, type DocumentNode, type ExecutionArgs, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';

/** Compiled queries kept, by document: the console and scripts send the same few again and again. */
const COMPILED_QUERIES_KEPT = 500;

/**
 * Queries run compiled (graphql-jit): a devices page of 1,000 rows spends most of its time in graphql-js's
 * per-field execution, which compiled code cuts by about a third (docs/benchmarks.md). The standard executor
 * keeps what compiled code would answer differently:
 * - a query whose variables graphql-js refuses keeps graphql-js's typed refusal (BAD_USER_INPUT naming it);
 * - a document holding several operations (the plugin caches one compiled operation per document);
 * - a document graphql-jit cannot compile;
 * - mutations and subscriptions.
 */
export function compiledQueries(): ReturnType<typeof useGraphQlJit> {
  const cache = boundedCache<CompiledQuery>(COMPILED_QUERIES_KEPT);
  const verdicts = new WeakMap<DocumentNode, boolean>();
  const compiles = (args: ExecutionArgs): boolean => {
    const known = verdicts.get(args.document);
    if (known !== undefined) return known;
    const compiled = compileQuery(args.schema, args.document, args.operationName ?? undefined);
    const source = getDocumentString(args.document);
    const usable = isCompiledQuery(compiled) && source !== undefined;
    if (usable) cache.set(source, compiled as CompiledQuery);
    verdicts.set(args.document, usable);
    return usable;
  };
  const enableIf = (args: ExecutionArgs): boolean => {
    const operation = soleQuery(args.document);
    if (!operation) return false;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    if (getVariableValues(args.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return false;
    return compiles(args);
  };
  return useGraphQlJit({}, { enableIf, cache });
}

function soleQuery(document: DocumentNode): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 && operations[0]!.operation === 'query' ? operations[0] : undefined;
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
