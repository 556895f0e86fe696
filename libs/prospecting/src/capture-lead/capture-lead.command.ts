import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import { LeadCaptured, type LeadEvent, type Actor } from '#libs/contracts';
import type { LeadState } from '../lead/lead.state';

export interface CaptureLead {
  readonly type: 'CaptureLead';
  readonly by: Actor;
  readonly lead: Static<typeof LeadCaptured.schema>;
}

export function decideCaptureLead(command: CaptureLead, state: LeadState): LeadEvent[] {
  if (state.status !== 'none') {
    throw invalidTransition('lead-already-captured', `lead ${command.lead.leadId} already exists`);
  }
  return [{ type: 'LeadCaptured', data: command.lead }];
}
