import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the keeper saw: the server gone, back again, or a start that failed (it keeps trying). */
export type KeeperEvent =
  | { readonly kind: 'down' }
  | { readonly kind: 'restarted'; readonly downForMs: number; readonly attempts: number }
  | { readonly kind: 'restart-failed'; readonly attempt: number; readonly error: unknown };

export interface EmbeddedPostgresKeeperOptions {
  /** The cluster's directory (where `postmaster.pid` lives). */
  readonly databaseDir: string;
  /** Starts the server again (`pg_ctl start`, as at start-up). */
  readonly start: () => Promise<void>;
  readonly intervalMs?: number;
  readonly onEvent?: (event: KeeperEvent) => void;
  readonly now?: () => number;
}

/**
 * True when the postmaster named by the cluster's lock file is alive. `kill(pid, 0)` sends nothing: it only asks
 * whether the process exists (EPERM: it does, under another user, as when NetRaven runs as root and the server as
 * `postgres`). No lock file, or a dead pid in it (a killed server leaves its file behind), means not running.
 */
export async function postmasterRunning(databaseDir: string): Promise<boolean> {
  const lock = await readFile(join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const pid = Number(lock?.split('\n', 1)[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Keeps the embedded PostgreSQL running while NetRaven does: a server that died (killed, crashed, stopped by
 * hand) is started again on the same port and data, so the pools, followers and queue, which already reconnect
 * after a database restart, carry on by themselves. The look is a file read and a signal-0 probe every few seconds.
 */
export class EmbeddedPostgresKeeper {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();
  private downSince: number | undefined;
  private attempts = 0;

  constructor(private readonly options: EmbeddedPostgresKeeperOptions) {}

  begin(): void {
    this.schedule();
  }

  /** No look after this resolves: the caller may stop the server for good. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One look, and a start when the server is not running. */
  async check(): Promise<void> {
    if (await postmasterRunning(this.options.databaseDir)) return;
    if (this.stopped) return;
    const now = this.options.now ?? Date.now;
    if (this.downSince === undefined) {
      this.downSince = now();
      this.attempts = 0;
      this.options.onEvent?.({ kind: 'down' });
    }
    this.attempts += 1;
    try {
      await this.options.start();
    } catch (error) {
      // Backends of a killed postmaster can hold its shared memory for a moment: the next look tries again.
      this.options.onEvent?.({ kind: 'restart-failed', attempt: this.attempts, error });
      return;
    }
    this.options.onEvent?.({ kind: 'restarted', downForMs: now() - this.downSince, attempts: this.attempts });
    this.downSince = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.check()
        .catch((error: unknown) => this.options.onEvent?.({ kind: 'restart-failed', attempt: this.attempts, error }))
        .finally(() => this.schedule());
    }, this.options.intervalMs ?? 2_000);
    this.timer.unref();
  }
}
