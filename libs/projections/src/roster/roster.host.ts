import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Subscription } from '#libs/event-store';
import { ROSTER_EVENT_TYPES, RosterReadModel } from './roster.read-model';

/** What routing needs: the roster, and a way to wait until it has read what was stored at boot. */
export interface RosterSource {
  readonly roster: RosterReadModel;
  whenCaughtUp(): Promise<void>;
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
        for await (const event of subscription) this.roster.apply(event);
      } catch (error) {
        this.logger.error(`the roster stopped following the store: ${(error as Error).message}`);
      }
    })();
  }

  /** Resolves once the roster has read everything stored when the app started. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.following;
  }
}
