import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, inView, type EventStore, type GlobalPosition } from '#libs/event-store';
import { StoreFollower, type FollowerStatus } from '../store-follower/store-follower';
import type { RepRole } from '#libs/contracts';
import { ROSTER_EVENT_TYPES, RosterReadModel, type RoutingChoice } from './roster.read-model';

/** Who takes a handed-over item, and by which rule: the rep named, or the least-loaded one of the candidates. */
export type RoutedTo = RoutingChoice & { readonly rule: 'named' | 'least-loaded' };

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
    this.follower.start(inView(this.store, 'omit'));
  }

  whenCaughtUp(): Promise<void> {
    return this.follower.whenCaughtUp();
  }

  /** For /health (registered by the platform): catching up at boot, then live. */
  status(): FollowerStatus {
    return this.follower.status();
  }

  /**
   * The rep named, or else the available rep of `role` with the least open work, read once the roster has
   * caught up with the store; undefined when nobody of that role is available.
   */
  async routeTo(role: RepRole, named: string | undefined): Promise<RoutedTo | undefined> {
    if (named !== undefined) return { repId: named, rule: 'named', candidates: [], skipped: [] };
    await this.whenCaughtUp();
    const choice = this.roster.leastLoaded(role);
    return choice && { ...choice, rule: 'least-loaded' };
  }

  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    return this.follower.whenCaughtUpTo(position);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }
}
