import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  readonly connectionString: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the given server, so leftovers of earlier runs never matter. */
export async function createFreshDatabase(serverUrl: string, prefix = 'netraven_test'): Promise<FreshDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = withDatabase(serverUrl, 'postgres');
  await runAdmin(admin, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  return {
    name,
    connectionString: withDatabase(serverUrl, name),
    drop: () => runAdmin(admin, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  };
}

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdmin(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
