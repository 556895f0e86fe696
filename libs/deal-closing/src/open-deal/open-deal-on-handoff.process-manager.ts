/** Handoff 1, deal side: every LeadHandedOff opens the deal it names, for its hunter. */
import type { Actor } from '#libs/contracts';
import { causedBy, defineProcessManager, type Commands, type ProcessManager } from '#libs/event-sourcing';
import { dealDecider, dealStreamId } from '../deal/deal.decider';

export const HANDOFF_SERVICE: Actor = { userId: 'deal-closing.handoff', role: 'service' };

export function openDealOnHandoff(runner: Commands): ProcessManager {
  return defineProcessManager('deal-closing.open-deal-on-handoff', {
    // A redelivered handoff repeats this command: the envelope's idempotency key (the event's id) appends nothing.
    LeadHandedOff: async (event) => {
      const handoff = event.data;
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
        causedBy(event, HANDOFF_SERVICE),
      );
    },
  });
}
