import {
  getNamedType, getNullableType, GraphQLError, isCompositeType, isInterfaceType, isListType, isObjectType, Kind,
  type ASTVisitor, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * Static cost of a document, refused above a maximum before anything runs.
 *
 * Written here rather than taken from `@pothos/plugin-complexity` or graphql-armor's cost limit: it
 * is one small validation rule beside the depth limit, needs no schema annotations (the plugin
 * would want a complexity on every list field) and no new dependency, and it runs in yoga's
 * `validate` so HTTP, SSE and WebSocket operations are all measured by the same rule.
 *
 * Every field costs 1 plus its selection; a field whose type is a list multiplies that by
 * `listFactor` (the rows a list is assumed to return), so nested lists grow as they would at run
 * time. Aliases and repeated fragments count every time they appear. Introspection (`__schema`,
 * `__type`) costs 1: it is bounded by the schema, not by the data, and the depth limit covers it.
 */
export interface QueryCostOptions {
  readonly maxCost: number;
  readonly listFactor: number;
}

/** Generous for every query of the contract (the deepest list nesting costs a few hundred), far below a fan-out. */
export const DEFAULT_MAX_QUERY_COST = 5000;
/** Rows a list field is assumed to return when counting. */
export const DEFAULT_LIST_FACTOR = 10;

export function costLimitRule(options: QueryCostOptions): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const schema = context.getSchema();
    const fieldOf = (parent: GraphQLCompositeType | undefined, name: string): GraphQLField<unknown, unknown> | undefined =>
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType | undefined => {
      const type = name ? schema.getType(name) : undefined;
      return type && isCompositeType(type) ? type : fallback;
    };

    const costOf = (selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType | undefined, seen: ReadonlySet<string>): number => {
      if (!selectionSet) return 0;
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if (name.startsWith('__')) {
            total += 1;
            continue;
          }
          const field = fieldOf(parent, name);
          const named = field ? getNamedType(field.type) : undefined;
          const child = named && isCompositeType(named) ? named : undefined;
          const own = 1 + costOf(selection.selectionSet, child, seen);
          total += field && isListType(getNullableType(field.type)) ? own * options.listFactor : own;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent), seen);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) {
            total += costOf(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), new Set([...seen, name]));
          }
        }
        // Past the maximum the exact figure does not matter; stop before it overflows.
        if (total > options.maxCost * options.listFactor) return total;
      }
      return total;
    };

    return {
      OperationDefinition(node) {
        const root = schema.getRootType(node.operation) ?? undefined;
        const cost = costOf(node.selectionSet, root, new Set());
        if (cost > options.maxCost) {
          context.reportError(new GraphQLError(
            `the query costs ${cost > options.maxCost * options.listFactor ? `over ${options.maxCost * options.listFactor}` : cost}; at most ${options.maxCost} is allowed (each field counts 1, a list multiplies its selection by ${options.listFactor}): ask for fewer fields or lists`,
            { nodes: [node], extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode } },
          ));
        }
      },
    };
  };
}
