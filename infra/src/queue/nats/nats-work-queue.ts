import { MaxDeliveriesWatch } from './max-deliveries-watch.js';
import { jetstream, jetstreamManager, type Consumer as JsConsumer, type JetStreamClient, type JetStreamManager, type MsgRequest } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Consumer, ConsumeOptions, QueueStatus, TaskHandler, WorkQueue, WorkTask } from '../work-queue.js';
import { priorityOf, TASK_PRIORITIES, type TaskPriority } from '../priority-picker.js';
import { ensureConsumer, ensureStream, type ConsumerSpec } from './ensure.js';
import { encodeTask, NatsTaskConsumer } from './nats-task-consumer.js';

export interface NatsWorkQueueOptions {
  readonly servers: string | readonly string[];
  readonly stream?: string;
  readonly subject?: string;
  readonly durable?: string;
  /** Deliveries of one task, the first included, before it is given up. */
  readonly maxDeliver?: number;
  /** Delay before redelivery n (1-based) of a failed task; the last value repeats. */
  readonly backoffMs?: readonly number[];
  /** How long an unacknowledged task stays with a silent worker before another one gets it. */
  readonly ackWaitMs?: number;
  readonly duplicateWindowMs?: number;
  /** Lower bound for the durable's max_ack_pending (raised further to each consume()'s concurrency). */
  readonly maxAckPending?: number;
  /** Lifetime of one pull request; stop() may wait this long. At least 1000. */
  readonly pullExpiresMs?: number;
  /** Picks of higher work a waiting lower priority sits out (see PriorityPicker); default 4. */
  readonly passLimit?: number;
  /** Connection name shown by the server (monitoring). */
  readonly name?: string;
  /**
   * Receives errors that have no caller to throw to (a failed ack, a failed pull, a throwing onGiveUp).
   * Without it they are kept and thrown by the next stop() or close().
   */
  readonly onError?: (error: unknown) => void;
}

export const NATS_WORK_QUEUE_DEFAULTS = {
  stream: 'NETRAVEN_WORK',
  subject: 'netraven.work.backup',
  durable: 'device-comm',
  maxDeliver: 5,
  backoffMs: [1000, 5000, 15000, 30000],
  ackWaitMs: 30_000,
  duplicateWindowMs: 10 * 60_000,
  maxAckPending: 1000,
  pullExpiresMs: 2000,
} as const;

type Settings = Required<Omit<NatsWorkQueueOptions, 'servers' | 'name' | 'onError' | 'passLimit'>> & { passLimit?: number };

/**
 * One subject and one durable per priority on the one work-queue stream. NORMAL keeps the subject and
 * durable from before priorities (tasks queued by an older version are still served); HIGH and LOW add
 * `.high`/`.low` and `-high`/`-low`.
 */
export function prioritySubject(subject: string, priority: TaskPriority): string {
  return priority === 'NORMAL' ? subject : `${subject}.${priority.toLowerCase()}`;
}

export function priorityDurable(durable: string, priority: TaskPriority): string {
  return priority === 'NORMAL' ? durable : `${durable}-${priority.toLowerCase()}`;
}

const PUBLISH_WINDOW = 512;
const KEPT_ERRORS = 100;

/** The distributed work queue: a JetStream work-queue stream and one durable pull consumer shared by all workers. */
export class NatsWorkQueue implements WorkQueue {
  private readonly js: JetStreamClient;
  private readonly consumers = new Set<NatsTaskConsumer>();
  private readonly pendingErrors: unknown[] = [];
  readonly durable = true;

  private constructor(
    readonly connection: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly settings: Settings,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {
    this.js = jetstream(connection);
    void connection.closed().then((error) => {
      if (error) this.report(error);
    });
  }

  /** Connects and makes sure the stream and the durable consumer exist as configured; safe to run in many workers at once. */
  static async connect(options: NatsWorkQueueOptions): Promise<NatsWorkQueue> {
    const settings: Settings = {
      stream: options.stream ?? NATS_WORK_QUEUE_DEFAULTS.stream,
      subject: options.subject ?? NATS_WORK_QUEUE_DEFAULTS.subject,
      durable: options.durable ?? NATS_WORK_QUEUE_DEFAULTS.durable,
      maxDeliver: options.maxDeliver ?? NATS_WORK_QUEUE_DEFAULTS.maxDeliver,
      backoffMs: options.backoffMs ?? NATS_WORK_QUEUE_DEFAULTS.backoffMs,
      ackWaitMs: options.ackWaitMs ?? NATS_WORK_QUEUE_DEFAULTS.ackWaitMs,
      duplicateWindowMs: options.duplicateWindowMs ?? NATS_WORK_QUEUE_DEFAULTS.duplicateWindowMs,
      maxAckPending: options.maxAckPending ?? NATS_WORK_QUEUE_DEFAULTS.maxAckPending,
      pullExpiresMs: Math.max(1000, options.pullExpiresMs ?? NATS_WORK_QUEUE_DEFAULTS.pullExpiresMs),
      ...(options.passLimit !== undefined ? { passLimit: options.passLimit } : {}),
    };
    if (!Number.isInteger(settings.maxDeliver) || settings.maxDeliver < 1) {
      throw new Error(`maxDeliver must be a positive integer, got ${settings.maxDeliver}`);
    }
    const servers = typeof options.servers === 'string' ? options.servers : [...options.servers];
    let connection: NatsConnection;
    try {
      connection = await connect({ servers, name: options.name ?? 'netraven-work-queue', maxReconnectAttempts: -1 });
    } catch (error) {
      throw new Error(`cannot connect to NATS at ${String(servers)}: ${String(error)}`, { cause: error });
    }
    try {
      const jsm = await jetstreamManager(connection);
      for (const priority of TASK_PRIORITIES) await ensureStream(jsm, { ...settings, subject: prioritySubject(settings.subject, priority) });
      for (const priority of TASK_PRIORITIES) await ensureConsumer(jsm, consumerSpec(settings, priority, settings.maxAckPending));
      return new NatsWorkQueue(connection, jsm, settings, options.onError);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  async check(): Promise<void> {
    if (this.connection.isClosed()) throw new Error('NATS connection is closed');
    await this.jsm.streams.info(this.settings.stream);
  }

  async publish(tasks: readonly WorkTask[]): Promise<{ published: number; duplicates: number }> {
    let published = 0;
    let duplicates = 0;
    for (let start = 0; start < tasks.length; start += PUBLISH_WINDOW) {
      const window = tasks.slice(start, start + PUBLISH_WINDOW);
      const acks = await Promise.all(
        window.map((task) => this.js.publish(prioritySubject(this.settings.subject, priorityOf(task)), encodeTask(task), { msgID: task.id })),
      );
      for (const ack of acks) {
        if (ack.duplicate) duplicates++;
        else published++;
      }
    }
    return { published, duplicates };
  }

  consume(handler: TaskHandler, options: ConsumeOptions): Consumer {
    const consumer = new NatsTaskConsumer(handler, options, {
      maxDeliver: this.settings.maxDeliver,
      backoffMs: this.settings.backoffMs,
      ackWaitMs: this.settings.ackWaitMs,
      pullExpiresMs: this.settings.pullExpiresMs,
      ...(this.settings.passLimit !== undefined ? { passLimit: this.settings.passLimit } : {}),
      prepare: async (concurrency) => {
        const wanted = Math.max(this.settings.maxAckPending, concurrency);
        const sources = new Map<TaskPriority, JsConsumer>();
        for (const priority of TASK_PRIORITIES) {
          if (wanted > this.settings.maxAckPending) await ensureConsumer(this.jsm, consumerSpec(this.settings, priority, wanted));
          sources.set(priority, await this.js.consumers.get(this.settings.stream, priorityDurable(this.settings.durable, priority)));
        }
        return sources;
      },
      isClosed: () => this.connection.isClosed(),
      report: (error) => this.report(error),
    });
    this.consumers.add(consumer);
    const onGiveUp = options.onGiveUp;
    const watches = onGiveUp
      ? TASK_PRIORITIES.map((p) => new MaxDeliveriesWatch(this.connection, this.jsm, this.settings.stream, priorityDurable(this.settings.durable, p), onGiveUp, (error) => this.report(error)))
      : [];
    for (const watch of watches) watch.start();
    return {
      stop: async () => {
        for (const watch of watches) watch.stop();
        await consumer.stop();
        this.consumers.delete(consumer);
        this.throwPending();
      },
    };
  }

  /**
   * Per priority: undelivered tasks (depth), and the age of the oldest task still in the stream (waiting or
   * being worked on: a work-queue stream drops a message when it is acknowledged); in flight: delivered, not yet acknowledged.
   */
  async status(): Promise<QueueStatus> {
    const now = Date.now();
    let inFlight = 0;
    const priorities = await Promise.all(TASK_PRIORITIES.map(async (priority) => {
      const info = await this.jsm.consumers.info(this.settings.stream, priorityDurable(this.settings.durable, priority));
      inFlight += info.num_ack_pending;
      const subject = prioritySubject(this.settings.subject, priority);
      const oldest = info.num_pending + info.num_ack_pending > 0
        // The server's message-get takes `next_by_subj` (the client's type lists it for direct gets only).
        ? await this.jsm.streams.getMessage(this.settings.stream, { next_by_subj: subject, seq: 1 } as unknown as MsgRequest).catch(() => null)
        : null;
      return { priority, depth: info.num_pending, oldestTaskAgeMs: oldest ? Math.max(0, now - oldest.time.getTime()) : undefined };
    }));
    return { kind: 'nats', priorities, inFlight };
  }

  /** Stops every consumer (in-flight handlers finish and are acknowledged), then drains the connection. */
  async close(): Promise<void> {
    const consumers = [...this.consumers];
    this.consumers.clear();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    if (!this.connection.isClosed()) await this.connection.drain();
    this.throwPending();
  }

  private report(error: unknown): void {
    if (this.onError) this.onError(error);
    else if (this.pendingErrors.length < KEPT_ERRORS) this.pendingErrors.push(error);
  }

  private throwPending(): void {
    const errors = this.pendingErrors.splice(0);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} work queue errors`);
  }
}

function consumerSpec(settings: Settings, priority: TaskPriority, maxAckPending: number): ConsumerSpec {
  return { ...settings, subject: prioritySubject(settings.subject, priority), durable: priorityDurable(settings.durable, priority), maxAckPending };
}
