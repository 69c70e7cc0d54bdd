import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createFreshDatabase, type FreshDatabase } from '../db/fresh-database.js';

/**
 * The machine's PostgreSQL for tests (trust auth on 127.0.0.1:5432 unless NETRAVEN_TEST_DATABASE_URL
 * says otherwise). Not reachable is a failure, never a silent skip.
 */
export function testDatabaseServerUrl(): string {
  return process.env.NETRAVEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function freshTestDatabase(prefix = 'netraven_test'): Promise<FreshDatabase> {
  const url = testDatabaseServerUrl();
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
  } catch (error) {
    throw new Error(`tests need PostgreSQL at ${url} (set NETRAVEN_TEST_DATABASE_URL): ${String(error)}`, { cause: error });
  } finally {
    await probe.end().catch(() => undefined);
  }
  return createFreshDatabase(url, prefix);
}

export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

export async function tempDir(prefix = 'netraven-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes; every wait in a test is bounded. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
