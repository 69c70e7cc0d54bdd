import { START, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { comparePositions, isSelected, type EventSelection, type Position, type RecordedEvent } from '../event-store.js';
import { isSystemEvent, serverFilter, toRecordedEvent } from './kurrent-mapping.js';

const MIN_READ_PAGE = 256;

/**
 * `readSelected` on KurrentDB, best effort: the server has no index on our metadata's correlation id
 * (its `$by_correlation_id` projection keys on `$correlationId`) nor on data fields, so `$all` is read
 * forwards from the cursor, narrowed on the server to the selection's stream prefixes when it names no
 * correlation id, and the selection is applied here. Fine for audits of recent jobs; the Postgres adapter
 * answers from indexes.
 */
export async function readSelectedFromAll(
  client: KurrentDBClient, selection: EventSelection, after: Position | undefined, limit: number,
): Promise<RecordedEvent[]> {
  const prefixes = selection.correlationIds?.length
    ? undefined
    : [...(selection.streamIds ?? []), ...(selection.dataField?.streamPrefixes ?? [])];
  if (prefixes && prefixes.length === 0) return [];
  const filter = serverFilter(prefixes ? { streamPrefixes: prefixes } : undefined);
  const events: RecordedEvent[] = [];
  let boundary = after;
  while (events.length < limit) {
    let seen = 0;
    for await (const { event } of client.readAll({ fromPosition: boundary ?? START, maxCount: MIN_READ_PAGE, filter })) {
      seen++;
      if (!event || (boundary && comparePositions(event.position, boundary) <= 0)) continue;
      boundary = { commit: event.position.commit, prepare: event.position.prepare };
      if (isSystemEvent(event)) continue;
      const recorded = toRecordedEvent(event);
      if (!isSelected(recorded, selection)) continue;
      events.push(recorded);
      if (events.length === limit) break;
    }
    if (seen < MIN_READ_PAGE) break;
  }
  return events;
}
