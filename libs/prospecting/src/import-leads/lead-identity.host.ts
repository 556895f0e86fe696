import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, PersonalDataStore, inView, type EventStore } from '#libs/event-store';
import { HealthIndicators, ReadModelDatabase, followerHealth, type FollowerStatus } from '#libs/platform';
import { StoredProjectionRunner } from '#libs/projections';
import { CLEAR_IDENTITY, LeadIdentityIndex, identityHashes, matchOf, storedLeadIdentity, type IdentityHash, type IdentityMatch, type LeadIdentity } from './lead-identity';

/** Keys looked up a query. */
const LOOKUP_CHUNK = 1000;

/**
 * The identities of every captured lead, for duplicate detection on import: the lead-identity read model (keyed
 * hashes only; a lead dropped when its contact's personal data is erased), persisted beside the other read models
 * and served from there, not from memory — a boot reads its checkpoint and the events stored since, whatever the
 * history's length. One instance of a deployment writes it; the others read what it persisted.
 */
@Injectable()
export class LeadIdentityHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly hash: IdentityHash;
  private runner: StoredProjectionRunner | undefined;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    health: HealthIndicators,
  ) {
    const keys = store instanceof PersonalDataStore ? store.keys : undefined;
    this.hash = keys ? (kind, normalised) => keys.lookupHash(kind, normalised) : CLEAR_IDENTITY;
    // Imports check duplicates against it: /health says when it has read every lead stored at boot.
    health.register({ name: 'leadIdentity', check: async () => followerHealth(this.status()) });
  }

  async onApplicationBootstrap(): Promise<void> {
    // It reads LeadCaptured opened (to hash the values) and keeps the keyed hashes only.
    this.runner = new StoredProjectionRunner(storedLeadIdentity(this.hash), inView(this.store, 'open'), await this.readModels.open());
    this.runner.start();
    this.markStarted();
  }

  status(): FollowerStatus {
    if (this.runner === undefined) return { state: 'starting', eventsRead: 0, position: null };
    const { state, eventsApplied, position, role, error } = this.runner.status();
    return { state, eventsRead: eventsApplied, position, role, ...(error !== undefined ? { error } : {}) };
  }

  /**
   * Finds the leads some identities match among every lead stored so far (after whenCurrent()): one lookup for all,
   * then `match` per identity.
   */
  async matcher(identities: readonly LeadIdentity[]): Promise<(identity: LeadIdentity) => IdentityMatch | undefined> {
    await this.started;
    const hashes = identityHashes(this.hash, identities);
    const found = new Map<string, unknown>();
    for (let at = 0; at < hashes.length; at += LOOKUP_CHUNK) {
      for (const [key, leadId] of await this.runner!.read('keys', hashes.slice(at, at + LOOKUP_CHUNK))) found.set(key, leadId);
    }
    return (identity) => matchOf(identity, this.hash, found);
  }

  /** An index of the rows of one import, hashed the same way: a row is checked against the rows before it. */
  newImportIndex(): LeadIdentityIndex {
    return new LeadIdentityIndex(this.hash);
  }

  async whenCaughtUp(): Promise<void> {
    await this.started;
    await this.runner!.whenLive();
  }

  /** Once every lead stored now is in the persisted identities: an import matches the leads captured just before it. */
  async whenCurrent(): Promise<void> {
    await this.started;
    await this.runner!.whenCurrent();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runner?.stop() ?? Promise.resolve();
  }
}
