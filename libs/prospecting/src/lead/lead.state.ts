/** What the Lead decider needs to know of a lead's history, folded from its events. */
import { assertNever } from '#libs/event-sourcing';
import type { LeadEvent } from '#libs/contracts';

export interface OpenLead {
  readonly status: 'open';
  readonly leadId: string;
  readonly leadGeneratorId: string | undefined;
  readonly attempts: number;
  readonly reached: boolean;
}

export type LeadState =
  | { readonly status: 'none' }
  | OpenLead
  | { readonly status: 'qualified'; readonly leadId: string; readonly leadGeneratorId: string | undefined; readonly attempts: number }
  | { readonly status: 'disqualified'; readonly leadId: string; readonly leadGeneratorId: string | undefined }
  | { readonly status: 'handed-off'; readonly leadId: string; readonly hunterId: string; readonly dealId: string };

export const initialLeadState: LeadState = { status: 'none' };

export function evolveLead(state: LeadState, event: LeadEvent): LeadState {
  switch (event.type) {
    case 'LeadCaptured':
      return { status: 'open', leadId: event.data.leadId, leadGeneratorId: undefined, attempts: 0, reached: false };
    case 'LeadAssigned':
      return state.status === 'open' || state.status === 'qualified' ? { ...state, leadGeneratorId: event.data.leadGeneratorId } : state;
    case 'LeadContactAttempted':
      return state.status === 'open'
        ? { ...state, attempts: state.attempts + 1, reached: state.reached || event.data.outcome === 'reached' }
        : state;
    case 'LeadQualified':
      return state.status === 'open'
        ? { status: 'qualified', leadId: state.leadId, leadGeneratorId: state.leadGeneratorId, attempts: state.attempts }
        : state;
    case 'LeadDisqualified':
      return state.status === 'open' || state.status === 'qualified'
        ? { status: 'disqualified', leadId: state.leadId, leadGeneratorId: state.leadGeneratorId }
        : state;
    case 'LeadHandedOff':
      return { status: 'handed-off', leadId: event.data.leadId, hunterId: event.data.hunterId, dealId: event.data.dealId };
    default:
      return assertNever(event);
  }
}
