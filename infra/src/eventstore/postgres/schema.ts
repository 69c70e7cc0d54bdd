import { NO_EVENTS_SUFFIX } from '../../db/no-events-connection.js';

/** A LIKE pattern for `application_name`s of connections that append no events (no `%`, `_` or `\\` in the suffix). */
const NO_EVENTS_PATTERN = `%${NO_EVENTS_SUFFIX}`;

/**
 * The Postgres event store's schema. `transaction_id` records the writer's transaction so that
 * readers of the global order can stop below the oldest transaction still in flight: sequence
 * values are handed out before commit, so ordering by them alone would let a reader pass an
 * event that a slower transaction commits later.
 */
export const EVENT_STORE_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS eventstore;

CREATE TABLE IF NOT EXISTS eventstore.events (
  global_position bigserial NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_position bigint NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT events_stream_position_key PRIMARY KEY (stream_id, stream_position),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE INDEX IF NOT EXISTS events_global_order_idx ON eventstore.events (transaction_id, global_position);
CREATE INDEX IF NOT EXISTS events_type_order_idx ON eventstore.events (event_type, transaction_id, global_position);
-- Audit reads (readSelected): a job's events on other streams by correlation, a device's events on job streams.
CREATE INDEX IF NOT EXISTS events_correlation_order_idx
  ON eventstore.events ((metadata->>'correlationId'), transaction_id, global_position);
CREATE INDEX IF NOT EXISTS events_device_order_idx
  ON eventstore.events ((data->>'deviceId'), transaction_id, global_position) WHERE data ? 'deviceId';

-- Events of transactions at or above this id may still commit: a gap-free reader stops below it. Only
-- transactions that can write here count, so a long transaction in another database of the same server
-- never holds readers back: an id in the snapshot's in-progress list is skipped when pg_stat_activity shows
-- it running in another database. Anything unknown (finished since the snapshot, a prepared transaction,
-- a session whose id is hidden from this role) counts, which only ever makes readers wait, never skip.
-- STABLE: it sees the calling statement's snapshot, the one the events are read with.
-- Likewise skipped: an id pg_stat_activity shows on a connection whose application_name says it appends no events
-- (the read models' pool: a projector's batch transaction), which the trigger below holds to.
-- PL/pgSQL, not SQL: a SQL function with sub-selects is never inlined and is planned again on every call (~0.3 ms,
-- the pg_stat_activity view's joins), where PL/pgSQL keeps its plan for the session (~0.02 ms).
CREATE OR REPLACE FUNCTION eventstore.visible_below() RETURNS xid8
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
      WHERE (x::text::bigint % 4294967296) NOT IN (
        SELECT a.backend_xid::text::bigint FROM pg_stat_activity a
         WHERE a.backend_xid IS NOT NULL
           AND (a.datname IS DISTINCT FROM current_database() OR a.application_name LIKE '${NO_EVENTS_PATTERN}'))),
    pg_snapshot_xmax(pg_current_snapshot()));
END
$fn$;

-- A connection that says it appends no events cannot: readers do not wait for its transactions.
CREATE OR REPLACE FUNCTION eventstore.refuse_no_events_writer() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('application_name') LIKE '${NO_EVENTS_PATTERN}' THEN
    RAISE EXCEPTION 'eventstore: connection "%" appends no events', current_setting('application_name')
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$fn$;
CREATE OR REPLACE TRIGGER events_refuse_no_events_writer BEFORE INSERT ON eventstore.events
  FOR EACH STATEMENT EXECUTE FUNCTION eventstore.refuse_no_events_writer();

CREATE OR REPLACE FUNCTION eventstore.append_events(
  p_stream text, p_expected_kind text, p_expected bigint,
  p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[])
RETURNS TABLE(outcome text, actual bigint, next_revision bigint, commit_position text, prepare_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := cardinality(p_ids);
  v_current bigint;
  v_known record;
BEGIN
  -- Writers that do not care about the revision (log streams) queue up instead of colliding.
  IF p_expected_kind IN ('any', 'stream_exists') THEN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  END IF;
  SELECT count(*) AS n, min(e.stream_position) AS first_rev, max(e.stream_position) AS last_rev,
         bool_and(e.stream_id = p_stream) AS same_stream
    INTO v_known FROM eventstore.events e WHERE e.event_id = ANY(p_ids);
  IF v_known.n > 0 THEN
    IF v_known.n = v_count AND v_known.same_stream AND v_known.last_rev - v_known.first_rev = v_count - 1 THEN
      RETURN QUERY SELECT 'duplicate'::text, v_known.last_rev, v_known.last_rev,
        e.transaction_id::text, e.global_position
        FROM eventstore.events e WHERE e.stream_id = p_stream AND e.stream_position = v_known.last_rev;
    ELSE
      RETURN QUERY SELECT 'event_id_conflict'::text, NULL::bigint, NULL::bigint, NULL::text, NULL::bigint;
    END IF;
    RETURN;
  END IF;

  SELECT max(e.stream_position) INTO v_current FROM eventstore.events e WHERE e.stream_id = p_stream;
  IF (p_expected_kind = 'no_stream' AND v_current IS NOT NULL)
     OR (p_expected_kind = 'stream_exists' AND v_current IS NULL)
     OR (p_expected_kind = 'exact' AND v_current IS DISTINCT FROM p_expected) THEN
    RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, NULL::bigint, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  RETURN QUERY
  WITH inserted AS (
    INSERT INTO eventstore.events (stream_id, stream_position, event_id, event_type, data, metadata)
    SELECT p_stream, coalesce(v_current, -1) + i, p_ids[i], p_types[i], p_data[i], p_metadata[i]
      FROM generate_subscripts(p_ids, 1) AS i
    RETURNING eventstore.events.global_position
  )
  SELECT 'ok'::text, v_current, coalesce(v_current, -1) + v_count, pg_current_xact_id()::text, max(global_position)
    FROM inserted;
  -- No NOTIFY here: inside the transaction it would serialize every appender's commit on
  -- PostgreSQL's global notify lock; the store announces appends after commit (append-notifier.ts).
END
$fn$;

-- Several streams in one statement, so one transaction without BEGIN/COMMIT round trips: each write goes
-- through append_events; a refused one raises (SQLSTATE NR409, DETAIL = its ordinal, outcome and actual
-- revision) and takes the whole statement back. A write with "x" (skip recorded) leaves out the events whose
-- ids are already recorded, under the stream's lock: an idempotent side write (a job log next to an outcome).
CREATE OR REPLACE FUNCTION eventstore.append_many(p_writes jsonb)
RETURNS TABLE(ord bigint, outcome text, actual bigint, next_revision bigint, commit_position text, prepare_position bigint)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  w record;
  r record;
  v_ids uuid[];
  v_keep int[];
BEGIN
  FOR w IN SELECT x.body, x.n FROM jsonb_array_elements(p_writes) WITH ORDINALITY AS x(body, n) ORDER BY x.n LOOP
    v_ids := ARRAY(SELECT jsonb_array_elements_text(w.body->'i'))::uuid[];
    v_keep := ARRAY(SELECT generate_subscripts(v_ids, 1));
    IF coalesce((w.body->>'x')::boolean, false) THEN
      PERFORM pg_advisory_xact_lock(hashtextextended(w.body->>'s', 0));
      v_keep := ARRAY(SELECT i FROM unnest(v_keep) AS i
        WHERE NOT EXISTS (SELECT 1 FROM eventstore.events e WHERE e.event_id = v_ids[i]) ORDER BY i);
      IF cardinality(v_keep) = 0 THEN
        RETURN QUERY SELECT w.n, 'duplicate'::text, NULL::bigint, NULL::bigint, NULL::text, NULL::bigint;
        CONTINUE;
      END IF;
    END IF;
    SELECT * INTO r FROM eventstore.append_events(w.body->>'s', w.body->>'k', (w.body->>'e')::bigint,
      ARRAY(SELECT v_ids[i] FROM unnest(v_keep) AS i ORDER BY i),
      ARRAY(SELECT w.body->'t'->>(i - 1) FROM unnest(v_keep) AS i ORDER BY i),
      ARRAY(SELECT w.body->'d'->(i - 1) FROM unnest(v_keep) AS i ORDER BY i),
      ARRAY(SELECT w.body->'m'->(i - 1) FROM unnest(v_keep) AS i ORDER BY i));
    IF r.outcome IN ('wrong_expected_revision', 'event_id_conflict') THEN
      RAISE EXCEPTION 'eventstore.append_many: write % refused (%)', w.n, r.outcome
        USING ERRCODE = 'NR409', DETAIL = json_build_object('ord', w.n, 'outcome', r.outcome, 'actual', r.actual)::text;
    END IF;
    RETURN QUERY SELECT w.n, r.outcome, r.actual, r.next_revision, r.commit_position, r.prepare_position;
  END LOOP;
END
$fn$;
`;
