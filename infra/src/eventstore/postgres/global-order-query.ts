import { createHash } from 'node:crypto';
import type { EventFilter, Position } from '../event-store.js';
import { EVENT_COLUMNS, prefixPatterns } from './row-mapping.js';

export interface GlobalOrderQuery {
  readonly text: string;
  readonly values: unknown[];
}

/** A query sent as a named prepared statement: parsed once per connection, and planned once PostgreSQL finds a generic plan as good. */
export interface NamedQuery extends GlobalOrderQuery {
  readonly name: string;
}

const statementNames = new Map<string, string>();

/** One name per statement text (the filter's shape decides the text; its values are parameters). */
function statementName(prefix: string, text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `${prefix}_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

interface Read {
  readonly after: Position;
  readonly limit: number;
  readonly filter: EventFilter | undefined;
}

/** The parameters and WHERE conditions every read of the global order shares: after a position, of the filter's events. */
function conditionsOf({ after, limit, filter }: Read): { values: unknown[]; where: string } {
  const values: unknown[] = [after.commit.toString(), after.prepare.toString(), limit];
  let where = '(transaction_id, global_position) > ($1::xid8, $2::bigint)';
  if (filter?.eventTypes) {
    values.push(filter.eventTypes);
    where += ` AND event_type = ANY($${values.length}::text[])`;
  }
  if (filter?.streamPrefixes) {
    values.push(prefixPatterns(filter.streamPrefixes));
    where += ` AND stream_id LIKE ANY($${values.length}::text[])`;
  }
  return { values, where };
}

/**
 * Global order, gap-free: only events of transactions older than every transaction still in flight
 * (or, with `settledUpTo`, those up to a position the caller knows to be settled).
 * ORDER BY names the table's columns: the bare name would pick the selected `transaction_id::text`
 * alias and sort transaction ids as text ('10' < '9'), losing events where the id gains a digit.
 */
export function globalOrderQuery(read: Read & { readonly settledUpTo?: Position | undefined }): GlobalOrderQuery {
  const { values, where } = conditionsOf(read);
  let bound = 'transaction_id < (SELECT eventstore.visible_below())';
  if (read.settledUpTo) {
    values.push(read.settledUpTo.commit.toString(), read.settledUpTo.prepare.toString());
    bound = `(transaction_id, global_position) <= ($${values.length - 1}::xid8, $${values.length}::bigint)`;
  }
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM eventstore.events WHERE ${where} AND ${bound}
      ORDER BY events.transaction_id, events.global_position LIMIT $3`,
    values,
  };
}

/**
 * A subscription's read: the gap-free batch as `globalOrderQuery` reads it, plus at most one committed event of
 * the filter beyond the horizon (`hidden`), marking a read held back by an older transaction still in flight. That
 * transaction may append nothing (a sign-in, a vault write: any write outside the read models) and so announce nothing when it ends: the
 * subscription then knows to read again soon rather than at the poll interval. One statement, one snapshot, one
 * horizon for both parts. The horizon itself comes back on every row (and on a row of its own when no event
 * does, `global_position` null): a partial batch has read every event of the filter below it, so the next read
 * may start there instead of at the last event of the filter, which a rare filter left far behind.
 */
export function liveReadQuery(read: Read, hiddenLimit = 1): NamedQuery {
  const { values, where } = conditionsOf(read);
  const part = (hidden: boolean, limit: string): string => `(SELECT ${EVENT_COLUMNS}, ${hidden} AS hidden
      FROM eventstore.events, horizon WHERE ${where} AND transaction_id ${hidden ? '>=' : '<'} horizon.below
      ORDER BY events.transaction_id, events.global_position LIMIT ${limit})`;
  const text = `WITH horizon AS MATERIALIZED (SELECT eventstore.visible_below() AS below)
      SELECT batch.*, horizon.below::text AS horizon FROM horizon LEFT JOIN (
        ${part(false, '$3')}
        UNION ALL
        ${part(true, String(hiddenLimit))}
      ) AS batch ON true`;
  return { name: statementName('eventstore_live', text), text, values };
}
