/**
 * The event store port. Two adapters implement it: Postgres (embedded default, tests) and
 * EventStoreDB (production). A position is a (commit, prepare) pair like EventStoreDB's:
 * the Postgres adapter uses (writer transaction id, global sequence), which is what makes its
 * global order gap-free (see postgres/read-all-query.ts).
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export interface EventMetadata {
  readonly eventId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: string;
  readonly occurredAt: string;
  readonly schemaVersion: number;
  /** Id of the command that produced the event, so a retried command is recognised. */
  readonly commandId?: string;
}

export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly streamId: string;
  /** 0-based position of the event inside its stream. */
  readonly revision: number;
  readonly position: Position;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/** `no_stream`: the stream must not exist; a number: the stream's last revision must be exactly this. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextRevision: number;
  readonly position: Position;
}

export interface EventFilter {
  readonly eventTypes?: readonly string[];
  readonly streamPrefixes?: readonly string[];
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  readonly after?: Position;
  /**
   * Inclusive: only events up to this position, which the caller has already seen readable (so every
   * event before it is settled). The read then needs no in-flight horizon of its own, and two reads
   * agree on everything up to it: "nothing of my types up to P" is conclusive.
   */
  readonly settledUpTo?: Position;
  readonly limit?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeAllOptions {
  readonly after?: Position;
  readonly filter?: EventFilter;
  readonly batchSize?: number;
}

/**
 * Events of the whole log picked by what they belong to, for audits: every event of some streams,
 * plus events of any stream carrying one of some correlation ids, plus events whose data has a
 * top-level field with a value (e.g. `deviceId`) in streams with some prefixes. The union, once each.
 */
export interface EventSelection {
  readonly streamIds?: readonly string[];
  readonly correlationIds?: readonly string[];
  readonly dataField?: { readonly name: string; readonly value: string; readonly streamPrefixes: readonly string[] };
}

export interface ReadSelectedOptions {
  /** Exclusive: events strictly after this position. */
  readonly after?: Position;
  readonly limit?: number;
}

/** Whether an event belongs to a selection (the adapters that cannot ask the server apply this themselves). */
export function isSelected(event: Pick<RecordedEvent, 'streamId' | 'data' | 'metadata'>, selection: EventSelection): boolean {
  if (selection.streamIds?.includes(event.streamId)) return true;
  if (selection.correlationIds?.includes(event.metadata.correlationId)) return true;
  const field = selection.dataField;
  if (!field || !field.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  const data = event.data;
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[field.name] === field.value;
}

/** Batches are handed over one at a time; the next batch waits for the handler's promise. */
export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** Resolves when the subscription has stopped; rejects with the handler's error if it failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** One stream's part of a multi-stream write. */
export interface StreamWrite {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  /**
   * Leave out the events whose ids are already recorded (with `expected: 'any'`): an idempotent side
   * write, such as a device attempt's job log appended with its outcome, that a retry may send again.
   */
  readonly skipRecorded?: boolean;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Several streams (each at most once) in one write, results in the writes' order. PostgreSQL: one
   * transaction, all or nothing; a wrong expected revision anywhere throws `WrongExpectedRevisionError`
   * for that stream and appends nothing. KurrentDB: one stream after another (see its adapter).
   */
  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]>;
  /** Several whole streams in one read; a stream without events is absent from the map. */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The selected events in global order (the order of `readAll`), strictly after `after`, at most `limit`. */
  readSelected(selection: EventSelection, options?: ReadSelectedOptions): Promise<RecordedEvent[]>;
  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export function matchesFilter(event: { type: string; streamId: string }, filter?: EventFilter): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  return true;
}
