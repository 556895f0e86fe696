import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import type { LeadEvent, LeadHandedOff, Actor } from '#libs/contracts';
import { requireLive, requireOwner } from '../lead/lead-rules';
import type { LeadState } from '../lead/lead.state';

/** Handoff 1: the routing (or the named hunter) is decided before; the command carries it. */
export interface HandOffLead {
  readonly type: 'HandOffLead';
  readonly by: Actor;
  readonly handoff: Omit<Static<typeof LeadHandedOff.schema>, 'company' | 'contact' | 'estimatedValue'>;
}

export function decideHandOffLead(command: HandOffLead, state: LeadState): LeadEvent[] {
  const { handoff } = command;
  const lead = requireLive(state, handoff.leadId);
  if (lead.status !== 'qualified') throw invalidTransition('lead-not-qualified', `lead ${handoff.leadId} is not qualified yet`);
  requireOwner(lead, command.by);
  const { company, contact, estimatedValue } = lead;
  return [{ type: 'LeadHandedOff', data: { ...handoff, company, contact, estimatedValue } }];
}
