/**
 * The documents of one collection filed by the business time they cover, so that a reader asking about a
 * period touches only the documents that may overlap it (GET /kpis over a month of a years-long history).
 * Time is cut into slots of about 25 days; a closed document is filed under the slots of its start and of
 * its end, an open one (end = Infinity) under the slot of its start. A query visits the open documents of
 * every slot that starts by its end, and the closed ones whose end slot reaches its start: every document
 * that overlaps, plus at most the rest of the slots at the edges. Callers still check each document's own
 * times.
 */
import type { TimeSpan } from './projection';

const SLOT_MS = 2 ** 31;

/** A document's place: the slot of its start, and of its end (Infinity while open). */
interface Place {
  readonly start: number;
  readonly end: number;
}

interface StartSlot {
  readonly open: Map<string, unknown>;
  /** Closed documents by the slot of their end. */
  readonly closed: Map<number, Map<string, unknown>>;
}

export class TimeSpanIndex {
  private readonly slots = new Map<number, StartSlot>();
  private readonly places = new Map<string, Place>();

  constructor(private readonly spanOf: (document: never) => TimeSpan) {}

  put(key: string, document: unknown): void {
    const [start, end] = this.spanOf(document as never);
    const place = { start: slotOf(start), end: end === Number.POSITIVE_INFINITY ? end : slotOf(end) };
    const previous = this.places.get(key);
    if (previous !== undefined && (previous.start !== place.start || previous.end !== place.end)) this.remove(key, previous);
    this.documentsAt(place).set(key, document);
    this.places.set(key, place);
  }

  delete(key: string): void {
    const place = this.places.get(key);
    if (place === undefined) return;
    this.remove(key, place);
    this.places.delete(key);
  }

  /** Every document whose span overlaps [from, to], and perhaps some near its edges that do not. */
  *overlapping<T>(from: number, to: number): IterableIterator<T> {
    const first = slotOf(from);
    const last = slotOf(to);
    for (const [start, slot] of this.slots) {
      if (start > last) continue;
      yield* slot.open.values() as IterableIterator<T>;
      for (const [end, documents] of slot.closed) if (end >= first) yield* documents.values() as IterableIterator<T>;
    }
  }

  private documentsAt(place: Place): Map<string, unknown> {
    let slot = this.slots.get(place.start);
    if (slot === undefined) this.slots.set(place.start, (slot = { open: new Map(), closed: new Map() }));
    if (place.end === Number.POSITIVE_INFINITY) return slot.open;
    let documents = slot.closed.get(place.end);
    if (documents === undefined) slot.closed.set(place.end, (documents = new Map()));
    return documents;
  }

  private remove(key: string, place: Place): void {
    const slot = this.slots.get(place.start)!;
    if (place.end === Number.POSITIVE_INFINITY) slot.open.delete(key);
    else slot.closed.get(place.end)!.delete(key);
  }
}

/** A span without a start (NaN, or none of its times set) lands in a slot every query visits. */
function slotOf(time: number): number {
  return Number.isFinite(time) ? Math.floor(time / SLOT_MS) : Number.NEGATIVE_INFINITY;
}
