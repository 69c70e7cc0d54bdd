import type { EventSelection, Position } from '../event-store.js';
import { EVENT_COLUMNS, prefixPatterns } from './row-mapping.js';

/** Data fields the selection may name; `deviceId` has its own index (schema.ts), others are filtered within the streams' prefixes. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * One query for `readSelected`: each part of the selection is its own index range (stream key,
 * correlation index, data-field index), cut at the cursor and the page size before the union,
 * so a page costs what it returns, whatever the length of the log; the rows are then fetched by the
 * global-order key (the only index holding `global_position`). Like `readAll`, it stops below
 * the oldest transaction in flight, so a cursor never passes an event that commits later.
 */
export function selectedEventsQuery(selection: EventSelection, after: Position, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [after.commit.toString(), after.prepare.toString(), limit];
  const window = `(transaction_id, global_position) > ($1::xid8, $2::bigint)
      AND transaction_id < (SELECT eventstore.visible_below())`;
  const part = (where: string): string =>
    `(SELECT transaction_id, global_position FROM eventstore.events WHERE ${where} AND ${window}
      ORDER BY transaction_id, global_position LIMIT $3)`;
  const parts: string[] = [];
  if (selection.streamIds && selection.streamIds.length > 0) {
    values.push(selection.streamIds);
    parts.push(part(`stream_id = ANY($${values.length}::text[])`));
  }
  if (selection.correlationIds && selection.correlationIds.length > 0) {
    values.push(selection.correlationIds);
    parts.push(part(`(metadata->>'correlationId') = ANY($${values.length}::text[])`));
  }
  const field = selection.dataField;
  if (field && field.streamPrefixes.length > 0) {
    if (!FIELD_NAME.test(field.name)) throw new Error(`readSelected: "${field.name}" is not a data field name`);
    values.push(field.value, prefixPatterns(field.streamPrefixes));
    // The field name is inlined (checked above) so the planner can use the expression index on it.
    parts.push(part(`data ? '${field.name}' AND (data->>'${field.name}') = $${values.length - 1} AND stream_id LIKE ANY($${values.length}::text[])`));
  }
  if (parts.length === 0) return { text: `SELECT ${EVENT_COLUMNS} FROM eventstore.events WHERE false`, values: [] };
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM eventstore.events
      WHERE (transaction_id, global_position) IN (${parts.join(' UNION ')})
      ORDER BY events.transaction_id, events.global_position LIMIT $3`,
    values,
  };
}
