import type { Consumer as JsConsumer, JsMsg } from '@nats-io/jetstream';
import type { Consumer, ConsumeOptions, Delivery, TaskHandler, WorkTask } from '../work-queue.js';

export interface PullSettings {
  readonly maxDeliver: number;
  readonly backoffMs: readonly number[];
  readonly ackWaitMs: number;
  readonly pullExpiresMs: number;
  /** Resolves the durable once it allows at least `concurrency` unacknowledged messages. */
  readonly prepare: (concurrency: number) => Promise<JsConsumer>;
  readonly isClosed: () => boolean;
  readonly report: (error: unknown) => void;
}

const RETRY_PULL_MS = 1000;

/** One `consume()` call: pulls only as many messages as it has free handler slots. */
export class NatsTaskConsumer implements Consumer {
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly handler: TaskHandler,
    private readonly options: ConsumeOptions,
    private readonly settings: PullSettings,
  ) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new Error(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    this.loop = this.pull();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async pull(): Promise<void> {
    let source: JsConsumer;
    try {
      source = await this.settings.prepare(this.options.concurrency);
    } catch (error) {
      this.settings.report(error);
      return;
    }
    while (!this.stopping && !this.settings.isClosed()) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await this.pause();
        continue;
      }
      try {
        // A fetch asks for exactly the free slots, so no message waits in a local buffer while its ack_wait runs.
        // stop() lets the open pull expire instead of closing it: a message already on its way to a closed inbox
        // would be dropped and sit out a whole ack_wait before another worker saw it; late arrivals are nak'ed.
        const batch = await source.fetch({ max_messages: free, expires: this.settings.pullExpiresMs });
        for await (const msg of batch) {
          if (this.stopping) msg.nak();
          else this.start(msg);
        }
      } catch (error) {
        if (this.stopping || this.settings.isClosed()) return;
        this.settings.report(error);
        await this.pause(RETRY_PULL_MS);
      }
    }
  }

  /** Waits until a handler finishes or stop() is called (or `ms` passes). */
  private pause(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private start(msg: JsMsg): void {
    let task: WorkTask;
    try {
      task = decodeTask(msg.data);
    } catch (error) {
      // A body we cannot read would fail on every delivery; drop it now and say so.
      msg.term();
      this.settings.report(error);
      return;
    }
    const delivery: Delivery = { task, attempt: msg.info.deliveryCount };
    const run = this.handle(msg, delivery)
      .catch((error: unknown) => this.settings.report(error))
      .finally(() => {
        this.inFlight.delete(run);
        this.wake?.();
      });
    this.inFlight.add(run);
  }

  private async handle(msg: JsMsg, delivery: Delivery): Promise<void> {
    // A long SSH session must not be handed to a second worker while this one is still on it.
    const keepAlive = setInterval(() => msg.working(), Math.max(100, this.settings.ackWaitMs / 2));
    keepAlive.unref();
    let failure: { error: unknown } | undefined;
    try {
      await this.handler(delivery);
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(keepAlive);
    }
    if (!failure) {
      // Wait for the server's confirmation: returning before it could lose an ack to a crash right after.
      await msg.ackAck();
      return;
    }
    if (delivery.attempt >= this.settings.maxDeliver) {
      try {
        this.options.onGiveUp?.(delivery, failure.error);
      } finally {
        msg.term();
      }
      return;
    }
    const backoff = this.settings.backoffMs;
    msg.nak(backoff[Math.min(delivery.attempt - 1, backoff.length - 1)] ?? 1000);
  }
}

export function encodeTask(task: WorkTask): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ id: task.id, jobId: task.jobId, deviceId: task.deviceId }));
}

export function decodeTask(data: Uint8Array): WorkTask {
  const text = new TextDecoder().decode(data);
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null) {
    const { id, jobId, deviceId } = parsed as Record<string, unknown>;
    if (typeof id === 'string' && typeof jobId === 'string' && typeof deviceId === 'string') {
      return { id, jobId, deviceId };
    }
  }
  throw new Error(`work queue message is not a task: ${text.slice(0, 200)}`);
}
