/** What the Lead decider needs to know of a lead's history, folded from its events. */
import { assertNever } from '#libs/event-sourcing';
import type { Static } from '@sinclair/typebox';
import type { Company, Contact, LeadEvent, Money } from '#libs/contracts';

/** Who the lead is: what a handoff passes on to the hunter. */
interface LeadIdentity {
  readonly leadId: string;
  readonly company: Static<typeof Company>;
  readonly contact: Static<typeof Contact>;
}

interface OpenLead extends LeadIdentity {
  readonly status: 'open';
  readonly leadGeneratorId: string | undefined;
  readonly attempts: number;
  readonly reached: boolean;
}

interface QualifiedLead extends LeadIdentity {
  readonly status: 'qualified';
  readonly leadGeneratorId: string | undefined;
  readonly attempts: number;
  readonly estimatedValue: Static<typeof Money>;
}

export type LeadState =
  | { readonly status: 'none' }
  | OpenLead
  | QualifiedLead
  | { readonly status: 'disqualified'; readonly leadId: string; readonly leadGeneratorId: string | undefined }
  | { readonly status: 'handed-off'; readonly leadId: string; readonly hunterId: string; readonly dealId: string };

export const initialLeadState: LeadState = { status: 'none' };

export function evolveLead(state: LeadState, event: LeadEvent): LeadState {
  switch (event.type) {
    case 'LeadCaptured':
      return {
        status: 'open',
        leadId: event.data.leadId,
        company: event.data.company,
        contact: event.data.contact,
        leadGeneratorId: undefined,
        attempts: 0,
        reached: false,
      };
    case 'LeadAssigned':
      return state.status === 'open' || state.status === 'qualified' ? { ...state, leadGeneratorId: event.data.leadGeneratorId } : state;
    case 'LeadContactAttempted':
      return state.status === 'open'
        ? { ...state, attempts: state.attempts + 1, reached: state.reached || event.data.outcome === 'reached' }
        : state;
    case 'LeadQualified':
      return state.status === 'open'
        ? {
            status: 'qualified',
            leadId: state.leadId,
            company: state.company,
            contact: state.contact,
            leadGeneratorId: state.leadGeneratorId,
            attempts: state.attempts,
            estimatedValue: event.data.estimatedValue,
          }
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
