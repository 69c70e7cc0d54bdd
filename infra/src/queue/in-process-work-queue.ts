import type { Consumer, ConsumeOptions, Delivery, QueueStatus, TaskHandler, WorkQueue, WorkTask } from './work-queue.js';
import { priorityOf, PriorityPicker, TASK_PRIORITIES, type TaskPriority } from './priority-picker.js';

export interface InProcessWorkQueueOptions {
  readonly maxDeliver?: number;
  /** Delay before redelivery n (1-based), like JetStream's nak backoff list. */
  readonly backoffMs?: readonly number[];
  readonly duplicateWindowMs?: number;
  /** See PriorityPicker: picks of higher work a waiting lower priority sits out. */
  readonly passLimit?: number;
}

interface Pending {
  task: WorkTask;
  /** Deliveries in this process. */
  attempt: number;
  /** When it was first queued here (the queue's oldest-task age). */
  queuedAt: number;
}

const deliveryOf = (pending: Pending): Delivery => ({ task: pending.task, attempt: (pending.task.previousAttempts ?? 0) + pending.attempt });

/** Standalone mode's queue: same semantics as the JetStream one (dedupe by id, ack, redelivery). */
export class InProcessWorkQueue implements WorkQueue {
  private readonly ready = new Map<TaskPriority, Pending[]>(TASK_PRIORITIES.map((p) => [p, []]));
  private readonly picker: PriorityPicker;
  private readonly published = new Map<string, number>();
  private readonly consumers = new Set<InProcessConsumer>();
  private readonly timers = new Set<NodeJS.Timeout>();

  readonly durable = false;

  constructor(private readonly options: InProcessWorkQueueOptions = {}) {
    this.picker = new PriorityPicker(options.passLimit);
  }

  async check(): Promise<void> {
    // Lives in this process: reachable whenever the process answers.
  }

  async publish(tasks: readonly WorkTask[]): Promise<{ published: number; duplicates: number }> {
    this.pruneDuplicateWindow();
    let published = 0;
    for (const task of tasks) {
      if (this.published.has(task.id)) continue;
      this.published.set(task.id, Date.now());
      this.enqueue({ task, attempt: 1, queuedAt: Date.now() });
      published++;
    }
    this.pump();
    return { published, duplicates: tasks.length - published };
  }

  consume(handler: TaskHandler, options: ConsumeOptions): Consumer {
    const consumer = new InProcessConsumer(handler, options, (pending, error) => this.settle(consumer, pending, error));
    this.consumers.add(consumer);
    this.pump();
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.drain();
      },
    };
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.consumers].map((c) => c.drain()));
    this.consumers.clear();
  }

  async status(): Promise<QueueStatus> {
    const now = Date.now();
    const priorities = TASK_PRIORITIES.map((priority) => {
      const waiting = this.ready.get(priority) ?? [];
      const oldest = waiting.reduce<number | undefined>((min, p) => (min === undefined || p.queuedAt < min ? p.queuedAt : min), undefined);
      return { priority, depth: waiting.length, oldestTaskAgeMs: oldest === undefined ? undefined : now - oldest };
    });
    let inFlight = 0;
    for (const consumer of this.consumers) inFlight += consumer.inFlightCount();
    // A failed task waiting out its backoff is still in the queue's hands.
    return { kind: 'in-process', priorities, inFlight: inFlight + this.timers.size };
  }

  private enqueue(pending: Pending): void {
    this.ready.get(priorityOf(pending.task))?.push(pending);
  }

  private pump(): void {
    for (const consumer of this.consumers) {
      while (consumer.hasCapacity()) {
        const priority = this.picker.pick((p) => (this.ready.get(p)?.length ?? 0) > 0);
        const next = priority && this.ready.get(priority)?.shift();
        if (!next) break;
        consumer.run(next);
      }
    }
  }

  private settle(consumer: InProcessConsumer, pending: Pending, error: unknown): void {
    if (error !== undefined) {
      const maxDeliver = this.options.maxDeliver ?? 5;
      if (pending.attempt >= maxDeliver) {
        consumer.options.onGiveUp?.(deliveryOf(pending), error);
      } else {
        const backoff = this.options.backoffMs ?? [1000, 5000, 15000, 30000];
        const delay = backoff[Math.min(pending.attempt - 1, backoff.length - 1)] ?? 1000;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.enqueue({ task: pending.task, attempt: pending.attempt + 1, queuedAt: pending.queuedAt });
          this.pump();
        }, delay);
        this.timers.add(timer);
      }
    }
    this.pump();
  }

  private pruneDuplicateWindow(): void {
    const cutoff = Date.now() - (this.options.duplicateWindowMs ?? 10 * 60_000);
    for (const [id, at] of this.published) {
      if (at >= cutoff) break;
      this.published.delete(id);
    }
  }
}

class InProcessConsumer {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly handler: TaskHandler,
    readonly options: ConsumeOptions,
    private readonly onSettled: (pending: Pending, error: unknown) => void,
  ) {}

  inFlightCount(): number {
    return this.inFlight.size;
  }

  hasCapacity(): boolean {
    return this.inFlight.size < this.options.concurrency;
  }

  run(pending: Pending): void {
    const delivery = deliveryOf(pending);
    const work = this.handler(delivery).then(
      () => undefined,
      (error: unknown) => error ?? new Error('task handler rejected without a reason'),
    );
    const tracked = work.then((error) => {
      this.inFlight.delete(tracked);
      this.onSettled(pending, error);
    });
    this.inFlight.add(tracked);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
