/**
 * EventStoreDB / KurrentDB adapter of the event-store port, on `@kurrent/kurrentdb-client`.
 *
 * Why this client (checked with the search tool, 2026-11): EventStoreDB was renamed KurrentDB (25.0,
 * March 2025) and the Node client moved with it. The repository EventStore/EventStore-Client-NodeJS is
 * now kurrent-io/KurrentDB-Client-NodeJS; its v1.0.0 release notes say "EventStoreDBClient has been
 * renamed to KurrentDBClient" and the client "is registered as a new package on NPM as
 * @kurrent/kurrentdb-client". `@eventstore/db-client` ends at 6.2.1, the baseline of that repository's
 * own benchmarks. The API keeps its shape: connection strings, appendToStream, readStream, readAll,
 * subscribeToAll with eventTypeFilter/streamNameFilter and checkpointReached, bigint revisions,
 * Position {commit, prepare}. Differences that matter here: the append option `expectedRevision` is now
 * `streamState` (PR #403) and WrongExpectedVersionError carries `expectedState`/`actualState`; clients
 * are built from a connection string only; reads go through a Rust bridge and readAll takes server-side
 * filters; `esdb://` still works but logs a deprecation warning. The README targets "KurrentDB 20+" and
 * CI runs against the previous-LTS, LTS and next server images (fallback `eventstoredb-ee:lts`): so the
 * targets are EventStoreDB 23.10/24.10 and KurrentDB 25+; stream reads need 22.6+ to carry `$all` positions.
 */
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ReadStreamOptions as KurrentReadStreamOptions,
} from '@kurrent/kurrentdb-client';
import {
  WrongExpectedRevisionError,
  comparePositions,
  type AppendResult,
  type BatchHandler,
  type EventSelection,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadSelectedOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamWrite,
  type SubscribeAllOptions,
  type Subscription,
} from '../event-store.js';
import { CatchUpSubscription } from './catch-up-subscription.js';
import { readSelectedFromAll } from './selected-events.js';
import { accepts, serverFilter, toActualRevision, toEventData, toRecordedEvent, toStreamState } from './kurrent-mapping.js';

const DEFAULT_READ_LIMIT = 1000;
const MIN_READ_PAGE = 64;

export interface KurrentEventStoreOptions {
  /** Called when a subscription drops and is about to reconnect. */
  onError?: (error: Error) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class KurrentEventStore implements EventStore {
  private readonly subscriptions = new Set<CatchUpSubscription>();

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentEventStoreOptions,
  ) {}

  /** The client connects lazily, on the first call. `esdb://` URLs are accepted as `kurrentdb://`. */
  static connect(connectionString: string, options: KurrentEventStoreOptions = {}): KurrentEventStore {
    const url = connectionString.replace(/^esdb(\+discover)?:\/\//, 'kurrentdb$1://');
    return new KurrentEventStore(KurrentDBClient.connectionString(url), options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
    // Re-appending the same event ids is recognised by the server and answered as a success.
    const result = await this.client
      .appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expected) })
      .catch((error: unknown) => {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        throw new WrongExpectedRevisionError(streamId, expected, toActualRevision(error.actualState));
      });
    // Only with `throwOnAppendFailure=false` in the connection string; its reported revision is unreliable.
    if (!result.success) throw new WrongExpectedRevisionError(streamId, expected, await this.currentRevision(streamId));
    const nextRevision = Number(result.nextExpectedRevision);
    // The server reports the write's (first event's) position, or none for some idempotent writes;
    // callers wait for projections up to the last event, so look that one up when it differs.
    const position =
      events.length === 1 && result.position
        ? { commit: result.position.commit, prepare: result.position.prepare }
        : await this.positionOf(streamId, nextRevision);
    return { nextRevision, position };
  }

  /**
   * One stream after another, each with its own expected revision. Not atomic: KurrentDB's
   * multi-stream append needs server 25.1+, and callers of `appendMany` (the bulk import) already
   * tolerate a partial write because every stream they write is new and reserved first.
   */
  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const write of writes) results.push(await this.append(write.streamId, write.events, write.expected));
    return results;
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const streamId of new Set(streamIds)) {
      const events = await this.readStream(streamId);
      if (events.length > 0) streams.set(streamId, events);
    }
    return streams;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.limit === 0) return [];
    const backwards = options.direction === 'backwards';
    const read: KurrentReadStreamOptions = {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.limit !== undefined ? { maxCount: options.limit } : {}),
    };
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, read)) {
        if (event) events.push(toRecordedEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * `$all` in commit order, strictly after `after`, up to `limit` events that match the filter.
   * A read from a position includes the event there, and the server filter may be wider than the
   * requested one, so pages are read until `limit` matches are found or the log ends.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? DEFAULT_READ_LIMIT;
    const filter = serverFilter(options.filter);
    const events: RecordedEvent[] = [];
    let boundary = options.after;
    while (events.length < limit) {
      const pageSize = Math.max(limit - events.length + 1, MIN_READ_PAGE);
      let seen = 0;
      for await (const { event } of this.client.readAll({ fromPosition: boundary ?? START, maxCount: pageSize, filter })) {
        seen++;
        if (!event || (boundary && comparePositions(event.position, boundary) <= 0)) continue;
        boundary = { commit: event.position.commit, prepare: event.position.prepare };
        if (options.settledUpTo && comparePositions(boundary, options.settledUpTo) > 0) return events;
        if (!accepts(event, options.filter)) continue;
        events.push(toRecordedEvent(event));
        if (events.length === limit) break;
      }
      if (seen < pageSize) break;
    }
    return events;
  }

  readSelected(selection: EventSelection, options: ReadSelectedOptions = {}): Promise<RecordedEvent[]> {
    return readSelectedFromAll(this.client, selection, options.after, options.limit ?? DEFAULT_READ_LIMIT);
  }

  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription {
    const subscription = new CatchUpSubscription(
      (from, onCheckpoint, highWaterMark) =>
        this.client.subscribeToAll(
          { fromPosition: from ?? START, filter: serverFilter(options.filter, onCheckpoint) },
          { highWaterMark },
        ),
      handler,
      {
        after: options.after,
        batchSize: options.batchSize ?? 500,
        accept: (event) => accepts(event, options.filter),
        minBackoffMs: this.options.minBackoffMs ?? 250,
        maxBackoffMs: this.options.maxBackoffMs ?? 10_000,
        onDrop: this.options.onError ?? (() => undefined),
      },
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async positionOf(streamId: string, revision: number): Promise<Position> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, direction: 'backwards', limit: 1 });
    if (!event) throw new Error(`append to ${streamId}: revision ${revision} not readable after the write`);
    return event.position;
  }

  private async currentRevision(streamId: string): Promise<number | 'no_stream'> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', limit: 1 });
    return last ? last.revision : 'no_stream';
  }
}
