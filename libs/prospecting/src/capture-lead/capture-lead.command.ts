import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import { LeadCaptured, type LeadEvent } from '#libs/contracts';
import type { EventActor } from '#libs/event-store';
import type { LeadState } from '../lead/lead.state';

export interface CaptureLead {
  readonly type: 'CaptureLead';
  readonly by: EventActor;
  readonly lead: Static<typeof LeadCaptured.schema>;
}

export function decideCaptureLead(command: CaptureLead, state: LeadState): LeadEvent[] {
  if (state.status !== 'none') {
    throw invalidTransition('lead-already-captured', `lead ${command.lead.leadId} already exists`);
  }
  return [{ type: 'LeadCaptured', data: command.lead }];
}
