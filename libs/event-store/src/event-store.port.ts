/**
 * The event store port: the only way any part of Sales-ops writes or reads history.
 * Free of SQL on purpose, so that SQLite, PostgreSQL and KurrentDB fit behind it.
 */
import type { GlobalPosition } from './global-position';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The revision the caller believes the stream is at. Revisions start at 0 for a stream's first event,
 * so a number is the revision of the stream's last event.
 */
export type ExpectedRevision = number | 'no-stream' | 'exists' | 'any';

export interface EventMetadata {
  /** The request, import or process that this event belongs to; shared by everything it caused. */
  readonly correlationId: string;
  /** The command or event that directly caused this one; null for a command a person sent. */
  readonly causationId: string | null;
  /** Who caused it: a person or a service, as the writer names them (libs/contracts' Actor for Sales-ops). */
  readonly actor: { readonly userId: string; readonly role: string };
  readonly [key: string]: unknown;
}

/** An event as a command handler hands it to the store. */
export interface NewEvent<Data = unknown> {
  /**
   * UUID; a UUIDv7 is generated when absent. Re-appending a stored id is an idempotent no-op, so a caller
   * that may retry after an unknown outcome (a connection lost during the commit) fixes the ids first.
   */
  readonly eventId?: string;
  readonly type: string;
  /** Version of this event type's schema (libs/contracts); 1 when absent. */
  readonly schemaVersion?: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** When it happened in the business; the moment of the append when absent. */
  readonly occurredAt?: Date;
}

/** The envelope every stored event has. */
export interface StoredEvent<Data = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly position: GlobalPosition;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /**
   * The personal fields (dotted paths, e.g. `contact.email`) this event held for a data subject that has since
   * been erased: absent from `data`, to be shown as erased. Undefined when none was erased.
   */
  readonly erasedFields?: readonly string[];
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

/** One stream's part of an appendMany. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event appended: pass it as expectedRevision to append after it. */
  readonly nextExpectedRevision: number;
  /**
   * Position of the last event appended. It names the event; it is no checkpoint to subscribe from (on
   * PostgreSQL an older transaction may still commit events that sort before it): use 'end' for that.
   */
  readonly position: GlobalPosition;
  /** False when every event was already stored (an idempotent retry): nothing was written. */
  readonly written: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: number;
  readonly direction?: ReadDirection;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Only these event types. */
  readonly eventTypes?: readonly string[];
  /** Only streams whose id starts with this text, e.g. `lead-`. */
  readonly streamPrefix?: string;
}

/** Where a global read starts. A position is exclusive: reading resumes after it (a checkpoint). */
export type ReadAllFrom = 'start' | GlobalPosition;

export interface ReadAllOptions {
  readonly from?: ReadAllFrom;
  /** Events fetched per round trip; also the most that is held in memory at once. */
  readonly batchSize?: number;
  readonly filter?: EventFilter;
  /** Inclusive upper bounds: stop after this position, or skip events recorded after this time. */
  readonly until?: { readonly position?: GlobalPosition; readonly recordedAt?: Date };
}

export type SubscriptionState = 'catching-up' | 'live' | 'closed';

export interface SubscriptionStatus {
  readonly state: SubscriptionState;
  /** Position of the last event delivered, or 'start'. */
  readonly position: ReadAllFrom;
}

export interface SubscribeOptions {
  /** 'start', 'end' (only what is appended from now on), or a checkpoint (exclusive). */
  readonly from?: ReadAllFrom | 'end';
  readonly filter?: EventFilter;
  readonly batchSize?: number;
  /** Called when the subscription catches up ('live') and when it falls behind ('catching-up'). */
  readonly onStatus?: (status: SubscriptionStatus) => void;
  /**
   * Read the pages of the catch-up on a worker thread of the store's own, beside the subscriber: for a
   * subscriber that works hard on a long history (a projection's rebuild). Live pages are read as usual.
   * A store that cannot (an in-memory one, another source of events) reads them as without. The events
   * of such pages parse their metadata when it is first read (an accessor, not an own property: copy one
   * with toPlainEvent(), not a spread).
   */
  readonly catchUpThread?: boolean;
}

/**
 * Catch-up then live: every committed event in global order, no gap, no duplicate. Iterate it with
 * `for await`; leaving the loop or calling close() ends it.
 */
export interface Subscription extends AsyncIterable<StoredEvent> {
  readonly status: SubscriptionStatus;
  close(): Promise<void>;
}

export type EventStoreKind = 'sqlite' | 'postgres' | 'kurrentdb';

export interface EventStoreHealth {
  readonly kind: EventStoreKind;
  readonly reachable: boolean;
  readonly schemaVersion: number | null;
  readonly error?: string;
}

export interface EventStore {
  readonly kind: EventStoreKind;
  /** Atomic: all events are written or none; the stream's revision is checked first. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Several streams in one atomic write, in the order given (for imports and bulk loads): every append is
   * checked against its expected revision, and one that fails writes nothing of any. Results in order.
   * KurrentDB has no transaction across streams: there a conflict seen before the first write still writes nothing,
   * but a failure part-way leaves the streams before it written, and the same batch (same event ids) run again
   * completes it exactly once (kurrentdb-event-store.ts; the conformance harness states each store's guarantees).
   */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Streams one stream's events; an unknown stream yields nothing. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  /** Streams all committed events in global order, in batches. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribe(options?: SubscribeOptions): Subscription;
  /**
   * The newest event a reader can see ('start' for an empty store): what lag is measured against. On
   * PostgreSQL, events of transactions still in flight are not counted yet.
   */
  headPosition(): Promise<ReadAllFrom>;
  health(): Promise<EventStoreHealth>;
  close(): Promise<void>;
}
