/**
 * Versioned schema of the PostgreSQL event store, for one database schema (`public` by default).
 * Append new versions; never edit a released one.
 */
export function postgresMigrations(schema: string): readonly string[] {
  const s = `"${schema}"`;
  return [
    // 1: streams (current revision, locked per append), events (global order by writing transaction, then
    //    position) and es_append, which does a whole append in one round trip.
    `CREATE TABLE ${s}.es_streams (
       stream_id text PRIMARY KEY,
       revision  bigint NOT NULL
     );
     CREATE TABLE ${s}.es_events (
       position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
       event_id        uuid        NOT NULL UNIQUE,
       stream_id       text        NOT NULL,
       stream_revision bigint      NOT NULL,
       type            text        NOT NULL,
       schema_version  smallint    NOT NULL,
       data            jsonb       NOT NULL,
       metadata        jsonb       NOT NULL,
       occurred_at     timestamptz NOT NULL,
       recorded_at     timestamptz NOT NULL,
       UNIQUE (stream_id, stream_revision)
     );
     CREATE UNIQUE INDEX es_events_global_order ON ${s}.es_events (transaction_id, position);
     CREATE FUNCTION ${s}.es_append(p_stream_id text, p_expected text, p_events jsonb)
       RETURNS TABLE (o_outcome text, o_revision bigint, o_commit xid8, o_position bigint)
       LANGUAGE plpgsql AS $fn$
     DECLARE
       v_count    int := jsonb_array_length(p_events);
       v_revision bigint;
       v_position bigint;
       -- One recorded-at per append, in milliseconds as a JavaScript Date holds them, so that an as-of read
       -- takes a whole append or none of it, and finds an event by the time it was delivered with.
       v_recorded timestamptz := date_trunc('milliseconds', clock_timestamp());
     BEGIN
       -- A retried append whose events are stored fails the unique event_id below (or is caught as a
       -- conflict first); the caller then compares the stored events with its own.
       -- The stream row is the per-stream lock: concurrent appends to one stream queue here.
       IF p_expected = 'any' THEN
         INSERT INTO ${s}.es_streams AS st VALUES (p_stream_id, v_count - 1)
           ON CONFLICT (stream_id) DO UPDATE SET revision = st.revision + v_count
           RETURNING st.revision INTO v_revision;
       ELSIF p_expected = 'no-stream' THEN
         INSERT INTO ${s}.es_streams AS st VALUES (p_stream_id, v_count - 1)
           ON CONFLICT (stream_id) DO NOTHING
           RETURNING st.revision INTO v_revision;
       ELSIF p_expected = 'exists' THEN
         UPDATE ${s}.es_streams st SET revision = st.revision + v_count
           WHERE st.stream_id = p_stream_id RETURNING st.revision INTO v_revision;
       ELSE
         UPDATE ${s}.es_streams st SET revision = st.revision + v_count
           WHERE st.stream_id = p_stream_id AND st.revision = p_expected::bigint RETURNING st.revision INTO v_revision;
       END IF;
       IF v_revision IS NULL THEN
         -- Lost the race: to an identical retry that just committed, or to another writer.
         IF EXISTS (SELECT 1 FROM ${s}.es_events e
                    WHERE e.event_id IN (SELECT (x->>'event_id')::uuid FROM jsonb_array_elements(p_events) x)) THEN
           RETURN QUERY SELECT 'duplicate', NULL::bigint, NULL::xid8, NULL::bigint;
         ELSE
           RETURN QUERY SELECT 'conflict', st.revision, NULL::xid8, NULL::bigint
             FROM (SELECT NULL) AS one LEFT JOIN ${s}.es_streams st ON st.stream_id = p_stream_id;
         END IF;
         RETURN;
       END IF;
       INSERT INTO ${s}.es_events
         (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at)
       SELECT (x->>'event_id')::uuid, p_stream_id, v_revision - v_count + n, x->>'type',
              (x->>'schema_version')::smallint, x->'data', x->'metadata',
              to_timestamp((x->>'occurred_at')::float8 / 1000), v_recorded
       FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(x, n)
       ORDER BY n;
       -- Rows take positions in ORDER BY order, so the session's last one is the append's last event.
       v_position := currval('${s}.es_events_position_seq');
       -- No NOTIFY here: a committing NOTIFY takes a cluster-wide lock until its flush, which serialises
       -- every append. The adapter notifies after the commit instead.
       RETURN QUERY SELECT 'written', v_revision, pg_current_xact_id(), v_position;
     END
     $fn$;`,
  ];
}
