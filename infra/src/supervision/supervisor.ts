/** One run of a follower: ends when stopped, rejects when it fails. An event-store subscription is one. */
export interface FollowerRun {
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Anything that follows a source from a checkpoint (event-store subscriptions, LISTEN connections,
 * periodic sweeps). `follow` loads the checkpoint and starts; the supervisor calls it again after a failure.
 */
export interface Follower {
  readonly name: string;
  follow(): Promise<FollowerRun>;
  /** The checkpoint it keeps and the event types it follows, so readiness can tell how far behind it is. */
  readonly tracks?: TrackedEvents;
}

export interface TrackedEvents {
  readonly checkpoint: string;
  readonly eventTypes: readonly string[];
}

export type FollowerState = 'starting' | 'running' | 'retrying' | 'stopped';

export interface FollowerStatus {
  readonly name: string;
  readonly tracks: TrackedEvents | undefined;
  readonly state: FollowerState;
  readonly since: Date;
  /** Failed starts and runs since the follower was last healthy. */
  readonly consecutiveFailures: number;
  readonly restarts: number;
  readonly lastError: string | undefined;
}

export interface SupervisorEvents {
  /** Once per outage: the first failure after a healthy period. */
  readonly onOutage: (name: string, error: unknown) => void;
  /** Once per outage, when the follower runs again. */
  readonly onRecovered: (name: string, downForMs: number, attempts: number) => void;
}

export interface SupervisorOptions {
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Errors that only ask for a restart from the checkpoint (another runner moved it): no backoff, no outage. */
  readonly isRoutineRestart?: (error: unknown) => boolean;
  readonly random?: () => number;
}

/**
 * Keeps every follower running: after any error (database or NATS restart, a timeout) it restarts
 * the follower from its checkpoint with exponential backoff, and reports each outage once.
 */
export class Supervisor {
  private readonly supervised = new Map<string, SupervisedFollower>();

  constructor(
    private readonly events: SupervisorEvents,
    private readonly options: SupervisorOptions = {},
  ) {}

  /** Starts the follower; resolves after its first start attempt (successful or not), so start order is kept. */
  async add(follower: Follower): Promise<void> {
    if (this.supervised.has(follower.name)) throw new Error(`follower ${follower.name} is already supervised`);
    const supervised = new SupervisedFollower(follower, this.events, this.options);
    this.supervised.set(follower.name, supervised);
    await supervised.started;
  }

  async stop(name: string): Promise<void> {
    const supervised = this.supervised.get(name);
    this.supervised.delete(name);
    await supervised?.stop();
  }

  async stopAll(): Promise<void> {
    const all = [...this.supervised.values()].reverse();
    this.supervised.clear();
    for (const supervised of all) await supervised.stop();
  }

  statuses(): FollowerStatus[] {
    return [...this.supervised.values()].map((s) => s.status());
  }
}

class SupervisedFollower {
  readonly started: Promise<void>;
  private state: FollowerState = 'starting';
  private since = new Date();
  private consecutiveFailures = 0;
  private restarts = 0;
  private lastError: string | undefined;
  private outageStartedAt: number | undefined;
  private current: FollowerRun | undefined;
  private stopping = false;
  private wakeFromBackoff: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly follower: Follower,
    private readonly events: SupervisorEvents,
    private readonly options: SupervisorOptions,
  ) {
    let markStarted: () => void = () => undefined;
    this.started = new Promise<void>((resolve) => (markStarted = resolve));
    this.loop = this.run(markStarted);
  }

  status(): FollowerStatus {
    return {
      name: this.follower.name, tracks: this.follower.tracks, state: this.state, since: this.since,
      consecutiveFailures: this.consecutiveFailures, restarts: this.restarts, lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromBackoff?.();
    await this.current?.stop().catch(() => undefined);
    await this.loop;
    this.enter('stopped');
  }

  private async run(markStarted: () => void): Promise<void> {
    while (!this.stopping) {
      try {
        this.current = await this.follower.follow();
        if (this.stopping) {
          await this.current.stop();
          break;
        }
        this.healthy();
        markStarted();
        await this.current.done;
        if (this.stopping) break;
        throw new Error(`${this.follower.name} ended without being stopped`);
      } catch (error) {
        markStarted();
        if (this.stopping) break;
        this.restarts++;
        if (this.options.isRoutineRestart?.(error)) continue;
        this.failed(error);
        await this.backoff();
      } finally {
        this.current = undefined;
      }
    }
  }

  private healthy(): void {
    if (this.outageStartedAt !== undefined) {
      this.events.onRecovered(this.follower.name, Date.now() - this.outageStartedAt, this.consecutiveFailures);
      this.outageStartedAt = undefined;
    }
    this.consecutiveFailures = 0;
    this.lastError = undefined;
    this.enter('running');
  }

  private failed(error: unknown): void {
    this.consecutiveFailures++;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.outageStartedAt === undefined) {
      this.outageStartedAt = Date.now();
      this.events.onOutage(this.follower.name, error);
    }
    this.enter('retrying');
  }

  private async backoff(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 200;
    const max = this.options.maxBackoffMs ?? 10_000;
    const exponential = Math.min(max, initial * 2 ** Math.min(this.consecutiveFailures - 1, 16));
    // Jitter keeps followers that failed together from hammering a recovering server in step.
    const delay = exponential / 2 + (this.options.random ?? Math.random)() * (exponential / 2);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.wakeFromBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeFromBackoff = undefined;
  }

  private enter(state: FollowerState): void {
    if (this.state !== state) this.since = new Date();
    this.state = state;
  }
}
