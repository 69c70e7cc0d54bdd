import pg from 'pg';
import type { EventFilter } from '../event-store.js';
import { WakeListener, type Appended } from './wake-listener.js';
import { readNotice } from './append-notifier.js';

/**
 * One LISTEN connection per store that wakes subscribers when another process's append commits (those whose event
 * types the notice names, `append-notifier.ts`); appends of this process wake the subscriptions they concern directly
 * (`announce`), and their own NOTIFY (the notice's `s` is `selfToken`) is ignored when it comes back. Subscribers also poll, so a lost connection only slows them down; it is re-opened on failure.
 */
export class WakeSignal {
  private client: pg.Client | undefined;
  private readonly listeners = new Set<WakeListener>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly selfToken: string,
    private readonly onError: (error: Error) => void,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      const notice = readNotice(message.payload);
      if (notice.s === this.selfToken) return;
      if (notice.t && notice.c !== undefined) {
        const types = notice.t;
        const commit = BigInt(notice.c);
        for (const listener of this.listeners) listener.remotelyAppended(types, commit);
      } else {
        this.wakeAll();
      }
    });
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

  /** A subscription's wake-ups; `unlisten` when it stops. */
  listen(filter: EventFilter | undefined): WakeListener {
    const listener = new WakeListener(filter);
    this.listeners.add(listener);
    return listener;
  }

  unlisten(listener: WakeListener): void {
    this.listeners.delete(listener);
  }

  /** An append of this process committed. */
  announce(append: Appended): void {
    for (const listener of this.listeners) listener.appended(append);
  }

  wakeAll(): void {
    for (const listener of this.listeners) listener.wake();
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
