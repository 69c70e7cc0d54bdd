import { getOperationAST, GraphQLError, Kind, type ExecutionArgs, type FragmentDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../errors/error-codes.js';
import { operationCost, QueryCostRefusal } from './query-cost.js';

/** Most objects one operation may return: a full page of 1,000 devices with a few objects each, far below a fan-out. */
export const DEFAULT_MAX_QUERY_COST = 500_000;
/** Rows a list of objects with no declared page size is assumed to return. */
export const ASSUMED_LIST_ROWS = 10;

/**
 * Refuses an operation that can return more objects than `maxCost` (see `operationCost` for the
 * rule), before any resolver runs.
 *
 * Checked when the operation is about to execute or subscribe, not in validation: the cost depends
 * on the variables (`devices(first: $n)`), and yoga caches validation per document. Both hooks run
 * for HTTP, SSE and WebSocket alike (the socket runs operations through yoga's envelope).
 *
 * Written here rather than taken from `@pothos/plugin-complexity` or graphql-armor's cost limit:
 * the page sizes it needs are declared once on the fields (`pageSized`), the resolvers read the
 * same figures, and it needs no new dependency.
 */
export function costLimit(maxCost: number): Plugin {
  const refusalOf = (args: ExecutionArgs): GraphQLError | undefined => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return undefined; // execution itself reports the missing operation
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of args.document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    try {
      const cost = operationCost(args.schema, operation, fragments, args.variableValues ?? {}, { limit: maxCost, assumedListRows: ASSUMED_LIST_ROWS });
      if (cost <= maxCost) return undefined;
      return new GraphQLError(
        `the query costs over ${maxCost}; at most ${maxCost} is allowed (each object counts 1, a list each row its first/last/limit or default page can return): ask for smaller pages or fewer nested lists`,
        { nodes: [operation], extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode } },
      );
    } catch (error) {
      if (error instanceof QueryCostRefusal) return error.error;
      throw error;
    }
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = refusalOf(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = refusalOf(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
