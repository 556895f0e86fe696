import type { EventStore, NewEvent } from '../event-store.port';

/** An append whose transaction stays open until commit() or rollback(): a slow writer. */
interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * What a store promises where stores differ. The suite tests each store against its own statement: a guarantee
 * stated true is tested as such, and one stated false is tested for what the store gives instead.
 */
export interface StoreGuarantees {
  /**
   * appendMany writes every stream or none (one transaction). False (KurrentDB, no transaction across streams): a
   * conflict seen before the first write still writes nothing, but a failure part-way leaves the streams before it
   * written, and the same batch (same event ids) run again completes it, each event stored once.
   */
  readonly appendManyAtomic: boolean;
  /** An id stored in one stream is refused in another. False: ids are unique per stream (KurrentDB keeps no index across streams). */
  readonly eventIdsUniqueAcrossStreams: boolean;
  /** Every event of one append has the same recorded-at. False: each its own (KurrentDB's `created`), never decreasing. */
  readonly oneRecordedAtPerAppend: boolean;
  /**
   * Writers that hold a write open (the gap case): 'interleave' — concurrent transactions commit out of sequence
   * order (PostgreSQL); 'serialise' — a second writer waits for the first (SQLite's write lock); 'none' — no client
   * holds a write open at all (KurrentDB: one writer, the server, and no open transactions to hold).
   */
  readonly openWriters: 'interleave' | 'serialise' | 'none';
  /**
   * The store's server takes appends only up to this many bytes, below what the port allows (64 MiB): an append
   * over it is refused as invalid input naming `events`. Undefined: the port's limits are the store's.
   */
  readonly serverMaxAppendBytes?: number;
}

/** What an adapter's test file gives the shared conformance suite. */
export interface ConformanceHarness {
  readonly name: string;
  readonly guarantees: StoreGuarantees;
  /** A new, empty store. `idleRecheckMs` overrides the live subscription's safety re-check. */
  openStore(options?: { idleRecheckMs?: number }): Promise<EventStore>;
  /** A second store instance on the same storage (another process, as far as the store can tell). */
  openSecondInstance(store: EventStore, options?: { idleRecheckMs?: number }): Promise<EventStore>;
  /**
   * Another instance on the same storage whose connection is lost after `appendsBeforeFailure` stream appends, before
   * the next one writes anything: a crash part-way through a non-atomic appendMany. Required unless appendManyAtomic.
   */
  openInterruptedInstance?(store: EventStore, appendsBeforeFailure: number): Promise<EventStore>;
  /** Records a schema version in the storage of `store`, as a newer build would. */
  recordSchemaVersion(store: EventStore, version: number): Promise<void>;
  /** Slow writers; required unless guarantees.openWriters is 'none'. */
  readonly gap?: {
    /** Starts a raw append of one event in its own transaction and leaves it open. */
    holdOpenAppend(store: EventStore, streamId: string, event: NewEvent): Promise<HeldAppend>;
    /** A naive reader: events whose sequence number is above `after`, by sequence number. */
    naiveReadAfter(store: EventStore, after: number): Promise<Array<{ eventId: string; sequence: number }>>;
  };
}
