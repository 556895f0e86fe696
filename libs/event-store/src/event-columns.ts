import { currentSchemaVersion, upcastEventData } from '#libs/contracts';
import type { EventMetadata, StoredEvent } from './event-store.port';

/**
 * A stored event as both stores' page, stream and lookup queries select it, in this order (each store's
 * EVENT_COLUMNS), data and metadata still JSON text: cheap to hand from a thread to another. PostgreSQL
 * adds its transaction id, the commit part of a position; on SQLite commit and prepare are the position.
 */
export type EventColumns = [
  position: number,
  eventId: string,
  streamId: string,
  streamRevision: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  occurredAt: number,
  recordedAt: number,
  transactionId?: number,
];

/**
 * The version an event of `type` stored at `stored` is read at: the catalogue's current one (libs/contracts),
 * or its own for a type outside the catalogue or a version newer than this code knows.
 */
function readVersion(type: string, stored: number): number {
  const current = currentSchemaVersion(type);
  return current !== undefined && current > stored ? current : stored;
}

/** The data of a row at the version it is read at: upcast here, the one place, for every reader of the store. */
function readData(row: EventColumns, version: number): unknown {
  const data = JSON.parse(row[6]) as unknown;
  return version === row[5] ? data : upcastEventData(row[4], row[5], data);
}

/**
 * An event's version and data as every reader of the store gets them, for an adapter that does not read rows
 * (KurrentDB): upcast to its type's current schema version as above.
 */
export function atReadVersion(type: string, storedVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
  const schemaVersion = readVersion(type, storedVersion);
  return { schemaVersion, data: schemaVersion === storedVersion ? data : upcastEventData(type, storedVersion, data) };
}

/** Decodes a row where the event is used (its data upcast to its type's current schema version). */
export function toStoredEvent(row: EventColumns): StoredEvent {
  return decoded(row, JSON.parse(row[7]) as EventMetadata);
}

/** A row's position in the global order. */
export function positionOf(row: EventColumns): StoredEvent['position'] {
  return { commit: row[10] ?? row[0], prepare: row[0] };
}

/** A row's event, with the metadata given (parsed, or not yet: a catch-up event keeps it aside). */
function decoded<M>(row: EventColumns, metadata: M): Omit<StoredEvent, 'metadata'> & { metadata: M } {
  const schemaVersion = readVersion(row[4], row[5]);
  return {
    eventId: row[1],
    type: row[4],
    schemaVersion,
    streamId: row[2],
    streamRevision: row[3],
    position: positionOf(row),
    occurredAt: new Date(row[8]),
    recordedAt: new Date(row[9]),
    data: readData(row, schemaVersion),
    metadata,
  };
}

/**
 * Decodes a row of a long catch-up (a catch-up thread's page): as toStoredEvent, but the metadata is
 * parsed the first time it is read. A projection's rebuild reads every event's data and hardly any
 * event's metadata, and parsing it was a tenth of a rebuild's time on SQLite.
 *
 * `metadata` is an accessor here, not an own property: JSON.stringify (toJSON) writes it, a spread
 * (`{ ...event }`) or structuredClone would leave it out — use toPlainEvent() for a plain copy.
 */
export function toCatchUpEvent(row: EventColumns): StoredEvent {
  return CatchUpEvent.fromRow(row);
}

/** The event as a plain object (metadata parsed, an own property), whatever decoded it. */
export function toPlainEvent(event: StoredEvent): StoredEvent {
  return event instanceof CatchUpEvent ? event.toJSON() : event;
}

/**
 * The event with other data (and, when given, the personal fields that read as erased), whatever decoded it: a
 * catch-up thread's event keeps parsing its metadata when first read.
 */
export function withData(event: StoredEvent, data: unknown, erasedFields?: readonly string[]): StoredEvent {
  const copy = event instanceof CatchUpEvent ? event.withData(data) : { ...event, data };
  return erasedFields === undefined ? copy : Object.assign(copy, { erasedFields });
}

class CatchUpEvent implements StoredEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly position: StoredEvent['position'];
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly data: unknown;
  readonly erasedFields?: readonly string[];
  #metadata: string | EventMetadata;

  constructor(envelope: Omit<StoredEvent, 'metadata'>, metadata: string | EventMetadata) {
    this.eventId = envelope.eventId;
    this.type = envelope.type;
    this.schemaVersion = envelope.schemaVersion;
    this.streamId = envelope.streamId;
    this.streamRevision = envelope.streamRevision;
    this.position = envelope.position;
    this.occurredAt = envelope.occurredAt;
    this.recordedAt = envelope.recordedAt;
    this.data = envelope.data;
    if (envelope.erasedFields !== undefined) this.erasedFields = envelope.erasedFields;
    this.#metadata = metadata;
  }

  static fromRow(row: EventColumns): CatchUpEvent {
    return new CatchUpEvent(decoded(row, undefined), row[7]);
  }

  /** A copy with other data: the same envelope, the metadata still unparsed when it was. */
  withData(data: unknown): CatchUpEvent {
    const { eventId, type, schemaVersion, streamId, streamRevision, position, occurredAt, recordedAt } = this;
    return new CatchUpEvent({ eventId, type, schemaVersion, streamId, streamRevision, position, occurredAt, recordedAt, data }, this.#metadata);
  }

  get metadata(): EventMetadata {
    if (typeof this.#metadata === 'string') this.#metadata = JSON.parse(this.#metadata) as EventMetadata;
    return this.#metadata;
  }

  toJSON(): StoredEvent {
    const { eventId, type, schemaVersion, streamId, streamRevision, position, occurredAt, recordedAt, data, metadata, erasedFields } = this;
    const plain = { eventId, type, schemaVersion, streamId, streamRevision, position, occurredAt, recordedAt, data, metadata };
    return erasedFields === undefined ? plain : { ...plain, erasedFields };
  }
}
