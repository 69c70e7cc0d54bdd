import { comparePositions, type EventFilter, type Position, type RecordedEvent } from '../event-store.js';
import type { LiveBatch } from './polling-subscription.js';

/** One read of the log's tail for every filter: the visible events in log order, and those still held back. */
export interface TailRead {
  readonly visible: readonly RecordedEvent[];
  /** The visible part reached its limit: it covers the log only up to its last event. */
  readonly truncated: boolean;
  /** Committed events beyond the horizon (an older transaction is still in flight), in log order. */
  readonly hidden: readonly RecordedEvent[];
  /** More events may be held back than `hidden` lists. */
  readonly hiddenTruncated: boolean;
  /** As `LiveBatch.readThrough`: every event up to here was visible to the read. */
  readonly readThrough: Position | undefined;
}

export type ReadTail = (after: Position, limit: number) => Promise<TailRead>;
export type ReadFiltered = (after: Position, limit: number, filter: EventFilter | undefined) => Promise<LiveBatch>;

interface Request {
  readonly after: Position;
  readonly limit: number;
  readonly filter: EventFilter | undefined;
  resolve(batch: LiveBatch): void;
  reject(error: unknown): void;
}

export interface CoalescerStats {
  /** Subscription reads asked for. */
  readonly requests: number;
  /** Statements that served several of them at once. */
  readonly sharedReads: number;
  /** Reads answered by a shared statement. */
  readonly servedShared: number;
}

/** Only reads this close to the newest one share a statement: a subscription catching up far behind reads alone. */
const TAIL_EVENTS = 2_000n;
const SHARED_LIMIT_FACTOR = 4;

type Matcher = (event: RecordedEvent) => boolean;
const matchers = new WeakMap<EventFilter, Matcher>();

/** The filter's SQL conditions (`global-order-query.ts`) as a test of one event. */
function matcherOf(filter: EventFilter | undefined): Matcher {
  if (filter === undefined) return () => true;
  let matcher = matchers.get(filter);
  if (matcher === undefined) {
    const types = filter.eventTypes ? new Set(filter.eventTypes) : undefined;
    const prefixes = filter.streamPrefixes;
    matcher = (event) => (types === undefined || types.has(event.type)) && (prefixes === undefined || prefixes.some((p) => event.streamId.startsWith(p)));
    matchers.set(filter, matcher);
  }
  return matcher;
}

const isAfter = (event: RecordedEvent, after: Position): boolean => comparePositions(event.position, after) > 0;

/**
 * Live subscription reads of one process, shared. An append wakes every subscription whose filter it concerns at
 * once (a projector per read model, the dispatcher, the relay…), and each used to send its own statement for the
 * same few new events. Reads asked for in the same turn of the event loop now share one unfiltered statement of the
 * log's tail (one snapshot, one horizon), and each gets what its own statement would have returned: its filter's
 * visible events after its position, up to its limit, whether an event of its filter is held back, and how far the
 * read saw. A read the shared statement cannot answer in full (it stopped at its limit before the read's batch was
 * complete) is sent on its own, as before.
 */
export class LiveReadCoalescer {
  private pending: Request[] = [];
  private scheduled = false;
  private counts = { requests: 0, sharedReads: 0, servedShared: 0 };

  constructor(
    private readonly readTail: ReadTail,
    private readonly readFiltered: ReadFiltered,
  ) {}

  read(after: Position, limit: number, filter: EventFilter | undefined): Promise<LiveBatch> {
    this.counts.requests += 1;
    return new Promise<LiveBatch>((resolve, reject) => {
      this.pending.push({ after, limit, filter, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  stats(): CoalescerStats {
    return { ...this.counts };
  }

  private async flush(): Promise<void> {
    const requests = this.pending;
    this.pending = [];
    this.scheduled = false;
    const newest = requests.reduce((max, r) => (r.after.prepare > max ? r.after.prepare : max), 0n);
    const tail = requests.filter((r) => r.after.prepare + TAIL_EVENTS >= newest);
    for (const request of requests) if (!tail.includes(request)) this.readAlone(request);
    if (tail.length < 2) {
      tail.forEach((request) => this.readAlone(request));
      return;
    }
    const base = tail.reduce((min, r) => (comparePositions(r.after, min) < 0 ? r.after : min), tail[0]!.after);
    // Room for the filtered reads: a read of a rarer filter needs more of the log than its own batch holds.
    const limit = Math.max(...tail.map((r) => r.limit)) * SHARED_LIMIT_FACTOR;
    let shared: TailRead;
    try {
      this.counts.sharedReads += 1;
      shared = await this.readTail(base, limit);
    } catch (error) {
      tail.forEach((request) => request.reject(error));
      return;
    }
    for (const request of tail) {
      const batch = serve(shared, request);
      if (batch === undefined) this.readAlone(request);
      else {
        this.counts.servedShared += 1;
        request.resolve(batch);
      }
    }
  }

  private readAlone(request: Request): void {
    this.readFiltered(request.after, request.limit, request.filter).then(request.resolve, request.reject);
  }
}

/** What the request's own statement would have returned, or undefined when the shared read cannot tell. */
function serve(shared: TailRead, request: Request): LiveBatch | undefined {
  const matches = matcherOf(request.filter);
  const events: RecordedEvent[] = [];
  for (const event of shared.visible) {
    if (isAfter(event, request.after) && matches(event)) {
      events.push(event);
      if (events.length === request.limit) break;
    }
  }
  const full = events.length === request.limit;
  if (!full && shared.truncated) return undefined;
  const heldBack = shared.hiddenTruncated || shared.hidden.some((event) => isAfter(event, request.after) && matches(event));
  return { events, heldBack, readThrough: shared.readThrough };
}
