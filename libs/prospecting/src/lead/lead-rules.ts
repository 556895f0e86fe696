/** Rules several lead commands share: the lead must exist, be still in play, and be acted on by its owner. */
import { forbidden, invalidTransition, notFound } from '#libs/event-sourcing';
import type { LeadState } from './lead.state';
import type { Actor } from '#libs/contracts';

type LiveLead = Extract<LeadState, { status: 'open' | 'qualified' }>;

function requireLead(state: LeadState, leadId: string): Exclude<LeadState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('lead-not-found', `lead ${leadId} does not exist`);
  return state;
}

/** Still being worked: neither disqualified nor handed off. */
export function requireLive(state: LeadState, leadId: string): LiveLead {
  const lead = requireLead(state, leadId);
  if (lead.status === 'disqualified') throw invalidTransition('lead-disqualified', `lead ${leadId} is disqualified`);
  if (lead.status === 'handed-off') {
    throw invalidTransition('lead-handed-off', `lead ${leadId} was handed off to ${lead.hunterId}`);
  }
  return lead;
}

/** Only the lead generator who owns the lead, or the head of sales, works it. */
export function requireOwner(lead: LiveLead, actor: Actor): void {
  if (actor.role === 'head-of-sales') return;
  if (actor.role === 'lead-generator' && lead.leadGeneratorId === actor.userId) return;
  throw forbidden('not-lead-owner', `lead ${lead.leadId} is worked by ${lead.leadGeneratorId ?? 'nobody yet'}, not by ${actor.userId}`);
}
