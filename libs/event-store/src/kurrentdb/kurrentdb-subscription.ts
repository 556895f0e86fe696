/**
 * The port's Subscription on KurrentDB: one server subscription to `$all` (subscribeToAll, filtered on the server as
 * kurrentdb-filter.ts says) feeding a SubscriptionFeed. Catch-up and live are the server's (its caughtUp and
 * fellBehind); a lost connection is waited out and the server subscription opened again after the last event received.
 */
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { ReadAllFrom, StoredEvent, Subscription, SubscriptionStatus } from '../event-store.port';
import { isUnreachable } from './kurrentdb-errors';
import { SubscriptionFeed } from './kurrentdb-subscription-feed';

/** What the subscription needs of the store. */
export interface SubscriptionSource {
  /** A server subscription to `$all` after `from` (exclusive), with the store's filter. */
  open(from: ReadAllFrom): AllStreamSubscription;
  /** The event as the port delivers it, or undefined when it is not the store's to deliver. */
  decode(resolved: AllStreamResolvedEvent): StoredEvent | undefined;
  /** The client's failure as the store's error (kurrentdb-errors.ts). */
  failure(error: unknown): Error;
}

export interface KurrentDbSubscriptionOptions {
  /** Where delivery starts (exclusive); for 'end', the head as of the subscribe() call. */
  readonly start: Promise<ReadAllFrom>;
  readonly batchSize: number;
  readonly onStatus?: (status: SubscriptionStatus) => void;
  readonly onClose?: () => void;
}

const RECONNECT_FIRST_DELAY_MS = 100;
const RECONNECT_MAX_DELAY_MS = 5000;

export class KurrentDbSubscription implements Subscription {
  private feed: SubscriptionFeed | undefined;
  private server: AllStreamSubscription | undefined;
  private started = false;
  private closed = false;
  private reconnectDelay = RECONNECT_FIRST_DELAY_MS;
  private reconnect: NodeJS.Timeout | undefined;
  private beforeStart: SubscriptionStatus = { state: 'catching-up', position: 'start' };

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: KurrentDbSubscriptionOptions,
  ) {
    options.start.then(
      (position) => {
        if (!this.feed && !this.closed) this.beforeStart = { state: 'catching-up', position };
      },
      () => undefined,
    );
  }

  get status(): SubscriptionStatus {
    return this.feed?.status ?? this.beforeStart;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnect);
    const server = this.server;
    this.server = undefined;
    if (this.feed) this.feed.close();
    else {
      this.beforeStart = { state: 'closed', position: this.beforeStart.position };
      this.options.onStatus?.(this.beforeStart);
    }
    this.options.onClose?.();
    await server?.unsubscribe().catch(() => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    return this.deliver();
  }

  private async *deliver(): AsyncGenerator<StoredEvent> {
    try {
      const from = await this.options.start;
      if (this.closed) return;
      const feed = new SubscriptionFeed({
        from,
        batchSize: this.options.batchSize,
        onStatus: this.options.onStatus,
        onFlow: (paused) => (paused ? this.server?.pause() : this.server?.resume()),
      });
      this.feed = feed;
      this.connect(feed);
      for (;;) {
        const next = await feed.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await this.close();
    }
  }

  private connect(feed: SubscriptionFeed): void {
    if (this.closed) return;
    let server: AllStreamSubscription;
    try {
      server = this.source.open(feed.resumeFrom);
    } catch (error) {
      this.lost(undefined, feed, error);
      return;
    }
    this.server = server;
    // The feed is full: the new subscription waits too, until the subscriber has taken some.
    if (feed.isPaused) server.pause();
    server.on('data', (resolved: AllStreamResolvedEvent) => {
      if (this.server !== server) return;
      this.reconnectDelay = RECONNECT_FIRST_DELAY_MS;
      let event: StoredEvent | undefined;
      try {
        event = this.source.decode(resolved);
      } catch (error) {
        // An event this build cannot represent (a position past 2^53): stop rather than skip it.
        feed.fail(error as Error);
        this.drop(server);
        return;
      }
      if (event) feed.push(event);
    });
    // The caught-up message's position is not passed on: see KurrentDB issue #4970 in kurrentdb-subscription-feed.ts.
    server.on('caughtUp', () => {
      if (this.server === server) feed.caughtUp();
    });
    server.on('fellBehind', () => {
      if (this.server === server) feed.fellBehind();
    });
    server.on('error', (error: Error) => this.lost(server, feed, error));
    server.on('end', () => this.lost(server, feed, undefined));
  }

  /** The server subscription ended: wait and open another after the last event received, or fail for good. */
  private lost(server: AllStreamSubscription | undefined, feed: SubscriptionFeed, error: unknown): void {
    if (this.closed || (server !== undefined && this.server !== server)) return;
    if (server) this.drop(server);
    if (error !== undefined && !isUnreachable(error)) {
      feed.fail(this.source.failure(error));
      return;
    }
    feed.restarting();
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS);
    this.reconnect = setTimeout(() => this.connect(feed), delay);
  }

  private drop(server: AllStreamSubscription): void {
    if (this.server === server) this.server = undefined;
    void server.unsubscribe().catch(() => undefined);
  }
}
