import { parseEventStoreUrl } from '#libs/event-store';
import { PostgresReadModelStore } from './postgres-read-model-store';
import type { ReadModelStore } from './read-model-store.port';
import { SqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite-read-model-store';

/**
 * Where read models go by default: on PostgreSQL the store's own database and schema; beside a SQLite store
 * its own file (`sales-ops.db` → `sales-ops.read-models.db`), so that rebuilding never holds the events' write lock.
 */
export function defaultReadModelUrl(eventStoreUrl: string): string {
  const target = parseEventStoreUrl(eventStoreUrl);
  if (target.kind === 'postgres') return eventStoreUrl;
  if (target.path === ':memory:') return 'sqlite::memory:';
  return `sqlite:${target.path.replace(/(\.[^./\\]+)?$/, (extension) => `.read-models${extension}`)}`;
}

/**
 * Opens (and migrates) the read-model store a URL names: `sqlite:<path>` or `postgres://…[?schema=]`.
 * `writerThread` (SQLite; replay): commits on a thread of their own (SqliteReadModelStoreOptions).
 */
export async function openReadModelStore(url: string, options: SqliteReadModelStoreOptions = {}): Promise<ReadModelStore> {
  const target = parseEventStoreUrl(url);
  return target.kind === 'sqlite'
    ? new SqliteReadModelStore(target.path, options)
    : PostgresReadModelStore.open(target.connectionString, target.schema);
}
