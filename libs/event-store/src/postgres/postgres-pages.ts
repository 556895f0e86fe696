/**
 * The PostgreSQL store's page of the global order (PageReader.readPage), through any connection: the
 * store's page pool, or a catch-up thread's own client (page-thread.ts). Rows come back as EventColumns
 * (jsonb as its text), decoded by toStoredEvent where they are used.
 */
import pg from 'pg';
import type { EventColumns } from '../event-columns';
import { comparePositions, type GlobalPosition } from '../global-position';
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

/** A page's row: the event's columns (EventColumns, with the transaction id), then the horizon. */
type PageRow = [...Required<EventColumns>, horizon: number];
const HORIZON = 11;

export class PostgresPages {
  constructor(
    /** The quoted es_events table. */
    private readonly table: string,
    private readonly run: RunQuery,
  ) {}

  async read(query: PageQuery): Promise<RawPage> {
    const after = query.after === 'start' ? { commit: 0, prepare: 0 } : query.after;
    const rows = (await this.pageRows(query, after, 'each row')) ?? (await this.pageRows(query, after, 'always a row'))!;
    const horizon = rows[0]![HORIZON];
    // One row with no event (position null) when nothing is below the horizon. The rows are the events'
    // columns as they are (the horizon after them is left in place, unread): no copy of a page's rows.
    const events = (rows[0]![0] === null ? [] : rows) as unknown as EventColumns[];
    if (events.length === query.limit) return { rows: events, heldBack: false };
    const lastRow = events.at(-1);
    const last = lastRow === undefined ? after : { commit: lastRow[10]!, prepare: lastRow[0] };
    const heldBack = await this.hasEventsBeyondHorizon(last, horizon, query);
    if (query.filter === undefined) return { rows: events, heldBack };
    // Every transaction below the horizon has ended: what it wrote that matched is in the page, so a
    // filtered reader may go on after the newest event below the horizon (what is held back sorts after it).
    const scanned = await this.newestBelow(horizon, query.untilPosition);
    return { rows: events, heldBack, ...(scanned !== undefined && comparePositions(scanned, last) > 0 ? { scannedTo: scanned } : {}) };
  }

  /**
   * The page's rows, each led by the horizon: the oldest transaction in flight, taken once, in the page's own
   * statement, and handed to the held-back check, so that a transaction committing between the two statements
   * cannot make an event fall between them.
   * - 'each row': the horizon an InitPlan, the last column of every row — undefined when the page is empty (no row to
   *   carry it). Ordered by the index, as the page is read.
   * - 'always a row': one row with no event (position null) when the page is empty. Its LEFT JOIN LATERAL needs
   *   an ORDER BY over the join, a sort of the page's rows that doubled the statement's time: only for the empty
   *   page at the head of the store.
   */
  private async pageRows(query: PageQuery, after: GlobalPosition, form: 'each row' | 'always a row'): Promise<PageRow[] | undefined> {
    const page = new Parameters();
    const conditions = [afterCondition(page, after), ...scopeConditions(page, query)];
    const scan = (horizon: string, trailing = ''): string => `SELECT ${EVENT_COLUMNS}${trailing} FROM ${this.table}
               WHERE ${conditions.join(' AND ')}
                 -- Only below the oldest transaction in flight: nothing can commit there any more.
                 AND transaction_id < ${horizon}
               ORDER BY transaction_id, position LIMIT ${page.add(query.limit)}`;
    const text =
      form === 'each row'
        ? `WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
           ${scan('(SELECT xmin FROM horizon)', ', (SELECT xmin FROM horizon) AS horizon')}`
        : `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
           SELECT page.*, horizon.xmin AS horizon FROM horizon LEFT JOIN LATERAL (${scan('horizon.xmin')}) page ON true
           ORDER BY page.transaction_id, page.position`;
    const { rows } = await this.run<PageRow & pg.QueryResultRow>({ text, values: page.values, types: EVENT_TYPES, rowMode: 'array' });
    return rows.length === 0 ? undefined : rows;
  }

  private async newestBelow(horizon: number, until: GlobalPosition | undefined): Promise<GlobalPosition | undefined> {
    const check = new Parameters();
    const conditions = [`transaction_id < ${check.add(String(horizon))}::xid8`];
    if (until) {
      conditions.push(`(transaction_id, position) <= (${check.add(String(until.commit))}::xid8, ${check.add(until.prepare)}::bigint)`);
    }
    const { rows } = await this.run<{ transaction_id: number; position: number }>({
      text: `SELECT transaction_id, position FROM ${this.table} WHERE ${conditions.join(' AND ')}
             ORDER BY transaction_id DESC, position DESC LIMIT 1`,
      values: check.values,
      types: NUMERIC_TYPES,
    });
    return rows[0] && { commit: rows[0].transaction_id, prepare: rows[0].position };
  }

  /**
   * Committed events in the query's scope that the page could not take because an older transaction was
   * still open at `horizon` (and, for readAll, only those whose writer began before its cut-off).
   */
  private async hasEventsBeyondHorizon(after: GlobalPosition, horizon: number, query: PageQuery): Promise<boolean> {
    const check = new Parameters();
    // Start the index probe at the horizon when it is past `after`: rows below it are not what we look for.
    const from = horizon > after.commit ? { commit: horizon, prepare: -1 } : after;
    const conditions = [
      afterCondition(check, from),
      ...scopeConditions(check, query),
      `transaction_id >= ${check.add(String(horizon))}::xid8`,
    ];
    if (query.heldBackBefore !== undefined) conditions.push(`transaction_id < ${check.add(String(query.heldBackBefore))}::xid8`);
    // Ordered by the global-order index with LIMIT 1, so that it is an index probe: as EXISTS, the
    // planner (a default selectivity for xid8 comparisons) chose a sequential scan of the whole table.
    const { rows } = await this.run<{ held: number }>({
      text: `SELECT 1 AS held FROM ${this.table} WHERE ${conditions.join(' AND ')} ORDER BY transaction_id, position LIMIT 1`,
      values: check.values,
    });
    return rows.length > 0;
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

function afterCondition(parameters: Parameters, after: GlobalPosition): string {
  return `(transaction_id, position) > (${parameters.add(String(after.commit))}::xid8, ${parameters.add(after.prepare)}::bigint)`;
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
