/**
 * Keeps an in-memory read model live: reads the store from the start at boot, then follows every commit,
 * and lets callers wait until it has caught up (at boot, or up to a given event). Used where few events are read
 * (the retention schedule: three event types, filtered in the store); a read model the apps route or check by is a
 * PersistedFollower instead, loaded at boot from its checkpoint.
 */
import { Logger } from '@nestjs/common';
import { comparePositions, type EventStore, type GlobalPosition, type StoredEvent, type Subscription } from '#libs/event-store';

/** What /health says of a follower: `live` once it has read everything stored when the app started. */
export interface FollowerStatus {
  readonly state: 'starting' | 'catching-up' | 'live' | 'stopped' | 'failed';
  readonly eventsRead: number;
  /** A persisted follower (PersistedFollower): the last event it has read (commit/prepare), null before the first. */
  readonly position?: string | null;
  /** A persisted follower: `writer` persists it; a `follower` keeps it in memory only (another instance writes it). */
  readonly role?: 'writer' | 'follower';
  readonly error?: string;
}

export class StoreFollower {
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private markCaughtUp!: () => void;
  private readonly caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));
  private readUpTo: GlobalPosition | undefined;
  private waiting: Array<{ position: GlobalPosition; resolve: () => void }> = [];
  private state: FollowerStatus['state'] = 'starting';
  private eventsRead = 0;
  private error: string | undefined;

  constructor(
    private readonly name: string,
    private readonly eventTypes: readonly string[],
    private readonly apply: (event: StoredEvent) => void,
  ) {}

  start(store: EventStore): void {
    const subscription = store.subscribe({
      filter: { eventTypes: this.eventTypes },
      onStatus: (status) => {
        if (status.state === 'live') this.markCaughtUp();
        if (status.state === 'live' || status.state === 'catching-up') this.state = status.state;
      },
    });
    this.state = 'catching-up';
    this.subscription = subscription;
    this.following = (async () => {
      try {
        for await (const event of subscription) {
          this.apply(event);
          this.readUpTo = event.position;
          this.eventsRead += 1;
          if (this.waiting.length > 0) this.release();
        }
        this.state = 'stopped';
      } catch (error) {
        this.state = 'failed';
        this.error = (error as Error).message;
        new Logger(this.name).error(`stopped following the store: ${this.error}`);
      }
    })();
  }

  /** Its state and the events it has read; `failed` when it stopped on an error (its model is then stale). */
  status(): FollowerStatus {
    return { state: this.state, eventsRead: this.eventsRead, ...(this.error !== undefined ? { error: this.error } : {}) };
  }

  /** Resolves once everything stored when the app started has been read. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  /** Resolves once the store has been read up to `position` (an event of the followed types). */
  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    if (this.readUpTo !== undefined && comparePositions(this.readUpTo, position) >= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    // Nobody may wait on a follower that has stopped reading: a caller finishing its last event goes on.
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  private release(): void {
    const readUpTo = this.readUpTo!;
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (comparePositions(readUpTo, waiter.position) >= 0) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }
}
