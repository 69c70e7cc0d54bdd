import { sql, type Expression, type SelectQueryBuilder } from 'kysely';

/**
 * Keyset pagination: a page starts after (or ends before) a row's (sort key, id), never at an
 * offset, so rows inserted or removed while a client pages neither repeat nor go missing, and a
 * deep page costs what the first one does (an index range scan on the same key).
 */
export interface KeysetCursor {
  /** The sort key of the row, as text Postgres casts back (`keyType`): a name, or an ISO-8601 time. */
  readonly key: string;
  readonly id: string;
}

/** What a page asks for; `inverted` reads backwards from `before` (a `last` request), rows then come in reverse order. */
export interface KeysetPage {
  readonly after?: KeysetCursor;
  readonly before?: KeysetCursor;
  readonly limit: number;
  readonly inverted: boolean;
}

/** How a list is ordered: one key expression and the unique id column, both in the same direction. */
export interface KeysetOrder {
  readonly key: Expression<unknown>;
  readonly keyType: 'text' | 'timestamptz';
  readonly id: string;
  readonly descending: boolean;
}

/** A nullable time sorts as the earliest possible time, so a time order stays total. */
export const NEVER = '-infinity';

export const timeKey = (value: Date | null): string => (value === null ? NEVER : value.toISOString());

const compare = (order: KeysetOrder, operator: '<' | '>', cursor: KeysetCursor) =>
  sql<boolean>`(${order.key}, ${sql.ref(order.id)}) ${sql.raw(operator)} (cast(${cursor.key} as ${sql.raw(order.keyType)}), ${cursor.id})`;

export function pageByKeyset<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  order: KeysetOrder,
  page: KeysetPage,
): SelectQueryBuilder<DB, TB, O> {
  const [later, earlier] = order.descending ? (['<', '>'] as const) : (['>', '<'] as const);
  let paged = query;
  if (page.after) paged = paged.where(compare(order, later, page.after));
  if (page.before) paged = paged.where(compare(order, earlier, page.before));
  const direction = order.descending !== page.inverted ? sql`desc` : sql`asc`;
  return paged.orderBy(sql`${order.key} ${direction}`).orderBy(sql`${sql.ref(order.id)} ${direction}`).limit(page.limit);
}
