import type { Static } from '@sinclair/typebox';
import { forbidden } from '#libs/event-sourcing';
import type { LeadAssigned, LeadEvent, Actor } from '#libs/contracts';
import { requireLive } from '../lead/lead-rules';
import type { LeadState } from '../lead/lead.state';

/** Routing (a service) or the head of sales gives the lead to a lead generator; the command carries the decision. */
export interface AssignLead {
  readonly type: 'AssignLead';
  readonly by: Actor;
  readonly assignment: Omit<Static<typeof LeadAssigned.schema>, 'previousLeadGeneratorId'>;
}

export function decideAssignLead(command: AssignLead, state: LeadState): LeadEvent[] {
  const { leadId, leadGeneratorId } = command.assignment;
  const lead = requireLive(state, leadId);
  if (command.by.role !== 'head-of-sales' && command.by.role !== 'service') {
    throw forbidden('only-head-of-sales-assigns', 'only the head of sales (or routing) assigns leads');
  }
  if (lead.leadGeneratorId === leadGeneratorId) return [];
  return [
    {
      type: 'LeadAssigned',
      data: {
        ...command.assignment,
        ...(lead.leadGeneratorId === undefined ? {} : { previousLeadGeneratorId: lead.leadGeneratorId }),
      },
    },
  ];
}
