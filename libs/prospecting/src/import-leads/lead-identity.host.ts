import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import type { LeadCaptured, PersonalDataErased } from '#libs/contracts';
import { EVENT_STORE, PersonalDataStore, type EventStore } from '#libs/event-store';
import { HealthIndicators, followerHealth, StoreFollower } from '#libs/platform';
import { LeadIdentityIndex } from './lead-identity';

/**
 * Keeps the index of every captured lead's identity live in memory, for duplicate detection on import: keyed
 * hashes only, and a lead's dropped when its contact's personal data is erased.
 */
@Injectable()
export class LeadIdentityHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly index: LeadIdentityIndex;
  private readonly follower = new StoreFollower('LeadIdentity', ['LeadCaptured', 'PersonalDataErased'], (event) => {
    if (event.type === 'PersonalDataErased') {
      const { subjectId } = event.data as Static<typeof PersonalDataErased.schema>;
      if (subjectId.startsWith('lead-')) this.index.forget(subjectId.slice('lead-'.length));
      return;
    }
    const lead = event.data as Static<typeof LeadCaptured.schema>;
    this.index.remember(lead.leadId, { taxId: lead.company.taxId, email: lead.contact.email, phone: lead.contact.phone });
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    health: HealthIndicators,
  ) {
    const keys = store instanceof PersonalDataStore ? store.keys : undefined;
    this.index = new LeadIdentityIndex(keys ? (kind, normalised) => keys.lookupHash(kind, normalised) : undefined);
    // Imports check duplicates against it: /health says when it has read every lead stored at boot.
    health.register({ name: 'leadIdentity', check: async () => followerHealth(this.follower.status()) });
  }

  onApplicationBootstrap(): void {
    // The follower reads personal fields (opened): it keeps their keyed hashes only.
    this.follower.start(this.store);
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
