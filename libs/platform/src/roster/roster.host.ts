import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, inView, type EventStore, type GlobalPosition } from '#libs/event-store';
import { DocumentState } from '#libs/projections';
import type { RepRole } from '#libs/contracts';
import { PersistedFollower } from '../read-models/persisted-follower';
import { ReadModelDatabase } from '../read-models/read-model-database';
import type { FollowerStatus } from '../store-follower/store-follower';
import { ROSTER_PROJECTION, RosterView, type RoutingChoice } from './roster.read-model';

/** Who takes a handed-over item, and by which rule: the rep named, or the least-loaded one of the candidates. */
export type RoutedTo = RoutingChoice & { readonly rule: 'named' | 'least-loaded' };

/** What routing needs: the roster, and a way to wait until it has read what was stored at boot. */
export interface RosterSource {
  /** The roster as read so far (empty until it has caught up with the store once: wait with whenCaughtUp). */
  readonly roster: RosterView;
  whenCaughtUp(): Promise<void>;
  /** Resolves once the roster has read the store up to `position` (an event a router is handling). */
  whenCaughtUpTo(position: GlobalPosition): Promise<void>;
}

const NOBODY = new RosterView(DocumentState.of(ROSTER_PROJECTION, false));

/**
 * Keeps the roster read model live in memory for routing: a persisted projection (the `roster` read model, beside
 * the others in READ_MODEL_URL) loaded at boot and followed from its checkpoint, so that boot reads only what was
 * stored since the last instance persisted it. Every app runs one; one instance of a deployment writes it.
 */
@Injectable()
export class RosterHost implements RosterSource, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower = new PersistedFollower(ROSTER_PROJECTION);
  private view: { documents: unknown; roster: RosterView } | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.follower.start(inView(this.store, 'omit'), await this.readModels.open());
  }

  get roster(): RosterView {
    const documents = this.follower.documents();
    if (documents === undefined) return NOBODY;
    // The runner serves a new state after a reload (another instance wrote on): a view of whichever it serves.
    if (this.view?.documents !== documents) this.view = { documents, roster: new RosterView(documents) };
    return this.view.roster;
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
