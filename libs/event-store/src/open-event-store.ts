import { InvalidEventStoreInputError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { isKurrentDbUrl, parseKurrentDbUrl, type KurrentDbTarget } from './kurrentdb/kurrentdb-url';
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
  /**
   * READ_MODEL_URL: where the personal-data key table lives when the events are on KurrentDB, which has no tables
   * (see sideDatabaseUrl). Unused for SQLite and PostgreSQL, whose key table is beside the events.
   */
  readonly readModelUrl?: string;
}

export interface OpenPersonalDataStoreOptions extends OpenEventStoreOptions {
  /** The master key the subjects' keys are wrapped with (PRIVACY_MASTER_KEY): 32 bytes. */
  readonly masterKey: Buffer;
}

/**
 * The store as the apps, the CLI and the simulator use it: an adapter (openEventStore) behind the personal-data
 * layer, with its key table beside the events (on KurrentDB: in READ_MODEL_URL's database, see sideDatabaseUrl).
 * Refuses to open (PersonalDataKeysError) with a master key that does not open the table, or a store whose sealed
 * data lost its key table.
 */
export async function openPersonalDataStore(url: string, options: OpenPersonalDataStoreOptions): Promise<PersonalDataStore> {
  const keyTable = parseSqlDatabaseUrl(sideDatabaseUrl(url, options.readModelUrl));
  const store = await openEventStore(url, options);
  let table: SubjectKeyTable | undefined;
  try {
    table = await openKeyTable(keyTable);
    const keys = await SubjectKeys.open(table, options.masterKey, { storeHoldsPersonalData: () => holdsSealedData(store) });
    return new PersonalDataStore(store, keys);
  } catch (error) {
    await table?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Re-wraps the personal-data keys of the store at `url` from one master key to another (events untouched); on
 * KurrentDB the keys are in `readModelUrl`'s database.
 */
export async function rotatePrivacyMasterKey(url: string, oldMaster: Buffer, newMaster: Buffer, readModelUrl?: string): Promise<number> {
  const table = await openKeyTable(parseSqlDatabaseUrl(sideDatabaseUrl(url, readModelUrl)));
  try {
    return await rotateMasterKey(table, oldMaster, newMaster);
  } finally {
    await table.close();
  }
}

function openKeyTable(target: SqlDatabaseTarget): Promise<SubjectKeyTable> | SubjectKeyTable {
  return target.kind === 'sqlite' ? new SqliteSubjectKeyTable(target.path) : PostgresSubjectKeyTable.open(target.connectionString, target.schema);
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
 * - `postgres://…` or `postgresql://…`, with an optional `?schema=<name>` for the tables (default public);
 * - `kurrentdb://…` (or `esdb://…`): the KurrentDB client's connection string, with an optional
 *   `?namespace=<prefix>` put before every stream name (kurrentdb-url.ts).
 */
export async function openEventStore(url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> {
  const target = parseEventStoreUrl(url);
  switch (target.kind) {
    case 'sqlite':
      return SqliteEventStore.open({ path: target.path });
    case 'postgres':
      return PostgresEventStore.open({ connectionString: target.connectionString, schema: target.schema, poolSize: options.poolSize });
    case 'kurrentdb':
      return KurrentDbEventStore.open({ connectionString: target.connectionString, namespace: target.namespace });
    default: {
      const unknown: never = target;
      throw new Error(`unknown event store ${String(unknown)}`);
    }
  }
}

/**
 * Checkpoints in a SQL database: the events' own for SQLite and PostgreSQL. For a store on KurrentDB pass
 * sideDatabaseUrl(EVENT_STORE_URL, READ_MODEL_URL): a KurrentDB URL is refused here.
 */
export async function openCheckpointStore(url: string): Promise<CheckpointStore> {
  const target = parseSqlDatabaseUrl(url, 'checkpoint database');
  return target.kind === 'sqlite'
    ? new SqliteCheckpointStore(target.path)
    : PostgresCheckpointStore.open(target.connectionString, target.schema);
}

export type SqlDatabaseTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string | undefined };

export type EventStoreTarget = SqlDatabaseTarget | KurrentDbTarget;

const READ_MODEL_REQUIRED =
  'is required when EVENT_STORE_URL names KurrentDB: the checkpoints, the personal-data keys, the relay lease and the read models ' +
  'live in SQLite (sqlite:<path>) or PostgreSQL (postgres://…), not in KurrentDB';

export function parseEventStoreUrl(url: string): EventStoreTarget {
  if (isKurrentDbUrl(url)) return parseKurrentDbUrl(url, 'EVENT_STORE_URL');
  return parseSql(url, 'EVENT_STORE_URL', 'must start with sqlite:, postgres:// or kurrentdb:// (esdb://)');
}

/**
 * A URL of a SQL database (`sqlite:` or `postgres://`): where read models, checkpoints and keys live. A KurrentDB
 * URL is refused, naming `field`.
 */
export function parseSqlDatabaseUrl(url: string, field = 'READ_MODEL_URL'): SqlDatabaseTarget {
  if (isKurrentDbUrl(url)) {
    throw new InvalidEventStoreInputError(field, 'must be a SQLite (sqlite:<path>) or PostgreSQL (postgres://…) URL: KurrentDB holds events only');
  }
  return parseSql(url, field, 'must start with sqlite: or postgres://');
}

function parseSql(url: string, field: string, expected: string): SqlDatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new InvalidEventStoreInputError(field, 'sqlite: needs a file path, e.g. sqlite:./data/sales-ops.db');
    return { kind: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidEventStoreInputError(field, 'is not a valid postgres:// URL');
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new InvalidEventStoreInputError(field, `${expected} (got "${url.split(':')[0]}:…")`);
}

/**
 * Where what lives beside the events is kept — checkpoints, the personal-data key table, the relay's lease, the
 * rate-limit counts: the events' own database on SQLite and PostgreSQL; on KurrentDB, which has no tables, the read
 * models' database (READ_MODEL_URL), which is then no longer only rebuildable data: back it up with the events.
 */
export function sideDatabaseUrl(eventStoreUrl: string, readModelUrl: string | undefined): string {
  if (parseEventStoreUrl(eventStoreUrl).kind !== 'kurrentdb') return eventStoreUrl;
  if (readModelUrl === undefined || readModelUrl === '') throw new InvalidEventStoreInputError('READ_MODEL_URL', READ_MODEL_REQUIRED);
  parseSqlDatabaseUrl(readModelUrl);
  return readModelUrl;
}

/**
 * Where read models go by default: on PostgreSQL the store's own database and schema; beside a SQLite store
 * its own file (`sales-ops.db` → `sales-ops.read-models.db`), so that rebuilding never holds the events' write lock.
 * KurrentDB has no default: READ_MODEL_URL must be given (refused here, naming it).
 */
export function defaultReadModelUrl(eventStoreUrl: string): string {
  const target = parseEventStoreUrl(eventStoreUrl);
  if (target.kind === 'kurrentdb') throw new InvalidEventStoreInputError('READ_MODEL_URL', READ_MODEL_REQUIRED);
  if (target.kind === 'postgres') return eventStoreUrl;
  if (target.path === ':memory:') return 'sqlite::memory:';
  return `sqlite:${target.path.replace(/(\.[^./\\]+)?$/, (extension) => `.read-models${extension}`)}`;
}
