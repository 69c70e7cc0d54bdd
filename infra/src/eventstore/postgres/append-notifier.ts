import type pg from 'pg';

/** A NOTIFY's payload: the sending store, and when it fits, the event types and newest transaction it covers. */
export interface AppendNotice {
  /** The sending store's token (its own notices are ignored). */
  readonly s: string;
  /** The event types appended; absent: unknown (too many to name), wake everyone. */
  readonly t?: readonly string[];
  /** The newest writer transaction (`Position.commit`) among the appends covered. */
  readonly c?: string;
}

// PostgreSQL's NOTIFY payload limit is 8000 bytes; beyond this, the notice names no types.
const MAX_PAYLOAD = 7000;

/** The notice a payload carries; a bare token (or anything unreadable) names nothing but its sender. */
export function readNotice(payload: string | undefined): AppendNotice {
  if (!payload?.startsWith('{')) return { s: payload ?? '' };
  try {
    const notice = JSON.parse(payload) as AppendNotice;
    return typeof notice.s === 'string' ? notice : { s: payload };
  } catch {
    return { s: payload };
  }
}

/**
 * Announces appends after they commit. NOTIFY inside the append transaction would take
 * PostgreSQL's global notify lock through commit (WAL flush included) and serialize every
 * appender; sent afterwards, from one connection, many appends share one NOTIFY. Subscribers in
 * this process are woken by the store itself; other processes by the NOTIFY (or by polling if it
 * is lost). The payload names this store, so that its own NOTIFY does not wake it a second time,
 * and the event types appended, so that another process wakes only the subscriptions they concern.
 */
export class AppendNotifier {
  private pendingTypes = new Set<string>();
  private pendingCommit: bigint | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly selfToken: string,
    private readonly onError: (error: Error) => void,
  ) {}

  announce(types: Iterable<string>, commit: bigint): void {
    for (const type of types) this.pendingTypes.add(type);
    if (this.pendingCommit === undefined || commit > this.pendingCommit) this.pendingCommit = commit;
    this.flushing ??= this.flush();
  }

  /** Resolves once every announced append has been notified. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      // An append announced while a NOTIFY is in flight gets one more NOTIFY after it.
      while (this.pendingCommit !== undefined) {
        const payload = this.payloadOf([...this.pendingTypes], this.pendingCommit);
        this.pendingTypes = new Set();
        this.pendingCommit = undefined;
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

  private payloadOf(types: string[], commit: bigint): string {
    const named = JSON.stringify({ s: this.selfToken, t: types, c: commit.toString() } satisfies AppendNotice);
    return Buffer.byteLength(named) <= MAX_PAYLOAD ? named : JSON.stringify({ s: this.selfToken } satisfies AppendNotice);
  }
}
