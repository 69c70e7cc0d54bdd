import { matchesFilter, type EventFilter } from '../event-store.js';

/** What an append in this process wrote: its events' types and streams, and its transaction (`Position.commit`). */
export interface Appended {
  readonly events: ReadonlyArray<{ readonly type: string; readonly streamId: string }>;
  readonly commit: bigint;
}

/**
 * One subscription's wake-ups. An append in this process wakes only the subscriptions whose filter it matches: a
 * projector reading nothing after each of the many appends of other types was most of the event store's reads during
 * a backup job. One caveat keeps that safe: a read stops below the oldest open transaction, so the event an append
 * announced may not be visible yet. Until the subscription has read past that append's transaction it wakes on
 * every append (the blocking transaction's included), as before. Another process's appends (NOTIFY) wake by the event
 * types its notice names, under the same caveat; a notice that names none wakes everyone.
 */
export class WakeListener {
  private wakeups = 0;
  /** The newest transaction that appended a matching event this subscription has not read past yet. */
  private awaited: bigint | undefined;
  private waiter: (() => void) | undefined;

  constructor(private readonly filter: EventFilter | undefined) {}

  /** Counts wake-ups, so a reader can tell that one came while it was busy reading. */
  get generation(): number {
    return this.wakeups;
  }

  appended(append: Appended): void {
    if (append.events.some((event) => matchesFilter(event, this.filter))) {
      if (this.awaited === undefined || append.commit > this.awaited) this.awaited = append.commit;
      this.wake();
    } else if (this.awaited !== undefined) {
      this.wake();
    }
  }

  /** The subscription has read everything it can see up to this transaction. */
  readUpTo(commit: bigint | undefined): void {
    if (commit !== undefined && this.awaited !== undefined && commit >= this.awaited) this.awaited = undefined;
  }

  /** Resolves on the next wake-up or after `timeoutMs`; at once when one came after `since` (a `generation` read before). */
  wait(timeoutMs: number, since: number): Promise<void> {
    if (since !== this.wakeups) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve();
      };
    });
  }

  wake(): void {
    this.wakeups++;
    this.waiter?.();
  }
}
