import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import type { LeadCaptured } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { HealthIndicators, followerHealth, StoreFollower } from '#libs/platform';
import { LeadIdentityIndex } from './lead-identity';

/** Keeps the index of every captured lead's identity live in memory, for duplicate detection on import. */
@Injectable()
export class LeadIdentityHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly index = new LeadIdentityIndex();
  private readonly follower = new StoreFollower('LeadIdentity', ['LeadCaptured'], (event) => {
    const lead = event.data as Static<typeof LeadCaptured.schema>;
    this.index.remember(lead.leadId, { taxId: lead.company.taxId, email: lead.contact.email, phone: lead.contact.phone });
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    health: HealthIndicators,
  ) {
    // Imports check duplicates against it: /health says when it has read every lead stored at boot.
    health.register({ name: 'leadIdentity', check: async () => followerHealth(this.follower.status()) });
  }

  onApplicationBootstrap(): void {
    this.follower.start(this.store);
  }

  whenCaughtUp(): Promise<void> {
    return this.follower.whenCaughtUp();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }
}
