/** Handoff 1, deal side: every LeadHandedOff opens the deal it names, for its hunter. */
import type { Static } from '@sinclair/typebox';
import type { LeadHandedOff, Actor } from '#libs/contracts';
import type { Commands, ProcessManager } from '#libs/event-sourcing';
import { dealDecider, dealStreamId } from '../deal/deal.decider';

export const HANDOFF_SERVICE: Actor = { userId: 'deal-closing.handoff', role: 'service' };

export function openDealOnHandoff(runner: Commands): ProcessManager {
  return {
    name: 'deal-closing.open-deal-on-handoff',
    eventTypes: ['LeadHandedOff'],
    async handle(event) {
      const handoff = event.data as Static<typeof LeadHandedOff.schema>;
      await runner.run(
        dealDecider,
        dealStreamId(handoff.dealId),
        {
          type: 'OpenDeal',
          by: HANDOFF_SERVICE,
          deal: {
            dealId: handoff.dealId,
            leadId: handoff.leadId,
            hunterId: handoff.hunterId,
            company: handoff.company,
            contact: handoff.contact,
            estimatedValue: handoff.estimatedValue,
          },
        },
        {
          actor: HANDOFF_SERVICE,
          correlationId: event.metadata.correlationId,
          causationId: event.eventId,
          now: event.occurredAt,
          // A redelivered handoff repeats this command: the same key appends nothing.
          idempotencyKey: event.eventId,
        },
      );
    },
  };
}
