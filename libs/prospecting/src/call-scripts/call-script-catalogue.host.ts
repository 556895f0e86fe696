import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { HealthIndicators, PersistedFollower, ReadModelDatabase, followerHealth } from '#libs/platform';
import { activeCallScripts, callScriptCatalogue, type ActiveCallScript } from './call-script-catalogue';

/**
 * Keeps the call scripts in use live in memory for GET /call-scripts: the call-scripts read model, persisted
 * beside the others and followed from its checkpoint (it reads only the two script event types). One instance of
 * a deployment writes it; the others follow.
 */
@Injectable()
export class CallScriptCatalogueHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower = new PersistedFollower(callScriptCatalogue);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    health: HealthIndicators,
  ) {
    health.register({ name: 'callScripts', check: async () => followerHealth(this.follower.status()) });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.follower.start(this.store, await this.readModels.open());
  }

  /**
   * The scripts in use, once what was stored at boot has been read; one published since shows as soon as the live
   * subscription delivers it (not awaited per request: that would read the history since the last script event).
   */
  async active(): Promise<ActiveCallScript[]> {
    await this.follower.whenCaughtUp();
    return activeCallScripts(this.follower.documents()!);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }
}
