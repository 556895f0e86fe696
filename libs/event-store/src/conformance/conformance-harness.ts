import type { EventStore, NewEvent } from '../event-store.port';

/** An append whose transaction stays open until commit() or rollback(): a slow writer. */
interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** What an adapter's test file gives the shared conformance suite. */
export interface ConformanceHarness {
  readonly name: string;
  /** A new, empty store. `idleRecheckMs` overrides the live subscription's safety re-check. */
  openStore(options?: { idleRecheckMs?: number }): Promise<EventStore>;
  /** A second store instance on the same storage (another process, as far as the store can tell). */
  openSecondInstance(store: EventStore, options?: { idleRecheckMs?: number }): Promise<EventStore>;
  /** Records a schema version in the storage of `store`, as a newer build would. */
  recordSchemaVersion(store: EventStore, version: number): Promise<void>;
  readonly gap: {
    /**
     * True where concurrent write transactions can commit out of sequence order (PostgreSQL).
     * False where a second writer must wait for the first (SQLite's single write lock).
     */
    readonly writersInterleave: boolean;
    /** Starts a raw append of one event in its own transaction and leaves it open. */
    holdOpenAppend(store: EventStore, streamId: string, event: NewEvent): Promise<HeldAppend>;
    /** A naive reader: events whose sequence number is above `after`, by sequence number. */
    naiveReadAfter(store: EventStore, after: number): Promise<Array<{ eventId: string; sequence: number }>>;
  };
}
