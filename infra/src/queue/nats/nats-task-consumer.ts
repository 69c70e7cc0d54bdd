import type { Consumer as JsConsumer, JsMsg } from '@nats-io/jetstream';
import type { Consumer, ConsumeOptions, Delivery, TaskHandler, WorkTask } from '../work-queue.js';
import { JOB_PRIORITIES, JOB_TYPES, type JobType } from '@netraven/domain';
import { PriorityPicker, TASK_PRIORITIES, type TaskPriority } from '../priority-picker.js';

export interface PullSettings {
  readonly maxDeliver: number;
  readonly backoffMs: readonly number[];
  readonly ackWaitMs: number;
  readonly pullExpiresMs: number;
  /** Resolves the durable of each priority once it allows at least `concurrency` unacknowledged messages. */
  readonly prepare: (concurrency: number) => Promise<ReadonlyMap<TaskPriority, JsConsumer>>;
  /** Picks of higher work a waiting lower priority sits out (PriorityPicker). */
  readonly passLimit?: number;
  readonly isClosed: () => boolean;
  readonly report: (error: unknown) => void;
}

const RETRY_PULL_MS = 1000;
/** How often an idle worker asks the durables whether work is waiting. */
const IDLE_LOOK_MS = 200;

/** What a durable holds for this worker: undelivered messages, and delivered ones not yet acknowledged (redeliveries wait there). */
interface Waiting {
  readonly pending: number;
  readonly unacknowledged: number;
}

/** One `consume()` call: pulls only as many messages as it has free handler slots. */
export class NatsTaskConsumer implements Consumer {
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;
  private readonly picker: PriorityPicker;
  /** This consumer's unacknowledged messages per priority (the rest of a durable's are other workers'). */
  private readonly ours = new Map<TaskPriority, number>();

  constructor(
    private readonly handler: TaskHandler,
    private readonly options: ConsumeOptions,
    private readonly settings: PullSettings,
  ) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new Error(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    this.picker = new PriorityPicker(settings.passLimit);
    this.loop = this.pull();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /**
   * One durable per priority. Each round asks the durables what waits, shares the free slots out with the
   * PriorityPicker, and pulls exactly that many from each, highest first. With nothing undelivered anywhere
   * it pulls one from the highest durable holding unacknowledged messages (a failed task waiting out its
   * backoff comes back that way), else it looks again after a short pause.
   */
  private async pull(): Promise<void> {
    let sources: ReadonlyMap<TaskPriority, JsConsumer>;
    try {
      sources = await this.settings.prepare(this.options.concurrency);
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
        const waiting = await this.waiting(sources);
        const shares = this.share(free, waiting);
        if (shares.size === 0) {
          const redelivery = TASK_PRIORITIES.find((p) => (waiting.get(p)?.unacknowledged ?? 0) > (this.ours.get(p) ?? 0));
          if (redelivery) await this.fetch(sources, redelivery, 1);
          else await this.pause(IDLE_LOOK_MS);
          continue;
        }
        for (const [priority, count] of shares) await this.fetch(sources, priority, count);
      } catch (error) {
        if (this.stopping || this.settings.isClosed()) return;
        this.settings.report(error);
        await this.pause(RETRY_PULL_MS);
      }
    }
  }

  private async waiting(sources: ReadonlyMap<TaskPriority, JsConsumer>): Promise<Map<TaskPriority, Waiting>> {
    const infos = await Promise.all(TASK_PRIORITIES.map(async (p) => [p, await sources.get(p)?.info(false)] as const));
    return new Map(infos.map(([p, info]) => [p, { pending: info?.num_pending ?? 0, unacknowledged: info?.num_ack_pending ?? 0 }]));
  }

  /** The free slots shared out by the priority rule, in priority order. */
  private share(free: number, waiting: ReadonlyMap<TaskPriority, Waiting>): Map<TaskPriority, number> {
    const left = new Map(TASK_PRIORITIES.map((p) => [p, waiting.get(p)?.pending ?? 0]));
    const shares = new Map<TaskPriority, number>();
    for (let slot = 0; slot < free; slot++) {
      const priority = this.picker.pick((p) => (left.get(p) ?? 0) > 0);
      if (!priority) break;
      left.set(priority, (left.get(priority) ?? 0) - 1);
      shares.set(priority, (shares.get(priority) ?? 0) + 1);
    }
    return new Map(TASK_PRIORITIES.filter((p) => shares.has(p)).map((p) => [p, shares.get(p) ?? 0]));
  }

  private async fetch(sources: ReadonlyMap<TaskPriority, JsConsumer>, priority: TaskPriority, count: number): Promise<void> {
    const source = sources.get(priority);
    if (!source) return;
    // A fetch asks for exactly the free slots, so no message waits in a local buffer while its ack_wait runs.
    // stop() lets the open pull expire instead of closing it: a message already on its way to a closed inbox
    // would be dropped and sit out a whole ack_wait before another worker saw it; late arrivals are nak'ed.
    const batch = await source.fetch({ max_messages: count, expires: this.settings.pullExpiresMs });
    for await (const msg of batch) {
      if (this.stopping) msg.nak();
      else this.start(msg, priority);
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

  private start(msg: JsMsg, priority: TaskPriority): void {
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
    this.ours.set(priority, (this.ours.get(priority) ?? 0) + 1);
    const run = this.handle(msg, delivery)
      .catch((error: unknown) => this.settings.report(error))
      .finally(() => {
        this.ours.set(priority, (this.ours.get(priority) ?? 1) - 1);
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
  const { id, jobId, deviceId, kind, priority, commands } = task;
  return new TextEncoder().encode(JSON.stringify({ id, jobId, deviceId, kind, priority, commands }));
}

export function decodeTask(data: Uint8Array): WorkTask {
  const text = new TextDecoder().decode(data);
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null) {
    const { id, jobId, deviceId, kind, priority, commands } = parsed as Record<string, unknown>;
    if (typeof id === 'string' && typeof jobId === 'string' && typeof deviceId === 'string') {
      // Tasks published before job kinds and priorities carry neither: a NORMAL backup.
      return {
        id, jobId, deviceId,
        ...((JOB_TYPES as readonly unknown[]).includes(kind) ? { kind: kind as JobType } : {}),
        ...((JOB_PRIORITIES as readonly unknown[]).includes(priority) ? { priority: priority as TaskPriority } : {}),
        ...(Array.isArray(commands) && commands.every((c) => typeof c === 'string') ? { commands: commands as string[] } : {}),
      };
    }
  }
  throw new Error(`work queue message is not a task: ${text.slice(0, 200)}`);
}
