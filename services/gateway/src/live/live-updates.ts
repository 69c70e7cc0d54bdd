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
  /** Who else hears every notice (the live feeds); `undefined` notice: notices may have been missed. */
  private readonly listeners = new Set<(notice: ReadModelChangeNotice | undefined) => void>();
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

  /** After an outage of the change notices: every watched job is read again, and log readers look for new lines. */
  onAllJobsChanged(): void {
    this.onJobsChanged([...this.watched.keys()]);
    for (const listener of this.listeners) listener(undefined);
  }

  /** Every notice from now on; returns how to stop listening. */
  listen(listener: (notice: ReadModelChangeNotice | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReadModelChange(change: ReadModelChange): void {
    for (const notice of noticesOf(change)) this.onNotice(notice);
  }

  /** A change notice, from this process's projector or announced by another one. */
  onNotice(notice: ReadModelChangeNotice): void {
    this.onJobsChanged(notice.jobIds);
    for (const listener of this.listeners) listener(notice);
  }

  onJobsChanged(jobIds: Iterable<string>): void {
    for (const jobId of jobIds) {
      this.pubsub.publish('jobChanged', jobId, { jobId });
      this.pubsub.publish('anyJobChanged', { jobId });
    }
  }
}

/** What the projector announces after each committed batch: which jobs' and devices' rows changed. */
export interface ReadModelChangeNotice {
  readonly projection: string;
  readonly jobIds: readonly string[];
  /** Absent in notices of older gateways' projectors (and of projections other than `devices`). */
  readonly deviceIds?: readonly string[];
}

// NOTIFY payloads are limited to 8000 bytes; this many ids stay well under.
const IDS_PER_NOTICE = 100;

/**
 * A batch's notices: ids in chunks small enough for NOTIFY, and always one for a `logs` batch (its
 * readers need no ids, only the news that lines were added).
 */
export function noticesOf(change: ReadModelChange): ReadModelChangeNotice[] {
  const jobIds = jobIdsOf(change);
  const deviceIds = deviceIdsOf(change);
  const notices: ReadModelChangeNotice[] = [];
  for (let i = 0; i < jobIds.length; i += IDS_PER_NOTICE) notices.push({ projection: change.projection, jobIds: jobIds.slice(i, i + IDS_PER_NOTICE) });
  for (let i = 0; i < deviceIds.length; i += IDS_PER_NOTICE)
    notices.push({ projection: change.projection, jobIds: [], deviceIds: deviceIds.slice(i, i + IDS_PER_NOTICE) });
  if (notices.length === 0 && change.projection === 'logs') notices.push({ projection: 'logs', jobIds: [] });
  return notices;
}

/**
 * The devices whose rows a batch touched: any event of the devices projector, and a reachability check's or
 * command run's success from the job-control projector (the device's reachability; the devices projector does
 * not see those events, and the snapshots and failures it does see are announced by it already).
 */
export function deviceIdsOf(change: ReadModelChange): string[] {
  const deviceIds = new Set<string>();
  for (const event of change.events) {
    const data = event.data as { deviceId?: unknown };
    if (typeof data.deviceId !== 'string') continue;
    if (change.projection === 'devices' || (change.projection === 'job-control' && event.type === 'DeviceTaskSucceeded')) deviceIds.add(data.deviceId);
  }
  return [...deviceIds];
}

/**
 * The jobs whose rows a batch touched: any event of the jobs or logs projector, and a COMMAND job's outputs
 * from the job-control projector. That projector commits apart from the jobs one, often after the job has
 * finished: without its notice a job page would keep the answer it read before the outputs were projected.
 */
export function jobIdsOf(change: ReadModelChange): string[] {
  const jobIds = new Set<string>();
  for (const event of change.events) {
    const data = event.data as { jobId?: unknown; results?: unknown };
    if (typeof data.jobId !== 'string') continue;
    if (change.projection === 'jobs' || change.projection === 'logs') jobIds.add(data.jobId);
    else if (change.projection === 'job-control' && recordsOutputs(event.type, data.results)) jobIds.add(data.jobId);
  }
  return [...jobIds];
}

/** Only outputs change what a job query answers; the projector's reachability rows are the devices' business. */
const recordsOutputs = (type: string, results: unknown): boolean => type === 'DeviceTaskSucceeded' && Array.isArray(results) && results.length > 0;
