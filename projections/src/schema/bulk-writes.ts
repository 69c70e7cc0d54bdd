import { sql, type Selectable, type Transaction } from 'kysely';
import type { ReadModelDatabase } from './database.js';

type Table = keyof ReadModelDatabase & string;

/** A whole row as read; a timestamp may also be given as its ISO text (events carry them so). */
export type WritableRow<T extends Table> = {
  [K in keyof Selectable<ReadModelDatabase[T]>]: Selectable<ReadModelDatabase[T]>[K] extends Date ? Date | string
    : Selectable<ReadModelDatabase[T]>[K] extends Date | null ? Date | string | null : Selectable<ReadModelDatabase[T]>[K];
};

/** SQL type of every column of a table; typed so that a new column cannot be left out here. */
export type ColumnTypes<T extends Table> = Record<keyof ReadModelDatabase[T] & string, string>;

export type OnConflict<T extends Table> =
  | { readonly key: readonly (keyof ReadModelDatabase[T] & string)[]; readonly then: 'update' | 'nothing' };

const ROWS_PER_STATEMENT = 10_000;

/**
 * Writes whole rows (as read, jsonb columns as arrays) in a few statements: the rows travel as
 * one JSON document per statement and PostgreSQL unpacks them (`json_to_recordset`), far cheaper
 * in Node than a bind parameter per value. With `update`, every non-key column takes the new
 * value; a key must not repeat within one call (PostgreSQL will not touch a row twice).
 */
export async function writeRows<T extends Table>(
  trx: Transaction<ReadModelDatabase>,
  table: T,
  types: ColumnTypes<T>,
  rows: readonly WritableRow<T>[],
  conflict: OnConflict<T>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(types) as (keyof ColumnTypes<T> & string)[];
  const list = sql.join(columns.map((c) => sql.id(c)));
  const definition = sql.join(columns.map((c) => sql`${sql.id(c)} ${sql.raw(types[c])}`));
  const updates = columns.filter((c) => !conflict.key.includes(c));
  const action = conflict.then === 'update' && updates.length > 0
    ? sql`DO UPDATE SET ${sql.join(updates.map((c) => sql`${sql.id(c)} = EXCLUDED.${sql.id(c)}`))}`
    : sql`DO NOTHING`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await sql`INSERT INTO ${sql.table(table)} (${list})
      SELECT ${list} FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS r(${definition})
      ON CONFLICT (${sql.join(conflict.key.map((c) => sql.id(c)))}) ${action}`.execute(trx);
  }
}
