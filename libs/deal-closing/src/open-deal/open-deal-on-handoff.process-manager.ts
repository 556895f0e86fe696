/** Handoff 1, deal side: every LeadHandedOff opens the deal it names, for its hunter. */
import type { Actor } from '#libs/contracts';
import { causedBy, defineProcessManager, type ProcessManager } from '#libs/event-sourcing';
import type { CommandSender } from '#libs/platform';
import { OpenDealCommand } from './open-deal.handler';

export const HANDOFF_SERVICE: Actor = { userId: 'deal-closing.handoff', role: 'service' };

export function openDealOnHandoff(commandBus: CommandSender): ProcessManager {
  return defineProcessManager('deal-closing.open-deal-on-handoff', {
    // A redelivered handoff repeats this command: the envelope's idempotency key (the event's id) appends nothing.
    LeadHandedOff: async (event) => {
      const { dealId, leadId, hunterId, company, contact, estimatedValue } = event.data;
      await commandBus.execute(new OpenDealCommand({ dealId, leadId, hunterId, company, contact, estimatedValue }, causedBy(event, HANDOFF_SERVICE)));
    },
  });
}
