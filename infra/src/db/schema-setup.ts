import type pg from 'pg';

/**
 * Runs idempotent DDL (`CREATE … IF NOT EXISTS`, `CREATE OR REPLACE FUNCTION`) under a transaction-scoped
 * advisory lock: several NetRaven processes starting at once would otherwise race on the catalog
 * ("tuple concurrently updated", duplicate schema names).
 */
export async function runSchemaSetup(pool: pg.Pool, lockName: string, ddl: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
    await client.query(ddl);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      throw new AggregateError([error, rollbackError], `schema setup ${lockName} failed and could not roll back`);
    });
    throw error;
  } finally {
    client.release();
  }
}
