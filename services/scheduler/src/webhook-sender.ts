import type { Kysely } from 'kysely';
import type { AttemptReport, WebhookDeliveries } from '@netraven/application';
import { systemClock, type Clock } from '@netraven/infra/eventstore';
import type { Follower, FollowerRun } from '@netraven/infra/supervision';
import { dueDeliveries, nextDueAt, type ReadModelDatabase } from '@netraven/projections';

export interface WebhookSenderOptions {
  /** Longest wait between looks for due deliveries (default 1 s); `wake()` cuts it short. */
  readonly pollMs?: number;
  /** Deliveries sent at once (default 8): one slow receiver does not hold up the others. */
  readonly concurrency?: number;
  readonly clock?: Clock;
  readonly onAttempt?: (report: AttemptReport) => void;
}

/**
 * Sends every due delivery (pending, next attempt time reached) and records each attempt; retries come back
 * due after their backoff. All its state is in the log (and the read model built from it), so a restarted
 * sender carries on where the last one stopped: delivered ones are never sent again.
 */
export class WebhookSender implements Follower {
  readonly name = 'webhook-sender';
  private wakeUp: () => void = () => undefined;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly deliveries: WebhookDeliveries,
    private readonly options: WebhookSenderOptions = {},
  ) {}

  /** New deliveries were requested: look now instead of at the next poll. */
  wake(): void {
    this.wakeUp();
  }

  async follow(): Promise<FollowerRun> {
    let stopped = false;
    // The first look is made before the run counts as started: while the database is still coming back, the restart
    // fails here and stays part of the same outage instead of being reported as recovered and then failing anew.
    const first = await this.sendDue();
    const loop = async (): Promise<void> => {
      let waitMs = first;
      while (!stopped) {
        if (waitMs > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            this.wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wakeUp = () => undefined;
        }
        if (stopped) break;
        waitMs = await this.sendDue();
      }
    };
    const done = loop();
    return {
      done,
      stop: async () => {
        stopped = true;
        this.wakeUp();
        await done.catch(() => undefined);
      },
    };
  }

  /** Sends what is due now; answers how long to wait before looking again (0: more are due at once). */
  async sendDue(): Promise<number> {
    const clock = this.options.clock ?? systemClock;
    const concurrency = this.options.concurrency ?? 8;
    const due = await dueDeliveries(this.db, clock(), concurrency);
    const reports = await Promise.all(due.map((row) => this.deliveries.attempt(row)));
    for (const report of reports) if (report) this.options.onAttempt?.(report);
    if (due.length === concurrency) return 0;
    const pollMs = this.options.pollMs ?? 1000;
    const next = await nextDueAt(this.db);
    return next === null ? pollMs : Math.max(0, Math.min(pollMs, next.getTime() - clock().getTime()));
  }
}
