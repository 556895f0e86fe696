/**
 * libs/event-store — owns the EventStore port, its adapters (SQLite, PostgreSQL, KurrentDB) and the conformance
 * suite they all pass. It knows nothing of leads, deals or accounts: events are JSON to it, which it hands
 * to readers upcast to their current schema version by the catalogue of libs/contracts, its one dependency.
 * It must not import any bounded context, projection or framework code beyond its own Nest module.
 */
export * from './event-store.port';
export * from './event-store.errors';
export * from './global-position';
export { newUuidV7 } from './new-uuid-v7';
export {
  defaultReadModelUrl,
  openCheckpointStore,
  openEventStore,
  openPersonalDataStore,
  rotatePrivacyMasterKey,
  parseEventStoreUrl,
  parseSqlDatabaseUrl,
  sideDatabaseUrl,
  type EventStoreTarget,
  type SqlDatabaseTarget,
  type OpenEventStoreOptions,
  type OpenPersonalDataStoreOptions,
} from './open-event-store';
export { PersonalDataStore, inView, type PersonalDataView } from './privacy/personal-data-store';
export { SubjectKeys, parseMasterKey } from './privacy/subject-keys';
export { SEALED_MEMBER, erasedAsNull, sealedOf, type SealedPersonalData } from './privacy/personal-data-envelope';
export { SqliteSubjectKeyTable, PostgresSubjectKeyTable, type SubjectKeyTable } from './privacy/key-table';
export type { CheckpointStore } from './checkpoints/checkpoint-store.port';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { parseKurrentDbUrl, type KurrentDbTarget } from './kurrentdb/kurrentdb-url';
export { isConnectionFailure } from './postgres/postgres-pages';
export { PASS_THROUGH_THREAD_LIMITS, workerEntry } from './worker-entry';
export { toPlainEvent } from './event-columns';
export { EventStoreModule, EVENT_STORE, CHECKPOINT_STORE } from './event-store.module';
