import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import type { LeadCaptured } from '#libs/contracts';
import { EVENT_STORE, type EventStore, type Subscription } from '#libs/event-store';
import { LeadIdentityIndex } from './lead-identity';

/** Keeps the index of every captured lead's identity live in memory, for duplicate detection on import. */
@Injectable()
export class LeadIdentityHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly index = new LeadIdentityIndex();
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private markCaughtUp!: () => void;
  private readonly caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onApplicationBootstrap(): void {
    const subscription = this.store.subscribe({
      filter: { eventTypes: ['LeadCaptured'] },
      onStatus: (status) => status.state === 'live' && this.markCaughtUp(),
    });
    this.subscription = subscription;
    this.following = (async () => {
      try {
        for await (const event of subscription) {
          const lead = event.data as Static<typeof LeadCaptured.schema>;
          this.index.remember(lead.leadId, { taxId: lead.company.taxId, email: lead.contact.email, phone: lead.contact.phone });
        }
      } catch (error) {
        new Logger('LeadIdentity').error(`stopped following the store: ${(error as Error).message}`);
      }
    })();
  }

  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.following;
  }
}
