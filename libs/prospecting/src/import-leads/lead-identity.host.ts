import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, PersonalDataStore, inView, type EventStore } from '#libs/event-store';
import { HealthIndicators, PersistedFollower, ReadModelDatabase, followerHealth } from '#libs/platform';
import { CLEAR_IDENTITY, LeadIdentityIndex, findLead, leadIdentityProjection, type IdentityHash, type IdentityMatch, type LeadIdentity } from './lead-identity';

/**
 * Keeps the identities of every captured lead live in memory for duplicate detection on import: the
 * lead-identity read model (keyed hashes only; a lead dropped when its contact's personal data is erased),
 * persisted beside the other read models and followed from its checkpoint, so that boot reads only what came
 * since. One instance of a deployment writes it; the others follow.
 */
@Injectable()
export class LeadIdentityHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly hash: IdentityHash;
  private readonly follower: PersistedFollower;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    health: HealthIndicators,
  ) {
    const keys = store instanceof PersonalDataStore ? store.keys : undefined;
    this.hash = keys ? (kind, normalised) => keys.lookupHash(kind, normalised) : CLEAR_IDENTITY;
    this.follower = new PersistedFollower(leadIdentityProjection(this.hash));
    // Imports check duplicates against it: /health says when it has read every lead stored at boot.
    health.register({ name: 'leadIdentity', check: async () => followerHealth(this.follower.status()) });
  }

  async onApplicationBootstrap(): Promise<void> {
    // It reads LeadCaptured opened (to hash the values) and keeps the keyed hashes only.
    this.follower.start(inView(this.store, 'open'), await this.readModels.open());
  }

  /** The lead an identity matches among every lead stored so far (after whenCurrent()), if any. */
  find(identity: LeadIdentity): IdentityMatch | undefined {
    const documents = this.follower.documents();
    return documents && findLead(documents, this.hash, identity);
  }

  /** An index of the rows of one import, hashed the same way: a row is checked against the rows before it. */
  newImportIndex(): LeadIdentityIndex {
    return new LeadIdentityIndex(this.hash);
  }

  whenCaughtUp(): Promise<void> {
    return this.follower.whenCaughtUp();
  }

  /** Once every lead stored now is in the index: an import matches the leads captured just before it. */
  whenCurrent(): Promise<void> {
    return this.follower.whenCurrent();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }
}
