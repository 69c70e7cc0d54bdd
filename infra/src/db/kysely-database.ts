import { Kysely, PostgresDialect, type Migration, Migrator, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { READ_MODELS_APPLICATION_NAME } from './no-events-connection.js';
import { reportConnectionLoss } from './pool-errors.js';

// Read-model counters are int8 but fit in a JS number; pg would hand them over as strings.
const readModelTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * An idle pooled connection that the server closes (restart, failover, a dropped database) is an
 * `error` event on the pool; unhandled it would end the process. The pool discards that client and
 * opens another on the next query, so it is reported, not fatal.
 */
export type PoolErrorHandler = (error: Error) => void;

const reportToStderr: PoolErrorHandler = (error) => {
  process.stderr.write(`netraven: an idle read-model connection was closed: ${error.message}\n`);
};

/** A read-model database: its connections append no events, and say so (`no-events-connection.ts`). */
export function createKysely<Database>(connectionString: string, poolSize = 10, onPoolError: PoolErrorHandler = reportToStderr): Kysely<Database> {
  const pool = reportConnectionLoss(
    new pg.Pool({ connectionString, max: poolSize, types: readModelTypes, application_name: READ_MODELS_APPLICATION_NAME }),
    onPoolError,
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs numbered in-code migrations; each owner (read models, vault) keeps its own history table. */
export async function migrateToLatest<Database>(
  db: Kysely<Database>,
  migrations: Record<string, Migration>,
  historyTable: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // Migrations are independent (each adds its own tables or indexes), and parallel work numbers them apart:
  // an installation that already ran a later number still takes an earlier one that arrives after it.
  const migrator = new Migrator({ db, provider, migrationTableName: historyTable, migrationLockTableName: `${historyTable}_lock`, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} into ${historyTable} failed: ${String(error)}`, { cause: error });
  }
}
