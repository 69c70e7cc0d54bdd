/** One unit of device work: back up `deviceId` for `jobId`. `id` is `<jobId>/<deviceId>`. */
export interface WorkTask {
  readonly id: string;
  readonly jobId: string;
  readonly deviceId: string;
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

export interface WorkQueue {
  /** True when queued tasks outlive this process (JetStream); false when they live in its memory. */
  readonly durable: boolean;
  /** Resolves when the queue can take work; throws with the reason otherwise (readiness). */
  check(): Promise<void>;
  /** Tasks whose id was already published (within the de-duplication window) are dropped. */
  publish(tasks: readonly WorkTask[]): Promise<{ published: number; duplicates: number }>;
  consume(handler: TaskHandler, options: ConsumeOptions): Consumer;
  close(): Promise<void>;
}

export function taskId(jobId: string, deviceId: string): string {
  return `${jobId}/${deviceId}`;
}
