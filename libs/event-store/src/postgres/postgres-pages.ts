/**
 * The PostgreSQL store's page of the global order (PageReader.readPage), through any connection: the
 * store's page pool, or a catch-up thread's own client (page-thread.ts). Rows come back as EventColumns
 * (jsonb as its text), decoded by toStoredEvent where they are used.
 */
import pg from 'pg';
import type { EventColumns } from '../event-columns';
import { comparePositions } from '../global-position';
import type { PageQuery } from '../page-reader';
import type { RawPage } from '../threaded-page-reader';

/** The columns of EventColumns, in its order, read with EVENT_TYPES in array mode. */
export const EVENT_COLUMNS = `position, event_id::text AS event_id, stream_id, stream_revision, type, schema_version,
  data, metadata, (extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_at,
  (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at, transaction_id`;

const BIGINT = 20;
const XID8 = 5069;
const JSONB = 3802;

/** bigint and xid8 as numbers: positions and transaction ids stay far below 2^53. */
export const NUMERIC_TYPES = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === BIGINT || oid === XID8) return Number;
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  },
} as pg.CustomTypesConfig;

/** NUMERIC_TYPES, with jsonb left as its text for toStoredEvent. */
export const EVENT_TYPES = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === JSONB) return (text: string) => text;
    return NUMERIC_TYPES.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  },
} as pg.CustomTypesConfig;

/** A query, its rows as objects or (rowMode 'array') as arrays. */
export type EventQuery = pg.QueryConfig & { readonly rowMode?: 'array' };

/** Runs one query; a lost or refused connection must reject with EventStoreUnavailableError. */
type RunQuery = <Row extends pg.QueryResultRow>(config: EventQuery) => Promise<pg.QueryResult<Row>>;

/**
 * The statement's last row, after the page's events: no event (every event column null), then whether events are
 * held back and, for a filtered read, the newest event below the horizon.
 */
type TrailerRow = readonly (number | null)[];
const HELD = 11;
const SCANNED_COMMIT = 12;
const SCANNED_PREPARE = 13;

export class PostgresPages {
  constructor(
    /** The quoted es_events table. */
    private readonly table: string,
    private readonly run: RunQuery,
  ) {}

  /**
   * A page in one statement (one round trip), whatever it finds: the events, then one trailer row computed in
   * the same snapshot against the same horizon (the oldest transaction in flight, taken once):
   * - held: whether committed events in the query's scope lie at or past the horizon, after the query's position
   *   (and, for readAll, were written by a transaction that began before its cut-off). When the page is not full,
   *   every event of the scope below the horizon is in it, so these are exactly the events after its last one
   *   that it could not take.
   * - scanned (filtered reads): the newest event of any kind below the horizon. Every transaction below it has
   *   ended, so a filtered reader may go on from there: what is held back sorts after it.
   * Both are index probes (LIMIT 1 over the global-order index); a full page ignores them.
   */
  async read(query: PageQuery): Promise<RawPage> {
    const after = query.after === 'start' ? { commit: 0, prepare: 0 } : query.after;
    const parameters = new Parameters();
    const [afterCommit, afterPrepare] = [parameters.add(String(after.commit)), parameters.add(after.prepare)];
    const scope = scopeConditions(parameters, query);
    const limit = parameters.add(query.limit);
    const heldConditions = [
      // The probe starts at the horizon when it is past the query's position: rows below it are not looked for.
      '(transaction_id, position) > ((SELECT commit FROM probe), (SELECT prepare FROM probe))',
      ...scope,
      ...(query.heldBackBefore === undefined ? [] : [`transaction_id < ${parameters.add(String(query.heldBackBefore))}::xid8`]),
    ];
    const scanned =
      query.filter === undefined
        ? 'NULL, NULL'
        : `scanned.transaction_id, scanned.position FROM (SELECT 1) one LEFT JOIN LATERAL (
             SELECT transaction_id, position FROM ${this.table}
             WHERE transaction_id < (SELECT xmin FROM horizon)${untilCondition(parameters, query)}
             ORDER BY transaction_id DESC, position DESC LIMIT 1) scanned ON true`;
    const text = `WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
      probe AS MATERIALIZED (
        SELECT CASE WHEN xmin > ${afterCommit}::xid8 THEN xmin ELSE ${afterCommit}::xid8 END AS commit,
               CASE WHEN xmin > ${afterCommit}::xid8 THEN -1 ELSE ${afterPrepare}::bigint END AS prepare
        FROM horizon)
      (SELECT ${EVENT_COLUMNS}, NULL::integer AS held, NULL::xid8 AS scanned_commit, NULL::bigint AS scanned_prepare
       FROM ${this.table}
       WHERE (transaction_id, position) > (${afterCommit}::xid8, ${afterPrepare}::bigint)${scope.map((condition) => ` AND ${condition}`).join('')}
         -- Only below the oldest transaction in flight: nothing can commit there any more.
         AND transaction_id < (SELECT xmin FROM horizon)
       ORDER BY transaction_id, position LIMIT ${limit})
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        (SELECT 1 FROM ${this.table} WHERE ${heldConditions.join(' AND ')} ORDER BY transaction_id, position LIMIT 1),
        ${scanned}`;
    const { rows } = await this.run<pg.QueryResultRow>({ text, values: parameters.values, types: EVENT_TYPES, rowMode: 'array' });
    // The trailer is the last row (UNION ALL appends its branches in order); the rows before it are the events'
    // columns as they are (the trailer's columns after them left in place, unread): no copy of a page's rows.
    const trailer = rows.pop() as unknown as TrailerRow;
    if (trailer === undefined || trailer[0] !== null) throw new Error('a page of the PostgreSQL store came back without its trailer row');
    const events = rows as unknown as EventColumns[];
    if (events.length === query.limit) return { rows: events, heldBack: false };
    const heldBack = trailer[HELD] !== null;
    if (query.filter === undefined || trailer[SCANNED_COMMIT] === null) return { rows: events, heldBack };
    const lastRow = events.at(-1);
    const last = lastRow === undefined ? after : { commit: lastRow[10]!, prepare: lastRow[0] };
    const newest = { commit: trailer[SCANNED_COMMIT]!, prepare: trailer[SCANNED_PREPARE]! };
    return { rows: events, heldBack, ...(comparePositions(newest, last) > 0 ? { scannedTo: newest } : {}) };
  }
}

/** A connection refused, lost or shut down (as opposed to an error in the statement). */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|connect ECONN/.test((error as Error)?.message ?? '');
  return code.startsWith('08') || /^57P0[123]$/.test(code) || code.startsWith('ECONN') || code === 'EPIPE' || code === 'ETIMEDOUT';
}

/** Numbered query parameters, added in the order the SQL text names them. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The newest-below probe's bound: the read's `untilPosition`, when it has one. */
function untilCondition(parameters: Parameters, query: PageQuery): string {
  const until = query.untilPosition;
  if (!until) return '';
  return ` AND (transaction_id, position) <= (${parameters.add(String(until.commit))}::xid8, ${parameters.add(until.prepare)}::bigint)`;
}

/** The filter and bounds of a read, the same for its pages and for its held-back check. */
function scopeConditions(parameters: Parameters, query: PageQuery): string[] {
  const conditions: string[] = [];
  if (query.filter?.eventTypes) conditions.push(`type = ANY(${parameters.add(query.filter.eventTypes)}::text[])`);
  if (query.filter?.streamPrefix !== undefined) {
    conditions.push(`starts_with(stream_id, ${parameters.add(query.filter.streamPrefix)})`);
  }
  if (query.untilPosition) {
    conditions.push(
      `(transaction_id, position) <= (${parameters.add(String(query.untilPosition.commit))}::xid8, ${parameters.add(query.untilPosition.prepare)}::bigint)`,
    );
  }
  if (query.untilRecordedAt !== undefined) {
    conditions.push(`recorded_at <= to_timestamp(${parameters.add(query.untilRecordedAt / 1000)})`);
  }
  return conditions;
}
