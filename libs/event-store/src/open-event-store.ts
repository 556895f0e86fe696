import { InvalidEventStoreInputError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import type { CheckpointStore } from './checkpoints/checkpoint-store.port';
import { PostgresCheckpointStore } from './checkpoints/postgres-checkpoint-store';
import { SqliteCheckpointStore } from './checkpoints/sqlite-checkpoint-store';
import { PERSONAL_EVENT_TYPES } from '#libs/contracts';
import { PostgresSubjectKeyTable, SqliteSubjectKeyTable, type SubjectKeyTable } from './privacy/key-table';
import { PersonalDataStore } from './privacy/personal-data-store';
import { sealedOf } from './privacy/personal-data-envelope';
import { SubjectKeys, rotateMasterKey } from './privacy/subject-keys';

export interface OpenEventStoreOptions {
  /** PostgreSQL connections in the pool. */
  readonly poolSize?: number;
}

export interface OpenPersonalDataStoreOptions extends OpenEventStoreOptions {
  /** The master key the subjects' keys are wrapped with (PRIVACY_MASTER_KEY): 32 bytes. */
  readonly masterKey: Buffer;
}

/**
 * The store as the apps, the CLI and the simulator use it: an adapter (openEventStore) behind the personal-data
 * layer, with its key table beside the events. Refuses to open (PersonalDataKeysError) with a master key that does
 * not open the table, or a store whose sealed data lost its key table.
 */
export async function openPersonalDataStore(url: string, options: OpenPersonalDataStoreOptions): Promise<PersonalDataStore> {
  const target = parseEventStoreUrl(url);
  const store = await openEventStore(url, options);
  let table: SubjectKeyTable | undefined;
  try {
    table = target.kind === 'sqlite' ? new SqliteSubjectKeyTable(target.path) : await PostgresSubjectKeyTable.open(target.connectionString, target.schema);
    const keys = await SubjectKeys.open(table, options.masterKey, { storeHoldsPersonalData: () => holdsSealedData(store) });
    return new PersonalDataStore(store, keys);
  } catch (error) {
    await table?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** Re-wraps the personal-data keys of the store at `url` from one master key to another (events untouched). */
export async function rotatePrivacyMasterKey(url: string, oldMaster: Buffer, newMaster: Buffer): Promise<number> {
  const target = parseEventStoreUrl(url);
  const table = target.kind === 'sqlite' ? new SqliteSubjectKeyTable(target.path) : await PostgresSubjectKeyTable.open(target.connectionString, target.schema);
  try {
    return await rotateMasterKey(table, oldMaster, newMaster);
  } finally {
    await table.close();
  }
}

async function holdsSealedData(store: EventStore): Promise<boolean> {
  let read = 0;
  for await (const event of store.readAll({ filter: { eventTypes: PERSONAL_EVENT_TYPES }, batchSize: 100 })) {
    if (sealedOf(event.data) !== undefined) return true;
    if (++read >= 100) break;
  }
  return false;
}

/**
 * Opens the store an EVENT_STORE_URL names, migrating its schema:
 * - `sqlite:<path>` (relative to the working directory) or `sqlite::memory:`;
 * - `postgres://…` or `postgresql://…`, with an optional `?schema=<name>` for the tables (default public).
 */
export async function openEventStore(url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> {
  const target = parseEventStoreUrl(url);
  return target.kind === 'sqlite'
    ? SqliteEventStore.open({ path: target.path })
    : PostgresEventStore.open({ connectionString: target.connectionString, schema: target.schema, poolSize: options.poolSize });
}

/** Checkpoints kept in the same database as the events an EVENT_STORE_URL names. */
export async function openCheckpointStore(url: string): Promise<CheckpointStore> {
  const target = parseEventStoreUrl(url);
  return target.kind === 'sqlite'
    ? new SqliteCheckpointStore(target.path)
    : PostgresCheckpointStore.open(target.connectionString, target.schema);
}

export type EventStoreTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string | undefined };

export function parseEventStoreUrl(url: string): EventStoreTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new InvalidEventStoreInputError('EVENT_STORE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/sales-ops.db');
    return { kind: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidEventStoreInputError('EVENT_STORE_URL', 'is not a valid postgres:// URL');
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new InvalidEventStoreInputError(
    'EVENT_STORE_URL',
    `must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`,
  );
}

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
