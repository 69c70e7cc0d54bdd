import { createPubSub } from 'graphql-yoga';
import type { ReadModelChange } from '@netraven/projections';

type Topics = {
  /** A job's read-model rows changed (status, device progress or logs). */
  jobChanged: [jobId: string, payload: { jobId: string }];
  /** Any job changed: for lists. */
  anyJobChanged: [payload: { jobId: string }];
};

/**
 * Turns the projector's change notices into subscription topics. Subscribers re-read the read
 * model on each notice, so what arrives live is what a query would return.
 */
export class LiveUpdates {
  readonly pubsub = createPubSub<Topics>();
  /** Jobs with an open subscription, and how many: what to re-send after notices may have been missed. */
  private readonly watched = new Map<string, number>();

  /**
   * The job as it stands, then again each time it changes. The change listener is registered before
   * the first answer, so no change between the two is lost, and a subscriber knows it is live once
   * the first message arrives.
   */
  async *watchJob(jobId: string): AsyncGenerator<{ jobId: string }> {
    this.watched.set(jobId, (this.watched.get(jobId) ?? 0) + 1);
    const changes = this.pubsub.subscribe('jobChanged', jobId)[Symbol.asyncIterator]();
    const firstChange = changes.next();
    try {
      yield { jobId };
      for (let change = await firstChange; !change.done; change = await changes.next()) yield change.value;
    } finally {
      await changes.return?.();
      const left = (this.watched.get(jobId) ?? 1) - 1;
      if (left > 0) this.watched.set(jobId, left);
      else this.watched.delete(jobId);
    }
  }

  /** After an outage of the change notices: every watched job is read again. */
  onAllJobsChanged(): void {
    this.onJobsChanged([...this.watched.keys()]);
  }

  onReadModelChange(change: ReadModelChange): void {
    this.onJobsChanged(jobIdsOf(change));
  }

  onJobsChanged(jobIds: Iterable<string>): void {
    for (const jobId of jobIds) {
      this.pubsub.publish('jobChanged', jobId, { jobId });
      this.pubsub.publish('anyJobChanged', { jobId });
    }
  }
}

/** The jobs whose rows a batch of the jobs or logs projector touched. */
export function jobIdsOf(change: ReadModelChange): string[] {
  if (change.projection !== 'jobs' && change.projection !== 'logs') return [];
  const jobIds = new Set<string>();
  for (const event of change.events) {
    const data = event.data as { jobId?: unknown };
    if (typeof data.jobId === 'string') jobIds.add(data.jobId);
  }
  return [...jobIds];
}
