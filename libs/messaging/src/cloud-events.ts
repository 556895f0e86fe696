/**
 * The Kafka form of a stored event: CloudEvents 1.0 in binary content mode (the Kafka protocol binding).
 * The value is the event's data as JSON; the attributes travel as `ce_` headers; the key is the stream id.
 * Besides the required attributes, every message carries the store's own coordinates as CloudEvents
 * extensions (lower-case letters only, as the spec asks), so that a consumer can check order, versions and
 * causation without the store.
 */
import { SEALED_MEMBER, decodePosition, encodePosition, sealedOf, type StoredEvent } from '#libs/event-store';
import type { SealedPersonalFields } from '#libs/event-sourcing';
import { eventDefinition } from '#libs/contracts';

export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  partitionkey: 'ce_partitionkey',
  streamrevision: 'ce_streamrevision',
  globalposition: 'ce_globalposition',
  schemaversion: 'ce_schemaversion',
  recordedat: 'ce_recordedat',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  actoruserid: 'ce_actoruserid',
  actorrole: 'ce_actorrole',
  /** The command's trace (W3C), when it was traced: CloudEvents' distributed-tracing extension. */
  traceparent: 'ce_traceparent',
  /** Set by the relay: `<last position of the send>;<events in it>` (see KafkaEventSource). */
  relaybatch: 'ce_relaybatch',
  contentType: 'content-type',
} as const;

export interface KafkaEventMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** `sales-ops/<context>`: the context that owns the event type (a URI reference, as ce_source must be). */
export function sourceOf(eventType: string): string {
  return `sales-ops/${eventDefinition(eventType).context}`;
}

export function toKafkaMessage(event: StoredEvent): KafkaEventMessage {
  const headers: Record<string, string> = {
    [CE_HEADERS.specversion]: '1.0',
    [CE_HEADERS.id]: event.eventId,
    [CE_HEADERS.type]: event.type,
    [CE_HEADERS.source]: sourceOf(event.type),
    [CE_HEADERS.time]: event.occurredAt.toISOString(),
    [CE_HEADERS.partitionkey]: event.streamId,
    [CE_HEADERS.streamrevision]: String(event.streamRevision),
    [CE_HEADERS.globalposition]: encodePosition(event.position),
    [CE_HEADERS.schemaversion]: String(event.schemaVersion),
    [CE_HEADERS.recordedat]: event.recordedAt.toISOString(),
    [CE_HEADERS.correlationid]: event.metadata.correlationId,
    [CE_HEADERS.actoruserid]: event.metadata.actor.userId,
    [CE_HEADERS.actorrole]: event.metadata.actor.role,
    [CE_HEADERS.contentType]: 'application/json',
  };
  if (event.metadata.causationId !== null) headers[CE_HEADERS.causationid] = event.metadata.causationId;
  if (typeof event.metadata.traceparent === 'string') headers[CE_HEADERS.traceparent] = event.metadata.traceparent;
  return { key: event.streamId, value: JSON.stringify(event.data), headers };
}

/** A message that is not a Sales-ops CloudEvent (a header missing or malformed): it cannot be handled. */
export class MalformedEventMessageError extends Error {
  constructor(readonly field: string, reason: string) {
    super(`${field} ${reason}`);
    this.name = 'MalformedEventMessageError';
  }
}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** A stored event read back from Kafka: its personal fields, when it had some, out of its data. */
export interface KafkaStoredEvent extends StoredEvent {
  readonly personalData?: SealedPersonalFields;
}

/**
 * The stored event a message carries, as a consumer sees it: the personal fields (sealed, or erased) are taken out
 * of its data and named in `personalData`, so that the data is what the catalogue's schema describes. Throws
 * MalformedEventMessageError.
 */
export function fromKafkaMessage(message: { key: Buffer | string | null; value: Buffer | string | null; headers?: RawHeaders }): KafkaStoredEvent {
  const header = (name: string, required = true): string | undefined => {
    const raw = message.headers?.[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) {
      if (required) throw new MalformedEventMessageError(name, 'is missing');
      return undefined;
    }
    return value.toString();
  };
  if (header(CE_HEADERS.specversion) !== '1.0') throw new MalformedEventMessageError(CE_HEADERS.specversion, 'must be 1.0');
  const integer = (name: string): number => {
    const text = header(name)!;
    if (!/^\d{1,15}$/.test(text)) throw new MalformedEventMessageError(name, `must be a non-negative integer, got "${text.slice(0, 40)}"`);
    return Number(text);
  };
  const instant = (name: string): Date => {
    const date = new Date(header(name)!);
    if (Number.isNaN(date.getTime())) throw new MalformedEventMessageError(name, 'must be an RFC 3339 time');
    return date;
  };
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? 'null');
  } catch (error) {
    throw new MalformedEventMessageError('value', `is not JSON: ${(error as Error).message}`);
  }
  let position;
  try {
    position = decodePosition(header(CE_HEADERS.globalposition)!, CE_HEADERS.globalposition);
  } catch (error) {
    throw new MalformedEventMessageError(CE_HEADERS.globalposition, (error as Error).message);
  }
  const traceparent = header(CE_HEADERS.traceparent, false);
  const event: StoredEvent = {
    eventId: header(CE_HEADERS.id)!,
    type: header(CE_HEADERS.type)!,
    schemaVersion: integer(CE_HEADERS.schemaversion),
    streamId: header(CE_HEADERS.partitionkey) ?? message.key?.toString() ?? '',
    streamRevision: integer(CE_HEADERS.streamrevision),
    position,
    occurredAt: instant(CE_HEADERS.time),
    recordedAt: instant(CE_HEADERS.recordedat),
    data,
    metadata: {
      correlationId: header(CE_HEADERS.correlationid)!,
      causationId: header(CE_HEADERS.causationid, false) ?? null,
      actor: { userId: header(CE_HEADERS.actoruserid)!, role: header(CE_HEADERS.actorrole)! },
      ...(traceparent === undefined ? {} : { traceparent }),
    },
  };
  const sealed = sealedOf(data);
  if (sealed === undefined) return event;
  const { [SEALED_MEMBER]: _sealed, ...rest } = data as Record<string, unknown>;
  const personalData = { subjectId: sealed.s, fields: sealed.f, erased: sealed.erased === true };
  return { ...event, data: rest, personalData, ...(personalData.erased ? { erasedFields: sealed.f } : {}) };
}
