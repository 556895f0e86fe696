import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, comparePositions, type EventStore, type GlobalPosition, type Subscription } from '#libs/event-store';
import { ROSTER_EVENT_TYPES, RosterReadModel } from './roster.read-model';

/** What routing needs: the roster, and a way to wait until it has read what was stored at boot. */
export interface RosterSource {
  readonly roster: RosterReadModel;
  whenCaughtUp(): Promise<void>;
  /** Resolves once the roster has read the store up to `position` (an event a router is handling). */
  whenCaughtUpTo(position: GlobalPosition): Promise<void>;
}

/**
 * Keeps the roster read model live in memory: it is built from the start of the store at boot and then
 * follows every commit. (Persistent, checkpointed read models come with the projections issue.)
 */
@Injectable()
export class RosterHost implements RosterSource, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly roster = new RosterReadModel();
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private markCaughtUp!: () => void;
  private readonly caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));
  private readonly logger = new Logger('Roster');
  private readUpTo: GlobalPosition | undefined;
  private waiting: Array<{ position: GlobalPosition; resolve: () => void }> = [];

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onApplicationBootstrap(): void {
    const subscription = this.store.subscribe({
      filter: { eventTypes: ROSTER_EVENT_TYPES },
      onStatus: (status) => {
        if (status.state === 'live') this.markCaughtUp();
      },
    });
    this.subscription = subscription;
    this.following = (async () => {
      try {
        for await (const event of subscription) {
          this.roster.apply(event);
          this.readUpTo = event.position;
          if (this.waiting.length > 0) this.release();
        }
      } catch (error) {
        this.logger.error(`the roster stopped following the store: ${(error as Error).message}`);
      }
    })();
  }

  /** Resolves once the roster has read everything stored when the app started. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    if (this.readUpTo !== undefined && comparePositions(this.readUpTo, position) >= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
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

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    // Nobody may wait on a roster that has stopped reading: a router finishing its last event goes on.
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }
}
