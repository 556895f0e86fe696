/**
 * libs/event-store — owns the EventStore port, its adapters (SQLite, PostgreSQL) and the conformance
 * suite they all pass. It knows nothing of leads, deals or accounts: events are JSON to it, which it hands
 * to readers upcast to their current schema version by the catalogue of libs/contracts, its one dependency.
 * It must not import any bounded context, projection or framework code beyond its own Nest module.
 */
export * from './event-store.port';
export * from './event-store.errors';
export * from './global-position';
export {
  defaultReadModelUrl,
  openCheckpointStore,
  openEventStore,
  parseEventStoreUrl,
  type EventStoreTarget,
  type OpenEventStoreOptions,
} from './open-event-store';
export type { CheckpointStore } from './checkpoints/checkpoint-store.port';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { PASS_THROUGH_THREAD_LIMITS, workerEntry } from './worker-entry';
export { toPlainEvent } from './event-columns';
export { EventStoreModule, EVENT_STORE, CHECKPOINT_STORE } from './event-store.module';
