/**
 * Catch-up, then live, over any adapter's PageReader. Pull-based: the next page is read only when
 * the consumer has taken the previous one, so a slow consumer holds at most one page in memory.
 */
import type {
  EventFilter,
  ReadAllFrom,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionStatus,
} from './event-store.port';
import { EventStoreUnavailableError } from './event-store.errors';
import { comparePositions } from './global-position';
import { isTailPage, LiveTail, type LiveTailOptions, type TailPage } from './live-tail';
import type { Page, PageReader } from './page-reader';
import { checkSubscribeOptions } from './read-options';
import type { WakeSignal } from './wake-signal';

interface CatchUpSubscriptionOptions {
  readonly from: ReadAllFrom | 'end';
  readonly filter: EventFilter | undefined;
  readonly batchSize: number;
  readonly onStatus?: (status: SubscriptionStatus) => void;
  /**
   * How long a live subscription sleeps without a wake-up before it looks anyway: a safety net for a
   * lost notification or a writer in another process, not the way events normally arrive.
   */
  readonly idleRecheckMs: number;
  readonly onClose?: () => void;
  /** The store's shared read of its newest events, which answers this subscription while it is live. */
  readonly tail?: LiveTail;
  /** Reads the catch-up's pages (a ThreadedPageReader); closed with the subscription. */
  readonly catchUpReader?: PageReader & { close(): Promise<void> };
}

const HELD_BACK_FIRST_DELAY_MS = 5;
const HELD_BACK_MAX_DELAY_MS = 500;
const UNAVAILABLE_FIRST_DELAY_MS = 100;
const UNAVAILABLE_MAX_DELAY_MS = 5000;

export class CatchUpSubscription implements Subscription {
  private current: SubscriptionStatus;
  /** The position of the last event delivered, when newer than current's. */
  private delivered: ReadAllFrom | undefined;
  private readonly closing = new AbortController();
  private started = false;
  /** Where delivery starts; for 'end', the head as of the subscribe() call, not of the first next(). */
  private readonly start: Promise<ReadAllFrom>;

  constructor(
    private readonly reader: PageReader,
    private readonly signal: WakeSignal,
    private readonly options: CatchUpSubscriptionOptions,
  ) {
    this.current = { state: 'catching-up', position: options.from === 'end' ? 'start' : options.from };
    this.start = options.from === 'end' ? reader.headPosition() : Promise.resolve(options.from);
    this.start.then(
      (position) => {
        if (this.current.state === 'catching-up' && this.current.position === 'start') this.current = { ...this.current, position };
      },
      () => undefined,
    );
  }

  get status(): SubscriptionStatus {
    // The position of the last event delivered is kept apart (no object per event); joined here.
    if (this.delivered !== undefined && this.current.position !== this.delivered) this.current = { state: this.current.state, position: this.delivered };
    return this.current;
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.setStatus({ state: 'closed', position: this.status.position });
    this.options.onClose?.();
    await this.options.catchUpReader?.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    return this.deliver();
  }

  private async *deliver(): AsyncGenerator<StoredEvent> {
    const { batchSize: limit, filter } = this.options;
    const closed = this.closing.signal;
    try {
      let position = await this.start;
      let heldBackDelay = HELD_BACK_FIRST_DELAY_MS;
      let unavailableDelay = UNAVAILABLE_FIRST_DELAY_MS;
      // While catching up, the next page is fetched while the subscriber works through this one.
      let prefetched: Promise<Page> | undefined;
      // The tail's refresh that gave the last live page (see LiveTail).
      let refreshed = 0;
      while (!closed.aborted) {
        const seen = this.signal.current;
        let page: Page | TailPage;
        try {
          page = await (prefetched ?? this.readNext(position, seen, refreshed));
          prefetched = undefined;
          if (isTailPage(page)) refreshed = page.refresh;
          unavailableDelay = UNAVAILABLE_FIRST_DELAY_MS;
        } catch (error) {
          prefetched = undefined;
          if (closed.aborted) return;
          // The database is restarting or unreachable: wait and carry on from the same position.
          if (!(error instanceof EventStoreUnavailableError)) throw error;
          await this.signal.wait(this.signal.current, unavailableDelay, closed);
          unavailableDelay = Math.min(unavailableDelay * 2, UNAVAILABLE_MAX_DELAY_MS);
          continue;
        }
        const full = page.events.length === limit;
        // A full page while live: events arrive faster than this subscriber takes them.
        if (full && this.current.state === 'live') this.setStatus({ state: 'catching-up', position });
        if (full) {
          prefetched = (this.options.catchUpReader ?? this.reader).readPage({ after: page.events[page.events.length - 1]!.position, limit, filter });
          prefetched.catch(() => undefined); // awaited (and its error handled) on the next turn, unless closed first
        }
        for (const event of page.events) {
          if (closed.aborted) return;
          position = event.position;
          this.delivered = position;
          yield event;
        }
        if (closed.aborted) return;
        // A filtered page that is not full says how far it looked: the next read starts there.
        if (page.scannedTo !== undefined && (position === 'start' || comparePositions(page.scannedTo, position) > 0)) position = page.scannedTo;
        if (full || (isTailPage(page) && page.more)) continue;
        if (page.heldBack) {
          // A younger transaction committed while an older one is still open: look again soon.
          await this.signal.wait(seen, heldBackDelay, closed);
          heldBackDelay = Math.min(heldBackDelay * 2, HELD_BACK_MAX_DELAY_MS);
          continue;
        }
        heldBackDelay = HELD_BACK_FIRST_DELAY_MS;
        if (this.current.state !== 'live') this.setStatus({ state: 'live', position });
        await this.signal.wait(seen, this.options.idleRecheckMs, closed);
      }
    } finally {
      await this.close();
    }
  }

  /** Live, from the store's shared tail when it covers this position; otherwise (and catching up) a read of its own. */
  private async readNext(after: ReadAllFrom, seen: number, refreshed: number): Promise<Page | TailPage> {
    const { batchSize: limit, filter, tail } = this.options;
    if (tail && this.current.state === 'live') {
      const page = await tail.read({ after, limit, filter, seen, refreshed });
      if (page) return page;
    }
    const reader = this.current.state === 'live' ? this.reader : (this.options.catchUpReader ?? this.reader);
    return reader.readPage({ after, limit, filter });
  }

  private setStatus(status: SubscriptionStatus): void {
    this.current = status;
    this.delivered = undefined;
    this.options.onStatus?.(status);
  }
}

/** The live subscriptions of one store instance: started from checked options, closed with the store. */
export class SubscriptionSet {
  private readonly open = new Set<Subscription>();

  private readonly tail: LiveTail;

  constructor(
    private readonly reader: PageReader,
    private readonly signal: WakeSignal,
    private readonly idleRecheckMs: number,
    tailOptions?: LiveTailOptions,
    /** The store's catch-up thread for a subscription that asks for one (undefined: it has none). */
    private readonly catchUpReader?: () => (PageReader & { close(): Promise<void> }) | undefined,
  ) {
    this.tail = new LiveTail(reader, signal, tailOptions);
  }

  start(options?: SubscribeOptions): Subscription {
    const subscription: Subscription = new CatchUpSubscription(this.reader, this.signal, {
      ...checkSubscribeOptions(options),
      onStatus: options?.onStatus,
      idleRecheckMs: this.idleRecheckMs,
      tail: this.tail,
      ...(options?.catchUpThread && this.catchUpReader ? { catchUpReader: this.catchUpReader() } : {}),
      onClose: () => this.open.delete(subscription),
    });
    this.open.add(subscription);
    return subscription;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }
}
