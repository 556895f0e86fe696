import type { Static } from '@sinclair/typebox';
import type { LeadDisqualified, LeadEvent, Actor } from '#libs/contracts';
import { requireLive, requireOwner } from '../lead/lead-rules';
import type { LeadState } from '../lead/lead.state';

export interface DisqualifyLead {
  readonly type: 'DisqualifyLead';
  readonly by: Actor;
  readonly disqualification: Static<typeof LeadDisqualified.schema>;
}

export function decideDisqualifyLead(command: DisqualifyLead, state: LeadState): LeadEvent[] {
  const lead = requireLive(state, command.disqualification.leadId);
  requireOwner(lead, command.by);
  return [{ type: 'LeadDisqualified', data: command.disqualification }];
}
