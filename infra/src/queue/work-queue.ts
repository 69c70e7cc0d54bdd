import type { JobType } from '@netraven/domain';
import type { TaskPriority } from './priority-picker.js';

/** One unit of device work: run `jobId`'s kind of work on `deviceId`. `id` is `<jobId>/<deviceId>`. */
export interface WorkTask {
  readonly id: string;
  readonly jobId: string;
  readonly deviceId: string;
  /** Absent on tasks queued before job kinds: a backup. */
  readonly kind?: JobType;
  /** Absent on tasks queued before priorities: NORMAL. */
  readonly priority?: TaskPriority;
  /** A COMMAND job's commands. */
  readonly commands?: readonly string[];
  /** Deliveries an earlier process already made (a task re-issued after a crash): attempts count on from there. */
  readonly previousAttempts?: number;
}

export interface Delivery {
  readonly task: WorkTask;
  /** 1 on the first delivery, higher on redeliveries. */
  readonly attempt: number;
}

/** Resolving acknowledges the task; throwing asks for a redelivery (with backoff, up to maxDeliver). */
export type TaskHandler = (delivery: Delivery) => Promise<void>;

export interface ConsumeOptions {
  readonly concurrency: number;
  /** Called when a task failed on its last allowed delivery and is dropped. */
  readonly onGiveUp?: (delivery: Delivery, error: unknown) => void;
}

export interface Consumer {
  stop(): Promise<void>;
}

/** Waiting work of one priority: how many tasks, and how long the oldest has waited (undefined: none waiting). */
export interface PriorityDepth {
  readonly priority: TaskPriority;
  readonly depth: number;
  readonly oldestTaskAgeMs: number | undefined;
}

/** What the queue holds now: waiting tasks per priority, and tasks handed to a worker but not acknowledged. */
export interface QueueStatus {
  readonly kind: 'nats' | 'in-process';
  readonly priorities: readonly PriorityDepth[];
  readonly inFlight: number;
}

export interface WorkQueue {
  /** True when queued tasks outlive this process (JetStream); false when they live in its memory. */
  readonly durable: boolean;
  /** Resolves when the queue can take work; throws with the reason otherwise (readiness). */
  check(): Promise<void>;
  /** Tasks whose id was already published (within the de-duplication window) are dropped. */
  publish(tasks: readonly WorkTask[]): Promise<{ published: number; duplicates: number }>;
  consume(handler: TaskHandler, options: ConsumeOptions): Consumer;
  /** Depth per priority, oldest waiting task, in flight. */
  status(): Promise<QueueStatus>;
  close(): Promise<void>;
}

export function taskId(jobId: string, deviceId: string): string {
  return `${jobId}/${deviceId}`;
}
