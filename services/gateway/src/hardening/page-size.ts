import type { GraphQLField } from 'graphql';

/** The default and largest page of a list: what it returns when no size is asked, and the most it may be asked for. */
export interface PageSize {
  readonly default: number;
  readonly max: number;
}

/** The arguments that size a page: relay's `first`/`last`, and `limit`, the old name of `first`. */
export const PAGE_SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;

const EXTENSION = 'netravenPageSize';

/**
 * Field options that declare a list's page size in the schema itself, where the query cost limit
 * reads it: every connection and every list with a size argument declares one, so a document is
 * counted by the rows it can really fetch (see `hardening/query-cost.ts`).
 */
export const pageSized = (size: PageSize): { extensions: Readonly<Record<string, unknown>> } => ({ extensions: { [EXTENSION]: size } });

/** The page size a field declared with `pageSized`, if any. */
export function pageSizeOf(field: GraphQLField<unknown, unknown>): PageSize | undefined {
  const declared: unknown = field.extensions[EXTENSION];
  if (typeof declared !== 'object' || declared === null) return undefined;
  const { default: size, max } = declared as Record<string, unknown>;
  return typeof size === 'number' && typeof max === 'number' ? { default: size, max } : undefined;
}
