/**
 * Idempotent appends on KurrentDB, to the port's full contract. KurrentDB keeps a retried append of the same event ids
 * from writing twice only in some cases (the expected revision of the first try, or ANY while the ids are in its
 * recent cache), compares ids only (the same id with other content is taken as the repeat), and answers a repeat as a
 * success like any other: from its answer alone a caller cannot tell "written" from "already there".
 *
 * So an append that may meet its own ids again (the caller fixed them) is decided here, not by the server:
 * 1. the stream is read for those ids: found, the append is a retry and resolveRetry (idempotent-retry.ts) answers
 *    it as the first time, or refuses a reused id (other content, beside new events);
 * 2. otherwise it is sent with the revision the stream was just read at (its expected revision checked first), and
 *    each event carries a fresh `appendId` (kurrentdb-envelope.ts);
 * 3. the events the server then names as the append's are read back: this attempt's appendId on them means written;
 *    the same ids with another appendId mean a concurrent try of the same append got there first (written: false).
 * Ids a store generates itself are new by construction, and skip all of this (one round trip).
 *
 * An id stored in another stream is not found: KurrentDB keeps event ids per stream and has no index of them across
 * streams (see the KurrentDB guarantees in conformance-harness.ts).
 */
import type { NewEvent } from '../event-store.port';
import type { PreparedEvent } from '../append-input';

/** Whether the caller fixed any event id: only then can the append meet events it already stored. */
export function hasCallerIds(events: readonly NewEvent[]): boolean {
  return events.some((event) => (event as Partial<NewEvent> | null)?.eventId !== undefined);
}

export type WrittenBy = 'this-attempt' | 'another-attempt' | 'not-these-events';

/**
 * Who wrote the events at the revisions the server gave for an append (read back in revision order): this attempt,
 * another attempt with the same ids, or neither (the server took the append as a repeat of events stored elsewhere).
 */
export function writtenBy(
  appendId: string,
  events: readonly PreparedEvent[],
  readBack: ReadonlyArray<{ readonly eventId: string; readonly appendId: string | undefined }>,
): WrittenBy {
  if (readBack.length !== events.length || readBack.some((stored, index) => stored.eventId !== events[index]!.eventId)) return 'not-these-events';
  return readBack.every((stored) => stored.appendId === appendId) ? 'this-attempt' : 'another-attempt';
}
