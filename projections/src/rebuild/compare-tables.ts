import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';

type Executor = Kysely<ReadModelDatabase> | Transaction<ReadModelDatabase>;
export type Row = Record<string, unknown>;

export interface TableComparison {
  readonly table: string;
  readonly liveRows: number;
  readonly rebuiltRows: number;
  /** Rows the rebuild has and the live table lacks (counted with multiplicity). */
  readonly missingInLive: number;
  /** Rows the live table has and the rebuild lacks. */
  readonly extraInLive: number;
  readonly missingSample: Row[];
  readonly extraSample: Row[];
}

const TOTAL = '__difference_count';

/** Full row-by-row comparison (`EXCEPT ALL` both ways) of one table in two schemas. */
export async function compareTable(
  db: Executor,
  table: string,
  schemas: { live: string; rebuilt: string },
  sampleSize: number,
): Promise<TableComparison> {
  const columns = await columnsOf(db, schemas.rebuilt, table);
  const live = sql.table(`${schemas.live}.${table}`);
  const rebuilt = sql.table(`${schemas.rebuilt}.${table}`);
  const list = sql.join(columns.map((c) => sql.id(c)));
  const difference = async (from: typeof live, minus: typeof live): Promise<{ count: number; sample: Row[] }> => {
    const { rows } = await sql<Row>`
      SELECT d.*, count(*) OVER () AS ${sql.id(TOTAL)}
        FROM (SELECT ${list} FROM ${from} EXCEPT ALL SELECT ${list} FROM ${minus}) AS d
       ORDER BY 1 LIMIT ${sampleSize}`.execute(db);
    const count = Number(rows[0]?.[TOTAL] ?? 0);
    return { count, sample: rows.map(({ [TOTAL]: _total, ...row }) => row) };
  };
  const missing = await difference(rebuilt, live);
  const extra = await difference(live, rebuilt);
  return {
    table,
    liveRows: await countRows(db, live),
    rebuiltRows: await countRows(db, rebuilt),
    missingInLive: missing.count,
    extraInLive: extra.count,
    missingSample: missing.sample,
    extraSample: extra.sample,
  };
}

async function columnsOf(db: Executor, schema: string, table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
     WHERE table_schema = ${schema} AND table_name = ${table} ORDER BY ordinal_position`.execute(db);
  if (rows.length === 0) throw new Error(`table ${schema}.${table} not found`);
  return rows.map((r) => r.column_name);
}

async function countRows(db: Executor, table: ReturnType<typeof sql.table>): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${table}`.execute(db);
  return rows[0]?.n ?? 0;
}
