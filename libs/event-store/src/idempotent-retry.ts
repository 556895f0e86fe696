/**
 * A retried command re-appends events whose ids are already stored. That is a no-op returning the
 * original result, provided every event is the same one; anything else is a reused id, and an error.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PreparedEvent } from './append-input';
import { EventIdConflictError } from './event-store.errors';
import type { AppendResult } from './event-store.port';
import type { GlobalPosition } from './global-position';

interface StoredIdentity {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly position: GlobalPosition;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
}

export function resolveRetry(
  streamId: string,
  events: readonly PreparedEvent[],
  stored: readonly StoredIdentity[],
): AppendResult {
  const byId = new Map(stored.map((event) => [event.eventId, event]));
  let last: StoredIdentity | undefined;
  for (const event of events) {
    const original = byId.get(event.eventId);
    if (!original) {
      throw new EventIdConflictError(
        stored[0]!.eventId,
        `while event ${event.eventId} of the same append is not: an append is retried whole or not at all`,
      );
    }
    if (original.streamId !== streamId) {
      throw new EventIdConflictError(event.eventId, `in stream "${original.streamId}"`);
    }
    if (
      original.type !== event.type ||
      original.schemaVersion !== event.schemaVersion ||
      !isDeepStrictEqual(original.data, JSON.parse(event.data)) ||
      !isDeepStrictEqual(original.metadata, JSON.parse(event.metadata))
    ) {
      throw new EventIdConflictError(event.eventId, 'with different content');
    }
    if (!last || original.streamRevision > last.streamRevision) last = original;
  }
  return { nextExpectedRevision: last!.streamRevision, position: last!.position, written: false };
}
