/**
 * Between KurrentDB's push and the port's pull: the events a `$all` subscription received and the subscriber has not
 * taken yet, in order, with the server's "caught up" and "fell behind" markers in their place among them, and the
 * subscription's status worked out from both. No client in here: the shell (kurrentdb-subscription.ts) feeds it.
 *
 * Status ('catching-up' → 'live' → …, told to onStatus as it changes, as CatchUpSubscription does on SQL):
 * - 'live' once the server said it caught up (its caughtUp) and the subscriber has taken every event that came
 *   before that;
 * - back to 'catching-up' when the server says it fell behind (fellBehind), or when the subscriber has a page
 *   (batchSize) or more of received events still to take: events arrive faster than it takes them. It is live again
 *   when it has taken them all.
 *
 * Positions (KurrentDB issue #4970): a filtered `$all` subscription's checkpoint, and the position of its caught-up
 * message, can name a place past the last event delivered — the position of an event not yet sent. A subscriber
 * resuming from there skips that event. So no position the server gives is ever taken here: the status and the point
 * a new server subscription resumes from are the positions of events received, and a resumed subscription is
 * exclusive of exactly that event (`{ commit, prepare }` both; never the commit part alone).
 */
import type { ReadAllFrom, StoredEvent, SubscriptionStatus } from '../event-store.port';
import { comparePositions, type GlobalPosition } from '../global-position';

export interface FeedOptions {
  /** Exclusive: the position of the last event the subscriber had, or 'start'. */
  readonly from: ReadAllFrom;
  readonly batchSize: number;
  readonly onStatus?: (status: SubscriptionStatus) => void;
  /** Told true when the feed holds as much as it will (pause the source), false when it has room again. */
  readonly onFlow?: (paused: boolean) => void;
  /** Events held before the source is paused; at least a page. */
  readonly highWaterMark?: number;
}

type Item = { readonly kind: 'event'; readonly event: StoredEvent } | { readonly kind: 'caught-up' } | { readonly kind: 'fell-behind' };

export class SubscriptionFeed {
  private items: Item[] = [];
  private head = 0;
  private events = 0;
  private serverLive = false;
  private current: SubscriptionStatus;
  /** The newest event taken in: where a new server subscription resumes (exclusive). */
  private received: ReadAllFrom;
  private failure: Error | undefined;
  private closed = false;
  private paused = false;
  private wake: (() => void) | undefined;
  private readonly highWaterMark: number;

  constructor(private readonly options: FeedOptions) {
    this.current = { state: 'catching-up', position: options.from };
    this.received = options.from;
    this.highWaterMark = Math.max(options.highWaterMark ?? 2 * options.batchSize, options.batchSize);
  }

  get status(): SubscriptionStatus {
    return this.current;
  }

  /** Whether the source is told to pause (the feed holds its high-water mark of events). */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Where a server subscription (re)starts, exclusive. */
  get resumeFrom(): ReadAllFrom {
    return this.received;
  }

  /**
   * An event the server sent. One at or before the newest received is dropped: the server resends nothing after a
   * resume point, but a resumed subscription must never deliver an event twice, whatever it is sent.
   */
  push(event: StoredEvent): void {
    if (this.closed || !isAfter(event.position, this.received)) return;
    this.received = event.position;
    this.enqueue({ kind: 'event', event });
    this.events += 1;
    if (!this.paused && this.events >= this.highWaterMark) {
      this.paused = true;
      this.options.onFlow?.(true);
    }
  }

  /**
   * The server caught up. The position it may give with that is not used (issue #4970, above): `_serverPosition` is
   * taken only to say so where the shell hands it over.
   */
  caughtUp(_serverPosition?: GlobalPosition): void {
    this.enqueue({ kind: 'caught-up' });
  }

  fellBehind(): void {
    this.enqueue({ kind: 'fell-behind' });
  }

  /** The server subscription is gone and a new one is on its way (from resumeFrom): not live until it says so. */
  restarting(): void {
    this.enqueue({ kind: 'fell-behind' });
  }

  /** The subscription cannot go on: the subscriber gets the events received before, then this error. */
  fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items = [];
    this.head = 0;
    this.setStatus({ state: 'closed', position: this.current.position });
    this.notify();
  }

  async next(): Promise<IteratorResult<StoredEvent>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const item = this.take();
      if (item?.kind === 'caught-up') {
        this.serverLive = true;
        if (this.current.state !== 'live' && this.events < this.options.batchSize) this.setStatus({ state: 'live', position: this.current.position });
        continue;
      }
      if (item?.kind === 'fell-behind') {
        this.serverLive = false;
        if (this.current.state === 'live') this.setStatus({ state: 'catching-up', position: this.current.position });
        continue;
      }
      if (item?.kind === 'event') {
        // A page or more waiting while live: the subscriber has fallen behind the events.
        if (this.current.state === 'live' && this.events + 1 >= this.options.batchSize) this.setStatus({ state: 'catching-up', position: this.current.position });
        this.current = { state: this.current.state, position: item.event.position };
        if (this.paused && this.events <= this.highWaterMark / 2) {
          this.paused = false;
          this.options.onFlow?.(false);
        }
        return { done: false, value: item.event };
      }
      if (this.failure) throw this.failure;
      // Everything received is taken: live, if the server is.
      if (this.serverLive && this.current.state !== 'live') this.setStatus({ state: 'live', position: this.current.position });
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private take(): Item | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head]!;
    this.head += 1;
    // Drop what was taken now and then, not at every take (an array shift is linear).
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    if (item.kind === 'event') this.events -= 1;
    return item;
  }

  private enqueue(item: Item): void {
    if (this.closed) return;
    this.items.push(item);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private setStatus(status: SubscriptionStatus): void {
    this.current = status;
    this.options.onStatus?.(status);
  }
}

function isAfter(position: GlobalPosition, after: ReadAllFrom): boolean {
  return after === 'start' || comparePositions(position, after) > 0;
}
