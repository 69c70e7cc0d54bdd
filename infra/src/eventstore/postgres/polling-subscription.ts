import type { BatchHandler, Position, RecordedEvent, Subscription } from '../event-store.js';
import type { WakeListener } from './wake-listener.js';

type ReadAfter = (after: Position | undefined, limit: number) => Promise<RecordedEvent[]>;

/**
 * Catch-up and live are one loop: read a batch after the checkpoint, hand it over, and when the
 * log is exhausted wait for a wake-up (or the poll interval). No hand-over gap can exist because
 * there is no separate live phase.
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

  private async run(): Promise<void> {
    let after = this.options.after;
    while (!this.stopped) {
      // A wake-up that arrives while we read or hand over must not be lost until the next poll.
      const seen = this.wakes.generation;
      const batch = await this.readAfter(after, this.options.batchSize);
      if (batch.length > 0) {
        await this.handler(batch);
        after = batch[batch.length - 1]?.position;
        if (batch.length === this.options.batchSize) continue;
      }
      this.wakes.readUpTo(after?.commit);
      if (this.stopped) break;
      await Promise.race([
        this.wakes.wait(this.options.pollIntervalMs, seen),
        new Promise<void>((resolve) => (this.wakeStop = resolve)),
      ]);
    }
  }
}
