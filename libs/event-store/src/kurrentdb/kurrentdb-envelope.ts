/**
 * How a Sales-ops event is laid out in a KurrentDB event, and read back. Where each part of the port's envelope lives:
 *
 * - event id, type, stream and revision: KurrentDB's own (`id`, `type`, the stream name without the store's
 *   namespace, `revision`); the global position is its `{ commit, prepare }` and recorded-at its `created`;
 * - data: the event's data as the JSON body (content type application/json), nothing added, so that KurrentDB's UI,
 *   its projections and other services read the domain event as it is;
 * - metadata (JSON), one object:
 *   `{ "$correlationId", "$causationId", "schemaVersion", "occurredAt", "appendId"?, "metadata" }`.
 *   `$correlationId` and `$causationId` are KurrentDB's own names, which its `$by_correlation_id` projection and UI
 *   understand (copies of the port's correlation and causation ids; `$causationId` is left out when null).
 *   `schemaVersion` and `occurredAt` (ISO 8601, milliseconds) are the port's fields that KurrentDB has no place for.
 *   `appendId` marks the events of one append attempt (see kurrentdb-retry.ts); it is only written where needed.
 *   `metadata` is the port's metadata exactly as the writer gave it: correlation, causation, actor and any extra key.
 *   Nesting it keeps a writer's extra keys from ever meeting ours.
 */
import type { RecordedEvent } from '@kurrent/kurrentdb-client';
import type { PreparedEvent } from '../append-input';
import { atReadVersion } from '../event-columns';
import { IncompatibleEventStoreError } from '../event-store.errors';
import type { EventMetadata, StoredEvent } from '../event-store.port';
import { toGlobalPosition, toRevision } from './kurrentdb-positions';

/** An event as the client's appendToStream takes it (its JSONEventData, with the metadata already as bytes). */
export interface KurrentDbEventData {
  readonly id: string;
  readonly contentType: 'application/json';
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Uint8Array;
}

interface Envelope {
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly appendId?: string;
  readonly metadata: EventMetadata;
}

const encoder = new TextEncoder();

export function toEventData(event: PreparedEvent, appendId?: string): KurrentDbEventData {
  const metadata = JSON.parse(event.metadata) as EventMetadata;
  // Written as text around the port's metadata, which is JSON already: what is stored is what was checked.
  const text =
    `{"$correlationId":${JSON.stringify(metadata.correlationId)},` +
    (metadata.causationId === null ? '' : `"$causationId":${JSON.stringify(metadata.causationId)},`) +
    `"schemaVersion":${event.schemaVersion},"occurredAt":"${new Date(event.occurredAt).toISOString()}",` +
    (appendId === undefined ? '' : `"appendId":"${appendId}",`) +
    `"metadata":${event.metadata}}`;
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    // The client writes the body with JSON.stringify: the parsed value gives back exactly the checked text.
    data: JSON.parse(event.data) as unknown,
    // A plain Uint8Array (not a Buffer) is what the client writes as it is, without stringifying it again.
    metadata: encoder.encode(text),
  };
}

/** The event as the port delivers it: stream id without the namespace, data upcast to its type's current version. */
export function toStoredEvent(recorded: RecordedEvent, namespace: string): StoredEvent {
  if (recorded.position === undefined) {
    throw new IncompatibleEventStoreError(
      'KurrentDB returned an event without its position: servers before 22.6 do not; Sales-ops needs KurrentDB or EventStoreDB 22.6 or later',
    );
  }
  const envelope = envelopeOf(recorded.metadata);
  const stored = atReadVersion(recorded.type, envelope?.schemaVersion ?? 1, dataOf(recorded));
  const occurredAt = envelope === undefined ? recorded.created : new Date(envelope.occurredAt);
  return {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: stored.schemaVersion,
    streamId: recorded.streamId.slice(namespace.length),
    streamRevision: toRevision(recorded.revision),
    position: toGlobalPosition(recorded.position),
    occurredAt: Number.isNaN(occurredAt.getTime()) ? recorded.created : occurredAt,
    recordedAt: recorded.created,
    data: stored.data,
    // An event another tool wrote into the namespace has no envelope of ours: its metadata is passed on as it is.
    metadata: envelope?.metadata ?? ((isObject(recorded.metadata) ? recorded.metadata : {}) as unknown as EventMetadata),
  };
}

/** The append attempt an event was written by, when it was written with one. */
export function appendIdOf(recorded: RecordedEvent): string | undefined {
  return envelopeOf(recorded.metadata)?.appendId;
}

function envelopeOf(metadata: unknown): Envelope | undefined {
  if (!isObject(metadata)) return undefined;
  const { schemaVersion, occurredAt, metadata: inner } = metadata as Partial<Envelope>;
  return typeof schemaVersion === 'number' && typeof occurredAt === 'string' && isObject(inner) ? (metadata as unknown as Envelope) : undefined;
}

function dataOf(recorded: RecordedEvent): unknown {
  if (recorded.isJson) return recorded.data;
  // Not marked JSON (another tool's event): its bytes, as JSON when they are.
  const text = Buffer.from(recorded.data as Uint8Array).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
