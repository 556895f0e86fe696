/**
 * A catch-up page thread (started by threaded-page-reader.ts): opens its own connection to the store's
 * database (SQLite read-only) and answers every `{ id, query }` with `{ id, page }` (rows undecoded) or
 * `{ id, error, unavailable }`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { EventColumns } from './event-columns';
import type { ReadAllFrom } from './event-store.port';
import type { GlobalPosition } from './global-position';
import type { PageQuery } from './page-reader';
import { PostgresPages, isConnectionFailure } from './postgres/postgres-pages';
import { SqlitePages } from './sqlite/sqlite-pages';
import type { PageThreadReply, PageThreadRequest, PageThreadSource, RawPage } from './threaded-page-reader';

type ReadRawPage = (query: PageQuery) => RawPage | Promise<RawPage>;

function open(source: PageThreadSource): { read: ReadRawPage; unavailable: (error: unknown) => boolean } {
  if (source.kind === 'sqlite') {
    const pages = new SqlitePages(new Database(source.file, { readonly: true, fileMustExist: true, timeout: 5000 }));
    return { read: (query) => pages.read(query), unavailable: (error) => (error as { code?: unknown }).code === 'SQLITE_BUSY' };
  }
  // One connection, opened on the first page; the store's own reads take over while it cannot connect.
  const pool = new pg.Pool({ connectionString: source.connectionString, max: 1 });
  pool.on('error', () => undefined);
  const pages = new PostgresPages(source.table, (config) => pool.query(config));
  return { read: (query) => pages.read(query), unavailable: isConnectionFailure };
}

function serve(port: NonNullable<typeof parentPort>, source: PageThreadSource): void {
  const { read, unavailable } = open(source);
  // The page after a full one, read while the subscriber works through that one: a catch-up asks for it
  // next, and waits for the database less (on PostgreSQL a page is a round trip to a busy server). Used
  // only for exactly that query, and only when full: a full page is the same whenever it is read (what
  // commits later sorts after it), while a shorter one is read again, so that it holds what came since.
  let ahead: { query: PageQuery; page: Promise<RawPage> } | undefined;
  const readSoon = (query: PageQuery): Promise<RawPage> => Promise.resolve().then(() => read(query));
  port.on('message', ({ id, query }: PageThreadRequest) => {
    const reply = (message: PageThreadReply): void => port.postMessage(message);
    const page =
      ahead !== undefined && sameQuery(ahead.query, query)
        ? ahead.page.then(
            (early) => (early.rows.length === query.limit ? early : read(query)),
            () => read(query),
          )
        : readSoon(query);
    ahead = undefined;
    page.then(
      (found) => {
        reply({ id, page: found });
        const last = found.rows.at(-1);
        if (last === undefined || found.rows.length < query.limit) return;
        const next: PageQuery = { ...query, after: positionOf(last) };
        ahead = { query: next, page: readSoon(next) };
        ahead.page.catch(() => undefined); // read again when the page is asked for
      },
      (error: unknown) => reply({ id, error: String((error as Error)?.message ?? error), unavailable: unavailable(error) }),
    );
  });
}

/** The position of a row as toStoredEvent decodes it. */
function positionOf(row: EventColumns): GlobalPosition {
  return { commit: row[10] ?? row[0], prepare: row[0] };
}

function sameQuery(a: PageQuery, b: PageQuery): boolean {
  const at = (position: ReadAllFrom | undefined): string =>
    position === undefined || position === 'start' ? String(position) : `${position.commit}/${position.prepare}`;
  return (
    at(a.after) === at(b.after) &&
    a.limit === b.limit &&
    at(a.untilPosition) === at(b.untilPosition) &&
    a.untilRecordedAt === b.untilRecordedAt &&
    a.heldBackBefore === b.heldBackBefore &&
    JSON.stringify(a.filter ?? null) === JSON.stringify(b.filter ?? null)
  );
}

if (parentPort) serve(parentPort, workerData as PageThreadSource);
