import pg from 'pg';

/**
 * One LISTEN connection per store that wakes every waiting subscriber when an append commits.
 * Subscribers also poll, so a lost connection only slows them down; it is re-opened on failure.
 */
export class WakeSignal {
  private client: pg.Client | undefined;
  private waiters = new Set<() => void>();
  /** Counts wake-ups, so a reader can tell that one came while it was busy reading. */
  private wakeups = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onError: (error: Error) => void,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => this.wakeAll());
    client.on('error', (error) => {
      this.onError(error);
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    } catch (error) {
      this.onError(error as Error);
      await client.end().catch((endError: unknown) => this.onError(endError as Error));
      this.scheduleReconnect();
    }
  }

  get generation(): number {
    return this.wakeups;
  }

  /**
   * Resolves on the next notification or after `timeoutMs`, whichever comes first; at once when
   * a notification came after `since` (a `generation` read before the caller's last read).
   */
  wait(timeoutMs: number, since = this.wakeups): Promise<void> {
    if (since !== this.wakeups) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  wakeAll(): void {
    this.wakeups++;
    for (const waiter of [...this.waiters]) waiter();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.wakeAll();
    const client = this.client;
    this.client = undefined;
    if (client) await client.end();
  }

  private scheduleReconnect(): void {
    const old = this.client;
    this.client = undefined;
    if (old) void old.end().catch((endError: unknown) => this.onError(endError as Error));
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.start();
    }, 1000);
  }
}
