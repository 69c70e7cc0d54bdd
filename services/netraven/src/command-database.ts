import { sql } from 'kysely';
import type { NetRavenConfig } from '@netraven/infra/config';
import { createKysely, startEmbeddedPostgres } from '@netraven/infra/db';

/** DATABASE_URL, or the embedded PostgreSQL: reused when `netraven start` already runs it, else started for this command. */
export async function commandDatabase(config: NetRavenConfig): Promise<{ databaseUrl: string; stop(): Promise<void> }> {
  if (config.databaseUrl) return { databaseUrl: config.databaseUrl, stop: async () => undefined };
  const running = `postgres://postgres:netraven@127.0.0.1:${config.embeddedPostgresPort}/netraven`;
  if (await reachable(running)) return { databaseUrl: running, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort });
  return { databaseUrl: embedded.connectionString, stop: () => embedded.stop() };
}

async function reachable(connectionString: string): Promise<boolean> {
  const probe = createKysely<Record<string, never>>(connectionString, 1);
  try {
    await sql`SELECT 1`.execute(probe);
    return true;
  } catch {
    return false;
  } finally {
    await probe.destroy();
  }
}
