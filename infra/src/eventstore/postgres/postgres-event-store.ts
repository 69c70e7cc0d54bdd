import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  comparePositions,
  WrongExpectedRevisionError,
  type EventFilter,
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
import { appendManyInOneTransaction, readWholeStreams } from './multi-stream.js';
import { EVENT_STORE_SCHEMA_SQL } from './schema.js';
import { runSchemaSetup } from '../../db/schema-setup.js';
import { reportConnectionLoss } from '../../db/pool-errors.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './row-mapping.js';
import { globalOrderQuery, liveReadQuery } from './global-order-query.js';
import { WakeSignal } from './wake-signal.js';
import type { Appended } from './wake-listener.js';
import { PollingSubscription, type LiveBatch } from './polling-subscription.js';
import { LiveReadCoalescer, type CoalescerStats, type TailRead } from './live-read-coalescer.js';
import { AppendNotifier } from './append-notifier.js';
import { selectedEventsQuery } from './selected-events-query.js';

const NOTIFY_CHANNEL = 'eventstore_appended';
const MAX_ANY_RETRIES = 10;
const LOG_START: Position = { commit: 0n, prepare: 0n };
/** Held-back events a shared tail read lists; past that, every read sharing it counts as held back. */
const TAIL_HIDDEN_LIMIT = 256;

interface AppendRow {
  outcome: 'ok' | 'duplicate' | 'wrong_expected_revision' | 'event_id_conflict';
  actual: string | null;
  next_revision: string | null;
  commit_position: string | null;
  prepare_position: string | null;
}

export interface PostgresEventStoreOptions {
  connectionString: string;
  poolSize?: number;
  /** Subscribers poll this often even without a notification. */
  pollIntervalMs?: number;
  onError?: (error: Error) => void;
}

export class PostgresEventStore implements EventStore {
  private readonly wake: WakeSignal;
  private readonly notifier: AppendNotifier;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly liveReads = new LiveReadCoalescer(
    (after, limit) => this.readTail(after, limit),
    (after, limit, filter) => this.readLive(after, limit, filter),
  );

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    const onError = options.onError ?? (() => undefined);
    const selfToken = randomUUID();
    this.wake = new WakeSignal(options.connectionString, NOTIFY_CHANNEL, selfToken, onError);
    this.notifier = new AppendNotifier(pool, NOTIFY_CHANNEL, selfToken, onError);
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const pool = reportConnectionLoss(new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 20 }), (error) => options.onError?.(error));
    await runSchemaSetup(pool, 'netraven:eventstore-schema', EVENT_STORE_SCHEMA_SQL);
    const store = new PostgresEventStore(pool, options);
    await store.wake.start();
    return store;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.appendOnce(streamId, events, expected);
      } catch (error) {
        // Two writers raced for the same stream position or event id; the loser re-evaluates.
        const retryable = isUniqueViolation(error) && (expected === 'any' || expected === 'stream_exists' || isEventIdViolation(error));
        if (retryable && attempt < MAX_ANY_RETRIES) continue;
        if (isUniqueViolation(error)) {
          const actual = await this.currentRevision(streamId);
          throw new WrongExpectedRevisionError(streamId, expected, actual);
        }
        throw error;
      }
    }
  }

  private async appendOnce(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const kind = typeof expected === 'number' ? 'exact' : expected;
    const { rows } = await this.pool.query<AppendRow>({
      name: 'eventstore_append',
      text: 'SELECT * FROM eventstore.append_events($1, $2, $3, $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])',
      values: [
        streamId,
        kind,
        typeof expected === 'number' ? expected : null,
        events.map((e) => e.metadata.eventId),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
      ],
    });
    const row = rows[0];
    if (!row) throw new Error(`append to ${streamId}: no result from append_events`);
    switch (row.outcome) {
      case 'ok': {
        const position = { commit: BigInt(row.commit_position ?? '0'), prepare: BigInt(row.prepare_position ?? '0') };
        this.announce(events.map((e) => ({ type: e.type, streamId })), position.commit);
        return { nextRevision: Number(row.next_revision), position };
      }
      case 'duplicate':
        return {
          nextRevision: Number(row.next_revision),
          position: { commit: BigInt(row.commit_position ?? '0'), prepare: BigInt(row.prepare_position ?? '0') },
        };
      case 'wrong_expected_revision':
        throw new WrongExpectedRevisionError(streamId, expected, row.actual === null ? 'no_stream' : Number(row.actual));
      case 'event_id_conflict':
        throw new Error(`append to ${streamId}: some event ids already exist elsewhere or in another order`);
    }
  }

  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    if (writes.length === 0) return [];
    const { results, appended } = await appendManyInOneTransaction(this.pool, writes);
    if (appended) {
      const commit = results.reduce((max, r) => (r.position.commit > max ? r.position.commit : max), 0n);
      this.announce(writes.flatMap((w) => w.events.map((e) => ({ type: e.type, streamId: w.streamId }))), commit);
    }
    return results;
  }

  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    return readWholeStreams(this.pool, streamIds);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const { rows } = await this.pool.query<EventRow>({
      name: `eventstore_read_stream_${backwards ? 'backwards' : 'forwards'}`,
      text: `SELECT ${EVENT_COLUMNS} FROM eventstore.events
        WHERE stream_id = $1 AND stream_position ${backwards ? '<=' : '>='} $2
        ORDER BY stream_position ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      values: [streamId, from, options.limit ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const query = globalOrderQuery({ after: options.after ?? LOG_START, limit: options.limit ?? 1000, filter: options.filter, settledUpTo: options.settledUpTo });
    const { rows } = await this.pool.query<EventRow>(query.text, query.values);
    return rows.map(toRecordedEvent);
  }

  /** A subscription's batch, and whether an older transaction still in flight holds back events of its filter. */
  private async readLive(after: Position | undefined, limit: number, filter: EventFilter | undefined): Promise<LiveBatch> {
    const { visible, hidden, readThrough } = await this.readLiveRows(liveReadQuery({ after: after ?? LOG_START, limit, filter }));
    return { events: visible, heldBack: hidden.length > 0, readThrough };
  }

  /** The log's tail for every filter at once (`LiveReadCoalescer`). */
  private async readTail(after: Position, limit: number): Promise<TailRead> {
    const { visible, hidden, readThrough } = await this.readLiveRows(liveReadQuery({ after, limit, filter: undefined }, TAIL_HIDDEN_LIMIT));
    return { visible, truncated: visible.length >= limit, hidden, hiddenTruncated: hidden.length >= TAIL_HIDDEN_LIMIT, readThrough };
  }

  private async readLiveRows(query: { name: string; text: string; values: unknown[] }): Promise<{ visible: RecordedEvent[]; hidden: RecordedEvent[]; readThrough: Position | undefined }> {
    const { rows } = await this.pool.query<LiveRow>(query);
    const found = rows.filter((row): row is LiveRow & EventRow => row.global_position !== null);
    const visible = found.filter((row) => !row.hidden).map(toRecordedEvent).sort((a, b) => comparePositions(a.position, b.position));
    const hidden = found.filter((row) => row.hidden).map(toRecordedEvent);
    return { visible, hidden, readThrough: belowHorizon(BigInt(rows[0]?.horizon ?? '0')) };
  }

  /** How many subscription reads shared a statement (for tests and diagnostics). */
  liveReadStats(): CoalescerStats {
    return this.liveReads.stats();
  }

  async readSelected(selection: EventSelection, options: ReadSelectedOptions = {}): Promise<RecordedEvent[]> {
    const query = selectedEventsQuery(selection, options.after ?? { commit: 0n, prepare: 0n }, options.limit ?? 1000);
    const { rows } = await this.pool.query<EventRow>(query.text, query.values);
    return rows.map(toRecordedEvent);
  }

  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription {
    const wakes = this.wake.listen(options.filter);
    const subscription = new PollingSubscription(
      (after, limit) => this.liveReads.read(after ?? LOG_START, limit, options.filter),
      wakes,
      handler,
      { after: options.after, batchSize: options.batchSize ?? 500, pollIntervalMs: this.options.pollIntervalMs ?? 250 },
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => {
      this.subscriptions.delete(subscription);
      this.wake.unlisten(wakes);
    }).catch(() => undefined);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    await this.notifier.settled();
    await this.wake.close();
    await this.pool.end();
  }

  /** Wakes this process's subscriptions the append concerns, and NOTIFYs the others. */
  private announce(events: Appended['events'], commit: bigint): void {
    this.wake.announce({ events, commit });
    this.notifier.announce({ events, commit });
  }

  private async currentRevision(streamId: string): Promise<number | 'no_stream'> {
    const { rows } = await this.pool.query<{ current: string | null }>(
      'SELECT max(stream_position) AS current FROM eventstore.events WHERE stream_id = $1',
      [streamId],
    );
    const current = rows[0]?.current ?? null;
    return current === null ? 'no_stream' : Number(current);
  }
}

/** A live read's row: an event (and whether it lies beyond the horizon), or none but the horizon. */
type LiveRow = (EventRow | { [K in keyof EventRow]: null }) & { hidden: boolean | null; horizon: string };

/** The last position below the horizon: every transaction before it has ended, so no event can appear at or before it. */
function belowHorizon(horizon: bigint): Position | undefined {
  return horizon > 0n ? { commit: horizon - 1n, prepare: MAX_POSITION } : undefined;
}

const MAX_POSITION = 9_223_372_036_854_775_807n;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: string }).code === '23505';
}

function isEventIdViolation(error: unknown): boolean {
  return isUniqueViolation(error) && (error as Error & { constraint?: string }).constraint === 'events_event_id_key';
}
