import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendStreamState,
  type CurrentStreamState,
  type EventData,
  type Filter,
  type JSONType,
  type Position as KurrentPosition,
} from '@kurrent/kurrentdb-client';
import {
  matchesFilter,
  type EventFilter,
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../event-store.js';

/** The fields this adapter reads from the client's recorded events (stream reads, `$all` reads, subscriptions). */
export interface KurrentStoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: KurrentPosition | undefined;
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The client reports a missing stream as `no_stream` or, on older code paths, as a negative revision. */
export function toActualRevision(actual: CurrentStreamState): number | 'no_stream' {
  return actual === NO_STREAM || actual < 0n ? 'no_stream' : Number(actual);
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.metadata.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: { ...event.metadata },
  });
}

export function toRecordedEvent(event: KurrentStoredEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(`event ${event.streamId}@${event.revision} came without a $all position (server older than 22.6?)`);
  }
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: { commit: event.position.commit, prepare: event.position.prepare },
    type: event.type,
    data: event.data,
    // Written by this adapter as the event's JSON metadata; the client parses it back.
    metadata: event.metadata as EventMetadata,
    recordedAt: event.created,
  };
}

export function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** What the caller asked for, minus system events: applied client-side on top of the server filter. */
export function accepts(event: { type: string; streamId: string }, filter: EventFilter | undefined): boolean {
  return !isSystemEvent(event) && matchesFilter(event, filter);
}

/**
 * The server takes one filter (stream name or event type, by prefix or regex). Stream prefixes are
 * used when given, else event types as prefixes, else "no system events"; `accepts` then applies
 * the exact filter, so the server only narrows what travels.
 */
export function serverFilter(filter: EventFilter | undefined, onCheckpoint?: (position: Position) => void): Filter {
  const checkpoint = onCheckpoint
    ? { checkpointReached: (_subscription: unknown, position: KurrentPosition) => onCheckpoint({ ...position }) }
    : {};
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...checkpoint });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypes], ...checkpoint });
  return excludeSystemEvents(checkpoint);
}
