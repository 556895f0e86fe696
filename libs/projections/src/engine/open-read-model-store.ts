import { parseSqlDatabaseUrl } from '#libs/event-store';
import { PostgresReadModelStore } from './postgres-read-model-store';
import type { ReadModelStore } from './read-model-store.port';
import { SqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite-read-model-store';

/**
 * Opens (and migrates) the read-model store a URL names: `sqlite:<path>` or `postgres://…[?schema=]` (never a
 * KurrentDB URL: refused, naming READ_MODEL_URL).
 * `writerThread` (SQLite; replay): commits on a thread of their own (SqliteReadModelStoreOptions).
 */
export async function openReadModelStore(url: string, options: SqliteReadModelStoreOptions = {}): Promise<ReadModelStore> {
  const target = parseSqlDatabaseUrl(url, 'READ_MODEL_URL');
  return target.kind === 'sqlite'
    ? new SqliteReadModelStore(target.path, options)
    : PostgresReadModelStore.open(target.connectionString, target.schema);
}
