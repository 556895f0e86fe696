/**
 * What a store on KurrentDB reads of `$all`: its own streams (those that start with its namespace), never a system
 * stream or event (`$…`), never its own schema record, and within that what the caller's filter asks for.
 *
 * KurrentDB filters `$all` on the server by one thing at a time, the stream name or the event type (a prefix list or
 * a regular expression). The server gets the more selective of the two; every event it sends is checked again here
 * against all of it, so that what is delivered never depends on how the server read a filter.
 */
import type { RegexFilter } from '@kurrent/kurrentdb-client';
import type { EventFilter } from '../event-store.port';

/** The stream, inside the namespace, that holds the store's schema record (kurrentdb-schema.ts): reserved. */
export const SCHEMA_STREAM_ID = 'sales-ops-schema';

/**
 * The server sends a checkpoint every this many windows of filtered-out events; the adapter never uses them (see
 * kurrentdb-subscription-feed.ts on KurrentDB issue #4970), so they are asked for rarely.
 */
const CHECKPOINT_INTERVAL = 1000;

export interface StoreFilter {
  /** The filter the server applies to `$all`. */
  readonly server: RegexFilter;
  /** Whether an event (by its full stream name and type) belongs in what is read. */
  accepts(streamName: string, type: string): boolean;
}

export function storeFilter(namespace: string, filter: EventFilter | undefined): StoreFilter {
  const prefix = filter?.streamPrefix ?? '';
  const types = filter?.eventTypes;
  // Event types alone: usually a handful among many (a projection's), the better server filter. Otherwise the streams.
  const server: RegexFilter =
    types !== undefined && prefix === ''
      ? { filterOn: 'eventType', regex: `^(?:${types.map(serverRegexText).join('|')})$`, checkpointInterval: CHECKPOINT_INTERVAL }
      : { filterOn: 'streamName', regex: streamNameRegex(namespace, prefix), checkpointInterval: CHECKPOINT_INTERVAL };
  const typeSet = types === undefined ? undefined : new Set(types);
  return {
    server,
    accepts(streamName, type) {
      if (!streamName.startsWith(namespace) || streamName.startsWith('$') || type.startsWith('$')) return false;
      const streamId = streamName.slice(namespace.length);
      if (streamId === SCHEMA_STREAM_ID || !streamId.startsWith(prefix)) return false;
      return typeSet === undefined || typeSet.has(type);
    },
  };
}

/** The stream names of the store (under `prefix`): after the namespace, no `$` stream (without one) and no schema record. */
function streamNameRegex(namespace: string, prefix: string): string {
  const noSystem = namespace === '' ? '(?!\\u0024)' : '';
  return `^${serverRegexText(namespace)}${noSystem}(?!${serverRegexText(SCHEMA_STREAM_ID)}$)${serverRegexText(prefix)}`;
}

/**
 * Text as a regular expression (.NET's, on the server) that matches exactly it: every UTF-16 unit but a letter or a
 * digit written as \uXXXX, which .NET and JavaScript both read as that unit, so no character is ever special.
 */
export function serverRegexText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const char = text[index]!;
    out += /[A-Za-z0-9]/.test(char) ? char : `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return out;
}
