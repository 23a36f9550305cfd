/**
 * One statement appends to any number of streams: it reads each stream's head, checks every expected
 * revision, and inserts only if all hold. Sent with no explicit transaction, it is one round trip and one
 * commit. A writer that loses a race at the same revision hits the (stream_name, revision) key instead.
 */
export const APPEND_SQL = `
WITH input AS (
  SELECT i.ord, i.stream_name, i.expected_kind, i.expected_revision, i.events
  FROM jsonb_to_recordset($1::jsonb)
    AS i(ord int, stream_name text, expected_kind text, expected_revision bigint, events jsonb)
),
heads AS (
  SELECT i.*,
    coalesce((SELECT e.revision FROM event_store.events e
              WHERE e.stream_name = i.stream_name ORDER BY e.revision DESC LIMIT 1), -1) AS head_revision
  FROM input i
),
checked AS (
  SELECT h.*, CASE h.expected_kind
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN h.head_revision = -1
      WHEN 'stream_exists' THEN h.head_revision >= 0
      ELSE h.head_revision = h.expected_revision
    END AS ok
  FROM heads h
),
inserted AS (
  INSERT INTO event_store.events (stream_name, revision, event_id, event_type, data, metadata)
  SELECT c.stream_name, c.head_revision + e.n, (e.event->>'eventId')::uuid, e.event->>'type',
         e.event->'data', e.event->'metadata'
  FROM checked c CROSS JOIN LATERAL jsonb_array_elements(c.events) WITH ORDINALITY AS e(event, n)
  WHERE NOT EXISTS (SELECT 1 FROM checked WHERE NOT ok)
  ORDER BY c.ord, e.n
  RETURNING stream_name, revision, global_position, transaction_id
)
SELECT c.stream_name, c.ok, c.head_revision::text AS head_revision,
  (SELECT max(i.revision) FROM inserted i WHERE i.stream_name = c.stream_name)::text AS last_revision,
  (SELECT max(i.global_position) FROM inserted i WHERE i.stream_name = c.stream_name)::text AS last_global_position,
  (SELECT i.transaction_id FROM inserted i LIMIT 1)::text AS transaction_id
FROM checked c
ORDER BY c.ord`;

/**
 * The append most commands make: one stream, at a revision the writer knows (or a new stream). A plain INSERT,
 * as cheap as the store can be: the (stream_name, revision) key refuses a writer whose stream has moved past
 * the revision it expected, and the EXISTS refuses one whose stream has not reached it (no rows come back).
 * $1 stream, $2 the first new revision (expected + 1, or 0 for a new stream), $3 the events as a JSON array
 * (measured: faster than four unnested arrays for ten events).
 */
export const APPEND_AT_REVISION_SQL = `
INSERT INTO event_store.events (stream_name, revision, event_id, event_type, data, metadata)
SELECT $1::text, $2::bigint + e.n - 1, (e.event->>'eventId')::uuid, e.event->>'type', e.event->'data', e.event->'metadata'
FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(event, n)
WHERE $2::bigint = 0 OR EXISTS (SELECT 1 FROM event_store.events WHERE stream_name = $1::text AND revision = $2::bigint - 1)
ORDER BY e.n
RETURNING revision::text AS revision_text, global_position::text AS prepare_text, transaction_id::text AS commit_text`;

/** APPEND_AT_REVISION_SQL for one event, its fields as parameters: $3 event id, $4 type, $5 data, $6 metadata. */
export const APPEND_ONE_AT_REVISION_SQL = `
INSERT INTO event_store.events (stream_name, revision, event_id, event_type, data, metadata)
SELECT $1::text, $2::bigint, $3::uuid, $4::text, $5::jsonb, $6::jsonb
WHERE $2::bigint = 0 OR EXISTS (SELECT 1 FROM event_store.events WHERE stream_name = $1::text AND revision = $2::bigint - 1)
RETURNING revision::text AS revision_text, global_position::text AS prepare_text, transaction_id::text AS commit_text`;

export const STREAM_HEAD_SQL = `
SELECT coalesce(max(revision), -1)::text AS head_revision FROM event_store.events WHERE stream_name = $1`;

// Output names differ from the columns on purpose: ORDER BY prefers an output name, and ordering by the
// text form of a transaction id would put 1000 before 999.
const EVENT_COLUMNS = `stream_name, revision::text AS revision_text, transaction_id::text AS commit_text,
  global_position::text AS prepare_text, event_type, data, metadata, recorded_at`;

/**
 * Only transactions older than every open transaction are read (xid below the snapshot's xmin), so a
 * transaction that commits late can never land behind a position a reader has already passed.
 * The (transaction_id, global_position) index serves both the filter and the order.
 */
export const READ_ALL_SQL = `
SELECT ${EVENT_COLUMNS}
FROM event_store.events
WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY transaction_id, global_position
LIMIT $3`;

/**
 * READ_ALL_SQL for readers that want some event types only: it looks at the same events, and sends the payload
 * of the wanted ones only (the others come as positions, so the reader knows how far it has read).
 */
export const READ_ALL_FILTERED_SQL = `
SELECT stream_name, revision::text AS revision_text, transaction_id::text AS commit_text,
  global_position::text AS prepare_text, event_type,
  CASE WHEN event_type = ANY($4::text[]) THEN data END AS data,
  CASE WHEN event_type = ANY($4::text[]) THEN metadata END AS metadata,
  CASE WHEN event_type = ANY($4::text[]) THEN recorded_at END AS recorded_at,
  event_type = ANY($4::text[]) AS wanted
FROM event_store.events
WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY transaction_id, global_position
LIMIT $3`;

export const HEAD_POSITION_SQL = `
SELECT transaction_id::text AS commit_text, global_position::text AS prepare_text
FROM event_store.events
WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY transaction_id DESC, global_position DESC
LIMIT 1`;

export const READ_STREAM_FORWARDS_SQL = `
SELECT ${EVENT_COLUMNS} FROM event_store.events
WHERE stream_name = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`;

export const READ_STREAM_BACKWARDS_SQL = `
SELECT ${EVENT_COLUMNS} FROM event_store.events
WHERE stream_name = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`;

/**
 * Lag figures past a position: the committed head, a capped count and the oldest recording time of the events
 * after it. Unlike READ_ALL_SQL this has no visibility horizon: an event committed behind a transaction that is
 * still open counts (a reader will get it once that transaction ends), one in an open transaction does not.
 * The count reads only the (transaction_id, global_position) index; the oldest recording time is taken from the
 * first thousand events in log order, which is where it is (recorded_at is the appending transaction's start).
 */
export const PROGRESS_SQL = `
WITH counted AS (
  SELECT count(*)::int AS behind FROM (
    SELECT 1 FROM event_store.events
    WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
    ORDER BY transaction_id, global_position
    LIMIT $3
  ) AS behind
), oldest AS (
  SELECT min(recorded_at) AS oldest FROM (
    SELECT recorded_at FROM event_store.events
    WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
    ORDER BY transaction_id, global_position
    LIMIT 1000
  ) AS first_behind
), head AS (
  SELECT transaction_id::text AS commit_text, global_position::text AS prepare_text
  FROM event_store.events
  ORDER BY transaction_id DESC, global_position DESC
  LIMIT 1
)
SELECT counted.behind, oldest.oldest, head.commit_text, head.prepare_text
FROM counted CROSS JOIN oldest LEFT JOIN head ON true`;
