import type { Static } from '@sinclair/typebox';
import { invalidTransition, ruleBroken } from '#libs/event-sourcing';
import type { LeadEvent, LeadQualified, Actor } from '#libs/contracts';
import { requireLive, requireOwner } from '../lead/lead-rules';
import type { LeadState } from '../lead/lead.state';

export interface QualifyLead {
  readonly type: 'QualifyLead';
  readonly by: Actor;
  readonly qualification: Static<typeof LeadQualified.schema>;
}

export function decideQualifyLead(command: QualifyLead, state: LeadState): LeadEvent[] {
  const { qualification } = command;
  const lead = requireLive(state, qualification.leadId);
  if (lead.status === 'qualified') throw invalidTransition('lead-already-qualified', `lead ${qualification.leadId} is already qualified`);
  requireOwner(lead, command.by);
  if (!lead.reached) throw ruleBroken('lead-never-reached', 'a lead is qualified only after someone reached it', 'leadId');
  if (qualification.estimatedValue.amount <= 0) {
    throw ruleBroken('estimated-value-not-positive', 'the estimated value must be above zero', 'estimatedValue.amount');
  }
  return [{ type: 'LeadQualified', data: qualification }];
}
