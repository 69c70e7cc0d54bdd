import type pg from 'pg';
import { PendingAppends } from './append-notice.js';
import type { Appended } from './wake-listener.js';

/**
 * Announces appends after they commit. NOTIFY inside the append transaction would take
 * PostgreSQL's global notify lock through commit (WAL flush included) and serialize every
 * appender; sent afterwards, from one connection, many appends share one NOTIFY. Subscribers in
 * this process are woken by the store itself; other processes by the NOTIFY (or by polling if it
 * is lost). The payload names this store, so that its own NOTIFY does not wake it a second time,
 * and what was appended (append-notice.ts), so that other processes wake only the subscriptions
 * concerned instead of every projector at every append.
 */
export class AppendNotifier {
  private readonly pending = new PendingAppends();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly selfToken: string,
    private readonly onError: (error: Error) => void,
  ) {}

  announce(append: Appended): void {
    this.pending.add(append);
    this.flushing ??= this.flush();
  }

  /** Resolves once every announced append has been notified. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      // An append announced while a NOTIFY is in flight gets one more NOTIFY after it.
      while (!this.pending.isEmpty) {
        const payload = this.pending.take(this.selfToken);
        try {
          await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
        } catch (error) {
          this.onError(error as Error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
