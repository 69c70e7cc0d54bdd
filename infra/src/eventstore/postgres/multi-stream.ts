import type pg from 'pg';
import { WrongExpectedRevisionError, type AppendResult, type RecordedEvent, type StreamWrite } from '../event-store.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './row-mapping.js';

interface ManyRow {
  ord: string;
  outcome: 'ok' | 'duplicate' | 'wrong_expected_revision' | 'event_id_conflict';
  actual: string | null;
  next_revision: string | null;
  commit_position: string | null;
  prepare_position: string | null;
}

/**
 * Every write goes through `append_events` (the same checks as a single append) inside one statement,
 * so one round trip and one transaction for the lot: `eventstore.append_many` raises on the first
 * refused write (SQLSTATE NR409) and nothing is kept.
 */
const APPEND_MANY_SQL = 'SELECT ord::text AS ord, outcome, actual, next_revision, commit_position, prepare_position FROM eventstore.append_many($1::jsonb)';
const REFUSED = 'NR409';

/**
 * New streams (`no_stream`) need no checks beyond the table's own keys: position 0 free means the
 * stream is empty, and an event id already recorded is a retried command. So they are inserted in one
 * set-based statement; a key violation rolls it back and the write goes the checked way instead.
 */
const INSERT_NEW_STREAMS_SQL = `
INSERT INTO eventstore.events (stream_id, stream_position, event_id, event_type, data, metadata)
SELECT e.stream_id, e.stream_position, e.event_id, e.event_type, e.data, e.metadata
  FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])
       WITH ORDINALITY AS e(stream_id, stream_position, event_id, event_type, data, metadata, ord)
 ORDER BY e.ord
RETURNING stream_id, global_position, pg_current_xact_id()::text AS commit_position`;

export async function appendManyInOneTransaction(pool: pg.Pool, writes: readonly StreamWrite[]): Promise<{ results: AppendResult[]; appended: boolean }> {
  const streams = new Set(writes.map((w) => w.streamId));
  if (streams.size !== writes.length) throw new Error('appendMany: a stream may appear only once per write');
  for (const write of writes) if (write.events.length === 0) throw new Error(`append to ${write.streamId}: no events`);
  if (writes.every((w) => w.expected === 'no_stream')) {
    const inserted = await insertNewStreams(pool, writes);
    if (inserted) return { results: inserted, appended: true };
  }
  return appendChecked(pool, writes);
}

/** Undefined when a key was already taken: the caller then goes the checked way, which says which and why. */
async function insertNewStreams(pool: pg.Pool, writes: readonly StreamWrite[]): Promise<AppendResult[] | undefined> {
  const rows = writes.flatMap((w) => w.events.map((e, i) => ({ streamId: w.streamId, position: i, event: e })));
  try {
    const { rows: inserted } = await pool.query<{ stream_id: string; global_position: string; commit_position: string }>(INSERT_NEW_STREAMS_SQL, [
      rows.map((r) => r.streamId), rows.map((r) => r.position), rows.map((r) => r.event.metadata.eventId), rows.map((r) => r.event.type),
      rows.map((r) => JSON.stringify(r.event.data)), rows.map((r) => JSON.stringify(r.event.metadata)),
    ]);
    const last = new Map<string, { commit: bigint; prepare: bigint }>();
    for (const row of inserted) {
      const prepare = BigInt(row.global_position);
      const known = last.get(row.stream_id);
      if (!known || prepare > known.prepare) last.set(row.stream_id, { commit: BigInt(row.commit_position), prepare });
    }
    return writes.map((w) => ({ nextRevision: w.events.length - 1, position: last.get(w.streamId)! }));
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return undefined;
    throw error;
  }
}

async function appendChecked(pool: pg.Pool, writes: readonly StreamWrite[]): Promise<{ results: AppendResult[]; appended: boolean }> {
  const payload = writes.map((w) => ({
    s: w.streamId,
    k: typeof w.expected === 'number' ? 'exact' : w.expected,
    e: typeof w.expected === 'number' ? w.expected : null,
    ...(w.skipRecorded ? { x: true } : {}),
    i: w.events.map((e) => e.metadata.eventId),
    t: w.events.map((e) => e.type),
    d: w.events.map((e) => e.data),
    m: w.events.map((e) => e.metadata),
  }));
  let rows: ManyRow[];
  try {
    ({ rows } = await pool.query<ManyRow>(APPEND_MANY_SQL, [JSON.stringify(payload)]));
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const write = writes[refusal.ord - 1]!;
    if (refusal.outcome === 'event_id_conflict') throw new Error(`append to ${write.streamId}: some event ids already exist elsewhere or in another order`);
    throw new WrongExpectedRevisionError(write.streamId, write.expected, refusal.actual === null ? 'no_stream' : Number(refusal.actual));
  }
  return {
    appended: rows.some((row) => row.outcome === 'ok'),
    results: rows.map((row) => ({
      nextRevision: Number(row.next_revision),
      position: { commit: BigInt(row.commit_position ?? '0'), prepare: BigInt(row.prepare_position ?? '0') },
    })),
  };
}

function refusalOf(error: unknown): { ord: number; outcome: ManyRow['outcome']; actual: number | null } | undefined {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== REFUSED || !detail) return undefined;
  return JSON.parse(detail) as { ord: number; outcome: ManyRow['outcome']; actual: number | null };
}

export async function readWholeStreams(pool: pg.Pool, streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
  const streams = new Map<string, RecordedEvent[]>();
  if (streamIds.length === 0) return streams;
  const { rows } = await pool.query<EventRow>({
    name: 'eventstore_read_streams',
    text: `SELECT ${EVENT_COLUMNS} FROM eventstore.events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_position`,
    values: [[...new Set(streamIds)]],
  });
  for (const row of rows.map(toRecordedEvent)) {
    const events = streams.get(row.streamId);
    if (events) events.push(row);
    else streams.set(row.streamId, [row]);
  }
  return streams;
}
