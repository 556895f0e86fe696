/**
 * A catch-up page thread (started by threaded-page-reader.ts): opens its own connection to the store's
 * database (SQLite read-only) and answers every `{ id, query }` with `{ id, page }` (rows undecoded) or
 * `{ id, error, unavailable }`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
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
  port.on('message', ({ id, query }: PageThreadRequest) => {
    const reply = (message: PageThreadReply): void => port.postMessage(message);
    void Promise.resolve()
      .then(() => read(query))
      .then(
        (page) => reply({ id, page }),
        (error: unknown) => reply({ id, error: String((error as Error)?.message ?? error), unavailable: unavailable(error) }),
      );
  });
}

if (parentPort) serve(parentPort, workerData as PageThreadSource);
