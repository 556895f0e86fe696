/**
 * A catch-up page thread (started by threaded-page-reader.ts): opens the store's database read-only and
 * answers every `{ id, query }` with `{ id, page }` (rows undecoded) or `{ id, error, unavailable }`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { SqlitePages } from './sqlite/sqlite-pages';
import type { PageThreadReply, PageThreadRequest, PageThreadSource } from './threaded-page-reader';

function serve(port: NonNullable<typeof parentPort>, source: PageThreadSource): void {
  const db = new Database(source.file, { readonly: true, fileMustExist: true, timeout: 5000 });
  const pages = new SqlitePages(db);
  port.on('message', ({ id, query }: PageThreadRequest) => {
    let reply: PageThreadReply<unknown>;
    try {
      reply = { id, page: pages.read(query) };
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: string };
      reply = { id, error: String(message ?? error), unavailable: code === 'SQLITE_BUSY' };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as PageThreadSource);
