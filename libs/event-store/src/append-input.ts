/**
 * Checks everything a caller hands to append() before any adapter touches storage, and serialises the
 * events once. Shared by every adapter so that they reject exactly the same input.
 */
import { newUuidV7 } from './new-uuid-v7';
import { InvalidEventStoreInputError } from './event-store.errors';
import type { ExpectedRevision, NewEvent } from './event-store.port';

const MAX_STREAM_ID_LENGTH = 256;
const MAX_EVENTS_PER_APPEND = 10_000;
const MAX_EVENT_BYTES = 8 * 1024 * 1024;
/** All events of one append together; PostgreSQL takes an append as one jsonb value (at most 256 MiB). */
const MAX_APPEND_BYTES = 64 * 1024 * 1024;
/** Years 1 to 9999: what both stores keep exactly. */
const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

/** An event ready to store: checked, with its id and time fixed and its JSON written. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly occurredAt: number;
}

export function checkStreamId(streamId: unknown, field = 'streamId'): string {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidEventStoreInputError(field, 'must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidEventStoreInputError(field, `must be at most ${MAX_STREAM_ID_LENGTH} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(streamId) || !streamId.isWellFormed()) {
    throw new InvalidEventStoreInputError(field, 'must not contain control characters or broken Unicode');
  }
  return streamId;
}

export function checkExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === 'no-stream' || expected === 'exists' || expected === 'any') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new InvalidEventStoreInputError(
    'expectedRevision',
    `must be a revision (integer ≥ 0), 'no-stream', 'exists' or 'any'; got ${describe(expected)}`,
  );
}

export function prepareEvents(events: unknown, now: Date = new Date()): PreparedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventStoreInputError('events', 'must be a non-empty array');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidEventStoreInputError('events', `must hold at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const seen = new Set<string>();
  let characters = 0;
  const prepared = events.map((event: unknown, index) => {
    const one = prepareEvent(event, `events[${index}]`, now);
    if (seen.has(one.eventId)) {
      throw new InvalidEventStoreInputError(`events[${index}].eventId`, 'appears twice in one append');
    }
    seen.add(one.eventId);
    characters += one.data.length + one.metadata.length;
    return one;
  });
  // A UTF-16 unit is one to three bytes of UTF-8: count bytes only when the limit may be near.
  if (characters * 3 > MAX_APPEND_BYTES && prepared.reduce((sum, one) => sum + byteLength(one.data, one.metadata), 0) > MAX_APPEND_BYTES) {
    throw new InvalidEventStoreInputError('events', `must serialise to at most ${MAX_APPEND_BYTES} bytes of JSON in all`);
  }
  return prepared;
}

/** A Date both stores keep exactly. */
export function checkInstant(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidEventStoreInputError(field, 'must be a valid Date');
  }
  const time = value.getTime();
  if (time < EARLIEST_INSTANT || time > LATEST_INSTANT) {
    throw new InvalidEventStoreInputError(field, 'must be between the years 1 and 9999');
  }
  return time;
}

export interface PreparedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: PreparedEvent[];
}

/** Checks the appends of an appendMany: each as append() would, each stream once, every id once. */
export function prepareAppends(appends: unknown, now: Date = new Date()): PreparedAppend[] {
  if (!Array.isArray(appends) || appends.length === 0) throw new InvalidEventStoreInputError('appends', 'must be a non-empty array');
  const streams = new Set<string>();
  const ids = new Set<string>();
  let total = 0;
  return appends.map((append: unknown, index) => {
    const path = `appends[${index}]`;
    if (typeof append !== 'object' || append === null) throw new InvalidEventStoreInputError(path, 'must be { streamId, events, expectedRevision }');
    const { streamId, events, expectedRevision } = append as Record<string, unknown>;
    const prepared = withPath(path, () => ({
      streamId: checkStreamId(streamId),
      expected: checkExpectedRevision(expectedRevision),
      events: prepareEvents(events, now),
    }));
    if (streams.has(prepared.streamId)) throw new InvalidEventStoreInputError(`${path}.streamId`, 'appears twice: give each stream one append');
    streams.add(prepared.streamId);
    prepared.events.forEach((event, eventIndex) => {
      if (ids.has(event.eventId)) throw new InvalidEventStoreInputError(`${path}.events[${eventIndex}].eventId`, 'appears twice in one appendMany');
      ids.add(event.eventId);
    });
    total += prepared.events.length;
    if (total > MAX_EVENTS_PER_APPEND) throw new InvalidEventStoreInputError('appends', `must hold at most ${MAX_EVENTS_PER_APPEND} events in all`);
    return prepared;
  });
}

function withPath<T>(path: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidEventStoreInputError) throw new InvalidEventStoreInputError(`${path}.${error.field}`, error.reason);
    throw error;
  }
}

function prepareEvent(value: unknown, path: string, now: Date): PreparedEvent {
  if (!isPlainObject(value)) throw new InvalidEventStoreInputError(path, 'must be an object');
  const event = value as Partial<NewEvent>;

  let eventId: string;
  if (event.eventId === undefined) eventId = newUuidV7();
  else if (typeof event.eventId === 'string' && UUID.test(event.eventId)) eventId = event.eventId;
  else throw new InvalidEventStoreInputError(`${path}.eventId`, 'must be a lower-case UUID');

  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidEventStoreInputError(
      `${path}.type`,
      'must start with a letter and hold at most 128 letters, digits or _ . : -',
    );
  }

  const schemaVersion = event.schemaVersion ?? 1;
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 32_767) {
    throw new InvalidEventStoreInputError(`${path}.schemaVersion`, 'must be an integer from 1 to 32767');
  }

  const occurredAt = checkInstant(event.occurredAt ?? now, `${path}.occurredAt`);

  if (event.data === undefined) throw new InvalidEventStoreInputError(`${path}.data`, 'is required');
  checkJson(event.data, `${path}.data`);
  checkMetadata(event.metadata, `${path}.metadata`);

  const data = JSON.stringify(event.data);
  const metadata = JSON.stringify(event.metadata);
  if (data.length + metadata.length > MAX_EVENT_BYTES / 3 && byteLength(data, metadata) > MAX_EVENT_BYTES) {
    throw new InvalidEventStoreInputError(path, `must serialise to at most ${MAX_EVENT_BYTES} bytes of JSON`);
  }
  return { eventId, type: event.type, schemaVersion, data, metadata, occurredAt };
}

function checkMetadata(metadata: unknown, path: string): void {
  if (!isPlainObject(metadata)) throw new InvalidEventStoreInputError(path, 'must be an object');
  const { correlationId, causationId, actor } = metadata as Record<string, unknown>;
  if (typeof correlationId !== 'string' || correlationId === '') {
    throw new InvalidEventStoreInputError(`${path}.correlationId`, 'must be a non-empty string');
  }
  if (causationId !== null && (typeof causationId !== 'string' || causationId === '')) {
    throw new InvalidEventStoreInputError(`${path}.causationId`, 'must be a non-empty string or null');
  }
  if (!isPlainObject(actor)) throw new InvalidEventStoreInputError(`${path}.actor`, 'must be { userId, role }');
  for (const key of ['userId', 'role'] as const) {
    const part = (actor as Record<string, unknown>)[key];
    if (typeof part !== 'string' || part === '') {
      throw new InvalidEventStoreInputError(`${path}.actor.${key}`, 'must be a non-empty string');
    }
  }
  checkJson(metadata, path);
}

/**
 * Only values whose meaning survives a JSON round trip are stored: plain objects, arrays without holes,
 * finite numbers, booleans, null and well-formed strings (and keys) without NUL, which PostgreSQL's jsonb
 * refuses. Properties whose value is undefined are dropped, as JSON drops them; -0 comes back as 0, and
 * PostgreSQL may return an object's keys in another order.
 */
function checkJson(value: unknown, path: string, ancestors: object[] = []): void {
  switch (typeof value) {
    case 'string':
      checkStorableText(value, path);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventStoreInputError(path, `${value} is not a JSON number`);
      return;
    case 'object':
      checkJsonContainer(value, path, ancestors);
      return;
    default:
      throw new InvalidEventStoreInputError(path, `a ${typeof value} cannot be stored as JSON`);
  }
}

function checkJsonContainer(value: object | null, path: string, ancestors: object[]): void {
  if (value === null) return;
  if (ancestors.includes(value)) throw new InvalidEventStoreInputError(path, 'refers back to itself (circular)');
  if (ancestors.length >= 64) throw new InvalidEventStoreInputError(path, 'is nested more than 64 levels deep');
  const inside = [...ancestors, value];
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      // A hole or an undefined item would come back as null.
      if (value[index] === undefined) throw new InvalidEventStoreInputError(`${path}[${index}]`, 'is undefined (or a hole)');
      checkJson(value[index], `${path}[${index}]`, inside);
    }
    return;
  }
  if (!isPlainObject(value)) {
    const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain object';
    throw new InvalidEventStoreInputError(path, `is a ${kind}, not plain JSON`);
  }
  for (const [key, item] of Object.entries(value)) {
    checkStorableText(key, `${path}.${key}`);
    if (item !== undefined) checkJson(item, `${path}.${key}`, inside);
  }
}

/** Text both stores keep: no NUL (PostgreSQL's jsonb and text refuse it), no lone UTF-16 surrogate. */
export function checkStorableText(value: string, path: string): void {
  if (value.includes('\u0000')) throw new InvalidEventStoreInputError(path, 'must not contain NUL characters');
  if (!value.isWellFormed()) throw new InvalidEventStoreInputError(path, 'contains a lone UTF-16 surrogate');
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function byteLength(...parts: string[]): number {
  return parts.reduce((sum, part) => sum + Buffer.byteLength(part, 'utf8'), 0);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return `a ${typeof value}`;
}
