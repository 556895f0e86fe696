import type { Static } from '@sinclair/typebox';
import type { LeadDisqualified, LeadEvent } from '#libs/contracts';
import type { EventActor } from '#libs/event-store';
import { requireLive, requireOwner } from '../lead/lead-rules';
import type { LeadState } from '../lead/lead.state';

export interface DisqualifyLead {
  readonly type: 'DisqualifyLead';
  readonly by: EventActor;
  readonly disqualification: Static<typeof LeadDisqualified.schema>;
}

export function decideDisqualifyLead(command: DisqualifyLead, state: LeadState): LeadEvent[] {
  const lead = requireLive(state, command.disqualification.leadId);
  requireOwner(lead, command.by);
  return [{ type: 'LeadDisqualified', data: command.disqualification }];
}
