import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Delivery, WorkTask } from '../work-queue.js';

interface MaxDeliveriesAdvisory {
  stream_seq?: number;
  deliveries?: number;
}

/**
 * A task whose deliveries all ended without an answer (the worker holding it died each time) never
 * reaches a handler's throw, so JetStream's max-deliveries advisory is the only notice. The task is
 * read from the stream, handed to `onExhausted` and removed, so its device still gets an outcome.
 */
export class MaxDeliveriesWatch {
  private subscription: Subscription | undefined;

  constructor(
    private readonly connection: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly durable: string,
    private readonly onExhausted: (delivery: Delivery, error: Error) => void,
    private readonly report: (error: unknown) => void,
  ) {}

  start(): void {
    const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${this.stream}.${this.durable}`;
    this.subscription = this.connection.subscribe(subject, {
      callback: (error, message) => {
        if (error) return this.report(error);
        void this.exhausted(message.json<MaxDeliveriesAdvisory>()).catch((cause: unknown) => this.report(cause));
      },
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private async exhausted(advisory: MaxDeliveriesAdvisory): Promise<void> {
    if (advisory.stream_seq === undefined) return;
    const stored = await this.jsm.streams.getMessage(this.stream, { seq: advisory.stream_seq }).catch(nullWhenGone);
    // Another worker handled this advisory first and removed the message.
    if (!stored) return;
    const task = stored.json<WorkTask>();
    const deliveries = advisory.deliveries ?? 0;
    this.onExhausted({ task, attempt: deliveries }, new Error(`no worker finished this task in ${deliveries} deliveries (workers crashed or hung)`));
    await this.jsm.streams.deleteMessage(this.stream, advisory.stream_seq).catch(nullWhenGone);
  }
}

/** A message another watcher already removed is not an error; anything else is. */
function nullWhenGone(error: unknown): null {
  if (/no message found|not found/i.test(String(error))) return null;
  throw error;
}
