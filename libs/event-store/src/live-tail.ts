/**
 * One read of the newest events for every live subscription of a store instance.
 *
 * Were each live subscription to read its own page after every commit (on PostgreSQL a page, a held-back
 * probe and, filtered, a scan bound: two or three round trips each), a dozen subscriptions in one app
 * (process managers, projections, in-memory followers) would make dozens of queries per command, all asking
 * the same question. The tail asks it once: it reads the global order unfiltered after the newest event it
 * holds, keeps the last few thousand events, and answers each live subscription from memory with its own
 * filter. A subscription whose position the tail does not cover (far behind, catching up) reads for itself.
 *
 * Freshness: an answer comes from a read that began after the caller's wake-up (`seen`, the wake signal's
 * version it captured before its previous read) and after the caller's previous answer (`after` refresh
 * `refreshed`), so a commit that woke it is always in the answer, and a held-back or idle re-check always
 * looks again. Callers woken by the same commit share one read.
 */
import type { EventFilter, ReadAllFrom, StoredEvent } from './event-store.port';
import { comparePositions, type GlobalPosition } from './global-position';
import type { Page, PageReader } from './page-reader';
import type { WakeSignal } from './wake-signal';

export interface LiveTailOptions {
  /** Events one read of the tail takes at most. */
  readonly pageSize?: number;
  /** Events the tail keeps; older ones are dropped from the front. */
  readonly capacity?: number;
}

interface TailRequest {
  /** Exclusive: the caller's position. */
  readonly after: ReadAllFrom;
  readonly limit: number;
  readonly filter: EventFilter | undefined;
  /** The wake signal's version the caller saw before its previous read: the answer must be read after it. */
  readonly seen: number;
  /** The refresh that gave the caller its previous answer (0 for none): the answer must come from a later one. */
  readonly refreshed: number;
}

export interface TailPage extends Page {
  /** Which refresh of the tail this answer comes from; pass it back as `refreshed` next time. */
  readonly refresh: number;
  /** More events are committed beyond this page: read again at once rather than wait for a wake-up. */
  readonly more: boolean;
}

export function isTailPage(page: Page): page is TailPage {
  return 'refresh' in page;
}

interface Refresh {
  readonly id: number;
  /** The wake signal's version when the read began. */
  readonly version: number;
}

export class LiveTail {
  private events: StoredEvent[] = [];
  /** Every event after `from` and up to `to` is in `events`. */
  private from: ReadAllFrom | undefined;
  private to: ReadAllFrom | undefined;
  private last: (Refresh & { readonly heldBack: boolean; readonly more: boolean }) | undefined;
  private running: Promise<void> | undefined;
  private refreshes = 0;
  private readonly pageSize: number;
  private readonly capacity: number;

  constructor(
    private readonly reader: PageReader,
    private readonly signal: WakeSignal,
    options: LiveTailOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.capacity = Math.max(options.capacity ?? 10_000, this.pageSize);
  }

  /** The caller's next page, or undefined when the tail does not cover its position (it reads for itself). */
  async read(request: TailRequest): Promise<TailPage | undefined> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.from !== undefined && before(request.after, this.from)) return undefined;
      const last = this.last;
      const answer = this.from === undefined || before(this.to!, request.after) ? undefined : this.answer(request);
      // A full page needs no fresher read: everything in it is committed and safe.
      if (answer && last && answer.events.length === request.limit) return { ...answer, heldBack: false, refresh: request.refreshed, more: true };
      if (answer && last && last.id > request.refreshed && last.version >= request.seen) {
        return { ...answer, heldBack: last.heldBack, refresh: last.id, more: last.more };
      }
      // Past what the tail holds (it was started, or last moved, at an older position): start again there.
      if (this.to === undefined || before(this.to, request.after)) {
        this.events = [];
        this.from = request.after;
        this.to = request.after;
      }
      this.running = this.refresh().finally(() => (this.running = undefined));
    }
  }

  private async refresh(): Promise<void> {
    const started: Refresh = { id: ++this.refreshes, version: this.signal.current };
    const to = this.to!;
    const page = await this.reader.readPage({ after: to, limit: this.pageSize });
    if (page.events.length > 0) {
      this.events.push(...page.events);
      this.to = page.events[page.events.length - 1]!.position;
    }
    const drop = this.events.length - this.capacity;
    if (drop > 0) {
      this.from = this.events[drop - 1]!.position;
      this.events = this.events.slice(drop);
    }
    this.last = { ...started, heldBack: page.heldBack, more: page.events.length === this.pageSize };
  }

  /** The events after the request's position that match its filter, at most its limit. */
  private answer(request: TailRequest): Omit<Page, 'heldBack'> {
    const { after, limit, filter } = request;
    const events: StoredEvent[] = [];
    let index = after === 'start' ? 0 : firstAfter(this.events, after);
    for (; index < this.events.length && events.length < limit; index += 1) {
      const event = this.events[index]!;
      if (matches(event, filter)) events.push(event);
    }
    // Not full: the caller may go on from the newest event the tail holds (what did not match is behind it).
    if (events.length < limit && this.to !== 'start' && this.to !== undefined) {
      const lastDelivered = events.at(-1)?.position ?? after;
      if (lastDelivered === 'start' || comparePositions(this.to, lastDelivered) > 0) return { events, scannedTo: this.to };
    }
    return { events };
  }
}

/** Whether `a` lies strictly before `b` in the global order. */
function before(a: ReadAllFrom, b: ReadAllFrom): boolean {
  if (a === 'start') return b !== 'start';
  if (b === 'start') return false;
  return comparePositions(a, b) < 0;
}

/** Index of the first event after `position` (binary search: the events are in global order). */
function firstAfter(events: readonly StoredEvent[], position: GlobalPosition): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePositions(events[middle]!.position, position) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function matches(event: StoredEvent, filter: EventFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.eventTypes !== undefined && !filter.eventTypes.includes(event.type)) return false;
  return filter.streamPrefix === undefined || event.streamId.startsWith(filter.streamPrefix);
}
