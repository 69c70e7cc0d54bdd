import type { Actor, LiveOperation, LiveQueries, LogQueryFilter } from '@netraven/application';
import type { DeviceChangeFilter, DeviceRow, JobChangeFilter, JobRow, LogRow } from '@netraven/projections';
import type { LiveUpdates, ReadModelChangeNotice } from './live-updates.js';
import { Channel } from './channel.js';
import { SharedRead } from './shared-read.js';
import { logFeedReader } from './log-feed.js';

/** Messages kept for a subscriber that has not taken them yet; one further behind is ended. */
const MAX_BACKLOG = 10_000;

interface Feed {
  readonly operation: LiveOperation;
  readonly read: SharedRead<unknown>;
  /** The subscribers' actors: the shared read runs as any of them (same role rights, same scope). */
  readonly actors: Set<Actor>;
  /** Ids a notice named (jobs, devices); none for logs, which read after their place. */
  readonly collect: (ids: readonly string[] | undefined) => void;
  /** A scoped log feed reads again on any projection's commit: a line of a job projected since may now be visible. */
  readonly rereadsOnOtherProjections: boolean;
}

type Reader<T> = (actor: () => Actor) => Promise<{ read: () => Promise<readonly T[]>; collect: (ids: readonly string[] | undefined) => void; rereadsOnOtherProjections?: boolean }>;

/**
 * The live subscriptions `jobsChanged`, `deviceChanged` and `logAdded`. Subscribers with the same
 * operation, filter and tag scope share one read of the read model after each change notice, so
 * the cost grows with the kinds of subscription, not with their number; each message is then
 * checked against its own subscriber's rights again (the resolvers call `recheck`).
 */
export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();
  private readonly stopListening: () => void;

  constructor(
    live: LiveUpdates,
    private readonly queries: LiveQueries,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.stopListening = live.listen((notice) => this.onNotice(notice));
  }

  /** How many subscriptions are listening (each one is live once counted). */
  get subscribers(): number {
    let count = 0;
    for (const feed of this.feeds.values()) count += feed.actors.size;
    return count;
  }

  close(): void {
    this.stopListening();
  }

  recheck(actor: Actor, operation: LiveOperation): void {
    this.queries.recheck(actor, operation);
  }

  jobsChanged(actor: Actor, filter: Omit<JobChangeFilter, 'scope'>): Promise<AsyncIterable<JobRow>> {
    return this.subscribe('jobsChanged', actor, filter, byIds((as, ids) => this.queries.changedJobs(as, ids, filter)));
  }

  deviceChanged(actor: Actor, filter: Omit<DeviceChangeFilter, 'scope'>): Promise<AsyncIterable<DeviceRow>> {
    return this.subscribe('deviceChanged', actor, filter, byIds((as, ids) => this.queries.changedDevices(as, ids, filter)));
  }

  logAdded(actor: Actor, filter: LogQueryFilter): Promise<AsyncIterable<LogRow>> {
    return this.subscribe<LogRow>('logAdded', actor, filter, async (as) => {
      const { read, rereadsOnOtherProjections } = await logFeedReader(this.queries, as, filter);
      return { read, collect: () => undefined, rereadsOnOtherProjections };
    });
  }

  private onNotice(notice: ReadModelChangeNotice | undefined): void {
    for (const feed of this.feeds.values()) {
      const wanted = !notice
        || (feed.operation === 'logAdded' && (notice.projection === 'logs' || feed.rereadsOnOtherProjections))
        || (feed.operation === 'jobsChanged' && notice.projection === 'jobs' && notice.jobIds.length > 0)
        || (feed.operation === 'deviceChanged' && (notice.deviceIds?.length ?? 0) > 0);
      if (!wanted) continue;
      feed.collect(feed.operation === 'jobsChanged' ? notice?.jobIds : notice?.deviceIds);
      feed.read.poke();
    }
  }

  private async subscribe<T>(operation: LiveOperation, actor: Actor, filter: object, reader: Reader<T>): Promise<AsyncIterable<T>> {
    this.queries.recheck(actor, operation);
    const key = `${operation}\u0000${JSON.stringify(filter)}\u0000${[...actor.tags].sort().join('\u0001')}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      const actors = new Set<Actor>([actor]);
      const anyActor = (): Actor => actors.values().next().value ?? actor;
      const made = await reader(anyActor);
      // Another subscriber with the same key may have made one meanwhile.
      feed = this.feeds.get(key) ?? { operation, actors, read: new SharedRead<unknown>(made.read, this.onError), collect: made.collect, rereadsOnOtherProjections: made.rereadsOnOtherProjections ?? false };
      this.feeds.set(key, feed);
    }
    const own = feed;
    own.actors.add(actor);
    const channel = new Channel<T>(MAX_BACKLOG, () => {
      remove();
      own.actors.delete(actor);
      if (own.actors.size === 0 && this.feeds.get(key) === own) this.feeds.delete(key);
    });
    const remove = own.read.add((item) => channel.push(item as T));
    return channel;
  }
}

/** A feed that re-reads the ids its notices named. */
function byIds<T>(load: (actor: Actor, ids: readonly string[]) => Promise<T[]>): Reader<T> {
  return async (as) => {
    const pending = new Set<string>();
    const read = async (): Promise<T[]> => {
      const ids = [...pending];
      pending.clear();
      if (ids.length === 0) return [];
      try {
        return await load(as(), ids);
      } catch (error) {
        ids.forEach((id) => pending.add(id));
        throw error;
      }
    };
    return { read, collect: (ids) => ids?.forEach((id) => pending.add(id)) };
  };
}
