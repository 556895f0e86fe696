import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '#libs/event-store';
import { StoreFollower, type FollowerStatus } from '../store-follower/store-follower';
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
 * follows every commit. It is small (one entry per rep), so it is never persisted: every app rebuilds it at boot.
 */
@Injectable()
export class RosterHost implements RosterSource, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly roster = new RosterReadModel();
  private readonly follower = new StoreFollower('Roster', ROSTER_EVENT_TYPES, (event) => this.roster.apply(event));

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onApplicationBootstrap(): void {
    this.follower.start(this.store);
  }

  whenCaughtUp(): Promise<void> {
    return this.follower.whenCaughtUp();
  }

  /** For /health (registered by the platform): catching up at boot, then live. */
  status(): FollowerStatus {
    return this.follower.status();
  }

  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    return this.follower.whenCaughtUpTo(position);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }
}
