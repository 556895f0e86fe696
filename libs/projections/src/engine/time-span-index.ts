/**
 * Where documents sit in business time, for readers that ask about a period (GET /kpis over a month of a
 * years-long history): an index of one collection's documents by the times they hold, and counts of the
 * changes on each day, under which readers cache what they computed for a period.
 *
 * Time is cut into slots of about 25 days. Every document is filed under the slots of its earliest and its
 * latest time; an open one is also listed under the slot of its start, since it covers all time after it.
 * A query for the documents holding a time in [from, to] visits the files whose first slot is not after
 * its end and whose last slot is not before its start: every such document, plus at most the rest of the
 * slots at the edges (callers check each document's own times).
 */
import { DAY_MS } from '#libs/contracts';
import type { TimeFields } from './projection';

const SLOT_MS = 2 ** 31;

/** A span without a start (none of its times set) lands in a slot every query visits. */
function slotOf(time: number): number {
  return Number.isFinite(time) ? Math.floor(time / SLOT_MS) : Number.NEGATIVE_INFINITY;
}

/** The times set in a document, in the order of the fields. */
export function timesOf(fields: TimeFields, document: unknown): number[] {
  const times: number[] = [];
  for (const field of fields.times) {
    const time = (document as Record<string, unknown>)[field];
    if (typeof time === 'number') times.push(time);
  }
  return times;
}

/** A document's place: the slots of its earliest and latest times. */
interface Place {
  readonly first: number;
  readonly last: number;
  readonly open: boolean;
}

interface Filed {
  readonly document: unknown;
  readonly last: number;
}

export class TimeSpanIndex {
  /** By the slot of the earliest time, then of the latest. */
  private readonly files = new Map<number, Map<number, Map<string, unknown>>>();
  /** Open documents by the slot of their earliest time. */
  private readonly open = new Map<number, Map<string, Filed>>();
  private readonly places = new Map<string, Place>();

  constructor(private readonly fields: TimeFields) {}

  put(key: string, document: unknown): void {
    const times = timesOf(this.fields, document);
    const first = times.length === 0 ? Number.NEGATIVE_INFINITY : slotOf(Math.min(...times));
    const last = times.length === 0 ? Number.NEGATIVE_INFINITY : slotOf(Math.max(...times));
    const place = { first, last, open: this.fields.open?.(document) ?? false };
    const previous = this.places.get(key);
    if (previous !== undefined) this.remove(key, previous);
    const byLast = this.file(this.files, place.first, () => new Map<number, Map<string, unknown>>());
    this.file(byLast, place.last, () => new Map<string, unknown>()).set(key, document);
    if (place.open) this.file(this.open, place.first, () => new Map<string, Filed>()).set(key, { document, last });
    this.places.set(key, place);
  }

  delete(key: string): void {
    const place = this.places.get(key);
    if (place === undefined) return;
    this.remove(key, place);
    this.places.delete(key);
  }

  /**
   * Every document holding a time in [from, to], and perhaps some near its edges that do not. An array
   * gathered with forEach: a KPI request walks tens of thousands of documents, and an iterator would allocate
   * a result object for each (at every level of a delegating generator).
   */
  holding<T>(from: number, to: number): T[] {
    const into: T[] = [];
    const first = slotOf(from);
    const last = slotOf(to);
    const add = (document: unknown): void => void into.push(document as T);
    this.files.forEach((byEnd, start) => {
      if (start <= last) byEnd.forEach((documents, end) => end >= first && documents.forEach(add));
    });
    return into;
  }

  /** Every document holding a time in [from, to] or open and started by `to`, and perhaps some near the edges. */
  overlapping<T>(from: number, to: number): T[] {
    const found = this.holding<T>(from, to);
    const first = slotOf(from);
    const last = slotOf(to);
    this.open.forEach((documents, start) => {
      if (start > last) return;
      // The ones whose times reach the period were listed above.
      documents.forEach((filed) => filed.last < first && found.push(filed.document as T));
    });
    return found;
  }

  /** The start of the earliest slot that files a document holding a time; undefined when none does. */
  timeFloor(): number | undefined {
    let earliest = Number.POSITIVE_INFINITY;
    this.files.forEach((byLast, first) => {
      if (first < earliest && Number.isFinite(first) && [...byLast.values()].some((documents) => documents.size > 0)) earliest = first;
    });
    return Number.isFinite(earliest) ? earliest * SLOT_MS : undefined;
  }

  private file<K, V>(map: Map<K, V>, key: K, create: () => V): V {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = create()));
    return value;
  }

  private remove(key: string, place: Place): void {
    this.files.get(place.first)!.get(place.last)!.delete(key);
    if (place.open) this.open.get(place.first)!.delete(key);
  }
}

/**
 * Changes per day (UTC): a changed document counts on the day of every time it held before or holds now;
 * a document without times counts everywhere.
 */
export class ChangeCounts {
  private readonly days = new Map<number, number>();
  private everywhere = 0;

  changed(times: readonly number[]): void {
    for (const time of times) {
      const day = Number.isFinite(time) ? Math.floor(time / DAY_MS) : Number.NEGATIVE_INFINITY;
      this.days.set(day, (this.days.get(day) ?? 0) + 1);
    }
  }

  changedEverywhere(): void {
    this.everywhere++;
  }

  countFor(from: number, to: number): number {
    let count = this.everywhere + (this.days.get(Number.NEGATIVE_INFINITY) ?? 0);
    for (let day = Math.floor(from / DAY_MS); day <= Math.floor(to / DAY_MS); day++) count += this.days.get(day) ?? 0;
    return count;
  }
}
