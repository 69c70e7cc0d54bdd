import { comparePositions, type BatchHandler, type Position, type RecordedEvent, type Subscription } from '../event-store.js';
import type { WakeListener } from './wake-listener.js';

/** A subscription's read: the gap-free batch, and whether committed events of its filter lie beyond the horizon. */
export interface LiveBatch {
  readonly events: RecordedEvent[];
  /** An older transaction still in flight hides committed events of the filter: read again soon. */
  readonly heldBack: boolean;
  /**
   * Every event of the filter up to here was visible to the read: when the batch is partial it holds all of
   * them, and the next read may start here rather than at the batch's last event (or the one before it).
   */
  readonly readThrough: Position | undefined;
}

type ReadAfter = (after: Position | undefined, limit: number) => Promise<LiveBatch>;

/** A read under way, and the wake-up count before it began: a wake-up after that may concern what it could not see. */
interface PendingRead {
  readonly seen: number;
  readonly batch: Promise<LiveBatch>;
}

/**
 * The first re-read of a held-back log comes this soon; each further one waits twice as long, up to the last
 * (or the poll interval if shorter): a cheap read every few tens of ms while a long transaction holds readers back.
 */
const FIRST_HELD_BACK_RETRY_MS = 2;
const LAST_HELD_BACK_RETRY_MS = 64;

/**
 * Catch-up and live are one loop: read a batch after the checkpoint, hand it over, and when the
 * log is exhausted wait for a wake-up (or the poll interval). No hand-over gap can exist because
 * there is no separate live phase. The read of the next batch (from the end of the one handed over)
 * runs while the handler works, so a busy subscription does not pay a read's round trip per batch.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private wakeStop: (() => void) | undefined;

  constructor(
    private readonly readAfter: ReadAfter,
    private readonly wakes: WakeListener,
    private readonly handler: BatchHandler,
    private readonly options: { after: Position | undefined; batchSize: number; pollIntervalMs: number },
  ) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeStop?.();
    await this.done.catch(() => undefined);
  }

  /** Starts a read; a wake-up that arrives while it runs, or while its batch is handed over, must not wait for the next poll. */
  private startRead(after: Position | undefined): PendingRead {
    const seen = this.wakes.generation;
    const batch = this.readAfter(after, this.options.batchSize);
    // Awaited later, or dropped when the handler fails or the subscription stops: never an unhandled rejection.
    batch.catch(() => undefined);
    return { seen, batch };
  }

  private async run(): Promise<void> {
    let after = this.options.after;
    let next: PendingRead | undefined;
    let heldBackRetryMs = FIRST_HELD_BACK_RETRY_MS;
    try {
      while (!this.stopped) {
        const read = next ?? this.startRead(after);
        next = undefined;
        const { events, heldBack, readThrough } = await read.batch;
        const last = events[events.length - 1];
        if (last) {
          heldBackRetryMs = FIRST_HELD_BACK_RETRY_MS;
          // A full batch means more is waiting: read it from this batch's end while this one is handled. A partial
          // batch read everything visible; reading ahead then would mostly find nothing, one more statement per event
          // on a busy log, and a wake-up during the handler still brings the next read at once.
          const full = events.length === this.options.batchSize;
          if (full && !this.stopped) next = this.startRead(last.position);
          await this.handler(events);
          after = last.position;
          if (full) continue;
        }
        // A rare filter's last event may lie thousands of others back: without this, each read would scan them again.
        if (readThrough && (!after || comparePositions(readThrough, after) > 0)) after = readThrough;
        this.wakes.readUpTo(after?.commit);
        if (this.stopped) break;
        const waitMs = heldBack ? Math.min(heldBackRetryMs, this.options.pollIntervalMs) : this.options.pollIntervalMs;
        heldBackRetryMs = heldBack ? Math.min(heldBackRetryMs * 2, LAST_HELD_BACK_RETRY_MS) : FIRST_HELD_BACK_RETRY_MS;
        await Promise.race([
          this.wakes.wait(waitMs, read.seen),
          new Promise<void>((resolve) => (this.wakeStop = resolve)),
        ]);
      }
    } finally {
      // A read started for a batch that will not be handed over still holds a connection: let it finish.
      await next?.batch.catch(() => undefined);
    }
  }
}
