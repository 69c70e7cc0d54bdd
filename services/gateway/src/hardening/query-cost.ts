import {
  getNamedType, getNullableType, GraphQLError, isCompositeType, isInterfaceType, isListType, isObjectType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import type { ErrorCode } from '../errors/error-codes.js';
import { PAGE_SIZE_ARGUMENTS, pageSizeOf, type PageSize } from './page-size.js';

/**
 * The cost of one operation: how many objects it can return at most, counted before anything runs.
 *
 * Every object counts 1 (scalars and enums are columns of their object and count nothing). A list
 * counts each row it can return: a connection, or a list with a size argument, by its
 * `first`/`last`/`limit` (a literal or the variable's value) or else its declared default page (see
 * `pageSized`); a list with no declared page counts `assumedListRows`. So
 * `jobs(first: 200) { nodes { devices(first: 1000) { nodes { device { id } } } } }` costs
 * 200 + 200 × 1000 × 2, what it would really fetch at worst. Aliases and repeated fragments count
 * every time they appear. Introspection (`__schema`, `__type`) counts 1: the schema bounds it.
 *
 * A page argument above its list's maximum is refused here too, naming the argument, so a huge
 * `first` never reaches a resolver (nor does the page around it run first).
 */
export interface QueryCostOptions {
  /** Past this the exact figure does not matter: counting stops (and cannot overflow). */
  readonly limit: number;
  /** Rows assumed for a list of objects that declares no page size (small lists: hunks, API tokens, ...). */
  readonly assumedListRows: number;
}

export class QueryCostRefusal extends Error {
  constructor(readonly error: GraphQLError) {
    super(error.message);
  }
}

type Variables = Readonly<Record<string, unknown>>;

/** An integer argument's value: a literal, a variable's value, or the variable's default. */
function integerOf(value: ValueNode, variables: Variables, operation: OperationDefinitionNode): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const given = variables[value.name.value];
  if (typeof given === 'number') return given;
  if (given !== undefined) return undefined;
  const declared = operation.variableDefinitions?.find((d) => d.variable.name.value === value.name.value)?.defaultValue;
  return declared?.kind === Kind.INT ? Number.parseInt(declared.value, 10) : undefined;
}

/** The rows a sized list can return; a size above its maximum is refused with the argument's name. */
function rowsOf(node: FieldNode, size: PageSize, variables: Variables, operation: OperationDefinitionNode): number {
  let rows: number | undefined;
  for (const argument of node.arguments ?? []) {
    if (!(PAGE_SIZE_ARGUMENTS as readonly string[]).includes(argument.name.value)) continue;
    const value = integerOf(argument.value, variables, operation);
    if (value === undefined || !Number.isInteger(value) || value < 0) continue; // the resolver refuses what is not a count
    if (value > size.max) {
      throw new QueryCostRefusal(new GraphQLError(
        `${argument.name.value} must be at most ${size.max} on ${node.name.value} (got ${value}): page through the list with after/before`,
        { nodes: [argument], extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, field: argument.name.value } },
      ));
    }
    rows = Math.max(rows ?? 0, value);
  }
  return rows ?? size.default;
}

/** How many objects `operation` can return at most; throws `QueryCostRefusal` for a page over its maximum. */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
  options: QueryCostOptions,
): number {
  const fieldOf = (parent: GraphQLCompositeType | undefined, name: string): GraphQLField<unknown, unknown> | undefined =>
    parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType | undefined => {
    const type = name ? schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : fallback;
  };

  // `pageRows`: the rows of the connection whose selection this is, for its `edges` and `nodes`.
  const costOf = (selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType | undefined, seen: ReadonlySet<string>, pageRows?: number): number => {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, seen, pageRows);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent), seen, pageRows);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          total += costOf(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), new Set([...seen, name]), pageRows);
        }
      }
      if (total > options.limit) return total;
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType | undefined, seen: ReadonlySet<string>, pageRows: number | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return name === '__typename' ? 0 : 1;
    const field = fieldOf(parent, name);
    const named = field ? getNamedType(field.type) : undefined;
    if (!field || !named || !isCompositeType(named)) return 0;
    const size = pageSizeOf(field);
    const rows = size ? rowsOf(node, size, variables, operation) : undefined;
    if (isListType(getNullableType(field.type))) {
      return (rows ?? pageRows ?? options.assumedListRows) * (1 + costOf(node.selectionSet, named, seen));
    }
    // A connection passes its rows to its lists; any other object is one row.
    return rows !== undefined ? costOf(node.selectionSet, named, seen, rows) : 1 + costOf(node.selectionSet, named, seen);
  };

  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, new Set());
}
