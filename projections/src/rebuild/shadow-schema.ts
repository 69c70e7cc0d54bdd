import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { createKysely } from '@netraven/infra/db';
import type { ReadModelDatabase } from '../schema/database.js';
import { READ_MODEL_MIGRATIONS } from '../schema/migrations.js';

const MIGRATION_TABLE = 'read_model_migrations';

/** A schema holding a complete, separate set of read-model tables, reached through its own pool. */
export interface ShadowSchema {
  readonly name: string;
  /** Unqualified table names resolve to the shadow schema (its pool sets `search_path`). */
  readonly db: Kysely<ReadModelDatabase>;
  drop(): Promise<void>;
}

/** `rm_rebuild_20261122t120000_1a2b3c`: sortable, unique, a valid unquoted identifier. */
export function shadowSchemaName(purpose: 'rebuild' | 'verify', now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').toLowerCase();
  return `rm_${purpose}_${stamp}_${randomBytes(3).toString('hex')}`;
}

/** The connection string with libpq `options` for every session opened from it. */
export function withSessionSettings(connectionString: string, settings: Record<string, string>): string {
  const url = new URL(connectionString);
  const options = Object.entries(settings).map(([key, value]) => `-c ${key}=${value}`).join(' ');
  url.searchParams.set('options', options);
  return url.toString();
}

/**
 * Creates the schema and runs the read-model migrations inside it. Commits into the shadow do
 * not wait for the WAL flush: a crash loses only a shadow that is dropped and rebuilt anyway;
 * the swap turns synchronous commit back on for its own transaction.
 */
export async function createShadowSchema(connectionString: string, name: string, poolSize = 6): Promise<ShadowSchema> {
  const db = createKysely<ReadModelDatabase>(
    withSessionSettings(connectionString, { search_path: name, synchronous_commit: 'off' }),
    poolSize,
  );
  const drop = async (): Promise<void> => {
    try {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(name)} CASCADE`.execute(db);
    } finally {
      await db.destroy();
    }
  };
  try {
    await sql`CREATE SCHEMA ${sql.id(name)}`.execute(db);
    await migrateSchema(db, name);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { name, db, drop };
}

/** The shadow keeps its own migration history so the live schema's history cannot mislead the migrator. */
async function migrateSchema(db: Kysely<ReadModelDatabase>, schema: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => READ_MODEL_MIGRATIONS };
  const migrator = new Migrator({
    db, provider, migrationTableName: MIGRATION_TABLE, migrationLockTableName: `${MIGRATION_TABLE}_lock`, migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`read-model migration ${failed?.migrationName ?? ''} into schema ${schema} failed: ${String(error)}`, { cause: error });
}
