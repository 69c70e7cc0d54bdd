import {
  AccessDeniedError,
  InvalidArgumentError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@kurrent/kurrentdb-client';
import { comparePositions, type BatchHandler, type Position, type RecordedEvent, type Subscription } from '../event-store.js';
import { toRecordedEvent } from './kurrent-mapping.js';

/** Opens a server subscription to `$all` strictly after `from` (from the start when undefined). */
export type OpenAllSubscription = (
  from: Position | undefined,
  onCheckpoint: (position: Position) => void,
  highWaterMark: number,
) => AllStreamSubscription;

export interface CatchUpOptions {
  readonly after: Position | undefined;
  readonly batchSize: number;
  readonly accept: (event: { type: string; streamId: string }) => boolean;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly onDrop: (error: Error) => void;
}

/**
 * A catch-up subscription to `$all` that survives dropped connections. `resumeFrom` only moves past
 * what has been handed over (or filtered out), so a resubscription after a drop starts exactly
 * there: the server sends only events after it, and anything at or before it is skipped here too.
 */
export class CatchUpSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private resumeFrom: Position | undefined;
  private connection: Connection | undefined;
  private wakeSleep: (() => void) | undefined;

  constructor(
    private readonly open: OpenAllSubscription,
    private readonly handler: BatchHandler,
    private readonly options: CatchUpOptions,
  ) {
    this.resumeFrom = options.after;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSleep?.();
    this.connection?.close();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoffMs = this.options.minBackoffMs;
    while (!this.stopped) {
      const connection = new Connection(this.open, this.resumeFrom, this.options.batchSize);
      this.connection = connection;
      connection.source.once('confirmation', () => (backoffMs = this.options.minBackoffMs));
      try {
        await this.consume(connection);
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.cause;
        if (error instanceof AccessDeniedError || error instanceof InvalidArgumentError) throw error;
        if (!this.stopped) this.options.onDrop(error instanceof Error ? error : new Error(String(error)));
      } finally {
        connection.close();
      }
      if (this.stopped) break;
      await this.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, this.options.maxBackoffMs);
    }
  }

  private async consume(connection: Connection): Promise<void> {
    while (!this.stopped) {
      this.advanceTo(connection.safeCheckpoint());
      const items = connection.take(this.options.batchSize);
      if (items.length === 0) {
        if (connection.failure) throw connection.failure;
        if (connection.ended) throw new Error('the server ended the $all subscription');
        await connection.changed();
        continue;
      }
      let last = this.resumeFrom;
      const batch: RecordedEvent[] = [];
      for (const { event } of items) {
        if (!event) continue;
        if (last && comparePositions(event.position, last) <= 0) continue;
        last = { commit: event.position.commit, prepare: event.position.prepare };
        if (this.options.accept(event)) batch.push(toRecordedEvent(event));
      }
      if (batch.length > 0) {
        try {
          await this.handler(batch);
        } catch (error) {
          throw new HandlerFailed(error);
        }
      }
      this.advanceTo(last);
    }
  }

  private advanceTo(position: Position | undefined): void {
    if (position && (!this.resumeFrom || comparePositions(position, this.resumeFrom) > 0)) this.resumeFrom = position;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

class HandlerFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('subscription handler failed');
  }
}

/** One server subscription, read in paused mode so that whatever has arrived forms the next batch. */
class Connection {
  readonly source: AllStreamSubscription;
  failure: Error | undefined;
  ended = false;
  private taken = 0;
  private pendingCheckpoint: { position: Position; needed: number } | undefined;
  private waiter: (() => void) | undefined;

  constructor(open: OpenAllSubscription, from: Position | undefined, highWaterMark: number) {
    this.source = open(from, (position) => this.checkpoint(position), highWaterMark);
    this.source.on('readable', () => this.wake());
    this.source.on('end', () => this.finish());
    this.source.on('close', () => this.finish());
    this.source.on('error', (error: Error) => {
      this.failure ??= error;
      this.wake();
    });
  }

  take(max: number): AllStreamResolvedEvent[] {
    const items: AllStreamResolvedEvent[] = [];
    while (items.length < max) {
      const item = this.source.read() as AllStreamResolvedEvent | null;
      if (item === null) break;
      items.push(item);
    }
    this.taken += items.length;
    return items;
  }

  /** A server checkpoint that is safe to resume from: every event sent before it has been taken and handled. */
  safeCheckpoint(): Position | undefined {
    const pending = this.pendingCheckpoint;
    if (!pending || this.taken < pending.needed) return undefined;
    this.pendingCheckpoint = undefined;
    return pending.position;
  }

  changed(): Promise<void> {
    return new Promise((resolve) => (this.waiter = resolve));
  }

  close(): void {
    if (this.ended && this.source.destroyed) return;
    this.finish();
    this.source.unsubscribe().catch(() => undefined);
    this.source.destroy();
  }

  private checkpoint(position: Position): void {
    // Events sent before this checkpoint may still wait in the stream's buffer: remember how many
    // must have been taken before it becomes a resume point.
    this.pendingCheckpoint ??= { position, needed: this.taken + this.source.readableLength };
    this.wake();
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
